#include "rastergrid.h"

#include "bucket.h"
#include "timeutil.h"

#include <QDateTime>

#include <algorithm>

namespace dnt {

namespace {

const QDate kEpoch(1970, 1, 1);

int64_t floorDiv(int64_t a, int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// UTC offset of a zone at an instant, with the instant up to which it stays the same, so that a run of
// minutes needs one zone lookup per transition rather than one per minute.
class OffsetCursor
{
public:
    explicit OffsetCursor(const QTimeZone &zone) : m_zone(zone), m_utc(isUtc(zone)) {}

    int64_t offsetUs(int64_t us)
    {
        if (m_utc)
            return 0;
        if (!m_valid || us < m_fromUs || us >= m_untilUs) {
            const QDateTime at = QDateTime::fromMSecsSinceEpoch(floorDiv(us, 1000), QTimeZone::utc());
            m_offsetUs = int64_t(m_zone.offsetFromUtc(at)) * kUsPerSecond;
            m_fromUs = us;
            const QTimeZone::OffsetData next = m_zone.nextTransition(at);
            m_untilUs = next.atUtc.isValid() ? next.atUtc.toMSecsSinceEpoch() * 1000 : INT64_MAX;
            if (m_untilUs <= us)
                m_untilUs = us + 1; // never loop on a transition the zone reports for this very instant
            m_valid = true;
        }
        return m_offsetUs;
    }

private:
    QTimeZone m_zone;
    bool m_utc;
    bool m_valid = false;
    int64_t m_offsetUs = 0, m_fromUs = 0, m_untilUs = 0;
};

} // namespace

bool RasterGrid::isValidSlot(int minutes)
{
    return validSlots().contains(minutes);
}

QVector<int> RasterGrid::validSlots()
{
    return {1, 2, 5, 10, 30, 60};
}

int64_t RasterGrid::count(int row, int slot) const
{
    if (row < 0 || row >= rowCount() || slot < 0 || slot >= slotCount())
        return 0;
    return counts.value(qsizetype(row) * slotCount() + slot);
}

bool RasterGrid::exists(int row, int slot) const
{
    if (row < 0 || row >= rowCount() || slot < 0 || slot >= slotCount())
        return false;
    return present.value(qsizetype(row) * slotCount() + slot) != 0;
}

int RasterGrid::rowOf(const QDate &day) const
{
    if (days.isEmpty() || !day.isValid())
        return -1;
    const int64_t row = days.first().daysTo(day);
    return row >= 0 && row < rowCount() ? static_cast<int>(row) : -1;
}

VolumeQuery RasterGrid::minuteQuery(const Selection &selection, const QTimeZone &zone, int64_t fromUs, int64_t toUs)
{
    VolumeQuery q;
    q.selection = selection;
    q.zone = zone;
    q.unit = BucketUnit::Minute;
    q.split = Split::None;
    const int64_t from = bucketFloor(fromUs, BucketUnit::Day, zone);
    int64_t to = bucketFloor(std::max(fromUs, toUs - 1), BucketUnit::Day, zone);
    to = bucketNext(to, BucketUnit::Day, zone);
    // At most kMaxDays local days, counted from the start.
    int64_t end = from;
    for (int i = 0; i < kMaxDays && end < to; ++i)
        end = bucketNext(end, BucketUnit::Day, zone);
    q.fromUs = from;
    q.toUs = std::min(to, end);
    return q;
}

RasterGrid RasterGrid::fromMinutes(const VolumeSeries &minutes, const QTimeZone &zone, int slotMinutes)
{
    RasterGrid g;
    g.zone = isUtc(zone) ? QByteArray("UTC") : zone.id();
    g.slotMinutes = isValidSlot(slotMinutes) ? slotMinutes : 60;
    g.jobId = minutes.jobId;
    if (minutes.bucketStarts.isEmpty() || minutes.unit != BucketUnit::Minute)
        return g;
    OffsetCursor offsets(zone);
    const auto localMinute = [&offsets](int64_t us) { return floorDiv(us + offsets.offsetUs(us), kUsPerMinute); };
    const int64_t firstDay = floorDiv(localMinute(minutes.bucketStarts.first()), 1440);
    const int64_t lastDay = floorDiv(localMinute(minutes.bucketStarts.last()), 1440);
    int64_t rows = lastDay - firstDay + 1;
    if (rows > kMaxDays) {
        rows = kMaxDays;
        g.truncated = true;
    }
    for (int64_t r = 0; r < rows; ++r)
        g.days.append(kEpoch.addDays(firstDay + r));
    const int columns = g.slotCount();
    g.counts = QVector<int64_t>(rows * columns, 0);
    g.present = QVector<quint8>(rows * columns, 0);
    for (qsizetype i = 0; i < minutes.bucketStarts.size(); ++i) {
        const int64_t m = localMinute(minutes.bucketStarts.at(i));
        const int64_t row = floorDiv(m, 1440) - firstDay;
        if (row < 0 || row >= rows)
            continue;
        const qsizetype cell = qsizetype(row) * columns + (m - floorDiv(m, 1440) * 1440) / g.slotMinutes;
        g.present[cell] = 1;
        int64_t c = 0;
        for (const auto &s : minutes.series)
            c += std::max<int64_t>(0, s.counts.value(i));
        g.counts[cell] += c;
    }
    for (int64_t c : std::as_const(g.counts)) {
        g.total += c;
        g.maxCount = std::max(g.maxCount, c);
    }
    return g;
}

RasterGrid RasterGrid::query(const Store &store, const Selection &selection, const QTimeZone &zone, int64_t fromUs,
                             int64_t toUs, int slotMinutes)
{
    const VolumeQuery q = minuteQuery(selection, zone, fromUs, toUs);
    RasterGrid g = fromMinutes(store.volume(q), zone, slotMinutes);
    g.truncated = g.truncated || q.toUs.value_or(0) < toUs;
    return g;
}

} // namespace dnt
