// The project store: imports, roll-backs, duplicate files, volume queries against a brute-force count,
// top lists, events, and a second Store reading while the first imports.

#include "storetestutil.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace dnt;
using namespace dnt::test;

namespace {

const char *const kNames[] = {"mail1.trump-email.com", "trump-email.com", "xtrump-email.com", "a.b.trump-email.com",
                              "example.org",           "www.example.org", "trump-email.co"};
const char *const kClients[] = {"217.12.96.15", "217.12.96.16", "10.0.0.5", "2001:db8::1", "2001:DB8:0::2", "2001:db9::1"};

// Deterministic records over 20 days from a Thursday, with µs fractions and a 3-day hole (days 8-10).
std::vector<Rec> makeRecords(int count, uint64_t seed)
{
    std::vector<Rec> out;
    const int64_t start = *parseIso8601(QStringLiteral("2016-07-28T13:17:42.123456Z"));
    uint64_t x = seed;
    auto next = [&x]() {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        return x >> 33;
    };
    for (int i = 0; i < count; ++i) {
        Rec r;
        int64_t day = int64_t(next() % 20);
        if (day >= 8 && day <= 10)
            day += 3;
        r.t = start + day * kUsPerDay + int64_t(next() % uint64_t(kUsPerDay));
        r.name = kNames[next() % std::size(kNames)];
        r.client = kClients[next() % std::size(kClients)];
        r.server = (i % 3) ? "192.0.2.53" : "";
        r.qtype = (i % 2) ? 1 : 28;
        r.line = i + 1;
        out.push_back(r);
    }
    return out;
}

void compareVolume(const VolumeSeries &got, const VolumeSeries &want, const char *what)
{
    const QByteArray tag(what);
    QVERIFY2(got.bucketStarts == want.bucketStarts, tag);
    QCOMPARE(got.fromUs, want.fromUs);
    QCOMPARE(got.toUs, want.toUs);
    QCOMPARE(got.series.size(), want.series.size());
    for (qsizetype i = 0; i < got.series.size(); ++i) {
        QCOMPARE(got.series[i].label, want.series[i].label);
        QCOMPARE(got.series[i].total, want.series[i].total);
        QCOMPARE(got.series[i].isOther, want.series[i].isOther);
        QCOMPARE(got.series[i].otherSources, want.series[i].otherSources);
        QVERIFY2(got.series[i].counts == want.series[i].counts, (tag + " " + got.series[i].label.toUtf8()).constData());
    }
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString newPath() { return m_dir.filePath(QStringLiteral("p%1.dnstimeline").arg(++m_counter)); }

private slots:
    void importCommitReopen();
    void destroyedImportRollsBack();
    void duplicateContentRefused();
    void volumeMatchesBruteForce();
    void volumeSpecifics();
    void topLists();
    void readOnlyCannotWrite();
    void eventsRoundTrip();
    void secondStoreReadsDuringImport();
    void throughput();
};

void TestStore::importCommitReopen()
{
    const QString path = newPath();
    const auto recs = makeRecords(500, 1);
    {
        QString error;
        auto store = Store::open(path, Store::Mode::Create, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->totals().lookups, 0);
        QCOMPARE(importRecords(store.get(), recs, QStringLiteral("/logs/a.log"), fakeSha("a")), QString());
    }
    QString error;
    auto store = Store::open(path, Store::Mode::ReadWrite, &error);
    QVERIFY2(store, qPrintable(error));
    const Totals t = store->totals();
    QCOMPARE(t.lookups, 500);
    QCOMPARE(t.names, int64_t(std::size(kNames)));
    QCOMPARE(t.clients, 6); // the server 192.0.2.53 is in the dictionary but asked nothing
    QCOMPARE(t.files, 1);
    int64_t first = INT64_MAX, last = INT64_MIN;
    for (const Rec &r : recs) {
        first = std::min(first, r.t);
        last = std::max(last, r.t);
    }
    QCOMPARE(t.firstUs.value(), first);
    QCOMPARE(t.lastUs.value(), last);

    const auto files = store->files();
    QCOMPARE(files.size(), 1);
    QCOMPARE(files[0].path, QStringLiteral("/logs/a.log"));
    QCOMPARE(files[0].sha256, fakeSha("a"));
    QCOMPARE(files[0].accepted, 500);
    QCOMPARE(files[0].firstUs.value(), first);
    QCOMPARE(files[0].lastUs.value(), last);
    QCOMPARE(files[0].importedAtUs, *parseIso8601(QStringLiteral("2024-01-02T03:04:05Z")));
    QVERIFY(store->fileBySha256(fakeSha("a")).has_value());
    QVERIFY(!store->fileBySha256(fakeSha("b")).has_value());

    // A second file adds up, and uses the same dictionary ids.
    const auto more = makeRecords(300, 2);
    QCOMPARE(importRecords(store.get(), more, QStringLiteral("/logs/b.log"), fakeSha("b")), QString());
    QCOMPARE(store->totals().lookups, 800);
    QCOMPARE(store->totals().names, int64_t(std::size(kNames)));
    QCOMPARE(store->files().size(), 2);
    std::vector<Rec> all = recs;
    all.insert(all.end(), more.begin(), more.end());
    VolumeQuery q;
    q.unit = BucketUnit::Day;
    compareVolume(store->volume(q), expectedVolume(q, all), "after two files");

    // Raw check of the schema contract: application_id and user_version.
    sqlite3_stmt *s = nullptr;
    QCOMPARE(sqlite3_prepare_v2(store->handle(), "PRAGMA application_id", -1, &s, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_step(s), SQLITE_ROW);
    QCOMPARE(sqlite3_column_int(s, 0), Store::kApplicationId);
    sqlite3_finalize(s);
    QCOMPARE(sqlite3_prepare_v2(store->handle(), "PRAGMA user_version", -1, &s, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_step(s), SQLITE_ROW);
    QCOMPARE(sqlite3_column_int(s, 0), Store::kSchemaVersion);
    sqlite3_finalize(s);
    QCOMPARE(sqlite3_prepare_v2(store->handle(), "PRAGMA journal_mode", -1, &s, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_step(s), SQLITE_ROW);
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(s, 0))), QByteArray("wal"));
    sqlite3_finalize(s);
}

void TestStore::destroyedImportRollsBack()
{
    const QString path = newPath();
    const auto recs = makeRecords(400, 3);
    QByteArray before;
    VolumeQuery q;
    q.unit = BucketUnit::Hour;
    q.split = Split::Name;
    q.maxSeries = 0;
    {
        QString error;
        auto store = Store::open(path, Store::Mode::Create, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(importRecords(store.get(), recs, QStringLiteral("a.log"), fakeSha("a")), QString());
    }
    before = fileBytes(path);
    QVERIFY(!before.isEmpty());
    {
        QString error;
        auto store = Store::open(path, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error));
        const VolumeSeries volumeBefore = store->volume(q);
        {
            auto imp = store->beginFileImport(fileRecord(QStringLiteral("b.log"), fakeSha("b"), 0), &error);
            QVERIFY2(imp, qPrintable(error));
            // Only one import at a time.
            QString second;
            QVERIFY(!store->beginFileImport(fileRecord(QStringLiteral("c.log"), fakeSha("c"), 0), &second));
            QVERIFY(second.contains(QStringLiteral("another import")));
            for (int i = 0; i < 3000; ++i) {
                LookupRecord l;
                l.timeUs = recs[0].t + i * kUsPerSecond;
                l.client = i % 2 ? "198.51.100.7" : "217.12.96.15";
                const std::string name = "gone" + std::to_string(i % 50) + ".example";
                l.name = name;
                QVERIFY(imp->add(l, &error));
            }
        } // destroyed without commit
        QCOMPARE(store->totals().lookups, 400);
        QCOMPARE(store->totals().names, int64_t(std::size(kNames)));
        QCOMPARE(store->totals().clients, 6);
        QCOMPARE(store->files().size(), 1);
        compareVolume(store->volume(q), volumeBefore, "after rollback");
        QVERIFY(store->topNames(0, QStringLiteral("gone")).isEmpty());

        // The ids handed out in the rolled-back transaction must not leak into the next import.
        std::vector<Rec> again;
        for (int i = 0; i < 10; ++i)
            again.push_back({recs[0].t + i, "198.51.100.7", "", "gone" + std::to_string(i % 5) + ".example", 1, 0, i + 1});
        QCOMPARE(importRecords(store.get(), again, QStringLiteral("d.log"), fakeSha("d")), QString());
        Selection sel;
        sel.names << QStringLiteral("gone3.example");
        sel.clients << QStringLiteral("198.51.100.7");
        VolumeQuery gq;
        gq.selection = sel;
        gq.unit = BucketUnit::Minute;
        const VolumeSeries gv = store->volume(gq);
        QCOMPARE(gv.total(), 2);
        QCOMPARE(store->totals().lookups, 410);
        QCOMPARE(store->topClients(1, sel).value(0).address, QStringLiteral("198.51.100.7"));
    }
    // A rolled-back import and a closed store leave the committed file as it was, plus file d.
    {
        QString error;
        auto store = Store::open(path, Store::Mode::ReadWrite, &error);
        QVERIFY(store);
        QCOMPARE(store->totals().lookups, 410);
    }

    // Byte for byte: roll back into a fresh copy and compare the bytes after closing.
    const QString copy = newPath();
    QVERIFY(QFile::copy(path, copy));
    const QByteArray copyBefore = fileBytes(copy);
    {
        QString error;
        auto store = Store::open(copy, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error));
        auto imp = store->beginFileImport(fileRecord(QStringLiteral("e.log"), fakeSha("e"), 0), &error);
        QVERIFY(imp);
        for (const Rec &r : makeRecords(5000, 9)) {
            LookupRecord l;
            l.timeUs = r.t;
            l.client = r.client;
            l.name = r.name;
            QVERIFY(imp->add(l, &error));
        }
        imp->rollback();
        QVERIFY(!imp->add(LookupRecord{}, &error)); // closed
    }
    QCOMPARE(fileBytes(copy), copyBefore);

