#pragma once

// Internals shared by the files that implement TimelineChart (timelinechart.cpp: data, layout, export;
// timelinechartinput.cpp: mouse and keyboard). Not part of the widget's interface.

#include "batchedbars.h"
#include "categorylegend.h"
#include "charttheme.h"
#include "eventmarkers.h"
#include "integerticker.h"
#include "timelinechart.h"
#include "utcdateticker.h"

#include <qcustomplot.h>

#include <QRubberBand>
#include <QSet>
#include <QSharedPointer>
#include <QTimer>

#include <cmath>

namespace dnt {

inline const QString kMarkerLayer = QStringLiteral("markers");

inline double toSeconds(int64_t us)
{
    return static_cast<double>(us) / 1e6;
}

inline int64_t toMicroseconds(double seconds)
{
    return static_cast<int64_t>(std::llround(seconds * 1e6));
}


struct TimelineChart::Private
{
    QSharedPointer<UtcDateTicker> xTicker;
    QSharedPointer<IntegerTicker> yTicker;
    QVector<BatchedBars *> bars;
    QVector<QCPGraph *> graphs;
    ChartStyle style = ChartStyle::StackedBars;
    ValueMode valueMode = ValueMode::Count;
    bool logScale = false;
    QVector<QVector<double>> values; // per series, per bucket: what is drawn (count or share)
    QVector<double> top;             // per bucket: the highest value drawn (stack top or max line)
    EventMarkers *markers = nullptr;
    QCPTextElement *title = nullptr;
    QCPLayoutGrid *legendRow = nullptr; // the legend, then an empty stretching cell
    QCPItemText *emptyText = nullptr;
    QTimer *debounce = nullptr;
    ChartTheme theme = ChartTheme::light();

    VolumeSeries series;
    // Per bucket, in seconds: the bar's extent, and the stacked total of all series.
    QVector<double> left, right;
    QVector<int64_t> stacked;
    bool hasLookups = false;

    std::optional<std::pair<int64_t, int64_t>> home;
    bool rangeSet = false;   // a range was set (by the owner or the user): setSeries keeps it
    int programmatic = 0;    // >0 while we change the range ourselves: not a user change
    bool adjusting = false;  // re-entrancy guard while clamping inside rangeChanged
    QString titleText;
    QString emptyMessage = TimelineChart::tr("No lookups in this selection");
    QPoint pressPos;
    struct Drag
    {
        enum Kind { None, Move, ResizeStart, ResizeEnd, NewSpan, ZoomBand, SelectBand } kind = None;
        Event original;
        int64_t pressUs = 0;
    } drag;
    QVector<Event> events; // as given by setEvents (the marker layer may show a drag preview)
    CategoryLegend *categoryLegend = nullptr;
    QRubberBand *rubber = nullptr;
    int hoverBucket = -1;
    bool spanTool = false;
    QVector<EventCategory> categories;
    // Baseline and hidden series (timelinechartbaseline.cpp).
    BaselineSeries baselineData;    // as given with the series
    QCPGraph *baseline = nullptr;
    QVector<double> baselineValues; // per bucket: what is drawn (count, or share of the busiest bucket)
    QSet<QString> hidden;           // series labels
    bool hiddenListed = true;
};

} // namespace dnt
