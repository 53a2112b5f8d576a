#include "zonedlinereader.h"

#include "linereader.h"
#include "timeutil.h"

#include <QDateTime>

namespace dnt
{

namespace
{

bool twoDigits(std::string_view s, size_t pos, int *v)
{
    if (pos + 2 > s.size() || s[pos] < '0' || s[pos] > '9' || s[pos + 1] < '0' || s[pos + 1] > '9')
        return false;
    *v = (s[pos] - '0') * 10 + (s[pos + 1] - '0');
    return true;
}

bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysIn(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : days[m - 1];
}

void civilOf(int64_t us, int *y, int *m, int *d)
{
    int64_t year;
    unsigned month, day;
    int64_t days = us / kUsPerDay;
    if (us < 0 && us % kUsPerDay != 0)
        --days;
    civilFromDays(days, &year, &month, &day);
    *y = static_cast<int>(year);
    *m = static_cast<int>(month);
    *d = static_cast<int>(day);
}

} // namespace

std::string_view withoutSyslogPriority(std::string_view line)
{
    // "<" 1-3 digits ">" (PRI is 0..191)
    if (line.size() < 3 || line[0] != '<')
        return line;
    size_t i = 1;
    while (i < line.size() && i <= 3 && line[i] >= '0' && line[i] <= '9')
        ++i;
    if (i == 1 || i >= line.size() || line[i] != '>')
        return line;
    line.remove_prefix(i + 1);
    if (line.size() > 2 && line[0] == '1' && line[1] == ' ')
        line.remove_prefix(2); // RFC 5424 VERSION
    return line;
}

int monthFromName(std::string_view s)
{
    if (s.size() != 3)
        return 0;
    static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    char lower[3];
    for (int i = 0; i < 3; ++i) {
        const char c = s[static_cast<size_t>(i)];
        lower[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    for (int m = 0; m < 12; ++m)
        if (names[m * 3] == lower[0] && names[m * 3 + 1] == lower[1] && names[m * 3 + 2] == lower[2])
            return m + 1;
    return 0;
}

bool parseSyslogStamp(std::string_view s, CivilStamp *stamp, std::string_view *rest)
{
    // "Nov 28 10:10:02" / "Nov  2 10:10:02" / "Nov 02 10:10:02[.ffffff]"
    if (s.size() < 15 || s[3] != ' ')
        return false;
    const int month = monthFromName(s.substr(0, 3));
    if (month == 0)
        return false;
    int day;
    if (s[4] == ' ' && s[5] >= '1' && s[5] <= '9')
        day = s[5] - '0';
    else if (!twoDigits(s, 4, &day))
        return false;
    if (s[6] != ' ' || day < 1 || day > 31)
        return false;
    size_t used = 0;
    if (!parseClockTime(s.substr(7), &stamp->usOfDay, &used))
        return false;
    const size_t pos = 7 + used;
    if (pos < s.size() && s[pos] != ' ')
        return false;
    stamp->year = 0;
    stamp->month = month;
    stamp->day = day;
    *rest = pos < s.size() ? s.substr(pos + 1) : std::string_view();
    return true;
}

bool parseClockTime(std::string_view s, int64_t *usOfDay, size_t *used)
{
    int h, mi, sec;
    if (!twoDigits(s, 0, &h) || s.size() < 8 || s[2] != ':' || !twoDigits(s, 3, &mi) || s[5] != ':' ||
        !twoDigits(s, 6, &sec) || h > 23 || mi > 59 || sec > 60)
        return false;
    size_t pos = 8;
    int64_t frac = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int64_t scale = 100000;
        const size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            frac += (s[pos] - '0') * scale; // digits past µs add 0: truncated
            scale /= 10;
            ++pos;
        }
        if (pos == start)
            return false;
    }
    *usOfDay = ((h * 60 + mi) * 60 + std::min(sec, 59)) * kUsPerSecond + frac;
    *used = pos;
    return true;
}

ZoneConverter::ZoneConverter(const QString &zone)
{
    if (zone.isEmpty() || zone == QLatin1String("UTC")) {
        m_name = QStringLiteral("UTC");
        return;
    }
    m_zone = QTimeZone(zone.toUtf8());
    m_name = zone;
    m_valid = m_zone.isValid();
    m_utc = !m_valid;
}

int ZoneConverter::offsetAt(int64_t utcSeconds) const
{
    return m_zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(utcSeconds, QTimeZone::utc()));
}

