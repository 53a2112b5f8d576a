#include "csvreader.h"

#include "docformatsupport.h"
#include "textparse.h"
#include "timeutil.h"

#include <algorithm>
#include <cstring>

namespace dnt
{

namespace
{

constexpr size_t kMaxRowBytes = 1 << 20; // a quoted field may span lines, but not without end

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = static_cast<char>(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

// Header names that the guess accepts, per column (same order as CsvReader::Column).
constexpr std::string_view kGuesses[][8] = {
    {"time", "timestamp", "ts", "datetime", "date", "query_timestamp", "@timestamp", {}},
    {"client", "src", "source", "src_ip", "client_ip", "srcaddr", "source_ip", {}},
    {"name", "query", "domain", "qname", "query_name", "question", {}, {}},
    {"type", "qtype", "query_type", "qtype_name", "rrtype", {}, {}, {}},
    {"server", "dst", "dest", "dst_ip", "dest_ip", "resolver", "server_ip", {}},
    {"rcode", "rcode_name", "response_code", {}, {}, {}, {}, {}},
};

constexpr std::string_view kColumnKeys[] = {"time", "client", "name", "type", "server", "rcode"};

// Splits a header for detection only; quotes are removed but "" is not unescaped (header names).
template <typename F> void forEachHeaderName(std::string_view line, char delimiter, F f)
{
    size_t start = 0;
    bool quoted = false;
    for (size_t i = 0; i <= line.size(); ++i) {
        if (i < line.size() && line[i] == '"')
            quoted = !quoted;
        if (i == line.size() || (line[i] == delimiter && !quoted)) {
            std::string_view name = trimmed(line.substr(start, i - start));
            if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
                name = name.substr(1, name.size() - 2);
            f(name);
            start = i + 1;
        }
    }
}

} // namespace

namespace csv
{

char guessDelimiter(std::string_view line)
{
    const char candidates[] = {',', ';', '\t', '|'};
    int counts[4] = {};
    bool quoted = false;
    for (char c : line) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted)
            for (int k = 0; k < 4; ++k)
                counts[k] += c == candidates[k];
    }
    int best = -1;
    for (int k = 0; k < 4; ++k)
        if (counts[k] > 0 && (best < 0 || counts[k] > counts[best]))
            best = k;
    return best < 0 ? 0 : candidates[best];
}

} // namespace csv

CsvReader::CsvReader(const ReaderOptions &options)
    : m_columnSpec(options.csvColumns), m_timeSpec(options.csvTimeFormat),
      m_delimiterSpec(options.csvDelimiter), m_noHeader(options.csvNoHeader), m_clock(options.zone)
{
    if (!m_clock.isValid())
        m_optionError = QStringLiteral("unknown time zone \"%1\"").arg(m_clock.zoneName());
    const QString t = m_timeSpec.trimmed();
    if (t.isEmpty() || t == QLatin1String("auto")) {
        m_timeFormat = TimeFormat::Auto;
    } else if (t == QLatin1String("epoch")) {
        m_timeFormat = TimeFormat::Epoch;
    } else if (t == QLatin1String("epoch-ms")) {
        m_timeFormat = TimeFormat::EpochMs;
    } else if (t == QLatin1String("iso8601")) {
        m_timeFormat = TimeFormat::Iso8601;
    } else if (t.contains(QLatin1Char('%'))) {
        m_timeFormat = TimeFormat::Pattern;
        m_pattern = t.toStdString();
        for (size_t i = 0; i < m_pattern.size(); ++i) {
            if (m_pattern[i] != '%')
                continue;
            const char c = i + 1 < m_pattern.size() ? m_pattern[i + 1] : '\0';
            if (!std::strchr("YmdHMSfbIpz%", c) || c == '\0') {
                m_optionError = QStringLiteral("time format \"%1\": unsupported %%%2 (use %Y %m %d %H %M %S "
                                               "%f %b %I %p %z %%)")
                                    .arg(t, QString(QLatin1Char(c ? c : ' ')));
                break;
            }
            ++i;
        }
    } else {
        m_optionError = QStringLiteral("time format \"%1\": expected epoch, epoch-ms, iso8601 or a "
                                       "%Y-%m-%d %H:%M:%S style pattern")
                            .arg(t);
    }
    const QString d = m_delimiterSpec;
    if (!d.isEmpty() && d != QLatin1String(",") && d != QLatin1String(";") && d != QLatin1String("|") &&
        d != QLatin1String("\t") && d != QLatin1String("\\t") && d.toLower() != QLatin1String("tab"))
        m_optionError = QStringLiteral("delimiter \"%1\": expected , ; | or tab").arg(d);
    if (m_noHeader && m_columnSpec.trimmed().isEmpty())
        m_optionError = QStringLiteral("without a header the columns must be given by position "
                                       "(--columns time=1,client=4,name=9)");
}

