// The read side: every query the chart and the lists need, answered from the dictionaries and the
// per-minute roll-ups; the lookups table is read only for the parts of a minute a range cuts, and only
// in the row ranges of the files that cover that minute.
#include "packedminutes.h"
#include "sqlitestmt.h"
#include "store.h"
#include "storeworkspace_p.h"
#include "storeinternal.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <vector>

namespace dnt {

namespace {

constexpr int64_t kMinute = 60000000; // µs per minute, the roll-up resolution

int64_t floorDiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

int64_t ceilDiv(int64_t a, int64_t b)
{
    return -floorDiv(-a, b);
}

QString reversedLabels(const QString &name)
{
    QStringList labels = name.split(QLatin1Char('.'));
    std::reverse(labels.begin(), labels.end());
    return labels.join(QLatin1Char('.'));
}

// A selection turned into dictionary ids. Only clients that asked something are candidates (the
// clients dictionary also holds servers), and every name in the dictionary has lookups, so a
// resolved selection with ids on both sides selects something unless the combination never occurs.
struct Resolved
{
    bool allNames = true;
    QVector<int64_t> nameIds;        // in the order found, duplicates removed
    QSet<int64_t> nameSet;
    QHash<int64_t, QString> nameLabels;
    bool allClients = true;
    QSet<int64_t> clientIds;
    QVector<GroupFilters> groups;    // the selection's groups, resolved
    LookupFilter lookup;             // rcode, qtype, server: when active, every visit reads the lookups
    QString error;                   // the selection cannot be used (a group that does not exist)

