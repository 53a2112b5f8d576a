// Drives the main window off screen with the real models: import by drop, select a name, see the chart.
#include "chartpane.h"
#include "countlistmodel.h"
#include "domaintreemodel.h"
#include "importcontroller.h"
#include "mainwindow.h"
#include "selectionpanel.h"
#include "store.h"
#include "timelinechart.h"

#include <QDropEvent>
#include <QFile>
#include <QMimeData>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "apptestutil.h"

using namespace dnt;
using namespace dnt::test;

namespace {

QString writeLog(const QString &path, const QByteArray &rows)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write("#separator \\x09\n#fields\tts\tid.orig_h\tid.resp_h\tquery\tqtype\trcode\n");
    f.write(rows);
    return path;
}

} // namespace

class TstMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void dropImportSelectChart()
    {
        QTemporaryDir dir;
        QByteArray rows;
        // 30 lookups of a.example.com from 10.0.0.1 on 1 May 2016, 12 of b.example.com from 10.0.0.2 a day later.
        for (int i = 0; i < 30; ++i)
            rows += QByteArray::number(1462060800 + i * 60) + ".0\t10.0.0.1\t10.0.0.53\ta.example.com\t1\t0\n";
        for (int i = 0; i < 12; ++i)
            rows += QByteArray::number(1462147200 + i * 300) + ".0\t10.0.0.2\t10.0.0.53\tb.example.com\t1\t0\n";
        const QString log = writeLog(dir.filePath("first.log"), rows);
        QVERIFY(!log.isEmpty());

        MainWindow window;
        window.setInteractive(false);
        window.resize(1200, 800);
        window.show();
        const QString project = dir.filePath("case.dnstimeline");
        {
            QString error;
            QVERIFY(Store::open(project, Store::Mode::Create, &error));
        }
        QVERIFY(window.openProject(project));
        QVERIFY(window.windowTitle().contains("case"));

        QSignalSpy finished(window.importController(), &ImportController::finished);
        QSignalSpy shown(window.chartPane(), &ChartPane::seriesShown);
        auto *mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(log)});
        dropOn(&window, mime);
        QVERIFY(finished.wait(30000));
        const ImportReport report = finished.first().first().value<ImportReport>();
        QCOMPARE(report.files.size(), 1);
        QCOMPARE(report.accepted(), int64_t(42));

        // After the import the lists and the chart refresh from the reader thread.
        // Both names are under one registrable domain.
        QTRY_COMPARE_WITH_TIMEOUT(window.domainModel()->nameCount(), 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(window.chartPane()->shownSeries().total() == 42, 10000);
        QCOMPARE(window.domainModel()->rowCount(), 1);
        const QModelIndex domain = window.domainModel()->index(0, 0);
        QCOMPARE(window.domainModel()->label(domain), QStringLiteral("example.com"));
        QCOMPARE(window.domainModel()->label(window.domainModel()->index(0, 0, domain)), QStringLiteral("a.example.com"));

        // Select one name: the chart shows only its lookups.
        window.selectionPanel()->selectNames({QStringLiteral("b.example.com")});
        QTRY_VERIFY_WITH_TIMEOUT(window.chartPane()->shownSeries().total() == 12, 10000);
        QCOMPARE(window.chartPane()->selection().names, QStringList{QStringLiteral("b.example.com")});
        // and the clients list shows who asked for it.
        QTRY_COMPARE_WITH_TIMEOUT(window.clientsModel()->rowCount(), 1, 10000);
        QCOMPARE(window.clientsModel()->labelAt(0), QStringLiteral("10.0.0.2"));

        if (qEnvironmentVariableIsSet("DNT_SCREENSHOT_DIR")) // for looking at it, not for asserting
            window.grab().save(qEnvironmentVariable("DNT_SCREENSHOT_DIR") + "/mainwindow-selected.png");

        // Split by client with the selection cleared: two series.
        window.selectionPanel()->clearSelection();
        window.chartPane()->setSplitByClient(true);
        QTRY_VERIFY_WITH_TIMEOUT(window.chartPane()->shownSeries().series.size() == 2, 10000);
        QCOMPARE(window.chartPane()->shownSeries().total(), int64_t(42));

        // Another display zone: the chart is queried again with days at New York's midnight.
        window.chartPane()->setSplitByClient(false);
        window.setDisplayZone(QTimeZone("America/New_York"));
        QTRY_VERIFY_WITH_TIMEOUT(window.chartPane()->shownSeries().zone == "America/New_York", 10000);
        QCOMPARE(window.chartPane()->shownSeries().total(), int64_t(42));
        QCOMPARE(window.chartPane()->chart()->displayZone().id(), QByteArray("America/New_York"));
        window.setDisplayZone(QTimeZone::utc());
        QTRY_VERIFY_WITH_TIMEOUT(window.chartPane()->shownSeries().zone == "UTC", 10000);

        // Dropping the same content again is refused and counts nothing twice.
        const QString copy = dir.filePath("again.log");
        QVERIFY(QFile::copy(log, copy));
        finished.clear();
        auto *mime2 = new QMimeData;
        mime2->setUrls({QUrl::fromLocalFile(copy)});
        dropOn(&window, mime2);
        QVERIFY(finished.wait(30000));
        const ImportReport again = finished.first().first().value<ImportReport>();
        QCOMPARE(again.files.first().outcome, FileImportReport::Outcome::Duplicate);
        QString error;
        auto store = Store::open(project, Store::Mode::ReadOnly, &error);
        QCOMPARE(store->totals().lookups, int64_t(42));
        QCOMPARE(store->files().size(), 1);
        delete mime;
        delete mime2;
    }

    void refusesNonProject()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("x.dnstimeline");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello");
        f.close();
        MainWindow window;
        window.setInteractive(false);
        QString error;
        QVERIFY(!window.openProject(path, &error));
        QVERIFY(error.contains("x.dnstimeline"));
        QVERIFY(window.projectPath().isEmpty());
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
