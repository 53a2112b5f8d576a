#pragma once

#include "event.h"
#include "baselinequery.h"
#include "store.h"
#include "eventlabel.h"
#include "volumeseries.h"

#include <QImage>
#include <QSize>
#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <optional>
#include <utility>

class QCPAbstractPlottable;
class QCPAbstractLegendItem;
class QCPGraph;
class QCPLegend;
class QCPRange;
class QMouseEvent;
class QCustomPlot;
class QTimer;

namespace dnt {

struct ChartTheme;

// The lookup-volume chart: bucketed counts as stacked bars (batched: a few paint calls per series,
// not one per bar), a UTC date-time axis with ticks aligned in UTC whatever the machine's zone,
// and the project's events as labelled vertical markers on a layer of their own.
// It never queries anything itself: it shows the VolumeSeries it is given and, when the user zooms
// or pans, emits visibleRangeChanged (debounced) so that its owner can re-query with a bucket that
// fits the new range.
enum class ChartStyle { StackedBars, Lines, Steps };
enum class ValueMode { Count, Share };
std::optional<ChartStyle> chartStyleFromString(const QString &text); // "bars", "lines", "steps"
std::optional<ValueMode> valueModeFromString(const QString &text);   // "count", "share"

class TimelineChart : public QWidget
{
    Q_OBJECT
public:
    // Export and render sizes are clamped to this many pixels a side (QImage itself has no limit).
    static constexpr int kMinImageSide = 16;
    static constexpr int kMaxImageSide = 16384;
    // The x range is kept inside 1900-01-01 .. 2200-01-01 and at least this many seconds wide, so that
    // absurd values (from a bad file or a runaway zoom) can never reach the axis.
    static constexpr int64_t kMinVisibleUs = -2208988800LL * 1000000;
    static constexpr int64_t kMaxVisibleUs = 7258118400LL * 1000000;
    static constexpr int64_t kMinSpanUs = 10LL * 1000000;
    // Debounce of visibleRangeChanged.
    static constexpr int kRangeDebounceMs = 150;

    explicit TimelineChart(QWidget *parent = nullptr);
    ~TimelineChart() override;

    // Shows the data, with a baseline on the same buckets (none by default). The x range stays as it is
    // unless it was never set (then it fits the data).
    void setSeries(const VolumeSeries &series, const BaselineSeries &baseline = {});
    const VolumeSeries &series() const;
    const BaselineSeries &baseline() const;
    void setEvents(const QVector<Event> &events);
    // Stacked bars (default), one line per series, or step lines; counts or each series' share of all
    // lookups in the bucket (needs VolumeSeries::allCounts); a logarithmic y axis (zero-safe: empty
    // buckets draw nothing rather than breaking the axis).
    void setStyle(ChartStyle style);
    ChartStyle style() const;
    void setValueMode(ValueMode mode);
    ValueMode valueMode() const;
    void setLogScale(bool log);
    bool logScale() const;
    // The value drawn for series s in bucket i (count, or share 0..1); NaN when there is none.
    double valueAt(int s, int i) const;

    // Series hidden by a click on their legend entry, by label: not drawn, not stacked, left out of the
    // y range and of exports, but still listed (faded, struck through) in the legend so that another
    // click shows them again. Kept across setSeries while the labels stay (zoom, pan, re-query).
    void setHiddenSeries(const QStringList &labels);
    // The labels of the current series that are hidden, in series order.
    QStringList hiddenSeries() const;
    bool isSeriesHidden(int s) const;
    void toggleSeries(const QString &label);
    // The baseline given with the series (setSeries), drawn as a dashed grey
    // line on the right-hand axis (yAxis2): counts, or in share mode normalised to its busiest bucket
    // (1 = the busiest bucket of the baseline), since a share of all lookups would be 1 for "all".
    // Null when the series has no baseline.
    QCPGraph *baselineGraph() const;
    // The baseline value drawn in bucket i (NaN when there is none).
    double baselineValueAt(int i) const;
    // Whether hidden series are listed in the legend (true on screen; exports leave them out).
    void setHiddenListed(bool listed);

    // Marker colours and visibility per category, and the category legend under the plot.
    void setCategories(const QVector<EventCategory> &categories);
    void setTitle(const QString &title); // plain text
    // The zone of the time axis (ticks at its midnights, labels in its wall-clock time). UTC by default.
    void setDisplayZone(const QTimeZone &zone);
    QTimeZone displayZone() const;
    QString title() const;
    // The range "reset view" returns to (normally the selection's first..last lookup).
    void setHomeRange(int64_t fromUs, int64_t toUs);
    // Programmatic: clamped (see kMinVisibleUs …), does not emit visibleRangeChanged.
    void setVisibleRange(int64_t fromUs, int64_t toUs);
    std::pair<int64_t, int64_t> visibleRange() const;
    // Shown instead of an empty axis when there is nothing to draw ("No lookups match …").
    void setEmptyMessage(const QString &text);
    QString emptyMessage() const;
    bool isShowingEmptyMessage() const;

