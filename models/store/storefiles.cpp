// Rejected lines per file, and removing a file's lookups (and bringing them back) with every roll-up
// kept exact. A removed file's rows wait in removed_lookups until purgeRemovedFiles(), so that an undo
// restores them exactly; its files row stays (with sha256 NULL, which hides it everywhere) so that its
// id is never reused by a later import.
#include "sqlitestmt.h"
#include "store.h"
#include "storeinternal.h"

#include <QHash>
#include <QSet>

#include <tuple>
#include <vector>

namespace dnt {

namespace {

constexpr int kMaxRejectText = 500;
// floor(t / 1 minute), for negative times too (the roll-ups' minute).
#define DNT_MINUTE "(CASE WHEN t >= 0 OR t % 60000000 = 0 THEN t / 60000000 ELSE t / 60000000 - 1 END)"

// The packed roll-ups of the lookups in rowids ?1 … ?2, added to (?3 = 1) or taken from (?3 = -1) the
// project's (see packedminutes.h).
const char *const kMergeNameDays =
    "INSERT INTO name_days(name_id, day, data) SELECT name_id, dnt_day(m), dnt_pack(m, client_id, 1) FROM "
    "(SELECT name_id, client_id, " DNT_MINUTE " AS m FROM lookups WHERE rowid BETWEEN ?1 AND ?2) WHERE true GROUP BY 1, 2 "
    "ON CONFLICT DO UPDATE SET data = dnt_merge(data, excluded.data, ?3)";
const char *const kMergeClientDays =
    "INSERT INTO client_days(client_id, day, data) SELECT client_id, dnt_day(m), dnt_pack(m, 1) FROM "
    "(SELECT client_id, " DNT_MINUTE " AS m FROM lookups WHERE rowid BETWEEN ?1 AND ?2) WHERE true GROUP BY 1, 2 "
    "ON CONFLICT DO UPDATE SET data = dnt_merge(data, excluded.data, ?3)";

// Cut to at most max bytes without splitting a UTF-8 sequence.
std::string_view cutUtf8(std::string_view text, size_t max)
{
    if (text.size() <= max)
        return text;
    size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80)
        --n;
    return text.substr(0, n);
}

struct Txn
{
    sqlite3 *db;
    QString *error;
    bool fail(const QString &what)
    {
        *error = QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(db)));
        sqliteExec(db, "ROLLBACK");
        return false;
    }
    bool failPlain(const QString &message)
    {
        *error = message;
        sqliteExec(db, "ROLLBACK");
        return false;
    }
};

} // namespace

bool FileImport::addRejected(int64_t line, std::string_view reason, std::string_view text, QString *error)
{
    if (!connection()) {
        if (error)
            *error = QStringLiteral("the import is closed");
        return false;
    }
    if (m_rejects.size() < size_t(Store::kMaxStoredRejects))
        m_rejects.push_back({line, std::string(reason), std::string(cutUtf8(text, kMaxRejectText))});
    return true;
}

bool FileImport::writeRejected(QString *error)
{
    sqlite3 *db = connection();
    SqliteStmt s(db, "INSERT INTO rejected_lines(file_id, line, reason, text) VALUES(?,?,?,?)");
    for (const PendingReject &r : m_rejects) {
        s.bind(1, fileId()).bind(2, r.line).bind(3, std::string_view(r.reason)).bind(4, std::string_view(r.text));
        if (!s.ok() || !s.exec()) {
            *error = QStringLiteral("cannot store a rejected line: %1").arg(QString::fromUtf8(sqlite3_errmsg(db)));
            return false;
        }
        s.reset();
    }
    m_rejects.clear();
    return true;
}

QVector<RejectedLine> Store::rejectedLines(int64_t fileId) const
{
    QVector<RejectedLine> out;
    SqliteStmt s(m_db, "SELECT line, reason, text FROM rejected_lines WHERE file_id = ? ORDER BY line, rowid");
    s.bind(1, fileId);
    while (s.ok() && s.step() == SQLITE_ROW)
        out.append({s.int64(0), s.text(1), QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s.get(), 2)),
                                                             sqlite3_column_bytes(s.get(), 2))});
    return out;
}

