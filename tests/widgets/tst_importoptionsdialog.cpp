#include "importoptionsdialog.h"

#include <QComboBox>
#include <QFile>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace dnt;

class TstImportOptionsDialog : public QObject
{
    Q_OBJECT
private slots:
    void detectsAndOverrides()
    {
        QTemporaryDir dir;
        const QString zeek = dir.filePath("dns.log");
        const QString other = dir.filePath("notes.txt");
        QFile a(zeek), b(other);
        QVERIFY(a.open(QIODevice::WriteOnly) && b.open(QIODevice::WriteOnly));
        a.write("#separator \\x09\n#fields\tts\tid.orig_h\tquery\n1.0\t10.0.0.1\ta.example\n");
        b.write("shopping list: milk, eggs\n");
        a.close();
        b.close();

        ImportOptionsDialog dialog({zeek, other});
        QCOMPARE(dialog.detectedFormat(0), QStringLiteral("zeek"));
        QCOMPARE(dialog.detectedFormat(1), QString());
        auto *table = dialog.findChild<QTableWidget *>();
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 2);
        auto *second = qobject_cast<QComboBox *>(table->cellWidget(1, 2));
        QVERIFY(second->currentText().contains("Not recognised"));
        // Why: the tooltip says what the file resembles (the same words as the CLI's message).
        QVERIFY2(second->toolTip().contains("Not recognised: no known format starts like its first line"),
                 qPrintable(second->toolTip()));

        ImportOptions o = dialog.options();
        QCOMPARE(o.formatByFile.value(zeek), QStringLiteral("zeek"));
        QVERIFY(!o.formatByFile.contains(other)); // nothing chosen yet
        QVERIFY(o.reader.zone.isEmpty());          // UTC stays "assumed"
        QCOMPARE(o.reader.year, 0);

        // The user overrides the second file's format and gives a zone and a year.
        second->setCurrentIndex(second->findData(QStringLiteral("zeek-json")));
        QComboBox *zone = nullptr;
        for (auto *c : dialog.findChildren<QComboBox *>())
            if (c->isEditable())
                zone = c;
        QVERIFY(zone);
        zone->setCurrentText(QStringLiteral("Europe/Moscow"));
        dialog.findChild<QSpinBox *>()->setValue(2016);
        o = dialog.options();
        QCOMPARE(o.formatByFile.value(other), QStringLiteral("zeek-json"));
        QCOMPARE(o.reader.zone, QStringLiteral("Europe/Moscow"));
        QCOMPARE(o.reader.year, 2016);
    }
};

QTEST_MAIN(TstImportOptionsDialog)
#include "tst_importoptionsdialog.moc"