ReadStatus CsvReader::read(InputStream &stream, RecordSink &sink, QString *error)
{
    if (!m_optionError.isEmpty()) {
        if (error)
            *error = m_optionError;
        return ReadStatus::Failed;
    }
    const ReadStatus status = LineBasedReader::read(stream, sink, error);
    if (status == ReadStatus::Finished && !m_pending.empty()) {
        sink.onRejected(m_pendingLine, "quoted field not closed before the end of the file");
        m_pending.clear();
    }
    return status;
}

int CsvReader::detect(std::string_view head)
{
    if (head.size() >= 3 && head.substr(0, 3) == "\xef\xbb\xbf")
        head.remove_prefix(3);
    const size_t nl = head.find('\n');
    if (nl == std::string_view::npos)
        return 0; // no complete header line
    const std::string_view line = trimmed(head.substr(0, nl));
    if (line.empty() || line.front() == '#' || line.front() == '{' || line.front() == '[')
        return 0;
    const char delimiter = csv::guessDelimiter(line);
    if (!delimiter)
        return 0;
    bool found[3] = {};
    forEachHeaderName(line, delimiter, [&](std::string_view name) {
        for (int c = 0; c < 3; ++c)
            for (std::string_view g : kGuesses[c])
                if (!g.empty() && equalsNoCase(name, g))
                    found[c] = true;
    });
    return found[0] && found[1] && found[2] ? 30 : 0;
}

void CsvReader::reset()
{
    m_haveHeader = false;
    m_headerError.clear();
    m_pending.clear();
    m_zoneUsed = false;
    for (int &c : m_column)
        c = -1;
}

