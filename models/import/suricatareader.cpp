#include "suricatareader.h"

#include "docformatsupport.h"
#include "jsonlinescanner.h"
#include "textparse.h"
#include "timeutil.h"

#include <array>

namespace dnt
{

namespace
{

using Kind = JsonLineScanner::Kind;

enum { Ts, EventType, Src, Dest, Dns, Type, Rrname, Rrtype, Queries };
constexpr JsonWanted kWanted[] = {{"timestamp"},   {"event_type"}, {"src_ip"},     {"dest_ip"},  {"dns"},
                                  {"type", Dns}, {"rrname", Dns}, {"rrtype", Dns}, {"queries", Dns}};
enum { QueryName, QueryType };
constexpr JsonWanted kQueryWanted[] = {{"rrname"}, {"rrtype"}};

// The bytes an IPv4/IPv6 address text (with a %zone of hex digits) is made of, as a table: one load
// per byte instead of a chain of range tests.
constexpr auto kAddressByte = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c)
        t[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':' ||
               c == '%';
    return t;
}();

bool isAddress(std::string_view s)
{
    if (s.empty() || s.size() > 64)
        return false;
    bool ok = true;
    for (char c : s)
        ok &= kAddressByte[static_cast<unsigned char>(c)];
    return ok;
}

} // namespace

int SuricataReader::detect(std::string_view head)
{
    // Any of the first lines being an EVE event is enough: a file may begin with stats or flows.
    size_t pos = 0;
    int lines = 0;
    while (pos < head.size() && lines < 50) {
        const size_t nl = head.find('\n', pos);
        const std::string_view line =
            head.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? head.size() : nl + 1;
        if (isBlankLine(line))
            continue;
        ++lines;
        std::string_view l = line;
        if (l.substr(0, 3) == "\xef\xbb\xbf")
            l.remove_prefix(3);
        const size_t first = l.find_first_not_of(" \t");
        if (first == std::string_view::npos || l[first] != '{')
            return 0;
        if (line.find("\"event_type\"") != std::string_view::npos &&
            line.find("\"timestamp\"") != std::string_view::npos)
            return 100;
    }
    return 0;
}

LineBasedReader::LineResult SuricataReader::rejectField(RecordSink &sink, int64_t line, const char *field,
                                                        std::string_view problem, std::string_view value)
{
    m_reason = "bad ";
    m_reason += field;
    m_reason += ' ';
    appendQuoted(&m_reason, value);
    m_reason += ": ";
    m_reason += problem;
    sink.onRejected(line, m_reason);
    return LineResult::Continue;
}

LineBasedReader::LineResult SuricataReader::emitQuery(std::string_view rrname, std::string_view rrtype,
                                                      LookupRecord &record, RecordSink &sink)
{
    const char *why = nullptr;
    if (!normalizeDnsName(rrname, &m_name, &why))
        return rejectField(sink, record.line, "dns.rrname", why, rrname);
    record.name = m_name;
    record.qtype = qtypeFromName(rrtype);
    return sink.onRecord(record) ? LineResult::Continue : LineResult::Stop;
}

