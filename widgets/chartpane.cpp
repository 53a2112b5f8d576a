#include "chartpane.h"

#include "rasterview.h"
#include "readjobrunner.h"
#include "timelinechart.h"
#include "timeutil.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace dnt {

namespace {

struct WholeResult
{
    std::optional<std::pair<int64_t, int64_t>> range;
    VolumeSeries series;
};

} // namespace

ChartPane::ChartPane(ReadJobRunner *runner, QWidget *parent) : QWidget(parent), m_runner(runner)
{
    m_chart = new TimelineChart(this);
    auto *reset = new QToolButton(this);
    reset->setText(tr("Reset view"));
    reset->setToolTip(tr("Show the whole time range of the selection (Home)"));
    reset->setShortcut(Qt::Key_Home);
    m_splitClients = new QCheckBox(tr("One series per client"), this);
    m_splitClients->setToolTip(tr("Split the selected lookups into one stacked series per client (the 12 busiest)"));
    m_style = new QComboBox(this);
    m_style->addItem(tr("Stacked bars"), int(ChartStyle::StackedBars));
    m_style->addItem(tr("Lines"), int(ChartStyle::Lines));
    m_style->addItem(tr("Step lines"), int(ChartStyle::Steps));
    m_style->setToolTip(tr("How the series are drawn"));
    m_values = new QComboBox(this);
    m_values->addItem(tr("Counts"), int(ValueMode::Count));
    m_values->addItem(tr("Share of all lookups"), int(ValueMode::Share));
    m_values->setToolTip(tr("Lookup counts, or each series' share of all lookups in the bucket"));
    m_log = new QCheckBox(tr("Log scale"), this);
    m_log->setToolTip(tr("Logarithmic y axis (empty buckets draw nothing)"));
    m_info = new QLabel(this);
    m_info->setTextFormat(Qt::PlainText);
    m_view = new QComboBox(this);
    m_view->addItem(tr("Timeline"));
    m_view->addItem(tr("Day × time"));
    m_view->setToolTip(tr("The timeline, or one row per day and one column per time of day, coloured by count"));
    m_slot = new QComboBox(this);
    for (int minutes : RasterGrid::validSlots())
        m_slot->addItem(minutes == 60 ? tr("1 hour") : tr("%1 min").arg(minutes), minutes);
    m_slot->setCurrentIndex(m_slot->findData(60));
    m_slot->setToolTip(tr("Width of a time-of-day slot in the day × time view"));
    m_slot->setEnabled(false);
    m_raster = new RasterView(this);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_chart);
    m_stack->addWidget(m_raster);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_view);
    bar->addWidget(m_slot);
    bar->addWidget(reset);
    bar->addWidget(m_splitClients);
    bar->addWidget(m_style);
    bar->addWidget(m_values);
    bar->addWidget(m_log);
    bar->addStretch(1);
    bar->addWidget(m_info);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    connect(reset, &QToolButton::clicked, this, &ChartPane::resetView);
    connect(m_splitClients, &QCheckBox::toggled, this, [this] { refresh(); });
    connect(m_style, &QComboBox::currentIndexChanged, this,
            [this] { m_chart->setStyle(ChartStyle(m_style->currentData().toInt())); });
    connect(m_values, &QComboBox::currentIndexChanged, this, [this] {
        m_chart->setValueMode(ValueMode(m_values->currentData().toInt()));
        refresh(); // shares need the all-lookups counts from the store
    });
    connect(m_log, &QCheckBox::toggled, m_chart, &TimelineChart::setLogScale);
    connect(m_chart, &TimelineChart::visibleRangeChanged, this, &ChartPane::requestRange);
    connect(m_view, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_stack->setCurrentIndex(index);
        m_slot->setEnabled(index == 1);
        // Style, values and log axis belong to the timeline.
        for (QWidget *w : std::initializer_list<QWidget *>{m_style, m_values, m_log, m_splitClients})
            w->setEnabled(index == 0);
        if (index == 1)
            requestRaster();
    });
    connect(m_slot, &QComboBox::currentIndexChanged, this, [this] { requestRaster(); });
}

bool ChartPane::showsRaster() const
{
    return m_view->currentIndex() == 1;
}

void ChartPane::setShowsRaster(bool raster)
{
    m_view->setCurrentIndex(raster ? 1 : 0);
}

int ChartPane::rasterSlot() const
{
    return m_slot->currentData().toInt();
}

void ChartPane::setRasterSlot(int minutes)
{
    const int index = m_slot->findData(minutes);
    if (index >= 0)
        m_slot->setCurrentIndex(index);
}

Provenance ChartPane::provenance() const
{
    Provenance p = showsRaster() ? Provenance::fromRaster(*m_raster) : Provenance::fromChart(*m_chart);
    p.selection = m_selection.describe();
    return p;
}

bool ChartPane::exportShown(const QString &path, const ExportOptions &options, const Provenance &provenance,
                            QString *error)
{
    return showsRaster() ? exportChart(*m_raster, path, options, provenance, error)
                         : exportChart(*m_chart, path, options, provenance, error);
}

