#pragma once

#include "event.h"
#include "selection.h"
#include "viewspec.h"
#include "volumeseries.h"

#include <QTimeZone>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QToolButton;

namespace dnt {

class ReadJobRunner;
class TimelineChart;

// The chart with its toolbar. Turns "this selection, this visible range" into bucketed queries on the
// reader thread (through ReadJobRunner, channel "chart") and shows the newest result; a result that
// arrives after a newer request is dropped by the runner.
class ChartPane : public QWidget
{
    Q_OBJECT
public:
    explicit ChartPane(ReadJobRunner *runner, QWidget *parent = nullptr);

    TimelineChart *chart() const { return m_chart; }
    Selection selection() const { return m_selection; }
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
    QComboBox *styleBox() const { return m_style; }
    QComboBox *valuesBox() const { return m_values; }
    QCheckBox *logBox() const { return m_log; }
    const VolumeSeries &shownSeries() const { return m_shown; }
    // Buckets and the time axis follow this zone (UTC by default); the chart is queried again.
    void setDisplayZone(const QTimeZone &zone);
    QTimeZone displayZone() const { return m_zone; }

public slots:
    // Charts a new selection over its whole time range.
    void setSelection(const dnt::Selection &selection);
    void setEvents(const QVector<dnt::Event> &events);
    // Re-runs the current query (after an import); keeps the view if the data still covers it.
    void refresh();
    void resetView();

signals:
    // A query result was drawn (tests and the status bar use it).
    void seriesShown(const dnt::VolumeSeries &series);

private:
    void requestWhole();
    void requestRange(int64_t fromUs, int64_t toUs, int pixelWidth);
    void show(const VolumeSeries &series);
    // requestWhole, but showing [fromUs, toUs) with this bucket (a saved view) once the whole range is known.
    void requestWhole(std::optional<std::pair<int64_t, int64_t>> shown, std::optional<BucketUnit> unit);

    ReadJobRunner *m_runner;
    TimelineChart *m_chart;
    QComboBox *m_split;
    QComboBox *m_style;
    QComboBox *m_values;
    QCheckBox *m_log;
    QLabel *m_info;
    Selection m_selection;
    VolumeSeries m_shown;
    std::optional<std::pair<int64_t, int64_t>> m_home;
    bool m_wholePending = false;
    QTimeZone m_zone = QTimeZone::utc();
};

} // namespace dnt
