#include "corednsreader.h"

#include "docformatsupport.h"
#include "textparse.h"
#include "timeutil.h"

namespace dnt
{

namespace
{

enum class LineKind { Query, Other, Bad };

struct Parsed {
    std::string_view stamp;  // leading time stamp, may be empty
    std::string_view client; // without port and brackets
    std::string_view type, name, rcode;
    const char *problem = nullptr;
};

bool isDigits(std::string_view s)
{
    if (s.empty())
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return true;
}

// Splits one line; allocation-free. Query lines are recognised by "[INFO] ADDR:PORT - ID \"".
LineKind split(std::string_view line, Parsed *p)
{
    size_t pos = 0;
    std::string_view tok = docfmt::nextToken(line, &pos);
    if (!tok.empty() && tok.front() >= '0' && tok.front() <= '9') {
        p->stamp = tok;
        tok = docfmt::nextToken(line, &pos);
        // "2024-03-04 10:00:07": a date and a time as two tokens make one stamp.
        if (!tok.empty() && tok.front() >= '0' && tok.front() <= '9') {
            p->stamp = line.substr(static_cast<size_t>(p->stamp.data() - line.data()),
                                   static_cast<size_t>(tok.data() + tok.size() - p->stamp.data()));
            tok = docfmt::nextToken(line, &pos);
        }
    }
    if (tok != "[INFO]")
        return LineKind::Other;
    const size_t afterTag = pos;
    const std::string_view remote = docfmt::nextToken(line, &pos);
    const std::string_view dash = docfmt::nextToken(line, &pos);
    if (dash != "-")
        return LineKind::Other; // "[INFO] plugin/reload: …" and the like
    (void)afterTag;
    // remote: "1.2.3.4:port" or "[v6]:port"
    const size_t colon = remote.rfind(':');
    if (colon == std::string_view::npos) {
        p->problem = "client is not ADDRESS:PORT";
        return LineKind::Bad;
    }
    std::string_view host = remote.substr(0, colon);
    if (!isDigits(remote.substr(colon + 1))) {
        p->problem = "client is not ADDRESS:PORT";
        return LineKind::Bad;
    }
    if (!host.empty() && host.front() == '[') {
        if (host.size() < 3 || host.back() != ']') {
            p->problem = "client is not [IPv6]:PORT";
            return LineKind::Bad;
        }
        host = host.substr(1, host.size() - 2);
    }
    if (host.empty() || host.size() > 64) {
        p->problem = "no client address";
        return LineKind::Bad;
    }
    for (char c : host)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' ||
              c == ':' || c == '%')) {
            p->problem = "client is not an address";
            return LineKind::Bad;
        }
    p->client = host;
    const std::string_view id = docfmt::nextToken(line, &pos);
    if (!isDigits(id) && id != "-") {
        p->problem = "query id is not a number";
        return LineKind::Bad;
    }
    while (pos < line.size() && line[pos] == ' ')
        ++pos;
    if (pos >= line.size() || line[pos] != '"') {
        p->problem = "no quoted \"TYPE CLASS NAME …\" request part";
        return LineKind::Bad;
    }
    const size_t close = line.find('"', pos + 1);
    if (close == std::string_view::npos) {
        p->problem = "unterminated quoted request part";
        return LineKind::Bad;
    }
    const std::string_view request = line.substr(pos + 1, close - pos - 1);
    size_t rp = 0;
    p->type = docfmt::nextToken(request, &rp);
    const std::string_view cls = docfmt::nextToken(request, &rp);
    p->name = docfmt::nextToken(request, &rp);
    if (p->type.empty() || cls.empty() || p->name.empty()) {
        p->problem = "request part lacks TYPE CLASS NAME";
        return LineKind::Bad;
    }
    pos = close + 1;
    p->rcode = docfmt::nextToken(line, &pos);
    if (p->rcode.empty()) {
        p->problem = "no response code after the request part";
        return LineKind::Bad;
    }
    return LineKind::Query;
}

} // namespace

CoreDnsReader::CoreDnsReader(const ReaderOptions &options) : m_clock(options.zone) {}

ReadStatus CoreDnsReader::read(InputStream &stream, RecordSink &sink, QString *error)
{
    if (!m_clock.isValid()) {
        if (error)
            *error = QStringLiteral("unknown time zone \"%1\"").arg(m_clock.zoneName());
        return ReadStatus::Failed;
    }
    return LineBasedReader::read(stream, sink, error);
}

int CoreDnsReader::detect(std::string_view head)
{
    size_t pos = 0;
    int lines = 0;
    while (pos < head.size() && lines < 100) {
        const size_t nl = head.find('\n', pos);
        if (nl == std::string_view::npos)
            break; // a cut-off last line proves nothing
        std::string_view line = head.substr(pos, nl - pos);
        pos = nl + 1;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        ++lines;
        Parsed p;
        if (split(line, &p) == LineKind::Query)
            return 100;
    }
    return 0;
}

LineBasedReader::LineResult CoreDnsReader::parseLine(std::string_view line, int64_t lineNumber,
                                                     RecordSink &sink)
{
    if (isBlankLine(line))
        return LineResult::Continue;
    Parsed p;
    switch (split(line, &p)) {
    case LineKind::Other:
        sink.onSkipped(lineNumber, "not a query log line");
        return LineResult::Continue;
    case LineKind::Bad:
        sink.onRejected(lineNumber, p.problem);
        return LineResult::Continue;
    case LineKind::Query:
        break;
    }
    LookupRecord record;
    record.line = lineNumber;
    if (p.stamp.empty()) {
        sink.onRejected(lineNumber, "no time stamp in front of the query: the log plugin writes none, keep "
                                    "the collector's (docker logs -t, kubectl logs --timestamps, journald)");
        return LineResult::Continue;
    }
    if (const auto t = parseIso8601(p.stamp)) {
        record.timeUs = *t;
    } else if (const auto local = parseIso8601(p.stamp, true)) {
        record.timeUs = m_clock.toUtc(*local);
        m_zoneUsed = true;
    } else {
        m_reason = "bad time stamp ";
        appendQuoted(&m_reason, p.stamp);
        m_reason += ": expected ISO 8601 / RFC 3339";
        sink.onRejected(lineNumber, m_reason);
        return LineResult::Continue;
    }
    if (!isPlausibleTime(record.timeUs)) {
        sink.onRejected(lineNumber, "time stamp out of range (before 1970 or after 2199)");
        return LineResult::Continue;
    }
    const char *why = nullptr;
    if (!normalizeDnsName(p.name, &m_name, &why)) {
        m_reason = "bad name ";
        appendQuoted(&m_reason, p.name);
        m_reason += ": ";
        m_reason += why;
        sink.onRejected(lineNumber, m_reason);
        return LineResult::Continue;
    }
    record.client = p.client;
    record.name = m_name;
    record.qtype = qtypeFromName(p.type);
    record.rcode = static_cast<int16_t>(docfmt::rcodeFromName(p.rcode));
    return sink.onRecord(record) ? LineResult::Continue : LineResult::Stop;
}

} // namespace dnt
