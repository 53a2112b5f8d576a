// The workspace driven off screen: drop a log, pick a domain in the browser and find it charted, click
// a bucket on the chart and find the records table narrowed to it, look at the files panel's rejected
// lines, remove the file and undo.
#include "chartpane.h"
#include "domainbrowser.h"
#include "domaintreemodel.h"
#include "eventeditor.h"
#include "filelistmodel.h"
#include "filespanel.h"
#include "importcontroller.h"
#include "mainwindow.h"
#include "recordspanel.h"
#include "recordtablemodel.h"
#include "selectionpanel.h"
#include "store.h"
#include "timelinechart.h"
#include "timeutil.h"
#include "workspacedocks.h"

#include <qcustomplot.h>

#include <QDropEvent>
#include <QFile>
#include <QMimeData>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>
#include <QUrl>

#include "apptestutil.h"

using namespace dnt;
using namespace dnt::test;

namespace {

const int64_t kMay1 = 1462060800; // 2016-05-01T00:00:00Z, seconds

struct Line
{
    int64_t sec;
    const char *client;
    const char *name;
};

std::vector<Line> lines()
{
    std::vector<Line> out;
    for (int i = 0; i < 30; ++i)
        out.push_back({kMay1 + i * 60, "217.12.96.15", "mail1.trump-email.com"});
    for (int i = 0; i < 10; ++i)
        out.push_back({kMay1 + 6 * 3600 + i * 600, "217.12.97.15", "trump-email.com"});
    for (int i = 0; i < 12; ++i)
        out.push_back({kMay1 + 86400 + i * 300, "10.0.0.2", "www.example.org"});
    return out;
}

} // namespace

