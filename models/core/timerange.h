#pragma once

#include "bucket.h"

#include <QString>
#include <QTimeZone>
#include <QVector>

#include <cstdint>
#include <optional>
#include <utility>

namespace dnt {

// What time range a chart shows by default and returns to on Reset view: the user's choice, not a
// side effect of the selection. A name that stops mid-project then visibly stops, because the default
// is the project's whole span (every file), not the selection's first to last lookup.
// The relative choices count back from the LAST lookup of the project (not from the wall clock), so
// that a view means the same thing tomorrow as today.
enum class RangeMode { Project, Selection, LastDay, LastWeek, LastMonth };

// The one table of the range vocabulary: the name in saved views and on the command line (--range),
// and the words of the chart toolbar.
struct RangeModeInfo
{
    RangeMode mode;
    const char *name;  // "project", "selection", "last-day", "last-week", "last-month"
    const char *label; // "Project span", "Last week", … (short: the chart toolbar must fit a laptop screen)
    const char *help;  // one line: what it shows
};
const QVector<RangeModeInfo> &rangeModes();
std::optional<RangeMode> rangeModeFromString(const QString &text);
QString rangeModeName(RangeMode mode);
QString rangeModeLabel(RangeMode mode);
// "project, selection, last-day, last-week or last-month" (usage and error messages).
QString rangeModeNames();

// A chart's range: a mode, optionally overridden by a typed range. A typed side that is missing comes
// from the mode (so "--from T" alone runs from T to the end of the mode's range).
struct RangeChoice
{
    RangeMode mode = RangeMode::Project;
    std::optional<int64_t> fromUs;
    std::optional<int64_t> toUs;

    bool isTyped() const { return fromUs || toUs; }
    bool operator==(const RangeChoice &other) const = default;
};

// A resolved range [fromUs, toUs). `wholeBuckets`: it is a span of lookups and is shown in whole
// buckets (floor of the first, end of the last); a typed or relative range is shown exactly.
struct ResolvedRange
{
    int64_t fromUs = 0;
    int64_t toUs = 0;
    bool wholeBuckets = false;
    bool operator==(const ResolvedRange &other) const = default;
};

// Spans are first and last lookup times (inclusive), as Store::projectTimeRange/timeRange give them.
// nullopt when there is nothing to show (no lookups in the span the choice needs, or an empty range).
// Relative modes step back in calendar terms in the zone (a day across a DST change is 23 or 25 hours,
// a month is one calendar month).
std::optional<ResolvedRange> resolveRange(const RangeChoice &choice,
                                          const std::optional<std::pair<int64_t, int64_t>> &projectSpan,
                                          const std::optional<std::pair<int64_t, int64_t>> &selectionSpan,
                                          const QTimeZone &zone);
// The range as drawn with this bucket unit: whole buckets for a span, unchanged otherwise.
std::pair<int64_t, int64_t> shownRange(const ResolvedRange &range, BucketUnit unit, const QTimeZone &zone);

} // namespace dnt