LineBasedReader::LineResult SuricataReader::parseLine(std::string_view line, int64_t lineNumber,
                                                      RecordSink &sink)
{
    if (isBlankLine(line))
        return LineResult::Continue;
    const auto reject = [&](std::string_view why) {
        sink.onRejected(lineNumber, why);
        return LineResult::Continue;
    };
    const char *why = nullptr;

    // One pass over the line; the "dns" object is entered, not skipped and scanned again.
    if (!m_fields.collect(line, kWanted)) {
        m_reason = "invalid JSON at byte " + std::to_string(m_fields.position() + 1) + ": " + m_fields.error();
        return reject(m_reason);
    }
    const JsonLineScanner::Member &ts = m_fields[Ts], &eventType = m_fields[EventType], &src = m_fields[Src],
                                  &dest = m_fields[Dest], &dns = m_fields[Dns], &type = m_fields[Type],
                                  &rrname = m_fields[Rrname], &rrtype = m_fields[Rrtype],
                                  &queries = m_fields[Queries];
    const bool haveTs = m_fields.has(Ts), haveDest = m_fields.has(Dest), haveType = m_fields.has(Type),
               haveRrname = m_fields.has(Rrname), haveRrtype = m_fields.has(Rrtype),
               haveQueries = m_fields.has(Queries);
    std::string_view text;
    if (!m_fields.has(EventType))
        return reject("no event_type: not a Suricata EVE record");
    if (!docfmt::jsonText(eventType, &m_eventType, &text, &why))
        return rejectField(sink, lineNumber, "event_type", why, eventType.value);
    if (text != "dns") {
        m_reason = "event_type ";
        appendQuoted(&m_reason, text);
        m_reason += " is not dns";
        sink.onSkipped(lineNumber, m_reason);
        return LineResult::Continue;
    }
    if (!m_fields.has(Dns) || dns.kind != Kind::Object)
        return reject("dns event without a \"dns\" object");

    // The "dns" object: type, and either rrname/rrtype (v1, v2) or queries[] (v3).
    if (!haveType)
        return reject("no dns.type (query/request or answer/response)");
    if (!docfmt::jsonText(type, &m_type, &text, &why))
        return rejectField(sink, lineNumber, "dns.type", why, type.value);
    if (text == "answer" || text == "response") {
        sink.onSkipped(lineNumber, "DNS answer, not a request");
        return LineResult::Continue;
    }
    if (text != "query" && text != "request")
        return rejectField(sink, lineNumber, "dns.type", "expected query, request, answer or response", text);

    LookupRecord record;
    record.line = lineNumber;
    if (!haveTs)
        return reject("no timestamp");
    if (!docfmt::jsonText(ts, &m_ts, &text, &why))
        return rejectField(sink, lineNumber, "timestamp", why, ts.value);
    const auto t = parseIso8601(text);
    if (!t)
        return rejectField(sink, lineNumber, "timestamp", "expected ISO 8601 with an offset", text);
    if (!isPlausibleTime(*t))
        return rejectField(sink, lineNumber, "timestamp", "out of range (before 1970 or after 2199)", text);
    record.timeUs = *t;

    if (!m_fields.has(Src))
        return reject("no src_ip");
    if (!docfmt::jsonText(src, &m_src, &text, &why))
        return rejectField(sink, lineNumber, "src_ip", why, src.value);
    if (!isAddress(text))
        return rejectField(sink, lineNumber, "src_ip", "not an address", text);
    record.client = text;
    if (haveDest && dest.kind != Kind::Null) {
        if (!docfmt::jsonText(dest, &m_dest, &text, &why))
            return rejectField(sink, lineNumber, "dest_ip", why, dest.value);
        if (!isAddress(text))
            return rejectField(sink, lineNumber, "dest_ip", "not an address", text);
        record.server = text;
    }

    std::string_view name, qtype;
    if (haveQueries) {
        if (queries.kind != Kind::Array)
            return rejectField(sink, lineNumber, "dns.queries", "not an array", queries.value);
        docfmt::JsonArrayWalker walker(queries.value);
        std::string_view element;
        int count = 0;
        while (walker.next(&element)) {
            if (!m_query.collect(element, kQueryWanted)) {
                m_reason = std::string("invalid JSON in dns.queries[]: ") + m_query.error();
                return reject(m_reason);
            }
            const bool haveName = m_query.has(QueryName);
            if (haveName && !docfmt::jsonText(m_query[QueryName], &m_rrname, &name, &why))
                return rejectField(sink, lineNumber, "dns.queries[].rrname", why, m_query[QueryName].value);
            const JsonLineScanner::Member &t = m_query[QueryType];
            qtype = m_query.has(QueryType) && t.kind == Kind::String && !t.valueEscaped ? t.value
                                                                                           : std::string_view();
            if (!haveName)
                return reject("dns.queries[] element without rrname");
            ++count;
            if (emitQuery(name, qtype, record, sink) == LineResult::Stop)
                return LineResult::Stop;
        }
        if (count == 0)
            sink.onSkipped(lineNumber, "request with an empty queries[]");
        return LineResult::Continue;
    }
    if (!haveRrname) {
        sink.onSkipped(lineNumber, "request without rrname");
        return LineResult::Continue;
    }
    if (!docfmt::jsonText(rrname, &m_rrname, &name, &why))
        return rejectField(sink, lineNumber, "dns.rrname", why, rrname.value);
    if (haveRrtype && !docfmt::jsonText(rrtype, &m_rrtype, &qtype, &why))
        return rejectField(sink, lineNumber, "dns.rrtype", why, rrtype.value);
    return emitQuery(name, qtype, record, sink);
}

} // namespace dnt
