#pragma once

#include <QString>

#include <cstdint>
#include <optional>

namespace dnt {

// Bucket widths. Aligned in UTC: days at 00:00Z, weeks on Monday 00:00Z.
enum class BucketUnit { Minute, Hour, Day, Week };

std::optional<BucketUnit> bucketUnitFromString(const QString &text); // "minute", "hour", "day", "week"
QString bucketUnitName(BucketUnit unit);
int64_t bucketWidthUs(BucketUnit unit);

// Start of the bucket that contains t, and the start of the next bucket.
int64_t bucketFloor(int64_t us, BucketUnit unit);
inline int64_t bucketNext(int64_t startUs, BucketUnit unit) { return startUs + bucketWidthUs(unit); }

// The finest unit that yields at most about one bucket per `pixelsPerBucket` pixels over the span.
BucketUnit autoBucketUnit(int64_t spanUs, int pixelWidth, int pixelsPerBucket = 4);

} // namespace dnt
