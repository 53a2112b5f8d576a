// Tests of the chart widget: ticks aligned in UTC whatever TZ is, bars and markers checked in pixels
// of rendered images, label placement, rich-text safety, clamping of absurd ranges and sizes, PNG export.
#include "batchedbars.h"
#include "charttheme.h"
#include "timelinechart.h"
#include "timeutil.h"
#include "utcdateticker.h"

#include <qcustomplot.h>

#include <QElapsedTimer>
#include <QImageReader>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

#include <ctime>
#include <limits>

using namespace dnt;

namespace {

int64_t iso(const char *text)
{
    const auto t = parseIso8601(QString::fromLatin1(text));
    Q_ASSERT(t);
    return *t;
}

double seconds(int64_t us)
{
    return static_cast<double>(us) / 1e6;
}

void setZone(const char *zone)
{
    qputenv("TZ", zone);
    tzset();
}

// Ten day buckets from 2016-07-20 with known counts: bucket 2 is zero, bucket 5 is the tall one.
const QVector<int64_t> kDayCounts{5, 8, 0, 12, 7, 40, 6, 3, 9, 4};

VolumeSeries daySeries(const QVector<QVector<int64_t>> &perSeries, const QStringList &labels)
{
    VolumeSeries v;
    v.unit = BucketUnit::Day;
    v.fromUs = iso("2016-07-20");
    const int n = static_cast<int>(perSeries.first().size());
    for (int i = 0; i < n; ++i)
        v.bucketStarts.append(v.fromUs + i * kUsPerDay);
    v.toUs = v.fromUs + n * kUsPerDay;
    for (int s = 0; s < perSeries.size(); ++s) {
        VolumeSeries::Series one;
        one.label = labels.at(s);
        one.counts = perSeries.at(s);
        for (int64_t c : one.counts)
            one.total += c;
        v.series.append(one);
    }
    return v;
}

Event pointEvent(const char *when, const QString &title)
{
    Event e;
    e.startUs = iso(when);
    e.title = title;
    return e;
}

// Rows (inside the axis rect) of column x whose pixel has exactly this colour.
QVector<int> rowsWithColour(const QImage &image, int x, const QRect &area, QColor colour)
{
    QVector<int> rows;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        if (image.pixel(x, y) == colour.rgb())
            rows.append(y);
    }
    return rows;
}

bool columnNearHasColour(const QImage &image, int x, int y, QColor colour)
{
    for (int dx = -1; dx <= 1; ++dx) {
        if (image.pixel(x + dx, y) == colour.rgb())
            return true;
    }
    return false;
}

// Ticks and labels of the date axis for a range, as "iso|label" strings.
QStringList tickStrings(double from, double to, int target, UtcDateTicker::Step *step = nullptr)
{
    UtcDateTicker ticker;
    ticker.setTargetTickCount(target);
    QVector<double> ticks, subTicks;
    QVector<QString> labels;
    ticker.generate(QCPRange(from, to), QLocale::c(), QLatin1Char('g'), 6, ticks, &subTicks, &labels);
    if (step)
        *step = ticker.lastStep();
    QStringList out;
    for (int i = 0; i < ticks.size(); ++i)
        out.append(formatIsoUtc(static_cast<int64_t>(ticks.at(i)) * kUsPerSecond) + QLatin1Char('|') + labels.at(i));
    return out;
}

} // namespace

class TestTimelineChart : public QObject
{
    Q_OBJECT

private slots:
    void init() { setZone("UTC"); }
    void cleanup() { setZone("UTC"); }

    void tickerKnownRanges();
    void tickerAlignment_data();
    void tickerAlignment();
    void tickerIndependentOfZone();
    void tickerHugeRanges();
    void absurdVisibleRanges();
    void barsAndMarkersInPixels();
    void zeroBucketsAndBatching();
    void stackedBars();
    void labelsNeverOverlap();
    void eventTitlesArePlainText();
    void renderIdenticalAcrossZones();
    void emptyState();
    void exportPng();
    void exportPngClampsAndFails();
    void rangeSignalsAreDebounced();
    void wheelZoomsXAroundCursorAndDragPans();
    void setSeriesKeepsRange();
    void spanToolDrawsWithAPlainDrag();
    void writeSample();
};

