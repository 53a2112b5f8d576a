// Pi-hole's pihole-FTL.db read through SQLite, read-only: both table layouts, FTL type numbers,
// broken rows, files that are not Pi-hole databases, and the file's bytes left untouched.

#include "importtestsupport.h"
#include "reader.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace dnt;
using namespace dnt::test;

namespace
{

// Builds a database with the given SQL (the documented FTL schemas, trimmed to what matters).
bool makeDb(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK)
        return false;
    char *err = nullptr;
    const bool ok = sqlite3_exec(db, sql, nullptr, nullptr, &err) == SQLITE_OK;
    if (!ok)
        qWarning("%s", err);
    sqlite3_free(err);
    sqlite3_close(db);
    return ok;
}

// FTL v5.10+/v6: query_storage with dictionary tables and the queries view over them.
const char *kCurrentSchema = R"(
CREATE TABLE ftl (id INTEGER PRIMARY KEY NOT NULL, value BLOB NOT NULL);
CREATE TABLE counters (id INTEGER PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
CREATE TABLE query_storage (id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp INTEGER NOT NULL, type INTEGER NOT NULL,
  status INTEGER NOT NULL, domain INTEGER NOT NULL, client INTEGER NOT NULL, forward INTEGER, additional_info INTEGER,
  reply_type INTEGER, reply_time REAL, dnssec INTEGER, list_id INTEGER);
CREATE TABLE domain_by_id (id INTEGER PRIMARY KEY, domain TEXT NOT NULL);
CREATE TABLE client_by_id (id INTEGER PRIMARY KEY, ip TEXT NOT NULL, name TEXT);
CREATE TABLE forward_by_id (id INTEGER PRIMARY KEY, forward TEXT NOT NULL);
CREATE TABLE addinfo_by_id (id INTEGER PRIMARY KEY, type INTEGER NOT NULL, content NOT NULL);
CREATE VIEW queries AS SELECT q.id, q.timestamp, q.type, q.status, d.domain AS domain, c.ip AS client,
  f.forward AS forward FROM query_storage q JOIN domain_by_id d ON d.id = q.domain JOIN client_by_id c ON c.id = q.client
  LEFT JOIN forward_by_id f ON f.id = q.forward;
INSERT INTO domain_by_id VALUES (1, 'www.example.com'), (2, 'Mail1.Trump-Email.com'), (3, '_ldap._tcp.example.org'),
  (4, 'a..b'), (5, '1.0.0.10.in-addr.arpa');
INSERT INTO client_by_id VALUES (1, '192.168.2.10', 'laptop'), (2, 'fd00::10', NULL);
INSERT INTO query_storage (id, timestamp, type, status, domain, client) VALUES
  (1, 1469646000, 1, 2, 1, 1),
  (2, 1469646001.25, 2, 3, 2, 2),
  (3, 1469646002, 4, 2, 3, 1),
  (4, 1469646003, 6, 2, 5, 1),
  (5, 1469646004, 16, 2, 1, 1),
  (6, 1469646005, 165, 2, 1, 1),
  (7, 1469646006, 14, 2, 1, 1),
  (8, 1469646007, 1, 2, 4, 1),
  (9, 1469646008, 1, 2, 99, 1),
  (10, 1469646009, 1, 2, 1, 99),
  (11, 'yesterday', 1, 2, 1, 1),
  (12, -5, 1, 2, 1, 1);
)";

// Before FTL v5.10: one queries table with the text inline.
const char *kLegacySchema = R"(
CREATE TABLE queries (id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp INTEGER NOT NULL, type INTEGER NOT NULL,
  status INTEGER NOT NULL, domain TEXT NOT NULL, client TEXT NOT NULL, forward TEXT, additional_info TEXT);
CREATE TABLE ftl (id INTEGER PRIMARY KEY NOT NULL, value BLOB NOT NULL);
CREATE TABLE counters (id INTEGER PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
CREATE INDEX idx_queries_timestamps ON queries (timestamp);
INSERT INTO queries (id, timestamp, type, status, domain, client, forward) VALUES
  (1, 1469646000, 1, 2, 'www.example.com', '192.168.2.10', '8.8.8.8#53'),
  (2, 1469646060, 7, 2, 'Example.COM', '192.168.2.11', NULL),
  (3, 1469646120, 13, 2, 'example.com', '', NULL);
)";

QByteArray sha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

struct Run {
    CollectSink sink;
    ReadStatus status = ReadStatus::Failed;
    QString error;
};

void readDb(const QString &path, Run *run)
{
    ReaderOptions options;
    options.path = path;
    auto reader = createReader(QStringLiteral("pihole-db"), options);
    QVERIFY(reader);
    auto stream = InputStream::fromBytes({}); // the reader opens the file itself
    run->status = reader->read(*stream, run->sink, &run->error);
}

QByteArray head(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.read(64 * 1024);
}

} // namespace

class TestPiholeReader : public QObject
{
    Q_OBJECT

private slots:
    void currentLayout();
    void legacyLayout();
    void detection();
    void notPihole();
    void stop();
    void walNotice();

private:
    QTemporaryDir m_dir;
};

