#include "chartpane.h"

#include "filterrow.h"
#include "rangechooser.h"
#include "rasterview.h"
#include "readjobrunner.h"
#include "timelinechart.h"
#include "timeutil.h"

#include <QAction>
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
    std::optional<std::pair<int64_t, int64_t>> range;  // the selection's first and last lookup
    std::optional<std::pair<int64_t, int64_t>> home;   // the chosen range as shown (see resolveRange)
    std::optional<std::pair<int64_t, int64_t>> bounds; // what zoom and pan may query: home and the project
    VolumeSeries series;
    BaselineSeries baseline;
    QString error;
};

// Visible ranges go through the axis in seconds (doubles): a round trip may move them by a microsecond.
constexpr int64_t kSameRangeUs = 1000;

} // namespace

ChartPane::ChartPane(ReadJobRunner *runner, QWidget *parent) : QWidget(parent), m_runner(runner)
{
    m_chart = new TimelineChart(this);
    auto *reset = new QToolButton(this);
    reset->setText(tr("Reset view"));
    reset->setToolTip(tr("Show the chosen time range again (Home)"));
    m_rangeChooser = new RangeChooser(this);
    reset->setShortcut(Qt::Key_Home);
    m_all = new QToolButton(this);
    m_all->setObjectName(QStringLiteral("allLookups"));
    m_all->setText(tr("All lookups"));
    m_all->setToolTip(tr("Chart every lookup of the project: clear the chosen names, clients and groups and the split"));
    m_split = new QComboBox(this);
    m_split->addItem(tr("One series"), int(Split::None));
    m_split->addItem(tr("One series per client"), int(Split::Client));
    m_split->addItem(tr("One series per name"), int(Split::Name));
    m_split->addItem(tr("One series per group"), int(Split::Group));
    m_split->setToolTip(tr("Split the selected lookups into stacked series: per client or per name (the 12 "
                           "busiest), or per source group (in the group's colour)"));
    m_style = new QComboBox(this);
    m_style->addItem(tr("Stacked bars"), int(ChartStyle::StackedBars));
    m_style->addItem(tr("Lines"), int(ChartStyle::Lines));
    m_style->addItem(tr("Step lines"), int(ChartStyle::Steps));
    m_style->setToolTip(tr("How the series are drawn"));
    m_values = new QComboBox(this);
    m_values->addItem(tr("Counts"), int(ValueMode::Count));
    m_values->addItem(tr("Share of all lookups"), int(ValueMode::Share));
    m_values->setToolTip(tr("Lookup counts, or each series' share of all lookups in the bucket"));
    m_bucket = new QComboBox(this);
    m_bucket->addItem(tr("Auto bucket"), QString());
    for (BucketUnit u : {BucketUnit::Minute, BucketUnit::FiveMinutes, BucketUnit::FifteenMinutes, BucketUnit::Hour,
                         BucketUnit::SixHours, BucketUnit::Day, BucketUnit::Week, BucketUnit::Month})
        m_bucket->addItem(tr("Per %1").arg(bucketUnitLabel(u)), bucketUnitName(u));
    m_bucket->setToolTip(tr("One bar per minute … month, or automatic: the bucket follows the visible range"));
    m_baseline = new QComboBox(this);
    m_baseline->addItem(tr("No baseline"), QString());
    m_baseline->addItem(tr("Baseline: all lookups"), BaselineSpec{BaselineSpec::Kind::All, {}}.toString());
    // Full width when there is room; a small minimum (view names can be long) so that the window still
    // shrinks to a 1366-pixel laptop screen, where the box may show its text cut.
    m_baseline->setMinimumWidth(40);
    m_baseline->setToolTip(tr("Draw all lookups of the project, or the selection of a saved view, per bucket as a "
                              "dashed line on a right-hand axis, to read the series against it"));
    m_log = new QCheckBox(tr("Log scale"), this);
    m_log->setToolTip(tr("Logarithmic y axis (empty buckets draw nothing)"));
    m_info = new QLabel(this);
    m_info->setTextFormat(Qt::PlainText);
    // A long status ("29,398 lookups charted · one bar per day") must not widen the window beyond a
    // laptop screen: the label takes the room left and is cut, the whole text is in its tooltip.
    m_info->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_info->setMinimumWidth(40);
    m_view = new QComboBox(this);
    m_view->addItem(tr("Timeline"));
    m_view->addItem(tr("Day × time"));
    m_view->setToolTip(tr("The timeline, or one row per day and one column per time of day, coloured by count"));
    m_slot = new QComboBox(this);
    for (int minutes : RasterGrid::validSlots())
        m_slot->addItem(minutes == 60 ? tr("1 hour") : tr("%1 min").arg(minutes), minutes);
    m_slot->setCurrentIndex(m_slot->findData(60));
    m_slot->setToolTip(tr("Width of a time-of-day slot in the day × time view"));
    m_slot->setVisible(false); // the timeline is shown first; it has no slots
    m_spanAction = new QAction(tr("Draw span"), this);
    m_spanAction->setCheckable(true);
    m_spanAction->setShortcut(Qt::Key_S);
    // S belongs to the chart: typed in a search field or a table it stays a letter.
    m_spanAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_spanAction->setToolTip(tr("Draw an event span: drag across the chart to add a span (S while the chart "
                                "has focus; Alt-drag draws one without this)"));
    m_chart->addAction(m_spanAction);
    m_spanButton = new QToolButton(this);
    m_spanButton->setDefaultAction(m_spanAction);
    m_raster = new RasterView(this);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_chart);
    m_stack->addWidget(m_raster);
    m_filters = new FilterRow(this);

    // In a narrow window (960 logical px at 200 %) the boxes give up width before the chart does: their
    // text is elided, the list still shows every choice whole.
    const int boxMinimum = fontMetrics().horizontalAdvance(QLatin1Char('0')) * 7 + 24;
    for (QComboBox *box : {m_view, m_slot, m_split, m_style, m_values, m_bucket})
        box->setMinimumWidth(std::min(box->minimumSizeHint().width(), boxMinimum));
    // Two rows: what to show and where (view, range, all lookups, span tool, log axis), then how to
    // draw it (split, style, values, bucket, baseline) with the rcode/qtype/server filters. One row of all of
    // them would not fit a 1366 px laptop screen, let alone 960 logical px at 200 %.
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_view);
    bar->addWidget(m_slot);
    bar->addWidget(reset);
    bar->addWidget(m_rangeChooser);
    bar->addWidget(m_all);
    bar->addWidget(m_spanButton);
    bar->addWidget(m_log);
    bar->addStretch(1);
    bar->addWidget(m_info);
    auto *secondBar = new QHBoxLayout;
    for (QWidget *w : std::initializer_list<QWidget *>{m_split, m_style, m_values, m_bucket, m_baseline})
        secondBar->addWidget(w);
    secondBar->addStretch(1);
    secondBar->addWidget(m_filters);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addLayout(secondBar);
    layout->addWidget(m_stack, 1);

    connect(reset, &QToolButton::clicked, this, &ChartPane::resetView);
    connect(m_all, &QToolButton::clicked, this, &ChartPane::showAllLookups);
    connect(m_rangeChooser, &RangeChooser::choiceChanged, this, &ChartPane::setRangeChoice);
    connect(m_split, &QComboBox::currentIndexChanged, this, [this] {
        m_chart->setHiddenSeries({}); // other series, other labels
        refresh();
    });
    connect(m_baseline, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    connect(m_style, &QComboBox::currentIndexChanged, this,
            [this] { m_chart->setStyle(ChartStyle(m_style->currentData().toInt())); });
    connect(m_values, &QComboBox::currentIndexChanged, this, [this] {
        m_chart->setValueMode(ValueMode(m_values->currentData().toInt()));
        refresh(); // shares need the all-lookups counts from the store
    });
    connect(m_log, &QCheckBox::toggled, m_chart, &TimelineChart::setLogScale);
    connect(m_spanAction, &QAction::toggled, m_chart, &TimelineChart::setSpanTool);
    connect(m_chart, &TimelineChart::spanToolChanged, m_spanAction, &QAction::setChecked);
    connect(m_bucket, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    connect(m_chart, &TimelineChart::visibleRangeChanged, this, &ChartPane::requestRange);
    connect(m_view, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_stack->setCurrentIndex(index);
        // Style, values, split, bucket and log axis belong to the timeline, the slot to the raster. What
        // does not apply is hidden, not only disabled, so that the toolbar fits a 1366 px laptop screen.
        m_slot->setEnabled(index == 1);
        m_slot->setVisible(index == 1);
        for (QWidget *w : std::initializer_list<QWidget *>{m_style, m_values, m_log, m_split, m_bucket, m_baseline}) {
            w->setEnabled(index == 0);
            w->setVisible(index == 0);
        }
        m_spanAction->setEnabled(index == 0); // spans are drawn on the timeline
        if (index == 1)
            requestRaster();
    });
    connect(m_slot, &QComboBox::currentIndexChanged, this, [this] { requestRaster(); });
    connect(m_filters, &FilterRow::changed, this, [this] {
        m_selection.rcodes = m_filters->rcodes();
        m_selection.qtypes = m_filters->qtypes();
        m_selection.servers = m_filters->servers();
        m_chart->setTitle(m_selection.describe());
        requestWhole();
        emit selectionChanged(m_selection);
        emit lookupFiltersChanged();
    });
}