void TestTimelineChart::tickerKnownRanges()
{
    const double from3d = seconds(iso("2016-07-27")), to3d = seconds(iso("2016-07-30"));
    UtcDateTicker::Step step;
    QCOMPARE(tickStrings(from3d, to3d, 4, &step),
             QStringList({"2016-07-27T00:00:00Z|27 Jul 2016", "2016-07-28T00:00:00Z|28 Jul 2016",
                          "2016-07-29T00:00:00Z|29 Jul 2016", "2016-07-30T00:00:00Z|30 Jul 2016"}));
    QCOMPARE(step, (UtcDateTicker::Step{UtcDateTicker::Unit::Day, 1}));
    const QStringList halfDays = tickStrings(from3d, to3d, 8, &step);
    QCOMPARE(step, (UtcDateTicker::Step{UtcDateTicker::Unit::Hour, 12}));
    QCOMPARE(halfDays.size(), 7);
    QCOMPARE(halfDays.at(1), QStringLiteral("2016-07-27T12:00:00Z|27 Jul 12:00"));

    const QStringList quarter = tickStrings(seconds(iso("2016-07-29T14:10:00Z")), seconds(iso("2016-07-29T16:10:00Z")), 8, &step);
    QCOMPARE(step, (UtcDateTicker::Step{UtcDateTicker::Unit::Minute, 15}));
    QCOMPARE(quarter.first(), QStringLiteral("2016-07-29T14:15:00Z|29 Jul 14:15"));
    QCOMPARE(quarter.last(), QStringLiteral("2016-07-29T16:00:00Z|29 Jul 16:00"));
    QCOMPARE(quarter.size(), 8);

    QCOMPARE(tickStrings(seconds(iso("2016-06-15")), seconds(iso("2016-09-15")), 8, &step),
             QStringList({"2016-07-01T00:00:00Z|Jul 2016", "2016-08-01T00:00:00Z|Aug 2016", "2016-09-01T00:00:00Z|Sep 2016"}));
    QCOMPARE(step, (UtcDateTicker::Step{UtcDateTicker::Unit::Month, 1}));

    QCOMPARE(tickStrings(seconds(iso("2014-03-01")), seconds(iso("2017-03-01")), 8, &step),
             QStringList({"2015-01-01T00:00:00Z|2015", "2016-01-01T00:00:00Z|2016", "2017-01-01T00:00:00Z|2017"}));
    QCOMPARE(step, (UtcDateTicker::Step{UtcDateTicker::Unit::Year, 1}));

    // Weeks start on Monday: 2016-07-04 was one.
    const QStringList weeks = tickStrings(seconds(iso("2016-07-01")), seconds(iso("2016-09-30")), 14, &step);
    QCOMPARE(step, (UtcDateTicker::Step{UtcDateTicker::Unit::Week, 1}));
    QCOMPARE(weeks.first(), QStringLiteral("2016-07-04T00:00:00Z|4 Jul 2016"));
    QCOMPARE(weeks.size(), 13);
}

void TestTimelineChart::tickerAlignment_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::newRow("3 days") << "2016-07-27T05:17:23Z" << "2016-07-30T05:17:23Z";
    QTest::newRow("2 hours") << "2016-07-29T13:07:41Z" << "2016-07-29T15:07:41Z";
    QTest::newRow("3 months") << "2016-06-13T09:00:00Z" << "2016-09-13T09:00:00Z";
    QTest::newRow("3 years") << "2014-05-06T07:08:09Z" << "2017-05-06T07:08:09Z";
    QTest::newRow("across leap day") << "2016-02-27T22:00:00Z" << "2016-03-02T03:00:00Z";
    QTest::newRow("before 1970") << "1969-12-20T00:00:00Z" << "1970-01-10T00:00:00Z";
}

void TestTimelineChart::tickerAlignment()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    const double lower = seconds(*parseIso8601(from)), upper = seconds(*parseIso8601(to));
    for (int target : {2, 4, 8, 12, 20}) {
        UtcDateTicker ticker;
        ticker.setTargetTickCount(target);
        QVector<double> ticks;
        QVector<QString> labels;
        ticker.generate(QCPRange(lower, upper), QLocale::c(), QLatin1Char('g'), 6, ticks, nullptr, &labels);
        const UtcDateTicker::Step step = ticker.lastStep();
        QVERIFY2(!ticks.isEmpty(), qPrintable(QStringLiteral("target %1").arg(target)));
        QVERIFY(ticks.size() <= target + 1);
        for (double t : ticks) {
            QVERIFY(t >= lower && t <= upper);
            QCOMPARE(t, std::floor(t));
            const auto s = static_cast<int64_t>(t);
            int64_t days = s / 86400, rem = s % 86400;
            if (rem < 0) {
                rem += 86400;
                --days;
            }
            int64_t y;
            unsigned m, d;
            civilFromDays(days, &y, &m, &d);
            const QString where = formatIsoUtc(s * kUsPerSecond);
            switch (step.unit) {
            case UtcDateTicker::Unit::Second: QCOMPARE(rem % step.count, 0); break;
            case UtcDateTicker::Unit::Minute:
                QCOMPARE(rem % 60, 0);
                QCOMPARE((rem / 60) % step.count, 0);
                break;
            case UtcDateTicker::Unit::Hour:
                QVERIFY2(rem % 3600 == 0, qPrintable(where));
                QCOMPARE((rem / 3600) % step.count, 0);
                break;
            case UtcDateTicker::Unit::Day: QVERIFY2(rem == 0, qPrintable(where)); break;
            case UtcDateTicker::Unit::Week:
                QVERIFY2(rem == 0, qPrintable(where));
                QVERIFY2(((days % 7) + 7) % 7 == 4, qPrintable(where)); // Monday
                break;
            case UtcDateTicker::Unit::Month:
                QVERIFY2(rem == 0 && d == 1, qPrintable(where));
                QCOMPARE((m - 1) % step.count, 0u);
                break;
            case UtcDateTicker::Unit::Year: QVERIFY2(rem == 0 && d == 1 && m == 1, qPrintable(where)); break;
            }
        }
    }
}

