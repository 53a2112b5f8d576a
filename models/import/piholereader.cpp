#include "piholereader.h"

#include "timeutil.h"

#include <QFileInfo>
#include <QUrl>

#include <sqlite3.h>

#include <cmath>
#include <memory>

namespace dnt
{

namespace
{

struct DbCloser {
    void operator()(sqlite3 *db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
    void operator()(sqlite3_stmt *s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

QString sqliteError(sqlite3 *db)
{
    return db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
}

// Whether a table (or view) of that name exists; only sqlite_master is read.
bool hasObject(sqlite3 *db, const char *type, const char *name)
{
    sqlite3_stmt *raw = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = ?1 AND name = ?2", -1, &raw,
                           nullptr) != SQLITE_OK)
        return false;
    Stmt stmt(raw);
    sqlite3_bind_text(raw, 1, type, -1, SQLITE_STATIC);
    sqlite3_bind_text(raw, 2, name, -1, SQLITE_STATIC);
    return sqlite3_step(raw) == SQLITE_ROW;
}

std::string_view columnText(sqlite3_stmt *s, int column)
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, column));
    return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(s, column))) : std::string_view();
}

} // namespace

PiholeReader::PiholeReader(const ReaderOptions &options) : m_path(options.path) {}

int PiholeReader::detect(std::string_view head)
{
    if (head.size() < 100 || head.substr(0, 16) != std::string_view("SQLite format 3\0", 16))
        return 0;
    if (head.find("query_storage") != std::string_view::npos)
        return 100;
    // A legacy database: the queries table together with FTL's counters/network tables.
    if (head.find("CREATE TABLE queries") != std::string_view::npos &&
        (head.find("ftl") != std::string_view::npos || head.find("counters") != std::string_view::npos))
        return 100;
    return 0;
}

uint16_t PiholeReader::qtypeFromFtl(int64_t type)
{
    static constexpr uint16_t kTypes[] = {0, 1, 28, 255, 33, 6, 12, 16, 35, 15, 43, 46, 48, 2, 0, 64, 65};
    if (type >= 0 && type < static_cast<int64_t>(std::size(kTypes)))
        return kTypes[type];
    if (type > 100 && type <= 100 + 65535)
        return static_cast<uint16_t>(type - 100);
    return 0;
}