bool Store::removeFile(int64_t fileId, QString *error)
{
    QString dummy;
    if (!error)
        error = &dummy;
    if (m_readOnly || m_importOpen) {
        *error = QStringLiteral("%1: cannot remove a file %2").arg(m_path, m_readOnly ? QStringLiteral("(read-only)")
                                                                                      : QStringLiteral("during an import"));
        return false;
    }
    if (!beginWrite(m_db, error))
        return false;
    Txn tx{m_db, error};
    SqliteStmt f(m_db, "SELECT sha256, row_first, row_last, t_first, t_last FROM files WHERE id = ? AND sha256 IS NOT NULL");
    f.bind(1, fileId);
    if (f.step() != SQLITE_ROW)
        return tx.failPlain(QStringLiteral("%1: there is no file %2").arg(m_path).arg(fileId));
    const QString sha = f.text(0);
    const bool hasRows = !f.isNull(1);
    const int64_t a = f.int64(1), b = f.int64(2), tFirst = f.int64(3), tLast = f.int64(4);
    if (hasRows) {
        struct Key
        {
            int64_t name, minute, client, n;
        };
        std::vector<Key> keys;
        SqliteStmt agg(m_db, "SELECT name_id, " DNT_MINUTE ", client_id, count(*) FROM lookups WHERE rowid BETWEEN ? AND ? "
                             "GROUP BY 1, 2, 3");
        agg.bind(1, a).bind(2, b);
        while (agg.step() == SQLITE_ROW)
            keys.push_back({agg.int64(0), agg.int64(1), agg.int64(2), agg.int64(3)});
        QHash<int64_t, int64_t> perMinute, perName, perClient;
        int64_t total = 0;
        for (const Key &k : keys) {
            perMinute[k.minute] += k.n;
            perName[k.name] += k.n;
            perClient[k.client] += k.n;
            total += k.n;
        }
        // The packed roll-ups lose exactly the file's entries (dnt_merge with sign -1); a day left empty
        // goes.
        for (const char *sql : {kMergeNameDays, kMergeClientDays}) {
            SqliteStmt s(m_db, sql);
            s.bind(1, a).bind(2, b).bind(3, int64_t(-1));
            if (!s.ok() || !s.exec())
                return tx.fail(QStringLiteral("cannot update minute counts"));
        }
        if (!sqliteExec(m_db, "DELETE FROM name_days WHERE length(data) <= 1; DELETE FROM client_days WHERE length(data) <= 1"))
            return tx.fail(QStringLiteral("cannot update minute counts"));
        SqliteStmt subTotal(m_db, "UPDATE minute_total SET n = n - ?2 WHERE minute = ?1");
        SqliteStmt delTotal(m_db, "DELETE FROM minute_total WHERE minute = ?1 AND n <= 0");
        for (auto it = perMinute.cbegin(); it != perMinute.cend(); ++it) {
            subTotal.bind(1, it.key()).bind(2, it.value());
            delTotal.bind(1, it.key());
            if (!subTotal.exec() || !delTotal.exec())
                return tx.fail(QStringLiteral("cannot update minute totals"));
        }
        // Totals per name and client; those whose first or last lookup may have been in this file get
        // their span again from the rows that stay.
        QSet<int64_t> respanNames, respanClients;
        for (auto [table, column, counts, respan] :
             {std::tuple{"name_totals", "name_id", &perName, &respanNames},
              std::tuple{"client_totals", "client_id", &perClient, &respanClients}}) {
            SqliteStmt sub(m_db, QStringLiteral("UPDATE %1 SET n = n - ?2 WHERE %2 = ?1 RETURNING n, first_us, last_us")
                                     .arg(QLatin1String(table), QLatin1String(column)).toUtf8().constData());
            SqliteStmt del(m_db, QStringLiteral("DELETE FROM %1 WHERE %2 = ?1").arg(QLatin1String(table), QLatin1String(column))
                                     .toUtf8().constData());
            for (auto it = counts->cbegin(); it != counts->cend(); ++it) {
                sub.bind(1, it.key()).bind(2, it.value());
                if (sub.step() != SQLITE_ROW)
                    return tx.fail(QStringLiteral("cannot update totals"));
                const int64_t left = sub.int64(0), first = sub.int64(1), last = sub.int64(2);
                sub.reset();
                if (left <= 0) {
                    del.bind(1, it.key());
                    if (!del.exec())
                        return tx.fail(QStringLiteral("cannot update totals"));
                } else if ((first >= tFirst && first <= tLast) || (last >= tFirst && last <= tLast)) {
                    respan->insert(it.key());
                }
            }
        }
        SqliteStmt meta(m_db, "UPDATE meta SET value = value - ? WHERE key = 'lookups'");
        meta.bind(1, total);
        SqliteStmt keep(m_db, "INSERT INTO removed_lookups(t, name_id, client_id, server_id, qtype, rcode, file_id, line) "
                              "SELECT t, name_id, client_id, server_id, qtype, rcode, file_id, line FROM lookups "
                              "WHERE rowid BETWEEN ? AND ? ORDER BY rowid");
        keep.bind(1, a).bind(2, b);
        SqliteStmt del(m_db, "DELETE FROM lookups WHERE rowid BETWEEN ? AND ?");
        del.bind(1, a).bind(2, b);
        // Process images by position in the file, so that an undo can give them to the new rowids.
        SqliteStmt keepImages(m_db, "INSERT INTO removed_lookup_images(file_id, pos, image_id) "
                                    "SELECT ?3, row - ?1, image_id FROM lookup_images WHERE row BETWEEN ?1 AND ?2");
        keepImages.bind(1, a).bind(2, b).bind(3, fileId);
        SqliteStmt delImages(m_db, "DELETE FROM lookup_images WHERE row BETWEEN ? AND ?");
        delImages.bind(1, a).bind(2, b);
        SqliteStmt blocks(m_db, "DELETE FROM lookup_blocks WHERE file_id = ?");
        blocks.bind(1, fileId);
        if (!meta.exec() || !keep.exec() || !del.exec() || !blocks.exec() || !keepImages.exec() || !delImages.exec())
            return tx.fail(QStringLiteral("cannot remove the lookups"));
        if (!respanNames.isEmpty() || !respanClients.isEmpty()) {
            QHash<int64_t, std::pair<int64_t, int64_t>> nameSpan, clientSpan;
            auto widen = [](QHash<int64_t, std::pair<int64_t, int64_t>> &h, int64_t id, int64_t t) {
                auto it = h.find(id);
                if (it == h.end())
                    h.insert(id, {t, t});
                else
                    *it = {std::min(it->first, t), std::max(it->second, t)};
            };
            SqliteStmt scan(m_db, "SELECT name_id, client_id, t FROM lookups");
            while (scan.step() == SQLITE_ROW) {
                const int64_t name = scan.int64(0), client = scan.int64(1), t = scan.int64(2);
                if (respanNames.contains(name))
                    widen(nameSpan, name, t);
                if (respanClients.contains(client))
                    widen(clientSpan, client, t);
            }
            SqliteStmt setName(m_db, "UPDATE name_totals SET first_us = ?2, last_us = ?3 WHERE name_id = ?1");
            SqliteStmt setClient(m_db, "UPDATE client_totals SET first_us = ?2, last_us = ?3 WHERE client_id = ?1");
            for (auto [span, stmt] : {std::pair{&nameSpan, &setName}, std::pair{&clientSpan, &setClient}}) {
                for (auto it = span->cbegin(); it != span->cend(); ++it) {
                    stmt->bind(1, it.key()).bind(2, it->first).bind(3, it->second);
                    if (!stmt->exec())
                        return tx.fail(QStringLiteral("cannot update totals"));
                }
            }
        }
    }
    SqliteStmt trash(m_db, "INSERT INTO removed_files(file_id, sha256) VALUES(?, ?)");
    trash.bind(1, fileId).bind(2, sha);
    SqliteStmt hide(m_db, "UPDATE files SET sha256 = NULL, row_first = NULL, row_last = NULL WHERE id = ?");
    hide.bind(1, fileId);
    if (!trash.exec() || !hide.exec())
        return tx.fail(QStringLiteral("cannot remove the file"));
    if (!sqliteExec(m_db, "COMMIT", error))
        return tx.fail(QStringLiteral("cannot commit"));
    return true;
}