void TestTimelineChart::tickerIndependentOfZone()
{
    const QList<std::pair<const char *, const char *>> ranges{{"2016-07-27T05:17:23Z", "2016-07-30T05:17:23Z"},
                                                               {"2016-07-29T13:07:41Z", "2016-07-29T15:07:41Z"},
                                                               {"2016-06-13T09:00:00Z", "2016-09-13T09:00:00Z"},
                                                               {"2014-05-06T07:08:09Z", "2017-05-06T07:08:09Z"},
                                                               {"2016-11-05T00:00:00Z", "2016-11-08T00:00:00Z"}}; // DST end in New York
    const auto all = [&] {
        QStringList out;
        for (const auto &[from, to] : ranges) {
            for (int target : {3, 6, 10, 14})
                out += tickStrings(seconds(iso(from)), seconds(iso(to)), target);
        }
        return out;
    };
    const QStringList utc = all();
    QVERIFY(utc.size() > 50);
    setZone("America/New_York");
    QCOMPARE(all(), utc);
    setZone("Asia/Kolkata"); // a half-hour offset
    QCOMPARE(all(), utc);
}

void TestTimelineChart::tickerHugeRanges()
{
    QElapsedTimer timer;
    timer.start();
    using Step = UtcDateTicker::Step;
    using Unit = UtcDateTicker::Unit;
    QVERIFY(UtcDateTicker::tickTimes(-1e300, 1e300, Step{Unit::Second, 1}).size() <= UtcDateTicker::kMaxTicks);
    QVERIFY(UtcDateTicker::tickTimes(-1e300, 1e300, Step{Unit::Month, 1}).size() <= UtcDateTicker::kMaxTicks);
    QVERIFY(UtcDateTicker::tickTimes(std::nan(""), 10, Step{Unit::Second, 1}).isEmpty());
    QVERIFY(UtcDateTicker::tickTimes(0, std::numeric_limits<double>::infinity(), Step{Unit::Second, 1}).isEmpty());
    QVERIFY(UtcDateTicker::tickTimes(10, 0, Step{Unit::Second, 1}).isEmpty());
    QCOMPARE(UtcDateTicker::chooseStep(std::numeric_limits<double>::infinity(), 8).unit, Unit::Year);

    UtcDateTicker ticker;
    QVector<double> ticks;
    QVector<QString> labels;
    ticker.generate(QCPRange(-1e18, 1e18), QLocale::c(), QLatin1Char('g'), 6, ticks, nullptr, &labels);
    QVERIFY(!ticks.isEmpty());
    QVERIFY(ticks.size() <= UtcDateTicker::kMaxTicks);
    QCOMPARE(labels.size(), ticks.size());
    QVERIFY(timer.elapsed() < 1000);
}