    bool selectsNothing() const
    {
        return (!allNames && nameIds.isEmpty()) || (!allClients && clientIds.isEmpty()) || lookup.selectsNothing();
    }
    bool picks(int64_t name, int64_t client) const
    {
        return (allNames || nameSet.contains(name)) && (allClients || clientIds.contains(client));
    }
};

// Visits (id, address, text) of every client that asked something (the dictionary also holds servers).
template <typename Visit>
void forEachClient(sqlite3 *db, Visit visit)
{
    SqliteStmt all(db, "SELECT c.id, c.address FROM client_totals t JOIN clients c ON c.id = t.client_id");
    while (all.step() == SQLITE_ROW) {
        QHostAddress a;
        const QString text = all.text(1);
        if (a.setAddress(text))
            visit(all.int64(0), a, text);
    }
}

Resolved resolve(sqlite3 *db, const Selection &sel)
{
    Resolved r;
    r.lookup = resolveLookupFilter(db, sel);
    auto take = [&r](SqliteStmt &s) {
        while (s.step() == SQLITE_ROW) {
            const int64_t id = s.int64(0);
            if (!r.nameSet.contains(id)) {
                r.nameSet.insert(id);
                r.nameIds.append(id);
                r.nameLabels.insert(id, s.text(1));
            }
        }
        s.reset();
    };
    if (sel.hasNameFilter()) {
        r.allNames = false;
        SqliteStmt exact(db, "SELECT id, name FROM names WHERE name = ?");
        for (const QString &n : sel.names) {
            exact.bind(1, normalizeName(n));
            take(exact);
        }
        // Domain D: rev = rev(D), or rev in [rev(D) + ".", rev(D) + "/"): '/' sorts right after '.',
        // so "com.trump-email.x" is in and "com.trump-emailx" is not. Both are index ranges.
        SqliteStmt domain(db, "SELECT id, name FROM names WHERE rev = ?1 OR (rev >= ?1 || '.' AND rev < ?1 || '/')");
        for (const QString &d : sel.domains) {
            const QString n = normalizeName(d);
            if (n.isEmpty())
                continue;
            domain.bind(1, reversedLabels(n));
            take(domain);
        }
    }
    if (sel.hasClientFilter()) {
        r.allClients = false;
        QVector<AddressFilter> filters;
        for (const QString &c : sel.clients)
            if (auto f = AddressFilter::parse(c))
                filters.append(*f);
        if (!resolveGroups(db, sel.groups, &r.groups, &r.error))
            return r;
        for (const GroupFilters &g : std::as_const(r.groups))
            filters += g.members;
        if (filters.isEmpty())
            return r;
        forEachClient(db, [&](int64_t id, const QHostAddress &a, const QString &) {
            if (std::any_of(filters.cbegin(), filters.cend(), [&a](const AddressFilter &f) { return f.matches(a); }))
                r.clientIds.insert(id);
        });
    }
    return r;
}

// Visits (absolute minute, client, n) of the packed blob in column col of s, a row of UTC day `day`,
// for the minutes in [fromMin, toMin).
template <typename Visit>
void visitPacked(const SqliteStmt &s, int col, int64_t day, int64_t fromMin, int64_t toMin, Visit visit)
{
    packed::Reader reader(s.blob(col), s.bytes(col));
    const int64_t base = day * packed::kMinutesPerDay;
    packed::Entry e;
    while (reader.next(&e)) {
        const int64_t minute = base + e.minute;
        if (minute >= toMin)
            break;
        if (minute >= fromMin)
            visit(minute, e.client, e.n);
    }
}

// Visits (name, client, timeUs, n) for the selection within [fromMin, toMin) minutes, from the roll-ups;
// timeUs is the start of the minute. Without a name filter the name is 0 unless needNames, which reads
// the per-name roll-up instead of the per-client one. wholeHours: the caller takes a whole hour in one
// visit (timeUs its start; its buckets are whole hours), so that days inside the range are read from a
// busy blob's 24 hourly totals instead of its entries — a query's cost then stops growing with the
// lookups per day. Per-name hourly totals count every client: used only without a client filter.
template <typename Visit>
void visitRollups(sqlite3 *db, const Resolved &r, int64_t fromMin, int64_t toMin, bool needNames, Visit visit,
                  bool needClients = true, bool wholeHours = false)
{
    if (fromMin >= toMin || r.selectsNothing())
        return;
    Q_ASSERT(!r.lookup.active); // the roll-ups cannot answer lookup filters: visitRange reads the lookups
    if (r.allNames && r.allClients && !needNames && !needClients) {
        // Everything, not split: one row per minute (the chart of a whole project opens from this).
        SqliteStmt s(db, "SELECT minute, n FROM minute_total WHERE minute >= ? AND minute < ?");
        s.bind(1, fromMin).bind(2, toMin);
        while (s.step() == SQLITE_ROW)
            visit(int64_t(0), int64_t(0), s.int64(0) * kMinute, s.int64(1));
        return;
    }
    const int64_t dayFrom = packed::dayOf(fromMin), dayTo = packed::dayOf(toMin - 1);
    // A whole day inside the range, from the blob's hourly totals if it has them.
    auto byHours = [&](const SqliteStmt &s, int col, int64_t day, int64_t name, int64_t client) {
        if (!wholeHours || needClients || day * packed::kMinutesPerDay < fromMin
            || (day + 1) * packed::kMinutesPerDay > toMin)
            return false;
        packed::Reader reader(s.blob(col), s.bytes(col));
        if (!reader.hasHours())
            return false;
        for (int h = 0; h < 24; ++h)
            if (reader.hour(h))
                visit(name, client, (day * packed::kMinutesPerDay + h * 60) * kMinute, reader.hour(h));
        return true;
    };
    if (r.allNames && !needNames) {
        auto perClient = [&](SqliteStmt &s, int64_t client, int dayCol) {
            if (byHours(s, dayCol + 1, s.int64(dayCol), 0, client))
                return;
            visitPacked(s, dayCol + 1, s.int64(dayCol), fromMin, toMin, [&](int64_t minute, int64_t, int64_t n) {
                visit(int64_t(0), client, minute * kMinute, n);
            });
        };
        if (r.allClients) {
            SqliteStmt s(db, "SELECT client_id, day, data FROM client_days WHERE day BETWEEN ? AND ?");
            s.bind(1, dayFrom).bind(2, dayTo);
            while (s.step() == SQLITE_ROW)
                perClient(s, s.int64(0), 1);
            return;
        }
        SqliteStmt s(db, "SELECT day, data FROM client_days WHERE client_id = ? AND day BETWEEN ? AND ?");
        for (int64_t client : r.clientIds) {
            s.bind(1, client).bind(2, dayFrom).bind(3, dayTo);
            while (s.step() == SQLITE_ROW)
                perClient(s, client, 0);
            s.reset();
        }
        return;
    }
    auto perName = [&](SqliteStmt &s, int64_t name, int dayCol) {
        if (r.allClients && byHours(s, dayCol + 1, s.int64(dayCol), name, 0))
            return;
        visitPacked(s, dayCol + 1, s.int64(dayCol), fromMin, toMin, [&](int64_t minute, int64_t client, int64_t n) {
            if (r.allClients || r.clientIds.contains(client))
                visit(name, client, minute * kMinute, n);
        });
    };
    if (r.allNames) {
        SqliteStmt s(db, "SELECT name_id, day, data FROM name_days WHERE day BETWEEN ? AND ?");
        s.bind(1, dayFrom).bind(2, dayTo);
        while (s.step() == SQLITE_ROW)
            perName(s, s.int64(0), 1);
        return;
    }
    SqliteStmt s(db, "SELECT day, data FROM name_days WHERE name_id = ? AND day BETWEEN ? AND ?");
    for (int64_t name : r.nameIds) {
        s.bind(1, name).bind(2, dayFrom).bind(3, dayTo);
        while (s.step() == SQLITE_ROW)
            perName(s, name, 0);
        s.reset();
    }
}

// Visits (name, client, timeUs, 1) for each selected lookup with a <= t < b, reading only the blocks of
// lookups whose time span overlaps [a, b) (one or two per file when the log is in time order). Used for
// the parts of minutes the roll-ups cannot split, and for whole ranges when the selection has lookup
// filters (rcode, qtype, server), which only the rows know.
template <typename Visit>
void visitLookups(sqlite3 *db, const Resolved &r, int64_t a, int64_t b, Visit visit)
{
    if (a >= b || r.selectsNothing())
        return;
    SqliteStmt blocks(db, "SELECT k.row_first, k.row_last FROM lookup_blocks k JOIN files f ON f.id = k.file_id "
                          "WHERE f.sha256 IS NOT NULL AND k.t_min < ?2 AND k.t_max >= ?1 ORDER BY k.row_first");
    const bool filtered = r.lookup.active;
    SqliteStmt rows(db, filtered ? "SELECT t, name_id, client_id, qtype, rcode, server_id FROM lookups "
                                   "WHERE rowid BETWEEN ? AND ? AND t >= ? AND t < ?"
                                 : "SELECT t, name_id, client_id FROM lookups WHERE rowid BETWEEN ? AND ? AND t >= ? AND t < ?");
    blocks.bind(1, a).bind(2, b);
    // Adjacent blocks are read as one range.
    std::vector<std::pair<int64_t, int64_t>> ranges;
    while (blocks.step() == SQLITE_ROW) {
        const int64_t first = blocks.int64(0), last = blocks.int64(1);
        if (!ranges.empty() && ranges.back().second + 1 == first)
            ranges.back().second = last;
        else
            ranges.push_back({first, last});
    }
    for (const auto &[first, last] : ranges) {
        rows.bind(1, first).bind(2, last).bind(3, a).bind(4, b);
        while (rows.step() == SQLITE_ROW) {
            const int64_t name = rows.int64(1), client = rows.int64(2);
            if (r.picks(name, client)
                && (!filtered || r.lookup.picks(int(rows.int64(3)), int(rows.int64(4)), rows.int64(5))))
                visit(name, client, rows.int64(0), int64_t(1));
        }
        rows.reset();
    }
}

// Visits every selected lookup with from <= t < to exactly once: whole minutes from the roll-ups, the
// partial minutes at either end from the lookups of the files that cover them.
template <typename Visit>
void visitRange(sqlite3 *db, const Resolved &r, int64_t from, int64_t to, bool needNames, Visit visit,
                bool needClients = true, bool wholeHours = false)
{
    if (from >= to)
        return;
    const int64_t fullFrom = ceilDiv(from, kMinute), fullTo = floorDiv(to, kMinute);
    if (fullFrom >= fullTo || r.lookup.active) {
        visitLookups(db, r, from, to, visit);
        return;
    }
    visitLookups(db, r, from, fullFrom * kMinute, visit);
    visitRollups(db, r, fullFrom, fullTo, needNames, visit, needClients, wholeHours);
    visitLookups(db, r, fullTo * kMinute, to, visit);
}

// First and last selected lookup time; when exact is false, only to the minute (the start of the first
// and of the last minute), which is all that bucketing needs.
std::optional<std::pair<int64_t, int64_t>> rangeOf(sqlite3 *db, const Resolved &r, bool exact)
{
    if (r.selectsNothing())
        return std::nullopt;
    int64_t first = INT64_MAX, last = INT64_MIN;
    if (r.lookup.active) {
        // Only the lookups know rcode, qtype and server: one pass over them (exact to the microsecond).
        visitLookups(db, r, INT64_MIN, INT64_MAX, [&](int64_t, int64_t, int64_t t, int64_t) {
            first = std::min(first, t);
            last = std::max(last, t);
        });
        if (first > last)
            return std::nullopt;
        return std::make_pair(first, last);
    }
    auto span = [&](SqliteStmt &s) {
        if (s.step() == SQLITE_ROW && !s.isNull(0)) {
            first = std::min(first, s.int64(0));
            last = std::max(last, s.int64(1));
        }
        s.reset();
    };
    if (r.allNames && r.allClients) {
        SqliteStmt all(db, "SELECT min(first_us), max(last_us) FROM name_totals");
        span(all);
    } else if (r.allClients) {
        SqliteStmt s(db, "SELECT first_us, last_us FROM name_totals WHERE name_id = ?");
        for (int64_t id : r.nameIds) {
            s.bind(1, id);
            span(s);
        }
    } else if (r.allNames) {
        SqliteStmt s(db, "SELECT first_us, last_us FROM client_totals WHERE client_id = ?");
        for (int64_t id : r.clientIds) {
            s.bind(1, id);
            span(s);
        }
    } else {
        // Names and clients together: there is no total per pair, so find the first and last minute in
        // the roll-ups and, if asked, the exact times inside those two minutes from the lookups.
        visitRollups(db, r, INT64_MIN / kMinute, INT64_MAX / kMinute, false,
                     [&](int64_t, int64_t, int64_t t, int64_t) {
                         first = std::min(first, t);
                         last = std::max(last, t);
                     });
        if (first > last)
            return std::nullopt;
        if (exact) {
            int64_t f = INT64_MAX, l = INT64_MIN;
            visitLookups(db, r, first, first + kMinute, [&](int64_t, int64_t, int64_t t, int64_t) { f = std::min(f, t); });
            visitLookups(db, r, last, last + kMinute, [&](int64_t, int64_t, int64_t t, int64_t) { l = std::max(l, t); });
            if (f <= l) {
                first = f;
                last = l;
            }
        }
    }
    if (first > last)
        return std::nullopt;
    return std::make_pair(first, last);
}

} // namespace

std::optional<std::pair<int64_t, int64_t>> Store::timeRange(const Selection &selection) const
{
    syncImport();
    return rangeOf(m_db, resolve(m_db, selection), true);
}

std::optional<std::pair<int64_t, int64_t>> Store::projectTimeRange() const
{
    syncImport();
    // A removed file keeps its row with sha256 NULL (its id is never reused): it no longer counts.
    SqliteStmt s(m_db, "SELECT min(t_first), max(t_last) FROM files WHERE sha256 IS NOT NULL AND t_first IS NOT NULL");
    if (s.step() != SQLITE_ROW || s.isNull(0) || s.isNull(1))
        return std::nullopt;
    return std::make_pair(s.int64(0), s.int64(1));
}

VolumeSeries Store::volume(const VolumeQuery &q) const
{
    syncImport();
    VolumeSeries v;
    v.unit = q.unit;
    v.split = q.split;
    const Resolved r = resolve(m_db, q.selection);
    if (!r.error.isEmpty()) {
        v.error = r.error;
        return v;
    }
    std::optional<std::pair<int64_t, int64_t>> range;
    if (!q.fromUs || !q.toUs) {
        // Buckets are whole minutes or more, so the first and last minute place them exactly.
        range = rangeOf(m_db, r, false);
        if (!range)
            return v;
    }
    const int64_t from = q.fromUs ? *q.fromUs : bucketFloor(range->first, q.unit, q.zone);
    const int64_t to = q.toUs ? *q.toUs : bucketNext(bucketFloor(range->second, q.unit, q.zone), q.unit, q.zone);
    if (to <= from)
        return v;
    v.zone = isUtc(q.zone) ? QByteArray("UTC") : q.zone.id();
    // A chart has pixels, not billions of buckets: an absurd request gets no buckets.
    v.bucketStarts = bucketStarts(from, to, q.unit, q.zone);
    const qsizetype buckets = v.bucketStarts.size();
    if (buckets == 0)
        return v;
    v.fromUs = v.bucketStarts.first();
    v.toUs = bucketNext(v.bucketStarts.last(), q.unit, q.zone);
    // Every bucket boundary is a whole minute. With fixed widths in UTC the bucket of t is a division;
    // otherwise (zones, months) a binary search over the starts.
    const bool fixed = isUtc(q.zone) && q.unit != BucketUnit::Month;
    const int64_t firstBucket = v.bucketStarts.first();
    const int64_t width = q.unit == BucketUnit::Week ? 7 * bucketWidthUs(BucketUnit::Day) : bucketWidthUs(q.unit);
    const QVector<int64_t> &starts = v.bucketStarts;
    auto bucketOf = [&](int64_t t) -> qsizetype {
        if (fixed)
            return static_cast<qsizetype>((t - firstBucket) / width);
        return std::upper_bound(starts.cbegin(), starts.cend(), t) - starts.cbegin() - 1;
    };
    // Buckets of whole hours (UTC, or a zone whose offset is whole hours, at hour or coarser buckets):
    // busy days may be read from their hourly totals.
    constexpr int64_t kHourUs = 60 * kMinute;
    const bool hourAligned = v.toUs % kHourUs == 0
                             && std::all_of(starts.cbegin(), starts.cend(), [](int64_t b) { return b % kHourUs == 0; });
    if (q.withAllCounts) {
        // The denominator of shares: every lookup in each bucket, whatever the selection.
        v.allCounts = QVector<int64_t>(buckets, 0);
        visitRange(
            m_db, Resolved{}, from, to, false, [&](int64_t, int64_t, int64_t t, int64_t n) { v.allCounts[bucketOf(t)] += n; },
            false);
    }
    if (r.selectsNothing())
        return v;
    if (q.split == Split::None) {
        VolumeSeries::Series s;
        s.label = QStringLiteral("all");
        s.counts = QVector<int64_t>(buckets, 0);
        visitRange(m_db, r, from, to, false, [&](int64_t, int64_t, int64_t t, int64_t n) {
            s.counts[bucketOf(t)] += n;
            s.total += n;
        }, false, hourAligned);
        v.series.append(s);
        return v;
    }

    // Every split ends with an "other" series that holds each selected lookup in none of the series
    // kept, so that the series of a bucket add up to its unsplit count (for groups: plus the lookups of
    // clients in two kept groups, which count in both). It is left out when it would be empty.
    VolumeSeries::Series other{VolumeSeries::otherLabel(), QVector<int64_t>(buckets, 0), 0, QString(), true, 0};
    if (q.split == Split::Group) {
        // One series per group (the selection's, or every group of the project if it names none), plus one
        // per client the selection asks for by address that is in none of them. A client in two groups
        // counts in both. Selected clients in no series kept (ungrouped ones the selection did not ask
        // for, members of groups beyond maxSeries) go to "other".
        const QVector<GroupFilters> groups = q.selection.groups.isEmpty() ? allGroupFilters(m_db) : r.groups;
        QVector<AddressFilter> asked;
        for (const QString &c : q.selection.clients)
            if (auto f = AddressFilter::parse(c))
                asked.append(*f);
        QVector<VolumeSeries::Series> all;
        for (const GroupFilters &g : groups)
            all.append({g.name, QVector<int64_t>(buckets, 0), 0, g.color});
        QHash<int64_t, QVector<int>> seriesOf;
        forEachClient(m_db, [&](int64_t id, const QHostAddress &a, const QString &text) {
            if (!r.allClients && !r.clientIds.contains(id))
                return;
            QVector<int> in;
            for (qsizetype g = 0; g < groups.size(); ++g)
                if (std::any_of(groups.at(g).members.cbegin(), groups.at(g).members.cend(),
                                [&a](const AddressFilter &f) { return f.matches(a); }))
                    in.append(int(g));
            if (in.isEmpty() && std::any_of(asked.cbegin(), asked.cend(), [&a](const AddressFilter &f) { return f.matches(a); })) {
                in.append(int(all.size()));
                all.append({text, QVector<int64_t>(buckets, 0), 0, QString()});
            }
            if (!in.isEmpty())
                seriesOf.insert(id, in);
        });
        // First the total per client, to choose the series; then the counts of the series kept.
        QHash<int64_t, int64_t> perClient;
        visitRange(m_db, r, from, to, false, [&](int64_t, int64_t client, int64_t, int64_t n) { perClient[client] += n; });
        for (auto it = seriesOf.cbegin(); it != seriesOf.cend(); ++it)
            for (int i : *it)
                all[i].total += perClient.value(it.key());
        // Groups and asked-for clients with no lookups in the range stay out, like empty splits.
        QVector<int> order;
        for (qsizetype i = 0; i < all.size(); ++i)
            if (all.at(i).total > 0)
                order.append(int(i));
        std::stable_sort(order.begin(), order.end(), [&all](int a, int b) {
            const auto &x = all.at(a), &y = all.at(b);
            return x.total != y.total ? x.total > y.total : x.label < y.label;
        });
        if (q.maxSeries > 0 && order.size() > q.maxSeries)
            order.resize(q.maxSeries);
        QHash<int, int> kept; // index in all -> index in v.series
        for (int i : order) {
            kept.insert(i, int(v.series.size()));
            v.series.append(all.at(i));
        }
        // Each client's kept series; an empty list sends its lookups to "other".
        QHash<int64_t, QVector<int>> target;
        for (auto it = perClient.cbegin(); it != perClient.cend(); ++it) {
            QVector<int> in;
            for (int i : seriesOf.value(it.key()))
                if (kept.contains(i))
                    in.append(kept.value(i));
            if (in.isEmpty())
                ++other.otherSources;
            else if (in.size() > 1)
                ++v.sharedClients;
            target.insert(it.key(), in);
        }
        if (v.series.isEmpty() && other.otherSources == 0)
            return v;
        visitRange(m_db, r, from, to, false, [&](int64_t, int64_t client, int64_t t, int64_t n) {
            const QVector<int> in = target.value(client); // pass 1 saw every client of pass 2
            if (in.isEmpty()) {
                other.counts[bucketOf(t)] += n;
                other.total += n;
            }
            for (int i : in)
                v.series[i].counts[bucketOf(t)] += n;
        });
        if (other.total > 0)
            v.series.append(other);
        return v;
    }

    // Splits: first the total per series, then counts only for the series kept, so that a split over
    // tens of thousands of names never holds a bucket vector per name.
    const bool byName = q.split == Split::Name;
    QHash<int64_t, int64_t> totals;
    visitRange(m_db, r, from, to, byName, [&](int64_t name, int64_t client, int64_t, int64_t n) {
        totals[byName ? name : client] += n;
    }, !byName, byName);
    SqliteStmt nameLabel(m_db, "SELECT name FROM names WHERE id = ?");
    SqliteStmt clientLabel(m_db, "SELECT address FROM clients WHERE id = ?");
    struct Candidate
    {
        int64_t key;
        int64_t total;
        QString label;
    };
    QVector<Candidate> candidates;
    candidates.reserve(totals.size());
    for (auto it = totals.cbegin(); it != totals.cend(); ++it) {
        QString label = byName ? r.nameLabels.value(it.key()) : QString();
        if (label.isEmpty()) {
            SqliteStmt &s = byName ? nameLabel : clientLabel;
            s.bind(1, it.key());
            if (s.step() == SQLITE_ROW)
                label = s.text(0);
            s.reset();
        }
        candidates.append({it.key(), it.value(), label});
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate &a, const Candidate &b) {
        return a.total != b.total ? a.total > b.total : a.label < b.label;
    });
    if (q.maxSeries > 0 && candidates.size() > q.maxSeries) {
        for (qsizetype i = q.maxSeries; i < candidates.size(); ++i) {
            other.total += candidates.at(i).total;
            ++other.otherSources;
        }
        candidates.resize(q.maxSeries);
    }
    QHash<int64_t, int> index;
    for (const Candidate &c : candidates) {
        index.insert(c.key, int(v.series.size()));
        v.series.append({c.label, QVector<int64_t>(buckets, 0), c.total, QString()});
    }
    if (v.series.isEmpty())
        return v;
    const bool withOther = other.total > 0;
    visitRange(m_db, r, from, to, byName, [&](int64_t name, int64_t client, int64_t t, int64_t n) {
        const auto it = index.constFind(byName ? name : client);
        if (it != index.cend())
            v.series[*it].counts[bucketOf(t)] += n;
        else if (withOther)
            other.counts[bucketOf(t)] += n;
    }, !byName, byName && hourAligned);
    if (withOther)
        v.series.append(other);
    return v;
}