bool CsvReader::setupHeader(std::string_view header)
{
    if (header.size() >= 3 && header.substr(0, 3) == "\xef\xbb\xbf")
        header.remove_prefix(3);
    if (m_delimiterSpec.isEmpty()) {
        m_delimiter = csv::guessDelimiter(header);
        if (!m_delimiter)
            m_delimiter = ','; // a one-column header cannot name time, client and name anyway
    } else {
        const QString d = m_delimiterSpec;
        m_delimiter = d.size() == 1 ? d.at(0).toLatin1() : '\t';
    }
    bool open = false;
    const char *why = nullptr;
    if (!split(header, &open, &why) || open) {
        m_headerError = std::string("header line: ") + (why ? why : "quoted field not closed");
        return false;
    }
    m_columnCount = m_fields.size();
    // Copy the names: the views point into buffers the next row reuses.
    std::vector<std::string> names;
    names.reserve(m_fields.size());
    for (std::string_view f : m_fields)
        names.emplace_back(trimmed(f));
    const auto find = [&](std::string_view wanted) {
        for (size_t i = 0; i < names.size(); ++i)
            if (equalsNoCase(names[i], wanted))
                return static_cast<int>(i);
        return -1;
    };
    if (!m_columnSpec.trimmed().isEmpty()) {
        for (const QString &part : m_columnSpec.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const qsizetype eq = part.indexOf(QLatin1Char('='));
            const std::string key = part.left(eq).trimmed().toLower().toStdString();
            const std::string value = part.mid(eq + 1).trimmed().toStdString();
            int column = -1;
            for (int c = 0; c < ColumnCount; ++c)
                if (kColumnKeys[c] == key)
                    column = c;
            if (eq < 0 || column < 0) {
                m_headerError = "column mapping \"" + part.toStdString() +
                                "\": expected time=, client=, name=, type=, server= or rcode=";
                return false;
            }
            m_column[column] = m_noHeader ? -1 : find(value);
            if (m_column[column] < 0) {
                // A number that names no column is a 1-based position.
                const auto position = parseUnsigned(value, 100000);
                if (position && *position >= 1 && *position <= m_columnCount) {
                    m_column[column] = static_cast<int>(*position - 1);
                } else if (position) {
                    m_headerError = "column mapping " + key + "=" + value + ": the " +
                                    (m_noHeader ? "first row" : "header") + " has only " +
                                    std::to_string(m_columnCount) + " columns";
                    return false;
                } else {
                    m_headerError = m_noHeader ? "column mapping " + key + "=" + value +
                                                     ": without a header, give a column by its position (1, 2, …)"
                                               : "column mapping " + key + "=" + value +
                                                     ": the header has no column \"" + value + "\"";
                    return false;
                }
            }
        }
    }
    if (!m_noHeader)
        for (int c = 0; c < ColumnCount; ++c)
            for (std::string_view g : kGuesses[c])
                if (m_column[c] < 0 && !g.empty())
                    m_column[c] = find(g);
    for (int c : {Time, Client, Name})
        if (m_column[c] < 0) {
            m_headerError = m_noHeader ? "no " + std::string(kColumnKeys[c]) + " column given (--columns " +
                                             std::string(kColumnKeys[c]) + "=POSITION)"
                                       : "no " + std::string(kColumnKeys[c]) +
                                             " column in the header (name it with --columns " +
                                             std::string(kColumnKeys[c]) + "=COLUMN)";
            return false;
        }
    return true;
}

bool CsvReader::split(std::string_view text, bool *open, const char **reason)
{
    m_spans.clear();
    m_unquoted.clear();
    *open = false;
    size_t i = 0;
    const size_t n = text.size();
    while (true) {
        if (i < n && text[i] == '"') {
            // Quoted field: up to the closing quote; "" is a quote.
            size_t j = i + 1;
            bool escaped = false;
            while (true) {
                const void *q = std::memchr(text.data() + j, '"', n - j);
                if (!q) {
                    *open = true;
                    return true;
                }
                j = static_cast<size_t>(static_cast<const char *>(q) - text.data());
                if (j + 1 < n && text[j + 1] == '"') {
                    escaped = true;
                    j += 2;
                    continue;
                }
                break;
            }
            if (!escaped) {
                m_spans.push_back({false, i + 1, j - i - 1});
            } else {
                const size_t start = m_unquoted.size();
                for (size_t k = i + 1; k < j; ++k) {
                    m_unquoted.push_back(text[k]);
                    if (text[k] == '"')
                        ++k;
                }
                m_spans.push_back({true, start, m_unquoted.size() - start});
            }
            i = j + 1;
            while (i < n && (text[i] == ' ' || text[i] == '\r'))
                ++i;
            if (i < n && text[i] != m_delimiter) {
                *reason = "text after a closing quote";
                return false;
            }
        } else {
            const void *d = std::memchr(text.data() + i, m_delimiter, n - i);
            const size_t end = d ? static_cast<size_t>(static_cast<const char *>(d) - text.data()) : n;
            if (std::memchr(text.data() + i, '"', end - i)) {
                *reason = "quote inside an unquoted field";
                return false;
            }
            m_spans.push_back({false, i, end - i});
            i = end;
        }
        if (i >= n)
            break;
        ++i; // the delimiter
        if (i == n) {
            m_spans.push_back({false, n, 0}); // trailing empty field
            break;
        }
        // Some exporters write "a", "b": blanks before an opening quote are not part of the field.
        size_t b = i;
        while (b < n && text[b] == ' ')
            ++b;
        if (b < n && text[b] == '"')
            i = b;
    }
    m_fields.clear();
    for (const Span &s : m_spans)
        m_fields.push_back(s.inBuffer ? std::string_view(m_unquoted).substr(s.offset, s.length)
                                      : text.substr(s.offset, s.length));
    return true;
}

