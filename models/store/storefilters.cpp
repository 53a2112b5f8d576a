// The lookup filters (rcode, qtype, server): resolving them to ids, and what values the project holds.
// Only the lookups rows know these fields; the roll-ups do not (see LookupFilter in storeinternal.h).
#include "sqlitestmt.h"
#include "store.h"
#include "storeinternal.h"

#include <QHash>
#include <QHostAddress>

#include <algorithm>
#include <vector>

namespace dnt {

LookupFilter resolveLookupFilter(sqlite3 *db, const Selection &selection)
{
    LookupFilter f;
    f.active = selection.hasLookupFilter();
    for (int r : selection.rcodes)
        f.rcodes.insert(r);
    for (int q : selection.qtypes)
        f.qtypes.insert(q);
    if (selection.servers.isEmpty())
        return f;
    f.allServers = false;
    QVector<AddressFilter> filters;
    for (const QString &s : selection.servers)
        if (auto a = AddressFilter::parse(s))
            filters.append(*a);
    if (filters.isEmpty())
        return f;
    // The dictionary holds clients and servers alike; a client id in the set matches no lookup's server.
    SqliteStmt all(db, "SELECT id, address FROM clients");
    while (all.step() == SQLITE_ROW) {
        QHostAddress a;
        if (!a.setAddress(all.text(1)))
            continue;
        if (std::any_of(filters.cbegin(), filters.cend(), [&a](const AddressFilter &m) { return m.matches(a); }))
            f.servers.insert(all.int64(0));
    }
    return f;
}

LookupFacets Store::lookupFacets() const
{
    syncImport();
    LookupFacets out;
    // One pass over the lookups of the files in the project (rows of removed files wait elsewhere).
    QHash<int, int64_t> rcodes, qtypes;
    QHash<int64_t, int64_t> servers;
    SqliteStmt rows(m_db, "SELECT l.rcode, l.qtype, l.server_id FROM lookups l");
    while (rows.step() == SQLITE_ROW) {
        ++rcodes[int(rows.int64(0))];
        ++qtypes[int(rows.int64(1))];
        ++servers[rows.int64(2)];
    }
    for (auto it = rcodes.cbegin(); it != rcodes.cend(); ++it)
        out.rcodes.append({it.key(), it.value()});
    for (auto it = qtypes.cbegin(); it != qtypes.cend(); ++it)
        out.qtypes.append({it.key(), it.value()});
    SqliteStmt address(m_db, "SELECT address FROM clients WHERE id = ?");
    for (auto it = servers.cbegin(); it != servers.cend(); ++it) {
        address.bind(1, it.key());
        // A lookup without a known server has no address: it is listed as "" (any filter drops it).
        const QString text = address.step() == SQLITE_ROW ? address.text(0) : QString();
        address.reset();
        out.servers.append({text, it.value()});
    }
    auto byCount = [](const auto &a, const auto &b) { return a.count != b.count ? a.count > b.count : a.value < b.value; };
    std::sort(out.rcodes.begin(), out.rcodes.end(), byCount);
    std::sort(out.qtypes.begin(), out.qtypes.end(), byCount);
    std::sort(out.servers.begin(), out.servers.end(), byCount);
    return out;
}

} // namespace dnt
