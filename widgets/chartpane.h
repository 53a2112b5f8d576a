#pragma once

#include "baselinequery.h"
#include "chartexporter.h"
#include "bucket.h"
#include "event.h"
#include "rastergrid.h"
#include "selection.h"
#include "timerange.h"
#include "viewspec.h"
#include "volumeseries.h"

#include <QTimeZone>
#include <QWidget>

#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QStackedWidget;
class QToolButton;

namespace dnt {

class RangeChooser;
class FilterRow;
class RasterView;
class ReadJobRunner;
class TimelineChart;

// The chart with its toolbar: the timeline, or (toggle "Day × time") the day × time-of-day raster of
// the same selection over the timeline's visible range, queried on the reader thread too (channel
// "raster"). Turns "this selection, this visible range" into bucketed queries on the
// reader thread (through ReadJobRunner, channel "chart") and shows the newest result; a result that
// arrives after a newer request is dropped by the runner.
class ChartPane : public QWidget
{
    Q_OBJECT
public:
    explicit ChartPane(ReadJobRunner *runner, QWidget *parent = nullptr);

    TimelineChart *chart() const { return m_chart; }
    RasterView *raster() const { return m_raster; }
    // Which view is shown, and the raster's slot width in minutes (1, 2, 5, 10, 30 or 60).
    bool showsRaster() const;
    void setShowsRaster(bool raster);
    int rasterSlot() const;
    void setRasterSlot(int minutes);
    QComboBox *viewBox() const { return m_view; }
    // "Draw span" (checkable; S while the chart has focus): the chart's span tool.
    QAction *spanAction() const { return m_spanAction; }
    QComboBox *slotBox() const { return m_slot; }
    // Provenance of the view shown (the caller adds the files), and its export through the one exporter.
    Provenance provenance() const;
    bool exportShown(const QString &path, const ExportOptions &options, const Provenance &provenance, QString *error);
    // What is charted: the selection set from outside, narrowed by the filter row's rcode/qtype/server.
    Selection selection() const { return m_selection; }
    FilterRow *filterRow() const { return m_filters; }
    bool splitByClient() const;
    void setSplitByClient(bool split);
    Split split() const;
    void setSplit(Split split);
    QComboBox *splitBox() const { return m_split; }
    // The chart as it is shown: selection, visible range, bucket, style, values, log scale, zone, split
    // (categories are the event editor's; the caller adds them). What View › Save View… stores.
    ViewSpec currentView() const;
    // Shows a saved view: its selection, split, style, values, log scale and zone, over its range with its
    // bucket (or the whole selection with an automatic bucket when it has none).
    void applyView(const dnt::ViewSpec &view);
    // The baseline drawn against the series (none, all lookups, or a saved view's selection), queried
    // with them on the same buckets. The box lists the project's saved views (refreshBaselineViews).
    BaselineSpec baseline() const;
    void setBaseline(const BaselineSpec &baseline);
    QComboBox *baselineBox() const { return m_baseline; }
    QComboBox *styleBox() const { return m_style; }
    QComboBox *valuesBox() const { return m_values; }
    QCheckBox *logBox() const { return m_log; }
    // The bucket: nullopt follows the visible range (about one bucket per 4 pixels); a fixed unit is
    // used as long as the range queried has at most kMaxFixedBuckets of them, beyond that the chart
    // falls back to the automatic bucket and says so.
    std::optional<BucketUnit> bucket() const;
    void setBucket(std::optional<BucketUnit> unit);
    QComboBox *bucketBox() const { return m_bucket; }
    QToolButton *allLookupsButton() const { return m_all; }
    static constexpr int64_t kMaxFixedBuckets = 20000;
    const VolumeSeries &shownSeries() const { return m_shown; }
    // The time range charted and where Reset view returns to: the project span (default), the selection
    // span, the last day/week/month of the data, or a typed range (the toolbar's range chooser). The
    // raster covers the days of that range too. Setting it queries again.
    RangeChoice rangeChoice() const { return m_rangeChoice; }
    void setRangeChoice(const dnt::RangeChoice &choice);
    RangeChooser *rangeChooser() const { return m_rangeChooser; }
    // The range Reset view returns to (the choice resolved, in whole buckets for a span), once known.
    std::optional<std::pair<int64_t, int64_t>> homeRange() const { return m_home; }
    // Buckets and the time axis follow this zone (UTC by default); the chart is queried again.
    void setDisplayZone(const QTimeZone &zone);
    QTimeZone displayZone() const { return m_zone; }

public slots:
    // Charts a new selection over the chosen time range (by default the project's span).
    void setSelection(const dnt::Selection &selection);
    void setEvents(const QVector<dnt::Event> &events);
    // Re-runs the current query (after an import); keeps the view if the data still covers it.
    void refresh();
    void resetView();
    // "All lookups": no selection, one series, the whole range. Asks the panels that feed the selection
    // to clear theirs too (allLookupsRequested), then charts everything.
    void showAllLookups();
    // A project is opened: split, style, values, log scale and the timeline back to their defaults, with
    // this bucket and zone (the user's settings). Queries nothing; the caller refreshes.
    void resetSetup(std::optional<dnt::BucketUnit> bucket, const QTimeZone &zone);
    // Lists the response codes, query types and servers of the project in the filter row (after an
    // import or on opening a project; one pass over the lookups on the reader thread, channel "facets").
    void refreshFilterValues();
    // No project: an empty chart with this message; results still on their way are dropped by the
    // runner once its project path changes.
    void clear(const QString &message);
    // Reads the names of the project's saved views for the baseline box (on the reader thread).
    void refreshBaselineViews();

signals:
    // A query result was drawn (tests and the status bar use it).
    void seriesShown(const dnt::VolumeSeries &series);
    // What is charted changed (from the selection panel, the sources, a pair cell or a saved view).
    void selectionChanged(const dnt::Selection &selection);
    // A raster result was drawn.
    void rasterShown(const dnt::RasterGrid &grid);
    // The "All lookups" button: whoever chose names or sources clears that choice.
    void allLookupsRequested();
    // The filter row's rcode/qtype/server changed (by the user or a saved view): selection() has them.
    void lookupFiltersChanged();
    // The filter row lists the project's values (a facets result arrived).
    void filterValuesShown();

private:
    void requestWhole();
    void requestRange(int64_t fromUs, int64_t toUs, int pixelWidth);
    void show(const VolumeSeries &series, const BaselineSeries &baseline = {});
    void requestRaster();
    void setBaselineViews(const QStringList &names);
    // The unit for a query of this span at this width (the fixed bucket if it is not too fine).
    BucketUnit unitFor(int64_t spanUs, int pixelWidth) const;
    // requestWhole with this bucket (a saved view's) instead of the toolbar's.
    void requestWhole(std::optional<BucketUnit> unit);
    // The visible range differs from the chosen one (the user zoomed or panned).
    bool isZoomed() const;

    ReadJobRunner *m_runner;
    TimelineChart *m_chart;
    QComboBox *m_split;
    QComboBox *m_style;
    QComboBox *m_values;
    QCheckBox *m_log;
    QComboBox *m_bucket;
    QComboBox *m_baseline;
    QComboBox *m_view;
    QComboBox *m_slot;
    QToolButton *m_all;
    QAction *m_spanAction;
    QToolButton *m_spanButton;
    QStackedWidget *m_stack;
    RasterView *m_raster;
    FilterRow *m_filters;
    QLabel *m_info;
    Selection m_selection;
    VolumeSeries m_shown;
    std::optional<std::pair<int64_t, int64_t>> m_home;
    std::optional<std::pair<int64_t, int64_t>> m_bounds; // zoom and pan query inside: home and the project
    RangeChoice m_rangeChoice;
    RangeChooser *m_rangeChooser;
    bool m_wholePending = false;
    QTimeZone m_zone = QTimeZone::utc();
};

} // namespace dnt