void ChartPane::refreshFilterValues()
{
    if (m_runner->projectPath().isEmpty()) {
        m_filters->setFacets({});
        return;
    }
    m_runner->run<LookupFacets>(
        QStringLiteral("facets"), [](Store &store) { return store.lookupFacets(); },
        [this](const LookupFacets &facets) {
            m_filters->setFacets(facets);
            emit filterValuesShown();
        },
        [this](const QString &error) { m_info->setText(error); });
}

std::optional<BucketUnit> ChartPane::bucket() const
{
    const QString name = m_bucket->currentData().toString();
    return name.isEmpty() ? std::nullopt : bucketUnitFromString(name);
}

void ChartPane::setBucket(std::optional<BucketUnit> unit)
{
    m_bucket->setCurrentIndex(unit ? std::max(0, m_bucket->findData(bucketUnitName(*unit))) : 0);
}

BucketUnit ChartPane::unitFor(int64_t spanUs, int pixelWidth) const
{
    const auto fixed = bucket();
    if (fixed && spanUs / bucketWidthUs(*fixed) <= kMaxFixedBuckets)
        return *fixed;
    return autoBucketUnit(spanUs, pixelWidth);
}

BaselineSpec ChartPane::baseline() const
{
    return BaselineSpec::fromString(m_baseline->currentData().toString(), nullptr).value_or(BaselineSpec{});
}