bool Store::restoreFile(int64_t fileId, QString *error)
{
    QString dummy;
    if (!error)
        error = &dummy;
    if (m_readOnly || m_importOpen) {
        *error = QStringLiteral("%1: cannot restore a file now").arg(m_path);
        return false;
    }
    if (!beginWrite(m_db, error))
        return false;
    Txn tx{m_db, error};
    SqliteStmt f(m_db, "SELECT r.sha256, f.path FROM removed_files r JOIN files f ON f.id = r.file_id WHERE r.file_id = ?");
    f.bind(1, fileId);
    if (f.step() != SQLITE_ROW)
        return tx.failPlain(QStringLiteral("%1: file %2 was not removed, or is gone for good").arg(m_path).arg(fileId));
    const QString sha = f.text(0), path = f.text(1);
    SqliteStmt dup(m_db, "SELECT path FROM files WHERE sha256 = ?");
    dup.bind(1, sha);
    if (dup.step() == SQLITE_ROW)
        return tx.failPlain(QStringLiteral("%1 cannot come back: the same content was imported again since (%2)")
                                .arg(path, dup.text(0)));
    int64_t base = 0;
    {
        SqliteStmt max(m_db, "SELECT coalesce(max(rowid), 0) FROM lookups");
        if (max.step() == SQLITE_ROW)
            base = max.int64(0);
    }
    // One INSERT…SELECT in rowid order: the rows get the next rowids, contiguous, as an import gives.
    SqliteStmt back(m_db, "INSERT INTO lookups(t, name_id, client_id, server_id, qtype, rcode, file_id, line) "
                          "SELECT t, name_id, client_id, server_id, qtype, rcode, file_id, line FROM removed_lookups "
                          "WHERE file_id = ? ORDER BY rowid");
    back.bind(1, fileId);
    if (!back.exec())
        return tx.fail(QStringLiteral("cannot restore the lookups"));
    const int64_t n = sqlite3_changes64(m_db);
    const int64_t a = base + 1, b = base + n;
    if (n > 0) {
        const char *const upserts[] = {
            kMergeNameDays,
            kMergeClientDays,
            "INSERT INTO lookup_blocks(file_id, row_first, row_last, t_min, t_max) SELECT file_id, min(rowid), max(rowid), "
            "min(t), max(t) FROM lookups WHERE rowid BETWEEN ?1 AND ?2 GROUP BY file_id, (rowid - ?1) / 4096",
            "INSERT INTO minute_total(minute, n) SELECT " DNT_MINUTE ", count(*) "
            "FROM lookups WHERE rowid BETWEEN ?1 AND ?2 GROUP BY 1 ON CONFLICT DO UPDATE SET n = n + excluded.n",
            "INSERT INTO name_totals(name_id, n, first_us, last_us) SELECT name_id, count(*), min(t), max(t) "
            "FROM lookups WHERE rowid BETWEEN ?1 AND ?2 GROUP BY 1 ON CONFLICT DO UPDATE SET n = n + excluded.n, "
            "first_us = min(first_us, excluded.first_us), last_us = max(last_us, excluded.last_us)",
            "INSERT INTO client_totals(client_id, n, first_us, last_us) SELECT client_id, count(*), min(t), max(t) "
            "FROM lookups WHERE rowid BETWEEN ?1 AND ?2 GROUP BY 1 ON CONFLICT DO UPDATE SET n = n + excluded.n, "
            "first_us = min(first_us, excluded.first_us), last_us = max(last_us, excluded.last_us)",
        };
        for (const char *sql : upserts) {
            SqliteStmt s(m_db, sql);
            s.bind(1, a).bind(2, b).bind(3, int64_t(1));
            if (!s.ok() || !s.exec())
                return tx.fail(QStringLiteral("cannot restore the roll-ups"));
        }
        SqliteStmt meta(m_db, "UPDATE meta SET value = value + ? WHERE key = 'lookups'");
        meta.bind(1, n);
        SqliteStmt images(m_db, "INSERT INTO lookup_images(row, image_id) SELECT ?2 + pos, image_id "
                                "FROM removed_lookup_images WHERE file_id = ?1");
        images.bind(1, fileId).bind(2, a);
        if (!meta.exec() || !images.exec())
            return tx.fail(QStringLiteral("cannot restore the totals"));
    }
    SqliteStmt show(m_db, "UPDATE files SET sha256 = ?2, row_first = ?3, row_last = ?4 WHERE id = ?1");
    show.bind(1, fileId).bind(2, sha);
    if (n > 0)
        show.bind(3, a).bind(4, b);
    else
        show.bindNull(3).bindNull(4);
    SqliteStmt dropRows(m_db, "DELETE FROM removed_lookups WHERE file_id = ?");
    dropRows.bind(1, fileId);
    SqliteStmt dropFile(m_db, "DELETE FROM removed_files WHERE file_id = ?");
    dropFile.bind(1, fileId);
    SqliteStmt dropImages(m_db, "DELETE FROM removed_lookup_images WHERE file_id = ?");
    dropImages.bind(1, fileId);
    if (!show.exec() || !dropRows.exec() || !dropFile.exec() || !dropImages.exec())
        return tx.fail(QStringLiteral("cannot restore the file"));
    if (!sqliteExec(m_db, "COMMIT", error))
        return tx.fail(QStringLiteral("cannot commit"));
    return true;
}

bool Store::purgeRemovedFiles(QString *error)
{
    if (m_readOnly || m_importOpen)
        return true; // nothing to do now; the next read-write open purges
    return sqliteExec(m_db,
                      "BEGIN IMMEDIATE;"
                      "DELETE FROM rejected_lines WHERE file_id IN (SELECT file_id FROM removed_files);"
                      "DELETE FROM files WHERE id IN (SELECT file_id FROM removed_files);"
                      "DELETE FROM removed_lookups; DELETE FROM removed_files; DELETE FROM removed_lookup_images;"
                      // Paths no lookup names any more go with their last file.
                      "DELETE FROM images WHERE id NOT IN (SELECT image_id FROM lookup_images);"
                      "COMMIT",
                      error)
           || (sqliteExec(m_db, "ROLLBACK"), false);
}

} // namespace dnt