int64_t ZoneConverter::toUtc(int64_t localUs)
{
    if (m_utc)
        return localUs;
    int64_t minute = localUs / kUsPerMinute;
    if (localUs < 0 && localUs % kUsPerMinute != 0)
        --minute;
    if (minute != m_cachedMinute) {
        // The offsets a day before and after bracket any single change near this time.
        const int64_t local = minute * 60;
        const int before = offsetAt(local - 86400);
        const int after = offsetAt(local + 86400);
        const bool beforeFits = offsetAt(local - before) == before;
        const bool afterFits = offsetAt(local - after) == after;
        m_ambiguous = false;
        if (beforeFits && afterFits && before != after) {
            m_ambiguous = true; // fall back: two instants; the earlier uses the larger offset
            m_early = std::max(before, after);
            m_late = std::min(before, after);
        } else if (afterFits) {
            m_early = m_late = after;
        } else {
            m_early = m_late = before; // in a gap, or after a change: the offset before it
        }
        m_cachedMinute = minute;
    }
    int64_t utc = localUs - int64_t(m_early) * kUsPerSecond;
    if (m_ambiguous && m_lastUtc != INT64_MIN && utc < m_lastUtc - kUsPerMinute)
        utc = localUs - int64_t(m_late) * kUsPerSecond;
    m_lastUtc = utc;
    return utc;
}

bool civilToUtc(const CivilStamp &s, ZoneConverter &clock, int64_t *us, const char **why)
{
    if (s.year < 1970 || s.year > 2199) {
        *why = "year out of range (1970-2199)";
        return false;
    }
    if (s.month < 1 || s.month > 12 || s.day < 1 || s.day > daysIn(s.year, s.month)) {
        *why = "no such date";
        return false;
    }
    const int64_t local =
        daysFromCivil(s.year, static_cast<unsigned>(s.month), static_cast<unsigned>(s.day)) * kUsPerDay +
        s.usOfDay;
    *us = clock.toUtc(local);
    if (!isPlausibleTime(*us)) {
        *why = "time out of range (before 1970 or after 2199)";
        return false;
    }
    return true;
}

YearTracker::YearTracker(const ReaderOptions &options, const ZoneConverter &clock, StampFn stampOf)
    : m_options(options), m_stampOf(stampOf)
{
    int64_t mtime = options.fileModifiedUs;
    if (mtime <= 0)
        mtime = QDateTime::currentMSecsSinceEpoch() * 1000;
    // The modification date as the log's wall clock shows it.
    int offset = 0;
    if (clock.zoneName() != QLatin1String("UTC")) {
        const QTimeZone tz(clock.zoneName().toUtf8());
        if (tz.isValid())
            offset = tz.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(mtime / 1000, QTimeZone::utc()));
    }
    civilOf(mtime + int64_t(offset) * kUsPerSecond, &m_mtimeYear, &m_mtimeMonth, &m_mtimeDay);
}

void YearTracker::prepare()
{
    m_prepared = true;
    if (m_options.year > 0) {
        m_year = m_options.year;
        return;
    }
    const auto afterMtime = [this](int month, int day) {
        return month > m_mtimeMonth || (month == m_mtimeMonth && day > m_mtimeDay);
    };
    if (!m_options.path.isEmpty() && m_stampOf) {
        QString error;
        auto stream = InputStream::openFile(m_options.path, &error);
        if (stream) {
            LineReader lines(*stream);
            std::string_view line;
            int rollovers = 0, last = 0, lastMonth = 0, lastDay = 0;
            LineReader::Status status;
            while ((status = lines.next(&line)) != LineReader::Status::End &&
                   status != LineReader::Status::Error) {
                CivilStamp stamp;
                if (status != LineReader::Status::Line || !m_stampOf(line, &stamp))
                    continue;
                if (last != 0 && stamp.month < last)
                    ++rollovers;
                last = stamp.month;
                lastMonth = stamp.month;
                lastDay = stamp.day;
            }
            if (last != 0) {
                const int lastYear = afterMtime(lastMonth, lastDay) ? m_mtimeYear - 1 : m_mtimeYear;
                m_year = lastYear - rollovers;
                return;
            }
        }
    }
    // No file to look ahead in (bytes in memory, or an unreadable path): each line is placed against
    // the modification date on its own.
    m_perLine = true;
}

