#include "selection.h"

#include "dnscodes.h"

namespace dnt {

std::optional<AddressFilter> AddressFilter::parse(const QString &text)
{
    const QString t = text.trimmed();
    AddressFilter f;
    f.m_text = t;
    if (t.contains(QLatin1Char('/'))) {
        const auto subnet = QHostAddress::parseSubnet(t);
        if (subnet.first.isNull() || subnet.second < 0)
            return std::nullopt;
        f.m_network = subnet.first;
        f.m_prefix = subnet.second;
        return f;
    }
    QHostAddress a;
    if (!a.setAddress(t))
        return std::nullopt;
    f.m_network = a;
    f.m_prefix = -1;
    f.m_text = a.toString(); // canonical spelling, as the store keeps addresses
    return f;
}

bool AddressFilter::matches(const QHostAddress &address) const
{
    if (m_prefix < 0)
        return address.isEqual(m_network, QHostAddress::StrictConversion);
    return address.isInSubnet(m_network, m_prefix);
}

bool AddressFilter::matches(const QString &addressText) const
{
    QHostAddress a;
    if (!a.setAddress(addressText))
        return false;
    return matches(a);
}

QString normalizeName(const QString &name)
{
    QString n = name.trimmed().toLower();
    while (n.endsWith(QLatin1Char('.')))
        n.chop(1);
    return n;
}

QString Selection::describe() const
{
    QStringList what;
    for (const auto &n : names)
        what << n;
    for (const auto &d : domains)
        what << QStringLiteral("*.%1").arg(d);
    QString s = what.isEmpty() ? QStringLiteral("all lookups") : what.join(QStringLiteral(", "));
    if (hasClientFilter())
        s += QStringLiteral(" from ") + (groups + clients).join(QStringLiteral(", "));
    auto codes = [](const QVector<int> &values, QString (*name)(int)) {
        QStringList out;
        for (int v : values)
            out << name(v);
        return out.join(QStringLiteral(" or "));
    };
    if (!rcodes.isEmpty())
        s += QStringLiteral(" · rcode ") + codes(rcodes, &rcodeLabel);
    if (!qtypes.isEmpty())
        s += QStringLiteral(" · type ") + codes(qtypes, &qtypeLabel);
    if (!servers.isEmpty())
        s += QStringLiteral(" · server ") + servers.join(QStringLiteral(" or "));
    return s;
}

} // namespace dnt