    // A Store that goes before its import rolls the import back; the orphan fails politely.
    std::unique_ptr<FileImport> orphan;
    {
        QString error;
        auto store = Store::open(copy, Store::Mode::ReadWrite, &error);
        QVERIFY(store);
        orphan = store->beginFileImport(fileRecord(QStringLiteral("f.log"), fakeSha("f"), 0), &error);
        QVERIFY(orphan);
        LookupRecord l;
        l.timeUs = 1;
        l.client = "192.0.2.1";
        l.name = "orphan.example";
        QVERIFY(orphan->add(l, &error));
        QVector<Event> events{Event{0, 1, std::nullopt, QStringLiteral("x"), {}, {}, {}}};
        QVERIFY(!store->addEvents(&events, &error)); // would ride on the import's transaction
        QVERIFY2(error.contains(QStringLiteral("finish the import")), qPrintable(error));
    }
    QString error;
    QVERIFY(!orphan->add(LookupRecord{}, &error));
    QVERIFY(!orphan->commit(fileRecord(QStringLiteral("f.log"), fakeSha("f"), 1), nullptr));
    orphan.reset();
    QCOMPARE(fileBytes(copy), copyBefore);
}

void TestStore::duplicateContentRefused()
{
    const QString path = newPath();
    QString error;
    auto store = Store::open(path, Store::Mode::Create, &error);
    QVERIFY2(store, qPrintable(error));
    const auto recs = makeRecords(100, 4);
    QCOMPARE(importRecords(store.get(), recs, QStringLiteral("/logs/first.log"), fakeSha("same")), QString());
    const Totals before = store->totals();
    const QString message = importRecords(store.get(), makeRecords(70, 5), QStringLiteral("/logs/copy.log"), fakeSha("same"));
    QVERIFY2(message.contains(QStringLiteral("/logs/copy.log has the same content (SHA-256 %1) as /logs/first.log, "
                                             "imported on 2024-01-02T03:04:05Z; not imported twice")
                                  .arg(fakeSha("same"))),
             qPrintable(message));
    const Totals after = store->totals();
    QCOMPARE(after.lookups, before.lookups);
    QCOMPARE(after.names, before.names);
    QCOMPARE(after.clients, before.clients);
    QCOMPARE(after.files, 1);
    QCOMPARE(store->files().size(), 1);
    VolumeQuery q;
    q.unit = BucketUnit::Day;
    compareVolume(store->volume(q), expectedVolume(q, recs), "after duplicate");
    // The store is usable afterwards.
    QCOMPARE(importRecords(store.get(), makeRecords(10, 6), QStringLiteral("/logs/other.log"), fakeSha("other")), QString());
    QCOMPARE(store->totals().lookups, 110);
}

