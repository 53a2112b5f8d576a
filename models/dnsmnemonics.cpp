#include "dnsmnemonics.h"

#include "dnscodes.h"
#include "timeutil.h"

#include <QDateTime>
#include <QTimeZone>

namespace dnt {

QString qtypeMnemonic(int qtype)
{
    return qtypeLabel(qtype);
}

QString rcodeMnemonic(int rcode)
{
    return rcodeLabel(rcode);
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
