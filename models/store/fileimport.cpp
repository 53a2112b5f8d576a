#include "importwriter.h"
#include "sqlitestmt.h"
#include "store.h"
#include "storeinternal.h"
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

constexpr size_t kFlushThreshold = 1u << 20; // roll-up entries (32 bytes each) in a run
constexpr size_t kBatchRows = 32768;         // lookups per batch handed to the writer thread
constexpr int64_t kBlockRows = 4096;         // lookups per lookup_blocks row (the schema's migration uses the same)

void addTotal(std::vector<Totals3> &totals, int64_t id, int64_t t)
{
    if (static_cast<size_t>(id) >= totals.size())
        totals.resize(static_cast<size_t>(id) + 1 + totals.size() / 2);
    totals[static_cast<size_t>(id)].add(t);
}

int64_t maxId(sqlite3 *db, const char *sql)
{
    SqliteStmt s(db, sql);
    return s.ok() && s.step() == SQLITE_ROW ? s.int64(0) : 0;
}

} // namespace

// The caller's thread reads, dictionary-encodes and aggregates; ImportWriter does the SQLite work on
// its own thread. Dictionary ids are assigned here (max id + 1 onwards, the transaction holds the write
// lock), so that encoding never waits for SQLite.
struct FileImport::Private
{
    Store *store = nullptr;
    sqlite3 *db = nullptr;
    bool open = false;
    int64_t fileId = 0;
    TextIdMap names;
    TextIdMap clients;        // canonical address -> id
    TextIdMap clientSpelling; // address as written in the log -> id (parsed once per spelling)
    int64_t nextNameId = 1, nextClientId = 1;
    // Process images (Sysmon): loaded on the first lookup that has one, so other formats never read them.
    TextIdMap images;
    bool imagesLoaded = false;
    int64_t nextImageId = 1;
    std::string lastServer;
    int64_t lastServerId = 0;
    std::unique_ptr<ImportWriter> writer;
    WriteBatch batch;
    std::vector<RollupEntry> rollup; // the current run, handed to the writer at kFlushThreshold entries
    std::vector<Totals3> nameTotals;   // by name id
    std::vector<Totals3> clientTotals; // by client id
    std::vector<std::pair<int64_t, int64_t>> blocks; // (min t, max t) of each kBlockRows lookups, in order
    int64_t added = 0;
    int64_t tMin = INT64_MAX, tMax = INT64_MIN;
    QString error;

    bool fail(const QString &what)
    {
        error = QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(db)));
        return false;
    }

    int64_t clientId(std::string_view text)
    {
        if (const int64_t known = clientSpelling.find(text))
            return known;
        // New spelling: store addresses in one canonical form so that "2001:DB8::1" and
        // "2001:db8:0::1" are one client.
        const QString raw = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
        QHostAddress a;
        const QString canonical = a.setAddress(raw) ? a.toString() : raw.toLower();
        std::string key = canonical.toStdString();
        int64_t id = clients.find(key);
        if (!id) {
            id = nextClientId++;
            clients.insert(key, id);
            batch.clients.push_back({id, std::move(key), {}});
        }
        clientSpelling.insert(text, id);
        return id;
    }

    int64_t imageId(std::string_view path)
    {
        if (!imagesLoaded) {
            imagesLoaded = true;
            SqliteStmt known(db, "SELECT id, path FROM images");
            while (known.step() == SQLITE_ROW)
                images.insert(known.text(1).toStdString(), known.int64(0));
            nextImageId = maxId(db, "SELECT coalesce(max(id), 0) + 1 FROM images");
        }
        if (const int64_t known = images.find(path))
            return known;
        const int64_t id = nextImageId++;
        images.insert(path, id);
        batch.images.push_back({id, std::string(path), {}});
        return id;
    }

    bool submit()
    {
        if (batch.empty())
            return true;
        if (!writer->submit(batch)) {
            writer->drain(&error);
            error = QStringLiteral("cannot write the lookups: %1").arg(error);
            return false;
        }
        return true;
    }

    // Hands the current roll-up run to the writer thread, which sorts and packs it.
    bool cutRun()
    {
        batch.rollup = std::move(rollup);
        rollup = std::vector<RollupEntry>();
        return submit();
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
    if (!beginWrite(m_db, error))
        return nullptr;
    // The records index would cost more to maintain row by row than to build again: it goes (with the
    // transaction: a cancelled import keeps it) and is rebuilt when the records are next shown.
    if (!sqliteExec(m_db, "DROP INDEX IF EXISTS lookups_t", error)) {
        sqliteExec(m_db, "ROLLBACK");
        return nullptr;
    }
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
    d->nextNameId = maxId(db, "SELECT coalesce(max(id), 0) + 1 FROM names");
    d->nextClientId = maxId(db, "SELECT coalesce(max(id), 0) + 1 FROM clients");
    d->writer = std::make_unique<ImportWriter>(db, d->fileId);
    if (!d->writer->prepare(error))
        return nullptr;
    d->batch.lookups.reserve(kBatchRows);
    d->writer->start();
    return imp;
}