void ChartPane::setBaseline(const BaselineSpec &baseline)
{
    const QString key = baseline.toString();
    int index = m_baseline->findData(key);
    if (index < 0) {
        // A saved view's baseline names a view the box does not list (yet): list it, so that it shows.
        m_baseline->addItem(tr("Baseline: %1").arg(baseline.label()), key);
        index = m_baseline->count() - 1;
    }
    m_baseline->setCurrentIndex(index);
}

void ChartPane::refreshBaselineViews()
{
    m_runner->run<QStringList>(
        QStringLiteral("baselineviews"),
        [](Store &store) {
            QStringList names;
            for (const SavedView &v : store.views())
                names << v.name;
            return names;
        },
        [this](const QStringList &names) { setBaselineViews(names); }, [](const QString &) {});
}

void ChartPane::setBaselineViews(const QStringList &names)
{
    // The entries after "none" and "all" are the views; the current choice stays (listed even if its
    // view is gone, so that the chart's error says which one).
    const QString current = m_baseline->currentData().toString();
    const QSignalBlocker block(m_baseline);
    while (m_baseline->count() > 2)
        m_baseline->removeItem(2);
    for (const QString &name : names) {
        const BaselineSpec b{BaselineSpec::Kind::View, name};
        m_baseline->addItem(tr("Baseline: %1").arg(b.label()), b.toString());
    }
    if (m_baseline->findData(current) < 0)
        m_baseline->addItem(tr("Baseline: %1").arg(BaselineSpec::fromString(current, nullptr).value_or(BaselineSpec{}).label()),
                            current);
    m_baseline->setCurrentIndex(m_baseline->findData(current));
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
    return split() == Split::Client;
}

