#include "localclock.h"

namespace dnt
{

QString LocalClock::problem() const
{
    if (valid())
        return {};
    return QStringLiteral("unknown time zone \"%1\" (expected an IANA name such as Europe/Berlin)")
        .arg(zoneName());
}

} // namespace dnt
