#include "dnsmnemonics.h"

#include "timeutil.h"

#include <QDateTime>
#include <QTimeZone>

namespace dnt {

QString qtypeMnemonic(int qtype)
{
    // IANA DNS parameters, the resource record types seen in query logs.
    switch (qtype) {
    case 0: return {};
    case 1: return QStringLiteral("A");
    case 2: return QStringLiteral("NS");
    case 5: return QStringLiteral("CNAME");
    case 6: return QStringLiteral("SOA");
    case 12: return QStringLiteral("PTR");
    case 13: return QStringLiteral("HINFO");
    case 15: return QStringLiteral("MX");
    case 16: return QStringLiteral("TXT");
    case 28: return QStringLiteral("AAAA");
    case 33: return QStringLiteral("SRV");
    case 35: return QStringLiteral("NAPTR");
    case 43: return QStringLiteral("DS");
    case 46: return QStringLiteral("RRSIG");
    case 47: return QStringLiteral("NSEC");
    case 48: return QStringLiteral("DNSKEY");
    case 52: return QStringLiteral("TLSA");
    case 64: return QStringLiteral("SVCB");
    case 65: return QStringLiteral("HTTPS");
    case 99: return QStringLiteral("SPF");
    case 252: return QStringLiteral("AXFR");
    case 255: return QStringLiteral("ANY");
    case 257: return QStringLiteral("CAA");
    default: return QStringLiteral("TYPE%1").arg(qtype);
    }
}

QString rcodeMnemonic(int rcode)
{
    static const char *const names[] = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP",  "REFUSED",
                                        "YXDOMAIN", "YXRRSET", "NXRRSET",  "NOTAUTH",  "NOTZONE"};
    if (rcode < 0)
        return {};
    if (rcode < int(std::size(names)))
        return QLatin1String(names[rcode]);
    if (rcode == 16)
        return QStringLiteral("BADVERS");
    return QStringLiteral("RCODE%1").arg(rcode);
}

QString formatTableTime(int64_t us, const QTimeZone &zone)
{
    int64_t sec = us / kUsPerSecond, frac = us % kUsPerSecond;
    if (frac < 0) {
        frac += kUsPerSecond;
        --sec;
    }
    const QDateTime utc = QDateTime::fromSecsSinceEpoch(sec, QTimeZone::utc());
    const QDateTime local = isUtc(zone) ? utc : utc.toTimeZone(zone);
    return local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(".%1").arg(frac, 6, 10, QLatin1Char('0'));
}

} // namespace dnt
