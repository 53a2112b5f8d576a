#pragma once

#include <qcustomplot.h>

#include <QString>
#include <QTimeZone>
#include <QVector>

#include <cstdint>
#include <functional>

namespace dnt {

// Date-time ticks for an axis whose coordinate is seconds since the epoch, aligned in UTC with integer
// arithmetic. QCPAxisTickerDateTime aligns days and months in the machine's local zone (DESIGN §10), so
// the same chart would differ between machines; this ticker never consults a zone, so its ticks and
// labels are identical whatever TZ is. Steps come from a fixed ladder (minutes … years) chosen to give
// a readable number of ticks, and the number of ticks is clamped so that a huge or absurd range cannot
// make it generate millions of ticks.
class UtcDateTicker : public QCPAxisTicker
{
public:
    enum class Unit { Second, Minute, Hour, Day, Week, Month, Year };
    struct Step
    {
        Unit unit = Unit::Day;
        int64_t count = 1;
        // Nominal length in seconds (months as 30.44 days, years as 365.25 days), for choosing a step.
        double approxSeconds() const;
        bool operator==(const Step &other) const = default;
    };

    // Never more ticks than this, whatever the range.
    static constexpr int kMaxTicks = 50;
    // Ranges are clamped to years 1..9999 before anything is generated.
    static constexpr int64_t kMinSeconds = -62135596800LL; // 0001-01-01T00:00:00Z
    static constexpr int64_t kMaxSeconds = 253402300799LL; // 9999-12-31T23:59:59Z

    UtcDateTicker();

    // The finest ladder step that gives at most targetTicks ticks over spanSeconds.
    static Step chooseStep(double spanSeconds, int targetTicks);
    // Tick times (whole seconds since the epoch) inside [fromSeconds, toSeconds], aligned in UTC to
    // the step: midnight for days, Monday for weeks, the 1st for months, 1 January for years, and the
    // step's multiple within the day/month/year. Empty for non-finite or empty ranges; at most kMaxTicks.
    static QVector<int64_t> tickTimes(double fromSeconds, double toSeconds, Step step);
    // "29 Jul 2016" (days, weeks), "29 Jul 14:00" (hours, minutes), "29 Jul 14:00:05" (seconds),
    // "Jul 2016" (months), "2016" (years). English month names: a label must not depend on the locale
    // either, or the same export differs between machines.
    static QString label(int64_t seconds, Step step);

    // How many ticks to aim for. When a pixel-width source is set, the target follows the axis width
    // at render time instead (one tick per pixelsPerTick pixels), so that exports at other sizes get
    // a fitting density.
    void setTargetTickCount(int count) { m_targetTicks = count; }
    // Ticks and labels in this zone's wall-clock time (UTC by default): days at its midnight, and so on.
    // Computed with QTimeZone's rules, never the machine's own zone, so a render is the same anywhere.
    void setZone(const QTimeZone &zone) { m_zone = zone; }
    QTimeZone zone() const { return m_zone; }
    void setPixelWidthSource(std::function<int()> source, int pixelsPerTick = 110);
    int targetTickCount() const;
    Step lastStep() const { return m_lastStep; }

    void generate(const QCPRange &range, const QLocale &locale, QChar formatChar, int precision, QVector<double> &ticks,
                  QVector<double> *subTicks, QVector<QString> *tickLabels) override;

private:
    int m_targetTicks = 8;
    int m_pixelsPerTick = 110;
    std::function<int()> m_widthSource;
    Step m_lastStep;
    QTimeZone m_zone = QTimeZone::utc();
};

} // namespace dnt
