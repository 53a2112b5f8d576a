#pragma once

#include "timeutil.h"

#include <QString>
#include <QTimeZone>
#include <QVector>

#include <cstdint>
#include <optional>

namespace dnt {

// Bucket widths. Aligned in the display zone (UTC unless given): days at local midnight (23 or 25
// hours long on DST changes), weeks on Monday, months on the 1st.
enum class BucketUnit { Minute, FiveMinutes, FifteenMinutes, Hour, SixHours, Day, Week, Month };

// "minute", "5min", "15min", "hour", "6hour", "day", "week", "month" (and a few spellings of each).
std::optional<BucketUnit> bucketUnitFromString(const QString &text);
QString bucketUnitName(BucketUnit unit);  // as accepted by bucketUnitFromString
QString bucketUnitLabel(BucketUnit unit); // for people: "5 minutes", "hour", "month"
// Nominal width (months as 30 days) — for choosing a unit, never for placing buckets.
int64_t bucketWidthUs(BucketUnit unit);

// UTC alignment (integer arithmetic). Month buckets too.
int64_t bucketFloor(int64_t us, BucketUnit unit);
int64_t bucketNext(int64_t startUs, BucketUnit unit);

// Alignment in a zone. For UTC (or an invalid zone) these equal bucketFloor/bucketNext.
int64_t bucketFloor(int64_t us, BucketUnit unit, const QTimeZone &zone);
int64_t bucketNext(int64_t startUs, BucketUnit unit, const QTimeZone &zone);
// The starts of all buckets that overlap [fromUs, toUs), the first one at or before fromUs; at most
// maxBuckets (empty if there would be more).
QVector<int64_t> bucketStarts(int64_t fromUs, int64_t toUs, BucketUnit unit, const QTimeZone &zone,
                              int64_t maxBuckets = 50'000'000);

// The finest unit that yields at most about one bucket per `pixelsPerBucket` pixels over the span,
// never finer than a minute.
BucketUnit autoBucketUnit(int64_t spanUs, int pixelWidth, int pixelsPerBucket = 4);


} // namespace dnt
