// The workspace's item models under QAbstractItemModelTester: the pair matrix (cells, highlight, sort by
// share, what a cell charts), the sources panel's clients and groups.
#include "pairtablemodel.h"
#include "sourcelistmodels.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QLocale>
#include <QTest>

using namespace dnt;

namespace {

PairTable table()
{
    PairTable t;
    t.names = {QStringLiteral("mail1.trump-email.com"), QStringLiteral("www.example.org")};
    t.nameSelected = {3534, 1000};
    t.nameAll = {3540, 1000};
    t.sources = {QStringLiteral("Bank resolvers"), QStringLiteral("167.73.110.8"), QStringLiteral("192.0.2.10")};
    t.sourceIsGroup = {true, false, false};
    t.sourceColors = {QStringLiteral("#d62728"), QString(), QString()};
    t.counts = {{2820, 100}, {714, 300}, {0, 600}};
    return t;
}

} // namespace

class TstWorkspaceModels : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void pairMatrix()
    {
        PairTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 0);
        model.setTable(table());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), 3);
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("mail1.trump-email.com"));
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Bank resolvers"));
        QCOMPARE(model.index(0, 0).data(Qt::DecorationRole).value<QColor>(), QColor(QStringLiteral("#d62728")));
        const QModelIndex bank = model.index(0, 1);
        QCOMPARE(bank.data(PairTableModel::CountRole).toLongLong(), 2820);
        QCOMPARE(bank.data(PairTableModel::ShareRole).toDouble(), 2820.0 / 3540.0);
        QCOMPARE(bank.data().toString(), QStringLiteral("2,820 · 79.7%"));
        QVERIFY(!bank.data(PairTableModel::HighlightRole).toBool()); // 79.7 % < 90 %
        QCOMPARE(model.index(2, 1).data().toString(), QString()); // no lookups: empty cell
        QCOMPARE(model.index(2, 2).data(PairTableModel::ShareRole).toDouble(), 0.6);

        // Sort by share of www.example.org, descending: 192.0.2.10 (0.6), 167.73.110.8 (0.3), the bank (0.1).
        const QPersistentModelIndex kept = model.index(0, 1);
        model.sort(2, Qt::DescendingOrder);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("192.0.2.10"));
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("167.73.110.8"));
        QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("Bank resolvers"));
        QCOMPARE(kept.row(), 2); // persistent indexes follow their rows
        model.sort(2, Qt::AscendingOrder);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Bank resolvers"));
        // What a cell charts.
        Selection s = model.selectionAt(model.index(0, 1));
        QCOMPARE(s.names, QStringList{QStringLiteral("mail1.trump-email.com")});
        QCOMPARE(s.groups, QStringList{QStringLiteral("Bank resolvers")});
        QVERIFY(s.clients.isEmpty());
        model.sort(0, Qt::AscendingOrder);
        s = model.selectionAt(model.index(0, 1));
        QCOMPARE(s.clients, QStringList{QStringLiteral("167.73.110.8")});
        QVERIFY(s.groups.isEmpty());
        QVERIFY(model.selectionAt(model.index(0, 0)).isEmpty());

        // Highlight at >= 90 %; a new table keeps the sort column.
        PairTable t = table();
        t.counts[0][0] = 3400;
        model.setTable(t);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("167.73.110.8")); // still by source name
        model.sort(1, Qt::DescendingOrder);
        QVERIFY(model.index(0, 1).data(PairTableModel::HighlightRole).toBool());
        QVERIFY(model.index(0, 1).data(Qt::BackgroundRole).value<QColor>().isValid());
        QVERIFY(!model.index(1, 1).data(Qt::BackgroundRole).isValid());
        model.setTable({});
        QCOMPARE(model.rowCount(), 0);
    }

    void sourceLists()
    {
        ClientLabelModel clients;
        QAbstractItemModelTester t1(&clients, QAbstractItemModelTester::FailureReportingMode::QtTest);
        clients.setRows({{QStringLiteral("217.12.96.15"), QStringLiteral("Alfa resolver"), 1410},
                         {QStringLiteral("192.0.2.10"), QString(), 7}});
        QCOMPARE(clients.rowCount(), 2);
        QCOMPARE(clients.columnCount(), 3);
        QCOMPARE(clients.index(0, ClientLabelModel::LabelColumn).data().toString(), QStringLiteral("Alfa resolver"));
        QCOMPARE(clients.index(0, ClientLabelModel::CountColumn).data(ClientLabelModel::SortRole).toLongLong(), 1410);
        QCOMPARE(clients.index(0, ClientLabelModel::CountColumn).data().toString(), QStringLiteral("1,410"));

        GroupListModel groups;
        QAbstractItemModelTester t2(&groups, QAbstractItemModelTester::FailureReportingMode::QtTest);
        groups.setGroups({{QStringLiteral("Bank resolvers"), QStringLiteral("#d62728"),
                           {QStringLiteral("217.12.96.15"), QStringLiteral("217.12.97.15")}}});
        QCOMPARE(groups.rowCount(), 1);
        QCOMPARE(groups.index(0, GroupListModel::MembersColumn).data().toInt(), 2);
        QCOMPARE(groups.index(0, GroupListModel::NameColumn).data(Qt::DecorationRole).value<QColor>(), QColor(0xd6, 0x27, 0x28));
        QCOMPARE(groups.index(0, 0).data(Qt::ToolTipRole).toString(), QStringLiteral("217.12.96.15, 217.12.97.15"));
        groups.setGroups({});
        QCOMPARE(groups.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TstWorkspaceModels)
#include "tst_workspacemodels.moc"
