#include "storetestutil.h"

#include <sqlite3.h>

#include <QTemporaryDir>
#include <QTest>

using namespace dnt;
using namespace dnt::test;

// Turns a current project's roll-ups back into the layout of schema 5 and before (one row per minute
// key), as an older DNS Timeline wrote them. Test times are whole seconds after 1970 or whole days
// before, so t / 60000000 rounded toward zero is off by one minute for negative times: use the floor.
const char *const kV5Rollups =
    "CREATE TABLE minute_counts(name_id INTEGER NOT NULL, minute INTEGER NOT NULL, client_id INTEGER NOT NULL, "
    "n INTEGER NOT NULL, PRIMARY KEY(name_id, minute, client_id)) WITHOUT ROWID;"
    "CREATE TABLE minute_all(minute INTEGER NOT NULL, client_id INTEGER NOT NULL, n INTEGER NOT NULL, "
    "PRIMARY KEY(minute, client_id)) WITHOUT ROWID;"
    "INSERT INTO minute_counts SELECT name_id, (t - ((t % 60000000) + 60000000) % 60000000) / 60000000, client_id, "
    "count(*) FROM lookups GROUP BY 1, 2, 3;"
    "INSERT INTO minute_all SELECT (t - ((t % 60000000) + 60000000) % 60000000) / 60000000, client_id, count(*) "
    "FROM lookups GROUP BY 1, 2;"
    "DROP TABLE name_days; DROP TABLE client_days; DROP TABLE lookup_blocks;";

QStringList packedRows(Store *store)
{
    QStringList out;
    for (const char *sql : {"SELECT 'n', name_id, day, hex(data) FROM name_days ORDER BY 2, 3",
                            "SELECT 'c', client_id, day, hex(data) FROM client_days ORDER BY 2, 3"}) {
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v2(store->handle(), sql, -1, &s, nullptr) != SQLITE_OK)
            return {QString::fromUtf8(sqlite3_errmsg(store->handle()))};
        while (sqlite3_step(s) == SQLITE_ROW)
            out << QStringLiteral("%1 %2 %3 %4")
                       .arg(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, 0))))
                       .arg(sqlite3_column_int64(s, 1))
                       .arg(sqlite3_column_int64(s, 2))
                       .arg(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, 3))));
        sqlite3_finalize(s);
    }
    return out;
}

class TstStoreEvents : public QObject
{
    Q_OBJECT
private slots:
    void changeEventsIsAllOrNothing()
    {
        QTemporaryDir dir;
        QString error;
        auto store = Store::open(dir.filePath("p.dnstimeline"), Store::Mode::Create, &error);
        QVERIFY2(store, qPrintable(error));
        QVector<Event> add(2);
        add[0].startUs = 1000;
        add[0].title = QStringLiteral("first");
        add[1].startUs = 2000;
        add[1].endUs = 3000;
        add[1].title = QStringLiteral("span");
        add[1].category = QStringLiteral("News");
        QVERIFY2(store->changeEvents(&add, {}, {}, &error), qPrintable(error));
        QVERIFY(add[0].id > 0 && add[1].id > add[0].id);
        QCOMPARE(store->events(), add);

        // Update one, remove the other, in one step.
        Event edited = add[0];
        edited.title = QStringLiteral("renamed");
        edited.endUs = 1500;
        QVERIFY(store->changeEvents(nullptr, {edited}, {add[1].id}, &error));
        QCOMPARE(store->events(), QVector<Event>{edited});

        // Undoing the removal brings the event back with its old id.
        QVector<Event> back{add[1]};
        QVERIFY(store->changeEvents(&back, {}, {}, &error));
        QCOMPARE(back[0].id, add[1].id);
        QCOMPARE(store->events().size(), 2);

        // A removal of a missing id fails and takes the whole change back.
        QVector<Event> more(1);
        more[0].startUs = 5;
        more[0].title = QStringLiteral("never stored");
        QVERIFY(!store->changeEvents(&more, {}, {987654}, &error));
        QVERIFY(error.contains("987654"));
        QCOMPARE(store->events().size(), 2);
        // Reinserting an id that exists fails too.
        QVector<Event> dup{add[1]};
        QVERIFY(!store->changeEvents(&dup, {}, {}, &error));
        QCOMPARE(store->events().size(), 2);

        // Survives reopening.
        store.reset();
        store = Store::open(dir.filePath("p.dnstimeline"), Store::Mode::ReadOnly, &error);
        QCOMPARE(store->events().at(0).title, QStringLiteral("renamed"));
        QVERIFY(!store->changeEvents(nullptr, {}, {add[0].id}, &error)); // read-only
    }

