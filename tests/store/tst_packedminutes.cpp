// The packed roll-up blobs (packedminutes.h): encoding, the hourly totals of busy blobs, damaged input,
// dnt_merge, and chart queries that read whole days from the hourly totals agreeing with a brute-force
// count of the same lookups bucket by bucket.
#include "packedminutes.h"
#include "storetestutil.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <sqlite3.h>

#include <algorithm>
#include <random>

using namespace dnt;
using namespace dnt::test;

namespace {

std::vector<packed::Entry> entries(int count, int clients)
{
    std::vector<packed::Entry> e;
    for (int i = 0; i < count; ++i)
        e.push_back({int64_t(i * 7 % 1440), int64_t(1 + i % clients), int64_t(1 + i % 3)});
    packed::normalize(&e);
    return e;
}

std::string encoded(const std::vector<packed::Entry> &e, int fields)
{
    std::string out;
    packed::encode(e.data(), e.data() + e.size(), fields, &out);
    return out;
}

QByteArray sqlMerge(sqlite3 *db, const std::string &a, const std::string &b, int sign, QString *error)
{
    sqlite3_stmt *s = nullptr;
    sqlite3_prepare_v2(db, "SELECT dnt_merge(?, ?, ?)", -1, &s, nullptr);
    sqlite3_bind_blob(s, 1, a.data(), int(a.size()), SQLITE_STATIC);
    sqlite3_bind_blob(s, 2, b.data(), int(b.size()), SQLITE_STATIC);
    sqlite3_bind_int(s, 3, sign);
    QByteArray out;
    if (sqlite3_step(s) == SQLITE_ROW)
        out = QByteArray(static_cast<const char *>(sqlite3_column_blob(s, 0)), sqlite3_column_bytes(s, 0));
    else
        *error = QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_finalize(s);
    return out;
}

} // namespace

class TstPackedMinutes : public QObject
{
    Q_OBJECT
private slots:
    void roundTripAndHourlyTotals()
    {
        const auto small = entries(10, 3), busy = entries(600, 5);
        const std::string a = encoded(small, 3), b = encoded(busy, 3);
        QCOMPARE(int(uint8_t(a[0])), 3);           // no hourly totals below kHourHeaderMin entries
        QCOMPARE(int(uint8_t(b[0])), 0x83);        // 3 fields and 24 hourly totals
        for (const auto *e : {&small, &busy}) {
            std::vector<packed::Entry> back;
            int fields = 0;
            const std::string blob = encoded(*e, 3);
            QVERIFY(packed::decode(blob.data(), int(blob.size()), &back, &fields));
            QCOMPARE(fields, 3);
            QCOMPARE(back.size(), e->size());
            for (size_t i = 0; i < back.size(); ++i)
                QVERIFY(back[i].minute == (*e)[i].minute && back[i].client == (*e)[i].client && back[i].n == (*e)[i].n);
        }
        packed::Reader reader(b.data(), int(b.size()));
        QVERIFY(reader.hasHours());
        int64_t perHour[24] = {};
        for (const auto &x : busy)
            perHour[x.minute / 60] += x.n;
        for (int h = 0; h < 24; ++h)
            QCOMPARE(reader.hour(h), perHour[h]);
        const std::string two = encoded(entries(300, 1), 2); // (minute, n) blobs get them too
        QCOMPARE(int(uint8_t(two[0])), 0x82);
    }

    void damagedBlobsAreRefusedNotOverread()
    {
        const std::string b = encoded(entries(600, 5), 3);
        std::vector<packed::Entry> out;
        for (size_t cut : {size_t(1), size_t(5), size_t(30), b.size() - 1}) {
            out.clear();
            QVERIFY(!packed::decode(b.data(), int(cut), &out)); // truncated
        }
        std::mt19937 rng(7);
        for (int i = 0; i < 2000; ++i) {
            std::string junk(size_t(rng() % 64), '\0');
            for (char &c : junk)
                c = char(rng());
            out.clear();
            packed::decode(junk.data(), int(junk.size()), &out); // must not crash or read past the end
            for (const auto &e : out)
                QVERIFY(e.minute >= 0 && e.minute < 1440 && e.n > 0);
        }
    }

    void mergeIsExactAndCanonical()
    {
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(":memory:", &db), SQLITE_OK);
        QVERIFY(packed::registerFunctions(db));
        const auto all = entries(900, 4);
        std::vector<packed::Entry> first, second;
        for (size_t i = 0; i < all.size(); ++i) {
            // Split every count between the halves; some keys in one half only.
            const int64_t share = i % 5 == 0 ? all[i].n : all[i].n / 2;
            if (share)
                first.push_back({all[i].minute, all[i].client, share});
            if (all[i].n - share)
                second.push_back({all[i].minute, all[i].client, all[i].n - share});
        }
        QString error;
        const std::string a = encoded(first, 3), b = encoded(second, 3);
        QCOMPARE(sqlMerge(db, a, b, 1, &error), QByteArray::fromStdString(encoded(all, 3)));
        QCOMPARE(sqlMerge(db, encoded(all, 3), b, -1, &error), QByteArray::fromStdString(a));
        QCOMPARE(sqlMerge(db, a, a, -1, &error), QByteArray("\x03", 1)); // nothing left: the header byte
        QVERIFY(sqlMerge(db, a, encoded(all, 3), -1, &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("below zero")), qPrintable(error));
        error.clear();
        QVERIFY(sqlMerge(db, a, std::string("\x03\x80", 2), 1, &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(error));
        sqlite3_close(db);
    }

