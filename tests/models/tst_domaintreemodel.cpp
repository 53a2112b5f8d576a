// The domain browser's data and model: names grouped under registrable domains with exact lookup and
// distinct-client counts (from a real project's roll-ups), search, sort, under QAbstractItemModelTester.
#include "domaintreemodel.h"
#include "store.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <string>
#include <vector>

using namespace dnt;

namespace {

struct Row
{
    std::string name, client;
    int64_t t;
};

QString importRows(Store *store, const std::vector<Row> &rows, const QString &sha)
{
    FileRecord f;
    f.path = QStringLiteral("/logs/") + sha + QStringLiteral(".log");
    f.format = QStringLiteral("zeek");
    f.compression = QStringLiteral("none");
    QString error;
    auto imp = store->beginFileImport(f, &error);
    if (!imp)
        return error;
    int64_t line = 0;
    for (const Row &r : rows) {
        LookupRecord l;
        l.timeUs = r.t;
        l.client = r.client;
        l.name = r.name;
        l.qtype = 1;
        l.line = ++line;
        if (!imp->add(l, &error))
            return error;
    }
    f.sha256 = sha;
    f.accepted = int64_t(rows.size());
    return imp->commit(f, &error) ? QString() : error;
}

} // namespace

class TstDomainTreeModel : public QObject
{
    Q_OBJECT
private slots:
    void groupsWithExactClientCounts()
    {
        QTemporaryDir dir;
        QString error;
        auto store = Store::open(dir.filePath("p.dnstimeline"), Store::Mode::Create, &error);
        QVERIFY(store);
        const int64_t t0 = 1462060800LL * 1000000;
        // mail1.trump-email.com: 5 lookups from 2 clients; trump-email.com: 2 from one of them and a third;
        // www.bbc.co.uk 3 from 1; news.bbc.co.uk 1 from another: bbc.co.uk has 2 distinct clients.
        std::vector<Row> rows = {
            {"mail1.trump-email.com", "217.12.96.15", t0},      {"mail1.trump-email.com", "217.12.96.15", t0 + 1},
            {"mail1.trump-email.com", "217.12.97.15", t0 + 60000000}, {"mail1.trump-email.com", "217.12.97.15", t0 + 7},
            {"mail1.trump-email.com", "217.12.96.15", t0 + 120000000}, {"trump-email.com", "217.12.96.15", t0 + 3},
            {"trump-email.com", "10.0.0.9", t0 + 4},           {"www.bbc.co.uk", "10.0.0.1", t0 + 5},
            {"www.bbc.co.uk", "10.0.0.1", t0 + 6},             {"www.bbc.co.uk", "10.0.0.1", t0 + 8},
            {"news.bbc.co.uk", "10.0.0.2", t0 + 9},            {"co.uk", "10.0.0.2", t0 + 10},
        };
        QCOMPARE(importRows(store.get(), rows, QStringLiteral("one")), QString());
        // The same client for a name across two files counts once.
        QCOMPARE(importRows(store.get(), {{"www.bbc.co.uk", "10.0.0.1", t0 + 500}}, QStringLiteral("two")), QString());

        const PublicSuffixList list = PublicSuffixList::parse("com\nuk\nco.uk\n");
        const DomainTreeData data = buildDomainTree(store->nameClients(), list);
        QVERIFY(data.note.isEmpty());
        QCOMPARE(data.domains.size(), 3);
        QCOMPARE(data.domains[0].domain, QStringLiteral("trump-email.com"));
        QCOMPARE(data.domains[0].lookups, int64_t(7));
        QCOMPARE(data.domains[0].clients, int64_t(3));
        QCOMPARE(data.domains[0].names.size(), 2);
        QCOMPARE(data.domains[0].names[0].name, QStringLiteral("mail1.trump-email.com"));
        QCOMPARE(data.domains[0].names[0].clients, int64_t(2));
        QCOMPARE(data.domains[1].domain, QStringLiteral("bbc.co.uk"));
        QCOMPARE(data.domains[1].lookups, int64_t(5));
        QCOMPARE(data.domains[1].clients, int64_t(2));
        QCOMPARE(data.domains[1].names[0].lookups, int64_t(4));
        QCOMPARE(data.domains[1].names[0].clients, int64_t(1));
        // A public suffix asked for itself is its own group.
        QCOMPARE(data.domains[2].domain, QStringLiteral("co.uk"));

        DomainTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setData(data);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.nameCount(), 5);
        const QModelIndex bbc = model.findDomain(QStringLiteral("bbc.co.uk"));
        QCOMPARE(model.kind(bbc), DomainTreeModel::Kind::Domain);
        QCOMPARE(model.rowCount(bbc), 2);
        QCOMPARE(model.data(bbc.siblingAtColumn(DomainTreeModel::ClientsColumn), Qt::UserRole).toLongLong(), 2);
        const QModelIndex news = model.findName(QStringLiteral("news.bbc.co.uk"));
        QCOMPARE(model.kind(news), DomainTreeModel::Kind::Name);
        QCOMPARE(model.parent(news), bbc);

