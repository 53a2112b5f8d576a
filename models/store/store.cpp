#include "store.h"
#include "storeinternal.h"

#include "categorycolors.h"
#include "packedminutes.h"
#include "sqlitestmt.h"

#include <QFile>
#include <QFileInfo>
#include <QUrl>

namespace dnt {

namespace {

// Version 1: the first schema. Each later version appends one step; a project is migrated forward one
// step at a time inside one transaction.
const char *const kSchemaV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER) WITHOUT ROWID;
-- row_first/row_last: the rowid range of the file's lookups (appended contiguously in one
-- transaction); t_first/t_last: their time span. Together they let an exact query read only the rows of
-- the files that overlap a partial minute instead of scanning all lookups.
CREATE TABLE files(
  id INTEGER PRIMARY KEY, path TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT UNIQUE,
  format TEXT NOT NULL, compression TEXT NOT NULL, zone TEXT NOT NULL, year INTEGER NOT NULL,
  accepted INTEGER NOT NULL, skipped INTEGER NOT NULL, rejected INTEGER NOT NULL,
  first_us INTEGER, last_us INTEGER, imported_at_us INTEGER NOT NULL,
  row_first INTEGER, row_last INTEGER, t_first INTEGER, t_last INTEGER);
CREATE TABLE names(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, rev TEXT NOT NULL);
CREATE INDEX names_rev ON names(rev);
CREATE TABLE clients(id INTEGER PRIMARY KEY, address TEXT NOT NULL UNIQUE);
CREATE TABLE lookups(
  t INTEGER NOT NULL, name_id INTEGER NOT NULL, client_id INTEGER NOT NULL, server_id INTEGER NOT NULL,
  qtype INTEGER NOT NULL, rcode INTEGER NOT NULL, file_id INTEGER NOT NULL, line INTEGER NOT NULL);
CREATE TABLE minute_counts(
  name_id INTEGER NOT NULL, minute INTEGER NOT NULL, client_id INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY(name_id, minute, client_id)) WITHOUT ROWID;
CREATE TABLE minute_all(
  minute INTEGER NOT NULL, client_id INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY(minute, client_id)) WITHOUT ROWID;
CREATE TABLE name_totals(name_id INTEGER PRIMARY KEY, n INTEGER NOT NULL, first_us INTEGER NOT NULL, last_us INTEGER NOT NULL);
CREATE TABLE client_totals(client_id INTEGER PRIMARY KEY, n INTEGER NOT NULL, first_us INTEGER NOT NULL, last_us INTEGER NOT NULL);
CREATE TABLE events(
  id INTEGER PRIMARY KEY, start_us INTEGER NOT NULL, end_us INTEGER, title TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', url TEXT NOT NULL DEFAULT '');
CREATE INDEX events_start ON events(start_us);
INSERT INTO meta(key, value) VALUES ('lookups', 0);
)sql";

// Version 2: event categories with a colour and a visibility toggle.
const char *const kSchemaV2 = R"sql(
CREATE TABLE categories(name TEXT PRIMARY KEY, color TEXT NOT NULL, visible INTEGER NOT NULL DEFAULT 1) WITHOUT ROWID;
)sql";

// Version 3: lookups per minute of the whole project, so that the unfiltered chart (what opening a
// project shows) reads one row per minute instead of one per minute and client.
const char *const kSchemaV3 = R"sql(
CREATE TABLE minute_total(minute INTEGER PRIMARY KEY, n INTEGER NOT NULL);
INSERT INTO minute_total(minute, n) SELECT minute, sum(n) FROM minute_all GROUP BY minute;
)sql";