QVector<NameCount> Store::topNames(int limit, const QString &contains) const
{
    syncImport();
    QVector<NameCount> out;
    QString pattern;
    if (!contains.trimmed().isEmpty()) {
        QString t = contains.trimmed().toLower();
        t.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('%'), QLatin1String("\\%"))
            .replace(QLatin1Char('_'), QLatin1String("\\_"));
        // "*" is a wildcard and anchors the pattern; without one, it is a substring search.
        pattern = t.contains(QLatin1Char('*')) ? t.replace(QLatin1Char('*'), QLatin1Char('%'))
                                               : QLatin1Char('%') + t + QLatin1Char('%');
    }
    SqliteStmt s(m_db, pattern.isEmpty()
                           ? "SELECT n.name, t.n FROM name_totals t JOIN names n ON n.id = t.name_id "
                             "ORDER BY t.n DESC, n.name LIMIT ?1"
                           : "SELECT n.name, t.n FROM name_totals t JOIN names n ON n.id = t.name_id "
                             "WHERE n.name LIKE ?2 ESCAPE '\\' ORDER BY t.n DESC, n.name LIMIT ?1");
    s.bind(1, int64_t(limit > 0 ? limit : -1)); // LIMIT -1: no limit
    if (!pattern.isEmpty())
        s.bind(2, pattern);
    while (s.ok() && s.step() == SQLITE_ROW)
        out.append({s.text(0), s.int64(1)});
    return out;
}

