// The chart pane on a real project: the Day × time toggle queries the raster on the reader thread for
// the selection and the timeline's range, the slot chooser re-queries, the cells equal counts made
// from the lookups, and the export follows the view shown.
#include "chartpane.h"
#include "rasterview.h"
#include "readjobrunner.h"
#include "store.h"
#include "timelinechart.h"
#include "timeutil.h"
#include "viewspec.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <numeric>

using namespace dnt;

class TestChartPane : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_path;
    QVector<int64_t> m_times; // lookups of the charted name

private slots:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("p.dnstimeline"));
        QString error;
        auto store = Store::open(m_path, Store::Mode::Create, &error);
        QVERIFY2(store, qPrintable(error));
        FileRecord file;
        file.path = QStringLiteral("p.log");
        file.sha256 = QString(64, QLatin1Char('b'));
        file.format = QStringLiteral("zeek");
        file.compression = QStringLiteral("none");
        auto imp = store->beginFileImport(file, &error);
        QVERIFY2(imp, qPrintable(error));
        const int64_t base = *parseIso8601(QStringLiteral("2016-07-20T00:00:00Z"));
        // An automated client: every day at hh:07 from 06:00 to 18:00, plus noise from another name.
        for (int day = 0; day < 14; ++day)
            for (int h = 6; h <= 18; ++h) {
                const int64_t t = base + day * kUsPerDay + h * kUsPerHour + 7 * kUsPerMinute;
                LookupRecord l;
                l.timeUs = t;
                l.client = "217.12.96.15";
                l.name = "mail1.trump-email.com";
                QVERIFY(imp->add(l, &error));
                m_times.append(t);
                l.timeUs = t + 23 * kUsPerMinute;
                l.name = "other.example";
                QVERIFY(imp->add(l, &error));
            }
        QVERIFY2(imp->commit(file, &error), qPrintable(error));
    }

    void rasterToggle()
    {
        ReadJobRunner runner;
        runner.setProjectPath(m_path);
        ChartPane pane(&runner);
        pane.resize(1300, 800);
        static_cast<QWidget &>(pane).show(); // ChartPane::show(series) hides QWidget::show
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QSignalSpy shown(&pane, &ChartPane::seriesShown);
        QSignalSpy raster(&pane, &ChartPane::rasterShown);
        Selection sel;
        sel.names << QStringLiteral("mail1.trump-email.com");
        pane.setSelection(sel);
        QVERIFY(shown.wait(5000));
        QVERIFY(!pane.showsRaster());
        QCOMPARE(raster.count(), 0); // the timeline alone does not query the raster

        QCOMPARE(pane.viewBox()->count(), 2);
        // Each view's bucket control is there only with its view.
        QVERIFY(!pane.slotBox()->isVisible());
        QVERIFY(pane.bucketBox()->isVisible());
        pane.setShowsRaster(true);
        QVERIFY(pane.slotBox()->isVisible());
        QVERIFY(!pane.bucketBox()->isVisible());
        QCOMPARE(raster.count(), 0); // asynchronous: the query runs on the reader thread
        QVERIFY(raster.wait(5000));
        const RasterGrid &g = pane.raster()->grid();
        QCOMPARE(g.slotMinutes, 60);
        QCOMPARE(g.rowCount(), 14);
        QCOMPARE(g.days.first(), QDate(2016, 7, 20));
        for (int r = 0; r < 14; ++r)
            for (int s = 0; s < 24; ++s)
                QCOMPARE(g.count(r, s), int64_t(s >= 6 && s <= 18 ? 1 : 0));

        // 5-minute slots: the lookups all sit in the hh:05 slot.
        pane.setRasterSlot(5);
        QVERIFY(raster.wait(5000));
        const RasterGrid &fine = pane.raster()->grid();
        QCOMPARE(fine.slotMinutes, 5);
        QCOMPARE(fine.slotCount(), 288);
        QCOMPARE(fine.count(3, 12 * 9 + 1), int64_t(1));  // 09:05–09:10 on 23 July
        QCOMPARE(fine.count(3, 12 * 9 + 2), int64_t(0));
        QCOMPARE(fine.total, int64_t(m_times.size()));

        // The raster follows the timeline's range: zoomed to three days, three rows.
        const int64_t from = *parseIso8601(QStringLiteral("2016-07-25T00:00:00Z"));
        pane.chart()->setVisibleRange(from, from + 3 * kUsPerDay);
        pane.refresh();
        QVERIFY(raster.wait(5000));
        QTRY_COMPARE_WITH_TIMEOUT(pane.raster()->grid().rowCount(), 3, 5000);
        QCOMPARE(pane.raster()->grid().days.first(), QDate(2016, 7, 25));

        // Export follows the view shown.
        const QString csv = m_dir.filePath(QStringLiteral("pane.csv"));
        QString error;
        Provenance p = pane.provenance();
        QCOMPARE(p.bucket, QStringLiteral("day x 5-minute slot"));
        QCOMPARE(p.selection, QStringLiteral("mail1.trump-email.com"));
        QVERIFY2(pane.exportShown(csv, ExportOptions{}, p, &error), qPrintable(error));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.contains("day,slot_start,count\r\n"));
        QVERIFY(bytes.contains("2016-07-25,09:05,1\r\n"));

        // DNT_CHART_SAMPLE_DIR=/tmp writes a screenshot of the pane in the raster view to look at.
        const QString dir = qEnvironmentVariable("DNT_CHART_SAMPLE_DIR");
        if (!dir.isEmpty()) {
            pane.setRasterSlot(10);
            pane.chart()->resetView();
            QTest::qWait(600);
            QVERIFY(pane.grab().save(dir + QStringLiteral("/chartpane-raster.png")));
        }

        // Back to the timeline.
        pane.setShowsRaster(false);
        QVERIFY(!pane.slotBox()->isVisible());
        QVERIFY(pane.bucketBox()->isVisible());
    }

    // The baseline box: "all lookups" and the saved views, queried with the series on the same buckets;
    // the baseline and the hidden series go into the view the pane describes and come back from it.
    void baselineAndHiddenSeries()
    {
        {
            QString error;
            auto store = Store::open(m_path, Store::Mode::ReadWrite, &error);
            QVERIFY2(store, qPrintable(error));
            ViewSpec other;
            other.selection.names << QStringLiteral("other.example");
            QVERIFY2(store->saveView({QStringLiteral("other"), other.toJson()}, &error), qPrintable(error));
        }
        ReadJobRunner runner;
        runner.setProjectPath(m_path);
        ChartPane pane(&runner);
        pane.resize(1300, 800);
        static_cast<QWidget &>(pane).show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QSignalSpy shown(&pane, &ChartPane::seriesShown);
        Selection sel;
        sel.names << QStringLiteral("mail1.trump-email.com");
        pane.setSelection(sel);
        QVERIFY(shown.wait(5000));
        QVERIFY(pane.chart()->baseline().isNone());
        QVERIFY(!pane.chart()->baselineGraph());
        QTRY_COMPARE(pane.baselineBox()->count(), 3); // none, all lookups, view other
        QCOMPARE(pane.baselineBox()->itemText(2), QStringLiteral("Baseline: view other"));

        const auto sum = [](const QVector<int64_t> &v) { return std::accumulate(v.cbegin(), v.cend(), int64_t(0)); };
        pane.setBaseline(*BaselineSpec::fromString(QStringLiteral("all"), nullptr));
        QVERIFY(shown.wait(5000));
        VolumeSeries v = pane.chart()->series();
        BaselineSeries b = pane.chart()->baseline();
        QCOMPARE(b.label, QStringLiteral("all lookups"));
        QCOMPARE(b.counts.size(), v.bucketStarts.size());
        QCOMPARE(sum(b.counts), int64_t(2 * m_times.size())); // mail1 and other.example
        QCOMPARE(v.total(), int64_t(m_times.size()));
        QVERIFY(pane.chart()->baselineGraph());
        QCOMPARE(pane.chart()->baselineGraph()->valueAxis(), pane.chart()->plot()->yAxis2);

        pane.baselineBox()->setCurrentIndex(2);
        QVERIFY(shown.wait(5000));
        v = pane.chart()->series();
        b = pane.chart()->baseline();
        QCOMPARE(b.label, QStringLiteral("view other"));
        QCOMPARE(sum(b.counts), int64_t(m_times.size()));
        // other.example is asked 23 minutes after each mail1 lookup: same buckets at an hour or coarser.
        if (bucketWidthUs(v.unit) >= kUsPerHour)
            QCOMPARE(b.counts, v.series.first().counts);

        pane.chart()->setHiddenSeries({QStringLiteral("all")});
        const ViewSpec saved = pane.currentView();
        QCOMPARE(saved.baseline.toString(), QStringLiteral("view:other"));
        QCOMPARE(saved.hidden, QStringList{QStringLiteral("all")});
        // A zoom re-queries: the series stays hidden, the baseline stays.
        const int64_t from = *parseIso8601(QStringLiteral("2016-07-25T00:00:00Z"));
        pane.chart()->setVisibleRange(from, from + 3 * kUsPerDay);
        pane.refresh();
        QVERIFY(shown.wait(5000));
        QCOMPARE(pane.chart()->hiddenSeries(), QStringList{QStringLiteral("all")});
        QCOMPARE(pane.chart()->baseline().label, QStringLiteral("view other"));

        // The saved view on a fresh pane: the same baseline and hidden series.
        ChartPane again(&runner);
        again.resize(1300, 800);
        QSignalSpy againShown(&again, &ChartPane::seriesShown);
        again.applyView(saved);
        QVERIFY(againShown.wait(5000));
        QCOMPARE(again.baselineBox()->currentData().toString(), QStringLiteral("view:other"));
        QCOMPARE(again.chart()->hiddenSeries(), QStringList{QStringLiteral("all")});
        QCOMPARE(again.chart()->baseline().label, QStringLiteral("view other"));
        // A new selection shows every series again.
        again.setSelection(sel);
        QVERIFY(againShown.wait(5000));
        QVERIFY(again.chart()->hiddenSeries().isEmpty());

        // DNT_CHART_SAMPLE_DIR=/tmp writes a screenshot of the pane with a baseline to look at.
        const QString dir = qEnvironmentVariable("DNT_CHART_SAMPLE_DIR");
        if (!dir.isEmpty()) {
            pane.setBaseline(*BaselineSpec::fromString(QStringLiteral("all"), nullptr));
            QVERIFY(shown.wait(5000));
            pane.resetView();
            QVERIFY(shown.wait(5000));
            QTest::qWait(300);
            QVERIFY(pane.grab().save(dir + QStringLiteral("/chartpane-baseline.png")));
        }
    }
};

QTEST_MAIN(TestChartPane)
#include "tst_chartpane.moc"
