#include "csvmappingdialog.h"
#include "importer.h"
#include "store.h"

#include <QCheckBox>
#include <QComboBox>
#include <QTableWidget>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace dnt;

class TstCsvMappingDialog : public QObject
{
    Q_OBJECT
private slots:
    void mapsAndImports()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("siem-export.csv");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // A SIEM export with its own column names, semicolons and a quoted field.
        f.write("when;who;asked;kind;note\n"
                "2016-07-27 19:00:00;217.12.96.15;mail1.trump-email.com;A;\"first; quoted\"\n"
                "2016-07-27 19:05:00;217.12.97.15;mail1.trump-email.com;A;\n"
                "2016-07-27 19:06:30;167.73.110.8;Mail1.Trump-Email.com.;AAAA;\n");
        f.close();

        CsvMappingDialog dialog(path, ReaderOptions{});
        QCOMPARE(dialog.delimiterBox()->currentData().toString(), QStringLiteral(";"));
        QCOMPARE(dialog.header(), (QStringList{"when", "who", "asked", "kind", "note"}));
        QCOMPARE(dialog.previewRows(), 3);
        QVERIFY(dialog.problem().contains("time")); // nothing could be guessed from these names

        dialog.roleBox(CsvMappingDialog::Time)->setCurrentIndex(dialog.roleBox(CsvMappingDialog::Time)->findText("when"));
        dialog.roleBox(CsvMappingDialog::Client)->setCurrentIndex(dialog.roleBox(CsvMappingDialog::Client)->findText("who"));
        dialog.roleBox(CsvMappingDialog::Name)->setCurrentIndex(dialog.roleBox(CsvMappingDialog::Name)->findText("asked"));
        dialog.roleBox(CsvMappingDialog::Type)->setCurrentIndex(dialog.roleBox(CsvMappingDialog::Type)->findText("kind"));
        dialog.timeFormatBox()->setCurrentText(QStringLiteral("%Y-%m-%d %H:%M:%S"));
        QCOMPARE(dialog.problem(), QString());
        ReaderOptions o = dialog.apply(ReaderOptions{});
        QCOMPARE(o.csvColumns, QStringLiteral("time=when,client=who,name=asked,type=kind"));
        QCOMPARE(o.csvDelimiter, QStringLiteral(";"));
        QCOMPARE(o.csvTimeFormat, QStringLiteral("%Y-%m-%d %H:%M:%S"));

        // The mapping reads the file: three lookups of one name, zone-less times in Moscow time.
        o.zone = QStringLiteral("Europe/Moscow");
        QString error;
        auto store = Store::open(dir.filePath("p.dnstimeline"), Store::Mode::Create, &error);
        ImportOptions options;
        options.format = QStringLiteral("csv");
        options.reader = o;
        Importer importer(store.get(), options);
        const FileImportReport r = importer.importFile(path);
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.record.accepted, int64_t(3));
        QCOMPARE(r.record.zone, QStringLiteral("Europe/Moscow"));
        QCOMPARE(store->topNames(5).size(), 1);
        QCOMPARE(*r.record.firstUs, int64_t(1469635200) * 1000000); // 19:00 MSK = 16:00Z
        // A mapping given before is shown again.
        CsvMappingDialog again(path, o);
        QCOMPARE(again.roleBox(CsvMappingDialog::Name)->currentText(), QStringLiteral("asked"));
    }

    void firstRowIsData()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("no-header.csv");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // An export without a header, fields as `"a", "b"`.
        f.write("\"2016-07-27 19:00:00\", \"217.12.96.15\", \"mail1.trump-email.com\"\n"
                "\"2016-07-27 19:05:00\", \"217.12.97.15\", \"mail1.trump-email.com\"\n");
        f.close();

        CsvMappingDialog dialog(path, ReaderOptions{});
        QCOMPARE(dialog.previewRows(), 1); // the first row is taken as the header
        dialog.noHeaderBox()->setChecked(true);
        QCOMPARE(dialog.header(), (QStringList{"1", "2", "3"}));
        QCOMPARE(dialog.previewRows(), 2);
        auto *preview = dialog.findChild<QTableWidget *>();
        QVERIFY(preview);
        QCOMPARE(preview->item(0, 1)->text(), QStringLiteral("217.12.96.15")); // no blank, no quotes
        QCOMPARE(dialog.roleBox(CsvMappingDialog::Client)->itemText(2), QStringLiteral("Column 2: 217.12.96.15"));
        dialog.roleBox(CsvMappingDialog::Time)->setCurrentIndex(1);
        dialog.roleBox(CsvMappingDialog::Client)->setCurrentIndex(2);
        dialog.roleBox(CsvMappingDialog::Name)->setCurrentIndex(3);
        dialog.timeFormatBox()->setCurrentText(QStringLiteral("%Y-%m-%d %H:%M:%S"));
        QCOMPARE(dialog.problem(), QString());
        if (!qEnvironmentVariableIsEmpty("DNT_SHOT_DIR"))
            dialog.grab().save(qEnvironmentVariable("DNT_SHOT_DIR") + QStringLiteral("/csv-no-header.png"));
        const ReaderOptions o = dialog.apply(ReaderOptions{});
        QCOMPARE(o.csvColumns, QStringLiteral("time=1,client=2,name=3"));
        QVERIFY(o.csvNoHeader);

        QString error;
        auto store = Store::open(dir.filePath("p.dnstimeline"), Store::Mode::Create, &error);
        ImportOptions options;
        options.format = QStringLiteral("csv");
        options.reader = o;
        Importer importer(store.get(), options);
        const FileImportReport r = importer.importFile(path);
        QVERIFY2(r.added(), qPrintable(r.message));
        QCOMPARE(r.record.accepted, int64_t(2));
        QCOMPARE(*r.record.firstUs, int64_t(1469646000) * 1000000); // 19:00Z

        // Shown again with the same choice.
        CsvMappingDialog again(path, o);
        QVERIFY(again.noHeaderBox()->isChecked());
        QCOMPARE(again.roleBox(CsvMappingDialog::Name)->currentData().toString(), QStringLiteral("3"));
    }
};

QTEST_MAIN(TstCsvMappingDialog)
#include "tst_csvmappingdialog.moc"