bool FileImport::add(const LookupRecord &r, QString *error)
{
    if (!d || !d->open) {
        if (error)
            *error = QStringLiteral("the import is closed");
        return false;
    }
    Private &p = *d;
    int64_t nameId = p.names.find(r.name);
    if (!nameId) {
        nameId = p.nextNameId++;
        p.names.insert(r.name, nameId);
        p.batch.names.push_back({nameId, std::string(r.name), reversedLabels(r.name)});
    }
    const int64_t clientId = p.clientId(r.client);
    int64_t serverId = 0;
    if (!r.server.empty()) {
        // Most logs name one server on every line: keep it out of the client map's last-hit slot.
        if (p.lastServerId && r.server == p.lastServer) {
            serverId = p.lastServerId;
        } else {
            serverId = p.clientId(r.server);
            p.lastServer.assign(r.server);
            p.lastServerId = serverId;
        }
    }
    if (nameId > INT32_MAX || clientId > INT32_MAX || serverId > INT32_MAX) {
        p.error = QStringLiteral("more than 2,147,483,647 distinct names or addresses in one project");
        if (error)
            *error = p.error;
        return false;
    }
    if (!r.image.empty()) {
        const int64_t imageId = p.imageId(r.image);
        if (imageId > INT32_MAX) {
            p.error = QStringLiteral("more than 2,147,483,647 distinct process images in one project");
            if (error)
                *error = p.error;
            return false;
        }
        p.batch.lookupImages.push_back({uint32_t(p.batch.lookups.size()), int32_t(imageId)});
    }
    p.batch.lookups.push_back({r.timeUs, r.line, int32_t(nameId), int32_t(clientId), int32_t(serverId), r.qtype, r.rcode});
    p.tMin = std::min(p.tMin, r.timeUs);
    p.tMax = std::max(p.tMax, r.timeUs);

    int64_t minute = r.timeUs / 60000000;
    if (r.timeUs < 0 && r.timeUs % 60000000)
        --minute;
    auto &buf = p.rollup;
    if (!buf.empty() && buf.back().name == nameId && buf.back().minute == minute && buf.back().client == clientId)
        ++buf.back().n;
    else
        buf.push_back({nameId, minute, clientId, 1});
    if (p.added % kBlockRows == 0)
        p.blocks.push_back({r.timeUs, r.timeUs});
    else
        p.blocks.back() = {std::min(p.blocks.back().first, r.timeUs), std::max(p.blocks.back().second, r.timeUs)};
    addTotal(p.nameTotals, nameId, r.timeUs);
    addTotal(p.clientTotals, clientId, r.timeUs);
    ++p.added;
    const bool ok = buf.size() >= kFlushThreshold ? p.cutRun()
                    : p.batch.lookups.size() >= kBatchRows ? p.submit()
                                                           : true;
    if (!ok && error)
        *error = p.error;
    return ok;
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
    // Everything the writer thread still holds is written first; the connection is ours again after.
    if (!d->cutRun())
        return failed(d->error);
    QString writeError;
    if (!d->writer->drain(&writeError))
        return failed(QStringLiteral("cannot write the lookups: %1").arg(writeError));
    if (!writeRejected(&writeError))
        return failed(writeError);
    {
        SqliteStmt dup(d->db, "SELECT path, imported_at_us FROM files WHERE sha256 = ? AND id <> ?");
        dup.bind(1, rec.sha256).bind(2, d->fileId);
        if (dup.step() == SQLITE_ROW)
            return failed(QStringLiteral("%1 has the same content (SHA-256 %2) as %3, imported on %4; not imported twice")
                              .arg(rec.path, rec.sha256, dup.text(0), formatIsoUtc(dup.int64(1))));
    }
    if (d->added > 0 && d->writer->rowLast() - d->writer->rowFirst() + 1 != d->added)
        return failed(QStringLiteral("the lookups of %1 did not get one contiguous row range").arg(rec.path));
    {
        SqliteStmt block(d->db, "INSERT INTO lookup_blocks(file_id, row_first, row_last, t_min, t_max) VALUES(?,?,?,?,?)");
        const int64_t first = d->writer->rowFirst(), last = d->writer->rowLast();
        for (size_t k = 0; k < d->blocks.size(); ++k) {
            const int64_t a = first + int64_t(k) * kBlockRows;
            block.bind(1, d->fileId).bind(2, a).bind(3, std::min(a + kBlockRows - 1, last));
            block.bind(4, d->blocks[k].first).bind(5, d->blocks[k].second);
            if (!block.exec()) {
                d->fail(QStringLiteral("cannot record the lookup blocks"));
                return failed(d->error);
            }
        }
    }
    SqliteStmt upsertNameTotal(d->db, "INSERT INTO name_totals(name_id, n, first_us, last_us) VALUES(?,?,?,?) "
                                      "ON CONFLICT DO UPDATE SET n = n + excluded.n, "
                                      "first_us = min(first_us, excluded.first_us), last_us = max(last_us, excluded.last_us)");
    SqliteStmt upsertClientTotal(d->db, "INSERT INTO client_totals(client_id, n, first_us, last_us) VALUES(?,?,?,?) "
                                        "ON CONFLICT DO UPDATE SET n = n + excluded.n, "
                                        "first_us = min(first_us, excluded.first_us), last_us = max(last_us, excluded.last_us)");
    for (size_t id = 0; id < d->nameTotals.size(); ++id) {
        const Totals3 &t = d->nameTotals[id];
        if (t.n == 0)
            continue;
        upsertNameTotal.bind(1, int64_t(id)).bind(2, t.n).bind(3, t.first).bind(4, t.last);
        if (!upsertNameTotal.exec()) {
            d->fail(QStringLiteral("cannot update name totals"));
            return failed(d->error);
        }
    }
    for (size_t id = 0; id < d->clientTotals.size(); ++id) {
        const Totals3 &t = d->clientTotals[id];
        if (t.n == 0)
            continue;
        upsertClientTotal.bind(1, int64_t(id)).bind(2, t.n).bind(3, t.first).bind(4, t.last);
        if (!upsertClientTotal.exec()) {
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
        f.bind(14, d->writer->rowFirst()).bind(15, d->writer->rowLast()).bind(16, d->tMin).bind(17, d->tMax);
    f.bind(18, d->fileId);
    if (!total.exec() || !f.exec()) {
        d->fail(QStringLiteral("cannot record the file"));
        return failed(d->error);
    }
    QString e;
    if (!sqliteExec(d->db, "COMMIT", &e))
        return failed(QStringLiteral("cannot commit: %1").arg(e));
    d->writer->stop();
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
    // The writer thread stops after the batch it is writing (at most kBatchRows rows), so that a
    // cancel returns at once; nothing it wrote survives the rollback.
    if (d->writer)
        d->writer->stop();
    sqliteExec(d->db, "ROLLBACK");
    d->store->m_importOpen = false;
    d->store->m_import = nullptr;
}

void Store::syncImport() const
{
    if (m_import && m_import->d && m_import->d->writer) {
        QString ignored; // a failed write is reported by the import itself
        m_import->d->writer->drain(&ignored);
    }
}

void FileImport::detach()
{
    rollback();
    d.reset(); // finalizes the statements before the Store closes its connection
}

} // namespace dnt
