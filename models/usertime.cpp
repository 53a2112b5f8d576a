#include "usertime.h"

#include "timeutil.h"

#include <QDateTime>
#include <QRegularExpression>

namespace dnt {

namespace {

int64_t toUs(const QDateTime &t)
{
    return t.toMSecsSinceEpoch() * 1000;
}

// Local date and time in zone -> instant, with the DST rules documented in the header.
std::optional<int64_t> fromLocal(QDate date, QTime time, const QTimeZone &zone)
{
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    const QTimeZone z = zone.isValid() ? zone : QTimeZone::utc();
    QDateTime t(date, time, z);
    if (!t.isValid()) {
        // Skipped by a DST change: move forward by the gap, as clocks do.
        const QDateTime before(date, time.addSecs(-3600), z);
        if (!before.isValid())
            return std::nullopt;
        return toUs(before) + 3600LL * 1000000;
    }
    // Ambiguous (the repeated hour): QDateTime picks one; prefer the earlier instant explicitly.
    const int64_t us = toUs(t);
    const int64_t earlier = us - 3600LL * 1000000;
    const QDateTime e = QDateTime::fromMSecsSinceEpoch(earlier / 1000, z);
    if (e.date() == date && e.time() == time)
        return earlier;
    return us;
}

} // namespace

std::optional<int64_t> localTimeToUs(QDate date, QTime time, const QTimeZone &zone)
{
    return fromLocal(date, time, zone);
}

std::optional<int64_t> parseUserTime(const QString &text, const QTimeZone &zone, bool *dateOnly)
{
    const QString t = text.trimmed();
    if (dateOnly)
        *dateOnly = false;
    if (t.isEmpty())
        return std::nullopt;
    if (t.size() == 10) {
        const QDate d = QDate::fromString(t, QStringLiteral("yyyy-MM-dd"));
        if (!d.isValid())
            return std::nullopt;
        if (dateOnly)
            *dateOnly = true;
        return fromLocal(d, QTime(0, 0), zone);
    }
    // A date-time with Z or an offset names its own instant.
    if (auto iso = parseIso8601(t))
        return iso;
    static const QRegularExpression local(QStringLiteral("^(\\d{4}-\\d{2}-\\d{2})[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?$"));
    const auto m = local.match(t);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate d = QDate::fromString(m.captured(1), QStringLiteral("yyyy-MM-dd"));
    const QTime time(m.captured(2).toInt(), m.captured(3).toInt(), m.captured(4).isEmpty() ? 0 : m.captured(4).toInt());
    return fromLocal(d, time, zone);
}

int64_t nextLocalMidnight(int64_t us, const QTimeZone &zone)
{
    const QTimeZone z = zone.isValid() ? zone : QTimeZone::utc();
    const QDate day = QDateTime::fromMSecsSinceEpoch(us / 1000, z).date();
    return fromLocal(day.addDays(1), QTime(0, 0), z).value_or(us + kUsPerDay);
}

namespace {

QDateTime userDateTime(int64_t us, const QTimeZone &zone)
{
    return QDateTime::fromMSecsSinceEpoch(us / 1000, zone.isValid() ? zone : QTimeZone::utc());
}

QString formatUserDateTime(const QDateTime &t, bool seconds)
{
    return t.toString(seconds ? QStringLiteral("yyyy-MM-dd HH:mm:ss") : QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

QString formatUserTime(int64_t us, const QTimeZone &zone)
{
    const QDateTime t = userDateTime(us, zone);
    return formatUserDateTime(t, t.time().second() != 0);
}

std::pair<QString, QString> formatUserTimeRange(int64_t startUs, int64_t endUs, const QTimeZone &zone)
{
    const QDateTime start = userDateTime(startUs, zone), end = userDateTime(endUs, zone);
    const bool seconds = start.time().second() != 0 || end.time().second() != 0;
    return {formatUserDateTime(start, seconds), formatUserDateTime(end, seconds)};
}

} // namespace dnt
