// The per-lookup process image (schema v7): stored once per path, kept only for lookups that have one,
// shown in the records, removed and restored with its file, and added to a v6 project by migration.
#include "storetestutil.h"

#include <QTemporaryDir>

using namespace dnt;
using namespace dnt::test;

namespace
{

int64_t scalar(Store *store, const char *sql)
{
    sqlite3_stmt *s = nullptr;
    if (sqlite3_prepare_v2(store->handle(), sql, -1, &s, nullptr) != SQLITE_OK)
        return -1;
    const int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    return v;
}

// One file of lookups; every third one names a process image (two distinct paths).
QString importWithImages(Store *store, const QString &path, int n, int64_t t0)
{
    QString error;
    auto imp = store->beginFileImport(fileRecord(path, fakeSha(path), 0), &error);
    if (!imp)
        return error;
    const std::string images[] = {R"(C:\Windows\System32\svchost.exe)", R"(C:\Program Files\Mozilla Firefox\firefox.exe)"};
    for (int i = 0; i < n; ++i) {
        LookupRecord r;
        r.timeUs = t0 + int64_t(i) * 1000000;
        r.client = "ws1";
        r.name = "a.example";
        r.line = i + 1;
        if (i % 3 == 0)
            r.image = images[(i / 3) % 2];
        if (!imp->add(r, &error))
            return error;
    }
    if (!imp->commit(fileRecord(path, fakeSha(path), n), &error))
        return error;
    return {};
}

// "line process" of every record, oldest first.
QStringList processes(Store *store)
{
    QString error;
    if (!store->ensureRecordIndex(&error))
        return {error};
    RecordQuery q;
    QStringList out;
    for (const RecordRow &r : store->recordPage(q, std::nullopt, 100000).rows)
        out << QStringLiteral("%1 %2").arg(r.line).arg(r.process);
    return out;
}

QStringList expectedProcesses(int n)
{
    QStringList out;
    for (int i = 0; i < n; ++i)
        out << QStringLiteral("%1 %2").arg(i + 1).arg(i % 3 ? QString()
                                                           : (i / 3) % 2 ? QStringLiteral(R"(C:\Program Files\Mozilla Firefox\firefox.exe)")
                                                                         : QStringLiteral(R"(C:\Windows\System32\svchost.exe)"));
    return out;
}

} // namespace

class TstStoreImages : public QObject
{
    Q_OBJECT
private slots:
    void recordsShowTheImage()
    {
        QTemporaryDir dir;
        QString error;
        auto store = Store::open(dir.filePath("p.dnstimeline"), Store::Mode::Create, &error);
        QVERIFY2(store, qPrintable(error));
        // More rows than one writer batch (32,768), so that rowids of later batches are mapped right.
        const int n = 70000;
        QCOMPARE(importWithImages(store.get(), QStringLiteral("sysmon.json"), n, 1718031234000000), QString());
        QCOMPARE(scalar(store.get(), "SELECT count(*) FROM images"), int64_t(2));
        QCOMPARE(scalar(store.get(), "SELECT count(*) FROM lookup_images"), int64_t((n + 2) / 3));
        const QStringList got = processes(store.get());
        QCOMPARE(got.size(), n);
        QCOMPARE(got, expectedProcesses(n));
        // A second file with the same images reuses their ids.
        QCOMPARE(importWithImages(store.get(), QStringLiteral("sysmon2.json"), 10, 1718200000000000), QString());
        QCOMPARE(scalar(store.get(), "SELECT count(*) FROM images"), int64_t(2));
        QCOMPARE(processes(store.get()).mid(n), expectedProcesses(10));
    }

    void formatsWithoutImagesPayNothing()
    {
        QTemporaryDir dir;
        QString error;
        auto store = Store::open(dir.filePath("p.dnstimeline"), Store::Mode::Create, &error);
        QVERIFY2(store, qPrintable(error));
        std::vector<Rec> recs;
        for (int i = 0; i < 50000; ++i)
            recs.push_back({int64_t(1469646000 + i) * 1000000, "10.0.0.1", "", "a.example", 1, 0, i + 1});
        QCOMPARE(importRecords(store.get(), recs, QStringLiteral("z.log"), fakeSha("z")), QString());
        QCOMPARE(scalar(store.get(), "SELECT count(*) FROM lookup_images"), int64_t(0));
        QCOMPARE(scalar(store.get(), "SELECT count(*) FROM images"), int64_t(0));
        // The lookups rows are as narrow as before: no image column in them.
        QCOMPARE(scalar(store.get(), "SELECT count(*) FROM pragma_table_info('lookups')"), int64_t(8));
        QCOMPARE(processes(store.get()).first(), QStringLiteral("1 "));
    }

