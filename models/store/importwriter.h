#pragma once

#include "bulkinsert.h"
#include "sqlitestmt.h"

#include <QString>

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace dnt {

// One lookup row as the bulk writer stores it (file_id is the writer's).
struct LookupRow
{
    int64_t t, line;
    int32_t name, client, server; // dictionary ids (FileImport refuses more than 2^31 - 1)
    uint16_t qtype;
    int16_t rcode;
};
static_assert(sizeof(LookupRow) == 32);

struct NewText
{
    int64_t id;
    std::string text;
    std::string rev; // names only: the reversed labels
};

// One lookup's place in the per-minute roll-ups: (name, minute, client) and a count.
struct RollupEntry
{
    int64_t name;
    int64_t minute;
    int64_t client;
    int64_t n;
};

// What the parsing thread hands to the writing thread in one go, written in this order.
struct WriteBatch
{
    std::vector<NewText> names, clients, images;
    std::vector<LookupRow> lookups;
    // (index into lookups, image id) for the lookups that name a process image; empty for most formats,
    // which then pay nothing for the attribute.
    std::vector<std::pair<uint32_t, int32_t>> lookupImages;
    // A run of roll-up entries in arrival order (keys may repeat): the writer sorts it and merges it into
    // name_days, client_days and minute_total.
    std::vector<RollupEntry> rollup;
    void clear()
    {
        names.clear();
        clients.clear();
        images.clear();
        lookups.clear();
        lookupImages.clear();
        rollup.clear();
    }
    bool empty() const
    {
        return names.empty() && clients.empty() && images.empty() && lookups.empty() && rollup.empty();
    }
};

// The SQLite side of a FileImport on a thread of its own, so that reading and dictionary-encoding the
// log (on the caller's thread) overlaps with SQLite's B-tree work and with sorting and packing the
// roll-ups. The connection is used by this thread
// only between start() and drain()/stop(); after drain() returns the caller may use it again (the
// writer then waits for the next batch without touching it). At most kMaxQueued batches wait, so memory
// stays bounded however fast the reader is.
class ImportWriter
{
public:
    // Deep enough that the reader keeps reading while a roll-up run is sorted and merged (with 3 batches
    // both threads waited ~2.8 s each per 10M lookups, taking turns); 24 × 32,768 rows × 32 bytes = 25 MB.
    static constexpr size_t kMaxQueued = 12;
    static constexpr size_t kMaxSpare = 4; // emptied batches kept for their capacity

    ImportWriter(sqlite3 *db, int64_t fileId) : m_db(db), m_fileId(fileId) {}
    ~ImportWriter() { stop(); }

    bool prepare(QString *error);
    void start();
    // Queues a batch (taking its contents; `batch` comes back empty, with a spare batch's capacity).
    // Blocks while the queue is full. false if writing failed (see drain() for the message).
    bool submit(WriteBatch &batch);
    // Waits until every queued batch is written. false with *error if one failed.
    bool drain(QString *error);
    // Abandons the queued batches and ends the thread (the caller rolls the transaction back).
    void stop();

    // The rowid range of the lookups written so far (valid after drain(); contiguous).
    int64_t rowFirst() const { return m_lookups.lastRowid() - m_lookups.written() + 1; }
    int64_t rowLast() const { return m_lookups.lastRowid(); }

private:
    void run();
    bool write(WriteBatch &b);
    bool writeRun(std::vector<RollupEntry> &run);

    sqlite3 *m_db;
    int64_t m_fileId;
    BulkInsert m_lookups, m_minuteTotal;
    SqliteStmt m_insertName, m_insertClient, m_insertImage, m_insertLookupImage, m_mergeNameDay, m_mergeClientDay;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<WriteBatch> m_queue;
    std::vector<WriteBatch> m_spare;
    bool m_busy = false;
    bool m_stop = false;
    std::atomic<bool> m_abort{false}; // stop(): a run being written ends early (the caller rolls back)
    bool m_failed = false;
    QString m_error;
};

} // namespace dnt
