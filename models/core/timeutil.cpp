#include "timeutil.h"

#include <QDateTime>

#include <cmath>
#include <cstdlib>

namespace dnt {

// Civil-date conversions after Howard Hinnant's published algorithms ("chrono-Compatible Low-Level
// Date Algorithms"): eras of 400 years, March-based years so that the leap day comes last.
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civilFromDays(int64_t z, int64_t *year, unsigned *month, unsigned *day)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    *year = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
    *month = m;
    *day = d;
}

namespace {

[[gnu::always_inline]] inline bool digits(std::string_view s, size_t pos, size_t count, int *value)
{
    if (pos + count > s.size())
        return false;
    if (count == 2) {
        // The common field (month, day, hours …) without a loop; both digits tested at once.
        const unsigned a = static_cast<unsigned char>(s[pos]) - unsigned('0');
        const unsigned b = static_cast<unsigned char>(s[pos + 1]) - unsigned('0');
        if ((a > 9) | (b > 9))
            return false;
        *value = static_cast<int>(a * 10 + b);
        return true;
    }
    int v = 0;
    for (size_t i = pos; i < pos + count; ++i) {
        const char c = s[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *value = v;
    return true;
}

unsigned daysInMonth(int64_t y, unsigned m)
{
    static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

} // namespace

std::optional<int64_t> parseIso8601(std::string_view s, bool assumeUtc)
{
    int y, mo, d;
    if (!digits(s, 0, 4, &y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, &mo) || s[7] != '-'
        || !digits(s, 8, 2, &d))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || static_cast<unsigned>(d) > daysInMonth(y, mo))
        return std::nullopt;
    int64_t us = daysFromCivil(y, mo, d) * kUsPerDay;
    if (s.size() == 10)
        return us;
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
        return std::nullopt;
    int h, mi, sec = 0;
    if (!digits(s, 11, 2, &h) || s.size() < 16 || s[13] != ':' || !digits(s, 14, 2, &mi))
        return std::nullopt;
    size_t pos = 16;
    int64_t fracUs = 0;
    if (pos < s.size() && s[pos] == ':') {
        if (!digits(s, pos + 1, 2, &sec))
            return std::nullopt;
        pos += 3;
        if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
            ++pos;
            const size_t start = pos;
            int64_t scale = 100000;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
                fracUs += (s[pos] - '0') * scale;
                scale /= 10;
                ++pos;
            }
            if (pos == start)
                return std::nullopt;
        }
    }
    if (h > 24 || mi > 59 || sec > 60 || (h == 24 && (mi || sec || fracUs)))
        return std::nullopt;
    if (sec == 60)
        sec = 59; // a leap second is kept inside its minute
    us += h * kUsPerHour + mi * kUsPerMinute + sec * kUsPerSecond + fracUs;
    if (pos == s.size())
        return assumeUtc ? std::optional<int64_t>(us) : std::nullopt;
    if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size())
        return us;
    if (s[pos] != '+' && s[pos] != '-')
        return std::nullopt;
    const int sign = s[pos] == '+' ? 1 : -1;
    int oh, om = 0;
    if (!digits(s, pos + 1, 2, &oh))
        return std::nullopt;
    size_t rest = pos + 3;
    if (rest < s.size()) {
        if (s[rest] == ':')
            ++rest;
        if (!digits(s, rest, 2, &om) || rest + 2 != s.size())
            return std::nullopt;
    }
    if (oh > 23 || om > 59)
        return std::nullopt;
    return us - sign * (oh * kUsPerHour + om * kUsPerMinute);
}

std::optional<int64_t> parseIso8601(const QString &text, bool assumeUtc)
{
    const QByteArray utf8 = text.trimmed().toUtf8();
    return parseIso8601(std::string_view(utf8.constData(), utf8.size()), assumeUtc);
}

QString formatIsoUtc(int64_t us)
{
    int64_t days = us / kUsPerDay;
    int64_t rem = us % kUsPerDay;
    if (rem < 0) {
        rem += kUsPerDay;
        --days;
    }
    int64_t y;
    unsigned m, d;
    civilFromDays(days, &y, &m, &d);
    const int64_t secs = rem / kUsPerSecond;
    const int64_t frac = rem % kUsPerSecond;
    QString out = QString::asprintf("%04lld-%02u-%02uT%02lld:%02lld:%02lld", static_cast<long long>(y), m, d,
                                    static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                                    static_cast<long long>(secs % 60));
    if (frac)
        out += QString::asprintf(".%06lld", static_cast<long long>(frac));
    out += QLatin1Char('Z');
    return out;
}

bool isUtc(const QTimeZone &zone)
{
    return !zone.isValid() || zone == QTimeZone::utc() || zone.id() == "UTC" || zone.id() == "Etc/UTC";
}

QString zoneName(const QTimeZone &zone)
{
    return isUtc(zone) ? QStringLiteral("UTC") : QString::fromLatin1(zone.id());
}

QString formatIsoInZone(int64_t us, const QTimeZone &zone)
{
    if (isUtc(zone))
        return formatIsoUtc(us);
    int64_t ms = us / 1000;
    if (us % 1000 < 0)
        --ms;
    const int offset = zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()));
    // The local wall clock is the UTC text of (instant + offset), with the offset instead of "Z".
    QString text = formatIsoUtc(us + int64_t(offset) * kUsPerSecond);
    text.chop(1);
    const int a = std::abs(offset) / 60;
    return text + QString::asprintf("%c%02d:%02d", offset < 0 ? '-' : '+', a / 60, a % 60);
}

} // namespace dnt
