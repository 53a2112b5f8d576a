#include "viewrender.h"

#include "baselinequery.h"
#include "eventeditor.h"
#include "timelinechart.h"

namespace dnt {

VolumeQuery viewQuery(const Store &store, const ViewSpec &view, int width)
{
    VolumeQuery q;
    q.selection = view.selection;
    q.fromUs = view.fromUs;
    q.toUs = view.toUs;
    q.split = view.split;
    q.zone = view.zone == QLatin1String("UTC") ? QTimeZone::utc() : QTimeZone(view.zone.toUtf8());
    q.withAllCounts = view.values == QLatin1String("share");
    if (view.bucket) {
        q.unit = *view.bucket;
    } else {
        int64_t from = q.fromUs.value_or(0), to = q.toUs.value_or(0);
        if (!q.fromUs || !q.toUs) {
            if (const auto range = store.timeRange(q.selection)) {
                from = q.fromUs.value_or(range->first);
                to = q.toUs.value_or(range->second + 1);
            }
        }
        q.unit = autoBucketUnit(std::max<int64_t>(0, to - from), width);
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
        chart.setHomeRange(v.fromUs, v.toUs);
        chart.setVisibleRange(v.fromUs, v.toUs);
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