        // Search: a substring shows matching names under their domain; '*' anchors a pattern.
        model.setFilter(QStringLiteral("mail1"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowCount(model.index(0, 0)), 1);
        QCOMPARE(model.label(model.index(0, 0, model.index(0, 0))), QStringLiteral("mail1.trump-email.com"));
        model.setFilter(QStringLiteral("*.bbc.co.uk"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowCount(model.index(0, 0)), 2);
        model.setFilter(QStringLiteral("bbc*"));
        QCOMPARE(model.rowCount(), 1); // the domain bbc.co.uk matches: all its names
        QCOMPARE(model.label(model.index(0, 0)), QStringLiteral("bbc.co.uk"));
        model.setFilter(QString());

        // Sort by name ascending, and by clients.
        model.sort(DomainTreeModel::NameColumn, Qt::AscendingOrder);
        QCOMPARE(model.label(model.index(0, 0)), QStringLiteral("bbc.co.uk"));
        QCOMPARE(model.label(model.index(1, 0)), QStringLiteral("co.uk"));
        QCOMPARE(model.label(model.index(0, 0, model.index(0, 0))), QStringLiteral("news.bbc.co.uk"));
        model.sort(DomainTreeModel::ClientsColumn, Qt::DescendingOrder);
        QCOMPARE(model.label(model.index(0, 0)), QStringLiteral("trump-email.com"));

        // Without a list: grouped by the last two labels, with a note.
        const DomainTreeData fallback = buildDomainTree(store->nameClients(), PublicSuffixList());
        QVERIFY(!fallback.note.isEmpty());
        QCOMPARE(fallback.domains.size(), 2); // trump-email.com and co.uk (bbc.co.uk's names fall under co.uk)
    }

    void fiftyThousandNames()
    {
        // The benchmark's 10M project has about 50,000 names: building, filtering and sorting stay fast.
        QVector<NameClients> names;
        for (int i = 0; i < 50000; ++i)
            names.append({QStringLiteral("h%1.d%2.example%3.com").arg(i).arg(i % 977).arg(i % 31), 100 + i % 50,
                          {int64_t(i % 7), int64_t(7 + i % 3)}});
        QElapsedTimer timer;
        timer.start();
        const DomainTreeData data = buildDomainTree(names, PublicSuffixList::parse("com\n"));
        QCOMPARE(data.domains.size(), 31);
        DomainTreeModel model;
        model.setData(data);
        model.setFilter(QStringLiteral("*.d5.*"));
        QCOMPARE(model.nameCount(), 52); // i ≡ 5 (mod 977) below 50,000
        model.setFilter(QString());
        model.sort(DomainTreeModel::NameColumn, Qt::AscendingOrder);
        QCOMPARE(model.nameCount(), 50000);
        qInfo("50,000 names: grouped, filtered and sorted in %lld ms", timer.elapsed());
        // Client counts per domain are distinct: ids 0..9 at most.
        for (const auto &d : data.domains)
            QVERIFY(d.clients <= 10);
    }
};

QTEST_GUILESS_MAIN(TstDomainTreeModel)
#include "tst_domaintreemodel.moc"
