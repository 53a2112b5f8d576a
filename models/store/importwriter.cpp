#include "importwriter.h"

namespace dnt {

bool ImportWriter::prepare(QString *error)
{
    const bool ok =
        m_lookups.prepare(m_db, "INSERT INTO lookups(t, name_id, client_id, server_id, qtype, rcode, file_id, line)", 8, "")
        && m_minuteAll.prepare(m_db, "INSERT INTO minute_all(minute, client_id, n)", 3,
                               "ON CONFLICT DO UPDATE SET n = n + excluded.n")
        && m_minuteTotal.prepare(m_db, "INSERT INTO minute_total(minute, n)", 2, "ON CONFLICT DO UPDATE SET n = n + excluded.n")
        && m_insertName.prepare(m_db, "INSERT INTO names(id, name, rev) VALUES(?,?,?)")
        && m_insertClient.prepare(m_db, "INSERT INTO clients(id, address) VALUES(?,?)");
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
        // A batch that carried a run's minute_all rows holds megabytes: recycle only the small vectors,
        // or every spare batch would keep a run's worth of memory.
        if (batch.minuteAll.capacity() > 65536)
            std::vector<std::array<int64_t, 3>>().swap(batch.minuteAll);
        lock.lock();
        m_busy = false;
        if (m_spare.size() < kMaxQueued)
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

bool ImportWriter::write(const WriteBatch &b)
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
    for (const LookupRow &r : b.lookups) {
        const int64_t row[8] = {r.t, r.name, r.client, r.server, r.qtype, r.rcode, m_fileId, r.line};
        if (!m_lookups.add(row))
            return false;
    }
    // Every batch ends written, so that drain() leaves nothing pending.
    if (!m_lookups.flush())
        return false;
    for (const auto &a : b.minuteAll)
        if (!m_minuteAll.add(a.data()))
            return false;
    if (!m_minuteAll.flush())
        return false;
    for (const auto &t : b.minuteTotal)
        if (!m_minuteTotal.add(t.data()))
            return false;
    return m_minuteTotal.flush();
}

} // namespace dnt
