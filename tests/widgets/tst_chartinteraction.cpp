// Hover, click, rubber bands and keys on the timeline chart.
#include "timelinechart.h"
#include "timeutil.h"

#include <QSignalSpy>
#include <QTest>
#include <qcustomplot.h>

using namespace dnt;

class TstChartInteraction : public QObject
{
    Q_OBJECT
    VolumeSeries series()
    {
        VolumeSeries v;
        v.unit = BucketUnit::Day;
        v.fromUs = *parseIso8601(QStringLiteral("2016-07-01"));
        for (int i = 0; i < 10; ++i)
            v.bucketStarts << v.fromUs + i * kUsPerDay;
        v.toUs = v.fromUs + 10 * kUsPerDay;
        VolumeSeries::Series a{QStringLiteral("217.12.96.15"), QVector<int64_t>(10, 2), 20};
        VolumeSeries::Series b{QStringLiteral("<b>10.0.0.1</b>"), QVector<int64_t>(10, 1), 10};
        a.counts[3] = 7;
        a.total = 25;
        v.series << a << b;
        return v;
    }

private slots:
    void tooltipClickAndKeys()
    {
        TimelineChart chart;
        chart.resize(1000, 500);
        chart.setSeries(series());
        Event e;
        e.id = 5;
        e.startUs = *parseIso8601(QStringLiteral("2016-07-04T12:00:00Z"));
        e.title = QStringLiteral("Press conference");
        chart.setEvents({e});
        const int64_t home0 = *parseIso8601(QStringLiteral("2016-07-01")), home1 = home0 + 10 * kUsPerDay;
        chart.setHomeRange(home0, home1);
        chart.setVisibleRange(home0, home1);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.plot()->replot();
        auto px = [&](int64_t us) { return qRound(chart.plot()->xAxis->coordToPixel(double(us) / 1e6)); };
        const int y = chart.plot()->axisRect()->rect().center().y();

        // The bucket of 4 July: its dates, each series' count, the total and the event in it.
        const QPoint at(px(*parseIso8601(QStringLiteral("2016-07-04T06:00:00Z"))), y);
        QCOMPARE(chart.tooltipText(at), QStringLiteral("2016-07-04 00:00 – 2016-07-05 00:00 (UTC)\n217.12.96.15: 7\n"
                                                       "<b>10.0.0.1</b>: 1\ntotal: 8\n▸ Press conference"));
        chart.setDisplayZone(QTimeZone("Asia/Tokyo"));
        QVERIFY(chart.tooltipText(at).startsWith(QStringLiteral("2016-07-04 09:00 – 2016-07-05 09:00 (Asia/Tokyo)")));
        QCOMPARE(chart.tooltipText(QPoint(px(home1 + kUsPerDay / 2) + 200, y)), QString());

        // A click on a bucket selects its time range.
        QSignalSpy selected(&chart, &TimelineChart::rangeSelected);
        QTest::mouseClick(chart.plot(), Qt::LeftButton, Qt::NoModifier, QPoint(px(home0 + kUsPerDay * 7 + kUsPerHour), y));
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.first().at(0).toLongLong(), home0 + 7 * kUsPerDay);
        QCOMPARE(selected.first().at(1).toLongLong(), home0 + 8 * kUsPerDay);

        // Ctrl-drag selects a range; Shift-drag zooms to one.
        const int xa = px(home0 + 2 * kUsPerDay), xb = px(home0 + 5 * kUsPerDay);
        QTest::mousePress(chart.plot(), Qt::LeftButton, Qt::ControlModifier, QPoint(xa, y));
        QTest::mouseMove(chart.plot(), QPoint(xb, y));
        QTest::mouseRelease(chart.plot(), Qt::LeftButton, Qt::ControlModifier, QPoint(xb, y));
        QCOMPARE(selected.count(), 2);
        QVERIFY(std::abs(selected.at(1).at(0).toLongLong() - (home0 + 2 * kUsPerDay)) < kUsPerHour);
        QVERIFY(std::abs(selected.at(1).at(1).toLongLong() - (home0 + 5 * kUsPerDay)) < kUsPerHour);
        QCOMPARE(chart.visibleRange(), std::make_pair(home0, home1)); // selecting does not zoom
        QSignalSpy changed(&chart, &TimelineChart::visibleRangeChanged);
        QTest::mousePress(chart.plot(), Qt::LeftButton, Qt::ShiftModifier, QPoint(xa, y));
        QTest::mouseMove(chart.plot(), QPoint(xb, y));
        QTest::mouseRelease(chart.plot(), Qt::LeftButton, Qt::ShiftModifier, QPoint(xb, y));
        auto [from, to] = chart.visibleRange();
        QVERIFY(std::abs(from - (home0 + 2 * kUsPerDay)) < kUsPerHour);
        QVERIFY(std::abs(to - (home0 + 5 * kUsPerDay)) < kUsPerHour);
        QVERIFY(changed.wait(2000));

        // Keys: + zooms in, - out, arrows pan, Home resets.
        chart.setFocus();
        const int64_t span = to - from;
        QTest::keyClick(&chart, Qt::Key_Plus);
        QVERIFY(chart.visibleRange().second - chart.visibleRange().first < span);
        const auto before = chart.visibleRange();
        QTest::keyClick(&chart, Qt::Key_Right);
        QVERIFY(chart.visibleRange().first > before.first);
        QTest::keyClick(&chart, Qt::Key_Minus);
        QTest::keyClick(&chart, Qt::Key_Home);
        QCOMPARE(chart.visibleRange(), std::make_pair(home0, home1));
    }

    // A double-click on the time axis resets the view; one inside the plot is the place to add an
    // event (it does not zoom).
    void doubleClicks()
    {
        TimelineChart chart;
        chart.resize(1000, 500);
        chart.setSeries(series());
        const int64_t home0 = *parseIso8601(QStringLiteral("2016-07-01")), home1 = home0 + 10 * kUsPerDay;
        chart.setHomeRange(home0, home1);
        chart.setVisibleRange(home0 + kUsPerDay, home0 + 3 * kUsPerDay);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.plot()->replot();
        const QRect area = chart.plot()->axisRect()->rect();
        QSignalSpy added(&chart, &TimelineChart::timeDoubleClicked);
        // A quarter of a day past the middle (the plot shows two days): inside the day bucket of home0 + 2 d,
        // whose start the new event takes.
        QTest::mouseDClick(chart.plot(), Qt::LeftButton, Qt::NoModifier, area.center() + QPoint(area.width() / 8, 0));
        QCOMPARE(added.count(), 1);
        const int64_t at = added.first().first().toLongLong();
        QCOMPARE(at, home0 + 2 * kUsPerDay);
        QCOMPARE(chart.visibleRange(), std::make_pair(home0 + kUsPerDay, home0 + 3 * kUsPerDay));
        QSignalSpy changed(&chart, &TimelineChart::visibleRangeChanged);
        QTest::mouseDClick(chart.plot(), Qt::LeftButton, Qt::NoModifier, QPoint(area.center().x(), area.bottom() + 8));
        QCOMPARE(chart.visibleRange(), std::make_pair(home0, home1));
        QCOMPARE(added.count(), 1);
        QVERIFY(changed.wait(2000)); // the owner hears of it and re-queries
    }
};

QTEST_MAIN(TstChartInteraction)
#include "tst_chartinteraction.moc"
