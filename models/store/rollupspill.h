#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <queue>
#include <tuple>
#include <vector>

namespace dnt {

// One lookup's place in the per-minute roll-up: (name, minute, client) and a count.
struct RollupEntry
{
    int64_t name;
    int64_t minute;
    int64_t client;
    int64_t n;
};

inline bool rollupKeyLess(const RollupEntry &x, const RollupEntry &y)
{
    return std::tie(x.name, x.minute, x.client) < std::tie(y.name, y.minute, y.client);
}

inline bool rollupKeyEqual(const RollupEntry &x, const RollupEntry &y)
{
    return x.name == y.name && x.minute == y.minute && x.client == y.client;
}

// Sorted runs of roll-up entries in an anonymous temporary file, merged once at commit, so that
// minute_counts (keyed by name first, while logs come in time order) is written once per key and in key
// order — appended to the end of a fresh B-tree, or walking an existing one front to back — instead of
// an UPSERT pass over the whole tree per run. Memory: read buffers of 32 MB in all at merge time.
class RollupSpill
{
public:
    ~RollupSpill()
    {
        if (m_file)
            std::fclose(m_file);
    }

    // Appends one run, sorted by key with equal keys summed.
    bool addRun(const std::vector<RollupEntry> &run)
    {
        if (run.empty())
            return true;
        if (!m_file && !(m_file = std::tmpfile()))
            return false;
        if (std::fseek(m_file, 0, SEEK_END) != 0)
            return false;
        if (std::fwrite(run.data(), sizeof(RollupEntry), run.size(), m_file) != run.size())
            return false;
        m_runs.push_back({m_end, static_cast<int64_t>(run.size())});
        m_end += static_cast<int64_t>(run.size());
        return true;
    }

    bool empty() const { return m_runs.empty(); }

    // Visits every key once, in key order, with its counts summed over all runs and `last` (a sorted
    // run kept in memory). visit(const RollupEntry &) returns false to stop; false on a read error or stop.
    template <typename Visit>
    bool merge(const std::vector<RollupEntry> &last, Visit visit)
    {
        struct Cursor
        {
            int64_t next = 0, end = 0; // entries in the file not yet buffered
            std::vector<RollupEntry> buffer;
            size_t pos = 0;
            const std::vector<RollupEntry> *memory = nullptr;
            const RollupEntry &head() const { return memory ? (*memory)[pos] : buffer[pos]; }
        };
        std::vector<Cursor> cursors(m_runs.size() + 1);
        const size_t chunk = m_runs.empty() ? 0 : std::max<size_t>(1024, (size_t(1) << 20) / m_runs.size());
        auto refill = [&](Cursor &c) {
            if (c.memory)
                return c.pos < c.memory->size();
            if (c.pos < c.buffer.size())
                return true;
            const int64_t take = std::min<int64_t>(static_cast<int64_t>(chunk), c.end - c.next);
            if (take <= 0)
                return false;
            c.buffer.resize(static_cast<size_t>(take));
            if (std::fseek(m_file, static_cast<long>(c.next * int64_t(sizeof(RollupEntry))), SEEK_SET) != 0
                || std::fread(c.buffer.data(), sizeof(RollupEntry), c.buffer.size(), m_file) != c.buffer.size()) {
                m_readError = true;
                return false;
            }
            c.next += take;
            c.pos = 0;
            return true;
        };
        auto greater = [&](size_t a, size_t b) { return rollupKeyLess(cursors[b].head(), cursors[a].head()); };
        std::priority_queue<size_t, std::vector<size_t>, decltype(greater)> heap(greater);
        for (size_t i = 0; i < m_runs.size(); ++i) {
            cursors[i].next = m_runs[i].first;
            cursors[i].end = m_runs[i].first + m_runs[i].second;
            if (refill(cursors[i]))
                heap.push(i);
        }
        cursors.back().memory = &last;
        if (!last.empty())
            heap.push(cursors.size() - 1);
        if (m_readError)
            return false;
        bool have = false;
        RollupEntry acc{};
        while (!heap.empty()) {
            const size_t i = heap.top();
            heap.pop();
            const RollupEntry e = cursors[i].head();
            ++cursors[i].pos;
            if (refill(cursors[i]))
                heap.push(i);
            if (m_readError)
                return false;
            if (have && rollupKeyEqual(acc, e)) {
                acc.n += e.n;
                continue;
            }
            if (have && !visit(acc))
                return false;
            acc = e;
            have = true;
        }
        return !have || visit(acc);
    }

private:
    std::FILE *m_file = nullptr;
    std::vector<std::pair<int64_t, int64_t>> m_runs; // (first entry, count)
    int64_t m_end = 0;
    bool m_readError = false;
};

} // namespace dnt
