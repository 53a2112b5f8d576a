#pragma once

#include "linebasedreader.h"
#include "reader.h"

#include <QString>
#include <QTimeZone>

#include <cstdint>
#include <string_view>

namespace dnt
{

// A wall-clock stamp as zone-less, and possibly year-less, logs write it.
struct CivilStamp {
    int year = 0;       // 0 when the log has no year (syslog "Nov 28 10:10:02")
    int month = 0;      // 1..12
    int day = 0;        // 1..31
    int64_t usOfDay = 0; // microseconds since local midnight
};

// A line without the "<PRI>" priority that syslog writes in front of a message when it forwards it
// or when a daemon logs to a file through some syslog libraries ("<28>Jul 16 22:05:01 host named[1]: …"),
// and without RFC 5424's version "1 " after it. Other lines are returned unchanged.
std::string_view withoutSyslogPriority(std::string_view line);

// Month abbreviation ("Jan" … "Dec", any case) to 1..12; 0 if it is none.
int monthFromName(std::string_view s);

// A syslog-style stamp at the start of line: "Nov 28 10:10:02", "Nov  2 10:10:02" or "Nov 02 10:10:02",
// optionally with a fraction ("10:10:02.053"). On success *rest is what follows the stamp's space.
bool parseSyslogStamp(std::string_view line, CivilStamp *stamp, std::string_view *rest);

// Turns local wall-clock times of one IANA zone into UTC µs, exactly across DST changes.
// Rules, because a wall clock cannot say everything:
// - a time skipped by a spring-forward change (02:30 in Berlin on the last Sunday of March) is read
//   with the offset in force before the change, i.e. as the instant the clock showed 03:30;
// - a time that occurs twice at a fall-back change is read as the earlier instant, unless that would
//   put it more than a minute before the previous time this converter returned (logs are in time
//   order, so after "02:59 CEST" the next "02:00" is CET).
// Zone lookups are cached per local minute, so a log costs about one lookup per minute it covers.
// One instance per file, used on the importing thread.
class ZoneConverter
{
public:
    explicit ZoneConverter(const QString &zone); // empty = UTC
    bool isValid() const { return m_valid; }
    // The zone name to record with the import ("UTC" when defaulted).
    QString zoneName() const { return m_name; }
    // Local time as µs since 1970-01-01 00:00 on the wall clock -> UTC µs.
    int64_t toUtc(int64_t localUs);

private:
    int offsetAt(int64_t utcSeconds) const;

    QTimeZone m_zone;
    QString m_name;
    bool m_valid = true;
    bool m_utc = true;
    int64_t m_cachedMinute = INT64_MIN;
    int m_early = 0; // offsets (seconds) for the cached minute; equal unless it is ambiguous
    int m_late = 0;
    bool m_ambiguous = false;
    int64_t m_lastUtc = INT64_MIN;
};

// Supplies the year for year-less stamps (syslog-style dnsmasq, Unbound's log-time-ascii, BIND via
// syslog). Rules:
// - with ReaderOptions::year, that is the year of the first line;
// - otherwise, with ReaderOptions::path, a pre-pass reads the file once more (through its own
//   InputStream, so gzip/zstd work) and counts the year changes in it; the last line gets the latest
//   year in which its date is not after the date of the file's modification time (in the zone), and
//   each step back over a change gives the year before;
// - without a path (bytes in memory), every date after the modification date is placed in the year
//   before the modification year; without a modification time, "now" stands in for it.
// While reading, a month that goes backwards (Dec -> Jan) starts the next year.
// assumedYear() is the year of the first stamped line.
class YearTracker
{
public:
    using StampFn = bool (*)(std::string_view line, CivilStamp *stamp);

    // stampOf extracts the year-less stamp of a line for the pre-pass (false: no stamp, ignore).
    YearTracker(const ReaderOptions &options, const ZoneConverter &clock, StampFn stampOf);

    // Sets stamp->year. Returns false (with *why) for a month outside 1..12; civilToUtc() checks the day.
    bool assignYear(CivilStamp *stamp, const char **why);
    int firstYear() const { return m_firstYear; }

private:
    void prepare();

    ReaderOptions m_options;
    int m_mtimeYear = 0, m_mtimeMonth = 0, m_mtimeDay = 0;
    StampFn m_stampOf;
    bool m_prepared = false;
    bool m_perLine = false; // the no-path fallback: decide each line against the mtime
    int m_year = 0;
    int m_lastMonth = 0;
    int m_firstYear = 0;
};

// Validates a civil stamp (with its year) and turns it into UTC µs through clock.
bool civilToUtc(const CivilStamp &stamp, ZoneConverter &clock, int64_t *us, const char **why);

// "10:10:02", "10:10:02.053" at the start of s -> µs since midnight; *used = bytes taken. Leap second
// 60 is read as 59.
bool parseClockTime(std::string_view s, int64_t *usOfDay, size_t *used);

// Base of the text readers whose lines start with a time stamp that may lack a zone or a year (BIND,
// dnsmasq, Unbound). It understands the stamps these servers and syslog write:
// ISO 8601 with an offset or "Z" (exact), ISO 8601 without one (local), BIND's "28-Nov-2026 10:10:02.053"
// (local) and syslog's "Nov 28 10:10:02" (local, no year). Local times use ReaderOptions::zone.
// Runs on the importing thread; one instance per file.
class ZonedLineReader : public LineBasedReader
{
public:
    explicit ZonedLineReader(const ReaderOptions &options);
    ReadStatus read(InputStream &stream, RecordSink &sink, QString *error) override;
    // The zone used for zone-less stamps ("UTC" when none was given); empty when every stamp carried
    // its own offset, so that the report does not claim an assumption that was never made.
    QString assumedZone() const override { return m_zoneUsed ? m_clock.zoneName() : QString(); }
    // The year of the first year-less line; 0 when the file had none.
    int assumedYear() const override { return m_sawYearless ? m_years.firstYear() : 0; }

protected:
    // The time stamp at the start of line (after a syslog "<PRI>"), as UTC µs in *us; *rest is the text after it.
    // Returns nullptr on success, else why the stamp is unusable.
    const char *leadingTime(std::string_view line, int64_t *us, std::string_view *rest);

private:
    ZoneConverter m_clock;
    YearTracker m_years;
    bool m_sawYearless = false;
    bool m_zoneUsed = false;
};

} // namespace dnt