void TestStore::volumeMatchesBruteForce()
{
    const QString path = newPath();
    QString error;
    auto store = Store::open(path, Store::Mode::Create, &error);
    QVERIFY2(store, qPrintable(error));
    // Two files whose times interleave.
    const auto a = makeRecords(3000, 7), b = makeRecords(2000, 8);
    QCOMPARE(importRecords(store.get(), a, QStringLiteral("a"), fakeSha("a")), QString());
    QCOMPARE(importRecords(store.get(), b, QStringLiteral("b"), fakeSha("b")), QString());
    std::vector<Rec> all = a;
    all.insert(all.end(), b.begin(), b.end());

    QVector<Selection> selections;
    selections.append(Selection{});
    selections.append(Selection{{QStringLiteral("mail1.trump-email.com")}, {}, {}});
    selections.append(Selection{{}, {QStringLiteral("trump-email.com")}, {}});
    selections.append(Selection{{QStringLiteral("example.org")}, {QStringLiteral("TRUMP-EMAIL.COM.")}, {}});
    selections.append(Selection{{}, {}, {QStringLiteral("217.12.96.15")}});
    selections.append(Selection{{}, {}, {QStringLiteral("217.12.96.0/24")}});
    selections.append(Selection{{}, {}, {QStringLiteral("2001:db8::/32")}});
    selections.append(Selection{{}, {}, {QStringLiteral("2001:0DB8:0:0::2")}}); // another spelling
    selections.append(Selection{{}, {QStringLiteral("trump-email.com")}, {QStringLiteral("217.12.96.0/24"), QStringLiteral("2001:db9::1")}});
    selections.append(Selection{{QStringLiteral("www.example.org")}, {}, {QStringLiteral("10.0.0.0/8")}});

    const int64_t t0 = *parseIso8601(QStringLiteral("2016-08-01T00:00:00Z"));
    struct Range
    {
        std::optional<int64_t> from, to;
    };
    const QVector<Range> ranges = {
        {},                                                     // default
        {t0, t0 + 5 * kUsPerDay},                               // aligned
        {t0 + 17 * kUsPerMinute + 123457, t0 + 3 * kUsPerDay + 59 * kUsPerSecond + 1}, // cuts minutes
        {t0 + 10 * kUsPerSecond, t0 + 50 * kUsPerSecond},       // inside one minute
        {t0 - 30 * kUsPerDay, t0 - 20 * kUsPerDay},             // before everything
    };
    int checked = 0;
    for (const Selection &sel : selections) {
        for (BucketUnit unit : {BucketUnit::Minute, BucketUnit::Hour, BucketUnit::Day, BucketUnit::Week}) {
            for (Split split : {Split::None, Split::Client, Split::Name}) {
                for (const Range &range : ranges) {
                    if (unit == BucketUnit::Minute && !range.from)
                        continue; // 30k buckets per series: covered by the explicit ranges
                    for (int maxSeries : {0, 2}) {
                        if (split == Split::None && maxSeries)
                            continue;
                        VolumeQuery q;
                        q.selection = sel;
                        q.unit = unit;
                        q.split = split;
                        q.fromUs = range.from;
                        q.toUs = range.to;
                        q.maxSeries = maxSeries;
                        const QByteArray tag = QStringLiteral("%1 unit %2 split %3 from %4 max %5")
                                                   .arg(sel.describe(), bucketUnitName(unit))
                                                   .arg(int(split))
                                                   .arg(range.from ? formatIsoUtc(*range.from) : QStringLiteral("-"))
                                                   .arg(maxSeries)
                                                   .toUtf8();
                        compareVolume(store->volume(q), expectedVolume(q, all), tag.constData());
                        if (QTest::currentTestFailed()) {
                            qWarning("failed query: %s", tag.constData());
                            return;
                        }
                        ++checked;
                    }
                }
            }
        }
    }
    qInfo("compared %d volume queries with the brute-force count", checked);

    // timeRange is exact even with a name and a client filter together.
    for (const Selection &sel : selections) {
        int64_t first = INT64_MAX, last = INT64_MIN;
        for (const Rec &r : all) {
            if (testSelects(sel, r)) {
                first = std::min(first, r.t);
                last = std::max(last, r.t);
            }
        }
        const auto range = store->timeRange(sel);
        QVERIFY(range.has_value());
        QCOMPARE(range->first, first);
        QCOMPARE(range->second, last);
    }
}