void TestTimelineChart::absurdVisibleRanges()
{
    TimelineChart chart;
    chart.setSeries(daySeries({kDayCounts}, {"all"}));
    QElapsedTimer timer;
    timer.start();
    chart.setVisibleRange(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
    QCOMPARE(chart.visibleRange(), std::make_pair(TimelineChart::kMinVisibleUs, TimelineChart::kMaxVisibleUs));
    QImage image = chart.renderImage(QSize(800, 400));
    QCOMPARE(image.size(), QSize(800, 400));

    chart.setVisibleRange(5, 5); // empty: widened to the minimum span
    const auto [from, to] = chart.visibleRange();
    QCOMPARE(to - from, TimelineChart::kMinSpanUs);
    chart.renderImage(QSize(800, 400));

    // As the mouse would do it, straight through the axis: clamped by the chart. (QCustomPlot itself
    // refuses ranges wider than 1e250; this one it accepts.)
    chart.plot()->xAxis->setRange(-1e15, 1e15);
    QCOMPARE(chart.visibleRange(), std::make_pair(TimelineChart::kMinVisibleUs, TimelineChart::kMaxVisibleUs));
    chart.plot()->xAxis->setRange(seconds(TimelineChart::kMaxVisibleUs) + 1e6, seconds(TimelineChart::kMaxVisibleUs) + 2e6);
    QCOMPARE(chart.visibleRange().second, TimelineChart::kMaxVisibleUs);
    QCOMPARE(chart.visibleRange().second - chart.visibleRange().first, int64_t(1e6) * kUsPerSecond); // width kept
    chart.renderImage(QSize(800, 400));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

void TestTimelineChart::barsAndMarkersInPixels()
{
    TimelineChart chart;
    chart.setTitle(QStringLiteral("mail1.trump-email.com from 217.12.96.15"));
    chart.setSeries(daySeries({kDayCounts}, {"all"}));
    QVector<Event> events{pointEvent("2016-07-23T12:00:00Z", QStringLiteral("Newspaper asks the bank")), Event{}};
    events[1].startUs = iso("2016-07-26T06:00:00Z");
    events[1].endUs = iso("2016-07-27T18:00:00Z");
    events[1].title = QStringLiteral("Server unreachable");
    chart.setEvents(events);
    QCOMPARE(chart.visibleRange(), std::make_pair(iso("2016-07-20"), iso("2016-07-30")));
    QCOMPARE(chart.visibleMaximum(), int64_t(40));

    const QImage image = chart.renderImage(QSize(1000, 500));
    QCOMPARE(image.size(), QSize(1000, 500));
    QCPAxis *x = chart.plot()->xAxis;
    QCPAxis *y = chart.plot()->yAxis;
    QCOMPARE(y->range().lower, 0.0);
    QCOMPARE(y->range().upper, 44.0);
    QCOMPARE(y->label(), QStringLiteral("lookups per day"));
    const QRect area = chart.plot()->axisRect()->rect();
    QVERIFY(area.width() > 800 && area.height() > 300);
    const QColor bar = ChartTheme::light().series.at(0);
    const QColor marker = ChartTheme::light().marker;

    // The tall bucket: bar colour from the axis up to 40/44 of the height.
    const auto centre = [&](int bucket) { return int(std::lround(x->coordToPixel(seconds(iso("2016-07-20") + bucket * kUsPerDay + kUsPerDay / 2)))); };
    const QVector<int> tall = rowsWithColour(image, centre(5), area, bar);
    QVERIFY(!tall.isEmpty());
    QCOMPARE(tall.last(), area.bottom() - 1); // standing on the axis line
    QVERIFY(std::abs(tall.first() - int(std::lround(y->coordToPixel(40)))) <= 1);
    // A smaller bucket is lower (bucket 8, outside the span event's band).
    const QVector<int> small = rowsWithColour(image, centre(8), area, bar);
    QVERIFY(!small.isEmpty());
    QVERIFY(std::abs(small.first() - int(std::lround(y->coordToPixel(9)))) <= 1);
    QCOMPARE(small.size(), small.last() - small.first() + 1);
    // The zero bucket: no bar at all.
    QVERIFY(rowsWithColour(image, centre(2), area, bar).isEmpty());
    QCOMPARE(image.pixel(centre(2), area.bottom() - 5), QColor(Qt::white).rgb());

    // Point event: a marker line from top to bottom at its time (over the bar of bucket 3).
    const int px = int(std::lround(x->coordToPixel(seconds(events[0].startUs))));
    for (int yy : {area.top() + area.height() / 2, area.bottom() - 2})
        QVERIFY2(columnNearHasColour(image, px, yy, marker), qPrintable(QStringLiteral("y %1").arg(yy)));
    QVERIFY(!columnNearHasColour(image, px + 20, area.top() + area.height() / 2, marker));
    // Span event: lines at both ends, a translucent band between them (neither white nor marker).
    const int sx0 = int(std::lround(x->coordToPixel(seconds(events[1].startUs))));
    const int sx1 = int(std::lround(x->coordToPixel(seconds(*events[1].endUs))));
    QVERIFY(columnNearHasColour(image, sx0, area.top() + area.height() / 2, marker));
    QVERIFY(columnNearHasColour(image, sx1, area.top() + area.height() / 2, marker));
    const QRgb inside = image.pixel((sx0 + sx1) / 2 + 7, area.top() + area.height() / 3);
    QVERIFY(inside != QColor(Qt::white).rgb() && inside != marker.rgb());
    QVERIFY(qRed(inside) > qBlue(inside)); // vermillion tint

    // Labels: both events, plain titles, inside the plot, with drawn (dark) text in their boxes.
    const QVector<EventLabel> labels = chart.eventLabels();
    QCOMPARE(labels.size(), 2);
    QCOMPARE(labels[0].text, events[0].title);
    QCOMPARE(labels[1].text, events[1].title);
    for (const EventLabel &l : labels) {
        QVERIFY(area.contains(l.rect));
        int dark = 0;
        for (int yy = l.rect.top(); yy <= l.rect.bottom(); ++yy) {
            for (int xx = l.rect.left() + 3; xx <= l.rect.right(); ++xx)
                dark += qGray(image.pixel(xx, yy)) < 100;
        }
        QVERIFY2(dark > 30, qPrintable(QString::number(dark)));
    }
    QCOMPARE(labels[0].markerX, px);
}

void TestTimelineChart::zeroBucketsAndBatching()
{
    // 10000 minute buckets: one drawRects call with at most one rectangle per pixel column.
    VolumeSeries v;
    v.unit = BucketUnit::Minute;
    v.fromUs = iso("2016-07-29");
    VolumeSeries::Series s;
    s.label = QStringLiteral("all");
    for (int i = 0; i < 10000; ++i) {
        v.bucketStarts.append(v.fromUs + i * kUsPerMinute);
        s.counts.append(1 + i % 17);
    }
    v.toUs = v.fromUs + 10000 * kUsPerMinute;
    v.series.append(s);
    TimelineChart chart;
    chart.setSeries(v);
    chart.renderImage(QSize(1000, 500));
    auto *bars = dynamic_cast<BatchedBars *>(chart.plot()->plottable(0));
    QVERIFY(bars);
    QCOMPARE(bars->bars().size(), 10000);
    QVERIFY(bars->lastRectCount() > 500);
    QVERIFY(bars->lastRectCount() <= chart.plot()->axisRect()->width() + 2);

    // Ten day buckets, one zero: nine rectangles.
    chart.setSeries(daySeries({kDayCounts}, {"all"}));
    chart.setVisibleRange(iso("2016-07-20"), iso("2016-07-30"));
    chart.renderImage(QSize(1000, 500));
    QCOMPARE(bars->lastRectCount(), 9);

    // Non-finite bars never reach QCustomPlot.
    const double nan = std::nan(""), inf = std::numeric_limits<double>::infinity();
    bars->setBars({{0, 1, 0, 1}, {nan, 2, 0, 1}, {2, inf, 0, 1}, {3, 4, 0, nan}, {5, 5, 0, 1}, {6, 7, 0, 2}});
    QCOMPARE(bars->bars().size(), 2);
    bool found = false;
    const QCPRange keys = bars->getKeyRange(found);
    QVERIFY(found);
    QCOMPARE(keys.lower, 0.0);
    QCOMPARE(keys.upper, 7.0);
}

void TestTimelineChart::stackedBars()
{
    TimelineChart chart;
    chart.setSeries(daySeries({{10, 20, 0}, {5, 10, 7}}, {"217.12.96.15", "217.12.96.16"}));
    QCOMPARE(chart.visibleMaximum(), int64_t(30));
    QCOMPARE(chart.plot()->legend->itemCount(), 2);
    QVERIFY(chart.plot()->legend->visible());
    const QImage image = chart.renderImage(QSize(1000, 500));
    const QRect area = chart.plot()->axisRect()->rect();
    QCPAxis *x = chart.plot()->xAxis;
    QCPAxis *y = chart.plot()->yAxis;
    const QColor bottom = ChartTheme::light().series.at(0), top = ChartTheme::light().series.at(1);
    for (int bucket : {0, 1}) {
        const int cx = int(std::lround(x->coordToPixel(seconds(iso("2016-07-20") + bucket * kUsPerDay + kUsPerDay / 2))));
        const QVector<int> b = rowsWithColour(image, cx, area, bottom);
        const QVector<int> t = rowsWithColour(image, cx, area, top);
        QVERIFY(!b.isEmpty() && !t.isEmpty());
        // Bars stand on the x axis line (the axis rect's bottom row).
        QCOMPARE(b.last(), area.bottom() - 1);
        QCOMPARE(image.pixel(cx, area.bottom()), ChartTheme::light().foreground.rgb());
        // The upper series starts right where the lower one ends: no gap, no overlap, contiguous.
        QCOMPARE(t.last() + 1, b.first());
        QCOMPARE(t.size(), t.last() - t.first() + 1);
        QCOMPARE(b.size(), b.last() - b.first() + 1);
        const int total = bucket == 0 ? 15 : 30;
        QVERIFY(std::abs(t.first() - int(std::lround(y->coordToPixel(total)))) <= 1);
    }
    // Bucket 2: only the upper series (7), standing on the axis.
    const int cx = int(std::lround(x->coordToPixel(seconds(iso("2016-07-22") + kUsPerDay / 2))));
    QVERIFY(rowsWithColour(image, cx, area, bottom).isEmpty());
    QCOMPARE(rowsWithColour(image, cx, area, top).last(), area.bottom() - 1);
    // The legend is drawn below the plot, not over the bars.
    QVERIFY(chart.plot()->legend->outerRect().top() > area.bottom());

    // Back to one series: no legend.
    chart.setSeries(daySeries({kDayCounts}, {"all"}));
    QVERIFY(!chart.plot()->legend->visible());
    QCOMPARE(chart.plot()->plottableCount(), 1);
}

void TestTimelineChart::labelsNeverOverlap()
{
    TimelineChart chart;
    chart.setSeries(daySeries({kDayCounts}, {"all"}));
    QVector<Event> events;
    for (int i = 0; i < 20; ++i) {
        Event e;
        e.startUs = iso("2016-07-25T00:00:00Z") + i * kUsPerHour;
        e.title = QStringLiteral("Event number %1 of the day").arg(i + 1);
        events.append(e);
    }
    // And one long title at the right edge, which must be pulled back inside.
    events.append(pointEvent("2016-07-29T23:00:00Z", QStringLiteral("A long title at the very end of the range")));
    chart.setEvents(events);
    for (QSize size : {QSize(1000, 500), QSize(600, 900), QSize(2400, 700)}) {
        const QImage image = chart.renderImage(size);
        const QRect area = chart.plot()->axisRect()->rect();
        const QVector<EventLabel> labels = chart.eventLabels();
        QVERIFY(labels.size() <= 21); // a badge may stand for several events when space runs out
        QSet<int> indices;
        for (int i = 0; i < labels.size(); ++i) {
            for (int k : labels[i].eventIndices)
                indices.insert(k);
            QVERIFY(labels[i].rect.left() >= area.left() && labels[i].rect.right() <= area.right());
            for (int j = i + 1; j < labels.size(); ++j)
                QVERIFY2(!labels[i].rect.intersects(labels[j].rect),
                         qPrintable(QStringLiteral("%1 and %2 at %3").arg(labels[i].text, labels[j].text).arg(size.width())));
        }
        QCOMPARE(indices.size(), 21);
        // The label of the event near the right edge sits left of its marker, ending at the line.
        // (In the narrow image the three label rows are taken there by the crowd's long titles: it is a badge.)
        const auto last = std::find_if(labels.cbegin(), labels.cend(), [](const EventLabel &l) { return l.eventIndices.contains(20); });
        QVERIFY(last != labels.cend());
        QCOMPARE(last->badge, size.width() < 1000);
        if (!last->badge) {
            QVERIFY(last->rect.right() < last->markerX);
            QVERIFY(last->markerX - last->rect.right() <= 3);
        }
        const int rows = std::max_element(labels.cbegin(), labels.cend(), [](auto &a, auto &b) { return a.row < b.row; })->row + 1;
        QVERIFY(rows > 1);
        QVERIFY(rows <= 21);
        Q_UNUSED(image);
    }
}

void TestTimelineChart::eventTitlesArePlainText()
{
    const QString markup = QStringLiteral("<b>bold</b>");
    QVERIFY(Qt::mightBeRichText(markup)); // so a QLabel in AutoText mode would render it bold
    TimelineChart chart;
    chart.setSeries(daySeries({kDayCounts}, {"all"}));
    chart.setEvents({pointEvent("2016-07-22T00:00:00Z", markup), pointEvent("2016-07-27T00:00:00Z", QStringLiteral("bold"))});
    chart.setTitle(QStringLiteral("<i>title</i>"));
    chart.renderImage(QSize(1000, 500));
    const QVector<EventLabel> labels = chart.eventLabels();
    QCOMPARE(labels.size(), 2);
    QCOMPARE(labels[0].text, markup);
    // Drawn as eleven characters, not as one bold word: clearly wider than the label "bold".
    QVERIFY2(labels[0].rect.width() > labels[1].rect.width() * 2,
             qPrintable(QStringLiteral("%1 vs %2").arg(labels[0].rect.width()).arg(labels[1].rect.width())));
    // The title element and the empty message are QCustomPlot elements that draw with drawText.
    auto *title = qobject_cast<QCPTextElement *>(chart.plot()->plotLayout()->element(0, 0));
    QVERIFY(title);
    QCOMPARE(title->text(), QStringLiteral("<i>title</i>"));
    QVERIFY(!(title->textFlags() & Qt::TextShowMnemonic));
}

void TestTimelineChart::renderIdenticalAcrossZones()
{
    TimelineChart chart;
    chart.setTitle(QStringLiteral("zone test"));
    chart.setSeries(daySeries({kDayCounts, kDayCounts}, {"a", "b"}));
    chart.setEvents({pointEvent("2016-07-23T12:00:00Z", QStringLiteral("Event"))});
    const QImage utc = chart.renderImage(QSize(1000, 500));
    setZone("America/New_York");
    const QImage newYork = chart.renderImage(QSize(1000, 500));
    QVERIFY(utc == newYork);
    // Over hours too, where a local-zone ticker would shift by 4 hours.
    chart.setVisibleRange(iso("2016-07-23T00:00:00Z"), iso("2016-07-23T18:00:00Z"));
    const QImage hoursNy = chart.renderImage(QSize(1000, 500));
    setZone("UTC");
    QVERIFY(chart.renderImage(QSize(1000, 500)) == hoursNy);
}

void TestTimelineChart::emptyState()
{
    TimelineChart chart;
    QVERIFY(chart.isShowingEmptyMessage());
    QCOMPARE(chart.emptyMessage(), QStringLiteral("No lookups in this selection"));
    chart.setSeries(VolumeSeries{});
    QVERIFY(chart.isShowingEmptyMessage());
    chart.setEmptyMessage(QStringLiteral("No lookups match this selection"));
    QImage image = chart.renderImage(QSize(800, 400));
    // Message pixels (grey text) near the centre of the plot.
    const QRect area = chart.plot()->axisRect()->rect();
    int grey = 0;
    for (int yy = area.center().y() - 10; yy <= area.center().y() + 10; ++yy) {
        for (int xx = area.center().x() - 150; xx <= area.center().x() + 150; ++xx)
            grey += qGray(image.pixel(xx, yy)) < 200;
    }
    QVERIFY2(grey > 50, qPrintable(QString::number(grey)));
    QVERIFY(!chart.plot()->yAxis->tickLabels());

    // All-zero buckets are no lookups either.
    chart.setSeries(daySeries({{0, 0, 0}}, {"all"}));
    QVERIFY(chart.isShowingEmptyMessage());
    chart.setSeries(daySeries({kDayCounts}, {"all"}));
    QVERIFY(!chart.isShowingEmptyMessage());
    QVERIFY(chart.plot()->yAxis->tickLabels());
}

void TestTimelineChart::exportPng()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    TimelineChart chart;
    chart.setTitle(QStringLiteral("Export test"));
    chart.setSeries(daySeries({kDayCounts}, {"all"}));
    const QString path = dir.filePath(QStringLiteral("chart.png"));
    QString error;
    QVERIFY2(chart.exportPng(path, QSize(1200, 675), &error), qPrintable(error));
    QImageReader reader(path);
    QCOMPARE(reader.format(), QByteArray("png"));
    QCOMPARE(reader.size(), QSize(1200, 675));
    QCOMPARE(reader.text(QStringLiteral("Title")), QStringLiteral("Export test"));
    QVERIFY(reader.text(QStringLiteral("Software")).startsWith(QStringLiteral("DNS Timeline ")));
    const QImage image = reader.read();
    QCOMPARE(image.pixel(2, 2), QColor(Qt::white).rgb()); // light theme background
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList({"chart.png"}));
}

