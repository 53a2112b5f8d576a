#include "route53reader.h"

#include "docformatsupport.h"
#include "jsonlinescanner.h"
#include "textparse.h"
#include "timeutil.h"

namespace dnt
{

namespace
{

enum { Ts, Src, Name, Type, Rcode };
constexpr JsonWanted kWanted[] = {{"query_timestamp"}, {"srcaddr"}, {"query_name"}, {"query_type"}, {"rcode"}};

} // namespace

int Route53Reader::detect(std::string_view head)
{
    const size_t first = head.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || head[first] != '{')
        return 0;
    const size_t nl = head.find('\n', first);
    const std::string_view line =
        head.substr(first, nl == std::string_view::npos ? std::string_view::npos : nl - first);
    return line.find("\"query_timestamp\"") != std::string_view::npos &&
                   line.find("\"query_name\"") != std::string_view::npos
               ? 100
               : 0;
}

LineBasedReader::LineResult Route53Reader::rejectField(RecordSink &sink, int64_t line, const char *field,
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

LineBasedReader::LineResult Route53Reader::parseLine(std::string_view line, int64_t lineNumber,
                                                     RecordSink &sink)
{
    if (isBlankLine(line))
        return LineResult::Continue;
    const auto reject = [&](std::string_view why) {
        sink.onRejected(lineNumber, why);
        return LineResult::Continue;
    };
    const char *why = nullptr;
    if (!m_fields.collect(line, kWanted)) {
        m_reason = "invalid JSON at byte " + std::to_string(m_fields.position() + 1) + ": " + m_fields.error();
        return reject(m_reason);
    }
    const JsonLineScanner::Member &ts = m_fields[Ts], &src = m_fields[Src], &name = m_fields[Name],
                                  &type = m_fields[Type], &rcode = m_fields[Rcode];
    const bool haveTs = m_fields.has(Ts), haveSrc = m_fields.has(Src), haveName = m_fields.has(Name),
               haveType = m_fields.has(Type), haveRcode = m_fields.has(Rcode);

    LookupRecord record;
    record.line = lineNumber;
    std::string_view text;
    if (!haveTs)
        return reject("no query_timestamp");
    if (!docfmt::jsonText(ts, &m_ts, &text, &why))
        return rejectField(sink, lineNumber, "query_timestamp", why, ts.value);
    // Route 53 writes UTC with "Z"; a zone-less value is UTC by its documentation.
    const auto t = parseIso8601(text, true);
    if (!t)
        return rejectField(sink, lineNumber, "query_timestamp", "expected ISO 8601", text);
    if (!isPlausibleTime(*t))
        return rejectField(sink, lineNumber, "query_timestamp", "out of range (before 1970 or after 2199)",
                           text);
    record.timeUs = *t;

    if (!haveSrc)
        return reject("no srcaddr");
    if (!docfmt::jsonText(src, &m_src, &text, &why))
        return rejectField(sink, lineNumber, "srcaddr", why, src.value);
    bool address = !text.empty() && text.size() <= 64;
    for (char c : text)
        address = address && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
                              c == '.' || c == ':');
    if (!address)
        return rejectField(sink, lineNumber, "srcaddr", "not an address", text);
    record.client = text;

    if (!haveName)
        return reject("no query_name");
    if (!docfmt::jsonText(name, &m_name, &text, &why))
        return rejectField(sink, lineNumber, "query_name", why, name.value);
    if (!normalizeDnsName(text, &m_normalized, &why))
        return rejectField(sink, lineNumber, "query_name", why, text);
    record.name = m_normalized;

    if (haveType && type.kind == JsonLineScanner::Kind::String) {
        if (!docfmt::jsonText(type, &m_type, &text, &why))
            return rejectField(sink, lineNumber, "query_type", why, type.value);
        record.qtype = qtypeFromName(text);
    }
    if (haveRcode && rcode.kind == JsonLineScanner::Kind::String) {
        if (!docfmt::jsonText(rcode, &m_rcode, &text, &why))
            return rejectField(sink, lineNumber, "rcode", why, rcode.value);
        record.rcode = static_cast<int16_t>(docfmt::rcodeFromName(text));
    }
    return sink.onRecord(record) ? LineResult::Continue : LineResult::Stop;
}

} // namespace dnt
