#include "utcdateticker.h"

#include "bucket.h"

#include <QDateTime>

#include "timeutil.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace dnt {

namespace {

constexpr int64_t kSecondsPerDay = 86400;
// 1970-01-05, the first Monday after the epoch: weeks are counted from it.
constexpr int64_t kMondayOffsetSeconds = 4 * kSecondsPerDay;

int64_t floorDiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

int64_t ceilDiv(int64_t a, int64_t b)
{
    return -floorDiv(-a, b);
}

using Unit = UtcDateTicker::Unit;
using Step = UtcDateTicker::Step;

// The ladder, finest first. The year multiples go on so that even a range of millennia gets a
// handful of ticks rather than thousands.
constexpr std::array kLadder{
    Step{Unit::Second, 1},  Step{Unit::Second, 5}, Step{Unit::Second, 10}, Step{Unit::Second, 15},
    Step{Unit::Second, 30}, Step{Unit::Minute, 1}, Step{Unit::Minute, 5},  Step{Unit::Minute, 10},
    Step{Unit::Minute, 15}, Step{Unit::Minute, 30}, Step{Unit::Hour, 1},   Step{Unit::Hour, 2},
    Step{Unit::Hour, 3},    Step{Unit::Hour, 6},   Step{Unit::Hour, 12},   Step{Unit::Day, 1},
    Step{Unit::Day, 2},     Step{Unit::Week, 1},   Step{Unit::Month, 1},   Step{Unit::Month, 3},
    Step{Unit::Year, 1},    Step{Unit::Year, 2},   Step{Unit::Year, 5},    Step{Unit::Year, 10},
    Step{Unit::Year, 20},   Step{Unit::Year, 50},  Step{Unit::Year, 100},  Step{Unit::Year, 200},
    Step{Unit::Year, 500},  Step{Unit::Year, 1000}, Step{Unit::Year, 2000}, Step{Unit::Year, 5000},
};

int64_t fixedUnitSeconds(Unit unit)
{
    switch (unit) {
    case Unit::Second: return 1;
    case Unit::Minute: return 60;
    case Unit::Hour: return 3600;
    case Unit::Day: return kSecondsPerDay;
    case Unit::Week: return 7 * kSecondsPerDay;
    case Unit::Month:
    case Unit::Year: break;
    }
    return 0;
}

const char *monthName(unsigned month)
{
    static const char *const names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return month >= 1 && month <= 12 ? names[month - 1] : "???";
}

int64_t monthStartSeconds(int64_t monthIndex) // monthIndex = year * 12 + (month - 1)
{
    const int64_t year = floorDiv(monthIndex, 12);
    const unsigned month = static_cast<unsigned>(monthIndex - year * 12) + 1;
    return daysFromCivil(year, month, 1) * kSecondsPerDay;
}

} // namespace

double UtcDateTicker::Step::approxSeconds() const
{
    switch (unit) {
    case Unit::Month: return count * 30.436875 * kSecondsPerDay;
    case Unit::Year: return count * 365.2425 * kSecondsPerDay;
    default: return static_cast<double>(count * fixedUnitSeconds(unit));
    }
}

UtcDateTicker::UtcDateTicker()
{
    setTickCount(m_targetTicks);
}

UtcDateTicker::Step UtcDateTicker::chooseStep(double spanSeconds, int targetTicks)
{
    const int target = std::clamp(targetTicks, 1, kMaxTicks);
    if (!std::isfinite(spanSeconds))
        return kLadder.back();
    for (const Step &s : kLadder) {
        if (spanSeconds / s.approxSeconds() <= target)
            return s;
    }
    return kLadder.back();
}

QVector<int64_t> UtcDateTicker::tickTimes(double fromSeconds, double toSeconds, Step step)
{
    QVector<int64_t> out;
    if (!std::isfinite(fromSeconds) || !std::isfinite(toSeconds) || step.count <= 0)
        return out;
    fromSeconds = std::clamp(fromSeconds, double(kMinSeconds), double(kMaxSeconds));
    toSeconds = std::clamp(toSeconds, double(kMinSeconds), double(kMaxSeconds));
    if (toSeconds < fromSeconds)
        return out;
    const int64_t from = static_cast<int64_t>(std::ceil(fromSeconds));
    const int64_t to = static_cast<int64_t>(std::floor(toSeconds));
    if (to < from)
        return out;
    out.reserve(kMaxTicks);

    if (step.unit == Unit::Month || step.unit == Unit::Year) {
        // Calendar steps: walk month by month (or year by year) from an aligned start. The loop is
        // bounded by the tick limit plus the few aligned starts that fall before `from`.
        const int64_t stride = step.unit == Unit::Year ? 12 * step.count : step.count;
        int64_t y;
        unsigned m, d;
        civilFromDays(floorDiv(from, kSecondsPerDay), &y, &m, &d);
        int64_t index = step.unit == Unit::Year ? floorDiv(y, step.count) * step.count * 12
                                                : floorDiv(y * 12 + (m - 1), step.count) * step.count;
        for (int guard = 0; guard < kMaxTicks + 4 && out.size() < kMaxTicks; ++guard, index += stride) {
            const int64_t t = monthStartSeconds(index);
            if (t > to)
                break;
            if (t >= from)
                out.append(t);
        }
        return out;
    }

    const int64_t origin = step.unit == Unit::Week ? kMondayOffsetSeconds : 0;
    const int64_t width = fixedUnitSeconds(step.unit) * step.count;
    for (int64_t t = origin + ceilDiv(from - origin, width) * width; t <= to && out.size() < kMaxTicks; t += width)
        out.append(t);
    return out;
}