bool YearTracker::assignYear(CivilStamp *stamp, const char **why)
{
    if (stamp->month < 1 || stamp->month > 12) {
        *why = "no such month";
        return false;
    }
    if (!m_prepared) {
        prepare();
        m_lastMonth = stamp->month;
    }
    if (m_perLine) {
        const bool after =
            stamp->month > m_mtimeMonth || (stamp->month == m_mtimeMonth && stamp->day > m_mtimeDay);
        stamp->year = after ? m_mtimeYear - 1 : m_mtimeYear;
        if (m_firstYear == 0)
            m_firstYear = stamp->year;
        return true;
    }
    if (stamp->month < m_lastMonth)
        ++m_year;
    m_lastMonth = stamp->month;
    stamp->year = m_year;
    if (m_firstYear == 0)
        m_firstYear = m_year;
    return true;
}

namespace
{

bool syslogStampOnly(std::string_view line, CivilStamp *stamp)
{
    std::string_view rest;
    return parseSyslogStamp(withoutSyslogPriority(line), stamp, &rest);
}

} // namespace

ZonedLineReader::ZonedLineReader(const ReaderOptions &options)
    : m_clock(options.zone), m_years(options, m_clock, &syslogStampOnly)
{
}

ReadStatus ZonedLineReader::read(InputStream &stream, RecordSink &sink, QString *error)
{
    if (!m_clock.isValid()) {
        if (error)
            *error = QStringLiteral("unknown time zone \"%1\" (expected an IANA name such as Europe/Berlin)")
                         .arg(m_clock.zoneName());
        return ReadStatus::Failed;
    }
    return LineBasedReader::read(stream, sink, error);
}

const char *ZonedLineReader::leadingTime(std::string_view line, int64_t *us, std::string_view *rest)
{
    const char *why = nullptr;
    CivilStamp civil;
    line = withoutSyslogPriority(line);
    if (!line.empty() && line[0] >= '0' && line[0] <= '9') {
        const size_t space = line.find(' ');
        const std::string_view token = line.substr(0, space);
        *rest = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
        if (token.size() >= 10 && token[4] == '-') {
            if (const auto exact = parseIso8601(token)) {
                *us = *exact;
                return isPlausibleTime(*us) ? nullptr : "time out of range (before 1970 or after 2199)";
            }
            const auto local = parseIso8601(token, true);
            if (!local)
                return "bad ISO 8601 time stamp";
            m_zoneUsed = true;
            int64_t year;
            unsigned month, day;
            int64_t days = *local / kUsPerDay;
            if (*local < 0 && *local % kUsPerDay != 0)
                --days;
            civilFromDays(days, &year, &month, &day);
            civil.year = static_cast<int>(year);
            civil.month = static_cast<int>(month);
            civil.day = static_cast<int>(day);
            civil.usOfDay = *local - days * kUsPerDay;
            return civilToUtc(civil, m_clock, us, &why) ? nullptr : why;
        }
        // BIND's print-time: "28-Nov-2026 10:10:02.053"
        if (token.size() == 11 && token[2] == '-' && token[6] == '-') {
            int day = 0, year = 0;
            if (!twoDigits(token, 0, &day) || !twoDigits(token, 7, &year) || !twoDigits(token, 9, &civil.year))
                return "bad date (expected DD-Mon-YYYY)";
            civil.year += year * 100;
            civil.day = day;
            civil.month = monthFromName(token.substr(3, 3));
            if (civil.month == 0)
                return "bad month name";
            size_t used = 0;
            if (!parseClockTime(*rest, &civil.usOfDay, &used) || (used < rest->size() && (*rest)[used] != ' '))
                return "bad time of day (expected HH:MM:SS.mmm)";
            *rest = used < rest->size() ? rest->substr(used + 1) : std::string_view();
            m_zoneUsed = true;
            return civilToUtc(civil, m_clock, us, &why) ? nullptr : why;
        }
        return "unrecognised time stamp";
    }
    if (parseSyslogStamp(line, &civil, rest)) {
        m_sawYearless = true;
        m_zoneUsed = true;
        if (!m_years.assignYear(&civil, &why))
            return why;
        return civilToUtc(civil, m_clock, us, &why) ? nullptr : why;
    }
    return "no time stamp at the start of the line";
}

} // namespace dnt