void TestStore::volumeSpecifics()
{
    const QString path = newPath();
    QString error;
    auto store = Store::open(path, Store::Mode::Create, &error);
    QVERIFY2(store, qPrintable(error));
    const int64_t t = *parseIso8601(QStringLiteral("2016-07-29T10:00:00Z")); // a Friday
    const std::vector<Rec> recs = {
        {t, "217.12.96.15", "", "trump-email.com", 1, 0, 1},
        {t + 1, "217.12.96.15", "", "mail1.trump-email.com", 1, 0, 2},
        {t + 2, "217.12.96.16", "", "mail1.trump-email.com", 1, 0, 3},
        {t + kUsPerHour, "217.12.96.15", "", "xtrump-email.com", 1, 0, 4},
        {t + 3 * kUsPerHour - 1, "2001:db8::1", "", "a.b.trump-email.com", 1, 0, 5},
        {t + 3 * kUsPerHour, "2001:db8::1", "", "mail1.trump-email.com", 1, 0, 6},
        {t + 3 * kUsPerDay, "10.1.2.3", "", "mail1.trump-email.com", 1, 0, 7},
    };
    QCOMPARE(importRecords(store.get(), recs, QStringLiteral("s"), fakeSha("s")), QString());

    // Domain D: D and a.D, not xD.
    VolumeQuery q;
    q.selection.domains << QStringLiteral("trump-email.com");
    q.unit = BucketUnit::Hour;
    VolumeSeries v = store->volume(q);
    QCOMPARE(v.total(), 6);
    QCOMPARE(v.fromUs, t);
    QCOMPARE(v.toUs, t + 3 * kUsPerDay + kUsPerHour);
    QCOMPARE(v.bucketStarts.size(), 3 * 24 + 1);
    QCOMPARE(v.series[0].counts[0], 3);
    QCOMPARE(v.series[0].counts[1], 0); // the xtrump-email.com hour: zero, but present
    QCOMPARE(v.series[0].counts[2], 1);
    QCOMPARE(v.series[0].counts[3], 1);
    QCOMPARE(v.series[0].counts[72], 1);

    // from/to: from inclusive, to exclusive, to the microsecond.
    q.fromUs = t + 1;
    q.toUs = t + 3 * kUsPerHour;
    v = store->volume(q);
    QCOMPARE(v.total(), 3); // t+1, t+2, t+3h-1; not t, not t+3h
    QCOMPARE(v.bucketStarts.size(), 3);
    QCOMPARE(v.bucketStarts.front(), t);
    QCOMPARE(v.series[0].counts, QVector<int64_t>({2, 0, 1}));

    // Split by client with CIDR over both families; canonical labels.
    q = VolumeQuery();
    q.selection.clients << QStringLiteral("217.12.96.0/24") << QStringLiteral("2001:db8::/32");
    q.unit = BucketUnit::Day;
    q.split = Split::Client;
    v = store->volume(q);
    QCOMPARE(v.series.size(), 3);
    QCOMPARE(v.series[0].label, QStringLiteral("217.12.96.15"));
    QCOMPARE(v.series[0].total, 3);
    QCOMPARE(v.series[1].label, QStringLiteral("2001:db8::1"));
    QCOMPARE(v.series[1].total, 2);
    QCOMPARE(v.series[2].label, QStringLiteral("217.12.96.16"));
    QCOMPARE(v.series[2].total, 1);
    QCOMPARE(v.bucketStarts.size(), 1);
    // One series kept: the other two clients are "other", last, and the totals still add up.
    q.maxSeries = 1;
    v = store->volume(q);
    QCOMPARE(v.series.size(), 2);
    QCOMPARE(v.series[0].label, QStringLiteral("217.12.96.15"));
    QVERIFY(v.series[1].isOther);
    QCOMPARE(v.series[1].label, QStringLiteral("other"));
    QCOMPARE(v.series[1].total, 3);
    QCOMPARE(v.series[1].otherSources, 2);
    QCOMPARE(v.series[1].displayLabel(v.split), QStringLiteral("other (2 clients)"));

    // Week buckets start on Monday 00:00 UTC.
    q = VolumeQuery();
    q.unit = BucketUnit::Week;
    v = store->volume(q);
    QCOMPARE(v.bucketStarts.size(), 2); // Fri 29 Jul and Mon 1 Aug fall in two weeks
    for (int64_t start : v.bucketStarts) {
        const QDateTime dt = QDateTime::fromMSecsSinceEpoch(start / 1000, Qt::UTC);
        QCOMPARE(dt.date().dayOfWeek(), 1);
        QCOMPARE(dt.time(), QTime(0, 0));
    }
    QCOMPARE(v.bucketStarts[0], *parseIso8601(QStringLiteral("2016-07-25T00:00:00Z")));
    QCOMPARE(v.series[0].counts, QVector<int64_t>({6, 1}));

    // No match: no series, but the buckets of a given range.
    q = VolumeQuery();
    q.selection.names << QStringLiteral("nothing.example");
    q.unit = BucketUnit::Day;
    QVERIFY(store->volume(q).bucketStarts.isEmpty());
    q.fromUs = t - 10 * kUsPerHour;
    q.toUs = t + 14 * kUsPerHour + kUsPerDay;
    v = store->volume(q);
    QCOMPARE(v.bucketStarts.size(), 2);
    QVERIFY(v.series.isEmpty());
    q.selection = Selection{{}, {}, {QStringLiteral("192.0.2.0/24")}};
    QVERIFY(store->volume(q).series.isEmpty());
    QVERIFY(!store->timeRange(q.selection).has_value());
    q.selection = Selection{{}, {}, {QStringLiteral("not an address")}};
    QVERIFY(store->volume(q).series.isEmpty());
}