QVector<ClientCount> Store::topClients(int limit, const Selection &selection) const
{
    syncImport();
    QVector<ClientCount> out;
    const Resolved r = resolve(m_db, selection);
    if (r.allNames && r.allClients && !r.lookup.active) {
        SqliteStmt s(m_db, "SELECT c.address, t.n FROM client_totals t JOIN clients c ON c.id = t.client_id "
                           "ORDER BY t.n DESC, c.address LIMIT ?");
        s.bind(1, int64_t(limit > 0 ? limit : -1));
        while (s.ok() && s.step() == SQLITE_ROW)
            out.append({s.text(0), s.int64(1)});
        return out;
    }
    QHash<int64_t, int64_t> counts;
    if (r.lookup.active) {
        visitLookups(m_db, r, INT64_MIN, INT64_MAX,
                     [&](int64_t, int64_t client, int64_t, int64_t n) { counts[client] += n; });
    } else if (r.allNames) {
        SqliteStmt s(m_db, "SELECT n FROM client_totals WHERE client_id = ?");
        for (int64_t id : r.clientIds) {
            s.bind(1, id);
            if (s.step() == SQLITE_ROW)
                counts[id] = s.int64(0);
            s.reset();
        }
    } else {
        SqliteStmt s(m_db, "SELECT data FROM name_days WHERE name_id = ?");
        for (int64_t name : r.nameIds) {
            s.bind(1, name);
            while (s.step() == SQLITE_ROW) {
                packed::Reader reader(s.blob(0), s.bytes(0));
                packed::Entry e;
                while (reader.next(&e))
                    if (r.allClients || r.clientIds.contains(e.client))
                        counts[e.client] += e.n;
            }
            s.reset();
        }
    }
    SqliteStmt address(m_db, "SELECT address FROM clients WHERE id = ?");
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        address.bind(1, it.key());
        if (address.step() == SQLITE_ROW)
            out.append({address.text(0), it.value()});
        address.reset();
    }
    std::sort(out.begin(), out.end(), [](const ClientCount &a, const ClientCount &b) {
        return a.count != b.count ? a.count > b.count : a.address < b.address;
    });
    if (limit > 0 && out.size() > limit)
        out.resize(limit);
    return out;
}