void ChartPane::setSplitByClient(bool split)
{
    setSplit(split ? Split::Client : Split::None);
}

Split ChartPane::split() const
{
    return Split(m_split->currentData().toInt());
}

void ChartPane::setSplit(Split split)
{
    m_split->setCurrentIndex(m_split->findData(int(split)));
}

ViewSpec ChartPane::currentView() const
{
    ViewSpec v;
    v.selection = m_selection;
    // The range choice is kept as a choice (a relative range stays relative); a range the user zoomed
    // or panned to is kept as it is shown, with its bucket.
    v.range = m_rangeChoice.mode;
    v.fromUs = m_rangeChoice.fromUs;
    v.toUs = m_rangeChoice.toUs;
    v.bucket = bucket();
    if (!m_shown.bucketStarts.isEmpty() && isZoomed()) {
        const auto [from, to] = m_chart->visibleRange();
        v.fromUs = from;
        v.toUs = to;
        v.bucket = m_shown.unit;
    }
    const ChartStyle style = ChartStyle(m_style->currentData().toInt());
    v.style = style == ChartStyle::Lines ? QStringLiteral("lines") : style == ChartStyle::Steps ? QStringLiteral("steps")
                                                                                               : QStringLiteral("bars");
    v.values = m_values->currentData().toInt() == int(ValueMode::Share) ? QStringLiteral("share") : QStringLiteral("count");
    v.log = m_log->isChecked();
    v.zone = zoneName(m_zone);
    v.split = split();
    v.baseline = baseline();
    v.hidden = m_chart->hiddenSeries();
    return v;
}

void ChartPane::applyView(const ViewSpec &view)
{
    {
        // One query for the whole change, not one per control.
        const QSignalBlocker b1(m_split), b2(m_style), b3(m_values), b4(m_log), b5(m_baseline);
        setSplit(view.split);
        setBaseline(view.baseline);
        m_style->setCurrentIndex(m_style->findData(int(chartStyleFromString(view.style).value_or(ChartStyle::StackedBars))));
        m_values->setCurrentIndex(m_values->findData(int(valueModeFromString(view.values).value_or(ValueMode::Count))));
        m_log->setChecked(view.log);
    }
    m_chart->setStyle(ChartStyle(m_style->currentData().toInt()));
    m_chart->setValueMode(ValueMode(m_values->currentData().toInt()));
    m_chart->setLogScale(view.log);
    m_chart->setHiddenSeries(view.hidden);
    const QTimeZone zone = view.zone == QLatin1String("UTC") ? QTimeZone::utc() : QTimeZone(view.zone.toUtf8());
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    m_chart->setDisplayZone(m_zone);
    const bool filtersChanged = view.selection.rcodes != m_selection.rcodes || view.selection.qtypes != m_selection.qtypes
                                || view.selection.servers != m_selection.servers;
    m_selection = view.selection;
    m_filters->setFilters(m_selection.rcodes, m_selection.qtypes, m_selection.servers);
    if (filtersChanged)
        emit lookupFiltersChanged();
    m_chart->setTitle(view.title.isEmpty() ? m_selection.describe() : view.title);
    m_rangeChoice = view.rangeChoice();
    m_rangeChooser->setDisplayZone(m_zone);
    m_rangeChooser->setChoice(m_rangeChoice);
    requestWhole(view.bucket);
}

void ChartPane::setSelection(const Selection &selection)
{
    // The panels choose names and sources; the filter row keeps its rcode/qtype/server unless the
    // selection brings its own (a pair of a filtered pair view).
    const bool filtersChanged = selection.hasLookupFilter()
                                && (selection.rcodes != m_selection.rcodes || selection.qtypes != m_selection.qtypes
                                    || selection.servers != m_selection.servers);
    m_selection = selection;
    if (selection.hasLookupFilter()) {
        m_filters->setFilters(selection.rcodes, selection.qtypes, selection.servers);
    } else {
        m_selection.rcodes = m_filters->rcodes();
        m_selection.qtypes = m_filters->qtypes();
        m_selection.servers = m_filters->servers();
    }
    m_chart->setTitle(m_selection.describe());
    m_chart->setHiddenSeries({}); // a new selection starts with every series shown
    requestWhole();
    emit selectionChanged(m_selection);
    if (filtersChanged)
        emit lookupFiltersChanged();
}