// Version 4: the workspace — source groups (a colour and members: addresses or CIDR ranges, in the
// order given), labels for addresses, and saved chart views (a versioned JSON spec each).
// IF NOT EXISTS: tests replay migrations on a current file by rewinding user_version.
const char *const kSchemaV4 = R"sql(
CREATE TABLE IF NOT EXISTS source_groups(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, color TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS group_members(group_id INTEGER NOT NULL, pos INTEGER NOT NULL, member TEXT NOT NULL,
  PRIMARY KEY(group_id, pos)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS address_labels(address TEXT PRIMARY KEY, label TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS saved_views(name TEXT PRIMARY KEY, spec TEXT NOT NULL) WITHOUT ROWID;
)sql";

// Version 5: rejected lines kept per file (capped; files.rejected has the true count), and the rows of
// removed files kept aside until the project is next opened, so that a removal can be undone exactly.
const char *const kSchemaV5 = R"sql(
CREATE TABLE IF NOT EXISTS rejected_lines(file_id INTEGER NOT NULL, line INTEGER NOT NULL, reason TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS rejected_lines_file ON rejected_lines(file_id, line);
CREATE TABLE IF NOT EXISTS removed_files(file_id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS removed_lookups(
  t INTEGER NOT NULL, name_id INTEGER NOT NULL, client_id INTEGER NOT NULL, server_id INTEGER NOT NULL,
  qtype INTEGER NOT NULL, rcode INTEGER NOT NULL, file_id INTEGER NOT NULL, line INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS removed_lookups_file ON removed_lookups(file_id);
)sql";

// Version 6: the per-minute roll-ups packed (see packedminutes.h): one row per (name, UTC day) and per
// (client, UTC day) instead of one per (name, minute, client) and per (minute, client). Ten times
// fewer B-tree rows to write at import and to step through in a query. And the time span of each block
// of (at most) 4,096 consecutive lookups of a file, so that the lookups of a partial minute are found
// in the few blocks that can hold them, without the records index (logs come nearly in time order).
const char *const kSchemaV6 = R"sql(
CREATE TABLE lookup_blocks(file_id INTEGER NOT NULL, row_first INTEGER NOT NULL, row_last INTEGER NOT NULL,
  t_min INTEGER NOT NULL, t_max INTEGER NOT NULL, PRIMARY KEY(file_id, row_first)) WITHOUT ROWID;
INSERT INTO lookup_blocks(file_id, row_first, row_last, t_min, t_max)
  SELECT file_id, min(rowid), max(rowid), min(t), max(t) FROM lookups GROUP BY file_id, rowid / 4096;
CREATE TABLE name_days(name_id INTEGER NOT NULL, day INTEGER NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY(name_id, day)) WITHOUT ROWID;
CREATE TABLE client_days(client_id INTEGER NOT NULL, day INTEGER NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY(client_id, day)) WITHOUT ROWID;
INSERT INTO name_days(name_id, day, data)
  SELECT name_id, dnt_day(minute), dnt_pack(minute, client_id, n) FROM minute_counts GROUP BY 1, 2;
INSERT INTO client_days(client_id, day, data)
  SELECT client_id, dnt_day(minute), dnt_pack(minute, n) FROM minute_all GROUP BY 1, 2;
DROP TABLE minute_counts;
DROP TABLE minute_all;
)sql";

// Version 7: the program that made a lookup (Sysmon's process image), an attribute only some formats
// have. Paths are stored once in images; a lookup that has one gets a row in lookup_images keyed by its
// lookups rowid, so a project of formats without images pays nothing. A removed file's rows keep theirs
// in removed_lookup_images by position within the file (its rows come back contiguous, in order).
const char *const kSchemaV7 = R"sql(
CREATE TABLE IF NOT EXISTS images(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS lookup_images(row INTEGER PRIMARY KEY, image_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS removed_lookup_images(file_id INTEGER NOT NULL, pos INTEGER NOT NULL, image_id INTEGER NOT NULL,
  PRIMARY KEY(file_id, pos)) WITHOUT ROWID;
)sql";

const char *const kMigrations[] = {kSchemaV1, kSchemaV2, kSchemaV3, kSchemaV4, kSchemaV5, kSchemaV6, kSchemaV7};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == Store::kSchemaVersion);

// No global memory statistics: they take one process-wide mutex on every SQLite allocation, which the
// import's threads and the reader jobs would otherwise contend for. Before the first connection.
const bool g_memstatusOff = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
}();

void configure(sqlite3 *db)
{
    // Project files travel between people: no schema tricks, no writable schema, no extensions.
    int ignored = 0;
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, &ignored);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &ignored);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &ignored);
    sqlite3_busy_timeout(db, 10000);
    sqliteExec(db, "PRAGMA cell_size_check=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;");
    packed::registerFunctions(db);
}