// The pair view in one place: every SQL statement it needs is here (reached through visitRange, which
// reads the per-minute roll-ups and, only for minutes a range cuts, the lookups of the files covering
// them), so a different roll-up layout or backend changes this function and the visitors only.
PairTable Store::pairs(const PairQuery &q) const
{
    PairTable t;
    const int top = q.top > 0 ? q.top : 20;
    const Resolved r = resolve(m_db, q.selection);
    t.error = r.error;
    if (!t.error.isEmpty() || r.selectsNothing())
        return t;
    const bool ranged = q.fromUs || q.toUs;
    // Whole minutes at the open ends, so that no partial minute is read there.
    const int64_t from = q.fromUs.value_or((INT64_MIN / kMinute + 1) * kMinute);
    const int64_t to = q.toUs.value_or((INT64_MAX / kMinute - 1) * kMinute);
    if (to <= from)
        return t;
    SqliteStmt nameText(m_db, "SELECT name FROM names WHERE id = ?");
    auto nameLabel = [&](int64_t id) {
        QString label = r.nameLabels.value(id);
        if (label.isEmpty()) {
            nameText.bind(1, id);
            if (nameText.step() == SQLITE_ROW)
                label = nameText.text(0);
            nameText.reset();
        }
        return label;
    };

    // 1. The selection's lookups per name; the top names.
    struct NameRow
    {
        int64_t id;
        int64_t n;
        QString label;
    };
    QVector<NameRow> names;
    if (r.allNames && r.allClients && !ranged && !r.lookup.active) {
        SqliteStmt s(m_db, "SELECT t.name_id, t.n, n.name FROM name_totals t JOIN names n ON n.id = t.name_id "
                           "ORDER BY t.n DESC, n.name LIMIT ?");
        s.bind(1, int64_t(top));
        while (s.step() == SQLITE_ROW)
            names.append({s.int64(0), s.int64(1), s.text(2)});
    } else {
        QHash<int64_t, int64_t> perName;
        visitRange(m_db, r, from, to, true, [&](int64_t name, int64_t, int64_t, int64_t n) { perName[name] += n; });
        for (auto it = perName.cbegin(); it != perName.cend(); ++it)
            if (it.value() > 0)
                names.append({it.key(), it.value(), nameLabel(it.key())});
        std::sort(names.begin(), names.end(), [](const NameRow &a, const NameRow &b) {
            return a.n != b.n ? a.n > b.n : a.label < b.label;
        });
        if (names.size() > top)
            names.resize(top);
    }
    if (names.isEmpty())
        return t;
    Resolved topNames = r;
    topNames.allNames = false;
    topNames.nameIds.clear();
    topNames.nameSet.clear();
    QHash<int64_t, int> nameIndex;
    for (const NameRow &n : std::as_const(names)) {
        nameIndex.insert(n.id, int(t.names.size()));
        topNames.nameIds.append(n.id);
        topNames.nameSet.insert(n.id);
        t.names << n.label;
        t.nameSelected << n.n;
    }

    // 2. Every lookup of those names in the range, whoever asked: the denominators (with the selection's
    // rcode/qtype/server filters: a share of the NXDOMAIN answers is a share of all NXDOMAIN answers).
    t.nameAll = QVector<int64_t>(t.names.size(), 0);
    if (!ranged && !r.lookup.active) {
        SqliteStmt s(m_db, "SELECT n FROM name_totals WHERE name_id = ?");
        for (const NameRow &n : std::as_const(names)) {
            s.bind(1, n.id);
            if (s.step() == SQLITE_ROW)
                t.nameAll[nameIndex.value(n.id)] = s.int64(0);
            s.reset();
        }
    } else {
        Resolved anyone = topNames;
        anyone.allClients = true;
        anyone.clientIds.clear();
        visitRange(m_db, anyone, from, to, true,
                   [&](int64_t name, int64_t, int64_t, int64_t n) { t.nameAll[nameIndex.value(name)] += n; });
    }

    // 3. Per client and top name; clients become sources: the groups they belong to, or themselves.
    QHash<int64_t, QVector<int64_t>> perClient;
    visitRange(m_db, topNames, from, to, true, [&](int64_t name, int64_t client, int64_t, int64_t n) {
        auto &row = perClient[client];
        if (row.isEmpty())
            row = QVector<int64_t>(t.names.size(), 0);
        row[nameIndex.value(name)] += n;
    });
    const QVector<GroupFilters> groups = q.selection.groups.isEmpty() ? allGroupFilters(m_db) : r.groups;
    struct Source
    {
        QString label;
        bool group;
        QString color;
        QVector<int64_t> counts;
        int64_t total = 0;
    };
    QVector<Source> sources;
    for (const GroupFilters &g : groups)
        sources.append({g.name, true, g.color, QVector<int64_t>(t.names.size(), 0)});
    SqliteStmt address(m_db, "SELECT address FROM clients WHERE id = ?");
    for (auto it = perClient.cbegin(); it != perClient.cend(); ++it) {
        address.bind(1, it.key());
        const QString text = address.step() == SQLITE_ROW ? address.text(0) : QString();
        address.reset();
        const QHostAddress a(text);
        QVector<int> in;
        for (qsizetype g = 0; g < groups.size(); ++g)
            if (std::any_of(groups.at(g).members.cbegin(), groups.at(g).members.cend(),
                            [&a](const AddressFilter &f) { return f.matches(a); }))
                in.append(int(g));
        if (in.isEmpty()) {
            in.append(int(sources.size()));
            sources.append({text, false, QString(), QVector<int64_t>(t.names.size(), 0)});
        }
        for (int s : in)
            for (qsizetype n = 0; n < t.names.size(); ++n)
                sources[s].counts[n] += it.value().at(n);
    }
    for (Source &s : sources)
        for (int64_t c : std::as_const(s.counts))
            s.total += c;
    sources.erase(std::remove_if(sources.begin(), sources.end(), [](const Source &s) { return s.total == 0; }),
                  sources.end());
    std::sort(sources.begin(), sources.end(), [](const Source &a, const Source &b) {
        return a.total != b.total ? a.total > b.total : a.label < b.label;
    });
    if (sources.size() > top)
        sources.resize(top);
    for (const Source &s : std::as_const(sources)) {
        t.sources << s.label;
        t.sourceIsGroup << s.group;
        t.sourceColors << s.color;
        t.counts << s.counts;
    }
    return t;
}

// For the other read files of this folder (storerecords.cpp): the same resolution and exact counts.
SelectionIds resolveSelectionIds(sqlite3 *db, const Selection &selection)
{
    const Resolved r = resolve(db, selection);
    SelectionIds out;
    out.allNames = r.allNames;
    out.names = r.nameSet;
    out.allClients = r.allClients;
    out.clients = r.clientIds;
    out.lookup = r.lookup;
    return out;
}

int64_t countSelected(sqlite3 *db, const Selection &selection, std::optional<int64_t> fromUs, std::optional<int64_t> toUs)
{
    const Resolved r = resolve(db, selection);
    const auto range = rangeOf(db, r, true);
    if (!range)
        return 0;
    const int64_t from = std::max(fromUs.value_or(range->first), range->first);
    const int64_t to = std::min(toUs.value_or(range->second + 1), range->second + 1);
    int64_t n = 0;
    visitRange(db, r, from, to, false, [&](int64_t, int64_t, int64_t, int64_t k) { n += k; }, false, true);
    return n;
}

} // namespace dnt
