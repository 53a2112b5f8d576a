#include "importwriter.h"

#include "packedminutes.h"

#include <algorithm>
#include <tuple>

namespace dnt {

bool ImportWriter::prepare(QString *error)
{
    const bool ok =
        m_lookups.prepare(m_db, "INSERT INTO lookups(t, name_id, client_id, server_id, qtype, rcode, file_id, line)", 8, "")
        && m_mergeNameDay.prepare(m_db, "INSERT INTO name_days(name_id, day, data) VALUES(?,?,?) "
                                        "ON CONFLICT DO UPDATE SET data = dnt_merge(data, excluded.data, 1)")
        && m_mergeClientDay.prepare(m_db, "INSERT INTO client_days(client_id, day, data) VALUES(?,?,?) "
                                          "ON CONFLICT DO UPDATE SET data = dnt_merge(data, excluded.data, 1)")
        && m_minuteTotal.prepare(m_db, "INSERT INTO minute_total(minute, n)", 2, "ON CONFLICT DO UPDATE SET n = n + excluded.n")
        && m_insertName.prepare(m_db, "INSERT INTO names(id, name, rev) VALUES(?,?,?)")
        && m_insertClient.prepare(m_db, "INSERT INTO clients(id, address) VALUES(?,?)")
        && m_insertImage.prepare(m_db, "INSERT INTO images(id, path) VALUES(?,?)")
        && m_insertLookupImage.prepare(m_db, "INSERT INTO lookup_images(row, image_id) VALUES(?,?)");
    if (!ok)
        *error = QString::fromUtf8(sqlite3_errmsg(m_db));
    return ok;
}

void ImportWriter::start()
{
    m_thread = std::thread([this] { run(); });
}

bool ImportWriter::submit(WriteBatch &batch)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.size() < kMaxQueued || m_failed; });
    if (m_failed)
        return false;
    m_queue.push_back(std::move(batch));
    if (!m_spare.empty()) {
        batch = std::move(m_spare.back());
        m_spare.pop_back();
    } else {
        batch = WriteBatch();
    }
    m_changed.notify_all();
    return true;
}

bool ImportWriter::drain(QString *error)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return (m_queue.empty() && !m_busy) || m_failed; });
    if (m_failed) {
        *error = m_error;
        return false;
    }
    return true;
}

void ImportWriter::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_abort = true;
        m_queue.clear();
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void ImportWriter::run()
{
    std::unique_lock lock(m_mutex);
    while (true) {
        m_changed.wait(lock, [this] { return m_stop || !m_queue.empty(); });
        if (m_stop)
            return;
        WriteBatch batch = std::move(m_queue.front());
        m_queue.pop_front();
        m_busy = true;
        lock.unlock();
        const bool ok = write(batch);
        batch.clear();
        // A batch that carried a roll-up run holds megabytes: recycle only the small vectors, or every
        // spare batch would keep a run's worth of memory.
        std::vector<RollupEntry>().swap(batch.rollup);
        lock.lock();
        m_busy = false;
        if (m_spare.size() < kMaxSpare)
            m_spare.push_back(std::move(batch));
        if (!ok) {
            m_failed = true;
            m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
            m_queue.clear();
        }
        m_changed.notify_all();
        if (!ok)
            return;
    }
}

bool ImportWriter::write(WriteBatch &b)
{
    for (const NewText &n : b.names) {
        m_insertName.bind(1, n.id).bind(2, std::string_view(n.text)).bind(3, std::string_view(n.rev));
        if (!m_insertName.exec())
            return false;
    }
    for (const NewText &c : b.clients) {
        m_insertClient.bind(1, c.id).bind(2, std::string_view(c.text));
        if (!m_insertClient.exec())
            return false;
    }
    for (const NewText &i : b.images) {
        m_insertImage.bind(1, i.id).bind(2, std::string_view(i.text));
        if (!m_insertImage.exec())
            return false;
    }
    for (const LookupRow &r : b.lookups) {
        const int64_t row[8] = {r.t, r.name, r.client, r.server, r.qtype, r.rcode, m_fileId, r.line};
        if (!m_lookups.add(row))
            return false;
    }
    // Every batch ends written, so that drain() leaves nothing pending.
    if (!m_lookups.flush())
        return false;
    // The batch's rows got contiguous rowids ending at lastRowid() (one transaction, appended).
    const int64_t batchFirst = m_lookups.lastRowid() - int64_t(b.lookups.size()) + 1;
    for (const auto &[index, image] : b.lookupImages) {
        m_insertLookupImage.bind(1, batchFirst + int64_t(index)).bind(2, int64_t(image));
        if (!m_insertLookupImage.exec())
            return false;
    }
    return b.rollup.empty() || writeRun(b.rollup);
}

