#include "countlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace dnt;

class TstCountListModel : public QObject
{
    Q_OBJECT
private slots:
    void snapshot()
    {
        CountListModel model(QStringLiteral("Name"));
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setRows({{"mail1.trump-email.com", 3534}, {"www.example.com", 120}});
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("mail1.trump-email.com"));
        QCOMPARE(model.data(model.index(0, 1), CountListModel::SortRole).toLongLong(), 3534);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Name"));
        QCOMPARE(model.labelAt(1), QStringLiteral("www.example.com"));
        QCOMPARE(model.labelAt(7), QString());
        model.setRows({{"<b>x</b>", 1}});
        // Tooltips escape data-derived text so that markup shows literally.
        QVERIFY(model.data(model.index(0, 0), Qt::ToolTipRole).toString().contains("&lt;b&gt;x&lt;/b&gt;"));
        model.setRows({});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TstCountListModel)
#include "tst_countlistmodel.moc"
