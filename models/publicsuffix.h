#pragma once

#include <QByteArray>
#include <QSet>
#include <QString>

namespace dnt {

// The Public Suffix List (publicsuffix.org) and the registrable domain of a name under it: rules,
// wildcard rules ("*.kawasaki.jp") and exception rules ("!city.kawasaki.jp"), with the list's own
// algorithm (an exception wins, then the longest rule; no rule means the "*" rule, the last label).
// Rules in Unicode are kept in their ASCII (xn--) form, as the store keeps names. Thread-safe to read.
class PublicSuffixList
{
public:
    static constexpr const char *kSystemPath = "/usr/share/publicsuffix/public_suffix_list.dat";

    // Parses the list's text (UTF-8, "//" comments, one rule per line).
    static PublicSuffixList parse(const QByteArray &data);
    // Reads a list file; an empty list (isEmpty()) with *error set if it cannot be read.
    static PublicSuffixList fromFile(const QString &path, QString *error);
    // The list of Debian's publicsuffix package, read once (at first use); empty if it is missing.
    static const PublicSuffixList &system();

    bool isEmpty() const { return m_rules.isEmpty() && m_wildcards.isEmpty(); }
    int ruleCount() const { return int(m_rules.size() + m_wildcards.size() + m_exceptions.size()); }
    // The public suffix of a (normalised) name: "co.uk" for "www.example.co.uk".
    QString publicSuffix(const QString &name) const;
    // The registrable domain: the public suffix and one label more ("example.co.uk"); empty when the
    // name is itself a public suffix (or empty). An empty list treats the last label as the suffix.
    QString registrableDomain(const QString &name) const;

private:
    QSet<QString> m_rules;      // "co.uk"
    QSet<QString> m_wildcards;  // "kawasaki.jp" for the rule "*.kawasaki.jp"
    QSet<QString> m_exceptions; // "city.kawasaki.jp" for the rule "!city.kawasaki.jp"
};

} // namespace dnt
