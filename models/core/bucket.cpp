#include "bucket.h"

#include "timeutil.h"

#include <QDateTime>

#include <algorithm>

namespace dnt {

namespace {

struct UnitInfo
{
    BucketUnit unit;
    const char *name;
    const char *label;
    int64_t widthUs;
};

const UnitInfo kUnits[] = {
    {BucketUnit::Minute, "minute", "minute", kUsPerMinute},
    {BucketUnit::FiveMinutes, "5min", "5 minutes", 5 * kUsPerMinute},
    {BucketUnit::FifteenMinutes, "15min", "15 minutes", 15 * kUsPerMinute},
    {BucketUnit::Hour, "hour", "hour", kUsPerHour},
    {BucketUnit::SixHours, "6hour", "6 hours", 6 * kUsPerHour},
    {BucketUnit::Day, "day", "day", kUsPerDay},
    {BucketUnit::Week, "week", "week", 7 * kUsPerDay},
    {BucketUnit::Month, "month", "month", 30 * kUsPerDay},
};

const UnitInfo &info(BucketUnit unit)
{
    for (const auto &u : kUnits)
        if (u.unit == unit)
            return u;
    return kUnits[3];
}

int64_t floorDiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

// 1970-01-01 was a Thursday; Monday 1970-01-05 anchors the weeks.
constexpr int64_t kWeekOrigin = 4 * kUsPerDay;

// Wall-clock microseconds ("local time as if it were UTC") <-> instants.
int64_t offsetUs(int64_t us, const QTimeZone &zone)
{
    return int64_t(zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(floorDiv(us, 1000), QTimeZone::utc()))) * kUsPerSecond;
}

// The instant of a local wall-clock time. A time skipped by a DST change is moved forward by the gap;
// a repeated one takes its first occurrence.
int64_t instantOfLocal(int64_t wallUs, const QTimeZone &zone)
{
    // Two candidates: wall minus the offset before and after the (possible) transition.
    const int64_t guess = wallUs - offsetUs(wallUs, zone);
    const int64_t a = wallUs - offsetUs(guess, zone);
    const int64_t b = wallUs - offsetUs(a, zone);
    const int64_t first = std::min(a, b), second = std::max(a, b);
    if (first + offsetUs(first, zone) == wallUs)
        return first;
    if (second + offsetUs(second, zone) == wallUs)
        return second;
    // In a gap: the instant where the clock jumps past this wall time.
    return std::max(a, b);
}

int64_t floorUtc(int64_t us, BucketUnit unit)
{
    if (unit == BucketUnit::Week)
        return kWeekOrigin + floorDiv(us - kWeekOrigin, 7 * kUsPerDay) * 7 * kUsPerDay;
    if (unit == BucketUnit::Month) {
        int64_t y;
        unsigned m, d;
        civilFromDays(floorDiv(us, kUsPerDay), &y, &m, &d);
        return daysFromCivil(y, m, 1) * kUsPerDay;
    }
    const int64_t w = info(unit).widthUs;
    return floorDiv(us, w) * w;
}

int64_t nextUtc(int64_t start, BucketUnit unit)
{
    if (unit == BucketUnit::Month) {
        int64_t y;
        unsigned m, d;
        civilFromDays(floorDiv(start, kUsPerDay), &y, &m, &d);
        return daysFromCivil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) * kUsPerDay;
    }
    return start + info(unit).widthUs;
}

// Units of an hour or less are aligned on the wall clock too (a +05:30 zone has hours at :30 UTC).
bool calendarUnit(BucketUnit unit)
{
    return unit == BucketUnit::SixHours || unit == BucketUnit::Day || unit == BucketUnit::Week
           || unit == BucketUnit::Month;
}

} // namespace

std::optional<BucketUnit> bucketUnitFromString(const QString &text)
{
    QString t = text.trimmed().toLower();
    t.remove(QLatin1Char(' '));
    static const struct
    {
        const char *alias;
        BucketUnit unit;
    } aliases[] = {{"minute", BucketUnit::Minute},        {"1min", BucketUnit::Minute},
                   {"5min", BucketUnit::FiveMinutes},     {"5minutes", BucketUnit::FiveMinutes},
                   {"15min", BucketUnit::FifteenMinutes}, {"15minutes", BucketUnit::FifteenMinutes},
                   {"hour", BucketUnit::Hour},            {"6hour", BucketUnit::SixHours},
                   {"6hours", BucketUnit::SixHours},      {"6h", BucketUnit::SixHours},
                   {"day", BucketUnit::Day},              {"week", BucketUnit::Week},
                   {"month", BucketUnit::Month}};
    for (const auto &a : aliases)
        if (t == QLatin1String(a.alias))
            return a.unit;
    return std::nullopt;
}

