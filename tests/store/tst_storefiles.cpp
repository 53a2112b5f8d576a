// Rejected lines kept per file, and removing a file's lookups with every roll-up exact: after a removal
// the project equals one that never had the file; after the undo it equals itself before.
#include "storetestutil.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <thread>

using namespace dnt;
using namespace dnt::test;

namespace {

// Every roll-up and total, as text, so two projects can be compared exactly.
QStringList dump(Store *store, bool withLookups)
{
    QStringList out;
    const char *const tables[] = {
        // The packed encoding is canonical: equal contents, equal bytes.
        "SELECT 'nd', name_id, day, hex(data) FROM name_days ORDER BY 2, 3",
        "SELECT 'cd', client_id, day, hex(data) FROM client_days ORDER BY 2, 3",
        "SELECT 'mt', minute, n FROM minute_total ORDER BY 2",
        // Blocks without their rowids (a restored file gets new ones): size and time span, in file order.
        "SELECT 'lb', file_id, row_last - row_first + 1, t_min, t_max FROM lookup_blocks ORDER BY 2, row_first",
        "SELECT 'nt', name_id, n, first_us, last_us FROM name_totals ORDER BY 2",
        "SELECT 'ct', client_id, n, first_us, last_us FROM client_totals ORDER BY 2",
        "SELECT 'meta', key, value FROM meta ORDER BY 2",
    };
    auto run = [&](const char *sql) {
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v2(store->handle(), sql, -1, &s, nullptr) != SQLITE_OK) {
            out << QString::fromUtf8(sqlite3_errmsg(store->handle()));
            return;
        }
        while (sqlite3_step(s) == SQLITE_ROW) {
            QStringList row;
            for (int c = 0; c < sqlite3_column_count(s); ++c)
                row << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, c)));
            out << row.join(QLatin1Char(','));
        }
        sqlite3_finalize(s);
    };
    for (const char *sql : tables)
        run(sql);
    if (withLookups)
        run("SELECT 'l', t, name_id, client_id, server_id, qtype, rcode, file_id, line FROM lookups ORDER BY 8, 9, 2");
    return out;
}

// What the read side answers, as text.
QStringList answers(Store *store)
{
    QStringList out;
    const Totals t = store->totals();
    out << QStringLiteral("totals %1 %2 %3 %4 %5 %6").arg(t.lookups).arg(t.names).arg(t.clients).arg(t.files)
               .arg(t.firstUs.value_or(-1)).arg(t.lastUs.value_or(-1));
    for (const auto &n : store->topNames(0))
        out << QStringLiteral("name %1 %2").arg(n.name).arg(n.count);
    for (const auto &c : store->topClients(0))
        out << QStringLiteral("client %1 %2").arg(c.address).arg(c.count);
    for (const Selection &sel : {Selection{}, Selection{{QStringLiteral("shared.example.com")}, {}, {}},
                                 Selection{{}, {QStringLiteral("example.com")}, {QStringLiteral("10.0.0.2")}}}) {
        VolumeQuery q;
        q.selection = sel;
        q.unit = BucketUnit::Minute;
        const VolumeSeries v = store->volume(q);
        for (const auto &s : v.series)
            for (int i = 0; i < s.counts.size(); ++i)
                if (s.counts[i])
                    out << QStringLiteral("vol %1 %2 %3").arg(sel.describe()).arg(v.bucketStarts[i]).arg(s.counts[i]);
        RecordQuery rq;
        rq.selection = sel;
        out << QStringLiteral("count %1 %2").arg(sel.describe()).arg(store->recordCount(rq));
        if (const auto range = store->timeRange(sel))
            out << QStringLiteral("range %1 %2").arg(range->first).arg(range->second);
    }
    return out;
}

std::vector<Rec> firstFile(int64_t t0)
{
    std::vector<Rec> recs;
    for (int i = 0; i < 300; ++i)
        recs.push_back({t0 + 1000000 + i * int64_t(7000000), i % 3 ? "10.0.0.1" : "10.0.0.2", "10.0.0.53",
                        i % 2 ? "shared.example.com" : "one.example.com", 1, 0, i + 1});
    return recs;
}