    void removeAndUndoKeepTheImages()
    {
        QTemporaryDir dir;
        QString error;
        auto store = Store::open(dir.filePath("p.dnstimeline"), Store::Mode::Create, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(importWithImages(store.get(), QStringLiteral("a.json"), 30, 1718031234000000), QString());
        QCOMPARE(importWithImages(store.get(), QStringLiteral("b.json"), 12, 1718100000000000), QString());
        const QVector<FileRecord> files = store->files();
        QCOMPARE(files.size(), 2);
        const int64_t first = files.at(0).path.endsWith(QLatin1String("a.json")) ? files.at(0).id : files.at(1).id;
        QVERIFY2(store->removeFile(first, &error), qPrintable(error));
        QCOMPARE(scalar(store.get(), "SELECT count(*) FROM lookup_images"), int64_t(4)); // b's 12 rows: 0,3,6,9
        QCOMPARE(processes(store.get()), expectedProcesses(12));
        // Undo: a's rows come back after b's, with their images at the new rowids.
        QVERIFY2(store->restoreFile(first, &error), qPrintable(error));
        QCOMPARE(scalar(store.get(), "SELECT count(*) FROM lookup_images"), int64_t(14));
        QCOMPARE(scalar(store.get(), "SELECT count(*) FROM removed_lookup_images"), int64_t(0));
        QCOMPARE(processes(store.get()), expectedProcesses(30) + expectedProcesses(12));
        // Removed for good: the attributes go with the file, and so do paths no lookup names any more.
        QVERIFY2(store->removeFile(first, &error), qPrintable(error));
        QVERIFY2(store->purgeRemovedFiles(&error), qPrintable(error));
        QCOMPARE(scalar(store.get(), "SELECT count(*) FROM removed_lookup_images"), int64_t(0));
        QCOMPARE(scalar(store.get(), "SELECT count(*) FROM lookup_images"), int64_t(4));
        QCOMPARE(processes(store.get()), expectedProcesses(12));
        const QVector<FileRecord> left = store->files();
        QCOMPARE(left.size(), 1);
        QVERIFY2(store->removeFile(left.first().id, &error), qPrintable(error));
        QVERIFY2(store->purgeRemovedFiles(&error), qPrintable(error));
        QCOMPARE(scalar(store.get(), "SELECT count(*) FROM images"), int64_t(0));
    }

    void migratesFromVersion6()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("p.dnstimeline");
        QString error;
        std::vector<Rec> recs;
        for (int i = 0; i < 500; ++i)
            recs.push_back({int64_t(1469646000 + i * 37) * 1000000, "10.0.0.1", "", "a.example", 1, 0, i + 1});
        {
            auto store = Store::open(path, Store::Mode::Create, &error);
            QVERIFY2(store, qPrintable(error));
            QCOMPARE(importRecords(store.get(), recs, QStringLiteral("x.log"), fakeSha("x")), QString());
            // Back to what version 6 wrote: no image tables.
            QVERIFY(sqlite3_exec(store->handle(),
                                 "DROP TABLE images; DROP TABLE lookup_images; DROP TABLE removed_lookup_images; "
                                 "PRAGMA user_version=6",
                                 nullptr, nullptr, nullptr)
                    == SQLITE_OK);
            QCOMPARE(scalar(store.get(), "SELECT count(*) FROM sqlite_schema WHERE name LIKE '%images'"), int64_t(0));
        }
        auto store = Store::open(path, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(scalar(store.get(), "PRAGMA user_version"), int64_t(Store::kSchemaVersion));
        QCOMPARE(Store::kSchemaVersion, 7);
        QCOMPARE(scalar(store.get(), "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                                     "('images', 'lookup_images', 'removed_lookup_images')"),
                 int64_t(3));
        QCOMPARE(store->totals().lookups, int64_t(500));
        const QStringList old = processes(store.get());
        QCOMPARE(old.size(), 500);
        QCOMPARE(old.first(), QStringLiteral("1 "));
        // The migrated project takes images.
        QCOMPARE(importWithImages(store.get(), QStringLiteral("s.json"), 4, 1718031234000000), QString());
        QCOMPARE(processes(store.get()).mid(500), expectedProcesses(4));
    }
};

QTEST_GUILESS_MAIN(TstStoreImages)
#include "tst_storeimages.moc"