// A run, sorted by (name, minute, client), gives one name_days blob per (name, day) it touches; sorted by
// (client, minute), one client_days blob per (client, day) and the run's minute totals. Each is merged
// into what the project holds already: a day that two runs share (logs come in time order, so a run
// covers a few days and shares at most the first and last with its neighbours) is decoded and packed
// again once more; a new key is a plain insert.
bool ImportWriter::writeRun(std::vector<RollupEntry> &run)
{
    std::sort(run.begin(), run.end(), [](const RollupEntry &x, const RollupEntry &y) {
        return std::tie(x.name, x.minute, x.client) < std::tie(y.name, y.minute, y.client);
    });
    std::vector<packed::Entry> day;
    std::string blob;
    auto merge = [&](SqliteStmt &stmt, int64_t key, int64_t d, int fields) {
        blob.clear();
        packed::encode(day.data(), day.data() + day.size(), fields, &blob);
        stmt.bind(1, key).bind(2, d).bindBlob(3, blob.data(), blob.size());
        return stmt.exec();
    };
    for (size_t i = 0; i < run.size();) {
        const int64_t name = run[i].name, d = packed::dayOf(run[i].minute), end = (d + 1) * packed::kMinutesPerDay;
        day.clear();
        for (; i < run.size() && run[i].name == name && run[i].minute < end; ++i) {
            const int64_t m = run[i].minute - d * packed::kMinutesPerDay;
            if (!day.empty() && day.back().minute == m && day.back().client == run[i].client)
                day.back().n += run[i].n;
            else
                day.push_back({m, run[i].client, run[i].n});
        }
        if (!merge(m_mergeNameDay, name, d, 3) || m_abort)
            return false;
    }
    std::sort(run.begin(), run.end(), [](const RollupEntry &x, const RollupEntry &y) {
        return std::tie(x.client, x.minute) < std::tie(y.client, y.minute);
    });
    int64_t minMinute = run.front().minute, maxMinute = run.front().minute;
    for (size_t i = 0; i < run.size();) {
        const int64_t client = run[i].client, d = packed::dayOf(run[i].minute), end = (d + 1) * packed::kMinutesPerDay;
        day.clear();
        for (; i < run.size() && run[i].client == client && run[i].minute < end; ++i) {
            const int64_t m = run[i].minute - d * packed::kMinutesPerDay;
            minMinute = std::min(minMinute, run[i].minute);
            maxMinute = std::max(maxMinute, run[i].minute);
            if (!day.empty() && day.back().minute == m)
                day.back().n += run[i].n;
            else
                day.push_back({m, 0, run[i].n});
        }
        if (!merge(m_mergeClientDay, client, d, 2) || m_abort)
            return false;
    }
    // minute_total: a dense count per minute of the run's span (a run spans days, not years, when the log
    // is in time order); a wider span is sorted instead.
    std::vector<std::array<int64_t, 2>> totals;
    if (maxMinute - minMinute < 4 * 1024 * 1024) {
        std::vector<int64_t> perMinute(size_t(maxMinute - minMinute + 1), 0);
        for (const RollupEntry &e : run)
            perMinute[size_t(e.minute - minMinute)] += e.n;
        for (size_t m = 0; m < perMinute.size(); ++m)
            if (perMinute[m])
                totals.push_back({minMinute + int64_t(m), perMinute[m]});
    } else {
        for (const RollupEntry &e : run)
            totals.push_back({e.minute, e.n});
        std::sort(totals.begin(), totals.end());
        size_t out = 0;
        for (size_t i = 0; i < totals.size(); ++i) {
            if (out && totals[out - 1][0] == totals[i][0])
                totals[out - 1][1] += totals[i][1];
            else
                totals[out++] = totals[i];
        }
        totals.resize(out);
    }
    for (const auto &t : totals)
        if (!m_minuteTotal.add(t.data()))
            return false;
    return m_minuteTotal.flush();
}

} // namespace dnt