void TestStore::topLists()
{
    const QString path = newPath();
    QString error;
    auto store = Store::open(path, Store::Mode::Create, &error);
    QVERIFY2(store, qPrintable(error));
    const auto recs = makeRecords(2000, 11);
    QCOMPARE(importRecords(store.get(), recs, QStringLiteral("a"), fakeSha("a")), QString());
    QMap<QString, int64_t> names, clients, clientsOfDomain;
    for (const Rec &r : recs) {
        ++names[QString::fromStdString(r.name)];
        ++clients[canonicalAddress(r.client)];
        if (testSelects(Selection{{}, {QStringLiteral("example.org")}, {}}, r))
            ++clientsOfDomain[canonicalAddress(r.client)];
    }
    const auto top = store->topNames(0);
    QCOMPARE(top.size(), names.size());
    for (qsizetype i = 0; i < top.size(); ++i) {
        QCOMPARE(top[i].count, names.value(top[i].name));
        if (i)
            QVERIFY(top[i - 1].count >= top[i].count);
    }
    QCOMPARE(store->topNames(2).size(), 2);
    QCOMPARE(store->topNames(2)[0].name, top[0].name);
    auto trump = store->topNames(0, QStringLiteral("TRUMP-email"));
    QCOMPARE(trump.size(), 5); // every name containing it, xtrump and .co included
    auto wild = store->topNames(0, QStringLiteral("*.trump-email.com"));
    QCOMPARE(wild.size(), 2); // mail1. and a.b.
    for (const auto &n : wild)
        QVERIFY(n.name.endsWith(QStringLiteral(".trump-email.com")));
    QVERIFY(store->topNames(0, QStringLiteral("%")).isEmpty()); // LIKE metacharacters are literal

    const auto topC = store->topClients(0);
    QCOMPARE(topC.size(), clients.size());
    for (const auto &c : topC)
        QCOMPARE(c.count, clients.value(c.address));
    QVERIFY(clients.contains(QStringLiteral("2001:db8::2"))); // stored canonically
    const auto ofDomain = store->topClients(0, Selection{{}, {QStringLiteral("example.org")}, {}});
    QCOMPARE(ofDomain.size(), clientsOfDomain.size());
    for (const auto &c : ofDomain)
        QCOMPARE(c.count, clientsOfDomain.value(c.address));
    const auto v6 = store->topClients(10, Selection{{}, {}, {QStringLiteral("2001:db8::/32")}});
    QCOMPARE(v6.size(), 2);
    QCOMPARE(v6[0].count + v6[1].count, clients.value(QStringLiteral("2001:db8::1")) + clients.value(QStringLiteral("2001:db8::2")));
}