LineBasedReader::LineResult CsvReader::parseLine(std::string_view line, int64_t lineNumber, RecordSink &sink)
{
    if (!m_pending.empty()) {
        m_pending.push_back('\n');
        m_pending.append(line);
        if (m_pending.size() > kMaxRowBytes) {
            sink.onRejected(m_pendingLine, "quoted field runs over more than 1 MiB of lines");
            m_pending.clear();
            return LineResult::Continue;
        }
        // The buffer must stay put while the row's views are used: parse a copy-free view of it.
        const std::string_view row = m_pending;
        bool open = false;
        const char *why = nullptr;
        if (split(row, &open, &why) && open)
            return LineResult::Continue;
        const LineResult r = parseRow(row, m_pendingLine, sink);
        m_pending.clear();
        return r;
    }
    if (isBlankLine(line))
        return LineResult::Continue;
    if (!m_haveHeader) {
        m_haveHeader = true;
        if (line.size() >= 3 && line.substr(0, 3) == "\xef\xbb\xbf")
            line.remove_prefix(3);
        setupHeader(line);
        if (!m_noHeader)
            return LineResult::Continue;
        // Without a header the first row is data (or, with a bad mapping, rejected like the rest).
    }
    if (!m_headerError.empty()) {
        sink.onRejected(lineNumber, m_headerError);
        return LineResult::Continue;
    }
    bool open = false;
    const char *why = nullptr;
    if (split(line, &open, &why) && open) {
        m_pending.assign(line);
        m_pendingLine = lineNumber;
        return LineResult::Continue;
    }
    return parseRow(line, lineNumber, sink);
}