class TstWorkspaceDocks : public QObject
{
    Q_OBJECT
private slots:
    void browseChartNarrowRemoveUndo()
    {
        QTemporaryDir dir;
        const QString log = dir.filePath("dns.log");
        {
            QFile f(log);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("#separator \\x09\n#fields\tts\tid.orig_h\tid.resp_h\tquery\tqtype\trcode\n");
            for (const Line &l : lines())
                f.write(QByteArray::number(l.sec) + ".0\t" + l.client + "\t10.0.0.53\t" + l.name + "\t1\t0\n");
            f.write("not-a-time\t10.0.0.1\t10.0.0.53\tbad.example.com\t1\t0\n"); // line 55: rejected
        }
        MainWindow window;
        window.setInteractive(false);
        window.resize(1400, 900);
        window.show();
        const QString project = dir.filePath("case.dnstimeline");
        {
            QString error;
            QVERIFY(Store::open(project, Store::Mode::Create, &error));
        }
        QVERIFY(window.openProject(project));
        // After the import the records table indexes the lookups by time first, and says so meanwhile.
        QStringList labelWhileIndexing;
        connect(window.docks()->recordModel(), &RecordTableModel::indexBuilding, this, [&](bool building) {
            if (building)
                labelWhileIndexing << window.docks()->recordsPanel()->countLabel()->text();
        });
        QSignalSpy finished(window.importController(), &ImportController::finished);
        auto *mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(log)});
        dropOn(&window, mime);
        QVERIFY(finished.wait(30000));
        delete mime;

        // The browser groups the names under their registrable domains, with exact client counts.
        DomainTreeModel *domains = window.domainModel();
        QTRY_COMPARE_WITH_TIMEOUT(domains->nameCount(), 3, 10000);
        QCOMPARE(domains->rowCount(), 2);
        const QModelIndex trump = domains->findDomain(QStringLiteral("trump-email.com"));
        QVERIFY(trump.isValid());
        QCOMPARE(domains->data(trump.siblingAtColumn(DomainTreeModel::LookupsColumn), Qt::UserRole).toLongLong(), 40);
        QCOMPARE(domains->data(trump.siblingAtColumn(DomainTreeModel::ClientsColumn), Qt::UserRole).toLongLong(), 2);

        // Select the domain: the chart shows it with its subdomains, one series of 40.
        DomainBrowser *browser = window.selectionPanel()->domainBrowser();
        browser->view()->selectionModel()->select(
            QItemSelection(trump, trump.siblingAtColumn(DomainTreeModel::ColumnCount - 1)),
            QItemSelectionModel::ClearAndSelect);
        QTRY_COMPARE_WITH_TIMEOUT(window.chartPane()->selection().domains, QStringList{QStringLiteral("trump-email.com")},
                                  5000);
        QTRY_VERIFY_WITH_TIMEOUT(window.chartPane()->shownSeries().total() == 40, 10000);
        QCOMPARE(window.chartPane()->shownSeries().series.size(), 1);
        // The records table lists the same 40 lookups, oldest first.
        RecordTableModel *records = window.docks()->recordModel();
        QTRY_COMPARE_WITH_TIMEOUT(records->totalCount(), int64_t(40), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(records->rowCount(), 40, 10000);
        QCOMPARE(records->recordAt(0).name, QStringLiteral("mail1.trump-email.com"));
        QVERIFY(!labelWhileIndexing.isEmpty());
        QVERIFY2(labelWhileIndexing.first().contains(QStringLiteral("indexing the lookups by time")),
                 qPrintable(labelWhileIndexing.first()));
        QVERIFY(!window.docks()->recordsPanel()->countLabel()->text().contains(QStringLiteral("indexing")));

        // "Chart name" on a name row narrows to exactly that name.
        const QModelIndex name = domains->index(0, 0, trump);
        QCOMPARE(domains->label(name), QStringLiteral("mail1.trump-email.com"));
        browser->view()->setCurrentIndex(name);
        QVERIFY(browser->chartNameButton()->isEnabled());
        QTest::mouseClick(browser->chartNameButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.chartPane()->shownSeries().total() == 30, 10000);
        QCOMPARE(window.chartPane()->selection().names, QStringList{QStringLiteral("mail1.trump-email.com")});
        QVERIFY(window.chartPane()->selection().domains.isEmpty());
        // … and "Chart domain" brings the whole domain back.
        QTest::mouseClick(browser->chartDomainButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.chartPane()->shownSeries().total() == 40, 10000);

        // Click a bucket on the chart: the records table narrows to its time range.
        TimelineChart *chart = window.chartPane()->chart();
        QSignalSpy range(chart, &TimelineChart::rangeSelected);
        QTest::qWait(100);
        chart->plot()->replot();
        // Inside a bucket, not on a boundary: whatever the bucket width, this instant is in the one clicked.
        const int64_t clickSec = kMay1 + 5 * 60 + 20;
        const int x = qRound(chart->plot()->xAxis->coordToPixel(double(clickSec)));
        const int y = chart->plot()->axisRect()->rect().center().y();
        QTest::mouseClick(chart->plot(), Qt::LeftButton, Qt::NoModifier, QPoint(x, y));
        QCOMPARE(range.count(), 1);
        const int64_t from = range.first().at(0).toLongLong(), to = range.first().at(1).toLongLong();
        QVERIFY(from <= clickSec * kUsPerSecond && to > clickSec * kUsPerSecond);
        int64_t expected = 0;
        int64_t firstSec = -1;
        for (const Line &l : lines()) {
            const int64_t us = l.sec * kUsPerSecond;
            if (QByteArray(l.name).endsWith("trump-email.com") && us >= from && us < to) {
                ++expected;
                if (firstSec < 0)
                    firstSec = l.sec;
            }
        }
        QVERIFY(expected > 0 && expected < 40);
        QTRY_COMPARE_WITH_TIMEOUT(records->totalCount(), expected, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(records->rowCount(), int(expected), 10000);
        QCOMPARE(records->recordAt(0).timeUs, firstSec * kUsPerSecond);
        QCOMPARE(records->recordAt(0).client, QStringLiteral("217.12.96.15"));
        QCOMPARE(records->recordAt(0).file, QStringLiteral("dns.log"));
        QCOMPARE(records->recordAt(0).line, int64_t(3 + (firstSec - kMay1) / 60));
        QVERIFY(window.docks()->recordsPanel()->countLabel()->text().startsWith(QString::number(expected)));

        if (qEnvironmentVariableIsSet("DNT_SCREENSHOT_DIR")) // for looking at it, not for asserting
            window.grab().save(qEnvironmentVariable("DNT_SCREENSHOT_DIR") + "/workspace.png");

        // The files panel: one file, one rejected line kept with its text.
        FilesPanel *files = window.docks()->filesPanel();
        QCOMPARE(window.docks()->fileModel()->rowCount(), 1);
        const FileRecord file = window.docks()->fileModel()->files().first();
        QCOMPARE(file.accepted, int64_t(52));
        QCOMPARE(file.rejected, int64_t(1));
        {
            QString error;
            auto store = Store::open(project, Store::Mode::ReadOnly, &error);
            const QVector<RejectedLine> rejected = store->rejectedLines(file.id);
            QCOMPARE(rejected.size(), 1);
            QCOMPARE(rejected.first().line, int64_t(55));
            QVERIFY(rejected.first().text.startsWith(QStringLiteral("not-a-time\t10.0.0.1")));
        }

        // Remove the file (no confirmation off screen), then Edit › Undo brings every lookup back.
        files->view()->selectRow(0);
        files->removeCurrent();
        QTRY_VERIFY_WITH_TIMEOUT(window.docks()->fileModel()->rowCount() == 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(domains->nameCount(), 0, 10000);
        {
            QString error;
            QCOMPARE(Store::open(project, Store::Mode::ReadOnly, &error)->totals().lookups, int64_t(0));
        }
        QUndoStack *undo = window.eventEditor()->undoStack();
        QVERIFY(undo->canUndo());
        undo->undo();
        QTRY_COMPARE_WITH_TIMEOUT(window.docks()->fileModel()->rowCount(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(domains->nameCount(), 3, 10000);
        {
            QString error;
            auto store = Store::open(project, Store::Mode::ReadOnly, &error);
            QCOMPARE(store->totals().lookups, int64_t(52));
            QCOMPARE(store->rejectedLines(file.id).size(), 1);
        }
        // The removal emptied the browser, and with it the selection: the chart shows all lookups again.
        QTRY_VERIFY_WITH_TIMEOUT(window.chartPane()->shownSeries().total() == 52, 10000);
    }
};

QTEST_MAIN(TstWorkspaceDocks)
#include "tst_workspacedocks.moc"