int64_t pragmaInt(sqlite3 *db, const char *sql, int *rc)
{
    sqlite3_stmt *s = nullptr;
    *rc = sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
    int64_t v = 0;
    if (*rc == SQLITE_OK) {
        *rc = sqlite3_step(s);
        if (*rc == SQLITE_ROW) {
            v = sqlite3_column_int64(s, 0);
            *rc = SQLITE_OK;
        } else if (*rc == SQLITE_DONE) {
            *rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(s);
    return v;
}

uint32_t be32(const unsigned char *p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

// Checks the 100-byte SQLite header before SQLite itself touches the file.
bool checkHeader(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(path, f.errorString());
        return false;
    }
    const QByteArray h = f.read(100);
    if (h.size() < 100 || !h.startsWith(QByteArray("SQLite format 3\0", 16))) {
        *error = QStringLiteral("%1 is not a DNS Timeline project (not a SQLite database)").arg(path);
        return false;
    }
    const auto *u = reinterpret_cast<const unsigned char *>(h.constData());
    int64_t pageSize = (int64_t(u[16]) << 8) | u[17];
    if (pageSize == 1)
        pageSize = 65536;
    const uint32_t changeCounter = be32(u + 24), pageCount = be32(u + 28), validFor = be32(u + 92);
    if (pageSize < 512 || (pageSize & (pageSize - 1))) {
        *error = QStringLiteral("%1 is damaged (invalid page size in its header)").arg(path);
        return false;
    }
    // A crash during a checkpoint leaves the file shorter than its header says while the -wal file still
    // holds the missing pages: SQLite replays them on open, so that file is intact, not truncated.
    const QFileInfo wal(path + QStringLiteral("-wal"));
    const bool walPending = wal.exists() && wal.size() > 0;
    if (!walPending && validFor == changeCounter && pageCount > 0 && f.size() < pageSize * int64_t(pageCount)) {
        *error = QStringLiteral("%1 is truncated: its header announces %2 bytes but the file has %3")
                     .arg(path)
                     .arg(pageSize * int64_t(pageCount))
                     .arg(f.size());
        return false;
    }
    return true;
}

} // namespace

QString sqliteLibraryVersion()
{
    return QString::fromLatin1(sqlite3_libversion());
}

Store::~Store()
{
    if (m_import)
        m_import->detach();
    if (m_db)
        sqlite3_close_v2(m_db);
}

std::unique_ptr<Store> Store::open(const QString &path, Mode mode, QString *error)
{
    // SQLite's allocation statistics take a global mutex on every malloc; nothing here reads them.
    // This only takes effect if no SQLite user in the process has initialised the library yet (the
    // first project is opened at start-up, before any reader thread exists); otherwise it is a no-op.
    static const int memStatusOff = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    Q_UNUSED(memStatusOff);
    QString dummy;
    if (!error)
        error = &dummy;
    const QFileInfo info(path);
    const bool exists = info.exists();
    if (exists && info.isDir()) {
        *error = QStringLiteral("%1 is a folder, not a project file").arg(path);
        return nullptr;
    }
    if (!exists && mode != Mode::Create) {
        *error = QStringLiteral("%1: no such project file").arg(path);
        return nullptr;
    }
    const bool fresh = !exists || info.size() == 0;
    if (fresh && mode != Mode::Create) {
        *error = QStringLiteral("%1 is empty, not a DNS Timeline project").arg(path);
        return nullptr;
    }
    if (!fresh && !checkHeader(path, error))
        return nullptr;

    const QByteArray native = QFile::encodeName(path);
    // Validate with a read-only connection first, so that a refused file is never written to.
    if (!fresh) {
        // Without a -wal file nobody is writing and the main file is the whole truth: open it immutable
        // so that SQLite creates no -wal/-shm next to a file we may be about to refuse. With a -wal file
        // (another Store is open) an ordinary read-only connection sees the committed state.
        const bool walExists = QFileInfo::exists(path + QStringLiteral("-wal"));
        QByteArray uri = QUrl::fromLocalFile(info.absoluteFilePath()).toEncoded() + "?mode=ro";
        if (!walExists)
            uri += "&immutable=1";
        sqlite3 *ro = nullptr;
        int rc = sqlite3_open_v2(uri.constData(), &ro, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
        if (rc == SQLITE_OK) {
            configure(ro);
            const int64_t appId = pragmaInt(ro, "PRAGMA application_id", &rc);
            int rc2 = SQLITE_OK, rc3 = SQLITE_OK;
            const int64_t version = pragmaInt(ro, "PRAGMA user_version", &rc2);
            const int64_t tables = pragmaInt(ro, "SELECT count(*) FROM sqlite_schema", &rc3);
            if (rc == SQLITE_OK)
                rc = rc2 != SQLITE_OK ? rc2 : rc3;
            if (rc == SQLITE_OK && appId != kApplicationId && !(appId == 0 && tables == 0 && mode == Mode::Create)) {
                *error = QStringLiteral("%1 is a SQLite database but not a DNS Timeline project").arg(path);
                sqlite3_close_v2(ro);
                return nullptr;
            }
            if (rc == SQLITE_OK && version > kSchemaVersion) {
                *error = QStringLiteral("%1 was written by a newer version of DNS Timeline (schema %2, this version "
                                        "reads up to %3): update DNS Timeline to open it")
                             .arg(path)
                             .arg(version)
                             .arg(kSchemaVersion);
                sqlite3_close_v2(ro);
                return nullptr;
            }
            if (rc == SQLITE_OK && appId == kApplicationId) {
                // Touch every table once: a damaged file fails here rather than in the middle of work.
                for (const char *sql : {"SELECT count(*) FROM (SELECT 1 FROM lookups LIMIT 1)",
                                        "SELECT count(*) FROM files", "SELECT count(*) FROM events",
                                        "SELECT count(*) FROM (SELECT 1 FROM name_totals ORDER BY name_id DESC LIMIT 1)",
                                        "SELECT count(*) FROM (SELECT 1 FROM names ORDER BY id DESC LIMIT 1)"}) {
                    pragmaInt(ro, sql, &rc);
                    if (rc != SQLITE_OK)
                        break;
                }
            }
        }
        if (rc != SQLITE_OK) {
            *error = QStringLiteral("%1 cannot be read as a DNS Timeline project: %2")
                         .arg(path, QString::fromUtf8(sqlite3_errstr(rc)));
            if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
                *error = QStringLiteral("%1 is damaged or truncated (%2)").arg(path, QString::fromUtf8(sqlite3_errstr(rc)));
            sqlite3_close_v2(ro);
            return nullptr;
        }
        sqlite3_close_v2(ro);
    }

    std::unique_ptr<Store> store(new Store);
    store->m_path = path;
    store->m_readOnly = mode == Mode::ReadOnly;
    // One Store per thread: SQLite's per-connection mutexes would only cost time (NOMUTEX).
    const int flags = SQLITE_OPEN_NOMUTEX
                      | (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY
                                                : (SQLITE_OPEN_READWRITE | (mode == Mode::Create ? SQLITE_OPEN_CREATE : 0)));
    int rc = sqlite3_open_v2(native.constData(), &store->m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        *error = QStringLiteral("%1: cannot open: %2").arg(path, QString::fromUtf8(sqlite3_errstr(rc)));
        return nullptr;
    }
    sqlite3 *db = store->m_db;
    configure(db);
    if (mode == Mode::ReadOnly)
        return store;

    const int64_t version = pragmaInt(db, "PRAGMA user_version", &rc);
    if (rc != SQLITE_OK) {
        *error = QStringLiteral("%1: %2").arg(path, QString::fromUtf8(sqlite3_errmsg(db)));
        return nullptr;
    }
    if (version < kSchemaVersion) {
        // Larger pages: fewer B-tree splits and page headers per bulk-loaded row (measured ~7% faster
        // imports than 4 KiB); only possible before the first table exists.
        if (version == 0 && !sqliteExec(db, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL", error)) {
            *error = QStringLiteral("%1: %2").arg(path, *error);
            return nullptr;
        }
        QString e;
        bool ok = beginWrite(db, &e);
        for (int64_t v = version; ok && v < kSchemaVersion; ++v)
            ok = sqliteExec(db, kMigrations[v], &e);
        ok = ok && sqliteExec(db, QStringLiteral("PRAGMA application_id=%1; PRAGMA user_version=%2")
                                      .arg(kApplicationId)
                                      .arg(kSchemaVersion)
                                      .toUtf8()
                                      .constData(),
                              &e);
        ok = ok && sqliteExec(db, "COMMIT", &e);
        if (!ok) {
            sqliteExec(db, "ROLLBACK");
            *error = QStringLiteral("%1: cannot set up the project: %2").arg(path, e);
            return nullptr;
        }
    }
    sqliteExec(db, "PRAGMA synchronous=NORMAL");
    return store;
}

namespace {

FileRecord readFile(const SqliteStmt &s)
{
    FileRecord f;
    f.id = s.int64(0);
    f.path = s.text(1);
    f.size = s.int64(2);
    f.sha256 = s.text(3);
    f.format = s.text(4);
    f.compression = s.text(5);
    f.zone = s.text(6);
    f.year = static_cast<int>(s.int64(7));
    f.accepted = s.int64(8);
    f.skipped = s.int64(9);
    f.rejected = s.int64(10);
    if (!s.isNull(11))
        f.firstUs = s.int64(11);
    if (!s.isNull(12))
        f.lastUs = s.int64(12);
    f.importedAtUs = s.int64(13);
    return f;
}

const char *const kFileColumns = "SELECT id, path, size, sha256, format, compression, zone, year, accepted, skipped, "
                                 "rejected, first_us, last_us, imported_at_us FROM files ";

} // namespace

QVector<FileRecord> Store::files() const
{
    syncImport();
    QVector<FileRecord> out;
    SqliteStmt s(m_db, (QByteArray(kFileColumns) + "WHERE sha256 IS NOT NULL ORDER BY id").constData());
    while (s.ok() && s.step() == SQLITE_ROW)
        out.append(readFile(s));
    return out;
}

std::optional<FileRecord> Store::fileBySha256(const QString &sha256) const
{
    syncImport();
    SqliteStmt s(m_db, (QByteArray(kFileColumns) + "WHERE sha256 = ?").constData());
    s.bind(1, sha256);
    if (s.ok() && s.step() == SQLITE_ROW)
        return readFile(s);
    return std::nullopt;
}

Totals Store::totals() const
{
    syncImport();
    Totals t;
    SqliteStmt s(m_db, "SELECT (SELECT value FROM meta WHERE key='lookups'), (SELECT count(*) FROM name_totals), "
                       "(SELECT count(*) FROM client_totals), (SELECT count(*) FROM files WHERE sha256 IS NOT NULL), "
                       "(SELECT min(first_us) FROM name_totals), (SELECT max(last_us) FROM name_totals)");
    if (s.ok() && s.step() == SQLITE_ROW) {
        t.lookups = s.int64(0);
        t.names = s.int64(1);
        t.clients = s.int64(2);
        t.files = s.int64(3);
        if (!s.isNull(4))
            t.firstUs = s.int64(4);
        if (!s.isNull(5))
            t.lastUs = s.int64(5);
    }
    return t;
}

QVector<Event> Store::events() const
{
    syncImport();
    QVector<Event> out;
    SqliteStmt s(m_db, "SELECT id, start_us, end_us, title, category, note, url FROM events ORDER BY start_us, id");
    while (s.ok() && s.step() == SQLITE_ROW) {
        Event e;
        e.id = s.int64(0);
        e.startUs = s.int64(1);
        if (!s.isNull(2))
            e.endUs = s.int64(2);
        e.title = s.text(3);
        e.category = s.text(4);
        e.note = s.text(5);
        e.url = s.text(6);
        out.append(e);
    }
    return out;
}

bool Store::addEvents(QVector<Event> *events, QString *error)
{
    // New events always get new ids: one transaction through the general change.
    for (Event &e : *events)
        e.id = 0;
    return changeEvents(events, {}, {}, error);
}

bool Store::changeEvents(QVector<Event> *inserted, const QVector<Event> &updated, const QVector<int64_t> &removed,
                         QString *error)
{
    QString dummy;
    if (!error)
        error = &dummy;
    if (m_importOpen) {
        *error = QStringLiteral("%1: finish the import before changing events").arg(m_path);
        return false;
    }
    if (m_readOnly) {
        *error = QStringLiteral("%1 is open read-only").arg(m_path);
        return false;
    }
    if (!beginWrite(m_db, error))
        return false;
    auto fail = [&](const QString &message) {
        *error = message;
        sqliteExec(m_db, "ROLLBACK");
        return false;
    };
    SqliteStmt del(m_db, "DELETE FROM events WHERE id = ?");
    for (int64_t id : removed) {
        del.bind(1, id);
        if (!del.exec())
            return fail(del.error());
        if (sqlite3_changes(m_db) != 1)
            return fail(QStringLiteral("there is no event %1").arg(id));
    }
    SqliteStmt upd(m_db, "UPDATE events SET start_us=?, end_us=?, title=?, category=?, note=?, url=? WHERE id=?");
    for (const Event &e : updated) {
        upd.bind(1, e.startUs);
        e.endUs ? upd.bind(2, *e.endUs) : upd.bindNull(2);
        upd.bind(3, e.title).bind(4, e.category).bind(5, e.note).bind(6, e.url).bind(7, e.id);
        if (!upd.exec())
            return fail(upd.error());
        if (sqlite3_changes(m_db) != 1)
            return fail(QStringLiteral("there is no event %1").arg(e.id));
    }
    SqliteStmt ins(m_db, "INSERT INTO events(id, start_us, end_us, title, category, note, url) VALUES(?,?,?,?,?,?,?)");
    QVector<int64_t> ids;
    if (inserted) {
        for (const Event &e : *inserted) {
            e.id ? ins.bind(1, e.id) : ins.bindNull(1);
            ins.bind(2, e.startUs);
            e.endUs ? ins.bind(3, *e.endUs) : ins.bindNull(3);
            ins.bind(4, e.title).bind(5, e.category).bind(6, e.note).bind(7, e.url);
            if (!ins.exec())
                return fail(ins.error());
            ids.append(sqlite3_last_insert_rowid(m_db));
        }
    }
    // A category that an event brings in gets its colour here, in the same transaction, and keeps it:
    // the first palette colour no other category has, so that two categories never share a colour
    // while the palette lasts, and a colour never changes when other categories come or go.
    QStringList names, colors;
    {
        SqliteStmt cats(m_db, "SELECT name, color FROM categories");
        while (cats.ok() && cats.step() == SQLITE_ROW) {
            names.append(cats.text(0));
            colors.append(cats.text(1));
        }
    }
    SqliteStmt addCategory(m_db, "INSERT INTO categories(name, color, visible) VALUES(?,?,1)");
    const auto colourNew = [&](const Event &e) {
        if (names.contains(e.category))
            return true;
        const QString color = nextCategoryColor(colors);
        addCategory.bind(1, e.category).bind(2, color);
        if (!addCategory.exec())
            return false;
        names.append(e.category);
        colors.append(color);
        return true;
    };
    for (const Event &e : updated)
        if (!colourNew(e))
            return fail(addCategory.error());
    if (inserted)
        for (const Event &e : *inserted)
            if (!colourNew(e))
                return fail(addCategory.error());
    if (!sqliteExec(m_db, "COMMIT", error))
        return fail(*error);
    for (qsizetype i = 0; i < ids.size(); ++i)
        (*inserted)[i].id = ids.at(i);
    return true;
}

QVector<EventCategory> Store::categories() const
{
    syncImport();
    QVector<EventCategory> out;
    // A version-1 project opened read-only has no such table yet: no stored categories then.
    SqliteStmt s(m_db, "SELECT name, color, visible FROM categories ORDER BY name");
    while (s.ok() && s.step() == SQLITE_ROW)
        out.append({s.text(0), s.text(1), s.int64(2) != 0});
    return out;
}

bool Store::setCategory(const EventCategory &c, QString *error)
{
    syncImport();
    if (m_readOnly) {
        *error = QStringLiteral("%1 is open read-only").arg(m_path);
        return false;
    }
    SqliteStmt s(m_db, "INSERT OR REPLACE INTO categories(name, color, visible) VALUES(?,?,?)");
    s.bind(1, c.name).bind(2, c.color).bind(3, int64_t(c.visible ? 1 : 0));
    if (!s.ok() || !s.exec()) {
        *error = s.ok() ? s.error() : QString::fromUtf8(sqlite3_errmsg(m_db));
        return false;
    }
    return true;
}

} // namespace dnt
