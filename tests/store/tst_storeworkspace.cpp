// The workspace tables (source groups, labels, saved views) and the queries that use them: groups as a
// client filter, one series per group, and the pair view — every count compared with a brute-force count
// of the same records, written independently of the store's SQL.

#include "storetestutil.h"

#include <QTemporaryDir>
#include <QSet>
#include <QTest>

#include <map>

using namespace dnt;
using namespace dnt::test;

namespace {

const char *const kNames[] = {"mail1.trump-email.com", "trump1.contact-client.com", "www.example.org", "example.org",
                              "cdn.example.net"};
const char *const kClients[] = {"217.12.96.15", "217.12.97.15", "167.73.110.8", "192.0.2.10", "192.0.2.11",
                                "2001:db8::1"};

// The bank asks mostly for mail1; everybody asks for the rest. Times with µs fractions over 10 days.
std::vector<Rec> makeRecords(int count)
{
    std::vector<Rec> out;
    const int64_t start = *parseIso8601(QStringLiteral("2016-07-28T13:17:42.123456Z"));
    uint64_t x = 42;
    auto next = [&x]() {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        return x >> 33;
    };
    for (int i = 0; i < count; ++i) {
        Rec r;
        r.t = start + int64_t(next() % 14400) * 60000000 + int64_t(next() % 60000000); // minute, then µs in it
        r.client = kClients[next() % std::size(kClients)];
        const bool bank = r.client == "217.12.96.15" || r.client == "217.12.97.15";
        // The others ask for mail1 rarely, the bank mostly.
        if (bank)
            r.name = next() % 4 != 0 ? "mail1.trump-email.com" : kNames[1 + next() % (std::size(kNames) - 1)];
        else
            r.name = next() % 50 == 0 ? "mail1.trump-email.com" : kNames[1 + next() % (std::size(kNames) - 1)];
        r.server = "192.0.2.53";
        r.line = i + 1;
        out.push_back(r);
    }
    return out;
}

bool inAny(const QString &client, const QStringList &filters)
{
    const QHostAddress a(client);
    for (const QString &f : filters) {
        if (f.contains(QLatin1Char('/'))) {
            const auto net = QHostAddress::parseSubnet(f);
            if (a.isInSubnet(net.first, net.second))
                return true;
        } else if (a == QHostAddress(f)) {
            return true;
        }
    }
    return false;
}

} // namespace

class TstStoreWorkspace : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_path;
    std::vector<Rec> m_recs;
    const QStringList m_bank{QStringLiteral("217.12.96.15"), QStringLiteral("217.12.97.15")};
    const QStringList m_docnet{QStringLiteral("192.0.2.0/24")};

    std::unique_ptr<Store> open(Store::Mode mode = Store::Mode::ReadWrite)
    {
        QString error;
        auto s = Store::open(m_path, mode, &error);
        if (!s)
            qFatal("%s", qPrintable(error));
        return s;
    }

