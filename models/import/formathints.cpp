#include "formathints.h"

#include "bindreader.h"
#include "csvreader.h"
#include "linebasedreader.h"
#include "textparse.h"
#include "timeutil.h"
#include "zonedlinereader.h"

#include <string>
#include <vector>

namespace dnt
{

namespace
{

QString quoted(std::string_view s)
{
    std::string out;
    appendQuoted(&out, s);
    return QString::fromUtf8(out.data(), static_cast<qsizetype>(out.size()));
}

bool isBinary(std::string_view head)
{
    const size_t n = std::min<size_t>(head.size(), 4096);
    size_t control = 0;
    for (size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(head[i]);
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
            ++control;
    }
    return control * 100 > n; // more than 1 %: no text log has that
}

// Quote-aware split of one line, fields trimmed and unquoted ("" is not unescaped: a hint only).
std::vector<std::string_view> splitFields(std::string_view line, char delimiter)
{
    std::vector<std::string_view> fields;
    size_t start = 0;
    bool quoted = false;
    for (size_t i = 0; i <= line.size(); ++i) {
        if (i < line.size() && line[i] == '"')
            quoted = !quoted;
        if (i == line.size() || (line[i] == delimiter && !quoted)) {
            std::string_view f = line.substr(start, i - start);
            while (!f.empty() && (f.front() == ' ' || f.front() == '\t'))
                f.remove_prefix(1);
            while (!f.empty() && (f.back() == ' ' || f.back() == '\t' || f.back() == '\r'))
                f.remove_suffix(1);
            if (f.size() >= 2 && f.front() == '"' && f.back() == '"')
                f = f.substr(1, f.size() - 2);
            fields.push_back(f);
            start = i + 1;
        }
    }
    return fields;
}

bool looksLikeTime(std::string_view f)
{
    if (f.size() >= 10 && f[4] == '-' && parseIso8601(f, true))
        return true;
    const size_t dot = f.find('.');
    const std::string_view whole = f.substr(0, dot);
    return (whole.size() == 10 || whole.size() == 13) && parseUnsigned(whole, UINT64_MAX) &&
           (dot == std::string_view::npos || parseUnsigned(f.substr(dot + 1), UINT64_MAX));
}

bool looksLikeAddress(std::string_view f)
{
    if (!textlog::isAddress(f))
        return false;
    int dots = 0, colons = 0;
    for (char c : f) {
        dots += c == '.';
        colons += c == ':';
    }
    return dots == 3 || colons >= 2;
}

bool looksLikeName(std::string_view f)
{
    if (f.size() < 3 || f.find('.') == std::string_view::npos || looksLikeAddress(f) || looksLikeTime(f))
        return false;
    bool letter = false;
    for (char c : f) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            letter = true;
        else if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'))
            return false;
    }
    return letter;
}

// A header is words; a data row has times, addresses or names in it.
bool looksLikeData(const std::vector<std::string_view> &fields)
{
    for (std::string_view f : fields)
        if (looksLikeTime(f) || looksLikeAddress(f) || looksLikeName(f))
            return true;
    return false;
}

QString csvHint(std::string_view line, char delimiter)
{
    const auto fields = splitFields(line, delimiter);
    const QString kind = delimiter == '\t' ? QStringLiteral("TSV") : QStringLiteral("CSV");
    if (!looksLikeData(fields)) {
        QStringList names;
        for (size_t i = 0; i < fields.size() && i < 8; ++i)
            names << quoted(fields[i]);
        if (fields.size() > 8)
            names << QStringLiteral("…");
        return QStringLiteral("looks like %1 with a header of %2 columns (%3), but none is named like a time, a "
                              "client and a name: choose them with --columns time=COLUMN,client=COLUMN,name=COLUMN "
                              "(--format csv)")
            .arg(kind)
            .arg(fields.size())
            .arg(names.join(QStringLiteral(", ")));
    }
    int time = 0, client = 0, name = 0;
    for (size_t i = 0; i < fields.size(); ++i) {
        const int position = static_cast<int>(i) + 1;
        if (!time && looksLikeTime(fields[i]))
            time = position;
        else if (!client && looksLikeAddress(fields[i]))
            client = position;
        else if (!name && looksLikeName(fields[i]))
            name = position;
    }
    QString example;
    if (time && client && name)
        example = QStringLiteral(" (perhaps --columns time=%1,client=%2,name=%3 --no-header)").arg(time).arg(client).arg(name);
    return QStringLiteral("looks like %1 with %2 columns but no header: use --format csv --columns with positions and "
                          "--no-header%3")
        .arg(kind)
        .arg(fields.size())
        .arg(example);
}

// "named", "dnsmasq" … of a syslog line's rest after the stamp ("host prog[pid]: …"); empty if none.
std::string_view programOf(std::string_view rest)
{
    for (int i = 0; i < 2; ++i) {
        const std::string_view token = textlog::nextToken(&rest);
        if (token.empty() || token.back() != ':')
            continue;
        const size_t bracket = token.find('[');
        return token.substr(0, bracket == std::string_view::npos ? token.size() - 1 : bracket);
    }
    return {};
}

} // namespace

QStringList explainUnrecognised(std::string_view head)
{
    if (head.size() >= 3 && head.substr(0, 3) == "\xef\xbb\xbf")
        head.remove_prefix(3);
    if (head.empty())
        return {QStringLiteral("the file is empty")};
    if (isBinary(head))
        return {QStringLiteral("binary data, but not a pcap or pcapng capture, a dnstap (Frame Streams) file or a "
                               "Pi-hole SQLite database: none of their signatures is at its start")};
    std::string_view line;
    textlog::forEachHeadLine(head, [&](std::string_view l) {
        if (isBlankLine(l) || l.front() == '#')
            return true;
        line = l;
        return false;
    });
    if (line.empty()) {
        const size_t nl = head.find('\n');
        line = head.substr(0, nl == std::string_view::npos ? head.size() : nl);
    }
    line = withoutSyslogPriority(line);
    if (isBlankLine(line))
        return {QStringLiteral("its first bytes hold only blank lines")};

    QStringList hints;
    if (line.front() == '{' || line.front() == '[') {
        hints << QStringLiteral("looks like JSON, but its records have the fields of none of Zeek JSON (ts, query), "
                                "Suricata EVE (\"event_type\":\"dns\") or Route 53 Resolver (query_name, srcaddr); "
                                "starts %1")
                     .arg(quoted(line));
        return hints;
    }
    CivilStamp stamp;
    std::string_view rest;
    const size_t space = line.find(' ');
    const bool isoStamp = space != std::string_view::npos && space >= 10 && line[4] == '-' &&
                          parseIso8601(line.substr(0, space), true);
    if (isoStamp)
        rest = line.substr(space + 1);
    if (isoStamp || parseSyslogStamp(line, &stamp, &rest)) {
        const std::string_view program = programOf(rest);
        hints << QStringLiteral("looks like syslog lines%1, but with none of BIND's \"client … query:\", dnsmasq's "
                                "\"query[TYPE] NAME from ADDRESS\" or Unbound's \"info: ADDRESS NAME TYPE CLASS\" "
                                "query lines in its first bytes")
                     .arg(program.empty() ? QString() : QStringLiteral(" from %1").arg(quoted(program)));
        return hints;
    }
    const char delimiter = csv::guessDelimiter(line);
    if (delimiter && splitFields(line, delimiter).size() >= 3) {
        hints << csvHint(line, delimiter);
        return hints;
    }
    hints << QStringLiteral("no known format starts like its first line %1").arg(quoted(line));
    return hints;
}

} // namespace dnt
