#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace dnt {

// An address or CIDR range given by the user ("217.12.96.15", "10.0.0.0/8", "2001:db8::/32").
class AddressFilter
{
public:
    // Returns nullopt if text is neither an IPv4/IPv6 address nor a CIDR range.
    static std::optional<AddressFilter> parse(const QString &text);
    bool matches(const QHostAddress &address) const;
    bool matches(const QString &addressText) const;
    QString text() const { return m_text; }

private:
    QString m_text;
    QHostAddress m_network;
    int m_prefix = -1;
};

// Normalise a name the way the store keeps it: lower-case, trailing dot removed.
QString normalizeName(const QString &name);

// What was asked (names/domains: one union) and who asked (clients filter that union), narrowed by
// what each lookup says about itself: its response code, query type and the server asked (each a list
// of alternatives). Empty lists mean "everything".
struct Selection
{
    QStringList names;    // exact names, normalised
    QStringList domains;  // a domain and every name below it, normalised
    QStringList clients;  // AddressFilter texts
    QStringList groups = {}; // source group names: the store resolves each to its members, which filter like clients
    QVector<int> rcodes = {};  // response codes (3 = NXDOMAIN); a lookup with an unknown rcode matches none
    QVector<int> qtypes = {};  // query types (28 = AAAA)
    QStringList servers = {};  // AddressFilter texts of the server asked

    // The per-minute roll-ups know names and clients only: these filters are answered from the lookups.
    bool hasLookupFilter() const { return !rcodes.isEmpty() || !qtypes.isEmpty() || !servers.isEmpty(); }

    bool hasNameFilter() const { return !names.isEmpty() || !domains.isEmpty(); }
    bool hasClientFilter() const { return !clients.isEmpty() || !groups.isEmpty(); }
    bool isEmpty() const { return !hasNameFilter() && !hasClientFilter() && !hasLookupFilter(); }
    // Human-readable description for titles and provenance ("mail1.trump-email.com from 217.12.96.15").
    // The filters are added as " · rcode NXDOMAIN · type AAAA or A · server 192.0.2.53".
    QString describe() const;
};

} // namespace dnt