void ChartPane::requestRaster()
{
    if (!showsRaster())
        return;
    // The raster covers the whole local days of what the timeline shows (its visible range).
    const auto [from, to] = m_chart->visibleRange();
    const Selection sel = m_selection;
    const QTimeZone zone = m_zone;
    const int slot = rasterSlot();
    if (!m_home || to <= from) {
        RasterGrid empty;
        empty.zone = isUtc(zone) ? QByteArray("UTC") : zone.id();
        empty.slotMinutes = slot;
        m_raster->setEmptyMessage(m_chart->emptyMessage());
        m_raster->setGrid(empty);
        return;
    }
    m_raster->setTitle(tr("%1 — lookups by day and time of day").arg(sel.describe()));
    m_runner->run<RasterGrid>(
        QStringLiteral("raster"),
        [sel, zone, from, to, slot](Store &store) { return RasterGrid::query(store, sel, zone, from, to, slot); },
        [this](const RasterGrid &grid) {
            m_raster->setEmptyMessage(tr("No lookups in this range"));
            m_raster->setGrid(grid);
            emit rasterShown(grid);
        },
        [this](const QString &error) { m_info->setText(error); });
}

bool ChartPane::splitByClient() const
{
    return m_splitClients->isChecked();
}

void ChartPane::setSplitByClient(bool split)
{
    m_splitClients->setChecked(split);
}

Split ChartPane::split() const
{
    return m_splitClients->isChecked() ? Split::Client : Split::None;
}

void ChartPane::setSelection(const Selection &selection)
{
    m_selection = selection;
    m_chart->setTitle(selection.describe());
    requestWhole();
}

void ChartPane::setDisplayZone(const QTimeZone &zone)
{
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    m_chart->setDisplayZone(m_zone);
    requestWhole();
}

void ChartPane::setEvents(const QVector<Event> &events)
{
    m_chart->setEvents(events);
}

void ChartPane::refresh()
{
    const auto [from, to] = m_chart->visibleRange();
    // While a new selection's first query is pending, the visible range still belongs to the old one.
    if (!m_wholePending && m_home && from >= m_home->first && to <= m_home->second && to > from)
        requestRange(from, to, m_chart->width());
    else
        requestWhole();
}

void ChartPane::resetView()
{
    if (m_home) {
        m_chart->setVisibleRange(m_home->first, m_home->second);
        requestRange(m_home->first, m_home->second, m_chart->width());
    }
}

void ChartPane::requestWhole()
{
    const Selection sel = m_selection;
    const Split sp = split();
    const int width = std::max(200, m_chart->width());
    const QTimeZone zone = m_zone;
    const bool share = m_values->currentData().toInt() == int(ValueMode::Share);
    m_info->setText(tr("Querying…"));
    m_wholePending = true;
    m_runner->run<WholeResult>(
        QStringLiteral("chart"),
        [sel, sp, width, zone, share](Store &store) {
            WholeResult r;
            r.range = store.timeRange(sel);
            if (!r.range)
                return r;
            VolumeQuery q;
            q.selection = sel;
            q.split = sp;
            q.zone = zone;
            q.withAllCounts = share;
            q.unit = autoBucketUnit(r.range->second + 1 - r.range->first, width);
            q.fromUs = r.range->first;
            q.toUs = r.range->second + 1;
            r.series = store.volume(q);
            return r;
        },
        [this](const WholeResult &r) {
            m_wholePending = false;
            if (!r.range) {
                m_home.reset();
                m_chart->setEmptyMessage(m_selection.isEmpty() ? tr("This project has no lookups yet: import a log file")
                                                               : tr("No lookups match this selection"));
                show(VolumeSeries{});
                requestRaster();
                return;
            }
            m_home = std::make_pair(r.series.fromUs, r.series.toUs);
            m_chart->setHomeRange(r.series.fromUs, r.series.toUs);
            m_chart->setVisibleRange(r.series.fromUs, r.series.toUs);
            show(r.series);
        },
        [this](const QString &error) {
            m_wholePending = false;
            m_info->setText(error);
        });
}

void ChartPane::requestRange(int64_t fromUs, int64_t toUs, int pixelWidth)
{
    if (toUs <= fromUs || m_wholePending)
        return;
    const Selection sel = m_selection;
    const Split sp = split();
    // Query half a screen beyond each side so that a short pan shows data at once.
    const int64_t span = toUs - fromUs;
    const BucketUnit unit = autoBucketUnit(span, std::max(200, pixelWidth));
    int64_t from = fromUs - span / 2, to = toUs + span / 2;
    if (m_home) {
        from = std::max(from, m_home->first);
        to = std::min(to, m_home->second);
    }
    if (to <= from)
        return;
    const QTimeZone zone = m_zone;
    const bool share = m_values->currentData().toInt() == int(ValueMode::Share);
    m_runner->run<VolumeSeries>(
        QStringLiteral("chart"),
        [sel, sp, unit, from, to, zone, share](Store &store) {
            VolumeQuery q;
            q.zone = zone;
            q.withAllCounts = share;
            q.selection = sel;
            q.split = sp;
            q.unit = unit;
            q.fromUs = from;
            q.toUs = to;
            return store.volume(q);
        },
        [this](const VolumeSeries &v) { show(v); }, [this](const QString &error) { m_info->setText(error); });
}

void ChartPane::show(const VolumeSeries &series)
{
    m_shown = series;
    m_chart->setSeries(series);
    m_info->setText(series.bucketStarts.isEmpty()
                        ? QString()
                        : tr("%1 lookups charted · one bar per %2")
                              .arg(QLocale().toString(qlonglong(series.total())), bucketUnitLabel(series.unit)));
    emit seriesShown(series);
    requestRaster(); // the raster follows the selection and the visible range
}

} // namespace dnt
