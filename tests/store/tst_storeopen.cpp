// Opening project files from strangers: each refusal names the file and the reason, and leaves the file
// byte-identical with no -wal/-shm files left beside it.

#include "storetestutil.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace dnt;
using namespace dnt::test;

class TestStoreOpen : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString newPath() { return m_dir.filePath(QStringLiteral("p%1.dnstimeline").arg(++m_counter)); }

    // A small real project, closed (so fully checkpointed into the main file).
    QString makeProject()
    {
        const QString path = newPath();
        QString error;
        auto store = Store::open(path, Store::Mode::Create, &error);
        if (!store)
            return {};
        std::vector<Rec> recs;
        for (int i = 0; i < 20000; ++i)
            recs.push_back({int64_t(1469750400) * kUsPerSecond + i * 7 * kUsPerSecond, "10.0.0." + std::to_string(i % 200), "",
                            "n" + std::to_string(i % 3000) + ".example.com", 1, 0, i + 1});
        if (!importRecords(store.get(), recs, QStringLiteral("a.log"), fakeSha(path)).isEmpty())
            return {};
        QVector<Event> events{Event{0, 1, std::nullopt, QStringLiteral("e"), {}, {}, {}}};
        store->addEvents(&events, &error);
        return path;
    }

    // Tries every mode; each must be refused with a message naming the file and containing `reason`,
    // and the file and its folder must be exactly as before.
    void expectRefused(const QString &path, const QString &reason)
    {
        const QByteArray before = fileBytes(path);
        const QStringList entriesBefore = QDir(m_dir.path()).entryList(QDir::Files);
        for (Store::Mode mode : {Store::Mode::ReadOnly, Store::Mode::ReadWrite, Store::Mode::Create}) {
            QString error;
            auto store = Store::open(path, mode, &error);
            QVERIFY2(!store, qPrintable(QStringLiteral("opened %1 in mode %2").arg(path).arg(int(mode))));
            QVERIFY2(error.contains(path), qPrintable(error));
            QVERIFY2(error.contains(reason), qPrintable(error));
            if (mode == Store::Mode::ReadWrite)
                qInfo("%s", qPrintable(error));
        }
        QCOMPARE(fileBytes(path), before);
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), entriesBefore);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
        QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));
    }

    static bool rawExec(const QString &path, const char *sql)
    {
        sqlite3 *db = nullptr;
        bool ok = sqlite3_open(QFile::encodeName(path).constData(), &db) == SQLITE_OK
                  && sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
        sqlite3_close(db);
        return ok;
    }

private slots:
    void createMissingAndEmpty();
    void refusesTextFile();
    void refusesForeignSqlite();
    void refusesNewerSchema();
    void refusesTruncated();
    void refusesDamagedHeader();
    void missingFileNotCreated();
};

void TestStoreOpen::createMissingAndEmpty()
{
    QString error;
    const QString missing = newPath();
    auto a = Store::open(missing, Store::Mode::Create, &error);
    QVERIFY2(a, qPrintable(error));
    QCOMPARE(a->totals().lookups, 0);
    QCOMPARE(a->path(), missing);

    const QString empty = newPath();
    {
        QFile f(empty);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    // An empty file is not a project to read, but a fine place to create one.
    QVERIFY(!Store::open(empty, Store::Mode::ReadOnly, &error));
    QVERIFY2(error.contains(empty) && error.contains(QStringLiteral("empty")), qPrintable(error));
    QCOMPARE(QFileInfo(empty).size(), 0);
    auto b = Store::open(empty, Store::Mode::Create, &error);
    QVERIFY2(b, qPrintable(error));
    QCOMPARE(b->totals().files, 0);
    b.reset();
    // Reopening a project in Create mode opens it as it is.
    auto c = Store::open(empty, Store::Mode::Create, &error);
    QVERIFY2(c, qPrintable(error));
}

void TestStoreOpen::refusesTextFile()
{
    const QString path = newPath();
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#separator \\x09\n#fields\tts\tuid\n1469750400.1\tCabc\n");
    }
    expectRefused(path, QStringLiteral("not a SQLite database"));
    // Shorter than a SQLite header.
    const QString tiny = newPath();
    {
        QFile f(tiny);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("SQLite format 3");
    }
    expectRefused(tiny, QStringLiteral("not a SQLite database"));
}

void TestStoreOpen::refusesForeignSqlite()
{
    const QString path = newPath();
    QVERIFY(rawExec(path, "CREATE TABLE queries(id INTEGER PRIMARY KEY, domain TEXT); INSERT INTO queries(domain) VALUES('a.example');"));
    expectRefused(path, QStringLiteral("is a SQLite database but not a DNS Timeline project"));
    // The same in WAL mode: validating it must not leave -wal/-shm files behind.
    const QString wal = newPath();
    QVERIFY(rawExec(wal, "PRAGMA journal_mode=WAL; CREATE TABLE t(x); INSERT INTO t VALUES(1);"));
    QVERIFY(!QFile::exists(wal + QStringLiteral("-wal")));
    expectRefused(wal, QStringLiteral("is a SQLite database but not a DNS Timeline project"));
}

void TestStoreOpen::refusesNewerSchema()
{
    const QString path = makeProject();
    QVERIFY(!path.isEmpty());
    const int future = Store::kSchemaVersion + 1;
    QVERIFY(rawExec(path, QStringLiteral("PRAGMA user_version=%1").arg(future).toUtf8().constData()));
    expectRefused(path, QStringLiteral("was written by a newer version of DNS Timeline (schema %1, this version reads up to %2)")
                            .arg(future)
                            .arg(Store::kSchemaVersion));
}

void TestStoreOpen::refusesTruncated()
{
    const QString path = makeProject();
    QVERIFY(!path.isEmpty());
    const QByteArray full = fileBytes(path);
    QVERIFY(full.size() > 100000);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(full.left(full.size() / 2));
    }
    expectRefused(path, QStringLiteral("is truncated"));
}

void TestStoreOpen::refusesDamagedHeader()
{
    const QString path = makeProject();
    QVERIFY(!path.isEmpty());
    QByteArray bytes = fileBytes(path);
    // A page size that is not a power of two.
    bytes[16] = char(0x30);
    bytes[17] = char(0x01);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }
    expectRefused(path, QStringLiteral("is damaged"));

    // Garbage over the schema page (page 1 after its header): SQLite reports it as malformed.
    const QString path2 = makeProject();
    QVERIFY(!path2.isEmpty());
    bytes = fileBytes(path2);
    for (int i = 100; i < 16384; ++i)
        bytes[i] = char(0xA5 ^ i);
    {
        QFile f(path2);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }
    expectRefused(path2, QStringLiteral("is damaged or truncated"));
}

void TestStoreOpen::missingFileNotCreated()
{
    const QString path = newPath();
    for (Store::Mode mode : {Store::Mode::ReadOnly, Store::Mode::ReadWrite}) {
        QString error;
        QVERIFY(!Store::open(path, mode, &error));
        QVERIFY2(error.contains(path) && error.contains(QStringLiteral("no such project file")), qPrintable(error));
        QVERIFY(!QFile::exists(path));
    }
    QString error;
    QVERIFY(!Store::open(m_dir.path(), Store::Mode::Create, &error));
    QVERIFY2(error.contains(QStringLiteral("is a folder")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestStoreOpen)
#include "tst_storeopen.moc"
