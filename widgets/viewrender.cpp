#include "viewrender.h"

#include "baselinequery.h"
#include "eventeditor.h"
#include "timelinechart.h"

namespace dnt {

VolumeQuery viewQuery(const Store &store, const ViewSpec &view, int width)
{
    VolumeQuery q;
    q.selection = view.selection;
    q.split = view.split;
    q.zone = view.zone == QLatin1String("UTC") ? QTimeZone::utc() : QTimeZone(view.zone.toUtf8());
    q.withAllCounts = view.values == QLatin1String("share");
    // The same resolution as the GUI's chart pane (a relative range counts back from the last lookup).
    const auto range = resolveRange(view.rangeChoice(), store.projectTimeRange(), store.timeRange(q.selection), q.zone);
    const int64_t span = range ? range->toUs - range->fromUs : 0;
    q.unit = view.bucket ? *view.bucket : autoBucketUnit(span, width);
    if (range) {
        const auto [from, to] = shownRange(*range, q.unit, q.zone);
        q.fromUs = from;
        q.toUs = to;
    }
    return q;
}

bool setupViewChart(TimelineChart &chart, const Store &store, const ViewSpec &view, QSize size, QString *error)
{
    const VolumeQuery q = viewQuery(store, view, size.width());
    if (!q.zone.isValid()) {
        *error = QStringLiteral("unknown time zone \"%1\"").arg(view.zone);
        return false;
    }
    const ChartVolume result = volumeWithBaseline(store, q, view.baseline);
    const VolumeSeries &v = result.series;
    if (!v.error.isEmpty()) {
        *error = v.error;
        return false;
    }
    chart.resize(size);
    chart.setDisplayZone(q.zone);
    chart.setStyle(chartStyleFromString(view.style).value_or(ChartStyle::StackedBars));
    chart.setValueMode(valueModeFromString(view.values).value_or(ValueMode::Count));
    chart.setLogScale(view.log);
    chart.setTitle(!view.title.isEmpty()
                       ? view.title
                       : QStringLiteral("%1 — lookups per %2").arg(q.selection.describe(), bucketUnitLabel(q.unit)));
    const QVector<Event> events = store.events();
    chart.setEvents(events);
    QVector<EventCategory> categories = mergeCategories(store.categories(), events);
    for (EventCategory &c : categories)
        c.visible = view.categories.value(c.name, c.visible);
    chart.setCategories(categories);
    chart.setHiddenSeries(view.hidden);
    chart.setSeries(v, result.baseline);
    if (!v.bucketStarts.isEmpty()) {
        // The view's range exactly (whole buckets for a span), as the GUI shows it.
        const int64_t from = q.fromUs.value_or(v.fromUs), to = q.toUs.value_or(v.toUs);
        chart.setHomeRange(from, to);
        chart.setVisibleRange(from, to);
    }
    return true;
}

bool renderView(const Store &store, const ViewSpec &view, const QString &output, const ExportOptions &options,
                QString *error)
{
    TimelineChart chart;
    if (!setupViewChart(chart, store, view, options.size, error))
        return false;
    Provenance provenance = Provenance::fromChart(chart);
    provenance.files = store.files();
    provenance.selection = view.selection.describe();
    // No wall-clock time in the file unless SOURCE_DATE_EPOCH asks for one: the same command on the same
    // project must give the same bytes, wherever and whenever it runs.
    if (qEnvironmentVariableIsEmpty("SOURCE_DATE_EPOCH"))
        provenance.generatedAt.clear();
    return exportChart(chart, output, options, provenance, error);
}

} // namespace dnt
