// The records table's reads: pages of lookups by key range on the time index, and exact counts from
// the roll-ups. Never OFFSET, never a COUNT(*) over the lookups.
#include "packedminutes.h"
#include "sqlitestmt.h"
#include "store.h"
#include "storeinternal.h"

#include <QFileInfo>
#include <QHash>
#include <QHostAddress>

#include <algorithm>
#include <vector>

namespace dnt {

namespace {
const char *const kIndexName = "lookups_t";
} // namespace

std::atomic<int> g_writersWaiting{0};

bool beginWrite(sqlite3 *db, QString *error)
{
    ++g_writersWaiting;
    const bool ok = sqliteExec(db, "BEGIN IMMEDIATE", error);
    --g_writersWaiting;
    return ok;
}

namespace {
struct IndexCancel
{
    const std::atomic<bool> *cancel;
    bool yielded = false;
};
} // namespace

bool Store::hasRecordIndex() const
{
    SqliteStmt s(m_db, "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'lookups_t'");
    return s.ok() && s.step() == SQLITE_ROW;
}

bool Store::ensureRecordIndex(QString *error, const std::atomic<bool> *cancel, bool *interrupted)
{
    QString dummy;
    if (!error)
        error = &dummy;
    if (hasRecordIndex())
        return true;
    if (m_readOnly || m_importOpen) {
        *error = QStringLiteral("%1: the records index cannot be built now (%2)")
                     .arg(m_path, m_readOnly ? QStringLiteral("read-only") : QStringLiteral("an import is running"));
        return false;
    }
    // name_id and client_id in the index: a selection is checked without reading the table, and the
    // index order (t, name_id, client_id, rowid) is the page order.
    // Stops (and rolls back) when the caller cancels or another writer of this process wants the lock.
    IndexCancel state{cancel};
    sqlite3_progress_handler(
        m_db, 10000,
        [](void *p) {
            auto *st = static_cast<IndexCancel *>(p);
            st->yielded = (st->cancel && st->cancel->load()) || g_writersWaiting.load() > 0;
            return st->yielded ? 1 : 0;
        },
        &state);
    const bool ok = sqliteExec(m_db, "CREATE INDEX IF NOT EXISTS lookups_t ON lookups(t, name_id, client_id)", error);
    sqlite3_progress_handler(m_db, 0, nullptr, nullptr);
    if (interrupted)
        *interrupted = !ok && state.yielded;
    if (!ok) {
        *error = state.yielded ? QStringLiteral("%1: building the records index was interrupted").arg(m_path)
                               : QStringLiteral("%1: cannot build the records index: %2").arg(m_path, *error);
        return false;
    }
    return true;
}

RecordPage Store::recordPage(const RecordQuery &q, std::optional<RecordKey> after, int limit) const
{
    RecordPage page;
    if (!hasRecordIndex()) {
        page.error = QStringLiteral("%1 has no records index yet").arg(m_path);
        return page;
    }
    const SelectionIds ids = resolveSelectionIds(m_db, q.selection);
    if (ids.selectsNothing() || limit <= 0) {
        page.atEnd = ids.selectsNothing();
        return page;
    }
    // "+t": the row value is a filter, never the index's range (the range is ?1..?2 on t). With lookup
    // filters each candidate's row is read too (qtype, rcode and server are not in the index).
    const bool filtered = ids.lookup.active;
    const QByteArray sql = QByteArray(filtered ? "SELECT rowid, t, name_id, client_id, qtype, rcode, server_id FROM lookups INDEXED BY "
                                               : "SELECT rowid, t, name_id, client_id FROM lookups INDEXED BY ")
                           + kIndexName
                           + " WHERE t >= ?1 AND t < ?2"
                           + (after ? (q.descending ? " AND (+t, name_id, client_id, rowid) < (?3, ?4, ?5, ?6)"
                                                    : " AND (+t, name_id, client_id, rowid) > (?3, ?4, ?5, ?6)")
                                    : "")
                           + (q.descending ? " ORDER BY t DESC, name_id DESC, client_id DESC, rowid DESC"
                                           : " ORDER BY t, name_id, client_id, rowid");
    SqliteStmt scan(m_db, sql.constData());
    if (!scan.ok()) {
        page.error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return page;
    }
    // The seek is on t alone (SQLite does not seek on a row value that ends in the rowid): the key's time
    // narrows [?1, ?2), and the row value only drops the few rows of that same microsecond already shown.
    int64_t lo = q.fromUs.value_or(INT64_MIN), hi = q.toUs.value_or(INT64_MAX);
    if (after && !q.descending)
        lo = std::max(lo, after->timeUs);
    if (after && q.descending && after->timeUs < INT64_MAX)
        hi = std::min(hi, after->timeUs + 1);
    scan.bind(1, lo).bind(2, hi);
    if (after)
        scan.bind(3, after->timeUs).bind(4, after->nameId).bind(5, after->clientId).bind(6, after->rowid);
    auto picks = [&] {
        return ids.picks(scan.int64(2), scan.int64(3))
               && (!filtered || ids.lookup.picks(int(scan.int64(4)), int(scan.int64(5)), scan.int64(6)));
    };
    int rc = SQLITE_ROW;
    while (page.rows.size() < limit && (rc = scan.step()) == SQLITE_ROW) {
        ++page.indexRowsRead;
        const int64_t name = scan.int64(2), client = scan.int64(3);
        if (!picks())
            continue;
        RecordRow r;
        r.rowid = scan.int64(0);
        r.timeUs = scan.int64(1);
        r.nameId = name;
        r.clientId = client;
        page.rows.append(r);
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        page.error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return page;
    }
    // Also at the end when the page is full and nothing follows; one more step tells.
    page.atEnd = rc == SQLITE_DONE;
    if (!page.atEnd) {
        for (;;) {
            rc = scan.step();
            if (rc != SQLITE_ROW) {
                page.atEnd = true;
                break;
            }
            ++page.indexRowsRead;
            if (picks())
                break;
        }
    }
    page.fullScanSteps = sqlite3_stmt_status(scan.get(), SQLITE_STMTSTATUS_FULLSCAN_STEP, 0);
    page.vmSteps = sqlite3_stmt_status(scan.get(), SQLITE_STMTSTATUS_VM_STEP, 0);

    SqliteStmt detail(m_db, "SELECT n.name, c.address, s.address, l.qtype, l.rcode, l.file_id, l.line, im.path FROM lookups l "
                            "JOIN names n ON n.id = l.name_id JOIN clients c ON c.id = l.client_id "
                            "LEFT JOIN clients s ON s.id = l.server_id LEFT JOIN lookup_images li ON li.row = l.rowid "
                            "LEFT JOIN images im ON im.id = li.image_id WHERE l.rowid = ?");
    SqliteStmt file(m_db, "SELECT path FROM files WHERE id = ?");
    QHash<int64_t, QString> fileNames;
    // Who each client is: its label and its groups, once per client of the page.
    SqliteStmt label(m_db, "SELECT label FROM address_labels WHERE address = ?");
    QVector<QPair<QString, QVector<AddressFilter>>> groupFilters;
    for (const SourceGroup &g : groups()) {
        QVector<AddressFilter> members;
        for (const QString &m : g.members)
            if (const auto f = AddressFilter::parse(m))
                members.append(*f);
        groupFilters.append({g.name, members});
    }
    QHash<int64_t, QString> sources;
    auto sourceOf = [&](int64_t clientId, const QString &address) {
        auto it = sources.find(clientId);
        if (it != sources.end())
            return *it;
        QStringList parts;
        label.bind(1, address);
        if (label.step() == SQLITE_ROW)
            parts << label.text(0);
        label.reset();
        const QHostAddress a(address);
        QStringList in;
        for (const auto &[name, members] : std::as_const(groupFilters))
            if (std::any_of(members.cbegin(), members.cend(), [&a](const AddressFilter &f) { return f.matches(a); }))
                in << name;
        if (!in.isEmpty())
            parts << in.join(QStringLiteral(", "));
        return *sources.insert(clientId, parts.join(QStringLiteral(" · ")));
    };
    for (RecordRow &r : page.rows) {
        detail.bind(1, r.rowid);
        if (detail.step() == SQLITE_ROW) {
            r.name = detail.text(0);
            r.client = detail.text(1);
            r.source = sourceOf(r.clientId, r.client);
            r.server = detail.isNull(2) ? QString() : detail.text(2);
            r.qtype = static_cast<int>(detail.int64(3));
            r.rcode = static_cast<int>(detail.int64(4));
            const int64_t fileId = detail.int64(5);
            auto it = fileNames.find(fileId);
            if (it == fileNames.end()) {
                file.bind(1, fileId);
                it = fileNames.insert(fileId, file.step() == SQLITE_ROW ? QFileInfo(file.text(0)).fileName() : QString());
                file.reset();
            }
            r.file = *it;
            r.line = detail.int64(6);
            r.process = detail.isNull(7) ? QString() : detail.text(7);
        }
        detail.reset();
    }
    return page;
}

int64_t Store::recordCount(const RecordQuery &q) const
{
    return countSelected(m_db, q.selection, q.fromUs, q.toUs);
}

} // namespace dnt