void TestTimelineChart::exportPngClampsAndFails()
{
    QTemporaryDir dir;
    TimelineChart chart;
    chart.setSeries(daySeries({kDayCounts}, {"all"}));
    QString error;
    const QString wide = dir.filePath(QStringLiteral("wide.png"));
    QVERIFY2(chart.exportPng(wide, QSize(100000, 10), &error), qPrintable(error));
    QCOMPARE(QImageReader(wide).size(), QSize(TimelineChart::kMaxImageSide, TimelineChart::kMinImageSide));
    QCOMPARE(TimelineChart::clampImageSize(QSize(-5, 0)), QSize(16, 16));

    const QString missing = dir.filePath(QStringLiteral("no/such/dir/chart.png"));
    error.clear();
    QVERIFY(!chart.exportPng(missing, QSize(800, 400), &error));
    QVERIFY(error.contains(missing));
    QVERIFY(!QFileInfo::exists(missing));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("no"))));

    // A directory in the way: refused, the directory untouched, no temporary file left next to it.
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("taken.png")));
    error.clear();
    QVERIFY(!chart.exportPng(dir.filePath(QStringLiteral("taken.png")), QSize(800, 400), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("taken.png"))).isDir());
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList({"taken.png", "wide.png"}));
}

void TestTimelineChart::rangeSignalsAreDebounced()
{
    TimelineChart chart;
    chart.resize(900, 400);
    chart.setSeries(daySeries({kDayCounts}, {"all"}));
    chart.setHomeRange(iso("2016-07-20"), iso("2016-07-30"));
    QSignalSpy spy(&chart, &TimelineChart::visibleRangeChanged);

    // Programmatic changes are the owner's own: no signal.
    chart.setVisibleRange(iso("2016-07-21"), iso("2016-07-24"));
    QTest::qWait(TimelineChart::kRangeDebounceMs * 2);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(chart.visibleMaximum(), int64_t(12)); // y follows x
    QCOMPARE(chart.plot()->yAxis->range().upper, 12 * 1.1);

    // A burst of user changes (as a drag produces them): one signal with the final range.
    for (int i = 1; i <= 10; ++i)
        chart.plot()->xAxis->setRange(seconds(iso("2016-07-21") + i * kUsPerHour), seconds(iso("2016-07-24") + i * kUsPerHour));
    QCOMPARE(spy.count(), 0);
    QVERIFY(spy.wait(1000));
    QTest::qWait(TimelineChart::kRangeDebounceMs * 2);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).value<int64_t>(), iso("2016-07-21") + 10 * kUsPerHour);
    QCOMPARE(spy.at(0).at(1).value<int64_t>(), iso("2016-07-24") + 10 * kUsPerHour);
    QVERIFY(spy.at(0).at(2).toInt() > 0);

    // Reset returns home and tells the owner.
    spy.clear();
    chart.resetView();
    QCOMPARE(chart.visibleRange(), std::make_pair(iso("2016-07-20"), iso("2016-07-30")));
    QVERIFY(spy.wait(1000));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).value<int64_t>(), iso("2016-07-20"));
    QCOMPARE(chart.plot()->yAxis->range().upper, 44.0);
}

