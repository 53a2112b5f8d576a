#pragma once

// Helpers shared by the read-side files of this folder (not part of the Store API).
#include "selection.h"

#include <QSet>
#include <QVector>

#include <QString>

#include <atomic>
#include <cstdint>
#include <optional>

struct sqlite3;

namespace dnt {

// The filters of a selection that only the lookups rows can answer (rcode, qtype, server): the
// per-minute roll-ups have none of them, so a query with one reads the lookups of its range.
struct LookupFilter
{
    bool active = false;
    QSet<int> rcodes;           // empty: any
    QSet<int> qtypes;           // empty: any
    bool allServers = true;
    QSet<int64_t> servers;      // ids in the clients dictionary (which holds servers too)

    bool selectsNothing() const { return active && !allServers && servers.isEmpty(); }
    bool picks(int qtype, int rcode, int64_t server) const
    {
        return (rcodes.isEmpty() || rcodes.contains(rcode)) && (qtypes.isEmpty() || qtypes.contains(qtype))
               && (allServers || servers.contains(server));
    }
};

// Resolves rcodes, qtypes and servers of the selection (storefilters.cpp). Servers that match no
// address of the dictionary leave an empty set: the selection selects nothing.
LookupFilter resolveLookupFilter(sqlite3 *db, const Selection &selection);

// A selection as dictionary ids (see resolve() in storequeries.cpp).
struct SelectionIds
{
    bool allNames = true;
    QSet<int64_t> names;
    bool allClients = true;
    QSet<int64_t> clients;
    LookupFilter lookup;
    bool selectsNothing() const
    {
        return (!allNames && names.isEmpty()) || (!allClients && clients.isEmpty()) || lookup.selectsNothing();
    }
    bool picks(int64_t name, int64_t client) const
    {
        return (allNames || names.contains(name)) && (allClients || clients.contains(client));
    }
};

// Writers of this process waiting for (or taking) the write lock: a records index being built gives
// way to them (see Store::ensureRecordIndex), so that an import or an edit never waits behind it.
extern std::atomic<int> g_writersWaiting;

// BEGIN IMMEDIATE, counted in g_writersWaiting while it waits; false with *error on failure.
bool beginWrite(sqlite3 *db, QString *error);

SelectionIds resolveSelectionIds(sqlite3 *db, const Selection &selection);
// Exact number of selected lookups with from <= t < to (unset: unbounded), from the roll-ups.
int64_t countSelected(sqlite3 *db, const Selection &selection, std::optional<int64_t> fromUs,
                      std::optional<int64_t> toUs);

} // namespace dnt
