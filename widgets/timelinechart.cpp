#include "timelinechart.h"
#include "timelinechart_p.h"

#include "batchedbars.h"
#include "charttheme.h"
#include "categorylegend.h"
#include "eventmarkers.h"
#include "integerticker.h"
#include "legendnote.h"
#include "percentticker.h"
#include "plotimage.h"
#include "timeutil.h"
#include "utcdateticker.h"

#include <qcustomplot.h>

#include <QEvent>
#include <QMouseEvent>
#include <QImageWriter>
#include <QSaveFile>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace dnt {

namespace {

// Lines of series 8–12 are dashed: their colour repeats one of series 1–5 (see ChartTheme).
QPen seriesPen(const ChartTheme &theme, int index)
{
    return QPen(theme.seriesColor(index), 2, theme.seriesPatterned(index) ? Qt::DashLine : Qt::SolidLine);
}

} // namespace

// A series' own colour (a source group's) if it has one, else the theme's palette in order; "other"
// is always the theme's grey; faded for a hidden series, whose plottable draws only its legend icon.
static QColor seriesColor(const ChartTheme &theme, const VolumeSeries &series, qsizetype s, bool hidden = false)
{
    if (s < series.series.size() && series.series.at(s).isOther)
        return theme.other;
    const QColor own(s < series.series.size() ? series.series.at(s).color : QString());
    QColor color = own.isValid() ? own : theme.seriesColor(int(s));
    if (hidden)
        color.setAlpha(60);
    return color;
}

// "other" is plain grey: never hatched or dashed like a repeated palette colour.
static bool seriesPatterned(const ChartTheme &theme, const VolumeSeries &series, qsizetype s)
{
    return !(s < series.series.size() && series.series.at(s).isOther) && theme.seriesPatterned(int(s));
}