void ChartPane::setDisplayZone(const QTimeZone &zone)
{
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    m_chart->setDisplayZone(m_zone);
    m_rangeChooser->setDisplayZone(m_zone);
    requestWhole(); // a relative range counts calendar days of the zone
}

void ChartPane::setRangeChoice(const RangeChoice &choice)
{
    m_rangeChoice = choice;
    m_rangeChooser->setChoice(choice);
    requestWhole();
}

bool ChartPane::isZoomed() const
{
    if (!m_home)
        return false;
    const auto [from, to] = m_chart->visibleRange();
    return std::abs(from - m_home->first) > kSameRangeUs || std::abs(to - m_home->second) > kSameRangeUs;
}

void ChartPane::setEvents(const QVector<Event> &events)
{
    m_chart->setEvents(events);
}

void ChartPane::refresh()
{
    const auto [from, to] = m_chart->visibleRange();
    // While a new selection's first query is pending, the visible range still belongs to the old one.
    // A new bucket or split keeps the range shown (the chosen range is resolved again only when it is set).
    if (!m_wholePending && m_bounds && from >= m_bounds->first && to <= m_bounds->second && to > from)
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

void ChartPane::showAllLookups()
{
    {
        const QSignalBlocker block(m_split); // one query below, not one for the split too
        setSplit(Split::None);
    }
    emit allLookupsRequested();
    // Every lookup: the rcode/qtype/server filters go too.
    const bool filtered = m_selection.hasLookupFilter();
    m_filters->setFilters({}, {}, {});
    setSelection(Selection{});
    if (filtered)
        emit lookupFiltersChanged();
}

void ChartPane::resetSetup(std::optional<BucketUnit> unit, const QTimeZone &zone)
{
    {
        const QSignalBlocker b1(m_split), b2(m_style), b3(m_values), b4(m_log), b5(m_bucket);
        setSplit(Split::None);
        m_style->setCurrentIndex(m_style->findData(int(ChartStyle::StackedBars)));
        m_values->setCurrentIndex(m_values->findData(int(ValueMode::Count)));
        m_log->setChecked(false);
        setBucket(unit);
    }
    setShowsRaster(false); // (the timeline's controls enabled again; queries nothing)
    m_chart->setStyle(ChartStyle::StackedBars);
    m_chart->setValueMode(ValueMode::Count);
    m_chart->setLogScale(false);
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    m_chart->setDisplayZone(m_zone);
    m_info->clear();
    m_info->setToolTip(QString());
}

void ChartPane::clear(const QString &message)
{
    m_home.reset();
    m_bounds.reset();
    m_wholePending = false;
    m_selection = Selection{};
    m_rangeChoice = RangeChoice{}; // a typed range belongs to the project it was typed for
    m_rangeChooser->setChoice(m_rangeChoice);
    m_filters->setFilters({}, {}, {});
    m_filters->setFacets({});
    m_chart->setTitle(QString());
    m_chart->setEvents({});
    m_chart->setEmptyMessage(message);
    show(VolumeSeries{});
}

void ChartPane::requestWhole()
{
    requestWhole(std::nullopt);
}

void ChartPane::requestWhole(std::optional<BucketUnit> fixedUnit)
{
    const RangeChoice choice = m_rangeChoice;
    const Selection sel = m_selection;
    const Split sp = split();
    const int width = std::max(200, m_chart->width());
    const QTimeZone zone = m_zone;
    const bool share = m_values->currentData().toInt() == int(ValueMode::Share);
    const auto fixed = bucket();
    const BaselineSpec base = baseline();
    m_info->setText(tr("Querying…"));
    m_wholePending = true;
    refreshBaselineViews();
    m_runner->run<WholeResult>(
        QStringLiteral("chart"),
        [sel, sp, width, zone, share, choice, fixedUnit, fixed, base](Store &store) {
            WholeResult r;
            r.error = store.selectionError(sel);
            r.range = store.timeRange(sel);
            if (!r.range)
                return r;
            // The same resolution as `render` (viewQuery), so that a saved view draws the same range.
            const auto project = store.projectTimeRange();
            const auto range = resolveRange(choice, project, r.range, zone);
            if (!range)
                return r; // e.g. a typed range the axis cannot show; home stays empty
            VolumeQuery q;
            q.selection = sel;
            q.split = sp;
            q.zone = zone;
            q.withAllCounts = share;
            // A saved view's bucket first, then the toolbar's fixed bucket (if not too fine), else automatic.
            const int64_t span = range->toUs - range->fromUs;
            q.unit = fixedUnit ? *fixedUnit
                               : (fixed && span / bucketWidthUs(*fixed) <= kMaxFixedBuckets ? *fixed
                                                                                            : autoBucketUnit(span, width));
            r.home = shownRange(*range, q.unit, zone);
            q.fromUs = r.home->first;
            q.toUs = r.home->second;
            ChartVolume volume = volumeWithBaseline(store, q, base);
            r.series = std::move(volume.series);
            r.baseline = std::move(volume.baseline);
            if (r.error.isEmpty())
                r.error = r.series.error; // e.g. the baseline's view is gone
            r.bounds = r.home;
            if (project) {
                r.bounds->first = std::min(r.bounds->first, project->first);
                r.bounds->second = std::max(r.bounds->second, project->second + 1);
            }
            return r;
        },
        [this](const WholeResult &r) {
            m_wholePending = false;
            if (!r.error.isEmpty()) {
                m_home.reset();
                m_chart->setEmptyMessage(r.error);
                show(VolumeSeries{});
                m_info->setText(r.error);
                return;
            }
            if (!r.range || !r.home) {
                m_home.reset();
                m_bounds.reset();
                m_chart->setEmptyMessage(m_selection.isEmpty() ? tr("This project has no lookups yet: import a log file")
                                                               : tr("No lookups match this selection"));
                show(VolumeSeries{});
                requestRaster();
                return;
            }
            m_home = r.home;
            m_bounds = r.bounds;
            m_chart->setHomeRange(m_home->first, m_home->second);
            m_chart->setVisibleRange(m_home->first, m_home->second);
            m_rangeChooser->setSuggestedRange(m_home->first, m_home->second);
            show(r.series, r.baseline);
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
    const BucketUnit unit = unitFor(span * 2, std::max(200, pixelWidth) * 2);
    int64_t from = fromUs - span / 2, to = toUs + span / 2;
    if (m_bounds) {
        from = std::max(from, m_bounds->first);
        to = std::min(to, m_bounds->second);
    }
    if (to <= from)
        return;
    const QTimeZone zone = m_zone;
    const bool share = m_values->currentData().toInt() == int(ValueMode::Share);
    const BaselineSpec base = baseline();
    m_runner->run<ChartVolume>(
        QStringLiteral("chart"),
        [sel, sp, unit, from, to, zone, share, base](Store &store) {
            VolumeQuery q;
            q.zone = zone;
            q.withAllCounts = share;
            q.selection = sel;
            q.split = sp;
            q.unit = unit;
            q.fromUs = from;
            q.toUs = to;
            return volumeWithBaseline(store, q, base);
        },
        [this](const ChartVolume &v) {
            show(v.series, v.baseline);
            if (!v.series.error.isEmpty())
                m_info->setText(v.series.error);
        },
        [this](const QString &error) { m_info->setText(error); });
}

void ChartPane::show(const VolumeSeries &series, const BaselineSeries &baseline)
{
    m_shown = series;
    m_chart->setSeries(series, baseline);
    QString info;
    if (!series.bucketStarts.isEmpty()) {
        info = tr("%1 lookups charted · one bar per %2")
                   .arg(QLocale().toString(qlonglong(series.total())), bucketUnitLabel(series.unit));
        if (const auto fixed = bucket(); fixed && *fixed != series.unit)
            info += tr(" (per %1 is too fine for this range: zoom in)").arg(bucketUnitLabel(*fixed));
    }
    m_info->setText(info);
    m_info->setToolTip(info);
    emit seriesShown(series);
    requestRaster(); // the raster follows the selection and the visible range
}

} // namespace dnt
