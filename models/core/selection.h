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

// What was asked (names/domains: one union) and who asked (clients filter that union).
// Empty lists mean "everything".
struct Selection
{
    QStringList names;    // exact names, normalised
    QStringList domains;  // a domain and every name below it, normalised
    QStringList clients;  // AddressFilter texts
    QStringList groups = {}; // source group names: the store resolves each to its members, which filter like clients

    bool hasNameFilter() const { return !names.isEmpty() || !domains.isEmpty(); }
    bool hasClientFilter() const { return !clients.isEmpty() || !groups.isEmpty(); }
    bool isEmpty() const { return !hasNameFilter() && !hasClientFilter(); }
    // Human-readable description for titles and provenance ("mail1.trump-email.com from 217.12.96.15").
    QString describe() const;
};

} // namespace dnt