private slots:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("ws.dnstimeline"));
        m_recs = makeRecords(20000);
        auto store = open(Store::Mode::Create);
        QCOMPARE(importRecords(store.get(), m_recs, QStringLiteral("a.log"), fakeSha(QStringLiteral("a"))), QString());
        QString error;
        QVERIFY2(store->saveGroup({QStringLiteral("Bank resolvers"), QStringLiteral("#D62728"), m_bank}, &error), qPrintable(error));
        QVERIFY2(store->saveGroup({QStringLiteral("Docnet"), QStringLiteral("#2ca02c"), m_docnet}, &error), qPrintable(error));
    }

    void groupsRoundTrip()
    {
        {
            auto store = open();
            QString error;
            // Canonical spelling, duplicates dropped, order kept.
            QVERIFY(store->saveGroup({QStringLiteral("tmp"), QStringLiteral("#000000"),
                                      {QStringLiteral("2001:DB8:0::2"), QStringLiteral(" 10.0.0.0/8 "), QStringLiteral("2001:db8::2")}},
                                     &error));
            QVERIFY(!store->saveGroup({QStringLiteral("bad"), QStringLiteral("red"), {QStringLiteral("10.0.0.1")}}, &error));
            QCOMPARE(error, QStringLiteral("group \"bad\": colour \"red\" is not #rrggbb"));
            QVERIFY(!store->saveGroup({QStringLiteral("bad"), QStringLiteral("#ff0000"), {QStringLiteral("10.0.0.300")}}, &error));
            QCOMPARE(error, QStringLiteral("group \"bad\": \"10.0.0.300\" is not an IPv4/IPv6 address or CIDR range"));
            QVERIFY(!store->saveGroup({QStringLiteral("bad"), QStringLiteral("#ff0000"), {}}, &error));
            QVERIFY(!store->saveGroup({QStringLiteral("Docnet"), QStringLiteral("#ff0000"), {QStringLiteral("10.0.0.1")}}, &error,
                                      QStringLiteral("tmp")));
            QCOMPARE(error, QStringLiteral("there is already a group \"Docnet\""));
        }
        auto store = open(Store::Mode::ReadOnly);
        const auto g = store->group(QStringLiteral("tmp"));
        QVERIFY(g);
        QCOMPARE(g->members, (QStringList{QStringLiteral("2001:db8::2"), QStringLiteral("10.0.0.0/8")}));
        QCOMPARE(g->color, QStringLiteral("#000000"));
        QCOMPARE(store->groups().size(), 3);
        QCOMPARE(store->groups().at(0).name, QStringLiteral("Bank resolvers"));
        QCOMPARE(store->groups().at(0).color, QStringLiteral("#d62728"));
        QVERIFY(!store->group(QStringLiteral("bad")));
        store.reset();
        auto rw = open();
        QString error;
        // Rename keeps the group, replaces its members and colour.
        QVERIFY(rw->saveGroup({QStringLiteral("tmp2"), QStringLiteral("#010203"), {QStringLiteral("10.1.2.3")}}, &error,
                              QStringLiteral("tmp")));
        QVERIFY(!rw->group(QStringLiteral("tmp")));
        QCOMPARE(rw->group(QStringLiteral("tmp2"))->members, QStringList{QStringLiteral("10.1.2.3")});
        QVERIFY(rw->removeGroup(QStringLiteral("tmp2"), &error));
        QVERIFY(!rw->removeGroup(QStringLiteral("tmp2"), &error));
        QCOMPARE(error, QStringLiteral("there is no group \"tmp2\""));
        QCOMPARE(rw->groups().size(), 2);
        // The members went with it.
        sqlite3_stmt *s = nullptr;
        QCOMPARE(sqlite3_prepare_v2(rw->handle(), "SELECT count(*) FROM group_members", -1, &s, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_step(s), SQLITE_ROW);
        QCOMPARE(sqlite3_column_int(s, 0), 3);
        sqlite3_finalize(s);
    }

    void labelsAndViews()
    {
        auto store = open();
        QString error;
        QVERIFY(store->setLabels({{QStringLiteral("217.12.96.15"), QStringLiteral("Bank  resolver 1")},
                                  {QStringLiteral("2001:DB8::1"), QStringLiteral("v6 host")}},
                                 &error));
        QVERIFY(!store->setLabels({{QStringLiteral("10.0.0.0/8"), QStringLiteral("net")}}, &error));
        QCOMPARE(error, QStringLiteral("\"10.0.0.0/8\" is not an IPv4/IPv6 address"));
        QVERIFY(store->saveView({QStringLiteral("mail1"), QByteArray("{\"version\":1}")}, &error));
        QVERIFY(store->saveView({QStringLiteral("mail1"), QByteArray("{\"version\":1,\"log\":true}")}, &error));
        QVERIFY(store->saveView({QStringLiteral("all"), QByteArray("{\"version\":1}")}, &error));
        store.reset();
        auto ro = open(Store::Mode::ReadOnly);
        const auto labels = ro->labels();
        QCOMPARE(labels.size(), 2);
        QCOMPARE(labels.value(QStringLiteral("217.12.96.15")), QStringLiteral("Bank resolver 1"));
        QCOMPARE(labels.value(QStringLiteral("2001:db8::1")), QStringLiteral("v6 host"));
        QCOMPARE(ro->views().size(), 2);
        QCOMPARE(ro->views().at(0).name, QStringLiteral("all"));
        QCOMPARE(ro->view(QStringLiteral("mail1"))->spec, QByteArray("{\"version\":1,\"log\":true}"));
        QVERIFY(!ro->saveView({QStringLiteral("x"), {}}, &error)); // read-only
        ro.reset();
        auto rw = open();
        QVERIFY(rw->setLabels({{QStringLiteral("2001:db8::1"), QString()}}, &error)); // empty label: removed
        QCOMPARE(rw->labels().size(), 1);
        QVERIFY(rw->removeView(QStringLiteral("all"), &error));
        QVERIFY(!rw->removeView(QStringLiteral("all"), &error));
        QCOMPARE(error, QStringLiteral("there is no view \"all\""));
    }

    // The start view's mark: one per project, kept when its view is saved again, gone with its view;
    // a row of meta, so the lookup total in meta is untouched.
    void startViewMark()
    {
        auto store = open();
        QString error;
        QVERIFY(store->saveView({QStringLiteral("one"), QByteArray("{\"version\":1}")}, &error));
        QVERIFY(store->saveView({QStringLiteral("two words"), QByteArray("{\"version\":1}")}, &error));
        const int64_t lookups = store->totals().lookups;
        QVERIFY(!store->startView());
        QVERIFY(!store->setStartView(QStringLiteral("nope"), &error));
        QCOMPARE(error, QStringLiteral("there is no view \"nope\" (see views PROJECT list)"));
        QVERIFY2(store->setStartView(QStringLiteral(" two words "), &error), qPrintable(error));
        QCOMPARE(store->startView(), std::optional<QString>(QStringLiteral("two words")));
        QVERIFY(store->setStartView(QStringLiteral("one"), &error));
        QCOMPARE(store->startView(), std::optional<QString>(QStringLiteral("one")));
        QVERIFY(store->saveView({QStringLiteral("one"), QByteArray("{\"version\":1,\"log\":true}")}, &error));
        QCOMPARE(store->startView(), std::optional<QString>(QStringLiteral("one")));
        QCOMPARE(store->totals().lookups, lookups);
        store.reset();
        auto ro = open(Store::Mode::ReadOnly);
        QCOMPARE(ro->startView(), std::optional<QString>(QStringLiteral("one")));
        QVERIFY(!ro->setStartView(QString(), &error)); // read-only
        ro.reset();
        auto rw = open();
        QVERIFY(rw->removeView(QStringLiteral("one"), &error));
        QVERIFY(!rw->startView());
        QVERIFY(rw->saveView({QStringLiteral("one"), QByteArray("{\"version\":1}")}, &error));
        QVERIFY(!rw->startView()); // a new view of the same name is not marked
        QVERIFY(rw->setStartView(QStringLiteral("two words"), &error));
        QVERIFY(rw->setStartView(QString(), &error)); // cleared
        QVERIFY(!rw->startView());
        QVERIFY(rw->removeView(QStringLiteral("one"), &error));
        QVERIFY(rw->removeView(QStringLiteral("two words"), &error));
    }

    void groupFilters()
    {
        auto store = open(Store::Mode::ReadOnly);
        for (const bool withName : {false, true}) {
            VolumeQuery q;
            q.unit = BucketUnit::Hour;
            if (withName)
                q.selection.names << QStringLiteral("mail1.trump-email.com");
            q.selection.groups << QStringLiteral("Bank resolvers");
            VolumeQuery want = q;
            want.selection.groups.clear();
            want.selection.clients = m_bank;
            compareVolume(store->volume(q), expectedVolume(want, m_recs));
            // A group and a client together: the union of both.
            q.selection.clients << QStringLiteral("2001:db8::1");
            want.selection.clients << QStringLiteral("2001:db8::1");
            compareVolume(store->volume(q), expectedVolume(want, m_recs));
            // A CIDR group, split by client.
            q.selection.clients.clear();
            q.selection.groups = QStringList{QStringLiteral("Docnet")};
            q.split = Split::Client;
            want.selection.clients = m_docnet;
            want.split = Split::Client;
            compareVolume(store->volume(q), expectedVolume(want, m_recs));
        }
        Selection sel;
        sel.groups << QStringLiteral("Bank resolvers");
        int64_t first = INT64_MAX, last = INT64_MIN, n = 0;
        for (const Rec &r : m_recs)
            if (inAny(QString::fromStdString(r.client), m_bank)) {
                first = std::min(first, r.t);
                last = std::max(last, r.t);
                ++n;
            }
        QCOMPARE(store->timeRange(sel)->first, first);
        QCOMPARE(store->timeRange(sel)->second, last);
    }

    void unknownGroup()
    {
        auto store = open(Store::Mode::ReadOnly);
        VolumeQuery q;
        q.selection.groups << QStringLiteral("Bank resolvers") << QStringLiteral("Nobody");
        const VolumeSeries v = store->volume(q);
        QVERIFY(v.series.isEmpty());
        QCOMPARE(v.error, QStringLiteral("there is no source group \"Nobody\" in this project (see groups PROJECT list)"));
        QCOMPARE(store->selectionError(q.selection), v.error);
        QCOMPARE(store->pairs({q.selection, 5, {}, {}}).error, v.error);
        QVERIFY(store->selectionError({}).isEmpty());
    }

    void splitByGroup()
    {
        auto store = open(Store::Mode::ReadOnly);
        VolumeQuery q;
        q.unit = BucketUnit::Day;
        q.split = Split::Group;
        q.fromUs = *parseIso8601(QStringLiteral("2016-07-29T00:00:00Z"));
        q.toUs = *parseIso8601(QStringLiteral("2016-08-05T00:00:00Z"));
        q.selection.names << QStringLiteral("mail1.trump-email.com");
        // No groups named: every group of the project; the lookups of ungrouped clients are "other", last.
        VolumeSeries v = store->volume(q);
        auto expectFor = [&](const QStringList &clients) {
            VolumeQuery w = q;
            w.split = Split::None;
            w.selection.clients = clients;
            return expectedVolume(w, m_recs).series.first();
        };
        const auto bank = expectFor(m_bank), doc = expectFor(m_docnet);
        QVERIFY(bank.total > doc.total && doc.total > 0);
        QCOMPARE(v.series.size(), 3);
        QCOMPARE(v.series[0].label, QStringLiteral("Bank resolvers"));
        QCOMPARE(v.series[0].color, QStringLiteral("#d62728"));
        QCOMPARE(v.series[0].counts, bank.counts);
        QCOMPARE(v.series[0].total, bank.total);
        QCOMPARE(v.series[1].label, QStringLiteral("Docnet"));
        QCOMPARE(v.series[1].counts, doc.counts);
        // The groups do not overlap: the three series add up to the unsplit count in every bucket.
        const auto whole = expectFor({});
        QVERIFY(v.series[2].isOther);
        QCOMPARE(v.series[2].label, QStringLiteral("other"));
        QCOMPARE(v.sharedClients, int64_t(0));
        QCOMPARE(v.series[2].total, whole.total - bank.total - doc.total);
        for (qsizetype i = 0; i < whole.counts.size(); ++i)
            QCOMPARE(v.series[0].counts[i] + v.series[1].counts[i] + v.series[2].counts[i], whole.counts[i]);
        QSet<QString> ungrouped;
        for (const Rec &r : m_recs) {
            const QString c = QString::fromStdString(r.client);
            if (r.name == "mail1.trump-email.com" && r.t >= *q.fromUs && r.t < *q.toUs && !m_bank.contains(c)
                && !c.startsWith(QLatin1String("192.0.2.")))
                ungrouped.insert(c);
        }
        QVERIFY(!ungrouped.isEmpty());
        QCOMPARE(v.series[2].otherSources, int64_t(ungrouped.size()));
        // One group named, and a client asked for by address that is in no group: its own series.
        q.selection.groups << QStringLiteral("Docnet");
        q.selection.clients << QStringLiteral("167.73.110.8");
        v = store->volume(q);
        QCOMPARE(v.series.size(), 2);
        const auto single = expectFor({QStringLiteral("167.73.110.8")});
        const int docIndex = v.series[0].label == QStringLiteral("Docnet") ? 0 : 1;
        QCOMPARE(v.series[docIndex].counts, doc.counts);
        QCOMPARE(v.series[1 - docIndex].label, QStringLiteral("167.73.110.8"));
        QCOMPARE(v.series[1 - docIndex].counts, single.counts);
        QVERIFY(v.series[1 - docIndex].color.isEmpty());
    }

    void pairs_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("byName");
        QTest::addColumn<bool>("byGroup");
        QTest::newRow("whole project") << QString() << QString() << false << false;
        QTest::newRow("range with partial minutes") << QStringLiteral("2016-07-30T10:11:12.5Z")
                                                    << QStringLiteral("2016-08-03T08:09:10Z") << false << false;
        QTest::newRow("a domain, from a date") << QStringLiteral("2016-08-01") << QString() << true << false;
        QTest::newRow("one group, a range") << QStringLiteral("2016-07-30T10:11:12.5Z")
                                            << QStringLiteral("2016-08-03T08:09:10Z") << false << true;
    }

    void pairs()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, byName);
        QFETCH(bool, byGroup);
        PairQuery q;
        if (byGroup)
            q.selection.groups << QStringLiteral("Bank resolvers");
        q.top = 4;
        if (!from.isEmpty())
            q.fromUs = *parseIso8601(from);
        if (!to.isEmpty())
            q.toUs = *parseIso8601(to);
        if (byName)
            q.selection.domains << QStringLiteral("example.org");
        auto inRange = [&](const Rec &r) { return (!q.fromUs || r.t >= *q.fromUs) && (!q.toUs || r.t < *q.toUs); };
        // Independent count: source = group name (a client in a group) or the address.
        std::map<QString, int64_t> nameSel, nameAll;
        std::map<std::pair<QString, QString>, int64_t> cell;
        for (const Rec &r : m_recs) {
            if (!inRange(r))
                continue;
            const QString name = QString::fromStdString(r.name), client = canonicalAddress(r.client);
            Selection sel = q.selection;
            sel.groups.clear();
            if (!testSelects(sel, r))
                continue;
            ++nameAll[name];
            if (byGroup && !inAny(client, m_bank))
                continue;
            ++nameSel[name];
            const QString source = inAny(client, m_bank) ? QStringLiteral("Bank resolvers")
                                   : inAny(client, m_docnet) ? QStringLiteral("Docnet")
                                                             : client;
            ++cell[{source, name}];
        }
        auto store = open(Store::Mode::ReadOnly);
        const PairTable t = store->pairs(q);
        QVERIFY(t.error.isEmpty());
        // Top names by the selection's count.
        std::vector<std::pair<int64_t, QString>> names;
        for (const auto &[n, c] : nameSel)
            names.push_back({-c, n});
        std::sort(names.begin(), names.end());
        QCOMPARE(t.names.size(), qsizetype(std::min<size_t>(4, names.size())));
        for (qsizetype i = 0; i < t.names.size(); ++i) {
            QCOMPARE(t.names.at(i), names[i].second);
            QCOMPARE(t.nameSelected.at(i), -names[i].first);
            QCOMPARE(t.nameAll.at(i), nameAll[t.names.at(i)]);
        }
        QVERIFY(t.sources.contains(QStringLiteral("Bank resolvers")));
        QVERIFY(t.sources.size() <= 4);
        for (qsizetype s = 0; s < t.sources.size(); ++s) {
            QCOMPARE(t.sourceIsGroup.at(s), t.sources.at(s) == QLatin1String("Bank resolvers") || t.sources.at(s) == QLatin1String("Docnet"));
            for (qsizetype n = 0; n < t.names.size(); ++n) {
                const int64_t want = cell[{t.sources.at(s), t.names.at(n)}];
                QCOMPARE(t.counts.at(s).at(n), want);
                QCOMPARE(t.share(int(s), int(n)), double(want) / double(nameAll[t.names.at(n)]));
            }
        }
        if (byGroup)
            QCOMPARE(t.sources, QStringList{QStringLiteral("Bank resolvers")});
        if (!byName) {
            QCOMPARE(t.names.first(), QStringLiteral("mail1.trump-email.com"));
            QCOMPARE(t.sources.first(), QStringLiteral("Bank resolvers"));
            QVERIFY(t.share(0, 0) > 0.9); // the hotline stands out
        }
    }

    // The pair view reads the roll-ups, not the lookups: with the lookups table emptied behind the
    // store's back, a query over whole minutes still gives every count.
    void pairsReadRollupsOnly()
    {
        const QString copy = m_dir.filePath(QStringLiteral("copy.dnstimeline"));
        QVERIFY(QFile::copy(m_path, copy));
        PairQuery q;
        q.top = 6;
        q.fromUs = *parseIso8601(QStringLiteral("2016-07-30T10:11:00Z"));
        const PairTable before = open(Store::Mode::ReadOnly)->pairs(q);
        const PairTable whole = open(Store::Mode::ReadOnly)->pairs(PairQuery{});
        QString error;
        auto store = Store::open(copy, Store::Mode::ReadWrite, &error);
        QVERIFY(store);
        QCOMPARE(sqlite3_exec(store->handle(), "DELETE FROM lookups", nullptr, nullptr, nullptr), SQLITE_OK);
        const PairTable after = store->pairs(q);
        QCOMPARE(after.names, before.names);
        QCOMPARE(after.sources, before.sources);
        QCOMPARE(after.counts, before.counts);
        QCOMPARE(after.nameAll, before.nameAll);
        QCOMPARE(store->pairs(PairQuery{}).counts, whole.counts);
        QVERIFY(!before.counts.isEmpty());
    }

private:
    void compareVolume(const VolumeSeries &got, const VolumeSeries &want)
    {
        QCOMPARE(got.bucketStarts, want.bucketStarts);
        QCOMPARE(got.series.size(), want.series.size());
        for (qsizetype i = 0; i < got.series.size(); ++i) {
            QCOMPARE(got.series[i].label, want.series[i].label);
            QCOMPARE(got.series[i].counts, want.series[i].counts);
        }
    }
};

QTEST_GUILESS_MAIN(TstStoreWorkspace)
#include "tst_storeworkspace.moc"
