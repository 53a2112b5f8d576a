#include "bucket.h"

#include "timeutil.h"

namespace dnt {

std::optional<BucketUnit> bucketUnitFromString(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("minute"))
        return BucketUnit::Minute;
    if (t == QLatin1String("hour"))
        return BucketUnit::Hour;
    if (t == QLatin1String("day"))
        return BucketUnit::Day;
    if (t == QLatin1String("week"))
        return BucketUnit::Week;
    return std::nullopt;
}

QString bucketUnitName(BucketUnit unit)
{
    switch (unit) {
    case BucketUnit::Minute: return QStringLiteral("minute");
    case BucketUnit::Hour: return QStringLiteral("hour");
    case BucketUnit::Day: return QStringLiteral("day");
    case BucketUnit::Week: return QStringLiteral("week");
    }
    return {};
}

int64_t bucketWidthUs(BucketUnit unit)
{
    switch (unit) {
    case BucketUnit::Minute: return kUsPerMinute;
    case BucketUnit::Hour: return kUsPerHour;
    case BucketUnit::Day: return kUsPerDay;
    case BucketUnit::Week: return 7 * kUsPerDay;
    }
    return kUsPerHour;
}

int64_t bucketFloor(int64_t us, BucketUnit unit)
{
    // 1970-01-01 was a Thursday; Monday 1970-01-05 anchors the weeks.
    const int64_t origin = unit == BucketUnit::Week ? 4 * kUsPerDay : 0;
    const int64_t w = bucketWidthUs(unit);
    int64_t q = (us - origin) / w;
    if ((us - origin) % w < 0)
        --q;
    return origin + q * w;
}

BucketUnit autoBucketUnit(int64_t spanUs, int pixelWidth, int pixelsPerBucket)
{
    const int64_t maxBuckets = std::max<int64_t>(1, pixelWidth / std::max(1, pixelsPerBucket));
    for (BucketUnit u : {BucketUnit::Minute, BucketUnit::Hour, BucketUnit::Day}) {
        if (spanUs / bucketWidthUs(u) <= maxBuckets)
            return u;
    }
    return BucketUnit::Week;
}

} // namespace dnt
