#pragma once

// The per-minute roll-ups, packed: one blob per (name, UTC day) of (minute, client, n) entries, and one
// per (client, UTC day) of (minute, n) entries. Ten million lookups are about ten million roll-up keys;
// as rows of their own they made two B-trees each as large as the lookups table (most of an import's
// time, and most of a busy name's query time); packed, they are a few hundred thousand rows of a few
// bytes per key.
//
// A blob: one byte giving the fields per entry (2: minute, n; 3: minute, client, n), plus 0x80 when the
// lookups per hour of the day follow as 24 varints (blobs of kHourHeaderMin entries or more: a busy name
// or client, whose whole days a chart with hour or coarser buckets reads from those 24 numbers alone),
// then the entries in (minute, client) order, each as unsigned LEB128 varints: the minute of the day as
// a difference from the previous entry's (the first from 0), the client id (3 fields only), and the
// count (never 0). An encoding is canonical: equal contents give equal bytes.
#include <cstdint>
#include <string>
#include <vector>

struct sqlite3;

namespace dnt::packed {

constexpr int64_t kMinutesPerDay = 1440;
constexpr size_t kHourHeaderMin = 128;

inline int64_t dayOf(int64_t minute)
{
    int64_t d = minute / kMinutesPerDay;
    if (minute % kMinutesPerDay && minute < 0)
        --d;
    return d;
}

// minute: the minute of the day (0 … 1439) inside a blob, the absolute minute (since the epoch)
// wherever a caller says so.
struct Entry
{
    int64_t minute;
    int64_t client;
    int64_t n;
};

inline bool entryLess(const Entry &a, const Entry &b)
{
    return a.minute != b.minute ? a.minute < b.minute : a.client < b.client;
}

// Appends the blob of entries (minutes of one day, sorted by entryLess, keys distinct, counts > 0) to out.
void encode(const Entry *begin, const Entry *end, int fields, std::string *out);

// Sorts, sums equal keys and drops zero counts, in place.
void normalize(std::vector<Entry> *entries);

// Reads a blob's entries one by one; stops at the end or at the first byte that does not fit (a damaged
// blob never reads out of bounds; damaged() says whether it stopped early).
class Reader
{
public:
    Reader(const void *data, int size)
        : m_p(static_cast<const unsigned char *>(data)), m_end(m_p + (size > 0 ? size : 0))
    {
        const int kind = m_p && m_p != m_end ? (*m_p & 0x7f) : 0;
        if (kind != 2 && kind != 3) {
            m_damaged = size > 0;
            m_p = m_end;
            return;
        }
        m_hasHours = *m_p & 0x80;
        m_fields = kind;
        ++m_p;
        for (int h = 0; m_hasHours && h < 24; ++h) {
            uint64_t v = 0;
            if (!varint(&v)) {
                m_damaged = true;
                m_p = m_end;
                return;
            }
            m_hours[h] = int64_t(v);
        }
    }

    int fields() const { return m_fields; }
    // The lookups per hour of the day, when the blob carries them.
    bool hasHours() const { return m_hasHours; }
    int64_t hour(int h) const { return m_hours[h]; }
    bool damaged() const { return m_damaged; }

    bool next(Entry *e)
    {
        if (m_p == m_end)
            return false;
        uint64_t delta = 0, client = 0, n = 0;
        if (!varint(&delta) || (m_fields == 3 && !varint(&client)) || !varint(&n) || n == 0
            || delta >= uint64_t(kMinutesPerDay) || m_minute + int64_t(delta) >= kMinutesPerDay) {
            m_damaged = true;
            m_p = m_end;
            return false;
        }
        m_minute += int64_t(delta);
        e->minute = m_minute;
        e->client = int64_t(client);
        e->n = int64_t(n);
        return true;
    }

private:
    bool varint(uint64_t *v)
    {
        uint64_t out = 0;
        for (int shift = 0; shift < 63 && m_p != m_end; shift += 7) {
            const unsigned char b = *m_p++;
            out |= uint64_t(b & 0x7f) << shift;
            if (!(b & 0x80)) {
                *v = out;
                return true;
            }
        }
        return false;
    }

    const unsigned char *m_p;
    const unsigned char *m_end;
    int m_fields = 0;
    bool m_hasHours = false;
    int64_t m_hours[24] = {};
    int64_t m_minute = 0;
    bool m_damaged = false;
};

// Decodes a whole blob (minutes of the day); false if it is damaged.
bool decode(const void *data, int size, std::vector<Entry> *out, int *fields = nullptr);

// Registers the SQL functions the store's statements use on this connection:
//   dnt_day(minute)                      the UTC day of an absolute minute
//   dnt_pack(minute, n) / dnt_pack(minute, client, n)   aggregate: the blob of a group's entries (absolute
//                                        minutes of one day; keys may repeat, they are summed)
//   dnt_merge(a, b, sign)                the blob of a + sign × b (sign 1 or -1; a may be NULL); an error
//                                        if a count would go negative or a blob is damaged
// A blob of no entries is the one header byte: callers delete rows WHERE length(data) <= 1.
bool registerFunctions(sqlite3 *db);

} // namespace dnt::packed
