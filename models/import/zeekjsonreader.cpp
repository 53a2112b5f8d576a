#include "zeekreader.h"

#include "textparse.h"
#include "timeutil.h"

namespace dnt
{

namespace
{

using Kind = JsonLineScanner::Kind;

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

bool ZeekJsonReader::stringValue(const JsonLineScanner::Member &m, std::string *buffer, std::string_view *out,
                                 const char **reason)
{
    if (m.kind != Kind::String) {
        *reason = "not a string";
        return false;
    }
    if (!m.valueEscaped) {
        *out = m.value;
        return true;
    }
    if (!JsonLineScanner::unescape(m.value, buffer, reason))
        return false;
    *out = *buffer;
    return true;
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

    // Remember the members we need (the last of duplicate keys wins); decode them afterwards.
    JsonLineScanner scanner(line);
    JsonLineScanner::Member m, ts, client, server, query, qtype, qtypeName, rcode;
    bool haveTs = false, haveClient = false, haveServer = false, haveQuery = false;
    bool haveQtype = false, haveQtypeName = false, haveRcode = false;
    while (scanner.next(&m)) {
        std::string_view key = m.key;
        if (m.keyEscaped) {
            const char *why = nullptr;
            if (!JsonLineScanner::unescape(m.key, &m_key, &why))
                return reject(why);
            key = m_key;
        }
        if (key == "ts")
            ts = m, haveTs = true;
        else if (key == "id.orig_h")
            client = m, haveClient = true;
        else if (key == "id.resp_h")
            server = m, haveServer = true;
        else if (key == "query")
            query = m, haveQuery = true;
        else if (key == "qtype")
            qtype = m, haveQtype = true;
        else if (key == "qtype_name")
            qtypeName = m, haveQtypeName = true;
        else if (key == "rcode")
            rcode = m, haveRcode = true;
    }
    if (const char *why = scanner.error()) {
        m_reason = "invalid JSON at byte " + std::to_string(scanner.position() + 1) + ": " + why;
        return reject(m_reason);
    }

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
        if (!stringValue(ts, &m_tsBuffer, &text, &why))
            return rejectField("ts", why, ts.value);
        if ((why = zeek::parseTime(text, &record.timeUs)))
            return rejectField("ts", why, text);
    } else {
        return rejectField("ts", "neither a number nor a date string", ts.value);
    }

    std::string_view text;
    if (!haveClient || client.kind == Kind::Null)
        return reject("no client address (id.orig_h)");
    if (!stringValue(client, &m_clientBuffer, &text, &why))
        return rejectField("id.orig_h", why, client.value);
    if (!zeek::isAddressText(text))
        return rejectField("id.orig_h", "not an address", text);
    record.client = text;

    if (haveServer && server.kind != Kind::Null) {
        if (!stringValue(server, &m_serverBuffer, &text, &why))
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
    if (!stringValue(query, &m_queryBuffer, &text, &why))
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
