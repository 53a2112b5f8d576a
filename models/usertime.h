#pragma once

#include <QDate>
#include <QString>
#include <QTime>
#include <QTimeZone>

#include <cstdint>
#include <optional>
#include <utility>

namespace dnt {

// A time typed by a person: "2016-07-27" (a date: midnight in `zone`), "2016-07-27 19:00[:05]" or
// "2016-07-27T19:00" (in `zone`), or a full ISO 8601 time with Z or an offset (the zone is then
// ignored). *dateOnly tells whether only a date was given. A local time that a DST change skips is
// moved forward by the gap; an ambiguous one takes the first (earlier) occurrence.
std::optional<int64_t> parseUserTime(const QString &text, const QTimeZone &zone, bool *dateOnly = nullptr);

// The instant of a local date and time in `zone`, with the DST rules above; nullopt for an invalid date.
std::optional<int64_t> localTimeToUs(QDate date, QTime time, const QTimeZone &zone);

// The start of the day after the local day that contains `us` in `zone` (23 or 25 hours later at DST
// changes), for whole-day events.
int64_t nextLocalMidnight(int64_t us, const QTimeZone &zone);

// The inverse, for filling an edit field: "2016-07-27 19:00" (seconds only when not zero).
QString formatUserTime(int64_t us, const QTimeZone &zone);
// A start and an end shown side by side, in the same precision: both with seconds when either has
// them ("19:00:00" – "19:00:05", not "19:00" – "19:00:05"), else both to the minute.
std::pair<QString, QString> formatUserTimeRange(int64_t startUs, int64_t endUs, const QTimeZone &zone);

} // namespace dnt