TimelineChart::TimelineChart(QWidget *parent) : QWidget(parent), d(new Private)
{
    m_plot = new QCustomPlot(this);
    setFocusPolicy(Qt::StrongFocus); // for + - arrows Home; a click on the plot focuses the chart
    m_plot->setMouseTracking(true);  // hover tooltips
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    // Numbers on the axis must not depend on the machine either: one fixed locale.
    m_plot->setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    m_plot->setAutoAddPlottableToLegend(false);
    m_plot->setNoAntialiasingOnDrag(true);

    d->xTicker.reset(new UtcDateTicker);
    // The viewport is the size being rendered (widget or export); ~90 px go to the y axis.
    d->xTicker->setPixelWidthSource([this] { return m_plot->viewport().width() - 90; });
    d->yTicker.reset(new IntegerTicker);
    m_plot->xAxis->setTicker(d->xTicker);
    m_plot->yAxis->setTicker(d->yTicker);
    m_plot->xAxis->setLabel(tr("time (UTC)"));
    m_plot->yAxis->setLabel(tr("lookups per %1").arg(bucketUnitLabel(d->series.unit)));
    // Ticks point outwards: inside the plot they would cut into the bars.
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setTickLength(0, 5);
        axis->setSubTickLength(0, 3);
    }
    m_plot->xAxis->grid()->setZeroLinePen(Qt::NoPen);
    m_plot->yAxis->grid()->setZeroLinePen(Qt::NoPen);
    m_plot->yAxis->setRange(0, 1);

    // Only x moves: y always fits the visible data.
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->axisRect()->setRangeDragAxes(m_plot->xAxis, nullptr);
    m_plot->axisRect()->setRangeZoomAxes(m_plot->xAxis, nullptr);

    // Markers get a buffered layer of their own above the data, so that changing the events
    // repaints only them.
    m_plot->addLayer(kMarkerLayer, m_plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    m_plot->layer(kMarkerLayer)->setMode(QCPLayer::lmBuffered);
    d->markers = new EventMarkers(m_plot->axisRect(), kMarkerLayer);

    QFont titleFont = font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    d->title = new QCPTextElement(m_plot, QString(), titleFont);

    // The legend goes in a row under the plot rather than inside it, where it would cover bars and
    // event labels.
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    d->legendRow = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(1, 0, d->legendRow); // a grid needs a parent plot before it gets children
    d->legendRow->addElement(0, 0, m_plot->legend);
    d->legendRow->addElement(0, 1, new QCPLayoutElement(m_plot));
    d->legendRow->setColumnStretchFactors({0.001, 1});
    d->legendRow->setMargins(QMargins(0, 0, 0, 0));
    m_plot->plotLayout()->take(d->legendRow);
    m_plot->plotLayout()->simplify();
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setWrap(6);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setVisible(false);

    d->categoryLegend = new CategoryLegend(m_plot);
    m_plot->plotLayout()->addElement(m_plot->plotLayout()->rowCount(), 0, d->categoryLegend);
    m_plot->plotLayout()->take(d->categoryLegend);
    m_plot->plotLayout()->simplify();

    d->emptyText = new QCPItemText(m_plot);
    d->emptyText->setLayer(kMarkerLayer);
    d->emptyText->position->setType(QCPItemPosition::ptAxisRectRatio);
    d->emptyText->position->setCoords(0.5, 0.5);
    d->emptyText->setPositionAlignment(Qt::AlignCenter);
    d->emptyText->setTextAlignment(Qt::AlignCenter);
    QFont emptyFont = font();
    emptyFont.setPointSizeF(emptyFont.pointSizeF() * 1.2);
    d->emptyText->setFont(emptyFont);

    d->debounce = new QTimer(this);
    d->debounce->setSingleShot(true);
    d->debounce->setInterval(kRangeDebounceMs);
    connect(d->debounce, &QTimer::timeout, this, [this] {
        const auto [from, to] = visibleRange();
        emit visibleRangeChanged(from, to, m_plot->axisRect()->width());
    });
    connect(m_plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, &TimelineChart::onXRangeChanged);

    // A click on a marker (press and release without a drag) tells which event it is; a double-click in
    // the plot is where an event can be added; a double-click on the time axis resets the view.
    // Dragging a marker moves its event, dragging a span's edge resizes it, Alt-dragging on the plot
    // draws a new span; each ends in one signal, so that the owner makes it one undo step. While such a
    // drag runs, the plot's own range drag is off.
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent *e) { onMousePress(e); });
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent *e) { onMouseMove(e); });
    connect(m_plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent *e) { onMouseRelease(e); });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent *e) {
        const QRect area = m_plot->axisRect()->rect();
        if (area.contains(e->pos())) {
            emit timeDoubleClicked(bucketStartAtPixel(e->pos().x()));
        } else if (e->pos().y() > area.bottom() && e->pos().x() >= area.left() && e->pos().x() <= area.right()) {
            resetView();
        }
    });

    setupBaselineAxis();
    connect(m_plot, &QCustomPlot::legendClick, this, &TimelineChart::onLegendClick);

    applyTheme(screenIsDark() ? ChartTheme::dark() : ChartTheme::light());
    updateLayoutElements();
    updateEmptyState();
}

TimelineChart::~TimelineChart()
{
    // Elements taken out of the layout are put back, so that QCustomPlot deletes them in its own
    // order (the legend must outlive the plottables that remove themselves from it).
    QCPLayoutGrid *grid = m_plot->plotLayout();
    if (!grid->hasElement(0, 0) || grid->element(0, 0) != d->title)
        grid->addElement(grid->rowCount(), 0, d->title);
    if (d->legendRow->layout() == nullptr)
        grid->addElement(grid->rowCount(), 0, d->legendRow);
    if (d->categoryLegend->layout() == nullptr)
        grid->addElement(grid->rowCount(), 0, d->categoryLegend);
    delete d;
}

bool TimelineChart::screenIsDark() const
{
    // Qt 6.4 has no QStyleHints::colorScheme: infer it from the palette.
    return palette().color(QPalette::Window).lightness() < 128;
}

void TimelineChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyTheme(screenIsDark() ? ChartTheme::dark() : ChartTheme::light());
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void TimelineChart::applyTheme(const ChartTheme &theme)
{
    d->theme = theme;
    m_plot->setBackground(theme.background);
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis, m_plot->yAxis2}) {
        axis->setBasePen(QPen(theme.foreground, 1));
        axis->setTickPen(QPen(theme.foreground, 1));
        axis->setSubTickPen(QPen(theme.foreground, 1));
        axis->setTickLabelColor(theme.foreground);
        axis->setLabelColor(theme.foreground);
        axis->grid()->setPen(QPen(theme.grid, 1, Qt::SolidLine));
    }
    d->title->setTextColor(theme.foreground);
    m_plot->legend->setBrush(theme.background);
    m_plot->legend->setTextColor(theme.foreground);
    if (d->categoryLegend)
        d->categoryLegend->setTheme(theme);
    d->emptyText->setColor(theme.emptyText);
    for (int i = 0; i < d->bars.size(); ++i) {
        d->bars[i]->setColor(seriesColor(theme, d->series, i, isSeriesHidden(i)));
        d->bars[i]->setHatched(seriesPatterned(theme, d->series, i), theme.background);
    }
    for (int i = 0; i < d->graphs.size(); ++i) {
        QPen pen = seriesPen(theme, i);
        pen.setStyle(seriesPatterned(theme, d->series, i) ? Qt::DashLine : Qt::SolidLine);
        pen.setColor(seriesColor(theme, d->series, i, isSeriesHidden(i)));
        d->graphs[i]->setPen(pen);
    }
    d->markers->setTheme(theme);
    styleOverlay();
}