std::vector<Rec> secondFile(int64_t t0)
{
    // Earlier and later than the first file for a shared name and client (the totals' spans must come
    // back from the rows that stay), minutes shared with the first file, and names only here.
    std::vector<Rec> recs;
    recs.push_back({t0 - 5000000, "10.0.0.1", "10.0.0.54", "shared.example.com", 28, 3, 1});
    for (int i = 0; i < 200; ++i)
        recs.push_back({t0 + 3000000 + i * int64_t(11000000), i % 2 ? "10.0.0.2" : "10.0.0.3", "10.0.0.54",
                        i % 4 ? "shared.example.com" : "two.example.org", 1, 0, i + 2});
    recs.push_back({t0 + 4000000000LL, "10.0.0.1", "10.0.0.54", "shared.example.com", 1, 0, 202});
    return recs;
}

} // namespace

class TstStoreFiles : public QObject
{
    Q_OBJECT
private slots:
    void removeEqualsNeverImported_undoRestoresExactly()
    {
        QTemporaryDir dir;
        QString error;
        const int64_t t0 = *parseIso8601(QStringLiteral("2016-05-01T00:00:00Z"));
        auto a = Store::open(dir.filePath("a.dnstimeline"), Store::Mode::Create, &error);
        auto b = Store::open(dir.filePath("b.dnstimeline"), Store::Mode::Create, &error);
        QVERIFY(a && b);
        QCOMPARE(importRecords(a.get(), firstFile(t0), QStringLiteral("/l/1.log"), fakeSha("1")), QString());
        QCOMPARE(importRecords(a.get(), secondFile(t0), QStringLiteral("/l/2.log"), fakeSha("2")), QString());
        QCOMPARE(importRecords(b.get(), firstFile(t0), QStringLiteral("/l/1.log"), fakeSha("1")), QString());
        QVERIFY(a->ensureRecordIndex(&error));
        const QStringList before = dump(a.get(), true);
        const QStringList answersBefore = answers(a.get());
        const int64_t second = a->files().at(1).id;

        QVERIFY2(a->removeFile(second, &error), qPrintable(error));
        // Exactly the project that never had the second file.
        QCOMPARE(dump(a.get(), false), dump(b.get(), false));
        QCOMPARE(answers(a.get()), answers(b.get()));
        QCOMPARE(a->files().size(), 1);
        QCOMPARE(a->totals().lookups, int64_t(300));
        QVERIFY(!a->removeFile(second, &error)); // gone already
        QVERIFY(error.contains(QString::number(second)));

        QVERIFY2(a->restoreFile(second, &error), qPrintable(error));
        QCOMPARE(dump(a.get(), true), before);
        QCOMPARE(answers(a.get()), answersBefore);
        QCOMPARE(a->files().size(), 2);
        QCOMPARE(a->files().at(1).sha256, fakeSha("2"));
        // The records table reads the restored rows too.
        RecordQuery all;
        QCOMPARE(a->recordPage(all, std::nullopt, 1000).rows.size(), 502);
        QCOMPARE(a->recordPage(all, std::nullopt, 1).rows.first().timeUs, t0 - 5000000);

        // Removed, then purged (the project was closed): no way back, and the rows are gone for good.
        QVERIFY(a->removeFile(second, &error));
        QVERIFY(a->purgeRemovedFiles(&error));
        QVERIFY(!a->restoreFile(second, &error));
        QCOMPARE(dump(a.get(), false), dump(b.get(), false));
        // The same content can be imported again, and equals the original import.
        QCOMPARE(importRecords(a.get(), secondFile(t0), QStringLiteral("/l/2.log"), fakeSha("2")), QString());
        QCOMPARE(answers(a.get()), answersBefore);
    }

