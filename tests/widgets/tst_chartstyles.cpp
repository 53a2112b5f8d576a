// Styles, values and the log axis of the timeline chart.
#include "timelinechart.h"
#include "timeutil.h"

#include <QTest>
#include <qcustomplot.h>

#include <cmath>

using namespace dnt;

class TstChartStyles : public QObject
{
    Q_OBJECT
    VolumeSeries series()
    {
        VolumeSeries v;
        v.unit = BucketUnit::Hour;
        v.fromUs = *parseIso8601(QStringLiteral("2016-07-27T00:00:00Z"));
        for (int i = 0; i < 4; ++i)
            v.bucketStarts << v.fromUs + i * kUsPerHour;
        v.toUs = v.fromUs + 4 * kUsPerHour;
        v.series << VolumeSeries::Series{QStringLiteral("a"), {4, 0, 10, 1}, 15}
                 << VolumeSeries::Series{QStringLiteral("b"), {1, 0, 30, 0}, 31};
        v.allCounts = {10, 8, 80, 2};
        return v;
    }

private slots:
    void sharesAndLines()
    {
        TimelineChart chart;
        chart.resize(800, 400);
        chart.setSeries(series());
        // Stacked bars of counts by default: one bar plottable per series.
        QCOMPARE(chart.plot()->plottableCount(), 2);
        QCOMPARE(chart.valueAt(0, 2), 10.0);
        chart.setValueMode(ValueMode::Share);
        QCOMPARE(chart.valueAt(0, 0), 0.4);
        QCOMPARE(chart.valueAt(1, 2), 30.0 / 80.0);
        QCOMPARE(chart.valueAt(0, 1), 0.0); // nothing looked up: a share of 0, not a division by zero
        QVERIFY(chart.plot()->yAxis->range().upper <= 1.05);
        QVERIFY(chart.plot()->yAxis->label().startsWith("share of all lookups"));

        chart.setStyle(ChartStyle::Lines);
        QCOMPARE(chart.plot()->graphCount(), 2);
        const QCPGraph *g = chart.plot()->graph(1);
        QCOMPARE(g->lineStyle(), QCPGraph::lsLine);
        QCOMPARE(g->data()->size(), 4);
        // Lines join the bucket centres.
        QCOMPARE(g->data()->at(0)->key, double(series().fromUs + kUsPerHour / 2) / 1e6);
        QCOMPARE(g->data()->at(2)->value, 30.0 / 80.0);

        chart.setStyle(ChartStyle::Steps);
        QCOMPARE(chart.plot()->graph(0)->lineStyle(), QCPGraph::lsStepLeft);
        QCOMPARE(chart.plot()->graph(0)->data()->size(), 5); // a closing point at the last bucket's end

        chart.setValueMode(ValueMode::Count);
        chart.setStyle(ChartStyle::StackedBars);
        QCOMPARE(chart.plot()->graphCount(), 0);
        QCOMPARE(chart.plot()->plottableCount(), 2);
    }

    void logAxisIsZeroSafe()
    {
        TimelineChart chart;
        chart.resize(800, 400);
        chart.setSeries(series());
        chart.setStyle(ChartStyle::Lines);
        chart.setLogScale(true);
        QCOMPARE(chart.plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
        const QCPRange y = chart.plot()->yAxis->range();
        QVERIFY(y.lower > 0 && y.lower <= 1 && y.upper >= 30);
        // Empty buckets are gaps, never a zero that a log axis cannot place.
        QVERIFY(std::isnan(chart.plot()->graph(0)->data()->at(1)->value));
        QCOMPARE(chart.plot()->graph(0)->data()->at(2)->value, 10.0);
        const QImage img = chart.renderImage(QSize(800, 400));
        QCOMPARE(img.size(), QSize(800, 400));
        chart.setLogScale(false);
        QCOMPARE(chart.plot()->yAxis->scaleType(), QCPAxis::stLinear);
        QCOMPARE(chart.plot()->yAxis->range().lower, 0.0);
    }
};

QTEST_MAIN(TstChartStyles)
#include "tst_chartstyles.moc"