namespace dnt {

QVector<NameClients> Store::nameClients() const
{
    QVector<NameClients> out;
    QHash<int64_t, qsizetype> at;
    SqliteStmt names(m_db, "SELECT t.name_id, n.name, t.n FROM name_totals t JOIN names n ON n.id = t.name_id");
    while (names.step() == SQLITE_ROW) {
        at.insert(names.int64(0), out.size());
        out.append({names.text(1), names.int64(2), {}});
    }
    // Each name's distinct clients: a stamp per client id says whether the current name has it already.
    int64_t maxClient = 0;
    {
        SqliteStmt m(m_db, "SELECT coalesce(max(id), 0) FROM clients");
        if (m.step() == SQLITE_ROW)
            maxClient = m.int64(0);
    }
    std::vector<int64_t> stamp(size_t(maxClient) + 1, -1);
    SqliteStmt days(m_db, "SELECT name_id, data FROM name_days");
    NameClients *target = nullptr;
    int64_t current = -1;
    while (days.step() == SQLITE_ROW) {
        const int64_t name = days.int64(0);
        if (name != current) {
            if (target)
                std::sort(target->clientIds.begin(), target->clientIds.end());
            current = name;
            const auto it = at.constFind(name);
            target = it == at.cend() ? nullptr : &out[*it];
        }
        if (!target)
            continue;
        packed::Reader reader(days.blob(1), days.bytes(1));
        packed::Entry e;
        while (reader.next(&e)) {
            if (e.client < 0 || e.client > maxClient || stamp[size_t(e.client)] == name)
                continue;
            stamp[size_t(e.client)] = name;
            target->clientIds.append(e.client);
        }
    }
    if (target)
        std::sort(target->clientIds.begin(), target->clientIds.end());
    return out;
}

} // namespace dnt