    // Partial minutes are read from the lookup blocks whose span overlaps them: exact whether the log is
    // in time order or shuffled, with the records index or without.
    void partialMinutesFromBlocks()
    {
        QTemporaryDir dir;
        QString error;
        const int64_t t0 = *parseIso8601(QStringLiteral("2016-05-01T00:00:00Z"));
        std::vector<Rec> sorted, shuffled;
        for (int i = 0; i < 10000; ++i)
            sorted.push_back({t0 + i * int64_t(1234567), i % 3 ? "10.0.0.1" : "10.0.0.2", "10.0.0.53",
                              i % 2 ? "a.example.com" : "b.example.com", 1, 0, i + 1});
        shuffled = sorted;
        for (size_t i = 0; i < shuffled.size(); ++i) // a fixed permutation, far from time order
            std::swap(shuffled[i], shuffled[(i * 7919) % shuffled.size()]);
        for (const auto *recs : {&sorted, &shuffled}) {
            const QString name = recs == &sorted ? QStringLiteral("sorted") : QStringLiteral("shuffled");
            auto store = Store::open(dir.filePath(name + ".dnstimeline"), Store::Mode::Create, &error);
            QVERIFY(store);
            QCOMPARE(importRecords(store.get(), *recs, QStringLiteral("/l/%1.log").arg(name), fakeSha(name)), QString());
            // 10,000 lookups in 3 blocks of up to 4,096.
            sqlite3_stmt *s = nullptr;
            QCOMPARE(sqlite3_prepare_v2(store->handle(), "SELECT count(*), sum(row_last - row_first + 1) FROM lookup_blocks",
                                        -1, &s, nullptr), SQLITE_OK);
            QCOMPARE(sqlite3_step(s), SQLITE_ROW);
            QCOMPARE(sqlite3_column_int(s, 0), 3);
            QCOMPARE(sqlite3_column_int(s, 1), 10000);
            sqlite3_finalize(s);
            for (bool indexed : {false, true}) {
                if (indexed)
                    QVERIFY(store->ensureRecordIndex(&error));
                for (auto [from, to] : {std::pair<int64_t, int64_t>{t0 + 12345, t0 + 45678}, {t0 + 61000001, t0 + 9876543210LL},
                                        {t0 + 3000000017LL, t0 + 3000000017LL + 59999999}}) {
                    RecordQuery q;
                    q.fromUs = from;
                    q.toUs = to;
                    q.selection.names = {QStringLiteral("a.example.com")};
                    int64_t brute = 0;
                    for (const Rec &r : sorted)
                        brute += r.t >= from && r.t < to && r.name == "a.example.com";
                    QCOMPARE(store->recordCount(q), brute);
                }
            }
        }
    }