void TestStore::readOnlyCannotWrite()
{
    const QString path = newPath();
    {
        QString error;
        auto store = Store::open(path, Store::Mode::Create, &error);
        QVERIFY(store);
        QCOMPARE(importRecords(store.get(), makeRecords(50, 12), QStringLiteral("a"), fakeSha("a")), QString());
    }
    const QByteArray before = fileBytes(path);
    QString error;
    auto store = Store::open(path, Store::Mode::ReadOnly, &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(store->totals().lookups, 50);
    QVERIFY(!store->beginFileImport(fileRecord(QStringLiteral("b"), fakeSha("b"), 0), &error));
    QVERIFY2(error.contains(QStringLiteral("read-only")), qPrintable(error));
    QVector<Event> events{Event{0, 1, std::nullopt, QStringLiteral("x"), {}, {}, {}}};
    error.clear();
    QVERIFY(!store->addEvents(&events, &error));
    QVERIFY(error.contains(QStringLiteral("read-only")));
    QCOMPARE(events[0].id, 0);
    QCOMPARE(sqlite3_db_readonly(store->handle(), "main"), 1);
    store.reset();
    QCOMPARE(fileBytes(path), before);
}

void TestStore::eventsRoundTrip()
{
    const QString path = newPath();
    QVector<Event> events;
    events.append({0, *parseIso8601(QStringLiteral("2016-10-31T00:00:00Z")), std::nullopt, QStringLiteral("Slate article"),
                   QStringLiteral("news"), QStringLiteral("Franklin Foer"), QStringLiteral("https://slate.com/x")});
    events.append({0, *parseIso8601(QStringLiteral("2016-09-23T00:00:00Z")),
                   *parseIso8601(QStringLiteral("2016-09-25T00:00:00Z")), QStringLiteral("Server gone <b>"),
                   QStringLiteral("outage"), QStringLiteral("Zeile mit Ümlaut\nzweite"), QString()});
    events.append({0, 5, std::nullopt, QStringLiteral("early"), {}, {}, {}});
    {
        QString error;
        auto store = Store::open(path, Store::Mode::Create, &error);
        QVERIFY(store);
        QVERIFY2(store->addEvents(&events, &error), qPrintable(error));
        QVERIFY(events[0].id > 0 && events[1].id > 0 && events[2].id > 0);
        QVERIFY(events[0].id != events[1].id && events[1].id != events[2].id);
    }
    QString error;
    auto store = Store::open(path, Store::Mode::ReadOnly, &error);
    QVERIFY(store);
    const auto got = store->events();
    QCOMPARE(got.size(), 3);
    // Ordered by start time.
    QCOMPARE(got[0], events[2]);
    QCOMPARE(got[1], events[1]);
    QCOMPARE(got[2], events[0]);
    QVERIFY(got[1].isSpan());
    QVERIFY(!got[2].isSpan());
}

void TestStore::secondStoreReadsDuringImport()
{
    const QString path = newPath();
    QString error;
    auto writer = Store::open(path, Store::Mode::Create, &error);
    QVERIFY(writer);
    const auto first = makeRecords(200, 13);
    QCOMPARE(importRecords(writer.get(), first, QStringLiteral("a"), fakeSha("a")), QString());

    auto reader = Store::open(path, Store::Mode::ReadWrite, &error);
    QVERIFY2(reader, qPrintable(error));
    VolumeQuery q;
    q.unit = BucketUnit::Day;
    const VolumeSeries before = reader->volume(q);

    auto imp = writer->beginFileImport(fileRecord(QStringLiteral("b"), fakeSha("b"), 0), &error);
    QVERIFY(imp);
    const auto second = makeRecords(300, 14);
    for (const Rec &r : second) {
        LookupRecord l;
        l.timeUs = r.t;
        l.client = r.client;
        l.name = r.name;
        QVERIFY(imp->add(l, &error));
    }
    // A store opened while the import is open, and one opened before, both see the committed state.
    auto late = Store::open(path, Store::Mode::ReadOnly, &error);
    QVERIFY2(late, qPrintable(error));
    for (Store *s : {reader.get(), late.get()}) {
        QCOMPARE(s->totals().lookups, 200);
        QCOMPARE(s->files().size(), 1);
        compareVolume(s->volume(q), before, "during import");
    }
    QVERIFY(imp->commit(fileRecord(QStringLiteral("b"), fakeSha("b"), 300), &error));
    std::vector<Rec> all = first;
    all.insert(all.end(), second.begin(), second.end());
    for (Store *s : {reader.get(), late.get()}) {
        QCOMPARE(s->totals().lookups, 500);
        QCOMPARE(s->files().size(), 2);
        compareVolume(s->volume(q), expectedVolume(q, all), "after commit");
    }
}

void TestStore::throughput()
{
    const QString path = newPath();
    QString error;
    auto store = Store::open(path, Store::Mode::Create, &error);
    QVERIFY(store);
    std::vector<std::string> names, clients;
    for (int i = 0; i < 50000; ++i)
        names.push_back("host" + std::to_string(i) + ".zone" + std::to_string(i % 97) + ".example.com");
    for (int i = 0; i < 500; ++i)
        clients.push_back(i % 5 ? "10." + std::to_string(i / 250) + "." + std::to_string(i % 250) + ".1"
                                : "2001:db8::" + std::to_string(i));
    const int64_t t0 = *parseIso8601(QStringLiteral("2016-07-01T00:00:00Z"));
    constexpr int kCount = 2'000'000;
    QElapsedTimer timer;
    timer.start();
    auto imp = store->beginFileImport(fileRecord(QStringLiteral("gen"), fakeSha("gen"), 0), &error);
    QVERIFY(imp);
    uint64_t x = 42;
    LookupRecord l;
    l.server = "192.0.2.53";
    for (int i = 0; i < kCount; ++i) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        l.timeUs = t0 + int64_t(i) * 1300000 + int64_t((x >> 40) % 1000000); // ~30 days, mostly in order
        l.name = names[(x >> 20) % names.size()];
        l.client = clients[(x >> 50) % clients.size()];
        l.qtype = 1;
        l.rcode = 0;
        l.line = i + 1;
        if (!imp->add(l, &error))
            QFAIL(qPrintable(error));
    }
    const double addSeconds = timer.nsecsElapsed() / 1e9;
    QVERIFY2(imp->commit(fileRecord(QStringLiteral("gen"), fakeSha("gen"), kCount), &error), qPrintable(error));
    const double seconds = timer.nsecsElapsed() / 1e9;
    qInfo("throughput: %d lookups (50k names, 500 clients) imported and committed in %.2f s (add %.2f s, commit "
          "%.2f s): %.0f lookups/s",
          kCount, seconds, addSeconds, seconds - addSeconds, kCount / seconds);
    QCOMPARE(store->totals().lookups, kCount);
    QCOMPARE(store->totals().names, 50000);
    QCOMPARE(store->totals().clients, 500);
    timer.restart();
    VolumeQuery q;
    q.unit = BucketUnit::Hour;
    const VolumeSeries v = store->volume(q);
    QCOMPARE(v.total(), kCount);
    q.selection.domains << QStringLiteral("zone7.example.com");
    q.split = Split::Client;
    const VolumeSeries z = store->volume(q);
    qInfo("volume: all lookups by hour, then one zone split by client, in %lld ms", timer.elapsed());
    QVERIFY(z.total() > 0);
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
