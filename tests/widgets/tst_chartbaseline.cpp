// The baseline line and legend toggling on the chart: the baseline is a graph on the right-hand axis with
// the baseline's counts (or, in share mode, counts over its busiest bucket); a click on a legend entry
// hides that series (not drawn, not stacked, not exported, named in the provenance) and another click
// shows it again; the export dialog's title reaches the exported file; saved views keep both choices.
#include "batchedbars.h"
#include "chartexporter.h"
#include "charttheme.h"
#include "exportdialog.h"
#include "timelinechart.h"
#include "timeutil.h"
#include "viewspec.h"

#include <qcustomplot.h>

#include <QFile>
#include <QImageReader>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace dnt;

namespace {

const int64_t kFrom = *parseIso8601(QStringLiteral("2016-07-20"));

// Five day buckets, two series, and a baseline ("all lookups") that is larger than both together.
VolumeSeries sample()
{
    VolumeSeries v;
    v.unit = BucketUnit::Day;
    v.fromUs = kFrom;
    for (int i = 0; i < 5; ++i)
        v.bucketStarts << kFrom + i * kUsPerDay;
    v.toUs = kFrom + 5 * kUsPerDay;
    const QStringList labels{QStringLiteral("10.0.0.1"), QStringLiteral("10.0.0.2")};
    const QVector<QVector<int64_t>> counts{{5, 8, 0, 12, 7}, {1, 30, 2, 3, 4}};
    for (int s = 0; s < 2; ++s) {
        VolumeSeries::Series one;
        one.label = labels.at(s);
        one.counts = counts.at(s);
        for (int64_t c : one.counts)
            one.total += c;
        v.series << one;
    }
    v.allCounts = {100, 200, 50, 400, 80};
    return v;
}

const BaselineSeries kBaseline{QStringLiteral("all lookups"), {100, 200, 50, 400, 80}};

QCPAbstractLegendItem *legendItem(QCustomPlot *plot, const QString &name)
{
    for (int i = 0; i < plot->legend->itemCount(); ++i)
        if (auto *item = qobject_cast<QCPPlottableLegendItem *>(plot->legend->item(i)))
            if (item->plottable()->name() == name)
                return item;
    return nullptr;
}

QCPAbstractPlottable *plottable(QCustomPlot *plot, const QString &name)
{
    for (int i = 0; i < plot->plottableCount(); ++i)
        if (plot->plottable(i)->name() == name)
            return plot->plottable(i);
    return nullptr;
}

QStringList csvLines(const TimelineChart &chart)
{
    const QString text = QString::fromUtf8(chartCsv(chart, Provenance::fromChart(chart)));
    return text.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
}

} // namespace