LineBasedReader::LineResult CsvReader::parseRow(std::string_view text, int64_t lineNumber, RecordSink &sink)
{
    const auto reject = [&](std::string_view why) {
        sink.onRejected(lineNumber, why);
        return LineResult::Continue;
    };
    bool open = false;
    const char *why = nullptr;
    if (!split(text, &open, &why))
        return reject(why);
    if (m_noHeader) {
        // No header to hold rows to (Umbrella adds columns in later log versions): a row must only
        // reach the last mapped column.
        int last = -1;
        for (int c : m_column)
            last = std::max(last, c);
        if (m_fields.size() <= static_cast<size_t>(last)) {
            m_reason = std::to_string(m_fields.size()) + " fields, the mapping reads column " + std::to_string(last + 1);
            return reject(m_reason);
        }
    } else if (m_fields.size() != m_columnCount) {
        m_reason =
            std::to_string(m_fields.size()) + " fields, the header has " + std::to_string(m_columnCount);
        return reject(m_reason);
    }
    const auto rejectField = [&](int column, std::string_view problem, std::string_view value) {
        m_reason = "bad ";
        m_reason += kColumnKeys[column];
        m_reason += ' ';
        appendQuoted(&m_reason, value);
        m_reason += ": ";
        m_reason += problem;
        return reject(m_reason);
    };

    LookupRecord record;
    record.line = lineNumber;
    const std::string_view time = trimmed(m_fields[static_cast<size_t>(m_column[Time])]);
    if ((why = parseTime(time, &record.timeUs)))
        return rejectField(Time, why, time);
    if (!isPlausibleTime(record.timeUs))
        return rejectField(Time, "out of range (before 1970 or after 2199)", time);

    std::string_view client = trimmed(m_fields[static_cast<size_t>(m_column[Client])]);
    if (client.empty() && m_clientFallback >= 0 && static_cast<size_t>(m_clientFallback) < m_fields.size())
        client = trimmed(m_fields[static_cast<size_t>(m_clientFallback)]);
    bool address = !client.empty() && client.size() <= 64;
    for (char c : client)
        address = address && static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f;
    if (!address)
        return rejectField(Client, "not an address (printable ASCII, up to 64 characters)", client);
    record.client = client;

    const std::string_view name = trimmed(m_fields[static_cast<size_t>(m_column[Name])]);
    if (!normalizeDnsName(name, &m_name, &why))
        return rejectField(Name, why, name);
    record.name = m_name;

    if (m_column[Server] >= 0) {
        const std::string_view server = trimmed(m_fields[static_cast<size_t>(m_column[Server])]);
        if (server.size() > 64)
            return rejectField(Server, "longer than 64 characters", server);
        record.server = server;
    }
    if (m_column[Type] >= 0) {
        std::string_view type = trimmed(m_fields[static_cast<size_t>(m_column[Type])]);
        // "1 (A)", as Cisco Umbrella writes it: the number says it all.
        if (const size_t open = type.find(" ("); open != std::string_view::npos && type.back() == ')')
            type = type.substr(0, open);
        if (const auto v = parseUnsigned(type, 65535))
            record.qtype = static_cast<uint16_t>(*v);
        else
            record.qtype = qtypeFromName(type);
    }
    if (m_column[Rcode] >= 0) {
        const std::string_view rcode = trimmed(m_fields[static_cast<size_t>(m_column[Rcode])]);
        if (const auto v = parseUnsigned(rcode, 4095))
            record.rcode = static_cast<int16_t>(*v);
        else
            record.rcode = static_cast<int16_t>(docfmt::rcodeFromName(rcode));
    }
    return sink.onRecord(record) ? LineResult::Continue : LineResult::Stop;
}

const char *CsvReader::parseTime(std::string_view text, int64_t *us)
{
    if (text.empty())
        return "empty time";
    TimeFormat format = m_timeFormat;
    if (format == TimeFormat::Auto) {
        bool numeric = true;
        size_t intDigits = 0;
        bool dot = false;
        for (char c : text) {
            if (c == '.')
                dot = true;
            else if (c >= '0' && c <= '9')
                intDigits += dot ? 0 : 1;
            else
                numeric = false;
        }
        format = !numeric                  ? TimeFormat::Iso8601
                 : intDigits >= 13 && !dot ? TimeFormat::EpochMs
                                           : TimeFormat::Epoch;
    }
    switch (format) {
    case TimeFormat::Epoch:
        if (const auto v = parseEpochSeconds(text)) {
            *us = *v;
            return nullptr;
        }
        return epochProblem(text);
    case TimeFormat::EpochMs:
        if (const auto v = parseUnsigned(text, static_cast<uint64_t>(kMaxPlausibleUs / 1000))) {
            *us = static_cast<int64_t>(*v) * 1000;
            return nullptr;
        }
        return "not whole milliseconds since 1970 (or out of range)";
    case TimeFormat::Iso8601:
        if (const auto v = parseIso8601(text)) {
            *us = *v;
            return nullptr;
        }
        if (const auto v = parseIso8601(text, true)) {
            m_zoneUsed = true;
            *us = m_clock.toUtc(*v);
            return nullptr;
        }
        return "neither epoch seconds nor ISO 8601";
    case TimeFormat::Pattern: {
        bool hasZone = false;
        if (const char *why = parsePattern(text, us, &hasZone))
            return why;
        if (!hasZone) {
            m_zoneUsed = true;
            *us = m_clock.toUtc(*us);
        }
        return nullptr;
    }
    case TimeFormat::Auto:
        break;
    }
    return "unknown time format";
}