void TestTimelineChart::wheelZoomsXAroundCursorAndDragPans()
{
    TimelineChart chart;
    chart.resize(900, 450);
    chart.setSeries(daySeries({kDayCounts}, {"all"}));
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.plot()->replot();
    QCPAxis *x = chart.plot()->xAxis;
    const QRect area = chart.plot()->axisRect()->rect();
    const QPoint cursor(area.left() + area.width() / 4, area.center().y());
    const double under = x->pixelToCoord(cursor.x());
    const QCPRange before = x->range();
    const QCPRange yBefore = chart.plot()->yAxis->range();
    QWheelEvent wheel(cursor, chart.plot()->mapToGlobal(cursor), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(chart.plot(), &wheel);
    const QCPRange after = x->range();
    QVERIFY(after.size() < before.size() * 0.95);
    QVERIFY(std::abs(x->pixelToCoord(cursor.x()) - under) < 60); // zoomed around the cursor (within a minute)
    QVERIFY(chart.plot()->yAxis->range().upper <= yBefore.upper); // y refitted, never zoomed by the wheel

    // Drag 100 px to the right: earlier times come into view, the width stays.
    const double perPixel = after.size() / area.width();
    QTest::mousePress(chart.plot(), Qt::LeftButton, Qt::NoModifier, cursor);
    QTest::mouseMove(chart.plot(), cursor + QPoint(50, 0));
    QTest::mouseMove(chart.plot(), cursor + QPoint(100, 30));
    QTest::mouseRelease(chart.plot(), Qt::LeftButton, Qt::NoModifier, cursor + QPoint(100, 30));
    const QCPRange dragged = x->range();
    QVERIFY2(std::abs((after.lower - dragged.lower) - 100 * perPixel) < 2 * perPixel,
             qPrintable(QStringLiteral("%1 vs %2").arg(after.lower - dragged.lower).arg(100 * perPixel)));
    QVERIFY(std::abs(dragged.size() - after.size()) < 1e-3);
}

void TestTimelineChart::setSeriesKeepsRange()
{
    TimelineChart chart;
    chart.setSeries(daySeries({kDayCounts}, {"all"})); // first data: fitted
    QCOMPARE(chart.visibleRange(), std::make_pair(iso("2016-07-20"), iso("2016-07-30")));
    chart.setVisibleRange(iso("2016-07-24"), iso("2016-07-26"));
    chart.setSeries(daySeries({{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}}, {"all"}));
    QCOMPARE(chart.visibleRange(), std::make_pair(iso("2016-07-24"), iso("2016-07-26")));
    QCOMPARE(chart.visibleMaximum(), int64_t(1));
    // resetView without a home range: the data's extent.
    chart.resetView();
    QCOMPARE(chart.visibleRange(), std::make_pair(iso("2016-07-20"), iso("2016-07-30")));
}

void TestTimelineChart::spanToolDrawsWithAPlainDrag()
{
    TimelineChart chart;
    chart.resize(900, 450);
    chart.setSeries(daySeries({kDayCounts}, {"all"}));
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.plot()->replot();
    QWidget *surface = chart.plot();
    const QRect area = chart.plot()->axisRect()->rect();
    const int y = area.center().y(), x1 = area.left() + 100, x2 = area.left() + 400;
    auto usAt = [&](int x) { return int64_t(chart.plot()->xAxis->pixelToCoord(x) * 1e6); };
    auto drag = [&] {
        QTest::mousePress(surface, Qt::LeftButton, Qt::NoModifier, QPoint(x1, y));
        QTest::mouseMove(surface, QPoint(x1 + 150, y));
        QTest::mouseMove(surface, QPoint(x2, y));
        QTest::mouseRelease(surface, Qt::LeftButton, Qt::NoModifier, QPoint(x2, y));
    };
    QSignalSpy drawn(&chart, &TimelineChart::spanDrawn);
    QSignalSpy toggled(&chart, &TimelineChart::spanToolChanged);
    const auto before = chart.visibleRange();

    // On: a plain drag draws the span under it and does not pan; the cursor is a crosshair.
    chart.setSpanTool(true);
    QCOMPARE(toggled.size(), 1);
    QCOMPARE(surface->cursor().shape(), Qt::CrossCursor);
    const int64_t from = usAt(x1), to = usAt(x2);
    drag();
    QCOMPARE(drawn.size(), 1);
    QCOMPARE(drawn.at(0).at(0).value<int64_t>(), from);
    QCOMPARE(drawn.at(0).at(1).value<int64_t>(), to);
    QCOMPARE(chart.visibleRange(), before);

    // Off: the same drag pans by 300 px and draws nothing.
    chart.setSpanTool(false);
    QCOMPARE(surface->cursor().shape(), Qt::ArrowCursor);
    drag();
    QCOMPARE(drawn.size(), 1);
    QVERIFY(chart.visibleRange().first < before.first);
}

void TestTimelineChart::writeSample()
{
    // DNT_CHART_SAMPLE=/tmp/chart-sample.png writes an image to look at.
    const QString path = qEnvironmentVariable("DNT_CHART_SAMPLE");
    if (path.isEmpty())
        QSKIP("set DNT_CHART_SAMPLE to write a sample image");
    TimelineChart chart;
    chart.setTitle(QStringLiteral("mail1.trump-email.com — lookups by client"));
    QVector<int64_t> a, b;
    for (int i = 0; i < 60; ++i) {
        a.append(i < 40 ? 20 + (i * 7) % 30 : (i < 45 ? 3 : 0));
        b.append(i < 44 ? (i * 5) % 12 : 0);
    }
    VolumeSeries v = daySeries({a, b}, {"217.12.96.15", "217.12.96.16"});
    chart.setSeries(v);
    QVector<Event> events{pointEvent("2016-07-27T00:00:00Z", QStringLiteral("Convention begins")),
                          pointEvent("2016-07-29T12:00:00Z", QStringLiteral("<b>Newspaper asks the bank</b>")),
                          pointEvent("2016-07-30T00:00:00Z", QStringLiteral("Another event the same week")),
                          pointEvent("2016-08-31T00:00:00Z", QStringLiteral("Server vanishes")),
                          pointEvent("2016-09-16T00:00:00Z", QStringLiteral("Last event near the end of the range"))};
    Event span;
    span.startUs = iso("2016-08-10");
    span.endUs = iso("2016-08-17");
    span.title = QStringLiteral("Outage");
    events.append(span);
    chart.setEvents(events);
    QString error;
    QVERIFY2(chart.exportPng(path, QSize(1200, 600), &error), qPrintable(error));

    // The widget itself on a dark desktop, crowded with events, zoomed in to hours.
    for (int i = 0; i < 20; ++i)
        events.append(pointEvent(qPrintable(formatIsoUtc(iso("2016-07-29") + i * kUsPerHour)), QStringLiteral("Crowded %1").arg(i)));
    chart.setEvents(events);
    QPalette dark = chart.palette();
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    chart.setPalette(dark);
    chart.resize(1000, 500);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setVisibleRange(iso("2016-07-28T12:00:00Z"), iso("2016-07-30T06:00:00Z"));
    chart.plot()->replot();
    QString widgetPath = path;
    widgetPath.replace(QLatin1String(".png"), QLatin1String("-widget.png"));
    QVERIFY(chart.grab().save(widgetPath));
}

QTEST_MAIN(TestTimelineChart)
#include "tst_timelinechart.moc"
