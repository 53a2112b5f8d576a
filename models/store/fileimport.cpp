#include "sqlitestmt.h"
#include "store.h"
#include "textidmap.h"

#include "timeutil.h"

#include <QDateTime>
#include <QHostAddress>

#include <algorithm>
#include <tuple>

#include <string>
#include <vector>

namespace dnt {

namespace {

// One lookup's place in the roll-ups. Rows are appended to a flat buffer (no per-row allocation,
// no hashing), a run of equal keys is counted in place, and the buffer is sorted and summed when flushed,
// so that the UPSERTs walk the roll-up B-trees in key order.
struct RollupEntry
{
    int64_t name;
    int64_t minute;
    int64_t client;
    int64_t n;
};

// Per-id totals, in vectors indexed by the (dense) dictionary id.
struct Totals3
{
    int64_t n = 0;
    int64_t first = INT64_MAX;
    int64_t last = INT64_MIN;
    void add(int64_t t)
    {
        ++n;
        first = std::min(first, t);
        last = std::max(last, t);
    }
};

// "mail1.trump-email.com" -> "com.trump-email.mail1": a domain and its subdomains become one key range.
std::string reversedLabels(std::string_view name)
{
    std::string out;
    out.reserve(name.size());
    size_t end = name.size();
    while (true) {
        const size_t dot = name.rfind('.', end == 0 ? 0 : end - 1);
        if (dot == std::string_view::npos || end == 0) {
            out.append(name.substr(0, end));
            break;
        }
        out.append(name.substr(dot + 1, end - dot - 1));
        out.push_back('.');
        end = dot;
    }
    return out;
}

constexpr size_t kFlushThreshold = 1u << 20; // roll-up entries (32 bytes each) buffered before an UPSERT pass

void addTotal(std::vector<Totals3> &totals, int64_t id, int64_t t)
{
    if (static_cast<size_t>(id) >= totals.size())
        totals.resize(static_cast<size_t>(id) + 1 + totals.size() / 2);
    totals[static_cast<size_t>(id)].add(t);
}

} // namespace

struct FileImport::Private
{
    Store *store = nullptr;
    sqlite3 *db = nullptr;
    bool open = false;
    int64_t fileId = 0;
    TextIdMap names;
    TextIdMap clients;        // canonical address -> id
    TextIdMap clientSpelling; // address as written in the log -> id (parsed once per spelling)
    std::string lastServer;
    int64_t lastServerId = 0;
    SqliteStmt insertLookup, insertName, insertClient, upsertMinute, upsertAll, upsertTotal, upsertNameTotal,
        upsertClientTotal;
    std::vector<RollupEntry> rollup;
    std::vector<Totals3> nameTotals;   // by name id
    std::vector<Totals3> clientTotals; // by client id
    int64_t added = 0;
    int64_t rowFirst = 0, rowLast = 0;
    int64_t tMin = INT64_MAX, tMax = INT64_MIN;
    QString error;