    // An import drops the records index (a cancelled one keeps it), and a records index being built gives
    // way to an import instead of keeping it waiting for the write lock.
    void recordIndexGivesWayToImports()
    {
        QTemporaryDir dir;
        QString error;
        const QString path = dir.filePath("p.dnstimeline");
        const int64_t t0 = *parseIso8601(QStringLiteral("2016-05-01T00:00:00Z"));
        std::vector<Rec> recs;
        for (int i = 0; i < 400000; ++i)
            recs.push_back({t0 + i * int64_t(1000003), "10.0.0." + std::to_string(i % 50), "10.0.0.53",
                            "n" + std::to_string(i % 777) + ".example.com", 1, 0, i + 1});
        auto store = Store::open(path, Store::Mode::Create, &error);
        QVERIFY(store);
        QCOMPARE(importRecords(store.get(), recs, QStringLiteral("/l/1.log"), fakeSha("1")), QString());
        QVERIFY(store->ensureRecordIndex(&error));
        {
            auto cancelled = store->beginFileImport(fileRecord(QStringLiteral("/l/x.log"), fakeSha("x"), 0), &error);
            QVERIFY2(cancelled, qPrintable(error));
            cancelled->rollback();
        }
        QVERIFY(store->hasRecordIndex());
        QCOMPARE(importRecords(store.get(), {recs.front()}, QStringLiteral("/l/2.log"), fakeSha("2")), QString());
        QVERIFY(!store->hasRecordIndex());

        // Build on a thread of its own; import as soon as the build holds the write lock.
        bool built = false, interrupted = false;
        QString buildError;
        std::thread builder([&] {
            auto rw = Store::open(path, Store::Mode::ReadWrite, &buildError);
            built = rw && rw->ensureRecordIndex(&buildError, nullptr, &interrupted);
        });
        sqlite3 *probe = nullptr;
        QCOMPARE(sqlite3_open_v2(QFile::encodeName(path).constData(), &probe, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
        QElapsedTimer waited;
        waited.start();
        bool locked = false;
        while (!locked && waited.elapsed() < 20000) {
            const int rc = sqlite3_exec(probe, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
            locked = rc == SQLITE_BUSY;
            if (rc == SQLITE_OK)
                sqlite3_exec(probe, "ROLLBACK", nullptr, nullptr, nullptr);
            if (!locked)
                QTest::qSleep(2);
        }
        sqlite3_close(probe);
        QVERIFY2(locked, "the index build never took the write lock");
        QElapsedTimer timer;
        timer.start();
        const QString imported = importRecords(store.get(), {recs.back()}, QStringLiteral("/l/3.log"), fakeSha("3"));
        const qint64 ms = timer.elapsed();
        builder.join();
        QCOMPARE(imported, QString());
        QVERIFY(!built);
        QVERIFY2(interrupted, qPrintable(buildError));
        QVERIFY(!store->hasRecordIndex());
        QCOMPARE(store->totals().lookups, int64_t(400002));
        qInfo("the import had the write lock after %lld ms", ms);
    }

    void restoreRefusedWhenReimported()
    {
        QTemporaryDir dir;
        QString error;
        const int64_t t0 = *parseIso8601(QStringLiteral("2016-05-01T00:00:00Z"));
        auto a = Store::open(dir.filePath("a.dnstimeline"), Store::Mode::Create, &error);
        QCOMPARE(importRecords(a.get(), firstFile(t0), QStringLiteral("/l/1.log"), fakeSha("1")), QString());
        const int64_t id = a->files().at(0).id;
        QVERIFY(a->removeFile(id, &error));
        QCOMPARE(a->totals().lookups, int64_t(0));
        QCOMPARE(a->totals().names, int64_t(0));
        QCOMPARE(importRecords(a.get(), firstFile(t0), QStringLiteral("/l/1-copy.log"), fakeSha("1")), QString());
        QVERIFY(!a->restoreFile(id, &error));
        QVERIFY2(error.contains("imported again"), qPrintable(error));
        QCOMPARE(a->totals().lookups, int64_t(300)); // nothing doubled
    }

    void rejectedLinesAreKeptCapped()
    {
        QTemporaryDir dir;
        QString error;
        auto store = Store::open(dir.filePath("r.dnstimeline"), Store::Mode::Create, &error);
        auto imp = store->beginFileImport(fileRecord(QStringLiteral("/l/bad.log"), fakeSha("bad"), 0), &error);
        QVERIFY(imp);
        const std::string longLine(800, 'x');
        for (int i = 1; i <= 1500; ++i)
            QVERIFY(imp->addRejected(i, "no time stamp", i == 2 ? std::string_view(longLine) : "garbage é line", &error));
        FileRecord rec = fileRecord(QStringLiteral("/l/bad.log"), fakeSha("bad"), 0);
        rec.rejected = 1500;
        QVERIFY(imp->commit(rec, &error));
        const int64_t id = store->files().at(0).id;
        QCOMPARE(store->files().at(0).rejected, int64_t(1500));
        const QVector<RejectedLine> lines = store->rejectedLines(id);
        QCOMPARE(lines.size(), Store::kMaxStoredRejects);
        QCOMPARE(lines.first().line, int64_t(1));
        QCOMPARE(lines.first().reason, QStringLiteral("no time stamp"));
        QCOMPARE(lines.first().text, QStringLiteral("garbage é line"));
        QCOMPARE(lines.at(1).text.size(), 500);
        QCOMPARE(lines.last().line, int64_t(1000));

        // A rolled-back import leaves no rejected lines behind.
        auto again = store->beginFileImport(fileRecord(QStringLiteral("/l/other.log"), fakeSha("o"), 0), &error);
        QVERIFY(again->addRejected(1, "bad", "text", &error));
        const int64_t otherId = again->fileId();
        again.reset();
        QCOMPARE(store->rejectedLines(otherId).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TstStoreFiles)
#include "tst_storefiles.moc"
