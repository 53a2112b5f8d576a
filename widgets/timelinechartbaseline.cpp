// TimelineChart: the baseline line on the right-hand axis, and series hidden by a legend click.

#include "timelinechart.h"
#include "timelinechart_p.h"

#include <QMouseEvent>

#include <algorithm>
#include <cmath>

namespace dnt {

namespace {

// Dark grey on white, light grey on the dark background: between the text colour and the background,
// so that it reads as context rather than as one more series (which have the palette's hues).
QColor baselineColor(const ChartTheme &theme)
{
    const auto mix = [](int fg, int bg) { return (fg * 3 + bg) / 4; };
    return QColor(mix(theme.foreground.red(), theme.background.red()), mix(theme.foreground.green(), theme.background.green()),
                  mix(theme.foreground.blue(), theme.background.blue()));
}

QString baselineLegendName(const QString &label)
{
    return TimelineChart::tr("baseline: %1").arg(label);
}

} // namespace

void TimelineChart::setupBaselineAxis()
{
    QCPAxis *axis = m_plot->yAxis2;
    axis->setTickLength(0, 5);
    axis->setSubTickLength(0, 3);
    axis->grid()->setVisible(false); // the left axis' grid is the one to read; two would clash
    axis->setVisible(false);
    axis->setRange(0, 1);
}

QCPGraph *TimelineChart::baselineGraph() const
{
    return d->baseline;
}

double TimelineChart::baselineValueAt(int i) const
{
    return i >= 0 && i < d->baselineValues.size() ? d->baselineValues.at(i) : std::nan("");
}

void TimelineChart::rebuildBaseline()
{
    const VolumeSeries &series = d->series;
    const qsizetype n = series.bucketStarts.size();
    d->baselineValues.clear();
    const BaselineSeries &baseline = d->baselineData;
    if (baseline.isNone() || n == 0 || baseline.counts.size() != n) {
        if (d->baseline) {
            m_plot->removePlottable(d->baseline);
            d->baseline = nullptr;
        }
        m_plot->yAxis2->setVisible(false);
        return;
    }
    const bool share = d->valueMode == ValueMode::Share;
    int64_t peak = 0;
    for (int64_t c : baseline.counts)
        peak = std::max(peak, c);
    d->baselineValues.resize(n);
    for (qsizetype i = 0; i < n; ++i) {
        const double c = double(std::max<int64_t>(0, baseline.counts.at(i)));
        d->baselineValues[i] = share ? (peak > 0 ? c / double(peak) : 0.0) : c;
    }
    if (!d->baseline)
        d->baseline = new QCPGraph(m_plot->xAxis, m_plot->yAxis2);
    QVector<double> keys, vals;
    keys.reserve(n);
    vals.reserve(n);
    for (qsizetype i = 0; i < n; ++i) {
        // Bucket centres, like the lines style; on a log axis an empty bucket is a gap.
        keys.append((d->left[i] + d->right[i]) / 2);
        const double v = d->baselineValues.at(i);
        vals.append(d->logScale && v <= 0 ? std::nan("") : v);
    }
    d->baseline->setData(keys, vals, true);
    d->baseline->setLineStyle(QCPGraph::lsLine);
    d->baseline->setName(baselineLegendName(baseline.label));
    d->baseline->addToLegend();

    QCPAxis *axis = m_plot->yAxis2;
    axis->setVisible(true);
    axis->setTickLabels(true);
    if (d->logScale) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    } else {
        axis->setScaleType(QCPAxis::stLinear);
        if (share)
            axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        else
            axis->setTicker(d->yTicker);
    }
    axis->setLabel(share ? tr("%1 (1 = busiest bucket)").arg(baseline.label)
                         : tr("%1 per %2").arg(baseline.label, bucketUnitLabel(series.unit)));
}

void TimelineChart::updateBaselineRange()
{
    if (!d->baseline)
        return;
    // Fitted to the visible buckets, like the left axis.
    const QCPRange x = m_plot->xAxis->range();
    double maximum = 0, minimum = 0;
    for (qsizetype i = 0; i < d->baselineValues.size(); ++i) {
        if (d->right.value(i) < x.lower || d->left.value(i) > x.upper)
            continue;
        maximum = std::max(maximum, d->baselineValues.at(i));
    }
    if (d->logScale) {
        minimum = d->valueMode == ValueMode::Share ? 1e-3 : 0.5;
        m_plot->yAxis2->setRange(minimum, maximum > minimum ? maximum * 2 : minimum * 10);
        return;
    }
    m_plot->yAxis2->setRange(0, maximum > 0 ? maximum * 1.1 : 1.0);
}

void TimelineChart::styleOverlay()
{
    if (d->baseline) {
        QPen pen(baselineColor(d->theme), 2, Qt::DashLine);
        d->baseline->setPen(pen);
    }
    // Hidden series stay in the legend, faded and struck through: the entry to click to get them back.
    QColor faded = d->theme.foreground;
    faded.setAlpha(110);
    for (int i = 0; i < m_plot->legend->itemCount(); ++i) {
        auto *item = qobject_cast<QCPPlottableLegendItem *>(m_plot->legend->item(i));
        if (!item)
            continue;
        const bool hidden = item->plottable() != d->baseline && d->hidden.contains(seriesLabelOf(item->plottable()));
        QFont font = m_plot->legend->font();
        font.setStrikeOut(hidden);
        item->setFont(font);
        item->setTextColor(hidden ? faded : d->theme.foreground);
    }
}

QString TimelineChart::seriesLabelOf(const QCPAbstractPlottable *plottable) const
{
    for (qsizetype s = 0; s < d->series.series.size(); ++s)
        if ((s < d->bars.size() && d->bars.at(s) == plottable) || (s < d->graphs.size() && d->graphs.at(s) == plottable))
            return d->series.series.at(s).label;
    return plottable->name();
}

void TimelineChart::setHiddenSeries(const QStringList &labels)
{
    const QSet<QString> hidden(labels.cbegin(), labels.cend());
    if (hidden == d->hidden)
        return;
    d->hidden = hidden;
    rebuildPlottables();
}

QStringList TimelineChart::hiddenSeries() const
{
    QStringList out;
    for (const auto &s : d->series.series)
        if (d->hidden.contains(s.label))
            out << s.label;
    return out;
}

bool TimelineChart::isSeriesHidden(int s) const
{
    return s >= 0 && s < d->series.series.size() && d->hidden.contains(d->series.series.at(s).label);
}

void TimelineChart::toggleSeries(const QString &label)
{
    if (!d->hidden.remove(label))
        d->hidden.insert(label);
    rebuildPlottables();
    emit hiddenSeriesChanged(hiddenSeries());
}

void TimelineChart::setHiddenListed(bool listed)
{
    if (d->hiddenListed == listed)
        return;
    d->hiddenListed = listed;
    rebuildPlottables();
}

void TimelineChart::onLegendClick(QCPLegend *, QCPAbstractLegendItem *item, QMouseEvent *event)
{
    auto *entry = qobject_cast<QCPPlottableLegendItem *>(item);
    if (!entry || event->button() != Qt::LeftButton || entry->plottable() == d->baseline)
        return; // the baseline is switched in the toolbar, not here
    // Queued: rebuilding the legend deletes the item QCustomPlot is still handling this click for.
    // The legend names a series by its display label ("other (8 clients)"); hiding goes by its label.
    const QString label = seriesLabelOf(entry->plottable());
    QMetaObject::invokeMethod(this, [this, label] { toggleSeries(label); }, Qt::QueuedConnection);
}

} // namespace dnt
