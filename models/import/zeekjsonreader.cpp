#include "zeekreader.h"

#include "docformatsupport.h"

#include "textparse.h"
#include "timeutil.h"

namespace dnt
{

namespace
{

using Kind = JsonLineScanner::Kind;

enum { Ts, Client, Server, Query, Qtype, QtypeName, Rcode };
constexpr JsonWanted kWanted[] = {{"ts"},    {"id.orig_h"}, {"id.resp_h"}, {"query"},
                                  {"qtype"}, {"qtype_name"}, {"rcode"}};

// Milliseconds since the epoch, as Zeek writes with JSON::TS_MILLIS: a 13-digit integer, which
// cannot be a plausible count of seconds.
bool isEpochMillis(std::string_view token)
{
    if (token.size() != 13)
        return false;
    for (char c : token)
        if (c < '0' || c > '9')
            return false;
    return true;
}

} // namespace

int ZeekJsonReader::detect(std::string_view head)
{
    if (head.size() >= 3 && head.substr(0, 3) == "\xef\xbb\xbf")
        head.remove_prefix(3);
    size_t pos = 0;
    while (pos < head.size()) {
        const size_t nl = head.find('\n', pos);
        std::string_view line =
            head.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? head.size() : nl + 1;
        if (isBlankLine(line))
            continue;
        size_t i = 0;
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        if (i >= line.size() || line[i] != '{')
            return 0;
        const bool ts = line.find("\"ts\"") != std::string_view::npos;
        const bool who = line.find("\"query\"") != std::string_view::npos ||
                         line.find("\"id.orig_h\"") != std::string_view::npos;
        return ts && who ? 100 : 0;
    }
    return 0;
}

LineBasedReader::LineResult ZeekJsonReader::parseLine(std::string_view line, int64_t lineNumber,
                                                      RecordSink &sink)
{
    if (isBlankLine(line))
        return LineResult::Continue;
    const auto reject = [&](std::string_view why) {
        sink.onRejected(lineNumber, why);
        return LineResult::Continue;
    };
    const auto rejectField = [&](const char *field, std::string_view problem, std::string_view value) {
        m_reason = "bad ";
        m_reason += field;
        m_reason += ' ';
        appendQuoted(&m_reason, value);
        m_reason += ": ";
        m_reason += problem;
        return reject(m_reason);
    };

    // The members we need (the last of duplicate keys wins), decoded afterwards.
    if (!m_fields.collect(line, kWanted)) {
        m_reason = "invalid JSON at byte " + std::to_string(m_fields.position() + 1) + ": " + m_fields.error();
        return reject(m_reason);
    }
    const JsonLineScanner::Member &ts = m_fields[Ts], &client = m_fields[Client], &server = m_fields[Server],
                                  &query = m_fields[Query], &qtype = m_fields[Qtype],
                                  &qtypeName = m_fields[QtypeName], &rcode = m_fields[Rcode];
    const bool haveTs = m_fields.has(Ts), haveClient = m_fields.has(Client), haveServer = m_fields.has(Server),
               haveQuery = m_fields.has(Query), haveQtype = m_fields.has(Qtype),
               haveQtypeName = m_fields.has(QtypeName), haveRcode = m_fields.has(Rcode);

    LookupRecord record;
    record.line = lineNumber;
    const char *why = nullptr;

    if (!haveTs || ts.kind == Kind::Null)
        return reject("no ts");
    if (ts.kind == Kind::Number) {
        if (isEpochMillis(ts.value)) {
            record.timeUs = static_cast<int64_t>(*parseUnsigned(ts.value, UINT64_MAX)) * 1000;
            if (!isPlausibleTime(record.timeUs))
                return rejectField("ts", "out of range (before 1970 or after 2199)", ts.value);
        } else if ((why = zeek::parseTime(ts.value, &record.timeUs))) {
            return rejectField("ts", why, ts.value);
        }
    } else if (ts.kind == Kind::String) {
        std::string_view text;
        if (!docfmt::jsonText(ts, &m_tsBuffer, &text, &why))
            return rejectField("ts", why, ts.value);
        if ((why = zeek::parseTime(text, &record.timeUs)))
            return rejectField("ts", why, text);
    } else {
        return rejectField("ts", "neither a number nor a date string", ts.value);
    }

    std::string_view text;
    if (!haveClient || client.kind == Kind::Null)
        return reject("no client address (id.orig_h)");
    if (!docfmt::jsonText(client, &m_clientBuffer, &text, &why))
        return rejectField("id.orig_h", why, client.value);
    if (!zeek::isAddressText(text))
        return rejectField("id.orig_h", "not an address", text);
    record.client = text;

    if (haveServer && server.kind != Kind::Null) {
        if (!docfmt::jsonText(server, &m_serverBuffer, &text, &why))
            return rejectField("id.resp_h", why, server.value);
        if (!text.empty()) {
            if (!zeek::isAddressText(text))
                return rejectField("id.resp_h", "not an address", text);
            record.server = text;
        }
    }

    // Zeek leaves unset fields out of JSON: no query means a response-only row, not an error.
    if (!haveQuery || query.kind == Kind::Null) {
        sink.onSkipped(lineNumber, "no query name");
        return LineResult::Continue;
    }
    if (!docfmt::jsonText(query, &m_queryBuffer, &text, &why))
        return rejectField("query", why, query.value);
    if (text.empty()) {
        sink.onSkipped(lineNumber, "no query name");
        return LineResult::Continue;
    }
    // Zeek's JSON writer escapes bytes that are not UTF-8 as a literal "\xNN" (written "\\xNN").
    if (!normalizeDnsName(zeek::decodeEscapes(text, &m_rawName), &m_name, &why))
        return rejectField("query", why, text);
    record.name = m_name;

    if (haveQtype && qtype.kind != Kind::Null) {
        const auto v = qtype.kind == Kind::Number ? parseUnsigned(qtype.value, 65535) : std::nullopt;
        if (!v)
            return rejectField("qtype", "not a DNS type number", qtype.value);
        record.qtype = static_cast<uint16_t>(*v);
    } else if (haveQtypeName && qtypeName.kind == Kind::String) {
        record.qtype = qtypeFromName(qtypeName.value);
    }
    if (haveRcode && rcode.kind != Kind::Null) {
        const auto v = rcode.kind == Kind::Number ? parseUnsigned(rcode.value, 4095) : std::nullopt;
        if (!v)
            return rejectField("rcode", "not a response code number", rcode.value);
        record.rcode = static_cast<int16_t>(*v);
    }
    return sink.onRecord(record) ? LineResult::Continue : LineResult::Stop;
}

} // namespace dnt
