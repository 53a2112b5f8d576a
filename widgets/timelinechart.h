#pragma once

#include "event.h"
#include "volumeseries.h"

#include <QSize>
#include <QWidget>

#include <cstdint>

class QCustomPlot;
class QTimer;

namespace dnt {

// The lookup-volume chart: bucketed counts as stacked bars (batched: a few paint calls per series,
// not one per bar), a UTC date-time axis with ticks aligned in UTC whatever the machine's zone,
// and the project's events as labelled vertical markers on a layer of their own.
// It never queries anything itself: it shows the VolumeSeries it is given and, when the user zooms
// or pans, emits visibleRangeChanged (debounced) so that its owner can re-query with a bucket that
// fits the new range.
class TimelineChart : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineChart(QWidget *parent = nullptr);
    ~TimelineChart() override;

    // Shows the data. The x range stays as it is unless it was never set (then it fits the data).
    void setSeries(const VolumeSeries &series);
    void setEvents(const QVector<Event> &events);
    void setTitle(const QString &title); // plain text
    // The range "reset view" returns to (normally the selection's first..last lookup).
    void setHomeRange(int64_t fromUs, int64_t toUs);
    void setVisibleRange(int64_t fromUs, int64_t toUs);
    std::pair<int64_t, int64_t> visibleRange() const;
    // Shown instead of an empty axis when there is nothing to draw ("No lookups match …").
    void setEmptyMessage(const QString &text);

    // Renders the chart at exactly `size` pixels and writes a PNG atomically (temporary file, then
    // rename). Sizes are clamped to 16..16384 px a side. False with *error on failure; no file is
    // left behind then.
    bool exportPng(const QString &path, QSize size, QString *error);
    QImage renderImage(QSize size);

    QCustomPlot *plot() const { return m_plot; }

public slots:
    void resetView();

signals:
    // The visible x range changed by the user (zoom, pan, reset); debounced by ~150 ms.
    void visibleRangeChanged(int64_t fromUs, int64_t toUs, int pixelWidth);

private:
    struct Private;
    Private *d;
    QCustomPlot *m_plot = nullptr;
};

} // namespace dnt
