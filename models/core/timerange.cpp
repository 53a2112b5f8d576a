#include "timerange.h"

#include <QDateTime>

namespace dnt {

const QVector<RangeModeInfo> &rangeModes()
{
    static const QVector<RangeModeInfo> table = {
        {RangeMode::Project, "project", "Project span", "every imported file's first to last lookup"},
        {RangeMode::Selection, "selection", "Selection span", "the selection's first to last lookup"},
        {RangeMode::LastDay, "last-day", "Last day", "the day up to the project's last lookup"},
        {RangeMode::LastWeek, "last-week", "Last week", "the 7 days up to the project's last lookup"},
        {RangeMode::LastMonth, "last-month", "Last month", "the calendar month up to the project's last lookup"},
    };
    return table;
}

std::optional<RangeMode> rangeModeFromString(const QString &text)
{
    for (const RangeModeInfo &m : rangeModes())
        if (text.trimmed().compare(QLatin1String(m.name), Qt::CaseInsensitive) == 0)
            return m.mode;
    return std::nullopt;
}

QString rangeModeName(RangeMode mode)
{
    for (const RangeModeInfo &m : rangeModes())
        if (m.mode == mode)
            return QLatin1String(m.name);
    return {};
}

QString rangeModeLabel(RangeMode mode)
{
    for (const RangeModeInfo &m : rangeModes())
        if (m.mode == mode)
            return QLatin1String(m.label);
    return {};
}

QString rangeModeNames()
{
    QStringList names;
    for (const RangeModeInfo &m : rangeModes())
        names << QLatin1String(m.name);
    const QString last = names.takeLast();
    return names.join(QLatin1String(", ")) + QLatin1String(" or ") + last;
}

namespace {

// One calendar step back from `us` in the zone (wall-clock arithmetic, like a person counts days).
int64_t stepBack(int64_t us, RangeMode mode, const QTimeZone &zone)
{
    const QTimeZone z = zone.isValid() ? zone : QTimeZone::utc();
    // Whole milliseconds for QDateTime; the microseconds below a millisecond are kept as they were.
    const int64_t ms = us >= 0 || us % 1000 == 0 ? us / 1000 : us / 1000 - 1;
    const int64_t rest = us - ms * 1000;
    QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, z);
    switch (mode) {
    case RangeMode::LastDay:
        t = t.addDays(-1);
        break;
    case RangeMode::LastWeek:
        t = t.addDays(-7);
        break;
    case RangeMode::LastMonth:
        t = t.addMonths(-1);
        break;
    case RangeMode::Project:
    case RangeMode::Selection:
        break;
    }
    return t.toMSecsSinceEpoch() * 1000 + rest;
}

} // namespace

std::optional<ResolvedRange> resolveRange(const RangeChoice &choice,
                                          const std::optional<std::pair<int64_t, int64_t>> &projectSpan,
                                          const std::optional<std::pair<int64_t, int64_t>> &selectionSpan,
                                          const QTimeZone &zone)
{
    std::optional<ResolvedRange> base;
    switch (choice.mode) {
    case RangeMode::Project:
        if (projectSpan)
            base = ResolvedRange{projectSpan->first, projectSpan->second + 1, true};
        break;
    case RangeMode::Selection:
        if (selectionSpan)
            base = ResolvedRange{selectionSpan->first, selectionSpan->second + 1, true};
        break;
    case RangeMode::LastDay:
    case RangeMode::LastWeek:
    case RangeMode::LastMonth:
        if (projectSpan) {
            const int64_t end = projectSpan->second + 1;
            base = ResolvedRange{stepBack(end, choice.mode, zone), end, false};
        }
        break;
    }
    if (choice.fromUs && choice.toUs) {
        base = ResolvedRange{*choice.fromUs, *choice.toUs, false};
    } else if (choice.isTyped()) {
        if (!base)
            return std::nullopt;
        base->fromUs = choice.fromUs.value_or(base->fromUs);
        base->toUs = choice.toUs.value_or(base->toUs);
        base->wholeBuckets = false;
    }
    if (!base || base->toUs <= base->fromUs)
        return std::nullopt;
    return base;
}

std::pair<int64_t, int64_t> shownRange(const ResolvedRange &range, BucketUnit unit, const QTimeZone &zone)
{
    if (!range.wholeBuckets)
        return {range.fromUs, range.toUs};
    return {bucketFloor(range.fromUs, unit, zone), bucketNext(bucketFloor(range.toUs - 1, unit, zone), unit, zone)};
}

} // namespace dnt
