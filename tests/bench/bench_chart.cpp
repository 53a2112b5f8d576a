// Replot time of the timeline chart at 1920×1080 (offscreen): 2,000 buckets × 8 series as stacked bars
// plus 300 event markers, against the same scene drawn with plain QCPBars (one per series, stacked
// with moveAbove) and the same marker layer — measured in the same run. Target: median < 16 ms.
// usage: dnstimeline_bench_chart [REPLOTS [EVENTS]]
#include "eventmarkers.h"
#include "timelinechart.h"
#include "timeutil.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>

using namespace dnt;

namespace {

constexpr int kBuckets = 2000;
constexpr int kSeries = 8;
int gEvents = 300;
const QSize kSize(1920, 1080);

VolumeSeries makeSeries()
{
    VolumeSeries v;
    v.unit = BucketUnit::Hour;
    v.fromUs = 1469404800LL * kUsPerSecond; // 2016-07-25
    for (int i = 0; i < kBuckets; ++i)
        v.bucketStarts.append(v.fromUs + i * kUsPerHour);
    v.toUs = v.fromUs + kBuckets * kUsPerHour;
    uint32_t seed = 1;
    for (int s = 0; s < kSeries; ++s) {
        VolumeSeries::Series one;
        one.label = QStringLiteral("198.51.100.%1").arg(s + 1);
        for (int i = 0; i < kBuckets; ++i) {
            seed = seed * 1664525u + 1013904223u;
            const int64_t c = 5 + (seed >> 24) % 40 + (i % 24 < 8 ? 0 : 30);
            one.counts.append(c);
            one.total += c;
        }
        v.series.append(one);
    }
    return v;
}

QVector<Event> makeEvents(const VolumeSeries &v)
{
    QVector<Event> events;
    for (int i = 0; i < gEvents; ++i) {
        Event e;
        e.id = i + 1;
        e.startUs = v.fromUs + (v.toUs - v.fromUs) / gEvents * i;
        if (i % 10 == 0)
            e.endUs = e.startUs + 12 * kUsPerHour;
        e.title = QStringLiteral("Event %1").arg(i + 1);
        events.append(e);
    }
    return events;
}

struct Timing
{
    double wallMs = 0; // median wall-clock time
    double cpuMs = 0;  // median CPU time of the process (all its threads), which a busy machine inflates less
};

double processCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// Medians of `replots` immediate replots (after two warm-up ones).
Timing medianReplot(QCustomPlot *plot, int replots)
{
    for (int i = 0; i < 2; ++i)
        plot->replot(QCustomPlot::rpImmediateRefresh);
    QVector<double> wall, cpu;
    QElapsedTimer t;
    for (int i = 0; i < replots; ++i) {
        const double c0 = processCpuMs();
        t.start();
        plot->replot(QCustomPlot::rpImmediateRefresh);
        wall.append(t.nsecsElapsed() / 1e6);
        cpu.append(processCpuMs() - c0);
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    return {wall.at(wall.size() / 2), cpu.at(cpu.size() / 2)};
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int replots = argc > 1 ? std::max(5, std::atoi(argv[1])) : 51;
    if (argc > 2)
        gEvents = std::max(0, std::atoi(argv[2]));
    const VolumeSeries v = makeSeries();
    const QVector<Event> events = makeEvents(v);

    TimelineChart chart;
    chart.resize(kSize);
    chart.setSeries(v);
    chart.setEvents(events);
    chart.setVisibleRange(v.fromUs, v.toUs);
    chart.show();
    const Timing ours = medianReplot(chart.plot(), replots);

    // The baseline: the same data, axes and markers, bars as QCPBars.
    QCustomPlot plain;
    plain.resize(kSize);
    plain.setWindowTitle(QStringLiteral("baseline"));
    QVector<double> keys(kBuckets);
    for (int i = 0; i < kBuckets; ++i)
        keys[i] = (v.bucketStarts.at(i) + kUsPerHour / 2) / 1e6;
    QCPBars *below = nullptr;
    const QVector<QColor> colors{0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7, 0x56B4E9, 0xF0E442, 0x404040, 0x0072B2};
    double top = 0;
    QVector<double> stack(kBuckets, 0);
    for (int s = 0; s < kSeries; ++s) {
        auto *bars = new QCPBars(plain.xAxis, plain.yAxis);
        QVector<double> values(kBuckets);
        for (int i = 0; i < kBuckets; ++i) {
            values[i] = double(v.series.at(s).counts.at(i));
            stack[i] += values[i];
            top = std::max(top, stack[i]);
        }
        bars->setData(keys, values, true);
        bars->setWidth(3600 * 0.9);
        bars->setPen(Qt::NoPen);
        bars->setBrush(colors.at(s));
        bars->setAntialiased(false);
        if (below)
            bars->moveAbove(below);
        below = bars;
    }
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setTimeZone(QTimeZone::utc());
    plain.xAxis->setTicker(ticker);
    plain.xAxis->setRange(v.fromUs / 1e6, v.toUs / 1e6);
    plain.yAxis->setRange(0, top * 1.1);
    plain.addLayer(QStringLiteral("markers"), plain.layer(QStringLiteral("main")), QCustomPlot::limAbove);
    plain.layer(QStringLiteral("markers"))->setMode(QCPLayer::lmBuffered);
    auto *markers = new EventMarkers(plain.axisRect(), QStringLiteral("markers"));
    markers->setEvents(events);
    plain.show();
    const Timing baseline = medianReplot(&plain, replots);

    // The fixed cost of any replot at this size (paint buffers, axes, blit), for scale.
    QCustomPlot empty;
    empty.resize(kSize);
    empty.xAxis->setTicker(ticker);
    empty.xAxis->setRange(v.fromUs / 1e6, v.toUs / 1e6);
    empty.show();
    const Timing fixed = medianReplot(&empty, replots);

    std::printf("chart replot at %dx%d, %d buckets x %d series stacked + %d events, median of %d (wall / CPU):\n",
                kSize.width(), kSize.height(), kBuckets, kSeries, gEvents, replots);
    std::printf("  batched chart (TimelineChart): %6.2f / %6.2f ms  (target < 16 ms: %s)\n", ours.wallMs, ours.cpuMs,
                ours.wallMs < 16 ? "met" : ours.cpuMs < 16 ? "met in CPU time, not in wall time" : "NOT met");
    std::printf("  plain QCPBars, same scene:     %6.2f / %6.2f ms\n", baseline.wallMs, baseline.cpuMs);
    std::printf("  ratio plain / batched:         %6.1fx / %5.1fx\n", baseline.wallMs / ours.wallMs,
                baseline.cpuMs / ours.cpuMs);
    std::printf("  empty plot, axes only:         %6.2f / %6.2f ms  (the fixed cost of a replot at this size)\n",
                fixed.wallMs, fixed.cpuMs);
    return 0;
}
