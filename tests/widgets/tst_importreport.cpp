// The GUI's import report: failed files with their first reasons, thousands separators, what
// "skipped" means, and text that wraps instead of running off the dialog.
#include "importer.h"
#include "importui.h"
#include "store.h"

#include <QApplication>
#include <QDialog>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>

using namespace dnt;

class TstImportReport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void reportOfRealImports()
    {
        QTemporaryDir dir;
        // 1,200 dnsmasq 2.90 query lines, each followed by the "reply" line dnsmasq writes for it.
        QByteArray log;
        for (int i = 0; i < 1200; ++i) {
            const QByteArray name = "host" + QByteArray::number(i) + ".example.test";
            log += "Dec  1 20:" + QByteArray::number(10 + i / 60) + ":" + QByteArray::number(10 + i % 50)
                   + " dnsmasq[4021]: query[A] " + name + " from 127.0.0.10\n";
            log += "Dec  1 20:00:51 dnsmasq[4021]: reply " + name + " is 192.0.2.10\n";
        }
        const QString good = dir.filePath("dnsmasq.log");
        QFile f(good);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(log);
        f.close();
        // A Zeek-like TSV forced as Unbound: every line rejected.
        const QString bad = dir.filePath("wrong-format.log");
        QFile b(bad);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write("Nov 28 10:10:02 unbound[1:0] info: deadbeef a.test. A IN\n"
                "Nov 28 10:10:03 unbound[1:0] info: cafe b.test. A IN\n");
        b.close();

        QString error;
        auto store = Store::open(dir.filePath("p.dnstimeline"), Store::Mode::Create, &error);
        QVERIFY2(store, qPrintable(error));
        ImportOptions options;
        options.reader.year = 2026;
        options.formatByFile.insert(bad, QStringLiteral("unbound"));
        Importer importer(store.get(), options);
        const ImportReport report = importer.importFiles({good, bad});
        QCOMPARE(report.files.size(), 2);
        QCOMPARE(report.files.at(0).record.accepted, int64_t(1200));
        QCOMPARE(report.files.at(1).outcome, FileImportReport::Outcome::Failed);
        QCOMPARE(store->files().size(), 1); // the failed file is not in the project

        QCOMPARE(ImportUi::summaryText(report),
                 QStringLiteral("1 of 2 files imported, 1,200 lookups added. 1 failed (see below)."));
        const QString text = ImportUi::reportText(report);
        QVERIFY2(text.contains(QStringLiteral("dnsmasq.log: 1,200 lookups, 1,200 skipped, 0 rejected (dnsmasq)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("; skipped: 1,200 not a query line")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("wrong-format.log: not imported: every data line was rejected as unbound "
                                              "(2 rejected, first at line 1: bad client address \"deadbeef\")")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("    line 2: bad client address \"cafe\"")), qPrintable(text));

        // The dialog wraps the long lines: no horizontal scroll bar, every line visible.
        QWidget parent;
        parent.resize(900, 600);
        ImportUi::showReport(&parent, report, false);
        QDialog *dialog = parent.findChild<QDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *details = dialog->findChild<QPlainTextEdit *>(QStringLiteral("importReportDetails"));
        QVERIFY(details);
        QCOMPARE(details->lineWrapMode(), QPlainTextEdit::WidgetWidth);
        QVERIFY(!details->horizontalScrollBar()->isVisible());
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("importReportSummary"))->wordWrap());
        if (!qEnvironmentVariableIsEmpty("DNT_SHOT_DIR"))
            dialog->grab().save(qEnvironmentVariable("DNT_SHOT_DIR") + QStringLiteral("/import-report.png"));
        dialog->close();
    }
};

QTEST_MAIN(TstImportReport)
#include "tst_importreport.moc"
