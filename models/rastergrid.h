#pragma once

#include "store.h"
#include "volumeseries.h"

#include <QDate>
#include <QTimeZone>
#include <QVector>

#include <cstdint>
#include <optional>

namespace dnt {

// The day × time-of-day view of a selection: one row per calendar day of the display zone, one column
// per time-of-day slot (wall-clock time in that zone), each cell the number of lookups in it. It shows
// what a bar chart hides: lookups that recur every hour or at the same minute each day.
// DST: a slot is wall-clock time, so on a 25-hour day the repeated hour's lookups add up in one slot,
// and on a 23-hour day the skipped hour's slots do not exist (exists() is false; they are neither drawn
// as "no lookups" nor written to the CSV).
// A value type: built on the reader thread, handed to the widget.
struct RasterGrid
{
    static constexpr int kMaxDays = 731; // two years of rows at most; longer ranges are cut

    QByteArray zone = "UTC";   // IANA id of the display zone
    int slotMinutes = 60;
    QVector<QDate> days;       // one per row, consecutive
    QVector<int64_t> counts;   // row-major: days.size() × slotCount()
    QVector<quint8> present;   // 1 where the wall-clock slot exists that day
    int64_t maxCount = 0;
    int64_t total = 0;
    bool truncated = false;    // the range had more than kMaxDays days: only the first are here
    quint64 jobId = 0;

    // 1, 2, 5, 10, 30 or 60: the slot widths that divide an hour (and so a day) evenly.
    static bool isValidSlot(int minutes);
    static QVector<int> validSlots();

    int rowCount() const { return static_cast<int>(days.size()); }
    int slotCount() const { return slotMinutes > 0 ? 1440 / slotMinutes : 0; }
    bool isEmpty() const { return days.isEmpty(); }
    int64_t count(int row, int slot) const;
    bool exists(int row, int slot) const;
    // Row of a local date, or -1.
    int rowOf(const QDate &day) const;
    // The minute of the day a slot starts at (slot × slotMinutes).
    int slotStartMinute(int slot) const { return slot * slotMinutes; }

    // The per-minute query that feeds fromMinutes: the selection over the whole local days that overlap
    // [fromUs, toUs) (at most kMaxDays of them), minute buckets, no split (the raster counts the whole
    // selection). Any thread.
    static VolumeQuery minuteQuery(const Selection &selection, const QTimeZone &zone, int64_t fromUs, int64_t toUs);
    // Sums per-minute counts (unit Minute; all series added up) into the grid of the days they cover.
    // Any thread.
    static RasterGrid fromMinutes(const VolumeSeries &minutes, const QTimeZone &zone, int slotMinutes);
    // Both, against a store (reader thread).
    static RasterGrid query(const Store &store, const Selection &selection, const QTimeZone &zone, int64_t fromUs,
                            int64_t toUs, int slotMinutes);
};

} // namespace dnt