    bool fail(const QString &what)
    {
        error = QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(db)));
        return false;
    }

    int64_t clientId(std::string_view text, bool *ok)
    {
        *ok = true;
        if (const int64_t known = clientSpelling.find(text))
            return known;
        // New spelling: store addresses in one canonical form so that "2001:DB8::1" and
        // "2001:db8:0::1" are one client.
        const QString raw = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
        QHostAddress a;
        const QString canonical = a.setAddress(raw) ? a.toString() : raw.toLower();
        const std::string key = canonical.toStdString();
        int64_t id = clients.find(key);
        if (!id) {
            insertClient.bind(1, std::string_view(key));
            if (!insertClient.exec()) {
                *ok = fail(QStringLiteral("cannot add a client"));
                return 0;
            }
            id = sqlite3_last_insert_rowid(db);
            clients.insert(key, id);
        }
        clientSpelling.insert(text, id);
        return id;
    }

    bool flushRollups()
    {
        if (rollup.empty())
            return true;
        std::sort(rollup.begin(), rollup.end(), [](const RollupEntry &x, const RollupEntry &y) {
            return std::tie(x.name, x.minute, x.client) < std::tie(y.name, y.minute, y.client);
        });
        for (size_t i = 0; i < rollup.size();) {
            const RollupEntry &k = rollup[i];
            int64_t n = 0;
            for (; i < rollup.size() && rollup[i].name == k.name && rollup[i].minute == k.minute
                   && rollup[i].client == k.client;
                 ++i)
                n += rollup[i].n;
            upsertMinute.bind(1, k.name).bind(2, k.minute).bind(3, k.client).bind(4, n);
            if (!upsertMinute.exec())
                return fail(QStringLiteral("cannot update minute counts"));
        }
        std::sort(rollup.begin(), rollup.end(), [](const RollupEntry &x, const RollupEntry &y) {
            return std::tie(x.minute, x.client) < std::tie(y.minute, y.client);
        });
        // Sorted by minute: the per-minute totals of the project come out of the same pass.
        int64_t minute = 0, minuteN = 0;
        bool haveMinute = false;
        auto flushMinute = [&] {
            if (!haveMinute)
                return true;
            upsertTotal.bind(1, minute).bind(2, minuteN);
            return upsertTotal.exec();
        };
        for (size_t i = 0; i < rollup.size();) {
            const RollupEntry &k = rollup[i];
            int64_t n = 0;
            for (; i < rollup.size() && rollup[i].minute == k.minute && rollup[i].client == k.client; ++i)
                n += rollup[i].n;
            upsertAll.bind(1, k.minute).bind(2, k.client).bind(3, n);
            if (!upsertAll.exec())
                return fail(QStringLiteral("cannot update minute totals"));
            if (!haveMinute || k.minute != minute) {
                if (!flushMinute())
                    return fail(QStringLiteral("cannot update minute totals"));
                minute = k.minute;
                minuteN = 0;
                haveMinute = true;
            }
            minuteN += n;
        }
        if (!flushMinute())
            return fail(QStringLiteral("cannot update minute totals"));
        rollup.clear();
        return true;
    }
};

FileImport::FileImport(Store *store) : d(std::make_unique<Private>())
{
    d->store = store;
    d->db = store->m_db;
}

FileImport::~FileImport()
{
    rollback();
}

namespace {
QString *orDummy(QString *error, QString *dummy)
{
    return error ? error : dummy;
}
} // namespace

std::unique_ptr<FileImport> Store::beginFileImport(const FileRecord &file, QString *error)
{
    QString dummy;
    error = orDummy(error, &dummy);
    if (m_readOnly) {
        *error = QStringLiteral("%1 is open read-only").arg(m_path);
        return nullptr;
    }
    if (m_importOpen) {
        *error = QStringLiteral("another import into %1 is still open").arg(m_path);
        return nullptr;
    }
    if (!sqliteExec(m_db, "BEGIN IMMEDIATE", error))
        return nullptr;
    std::unique_ptr<FileImport> imp(new FileImport(this));
    FileImport::Private *d = imp->d.get();
    d->open = true;
    m_importOpen = true;
    m_import = imp.get();
    sqlite3 *db = m_db;
    // The file row exists from the start so that lookups can name it; its hash is set at commit.
    SqliteStmt f(db, "INSERT INTO files(path, size, sha256, format, compression, zone, year, accepted, skipped, "
                     "rejected, imported_at_us) VALUES(?,?,NULL,?,?,?,?,0,0,0,0)");
    f.bind(1, file.path).bind(2, file.size).bind(3, file.format).bind(4, file.compression).bind(5, file.zone).bind(6, int64_t(file.year));
    if (!f.exec()) {
        *error = f.error();
        return nullptr; // destructor rolls back
    }
    d->fileId = sqlite3_last_insert_rowid(db);

    SqliteStmt names(db, "SELECT id, name FROM names");
    while (names.step() == SQLITE_ROW)
        d->names.insert(names.text(1).toStdString(), names.int64(0));
    SqliteStmt clients(db, "SELECT id, address FROM clients");
    while (clients.step() == SQLITE_ROW) {
        const std::string a = clients.text(1).toStdString();
        d->clients.insert(a, clients.int64(0));
        d->clientSpelling.insert(a, clients.int64(0));
    }
    const bool prepared =
        d->insertLookup.prepare(db, "INSERT INTO lookups(t, name_id, client_id, server_id, qtype, rcode, file_id, line) "
                                    "VALUES(?,?,?,?,?,?,?,?)")
        && d->insertName.prepare(db, "INSERT INTO names(name, rev) VALUES(?,?)")
        && d->insertClient.prepare(db, "INSERT INTO clients(address) VALUES(?)")
        && d->upsertMinute.prepare(db, "INSERT INTO minute_counts(name_id, minute, client_id, n) VALUES(?,?,?,?) "
                                       "ON CONFLICT DO UPDATE SET n = n + excluded.n")
        && d->upsertTotal.prepare(db, "INSERT INTO minute_total(minute, n) VALUES(?,?) "
                                      "ON CONFLICT DO UPDATE SET n = n + excluded.n")
        && d->upsertAll.prepare(db, "INSERT INTO minute_all(minute, client_id, n) VALUES(?,?,?) "
                                    "ON CONFLICT DO UPDATE SET n = n + excluded.n")
        && d->upsertNameTotal.prepare(db, "INSERT INTO name_totals(name_id, n, first_us, last_us) VALUES(?,?,?,?) "
                                          "ON CONFLICT DO UPDATE SET n = n + excluded.n, "
                                          "first_us = min(first_us, excluded.first_us), last_us = max(last_us, excluded.last_us)")
        && d->upsertClientTotal.prepare(db, "INSERT INTO client_totals(client_id, n, first_us, last_us) VALUES(?,?,?,?) "
                                            "ON CONFLICT DO UPDATE SET n = n + excluded.n, "
                                            "first_us = min(first_us, excluded.first_us), last_us = max(last_us, excluded.last_us)");
    if (!prepared) {
        *error = QString::fromUtf8(sqlite3_errmsg(db));
        return nullptr;
    }
    return imp;
}