QString UtcDateTicker::label(int64_t seconds, Step step)
{
    const int64_t days = floorDiv(seconds, kSecondsPerDay);
    const int64_t secOfDay = seconds - days * kSecondsPerDay;
    int64_t y;
    unsigned m, d;
    civilFromDays(days, &y, &m, &d);
    const auto year = static_cast<long long>(y);
    const int hh = static_cast<int>(secOfDay / 3600), mm = static_cast<int>(secOfDay / 60 % 60),
              ss = static_cast<int>(secOfDay % 60);
    switch (step.unit) {
    case Unit::Second: return QString::asprintf("%u %s %02d:%02d:%02d", d, monthName(m), hh, mm, ss);
    case Unit::Minute:
    case Unit::Hour: return QString::asprintf("%u %s %02d:%02d", d, monthName(m), hh, mm);
    case Unit::Day:
    case Unit::Week: return QString::asprintf("%u %s %lld", d, monthName(m), year);
    case Unit::Month: return QString::asprintf("%s %lld", monthName(m), year);
    case Unit::Year: return QString::asprintf("%lld", year);
    }
    return {};
}

void UtcDateTicker::setPixelWidthSource(std::function<int()> source, int pixelsPerTick)
{
    m_widthSource = std::move(source);
    m_pixelsPerTick = std::max(20, pixelsPerTick);
}

int UtcDateTicker::targetTickCount() const
{
    if (m_widthSource)
        return std::clamp(m_widthSource() / m_pixelsPerTick, 2, 20);
    return std::clamp(m_targetTicks, 1, kMaxTicks);
}

void UtcDateTicker::generate(const QCPRange &range, const QLocale &, QChar, int, QVector<double> &ticks,
                             QVector<double> *subTicks, QVector<QString> *tickLabels)
{
    ticks.clear();
    if (subTicks)
        subTicks->clear();
    if (tickLabels)
        tickLabels->clear();
    if (!std::isfinite(range.lower) || !std::isfinite(range.upper))
        return;
    const double lower = std::clamp(range.lower, double(kMinSeconds), double(kMaxSeconds));
    const double upper = std::clamp(range.upper, double(kMinSeconds), double(kMaxSeconds));
    m_lastStep = chooseStep(upper - lower, targetTickCount());
    if (isUtc(m_zone)) {
        const QVector<int64_t> times = tickTimes(lower, upper, m_lastStep);
        ticks.reserve(times.size());
        for (int64_t t : times) {
            ticks.append(static_cast<double>(t));
            if (tickLabels)
                tickLabels->append(label(t, m_lastStep));
        }
        return;
    }
    // In a zone: place the ticks on the wall clock ("local seconds as if UTC"), then map each back to
    // its instant with the zone's rules. A tick whose wall time a DST change skips is dropped, and
    // the labels are the wall-clock times.
    auto offsetAt = [this](double seconds) {
        return m_zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(static_cast<qint64>(seconds), QTimeZone::utc()));
    };
    const double wallLower = lower + offsetAt(lower);
    const double wallUpper = upper + offsetAt(upper);
    const QVector<int64_t> wallTimes = tickTimes(wallLower, wallUpper, m_lastStep);
    for (int64_t wall : wallTimes) {
        const int64_t guess = wall - offsetAt(static_cast<double>(wall));
        int64_t instant = wall - offsetAt(static_cast<double>(guess));
        if (instant + offsetAt(static_cast<double>(instant)) != wall) {
            instant = guess;
            if (instant + offsetAt(static_cast<double>(instant)) != wall)
                continue;
        }
        if (instant < lower || instant > upper)
            continue;
        ticks.append(static_cast<double>(instant));
        if (tickLabels)
            tickLabels->append(label(wall, m_lastStep));
    }
}

} // namespace dnt