QString bucketUnitName(BucketUnit unit)
{
    return QString::fromLatin1(info(unit).name);
}

QString bucketUnitLabel(BucketUnit unit)
{
    return QString::fromLatin1(info(unit).label);
}

int64_t bucketWidthUs(BucketUnit unit)
{
    return info(unit).widthUs;
}

int64_t bucketFloor(int64_t us, BucketUnit unit)
{
    return floorUtc(us, unit);
}

int64_t bucketNext(int64_t startUs, BucketUnit unit)
{
    return nextUtc(startUs, unit);
}

int64_t bucketFloor(int64_t us, BucketUnit unit, const QTimeZone &zone)
{
    if (isUtc(zone))
        return floorUtc(us, unit);
    if (!calendarUnit(unit)) {
        // An hour or less: fixed widths, aligned on the wall clock with the offset in force at `us`
        // (so a +05:30 zone has its hours at :30 UTC, and the repeated hour of a DST change is its own
        // bucket rather than merged with the one before).
        const int64_t off = offsetUs(us, zone);
        return floorUtc(us + off, unit) - off;
    }
    // Floor on the wall clock, then back to an instant; a DST change inside the bucket can make the
    // floored wall time map after `us`, so step back one bucket then.
    const int64_t wall = us + offsetUs(us, zone);
    int64_t start = instantOfLocal(floorUtc(wall, unit), zone);
    if (start > us)
        start = instantOfLocal(floorUtc(floorUtc(wall, unit) - 1, unit), zone);
    return start;
}

int64_t bucketNext(int64_t startUs, BucketUnit unit, const QTimeZone &zone)
{
    if (isUtc(zone))
        return nextUtc(startUs, unit);
    if (!calendarUnit(unit))
        return startUs + info(unit).widthUs;
    const int64_t wall = startUs + offsetUs(startUs, zone);
    int64_t next = instantOfLocal(nextUtc(floorUtc(wall, unit), unit), zone);
    if (next <= startUs) // a repeated hour: move on to the next wall-clock bucket
        next = instantOfLocal(nextUtc(nextUtc(floorUtc(wall, unit), unit), unit), zone);
    return next;
}

QVector<int64_t> bucketStarts(int64_t fromUs, int64_t toUs, BucketUnit unit, const QTimeZone &zone, int64_t maxBuckets)
{
    QVector<int64_t> out;
    if (toUs <= fromUs)
        return out;
    // Fixed widths in UTC: count first, so that a huge range is refused before anything is built.
    if (isUtc(zone) && unit != BucketUnit::Month) {
        const int64_t first = floorUtc(fromUs, unit), last = floorUtc(toUs - 1, unit);
        const int64_t w = unit == BucketUnit::Week ? 7 * kUsPerDay : info(unit).widthUs;
        const int64_t n = (last - first) / w + 1;
        if (n > maxBuckets)
            return out;
        out.resize(n);
        for (int64_t i = 0; i < n; ++i)
            out[i] = first + i * w;
        return out;
    }
    if ((toUs - fromUs) / info(unit).widthUs > maxBuckets + 2)
        return out;
    for (int64_t b = bucketFloor(fromUs, unit, zone); b < toUs; b = bucketNext(b, unit, zone)) {
        if (out.size() >= maxBuckets)
            return {};
        out.append(b);
    }
    return out;
}

BucketUnit autoBucketUnit(int64_t spanUs, int pixelWidth, int pixelsPerBucket)
{
    const int64_t maxBuckets = std::max<int64_t>(1, pixelWidth / std::max(1, pixelsPerBucket));
    for (const auto &u : kUnits)
        if (spanUs / u.widthUs <= maxBuckets)
            return u.unit;
    return BucketUnit::Month;
}

} // namespace dnt
