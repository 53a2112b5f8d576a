#pragma once

#include <QString>
#include <QTimeZone>

#include <cstdint>
#include <optional>
#include <string_view>

namespace dnt {

constexpr int64_t kUsPerSecond = 1000000;
constexpr int64_t kUsPerMinute = 60 * kUsPerSecond;
constexpr int64_t kUsPerHour = 60 * kUsPerMinute;
constexpr int64_t kUsPerDay = 24 * kUsPerHour;

// Days since 1970-01-01 for a proleptic Gregorian date, and back. Pure integer arithmetic, no zone.
int64_t daysFromCivil(int64_t year, unsigned month, unsigned day);
void civilFromDays(int64_t days, int64_t *year, unsigned *month, unsigned *day);

// Parses an ISO 8601 date ("2016-07-29", meaning 00:00 UTC) or date-time with "Z" or an offset
// ("2016-07-29T12:00:00Z", "2016-07-29T12:00:00.25+03:00", "…+0300"). A space may replace "T".
// A date-time without a zone is refused (returns nullopt) unless assumeUtc is true.
std::optional<int64_t> parseIso8601(std::string_view text, bool assumeUtc = false);
std::optional<int64_t> parseIso8601(const QString &text, bool assumeUtc = false);

// "2016-07-29T00:00:00Z"; fractional seconds are written only when non-zero ("…00.250000Z").
QString formatIsoUtc(int64_t us);
// UTC, or no usable zone (treated as UTC).
bool isUtc(const QTimeZone &zone);
// "UTC" or the IANA id ("America/New_York"), for labels and provenance.
QString zoneName(const QTimeZone &zone);

// The same instant as local time in a zone with its offset: "2016-07-29T00:00:00-04:00" (UTC: "…Z").
QString formatIsoInZone(int64_t us, const QTimeZone &zone);

// Plausible range for a lookup time: 1970-01-01 to 2200-01-01. Anything outside is a bad timestamp.
constexpr int64_t kMinPlausibleUs = 0;
constexpr int64_t kMaxPlausibleUs = 7258118400LL * kUsPerSecond;
inline bool isPlausibleTime(int64_t us) { return us >= kMinPlausibleUs && us < kMaxPlausibleUs; }

} // namespace dnt