    // Renders the chart at exactly `size` pixels and writes a PNG atomically (temporary file, then
    // rename). Sizes are clamped to 16..16384 px a side. False with *error on failure; no file is
    // left behind then.
    bool exportPng(const QString &path, QSize size, QString *error);
    // Draws at exactly `size` (clamped like exportPng) in the light theme, whatever the screen
    // palette. Afterwards plot()'s axes map coordinates as in that image until the next replot,
    // so callers can locate things in it with plot()->xAxis->coordToPixel().
    QImage renderImage(QSize size);
    static QSize clampImageSize(QSize size);

    // Event labels as placed by the last rendering (widget or renderImage), for tests and hit-testing.
    QVector<EventLabel> eventLabels() const;
    // Largest stacked bucket total inside the visible x range (what the y axis is fitted to).
    int64_t visibleMaximum() const;

    QCustomPlot *plot() const { return m_plot; }

    // Emphasises one event's marker (0: none) and, when it lies outside the visible range, moves the
    // view to it (keeping the zoom); the owner hears of the move through visibleRangeChanged.
    void highlightEvent(int64_t id);
    int64_t highlightedEvent() const;
    // The event whose label or marker line (within 3 px) is at this position of the widget, if any.
    std::optional<Event> eventAt(QPoint pos) const;
    // What the hover tooltip says at this position: the bucket's start–end in the display zone, each
    // series' count and the events in that bucket. Plain text; empty outside the data.
    QString tooltipText(QPoint pos) const;
    // Index of the bucket under this x pixel, or -1.
    int bucketAtPixel(int x) const;
    // The start of the bucket (as the chart buckets now) under this x pixel; the time at the pixel
    // when the chart has no buckets.
    int64_t bucketStartAtPixel(int x) const;
    // The span tool: while on, a plain left-drag on the plot draws a span (spanDrawn), as Alt-drag
    // always does; Alt-drag is taken by most Linux window managers to move windows.
    void setSpanTool(bool on);
    bool spanTool() const;

public slots:
    void resetView();

signals:
    // A click (no drag) on an event's marker or label.
    void eventClicked(const dnt::Event &event);
    // A double-click in the plot area: the place to add an event, the start of the bucket under the
    // cursor (bucketStartAtPixel).
    void timeDoubleClicked(int64_t us);
    // A marker was dragged (moved, or a span's edge resized): one change, from before to after.
    void eventDragged(const dnt::Event &before, const dnt::Event &after);
    // Alt-drag on the plot (or a plain drag with the span tool on): a span to add as an event.
    void spanDrawn(int64_t fromUs, int64_t toUs);
    void spanToolChanged(bool on);
    // A time range chosen on the chart: a click on a bucket (that bucket), or Ctrl-drag (the range).
    void rangeSelected(int64_t fromUs, int64_t toUs);
    // Right button on a marker or its label.
    void eventContextMenuRequested(const dnt::Event &event, QPoint globalPos);

    // A legend click hid or showed a series; the labels hidden now.
    void hiddenSeriesChanged(const QStringList &labels);

    // The visible x range changed by the user (zoom, pan, reset); debounced by ~150 ms.
    void visibleRangeChanged(int64_t fromUs, int64_t toUs, int pixelWidth);

protected:
    void changeEvent(QEvent *event) override;
    // + and - zoom around the centre, arrows pan, Home resets.
    void keyPressEvent(QKeyEvent *event) override;

private:
    void onXRangeChanged();
    void setXRangeSeconds(double lower, double upper);
    QCPRange normalisedRange(double lower, double upper) const;
    void updateYRange();
    void rebuildPlottables();
    // timelinechartbaseline.cpp: the baseline graph and its axis, legend toggling.
    void setupBaselineAxis();
    void rebuildBaseline();
    void updateBaselineRange();
    void styleOverlay(); // theme-dependent look of the baseline and of hidden series' legend entries
    void onLegendClick(QCPLegend *legend, QCPAbstractLegendItem *item, QMouseEvent *event);
    // The label of the series a plottable draws (its legend name may be a display label).
    QString seriesLabelOf(const QCPAbstractPlottable *plottable) const;
    void updateLayoutElements();
    void refreshCategoryLegend();
    void onMousePress(QMouseEvent *e);
    void onMouseMove(QMouseEvent *e);
    void onMouseRelease(QMouseEvent *e);
    std::optional<Event> draggedEvent(int x) const;
    int64_t usAtPixel(int x) const;
    void updateEmptyState();
    void applyTheme(const ChartTheme &theme);
    bool screenIsDark() const;
    std::optional<std::pair<int64_t, int64_t>> dataExtent() const;

    struct Private;
    Private *d;
    QCustomPlot *m_plot = nullptr;
};

} // namespace dnt