bool FileImport::add(const LookupRecord &r, QString *error)
{
    QString dummy;
    error = orDummy(error, &dummy);
    if (!d || !d->open) {
        *error = QStringLiteral("the import is closed");
        return false;
    }
    int64_t nameId = d->names.find(r.name);
    if (!nameId) {
        const std::string rev = reversedLabels(r.name);
        d->insertName.bind(1, r.name).bind(2, std::string_view(rev));
        if (!d->insertName.exec()) {
            d->fail(QStringLiteral("cannot add a name"));
            *error = d->error;
            return false;
        }
        nameId = sqlite3_last_insert_rowid(d->db);
        d->names.insert(r.name, nameId);
    }
    bool ok = true;
    const int64_t clientId = d->clientId(r.client, &ok);
    int64_t serverId = 0;
    if (ok && !r.server.empty()) {
        // Most logs name one server on every line: keep it out of the client map's last-hit slot.
        if (d->lastServerId && r.server == d->lastServer) {
            serverId = d->lastServerId;
        } else {
            serverId = d->clientId(r.server, &ok);
            d->lastServer.assign(r.server);
            d->lastServerId = serverId;
        }
    }
    if (!ok) {
        *error = d->error;
        return false;
    }
    SqliteStmt &s = d->insertLookup;
    s.bind(1, r.timeUs).bind(2, nameId).bind(3, clientId).bind(4, serverId).bind(5, int64_t(r.qtype));
    s.bind(6, int64_t(r.rcode)).bind(7, d->fileId).bind(8, r.line);
    if (s.step() != SQLITE_DONE) {
        d->fail(QStringLiteral("cannot add a lookup"));
        s.reset();
        *error = d->error;
        return false;
    }
    sqlite3_reset(s.get());
    d->rowLast = sqlite3_last_insert_rowid(d->db);
    if (d->added == 0)
        d->rowFirst = d->rowLast;
    d->tMin = std::min(d->tMin, r.timeUs);
    d->tMax = std::max(d->tMax, r.timeUs);

    int64_t minute = r.timeUs / 60000000;
    if (r.timeUs < 0 && r.timeUs % 60000000)
        --minute;
    auto &buf = d->rollup;
    if (!buf.empty() && buf.back().name == nameId && buf.back().minute == minute && buf.back().client == clientId)
        ++buf.back().n;
    else
        buf.push_back({nameId, minute, clientId, 1});
    addTotal(d->nameTotals, nameId, r.timeUs);
    addTotal(d->clientTotals, clientId, r.timeUs);
    ++d->added;
    if (buf.size() >= kFlushThreshold && !d->flushRollups()) {
        *error = d->error;
        return false;
    }
    return true;
}

