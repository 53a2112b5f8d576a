// The filter row above the chart on a real project: it lists the response codes, query types and
// servers of the project with their counts (type 32 as NIMLOC), and checking values narrows the chart
// and tells the records (selectionChanged) and the pair view (lookupFiltersChanged).
#include "chartpane.h"
#include "filterrow.h"
#include "readjobrunner.h"
#include "store.h"
#include "timelinechart.h"
#include "timeutil.h"

#include <QLocale>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace dnt;

class TestFilterRow : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_path;

    static QAction *action(FilterRow *row, FilterRow::Kind kind, const QString &startsWith)
    {
        for (QAction *a : row->menu(kind)->actions())
            if (a->isCheckable() && a->text().startsWith(startsWith))
                return a;
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("p.dnstimeline"));
        QString error;
        auto store = Store::open(m_path, Store::Mode::Create, &error);
        QVERIFY2(store, qPrintable(error));
        FileRecord file;
        file.path = QStringLiteral("p.log");
        file.sha256 = QString(64, QLatin1Char('c'));
        file.format = QStringLiteral("zeek");
        file.compression = QStringLiteral("none");
        auto imp = store->beginFileImport(file, &error);
        QVERIFY2(imp, qPrintable(error));
        const int64_t base = *parseIso8601(QStringLiteral("2016-07-20T00:00:00Z"));
        // 1,200 lookups over 10 days: every 4th NXDOMAIN, every 3rd AAAA, every 5th NIMLOC (type 32),
        // servers alternate between two resolvers; 1,000 more (NOERROR, A) of another name.
        for (int i = 0; i < 2200; ++i) {
            LookupRecord l;
            l.timeUs = base + int64_t(i) * 391 * kUsPerSecond + 1234;
            l.client = "217.12.96.15";
            l.server = i % 2 ? "8.8.8.8" : "66.216.133.29";
            l.name = i < 1200 ? "mail1.trump-email.com" : "other.example";
            l.rcode = int16_t(i < 1200 && i % 4 == 0 ? 3 : 0);
            l.qtype = uint16_t(i >= 1200 ? 1 : i % 5 == 0 ? 32 : i % 3 == 0 ? 28 : 1);
            l.line = i + 1;
            QVERIFY(imp->add(l, &error));
        }
        QVERIFY2(imp->commit(file, &error), qPrintable(error));
    }

    void listsValuesAndNarrowsTheChart()
    {
        ReadJobRunner runner;
        runner.setProjectPath(m_path);
        ChartPane pane(&runner);
        pane.resize(1300, 800);
        static_cast<QWidget &>(pane).show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QSignalSpy shown(&pane, &ChartPane::seriesShown);
        QSignalSpy values(&pane, &ChartPane::filterValuesShown);
        QSignalSpy selection(&pane, &ChartPane::selectionChanged);
        QSignalSpy filters(&pane, &ChartPane::lookupFiltersChanged);
        pane.refreshFilterValues();
        Selection sel;
        sel.names << QStringLiteral("mail1.trump-email.com");
        pane.setSelection(sel);
        QVERIFY(shown.wait(5000));
        QCOMPARE(shown.last().at(0).value<VolumeSeries>().total(), int64_t(1200));
        QTRY_COMPARE_WITH_TIMEOUT(values.count(), 1, 5000);

        FilterRow *row = pane.filterRow();
        // The project's values with their counts, busiest first (the whole project, not only the selection).
        const auto n = [](int v) { return QLocale().toString(v); }; // "1,900" or "1900", as the locale writes it
        QCOMPARE(row->entries(FilterRow::Kind::Rcode),
                 (QStringList{"NOERROR (" + n(1900) + ")", "NXDOMAIN (" + n(300) + ")"}));
        // 240 of type 32 (i % 5 == 0), AAAA where i % 3 == 0 and not i % 5 == 0: 400 - 80 = 320.
        QCOMPARE(row->entries(FilterRow::Kind::Qtype),
                 (QStringList{"A (" + n(1640) + ")", "AAAA (" + n(320) + ")", "NIMLOC (" + n(240) + ")"}));
        QCOMPARE(row->entries(FilterRow::Kind::Server),
                 (QStringList{"66.216.133.29 (" + n(1100) + ")", "8.8.8.8 (" + n(1100) + ")"}));
        QCOMPARE(row->button(FilterRow::Kind::Rcode)->text(), QStringLiteral("Rcode"));

        // NXDOMAIN only: the chart re-queries and shows the 300 of the selection.
        QAction *nx = action(row, FilterRow::Kind::Rcode, QStringLiteral("NXDOMAIN"));
        QVERIFY(nx);
        shown.clear();
        nx->trigger();
        QCOMPARE(filters.count(), 1);
        QCOMPARE(selection.last().at(0).value<Selection>().rcodes, QVector<int>{3});
        QCOMPARE(selection.last().at(0).value<Selection>().names, QStringList{"mail1.trump-email.com"});
        QVERIFY(shown.wait(5000));
        QCOMPARE(shown.last().at(0).value<VolumeSeries>().total(), int64_t(300));
        QCOMPARE(row->button(FilterRow::Kind::Rcode)->text(), QStringLiteral("Rcode: NXDOMAIN"));
        QCOMPARE(pane.chart()->title(), QStringLiteral("mail1.trump-email.com · rcode NXDOMAIN"));

        // And type 32 on top: i % 4 == 0 and i % 5 == 0 → i % 20 == 0, 60 of them.
        shown.clear();
        action(row, FilterRow::Kind::Qtype, QStringLiteral("NIMLOC"))->trigger();
        QVERIFY(shown.wait(5000));
        QCOMPARE(shown.last().at(0).value<VolumeSeries>().total(), int64_t(60));
        // A look at it, as a user sees it (DNT_SHOT_DIR=/some/dir writes filterrow.png there).
        if (const QString dir = qEnvironmentVariable("DNT_SHOT_DIR"); !dir.isEmpty()) {
            QTest::qWait(300); // the chart replots on the event loop after a new series
            pane.grab().save(dir + QStringLiteral("/filterrow.png"));
        }
        // One server: i even → 66.216.133.29; i % 20 == 0 are all even: still 60. The other: none.
        shown.clear();
        action(row, FilterRow::Kind::Server, QStringLiteral("8.8.8.8"))->trigger();
        QVERIFY(shown.wait(5000));
        QTRY_COMPARE_WITH_TIMEOUT(pane.shownSeries().total(), int64_t(0), 5000);

        // A new selection from the panels keeps the filters.
        Selection other;
        other.names << QStringLiteral("other.example");
        pane.setSelection(other);
        QCOMPARE(pane.selection().rcodes, QVector<int>{3});
        QCOMPARE(pane.selection().servers, QStringList{"8.8.8.8"});

        // "Any" clears a field; the saved view keeps what is checked and brings it back.
        for (QAction *a : row->menu(FilterRow::Kind::Server)->actions())
            if (!a->isCheckable() && !a->isSeparator())
                a->trigger();
        QCOMPARE(pane.selection().servers, QStringList());
        const ViewSpec view = pane.currentView();
        QCOMPARE(view.selection.rcodes, QVector<int>{3});
        QCOMPARE(view.selection.qtypes, QVector<int>{32});
        row->setFilters({}, {}, {});
        pane.setSelection(Selection{});
        QVERIFY(!pane.selection().hasLookupFilter());
        pane.applyView(view);
        QCOMPARE(pane.selection().qtypes, QVector<int>{32});
        QCOMPARE(row->button(FilterRow::Kind::Qtype)->text(), QStringLiteral("Type: NIMLOC"));
        QVERIFY(action(row, FilterRow::Kind::Qtype, QStringLiteral("NIMLOC"))->isChecked());

    }
};

QTEST_MAIN(TestFilterRow)
#include "tst_filterrow.moc"