    // Whole days of a busy name or client come from the hourly totals when the buckets are whole hours;
    // every answer must equal a brute-force count over the same buckets.
    void hourlyTotalsAnswerLikeMinutes()
    {
        QTemporaryDir dir;
        QString error;
        auto store = Store::open(dir.filePath("p.dnstimeline"), Store::Mode::Create, &error);
        QVERIFY(store);
        const int64_t t0 = *parseIso8601(QStringLiteral("2016-05-01T00:00:00Z"));
        std::vector<Rec> recs;
        std::mt19937 rng(11);
        for (int i = 0; i < 12000; ++i) {
            const int64_t t = t0 + int64_t(rng() % (3 * 86400)) * 1000000 + int64_t(rng() % 1000000);
            const bool busy = i % 4 != 0;
            recs.push_back({t, "10.0.0." + std::to_string(1 + rng() % 5), "10.0.0.53",
                            busy ? "busy.example.com" : "n" + std::to_string(rng() % 40) + ".example.com", 1, 0, i + 1});
        }
        std::sort(recs.begin(), recs.end(), [](const Rec &a, const Rec &b) { return a.t < b.t; });
        QCOMPARE(importRecords(store.get(), recs, QStringLiteral("/l/a.log"), fakeSha("a")), QString());
        {
            sqlite3_stmt *s = nullptr;
            sqlite3_prepare_v2(store->handle(),
                               "SELECT count(*) FROM name_days WHERE unicode(data) = 131 AND name_id = "
                               "(SELECT id FROM names WHERE name = 'busy.example.com')",
                               -1, &s, nullptr);
            QCOMPARE(sqlite3_step(s), SQLITE_ROW);
            QCOMPARE(sqlite3_column_int(s, 0), 3); // each of the three days carries hourly totals
            sqlite3_finalize(s);
        }
        struct Case
        {
            BucketUnit unit;
            QByteArray zone;
            std::optional<int64_t> from, to;
            Selection sel;
            Split split;
        };
        const Selection busyName{{QStringLiteral("busy.example.com")}, {}, {}};
        const Selection oneClient{{}, {}, {QStringLiteral("10.0.0.3")}};
        const Selection domain{{}, {QStringLiteral("example.com")}, {}};
        const int64_t cutFrom = t0 + ((26 * 60 + 17) * 60 + 3) * 1000000LL + 123, cutTo = t0 + 61 * 3600 * 1000000LL + 999;
        const QVector<Case> cases = {
            {BucketUnit::Hour, "UTC", {}, {}, busyName, Split::None},
            {BucketUnit::Day, "UTC", {}, {}, busyName, Split::None},
            {BucketUnit::Hour, "UTC", cutFrom, cutTo, busyName, Split::None},
            {BucketUnit::Hour, "Asia/Kolkata", {}, {}, busyName, Split::None}, // half-hour offset: minutes
            {BucketUnit::Day, "America/New_York", {}, {}, busyName, Split::None},
            {BucketUnit::Hour, "UTC", {}, {}, oneClient, Split::None},
            {BucketUnit::Hour, "UTC", cutFrom, cutTo, oneClient, Split::None},
            {BucketUnit::Hour, "UTC", {}, {}, domain, Split::Name},
            {BucketUnit::Day, "UTC", cutFrom, cutTo, domain, Split::Name},
            {BucketUnit::Minute, "UTC", {}, {}, busyName, Split::None},
        };
        for (const Case &c : cases) {
            VolumeQuery q;
            q.unit = c.unit;
            q.zone = QTimeZone(c.zone);
            q.fromUs = c.from;
            q.toUs = c.to;
            q.selection = c.sel;
            q.split = c.split;
            q.maxSeries = 0;
            const VolumeSeries v = store->volume(q);
            QVERIFY(!v.bucketStarts.isEmpty());
            const QString what = QStringLiteral("%1 %2 %3").arg(int(c.unit)).arg(QString::fromLatin1(c.zone), c.sel.describe());
            QHash<QString, QVector<int64_t>> expected;
            for (const Rec &r : recs) {
                const QString name = QString::fromStdString(r.name);
                const bool picked = c.sel.names.isEmpty() ? true : c.sel.names.contains(name);
                const bool inDomain = c.sel.domains.isEmpty() || name.endsWith(QStringLiteral(".example.com"));
                const bool byClient = c.sel.clients.isEmpty() || c.sel.clients.contains(QString::fromStdString(r.client));
                if (!picked || !inDomain || !byClient || r.t < v.fromUs || r.t >= v.toUs)
                    continue;
                if ((c.from && r.t < *c.from) || (c.to && r.t >= *c.to))
                    continue;
                const qsizetype b = std::upper_bound(v.bucketStarts.cbegin(), v.bucketStarts.cend(), r.t) - v.bucketStarts.cbegin() - 1;
                QVector<int64_t> &row = expected[c.split == Split::Name ? name : QStringLiteral("all")];
                if (row.isEmpty())
                    row = QVector<int64_t>(v.bucketStarts.size(), 0);
                ++row[b];
            }
            QCOMPARE(v.series.size(), expected.size());
            for (const auto &s : v.series) {
                QVERIFY2(expected.contains(s.label), qPrintable(what + QStringLiteral(": ") + s.label));
                QVERIFY2(s.counts == expected.value(s.label), qPrintable(what + QStringLiteral(": ") + s.label));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TstPackedMinutes)
#include "tst_packedminutes.moc"