ReadStatus PiholeReader::read(InputStream &, RecordSink &sink, QString *error)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return ReadStatus::Failed;
    };
    if (m_path.isEmpty())
        return fail(QStringLiteral("pihole-db: no database file path (the reader opens the file itself)"));
    if (!QFileInfo(m_path).isFile())
        return fail(QStringLiteral("cannot open %1: not a file").arg(m_path));

    // immutable=1: SQLite reads the bytes as they are, creates no -wal/-shm/-journal and takes no lock.
    QUrl url = QUrl::fromLocalFile(QFileInfo(m_path).absoluteFilePath());
    url.setQuery(QStringLiteral("mode=ro&immutable=1"));
    const QByteArray uri = url.toEncoded();
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(uri.constData(), &raw,
                                   SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK)
        return fail(QStringLiteral("cannot open %1 as SQLite: %2").arg(m_path, sqliteError(raw)));
    int ignored = 0;
    sqlite3_db_config(raw, SQLITE_DBCONFIG_DEFENSIVE, 1, &ignored);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &ignored);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &ignored);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &ignored);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_ENABLE_VIEW, 0, &ignored);

    // Reading the schema proves the file is a database at all.
    sqlite3_stmt *probe = nullptr;
    if (sqlite3_prepare_v2(raw, "SELECT count(*) FROM sqlite_master", -1, &probe, nullptr) != SQLITE_OK ||
        sqlite3_step(probe) != SQLITE_ROW) {
        const QString why = sqliteError(raw);
        sqlite3_finalize(probe);
        return fail(QStringLiteral("%1 is not a readable SQLite database: %2").arg(m_path, why));
    }
    sqlite3_finalize(probe);

    // Our own SQL over the base tables, never the file's views: a stranger's view could hold anything.
    const char *sql = nullptr;
    if (hasObject(raw, "table", "query_storage") && hasObject(raw, "table", "domain_by_id") &&
        hasObject(raw, "table", "client_by_id"))
        sql = "SELECT q.id, q.timestamp, q.type, d.domain, c.ip FROM query_storage q "
              "LEFT JOIN domain_by_id d ON d.id = q.domain LEFT JOIN client_by_id c ON c.id = q.client "
              "ORDER BY q.id";
    else if (hasObject(raw, "table", "queries"))
        sql = "SELECT id, timestamp, type, domain, client FROM queries ORDER BY id";
    else
        return fail(QStringLiteral("%1: no Pi-hole query table (neither query_storage with domain_by_id and "
                                   "client_by_id nor queries)")
                        .arg(m_path));

    // immutable=1 ignores a write-ahead log: rows FTL has not checkpointed yet are not in the file.
    // Say so (counted as skipped) rather than silently reading less than the live database holds.
    const QFileInfo wal(m_path + QStringLiteral("-wal"));
    if (wal.isFile() && wal.size() > 0)
        sink.onSkipped(
            0, "a non-empty -wal file lies next to the database: rows not yet checkpointed into it are "
               "not read (copy the database with sqlite3 .backup, or stop FTL first)");

    sqlite3_stmt *rawStmt = nullptr;
    if (sqlite3_prepare_v2(raw, sql, -1, &rawStmt, nullptr) != SQLITE_OK)
        return fail(QStringLiteral("%1: unexpected Pi-hole table layout: %2").arg(m_path, sqliteError(raw)));
    Stmt stmt(rawStmt);
    std::string reason;
    while (true) {
        const int step = sqlite3_step(rawStmt);
        if (step == SQLITE_DONE)
            return ReadStatus::Finished;
        if (step != SQLITE_ROW)
            return fail(QStringLiteral("%1: reading rows failed: %2").arg(m_path, sqliteError(raw)));
        LookupRecord record;
        record.line = sqlite3_column_int64(rawStmt, 0);
        const auto reject = [&](const std::string &why) { sink.onRejected(record.line, why); };

        const int tsType = sqlite3_column_type(rawStmt, 1);
        if (tsType == SQLITE_INTEGER) {
            const int64_t s = sqlite3_column_int64(rawStmt, 1);
            if (s < 0 || s >= kMaxPlausibleUs / kUsPerSecond) {
                reject("timestamp " + std::to_string(s) + " out of range (before 1970 or after 2199)");
                continue;
            }
            record.timeUs = s * kUsPerSecond;
        } else if (tsType == SQLITE_FLOAT) {
            const double s = sqlite3_column_double(rawStmt, 1);
            if (!std::isfinite(s) || s < 0 || s >= static_cast<double>(kMaxPlausibleUs / kUsPerSecond)) {
                reject("timestamp out of range (before 1970 or after 2199)");
                continue;
            }
            record.timeUs = static_cast<int64_t>(std::llround(s * 1e6));
        } else {
            reject("timestamp is not a number");
            continue;
        }
        if (sqlite3_column_type(rawStmt, 2) != SQLITE_INTEGER) {
            reject("type is not an integer");
            continue;
        }
        record.qtype = qtypeFromFtl(sqlite3_column_int64(rawStmt, 2));

        const std::string_view domain = columnText(rawStmt, 3);
        const char *why = nullptr;
        if (sqlite3_column_type(rawStmt, 3) == SQLITE_NULL) {
            reject("domain id without a domain_by_id row");
            continue;
        }
        if (!normalizeDnsName(domain, &m_name, &why)) {
            reason = "bad domain: ";
            reason += why;
            reject(reason);
            continue;
        }
        record.name = m_name;
        const std::string_view client = columnText(rawStmt, 4);
        bool address = !client.empty() && client.size() <= 64;
        for (char c : client)
            address = address && static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f;
        if (!address) {
            reject(sqlite3_column_type(rawStmt, 4) == SQLITE_NULL ? "client id without a client_by_id row"
                                                                  : "client is not an address");
            continue;
        }
        record.client = client;
        if (!sink.onRecord(record))
            return ReadStatus::Stopped;
    }
}

} // namespace dnt