bool FileImport::commit(const FileRecord &rec, QString *error)
{
    QString dummy;
    error = orDummy(error, &dummy);
    if (!d || !d->open) {
        *error = QStringLiteral("the import is closed");
        return false;
    }
    auto failed = [&](const QString &message) {
        *error = message;
        rollback();
        return false;
    };
    {
        SqliteStmt dup(d->db, "SELECT path, imported_at_us FROM files WHERE sha256 = ? AND id <> ?");
        dup.bind(1, rec.sha256).bind(2, d->fileId);
        if (dup.step() == SQLITE_ROW)
            return failed(QStringLiteral("%1 has the same content (SHA-256 %2) as %3, imported on %4; not imported twice")
                              .arg(rec.path, rec.sha256, dup.text(0), formatIsoUtc(dup.int64(1))));
    }
    if (!d->flushRollups())
        return failed(d->error);
    for (size_t id = 0; id < d->nameTotals.size(); ++id) {
        const Totals3 &t = d->nameTotals[id];
        if (t.n == 0)
            continue;
        d->upsertNameTotal.bind(1, int64_t(id)).bind(2, t.n).bind(3, t.first).bind(4, t.last);
        if (!d->upsertNameTotal.exec()) {
            d->fail(QStringLiteral("cannot update name totals"));
            return failed(d->error);
        }
    }
    for (size_t id = 0; id < d->clientTotals.size(); ++id) {
        const Totals3 &t = d->clientTotals[id];
        if (t.n == 0)
            continue;
        d->upsertClientTotal.bind(1, int64_t(id)).bind(2, t.n).bind(3, t.first).bind(4, t.last);
        if (!d->upsertClientTotal.exec()) {
            d->fail(QStringLiteral("cannot update client totals"));
            return failed(d->error);
        }
    }
    SqliteStmt total(d->db, "UPDATE meta SET value = value + ? WHERE key = 'lookups'");
    total.bind(1, d->added);
    SqliteStmt f(d->db, "UPDATE files SET path=?, size=?, sha256=?, format=?, compression=?, zone=?, year=?, accepted=?, "
                        "skipped=?, rejected=?, first_us=?, last_us=?, imported_at_us=?, row_first=?, row_last=?, "
                        "t_first=?, t_last=? WHERE id=?");
    f.bind(1, rec.path).bind(2, rec.size).bind(3, rec.sha256).bind(4, rec.format).bind(5, rec.compression);
    f.bind(6, rec.zone).bind(7, int64_t(rec.year)).bind(8, rec.accepted).bind(9, rec.skipped).bind(10, rec.rejected);
    // The reader may not know the span of what it read; what was stored is the truth then.
    const bool any = d->added > 0;
    if (rec.firstUs || any)
        f.bind(11, rec.firstUs.value_or(d->tMin));
    else
        f.bindNull(11);
    if (rec.lastUs || any)
        f.bind(12, rec.lastUs.value_or(d->tMax));
    else
        f.bindNull(12);
    f.bind(13, rec.importedAtUs > 0 ? rec.importedAtUs : QDateTime::currentMSecsSinceEpoch() * 1000);
    for (int i = 14; i <= 17; ++i)
        f.bindNull(i);
    if (any)
        f.bind(14, d->rowFirst).bind(15, d->rowLast).bind(16, d->tMin).bind(17, d->tMax);
    f.bind(18, d->fileId);
    if (!total.exec() || !f.exec()) {
        d->fail(QStringLiteral("cannot record the file"));
        return failed(d->error);
    }
    QString e;
    if (!sqliteExec(d->db, "COMMIT", &e))
        return failed(QStringLiteral("cannot commit: %1").arg(e));
    d->open = false;
    d->store->m_importOpen = false;
    d->store->m_import = nullptr;
    return true;
}

int64_t FileImport::fileId() const
{
    return d && d->open ? d->fileId : 0;
}

sqlite3 *FileImport::connection() const
{
    return d && d->open ? d->db : nullptr;
}

void FileImport::rollback()
{
    if (!d || !d->open)
        return;
    d->open = false;
    sqliteExec(d->db, "ROLLBACK");
    d->store->m_importOpen = false;
    d->store->m_import = nullptr;
}

void FileImport::detach()
{
    rollback();
    d.reset(); // finalizes the statements before the Store closes its connection
}

} // namespace dnt