void TimelineChart::setSeries(const VolumeSeries &series, const BaselineSeries &baseline)
{
    d->series = series;
    // A baseline that does not fit the buckets is not drawn rather than drawn against the wrong times.
    d->baselineData = baseline.counts.size() == series.bucketStarts.size() ? baseline : BaselineSeries{};
    const qsizetype n = series.bucketStarts.size();
    d->left.resize(n);
    d->right.resize(n);
    d->stacked.fill(0, n);
    const QTimeZone zone(series.zone);
    for (qsizetype i = 0; i < n; ++i) {
        const int64_t start = series.bucketStarts.at(i);
        // Only the last bar needs the rule; the others end where the next one starts.
        int64_t end = i + 1 < n ? series.bucketStarts.at(i + 1) : bucketNext(start, series.unit, zone);
        if (i + 1 < n)
            end = std::min(end, series.bucketStarts.at(i + 1));
        d->left[i] = toSeconds(start);
        d->right[i] = toSeconds(std::max(end, start + 1));
    }

    QVector<int64_t> base(n, 0);
    for (const auto &one : series.series)
        for (qsizetype i = 0; i < n && i < one.counts.size(); ++i)
            base[i] += std::max<int64_t>(0, one.counts.at(i));
    d->stacked = base;
    d->hasLookups = std::any_of(base.cbegin(), base.cend(), [](int64_t v) { return v > 0; });
    rebuildPlottables();

    if (!d->rangeSet) {
        if (const auto extent = dataExtent()) {
            ++d->programmatic;
            setXRangeSeconds(toSeconds(extent->first), toSeconds(extent->second));
            --d->programmatic;
            d->rangeSet = true;
        }
    }
    updateYRange();
    updateLayoutElements();
    updateEmptyState();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

const VolumeSeries &TimelineChart::series() const
{
    return d->series;
}

const BaselineSeries &TimelineChart::baseline() const
{
    return d->baselineData;
}

std::optional<std::pair<int64_t, int64_t>> TimelineChart::dataExtent() const
{
    if (d->series.bucketStarts.isEmpty())
        return std::nullopt;
    return std::make_pair(toMicroseconds(d->left.first()), toMicroseconds(d->right.last()));
}

void TimelineChart::setEvents(const QVector<Event> &events)
{
    d->events = events;
    d->markers->setEvents(events);
    const int before = static_cast<int>(d->categoryLegend->entries().size());
    refreshCategoryLegend();
    if (before != d->categoryLegend->entries().size()) {
        updateLayoutElements(); // the legend row comes or goes: the whole layout changes
        m_plot->replot();
        return;
    }
    // A buffered layer repaints on its own when the rest of the plot is unchanged.
    m_plot->layer(kMarkerLayer)->replot();
}

void TimelineChart::setDisplayZone(const QTimeZone &zone)
{
    d->xTicker->setZone(zone.isValid() ? zone : QTimeZone::utc());
    m_plot->xAxis->setLabel(tr("time (%1)").arg(zoneName(zone)));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QTimeZone TimelineChart::displayZone() const
{
    return d->xTicker->zone();
}

void TimelineChart::setTitle(const QString &title)
{
    d->titleText = title;
    d->title->setText(title);
    updateLayoutElements();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString TimelineChart::title() const
{
    return d->titleText;
}

void TimelineChart::updateLayoutElements()
{
    // Rows: [title], axis rect, [legend]. Elements that are not shown are taken out of the layout,
    // since an invisible element would still claim its row.
    QCPLayoutGrid *grid = m_plot->plotLayout();
    if (grid->hasElement(0, 0) && grid->element(0, 0) == d->title)
        grid->take(d->title);
    for (int r = 0; r < grid->rowCount(); ++r) {
        if (grid->hasElement(r, 0) && grid->element(r, 0) == d->legendRow)
            grid->take(d->legendRow);
    }
    grid->simplify();
    if (!d->titleText.isEmpty()) {
        grid->insertRow(0);
        grid->addElement(0, 0, d->title);
        grid->setRowStretchFactor(0, 0.001);
    }
    if (m_plot->legend->visible()) {
        const int row = grid->rowCount();
        grid->addElement(row, 0, d->legendRow);
        grid->setRowStretchFactor(row, 0.001);
    }
    for (int r = 0; r < grid->rowCount(); ++r)
        if (grid->hasElement(r, 0) && grid->element(r, 0) == d->categoryLegend)
            grid->take(d->categoryLegend);
    grid->simplify();
    if (!d->categoryLegend->entries().isEmpty()) {
        const int row = grid->rowCount();
        grid->addElement(row, 0, d->categoryLegend);
        grid->setRowStretchFactor(row, 0.001);
    }
}

void TimelineChart::setCategories(const QVector<EventCategory> &categories)
{
    d->categories = categories;
    QHash<QString, QColor> colors;
    QSet<QString> hidden;
    for (const EventCategory &c : categories) {
        colors.insert(c.name, QColor(c.color));
        if (!c.visible)
            hidden.insert(c.name);
    }
    d->markers->setCategoryColors(colors, hidden);
    refreshCategoryLegend();
    updateLayoutElements();
    m_plot->replot();
}

void TimelineChart::refreshCategoryLegend()
{
    // Only categories that have events and are shown; with one unnamed category there is nothing to tell.
    QSet<QString> used;
    for (const Event &e : d->markers->events())
        used.insert(e.category);
    QVector<CategoryLegend::Entry> entries;
    for (const EventCategory &c : std::as_const(d->categories))
        if (c.visible && used.contains(c.name))
            entries.append({c.name, QColor(c.color)});
    if (entries.size() == 1 && entries.first().name.isEmpty())
        entries.clear();
    d->categoryLegend->setEntries(entries);
}

void TimelineChart::setHomeRange(int64_t fromUs, int64_t toUs)
{
    if (toUs > fromUs)
        d->home = std::make_pair(fromUs, toUs);
    else
        d->home.reset();
}

void TimelineChart::setVisibleRange(int64_t fromUs, int64_t toUs)
{
    if (toUs < fromUs)
        std::swap(fromUs, toUs);
    ++d->programmatic;
    // Clamp in integers first: a double of INT64_MAX microseconds is still finite but meaningless.
    fromUs = std::clamp(fromUs, kMinVisibleUs, kMaxVisibleUs);
    toUs = std::clamp(toUs, kMinVisibleUs, kMaxVisibleUs);
    setXRangeSeconds(toSeconds(fromUs), toSeconds(toUs));
    --d->programmatic;
    d->rangeSet = true;
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

std::pair<int64_t, int64_t> TimelineChart::visibleRange() const
{
    const QCPRange r = m_plot->xAxis->range();
    return {toMicroseconds(r.lower), toMicroseconds(r.upper)};
}

QCPRange TimelineChart::normalisedRange(double lower, double upper) const
{
    const double minS = toSeconds(kMinVisibleUs), maxS = toSeconds(kMaxVisibleUs), minSpan = toSeconds(kMinSpanUs);
    if (!std::isfinite(lower) || !std::isfinite(upper)) {
        const auto fallback = d->home ? d->home : dataExtent();
        lower = fallback ? toSeconds(fallback->first) : 0;
        upper = fallback ? toSeconds(fallback->second) : 86400;
    }
    if (upper < lower)
        std::swap(lower, upper);
    if (upper - lower < minSpan) {
        const double mid = (lower + upper) / 2;
        lower = mid - minSpan / 2;
        upper = mid + minSpan / 2;
    }
    // Panning past an end keeps the width; zooming out past both ends stops at them.
    const double span = std::min(upper - lower, maxS - minS);
    if (lower < minS) {
        lower = minS;
        upper = minS + span;
    }
    if (upper > maxS) {
        upper = maxS;
        lower = maxS - span;
    }
    return QCPRange(lower, upper);
}

void TimelineChart::setXRangeSeconds(double lower, double upper)
{
    // Normalised before it reaches QCustomPlot, which silently refuses empty or huge ranges.
    const QCPRange r = normalisedRange(lower, upper);
    m_plot->xAxis->setRange(r);
    onXRangeChanged(); // rangeChanged fires only on a change; y must fit the data in any case
}

void TimelineChart::onXRangeChanged()
{
    if (d->adjusting)
        return;
    const QCPRange current = m_plot->xAxis->range();
    const QCPRange r = normalisedRange(current.lower, current.upper);
    if (r.lower != current.lower || r.upper != current.upper) {
        d->adjusting = true;
        m_plot->xAxis->setRange(r);
        d->adjusting = false;
    }
    updateYRange();
    if (d->programmatic == 0) {
        d->rangeSet = true;
        d->debounce->start();
    }
}

int64_t TimelineChart::visibleMaximum() const
{
    const QCPRange r = m_plot->xAxis->range();
    // Buckets are sorted and do not overlap, so the visible ones are one contiguous run.
    const auto first = std::upper_bound(d->right.cbegin(), d->right.cend(), r.lower) - d->right.cbegin();
    int64_t maximum = 0;
    for (qsizetype i = first; i < d->left.size() && d->left.at(i) < r.upper; ++i)
        maximum = std::max(maximum, d->stacked.at(i));
    return maximum;
}

std::optional<ChartStyle> chartStyleFromString(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("bars") || t == QLatin1String("stacked"))
        return ChartStyle::StackedBars;
    if (t == QLatin1String("lines"))
        return ChartStyle::Lines;
    if (t == QLatin1String("steps"))
        return ChartStyle::Steps;
    return std::nullopt;
}

std::optional<ValueMode> valueModeFromString(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("count"))
        return ValueMode::Count;
    if (t == QLatin1String("share"))
        return ValueMode::Share;
    return std::nullopt;
}

void TimelineChart::setStyle(ChartStyle style)
{
    d->style = style;
    rebuildPlottables();
}

ChartStyle TimelineChart::style() const
{
    return d->style;
}

void TimelineChart::setValueMode(ValueMode mode)
{
    d->valueMode = mode;
    rebuildPlottables();
}

ValueMode TimelineChart::valueMode() const
{
    return d->valueMode;
}

void TimelineChart::setLogScale(bool log)
{
    d->logScale = log;
    m_plot->yAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    rebuildPlottables(); // picks the ticker
}

bool TimelineChart::logScale() const
{
    return d->logScale;
}

double TimelineChart::valueAt(int s, int i) const
{
    if (s < 0 || s >= d->values.size() || i < 0 || i >= d->values.at(s).size())
        return std::nan("");
    return d->values.at(s).at(i);
}

void TimelineChart::rebuildPlottables()
{
    const VolumeSeries &series = d->series;
    const qsizetype n = series.bucketStarts.size();
    const bool share = d->valueMode == ValueMode::Share && series.allCounts.size() == n;
    // Values: counts, or the fraction of all lookups in the bucket (an empty bucket has no share).
    d->values.clear();
    for (const auto &one : series.series) {
        QVector<double> v(n, 0.0);
        for (qsizetype i = 0; i < n; ++i) {
            const double count = i < one.counts.size() ? double(std::max<int64_t>(0, one.counts.at(i))) : 0.0;
            v[i] = share ? (series.allCounts.at(i) > 0 ? count / double(series.allCounts.at(i)) : 0.0) : count;
        }
        d->values.append(v);
    }
    // On a log axis nothing can start at 0: bars start at a floor below the smallest value drawn.
    double smallest = 1.0;
    for (const auto &v : d->values)
        for (double x : v)
            if (x > 0)
                smallest = std::min(smallest, x);
    const double floor = d->logScale ? (share ? smallest / 2 : 0.5) : 0.0;

    const bool bars = d->style == ChartStyle::StackedBars;
    while (d->bars.size() > (bars ? series.series.size() : 0))
        m_plot->removePlottable(d->bars.takeLast());
    while (d->graphs.size() > (bars ? 0 : series.series.size()))
        m_plot->removePlottable(d->graphs.takeLast());
    m_plot->legend->clearItems();
    d->top = QVector<double>(n, 0.0);
    QVector<double> base(n, 0.0);
    // A legend when there is something to tell apart: several series, or a series and its baseline.
    // "other" alone (a group split where no group asked) is named too.
    const bool legend = series.series.size() > 1 || series.other() || (!d->baselineData.isNone() && n > 0);
    d->stacked.fill(0, n);
    for (qsizetype s = 0; s < series.series.size(); ++s) {
        const QVector<double> &v = d->values.at(s);
        // A hidden series keeps its plottable (and legend entry, to be shown again) but draws nothing
        // and adds nothing to the stack, the y range or the totals.
        const bool hidden = isSeriesHidden(int(s));
        const QColor color = seriesColor(d->theme, series, s, hidden);
        const bool listed = legend && (!hidden || d->hiddenListed);
        if (!hidden) {
            const auto &counts = series.series.at(s).counts;
            for (qsizetype i = 0; i < n && i < counts.size(); ++i)
                d->stacked[i] += std::max<int64_t>(0, counts.at(i));
        }
        if (bars) {
            if (d->bars.size() <= s)
                d->bars.append(new BatchedBars(m_plot->xAxis, m_plot->yAxis));
            QVector<BatchedBars::Bar> rects;
            rects.reserve(n);
            for (qsizetype i = 0; i < n && !hidden; ++i) {
                if (v[i] > 0)
                    rects.append({d->left[i], d->right[i], std::max(floor, base[i]), base[i] + v[i]});
                base[i] += v[i];
                d->top[i] = base[i];
            }
            d->bars[s]->setVisible(!hidden);
            d->bars[s]->setColor(color);
            d->bars[s]->setHatched(seriesPatterned(d->theme, series, s), d->theme.background);
            d->bars[s]->setBars(std::move(rects));
            d->bars[s]->setName(series.series.at(s).displayLabel(series.split));
            if (listed)
                d->bars[s]->addToLegend();
            continue;
        }
        if (d->graphs.size() <= s)
            d->graphs.append(new QCPGraph(m_plot->xAxis, m_plot->yAxis));
        QCPGraph *g = d->graphs[s];
        QPen pen = seriesPen(d->theme, int(s));
        pen.setColor(color);
        pen.setStyle(seriesPatterned(d->theme, series, s) ? Qt::DashLine : Qt::SolidLine);
        g->setPen(pen);
        g->setName(series.series.at(s).displayLabel(series.split));
        g->setAdaptiveSampling(true);
        QVector<double> keys, vals;
        keys.reserve(n + 1);
        vals.reserve(n + 1);
        const bool steps = d->style == ChartStyle::Steps;
        g->setLineStyle(steps ? QCPGraph::lsStepLeft : QCPGraph::lsLine);
        for (qsizetype i = 0; i < n; ++i) {
            // Lines join bucket centres; steps hold each value across its bucket. On a log axis an
            // empty bucket is a gap (NaN), never a value QCustomPlot cannot place.
            const double y = (d->logScale && v[i] <= 0) ? std::nan("") : v[i];
            keys.append(steps ? d->left[i] : (d->left[i] + d->right[i]) / 2);
            vals.append(y);
            if (!hidden)
                d->top[i] = std::max(d->top[i], v[i]);
        }
        if (steps && n > 0) {
            keys.append(d->right[n - 1]);
            vals.append(vals.last());
        }
        g->setData(keys, vals, true);
        g->setVisible(!hidden);
        if (listed)
            g->addToLegend();
    }
    // Group series can overlap: say so where the series are named, so that nobody adds them up blindly.
    if (legend && series.sharedClients > 0)
        m_plot->legend->addItem(new LegendNote(m_plot->legend, VolumeSeries::sharedClientsText(series.sharedClients)));
    rebuildBaseline();
    m_plot->legend->setVisible(legend);
    styleOverlay();
    // Counts get whole-number ticks, shares per cent; a log axis ticks at powers of ten.
    if (d->logScale)
        m_plot->yAxis->setTicker(share ? QSharedPointer<QCPAxisTickerLog>(new PercentLogTicker)
                                       : QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    else if (share)
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new PercentTicker));
    else
        m_plot->yAxis->setTicker(d->yTicker);
    m_plot->yAxis->setLabel(share ? tr("share of all lookups per %1").arg(bucketUnitLabel(series.unit))
                                  : tr("lookups per %1").arg(bucketUnitLabel(series.unit)));
    updateYRange();
    updateLayoutElements();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelineChart::updateYRange()
{
    // The highest value drawn inside the visible x range (stack tops for bars).
    const QCPRange x = m_plot->xAxis->range();
    double maximum = 0, minimum = 0;
    for (qsizetype i = 0; i < d->top.size(); ++i) {
        if (d->right.value(i) < x.lower || d->left.value(i) > x.upper)
            continue;
        maximum = std::max(maximum, d->top[i]);
    }
    if (d->logScale) {
        minimum = 1.0;
        for (const auto &v : d->values)
            for (double y : v)
                if (y > 0)
                    minimum = std::min(minimum, y);
        minimum = d->valueMode == ValueMode::Share ? minimum / 2 : 0.5;
        m_plot->yAxis->setRange(minimum, maximum > minimum ? maximum * 2 : minimum * 10);
        updateBaselineRange();
        return;
    }
    if (d->valueMode == ValueMode::Share && !d->series.allCounts.isEmpty())
        m_plot->yAxis->setRange(0, maximum > 0 ? std::min(1.05, maximum * 1.1) : 1.0);
    else
        m_plot->yAxis->setRange(0, maximum > 0 ? maximum * 1.1 : 1.0);
    updateBaselineRange();
}

void TimelineChart::setEmptyMessage(const QString &text)
{
    d->emptyMessage = text;
    updateEmptyState();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString TimelineChart::emptyMessage() const
{
    return d->emptyMessage;
}

bool TimelineChart::isShowingEmptyMessage() const
{
    return d->emptyText->visible();
}

void TimelineChart::updateEmptyState()
{
    const bool empty = !d->hasLookups;
    d->emptyText->setText(d->emptyMessage);
    d->emptyText->setVisible(empty);
    // Without data, numbers and dates on the axes would suggest a measurement of zero over some
    // arbitrary period; the message alone says what is going on.
    m_plot->yAxis->setTickLabels(!empty);
    m_plot->yAxis->grid()->setVisible(!empty);
    m_plot->xAxis->setTickLabels(!empty || d->rangeSet);
    m_plot->xAxis->grid()->setVisible(!empty);
}

void TimelineChart::resetView()
{
    const auto target = d->home ? d->home : dataExtent();
    if (!target)
        return;
    ++d->programmatic;
    setXRangeSeconds(toSeconds(target->first), toSeconds(target->second));
    --d->programmatic;
    d->rangeSet = true;
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    // A reset is the user's doing: the owner re-queries for the new range like after a zoom.
    d->debounce->start();
}

QVector<EventLabel> TimelineChart::eventLabels() const
{
    return d->markers->labels();
}

QSize TimelineChart::clampImageSize(QSize size)
{
    return {std::clamp(size.width(), kMinImageSide, kMaxImageSide), std::clamp(size.height(), kMinImageSide, kMaxImageSide)};
}

QImage TimelineChart::renderImage(QSize size)
{
    return renderPlotImage(m_plot, clampImageSize(size), d->theme, [this](const ChartTheme &t) { applyTheme(t); });
}

bool TimelineChart::exportPng(const QString &path, QSize size, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (path.isEmpty())
        return fail(tr("No file name given for the PNG export"));
    QImage image = renderImage(size);
    if (image.isNull())
        return fail(tr("Cannot render the chart at %1×%2 pixels").arg(size.width()).arg(size.height()));
    if (!d->titleText.isEmpty())
        image.setText(QStringLiteral("Title"), d->titleText);
    image.setText(QStringLiteral("Software"), QStringLiteral("DNS Timeline " DNT_VERSION));

    // QSaveFile writes a temporary file next to the target and renames it on commit: a failed or
    // interrupted export never leaves a truncated image, nor destroys an older one of that name.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(tr("Cannot write %1: %2").arg(path, file.errorString()));
    QImageWriter writer(&file, "png");
    if (!writer.write(image)) {
        file.cancelWriting();
        return fail(tr("Cannot write %1: %2").arg(path, writer.errorString()));
    }
    if (!file.commit())
        return fail(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return true;
}

} // namespace dnt
