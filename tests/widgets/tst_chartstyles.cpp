// Styles, values and the log axis of the timeline chart.
#include "percentticker.h"
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

    // A share axis reads in per cent ("25 %"), not fractions ("0.25"); counts keep whole numbers.
    void shareTicksArePercentages()
    {
        QCOMPARE(percentLabel(0.25, QLocale::c()), QStringLiteral("25 %"));
        QCOMPARE(percentLabel(0.025, QLocale::c()), QStringLiteral("2.5 %"));
        QCOMPARE(percentLabel(0.07, QLocale::c()), QStringLiteral("7 %"));
        QCOMPARE(percentLabel(0.001, QLocale::c()), QStringLiteral("0.1 %"));
        QCOMPARE(percentLabel(0, QLocale::c()), QStringLiteral("0 %"));
        QCOMPARE(percentLabel(1, QLocale::c()), QStringLiteral("100 %"));

        TimelineChart chart;
        chart.resize(800, 400);
        VolumeSeries v = series();
        v.allCounts = {5, 8, 40, 2}; // shares up to 100 %: bucket 2 is 10 + 30 of 40
        chart.setSeries(v);
        chart.setValueMode(ValueMode::Share);
        chart.renderImage(QSize(800, 400));
        const QVector<QString> labels = chart.plot()->yAxis->tickVectorLabels();
        const QVector<double> ticks = chart.plot()->yAxis->tickVector();
        QVERIFY2(labels.size() >= 3, qPrintable(QStringList(labels.cbegin(), labels.cend()).join(' ')));
        for (qsizetype i = 0; i < labels.size(); ++i)
            QCOMPARE(labels.at(i), percentLabel(ticks.at(i), QLocale::c()));
        QVERIFY(labels.contains(QStringLiteral("0 %")));
        QVERIFY(labels.contains(QStringLiteral("20 %")) || labels.contains(QStringLiteral("25 %")));
        QVERIFY(labels.contains(QStringLiteral("100 %")));

        // The log axis in share mode reads in per cent too.
        chart.setLogScale(true);
        chart.renderImage(QSize(800, 400));
        const QVector<QString> logLabels = chart.plot()->yAxis->tickVectorLabels();
        const QVector<double> logTicks = chart.plot()->yAxis->tickVector();
        QVERIFY2(logLabels.contains(QStringLiteral("100 %")), qPrintable(QStringList(logLabels.cbegin(), logLabels.cend()).join(' ')));
        for (qsizetype i = 0; i < logLabels.size(); ++i)
            QCOMPARE(logLabels.at(i), percentLabel(logTicks.at(i), QLocale::c()));

        // Back to counts: whole numbers again.
        chart.setLogScale(false);
        chart.setValueMode(ValueMode::Count);
        chart.renderImage(QSize(800, 400));
        const QVector<QString> counts = chart.plot()->yAxis->tickVectorLabels();
        QVERIFY(!counts.isEmpty());
        for (const QString &l : counts)
            QVERIFY2(!l.contains(QLatin1Char('%')) && !l.contains(QLatin1Char('.')), qPrintable(l));
    }
};

QTEST_MAIN(TstChartStyles)
#include "tst_chartstyles.moc"