void TestPiholeReader::currentLayout()
{
    const QString path = m_dir.filePath(QStringLiteral("pihole-FTL.db"));
    QVERIFY(makeDb(path, kCurrentSchema));
    const QByteArray before = sha256(path);
    const QStringList filesBefore = QDir(m_dir.path()).entryList(QDir::Files);
    Run run;
    readDb(path, &run);
    QCOMPARE(run.status, ReadStatus::Finished);
    QCOMPARE(run.sink.records, QStringList({"1469646000000000 192.168.2.10 - www.example.com 1 -1 @1",
                                            "1469646001250000 fd00::10 - mail1.trump-email.com 28 -1 @2",
                                            "1469646002000000 192.168.2.10 - _ldap._tcp.example.org 33 -1 @3",
                                            "1469646003000000 192.168.2.10 - 1.0.0.10.in-addr.arpa 12 -1 @4",
                                            "1469646004000000 192.168.2.10 - www.example.com 65 -1 @5",
                                            "1469646005000000 192.168.2.10 - www.example.com 65 -1 @6",
                                            "1469646006000000 192.168.2.10 - www.example.com 0 -1 @7"}));
    QCOMPARE(run.sink.rejectedLines(), QList<int64_t>({8, 9, 10, 11, 12}));
    QVERIFY(run.sink.rejected.at(0).contains(QLatin1String("bad domain")));
    QVERIFY(run.sink.rejected.at(1).contains(QLatin1String("domain_by_id")));
    QVERIFY(run.sink.rejected.at(2).contains(QLatin1String("client_by_id")));
    QVERIFY(run.sink.rejected.at(3).contains(QLatin1String("not a number")));
    QVERIFY(run.sink.rejected.at(4).contains(QLatin1String("out of range")));
    // Read-only and immutable: same bytes, no journal/WAL/SHM files left behind.
    QCOMPARE(sha256(path), before);
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), filesBefore);
}

void TestPiholeReader::legacyLayout()
{
    const QString path = m_dir.filePath(QStringLiteral("legacy.db"));
    QVERIFY(makeDb(path, kLegacySchema));
    const QByteArray before = sha256(path);
    Run run;
    readDb(path, &run);
    QCOMPARE(run.status, ReadStatus::Finished);
    QCOMPARE(run.sink.records, QStringList({"1469646000000000 192.168.2.10 - www.example.com 1 -1 @1",
                                            "1469646060000000 192.168.2.11 - example.com 16 -1 @2"}));
    QCOMPARE(run.sink.rejectedLines(), QList<int64_t>({3}));
    QCOMPARE(sha256(path), before);
}

void TestPiholeReader::detection()
{
    const QString current = m_dir.filePath(QStringLiteral("detect-current.db"));
    const QString legacy = m_dir.filePath(QStringLiteral("detect-legacy.db"));
    const QString other = m_dir.filePath(QStringLiteral("other.db"));
    QVERIFY(makeDb(current, kCurrentSchema));
    QVERIFY(makeDb(legacy, kLegacySchema));
    QVERIFY(makeDb(other, "CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT);"));
    QCOMPARE(detectFormat(head(current)), QStringLiteral("pihole-db"));
    QCOMPARE(detectFormat(head(legacy)), QStringLiteral("pihole-db"));
    QCOMPARE(detectFormat(head(other)), QString());
}

void TestPiholeReader::notPihole()
{
    // Another SQLite database: a clear failure naming the file, nothing imported.
    const QString other = m_dir.filePath(QStringLiteral("plain.db"));
    QVERIFY(makeDb(other, "CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT);"));
    Run run;
    readDb(other, &run);
    QCOMPARE(run.status, ReadStatus::Failed);
    QVERIFY2(run.error.contains(QLatin1String("no Pi-hole query table")) && run.error.contains(other),
             qPrintable(run.error));

    // Text and garbage named like a database, a truncated database, a missing file, no path at all.
    const QString text = m_dir.filePath(QStringLiteral("text.db"));
    QFile t(text);
    QVERIFY(t.open(QIODevice::WriteOnly));
    t.write("6/5/2013 10:00:32 AM 0E70 PACKET\n");
    t.close();
    const QString truncated = m_dir.filePath(QStringLiteral("truncated.db"));
    const QString full = m_dir.filePath(QStringLiteral("full.db"));
    QVERIFY(makeDb(full, kCurrentSchema));
    QFile f(full);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QFile tr(truncated);
    QVERIFY(tr.open(QIODevice::WriteOnly));
    tr.write(f.read(1500));
    tr.close();
    for (const QString &path : {text, truncated, m_dir.filePath(QStringLiteral("missing.db")), QString()}) {
        Run bad;
        readDb(path, &bad);
        QVERIFY2(bad.status == ReadStatus::Failed, qPrintable(path));
        QVERIFY2(!bad.error.isEmpty(), qPrintable(path));
        QCOMPARE(bad.sink.records.size(), 0);
    }
}

void TestPiholeReader::stop()
{
    const QString path = m_dir.filePath(QStringLiteral("stop.db"));
    QVERIFY(makeDb(path, kCurrentSchema));
    ReaderOptions options;
    options.path = path;
    auto reader = createReader(QStringLiteral("pihole-db"), options);
    CollectSink sink;
    sink.stopAfter = 2;
    auto stream = InputStream::fromBytes({});
    QString error;
    QCOMPARE(reader->read(*stream, sink, &error), ReadStatus::Stopped);
    QCOMPARE(sink.records.size(), 2);
}

void TestPiholeReader::walNotice()
{
    // A database copied together with a non-empty -wal: the rows in the file are read and the
    // unread log is reported as skipped, never silently left out.
    const QString path = m_dir.filePath(QStringLiteral("wal.db"));
    QVERIFY(makeDb(path, kLegacySchema));
    QFile wal(path + QStringLiteral("-wal"));
    QVERIFY(wal.open(QIODevice::WriteOnly));
    wal.write(QByteArray(32, 'w'));
    wal.close();
    Run run;
    readDb(path, &run);
    QCOMPARE(run.status, ReadStatus::Finished);
    QCOMPARE(run.sink.records.size(), 2);
    QCOMPARE(run.sink.skipped.size(), 1);
    QVERIFY(run.sink.skipped.first().contains(QLatin1String("-wal")));
}

QTEST_GUILESS_MAIN(TestPiholeReader)
#include "tst_piholereader.moc"