    void categoriesAndMigrationFromVersion1()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("p.dnstimeline");
        QString error;
        {
            auto store = Store::open(path, Store::Mode::Create, &error);
            QVERIFY(store->setCategory({QStringLiteral("News"), QStringLiteral("#d55e00"), true}, &error));
            QVERIFY(store->setCategory({QStringLiteral("DNS"), QStringLiteral("#7b3294"), false}, &error));
            QVERIFY(store->setCategory({QStringLiteral("News"), QStringLiteral("#a50026"), false}, &error));
            QCOMPARE(store->categories(),
                     (QVector<EventCategory>{{"DNS", "#7b3294", false}, {"News", "#a50026", false}}));
            // Make it a version-1 project, as an older DNS Timeline wrote it.
            QVERIFY(sqlite3_exec(store->handle(), kV5Rollups, nullptr, nullptr, nullptr) == SQLITE_OK);
            QVERIFY(sqlite3_exec(store->handle(), "DROP TABLE categories; DROP TABLE minute_total; DROP TABLE rejected_lines; DROP TABLE removed_files; "
                                                      "DROP TABLE removed_lookups; PRAGMA user_version=1", nullptr, nullptr, nullptr) == SQLITE_OK);
        }
        {
            auto ro = Store::open(path, Store::Mode::ReadOnly, &error);
            QVERIFY2(ro, qPrintable(error));
            QCOMPARE(ro->categories().size(), 0); // read-only: not migrated, and no failure
        }
        auto store = Store::open(path, Store::Mode::ReadWrite, &error); // migrates forward
        QVERIFY2(store, qPrintable(error));
        sqlite3_stmt *s = nullptr;
        QCOMPARE(sqlite3_prepare_v2(store->handle(), "PRAGMA user_version", -1, &s, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_step(s), SQLITE_ROW);
        QCOMPARE(sqlite3_column_int(s, 0), Store::kSchemaVersion);
        sqlite3_finalize(s);
        QVERIFY(store->setCategory({QStringLiteral("Press"), QStringLiteral("#202020"), true}, &error));
        QCOMPARE(store->categories().size(), 1);
    }

    void version6PacksTheRollupsIdentically()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("p.dnstimeline");
        QString error;
        QStringList packedByImport;
        {
            auto store = Store::open(path, Store::Mode::Create, &error);
            // Three days, minutes with several clients, repeated keys, and times before 1970.
            std::vector<Rec> recs;
            for (int i = 0; i < 3000; ++i)
                recs.push_back({(int64_t(i % 2 ? 1469646000 : -86400 * 3) + int64_t(i) * 97) * 1000000,
                                i % 5 ? "10.0.0.1" : (i % 3 ? "10.0.0.2" : "10.0.0.3"), "",
                                i % 7 ? "a.example" : "b.example", 1, 0, i + 1});
            QCOMPARE(importRecords(store.get(), recs, QStringLiteral("x.log"), fakeSha("x")), QString());
            packedByImport = packedRows(store.get());
            QCOMPARE(packedByImport.size() > 8, true);
            QVERIFY(sqlite3_exec(store->handle(), kV5Rollups, nullptr, nullptr, nullptr) == SQLITE_OK);
            QVERIFY(sqlite3_exec(store->handle(), "PRAGMA user_version=5", nullptr, nullptr, nullptr) == SQLITE_OK);
        }
        auto store = Store::open(path, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error));
        // The migration packs the old rows into exactly the bytes an import writes.
        QCOMPARE(packedRows(store.get()), packedByImport);
        VolumeQuery q;
        q.unit = BucketUnit::Day;
        q.split = Split::Client;
        const VolumeSeries v = store->volume(q);
        QCOMPARE(v.total(), int64_t(3000));
        QCOMPARE(v.series.size(), 3);
        QCOMPARE(v.series.at(0).label, QStringLiteral("10.0.0.1"));
        QCOMPARE(v.series.at(0).total, int64_t(2400));
    }

    void version3BackfillsMinuteTotals()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("p.dnstimeline");
        QString error;
        {
            auto store = Store::open(path, Store::Mode::Create, &error);
            std::vector<Rec> recs;
            for (int i = 0; i < 500; ++i)
                recs.push_back({int64_t(1469646000 + i * 37) * 1000000, i % 3 ? "10.0.0.1" : "10.0.0.2", "",
                                i % 2 ? "a.example" : "b.example", 1, 0, i + 1});
            QCOMPARE(importRecords(store.get(), recs, QStringLiteral("x.log"), fakeSha("x")), QString());
            // Back to version 2, as an older DNS Timeline wrote it.
            QVERIFY(sqlite3_exec(store->handle(), kV5Rollups, nullptr, nullptr, nullptr) == SQLITE_OK);
            QVERIFY(sqlite3_exec(store->handle(), "DROP TABLE minute_total; DROP TABLE rejected_lines; DROP TABLE removed_files; "
                                                      "DROP TABLE removed_lookups; PRAGMA user_version=2", nullptr, nullptr, nullptr) == SQLITE_OK);
        }
        auto store = Store::open(path, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error));
        VolumeQuery all;
        all.unit = BucketUnit::Hour;
        const VolumeSeries v = store->volume(all);
        QCOMPARE(v.total(), int64_t(500));
        VolumeQuery byClient = all;
        byClient.split = Split::Client; // read from the per-client roll-ups: must agree bucket by bucket
        const VolumeSeries c = store->volume(byClient);
        for (qsizetype b = 0; b < v.bucketStarts.size(); ++b) {
            int64_t sum = 0;
            for (const auto &s : c.series)
                sum += s.counts.at(b);
            QCOMPARE(v.series.first().counts.at(b), sum);
        }
    }
};

QTEST_GUILESS_MAIN(TstStoreEvents)
#include "tst_storeevents.moc"