const char *CsvReader::parsePattern(std::string_view text, int64_t *us, bool *hasZone)
{
    static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                   "jul", "aug", "sep", "oct", "nov", "dec"};
    int year = -1, month = 1, day = 1, hour = 0, minute = 0, second = 0, hour12 = -1;
    int64_t fractionUs = 0, offsetSeconds = 0;
    bool pm = false, haveAmPm = false;
    size_t t = 0;
    const std::string_view p = m_pattern;
    for (size_t i = 0; i < p.size(); ++i) {
        if (p[i] != '%' || i + 1 >= p.size()) {
            if (t >= text.size() || text[t] != p[i])
                return "does not match the time format";
            ++t;
            continue;
        }
        const char spec = p[++i];
        bool ok = true;
        switch (spec) {
        case 'Y':
            ok = docfmt::readNumber(text, &t, 4, &year);
            break;
        case 'm':
            ok = docfmt::readNumber(text, &t, -2, &month);
            break;
        case 'd':
            ok = docfmt::readNumber(text, &t, -2, &day);
            break;
        case 'H':
            ok = docfmt::readNumber(text, &t, -2, &hour);
            break;
        case 'I':
            ok = docfmt::readNumber(text, &t, -2, &hour12);
            break;
        case 'M':
            ok = docfmt::readNumber(text, &t, 2, &minute);
            break;
        case 'S':
            ok = docfmt::readNumber(text, &t, 2, &second);
            break;
        case 'f': {
            int64_t scale = 100000;
            const size_t start = t;
            while (t < text.size() && text[t] >= '0' && text[t] <= '9') {
                fractionUs += (text[t] - '0') * scale;
                scale /= 10;
                ++t;
            }
            ok = t > start;
            break;
        }
        case 'b': {
            ok = false;
            for (int k = 0; k < 12 && !ok; ++k)
                if (text.size() - t >= 3 && equalsNoCase(text.substr(t, 3), kMonths[k])) {
                    month = k + 1;
                    t += 3;
                    ok = true;
                }
            break;
        }
        case 'p':
            if (text.size() - t >= 2 &&
                (equalsNoCase(text.substr(t, 2), "am") || equalsNoCase(text.substr(t, 2), "pm"))) {
                pm = text[t] == 'p' || text[t] == 'P';
                haveAmPm = true;
                t += 2;
            } else {
                ok = false;
            }
            break;
        case 'z': {
            *hasZone = true;
            if (t < text.size() && text[t] == 'Z') {
                ++t;
                break;
            }
            if (t >= text.size() || (text[t] != '+' && text[t] != '-')) {
                ok = false;
                break;
            }
            const int sign = text[t] == '-' ? -1 : 1;
            ++t;
            int hh = 0, mm = 0;
            ok = docfmt::readNumber(text, &t, 2, &hh);
            if (ok && t < text.size() && text[t] == ':')
                ++t;
            ok = ok && docfmt::readNumber(text, &t, 2, &mm) && hh < 24 && mm < 60;
            offsetSeconds = sign * (hh * 3600 + mm * 60);
            break;
        }
        case '%':
            ok = t < text.size() && text[t] == '%';
            ++t;
            break;
        default:
            ok = false;
        }
        if (!ok)
            return "does not match the time format";
    }
    if (t != text.size())
        return "text after the time format";
    if (year < 0)
        return "time format has no %Y";
    if (hour12 >= 0) {
        if (!haveAmPm || hour12 < 1 || hour12 > 12)
            return "12-hour clock without AM/PM or outside 1..12";
        hour = hour12 % 12 + (pm ? 12 : 0);
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return "no such date or time";
    const int64_t days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    int64_t y;
    unsigned mo, d;
    civilFromDays(days, &y, &mo, &d);
    if (d != static_cast<unsigned>(day))
        return "no such day in that month";
    *us = (((days * 24 + hour) * 60 + minute) * 60 + second - offsetSeconds) * kUsPerSecond + fractionUs;
    return nullptr;
}

} // namespace dnt