class TestChartBaseline : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void baselineOnRightAxis()
    {
        TimelineChart chart;
        chart.resize(1000, 500);
        chart.setSeries(sample(), kBaseline);
        QCPGraph *g = chart.baselineGraph();
        QVERIFY(g);
        QCOMPARE(g->valueAxis(), chart.plot()->yAxis2);
        QVERIFY(chart.plot()->yAxis2->visible());
        QCOMPARE(chart.plot()->yAxis2->label(), QStringLiteral("all lookups per day"));
        QCOMPARE(g->name(), QStringLiteral("baseline: all lookups"));
        QCOMPARE(g->pen().style(), Qt::DashLine);
        QCOMPARE(g->data()->size(), 5);
        const QVector<double> want{100, 200, 50, 400, 80};
        for (int i = 0; i < 5; ++i) {
            const auto point = g->data()->at(i);
            QCOMPARE(point->value, want.at(i));
            QCOMPARE(point->key, seconds(kFrom + i * kUsPerDay) + 43200); // bucket centre
        }
        // The right axis fits the baseline (400 × 1.1), the left one the stacked series (8 + 30 at day 1).
        QCOMPARE(chart.plot()->yAxis2->range().upper, 440.0);
        QCOMPARE(chart.plot()->yAxis->range().upper, 38 * 1.1);
        QVERIFY(legendItem(chart.plot(), QStringLiteral("baseline: all lookups")));
        QVERIFY(chart.plot()->legend->visible());
        chart.plot()->replot();
        const QPoint day3(chart.plot()->xAxis->coordToPixel(seconds(kFrom + 3 * kUsPerDay) + 43200),
                          chart.plot()->axisRect()->rect().center().y());
        QVERIFY2(chart.tooltipText(day3).contains(QStringLiteral("\nbaseline: all lookups: 400")),
                 qPrintable(chart.tooltipText(day3)));

        // Share mode: the series are shares of all lookups; the baseline is normalised to its busiest bucket.
        chart.setValueMode(ValueMode::Share);
        QCOMPARE(chart.baselineValueAt(3), 1.0);
        QCOMPARE(chart.baselineValueAt(0), 0.25);
        QCOMPARE(chart.baselineGraph()->data()->at(2)->value, 50.0 / 400.0);
        QCOMPARE(chart.plot()->yAxis2->label(), QStringLiteral("all lookups (1 = busiest bucket)"));

        // Dark theme: the line stays legible (light grey on the dark background).
        QPalette dark = chart.palette();
        dark.setColor(QPalette::Window, ChartTheme::dark().background);
        chart.setPalette(dark);
        QVERIFY(chart.baselineGraph()->pen().color().lightness() > 150);
        chart.setPalette(QPalette());
        QVERIFY(chart.baselineGraph()->pen().color().lightness() < 110);

        // A series without a baseline removes the line and the right axis.
        chart.setSeries(sample());
        QVERIFY(!chart.baselineGraph());
        QVERIFY(!chart.plot()->yAxis2->visible());
    }

    void baselineInExports()
    {
        TimelineChart chart;
        chart.resize(1000, 500);
        chart.setSeries(sample(), kBaseline);
        const QStringList lines = csvLines(chart);
        QVERIFY(lines.contains(QStringLiteral("# baseline: all lookups")));
        QVERIFY(lines.contains(QStringLiteral("bucket_start,bucket_end,10.0.0.1,10.0.0.2,baseline")));
        QVERIFY(lines.contains(QStringLiteral("2016-07-23T00:00:00Z,2016-07-24T00:00:00Z,12,3,400")));
        const QString png = m_dir.filePath(QStringLiteral("baseline.png"));
        QString error;
        QVERIFY2(exportChart(chart, png, ExportOptions{}, Provenance::fromChart(chart), &error), qPrintable(error));
        QImageReader reader(png);
        QVERIFY(reader.text(QStringLiteral("Description")).contains(QStringLiteral("baseline: all lookups")));
        // The dashed grey line is in the image: pixels of its colour near the busiest bucket's peak.
        const QImage image = chart.renderImage(QSize(1000, 500));
        const int x = chart.plot()->xAxis->coordToPixel(seconds(kFrom + 3 * kUsPerDay) + 43200);
        const int y = chart.plot()->yAxis2->coordToPixel(400);
        int grey = 0;
        for (int dy = -3; dy <= 3; ++dy)
            for (int dx = -12; dx <= 12; ++dx) {
                const QColor c = image.pixelColor(x + dx, y + dy);
                if (c.red() < 0x80 && qAbs(c.red() - c.green()) < 8 && qAbs(c.green() - c.blue()) < 8)
                    ++grey;
            }
        QVERIFY2(grey >= 8, qPrintable(QString::number(grey)));
    }

    void legendClickHidesSeries()
    {
        TimelineChart chart;
        chart.resize(1000, 500);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.setSeries(sample(), kBaseline);
        chart.plot()->replot();
        QSignalSpy changed(&chart, &TimelineChart::hiddenSeriesChanged);
        QCPAbstractLegendItem *item = legendItem(chart.plot(), QStringLiteral("10.0.0.2"));
        QVERIFY(item);
        QTest::mouseClick(chart.plot(), Qt::LeftButton, {}, item->rect().center());
        QTRY_COMPARE(chart.hiddenSeries(), QStringList{QStringLiteral("10.0.0.2")});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().toStringList(), QStringList{QStringLiteral("10.0.0.2")});
        QVERIFY(chart.isSeriesHidden(1));
        QVERIFY(!plottable(chart.plot(), QStringLiteral("10.0.0.2"))->visible());
        QVERIFY(plottable(chart.plot(), QStringLiteral("10.0.0.1"))->visible());
        // Still listed, struck through, so that it can be clicked back.
        item = legendItem(chart.plot(), QStringLiteral("10.0.0.2"));
        QVERIFY(item);
        QVERIFY(item->font().strikeOut());
        QVERIFY(item->textColor().alpha() < 255);
        QVERIFY(static_cast<BatchedBars *>(plottable(chart.plot(), QStringLiteral("10.0.0.2")))->color().alpha() < 255);
        QVERIFY(!legendItem(chart.plot(), QStringLiteral("10.0.0.1"))->font().strikeOut());
        // Not stacked: the y axis fits 10.0.0.1 alone (12 at day 3), not 8 + 30 at day 1.
        QCOMPARE(chart.visibleMaximum(), int64_t(12));
        QCOMPARE(chart.plot()->yAxis->range().upper, 12 * 1.1);

        // Exports leave it out and say so.
        const QStringList lines = csvLines(chart);
        QVERIFY(lines.contains(QStringLiteral("# hidden: 10.0.0.2")));
        QVERIFY(lines.contains(QStringLiteral("bucket_start,bucket_end,10.0.0.1,baseline")));
        QVERIFY(lines.contains(QStringLiteral("2016-07-21T00:00:00Z,2016-07-22T00:00:00Z,8,200")));
        const QString png = m_dir.filePath(QStringLiteral("hidden.png"));
        QString error;
        QVERIFY2(exportChart(chart, png, ExportOptions{}, Provenance::fromChart(chart), &error), qPrintable(error));
        QVERIFY(QImageReader(png).text(QStringLiteral("Description")).contains(QStringLiteral("hidden: 10.0.0.2")));
        QCOMPARE(chart.plot()->legend->itemCount(), 3); // listed again on screen after the export

        // A re-query with the same labels keeps it hidden; a click on it shows it again.
        chart.setSeries(sample(), kBaseline);
        QCOMPARE(chart.hiddenSeries(), QStringList{QStringLiteral("10.0.0.2")});
        QVERIFY(!plottable(chart.plot(), QStringLiteral("10.0.0.2"))->visible());
        chart.plot()->replot();
        item = legendItem(chart.plot(), QStringLiteral("10.0.0.2"));
        QTest::mouseClick(chart.plot(), Qt::LeftButton, {}, item->rect().center());
        QTRY_VERIFY(chart.hiddenSeries().isEmpty());
        QVERIFY(plottable(chart.plot(), QStringLiteral("10.0.0.2"))->visible());
        QCOMPARE(static_cast<BatchedBars *>(plottable(chart.plot(), QStringLiteral("10.0.0.2")))->color().alpha(), 255);
        QCOMPARE(chart.visibleMaximum(), int64_t(38));
        // The baseline's entry is not a series: a click on it hides nothing.
        chart.plot()->replot();
        item = legendItem(chart.plot(), QStringLiteral("baseline: all lookups"));
        QTest::mouseClick(chart.plot(), Qt::LeftButton, {}, item->rect().center());
        QTest::qWait(50);
        QVERIFY(chart.hiddenSeries().isEmpty());
        QVERIFY(chart.baselineGraph()->visible());
    }

    void exportDialogTitle()
    {
        TimelineChart chart;
        chart.resize(1000, 500);
        chart.setTitle(QStringLiteral("mail1.trump-email.com"));
        chart.setSeries(sample(), kBaseline);
        ExportDialog dialog(m_dir.filePath(QStringLiteral("titled.png")), QSize(800, 400));
        dialog.setTitle(chart.title());
        QCOMPARE(dialog.titleEdit()->text(), QStringLiteral("mail1.trump-email.com"));
        dialog.titleEdit()->setText(QStringLiteral("  The bank's  lookups\tagainst all traffic "));
        QCOMPARE(dialog.title(), QStringLiteral("The bank's lookups against all traffic"));
        ExportOptions options;
        options.size = dialog.size();
        options.title = dialog.title();
        QString error;
        for (const char *ext : {"png", "svg"}) {
            const QString path = m_dir.filePath(QStringLiteral("titled.") + QLatin1String(ext));
            QVERIFY2(exportChart(chart, path, options, Provenance::fromChart(chart), &error), qPrintable(error));
            if (QLatin1String(ext) == QLatin1String("png")) {
                QImageReader reader(path);
                QCOMPARE(reader.text(QStringLiteral("Title")), QStringLiteral("The bank's lookups against all traffic"));
                QCOMPARE(reader.size(), QSize(800, 400));
            } else {
                QFile svg(path);
                QVERIFY(svg.open(QIODevice::ReadOnly));
                QVERIFY(svg.readAll().contains("<title>The bank's lookups against all traffic</title>"));
            }
        }
        // The chart on screen keeps its own title.
        QCOMPARE(chart.title(), QStringLiteral("mail1.trump-email.com"));
        // An empty field: the chart's own title.
        options.title.clear();
        const QString own = m_dir.filePath(QStringLiteral("own.png"));
        QVERIFY(exportChart(chart, own, options, Provenance::fromChart(chart), &error));
        QCOMPARE(QImageReader(own).text(QStringLiteral("Title")), QStringLiteral("mail1.trump-email.com"));
    }

    void viewSpecKeepsBaselineAndHidden()
    {
        ViewSpec v;
        v.selection.names << QStringLiteral("mail1.trump-email.com");
        v.split = Split::Client;
        v.baseline = *BaselineSpec::fromString(QStringLiteral("view:Bank resolvers"), nullptr);
        v.hidden = QStringList{QStringLiteral("10.0.0.2"), QStringLiteral("10.0.0.3")};
        const QByteArray json = v.toJson();
        QVERIFY(json.contains("\"baseline\":\"view:Bank resolvers\""));
        QString error;
        const auto back = ViewSpec::fromJson(json, &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == v);
        QCOMPARE(back->baseline.kind, BaselineSpec::Kind::View);
        QCOMPARE(back->baseline.viewName, QStringLiteral("Bank resolvers"));
        QCOMPARE(back->baseline.label(), QStringLiteral("view Bank resolvers"));
        // A view saved before baselines existed reads as no baseline, nothing hidden; and writes no new keys.
        const auto old = ViewSpec::fromJson(R"({"version":1,"selection":{"names":["a.example"]},"style":"bars"})", &error);
        QVERIFY2(old, qPrintable(error));
        QVERIFY(old->baseline.isNone());
        QVERIFY(old->hidden.isEmpty());
        QVERIFY(!old->toJson().contains("baseline"));
        QVERIFY(!old->toJson().contains("hidden"));
        // Bad values are refused with a message.
        QVERIFY(!ViewSpec::fromJson(R"({"version":1,"baseline":"everything"})", &error));
        QVERIFY2(error.contains(QStringLiteral("baseline")), qPrintable(error));
        QVERIFY(!ViewSpec::fromJson(R"({"version":1,"hidden":"a"})", &error));
        QVERIFY(!BaselineSpec::fromString(QStringLiteral("view:"), &error));
        QCOMPARE(BaselineSpec::fromString(QStringLiteral("ALL"), nullptr)->kind, BaselineSpec::Kind::All);
        QVERIFY(BaselineSpec::fromString(QString(), nullptr)->isNone());
    }

private:
    static double seconds(int64_t us) { return double(us) / 1e6; }
};

QTEST_MAIN(TestChartBaseline)
#include "tst_chartbaseline.moc"
