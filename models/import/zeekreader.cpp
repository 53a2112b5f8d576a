#include "zeekreader.h"

#include <algorithm>

#include "textparse.h"
#include "timeutil.h"

#include <cstring>

namespace dnt
{

namespace zeek
{

namespace
{

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

std::string_view decodeEscapes(std::string_view in, std::string *out)
{
    if (std::memchr(in.data(), '\\', in.size()) == nullptr)
        return in;
    out->clear();
    for (size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '\\' && i + 3 < in.size() && in[i + 1] == 'x') {
            const int hi = hexDigit(in[i + 2]);
            const int lo = hexDigit(in[i + 3]);
            if (hi >= 0 && lo >= 0) {
                out->push_back(static_cast<char>(hi * 16 + lo));
                i += 3;
                continue;
            }
        }
        out->push_back(in[i]);
    }
    return *out;
}

const char *parseTime(std::string_view text, int64_t *us)
{
    if (const auto v = parseEpochSeconds(text)) {
        if (!isPlausibleTime(*v))
            return "timestamp out of range (before 1970 or after 2199)";
        *us = *v;
        return nullptr;
    }
    // Some pipelines rewrite Zeek's ts as ISO 8601 ("2016-07-27T19:00:00.123456Z").
    if (text.size() >= 10 && text[4] == '-' && text[0] >= '0' && text[0] <= '9') {
        const auto v = parseIso8601(text);
        if (!v)
            return "timestamp is neither epoch seconds nor ISO 8601 with a zone";
        if (!isPlausibleTime(*v))
            return "timestamp out of range (before 1970 or after 2199)";
        *us = *v;
        return nullptr;
    }
    bool digits = !text.empty();
    for (char c : text)
        digits = digits && ((c >= '0' && c <= '9') || c == '.');
    if (digits)
        return "timestamp out of range (before 1970 or after 2199)";
    return epochProblem(text);
}

bool isAddressText(std::string_view s)
{
    if (s.empty() || s.size() > 64)
        return false;
    for (char c : s)
        if (c <= 0x20 || c >= 0x7f)
            return false;
    return true;
}

} // namespace zeek

namespace
{

constexpr std::string_view kDefaultSeparator = "\t";
constexpr std::string_view kDefaultSetSeparator = ",";
constexpr std::string_view kDefaultEmpty = "(empty)";
constexpr std::string_view kDefaultUnset = "-";

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

std::string_view firstLine(std::string_view head, size_t *next)
{
    const size_t nl = head.find('\n');
    const size_t end = nl == std::string_view::npos ? head.size() : nl;
    *next = nl == std::string_view::npos ? head.size() : nl + 1;
    std::string_view line = head.substr(0, end);
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    return line;
}

} // namespace

int ZeekTsvReader::detect(std::string_view head)
{
    if (startsWith(head, "\xef\xbb\xbf"))
        head.remove_prefix(3);
    size_t pos = 0;
    std::string_view first;
    while (pos < head.size()) {
        size_t next;
        first = firstLine(head.substr(pos), &next);
        pos += next;
        if (!isBlankLine(first))
            break;
    }
    if (startsWith(first, "#separator") || startsWith(first, "#fields\t") ||
        startsWith(first, "#set_separator") || startsWith(first, "#path\t") || startsWith(first, "#open\t"))
        return 100;
    // Zeek's "tsv" writer mode: one plain row of column names.
    if (startsWith(first, "ts\t") && first.find("\tquery") != std::string_view::npos)
        return 70;
    // Header-less Zeek TSV: epoch seconds with microseconds, then many tab-separated columns. The
    // reader will reject these lines with "before any #fields header", which tells the user why.
    size_t i = 0;
    while (i < first.size() && first[i] >= '0' && first[i] <= '9')
        ++i;
    if (i >= 9 && i <= 10 && i + 7 < first.size() && first[i] == '.') {
        size_t j = i + 1;
        while (j < first.size() && first[j] >= '0' && first[j] <= '9')
            ++j;
        size_t tabs = 0;
        for (char c : first)
            tabs += c == '\t';
        if (j < first.size() && first[j] == '\t' && tabs >= 8)
            return 30;
    }
    return 0;
}

void ZeekTsvReader::reset()
{
    resetBlock();
}

void ZeekTsvReader::resetBlock()
{
    m_separator.assign(kDefaultSeparator);
    m_setSeparator.assign(kDefaultSetSeparator);
    m_emptyField.assign(kDefaultEmpty);
    m_unsetField.assign(kDefaultUnset);
    m_haveFields = false;
    m_blockError.clear();
    m_columnCount = 0;
}

size_t ZeekTsvReader::split(std::string_view line, size_t limit)
{
    m_fields.clear();
    const std::string_view sep = m_separator;
    if (sep.size() == 1) {
        const char c = sep[0];
        const char *p = line.data();
        const char *end = p + line.size();
        while (true) {
            if (m_fields.size() == limit)
                return limit + 1 + static_cast<size_t>(std::count(p, end, c));
            const auto *hit = static_cast<const char *>(std::memchr(p, c, static_cast<size_t>(end - p)));
            if (!hit) {
                m_fields.emplace_back(p, static_cast<size_t>(end - p));
                return m_fields.size();
            }
            m_fields.emplace_back(p, static_cast<size_t>(hit - p));
            p = hit + 1;
        }
    }
    size_t start = 0;
    while (true) {
        const size_t hit = line.find(sep, start);
        if (hit == std::string_view::npos) {
            m_fields.push_back(line.substr(start));
            return m_fields.size();
        }
        m_fields.push_back(line.substr(start, hit - start));
        start = hit + sep.size();
    }
}

void ZeekTsvReader::setFields(std::string_view names, int64_t lineNumber)
{
    split(names);
    m_columnCount = m_fields.size();
    m_ts = m_client = m_server = m_query = m_qtype = m_qtypeName = m_rcode = -1;
    for (size_t i = 0; i < m_fields.size(); ++i) {
        const std::string_view n = m_fields[i];
        const int index = static_cast<int>(i);
        if (n == "ts")
            m_ts = index;
        else if (n == "id.orig_h")
            m_client = index;
        else if (n == "id.resp_h")
            m_server = index;
        else if (n == "query")
            m_query = index;
        else if (n == "qtype")
            m_qtype = index;
        else if (n == "qtype_name")
            m_qtypeName = index;
        else if (n == "rcode")
            m_rcode = index;
    }
    m_needed = size_t(1 + std::max({m_ts, m_client, m_server, m_query, m_qtype, m_qtypeName, m_rcode}));
    m_haveFields = true;
    m_blockError.clear();
    std::string missing;
    for (const auto &[index, name] : {std::pair{m_ts, "ts"}, {m_client, "id.orig_h"}, {m_query, "query"}}) {
        if (index >= 0)
            continue;
        if (!missing.empty())
            missing += ", ";
        missing += name;
    }
    if (!missing.empty())
        m_blockError = "the #fields header on line " + std::to_string(lineNumber) + " has no " + missing +
                       " column; is this a Zeek dns.log?";
}

void ZeekTsvReader::parseHeader(std::string_view line, int64_t lineNumber)
{
    std::string decoded;
    if (startsWith(line, "#separator")) {
        // The separator is not known yet on this line, so Zeek separates key and value by a space.
        std::string_view value = line.substr(10);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
            value.remove_prefix(1);
        resetBlock();
        const std::string_view sep = zeek::decodeEscapes(value, &decoded);
        if (!sep.empty())
            m_separator.assign(sep);
        return;
    }
    const size_t cut = line.find(m_separator);
    const std::string_view key = line.substr(0, cut);
    const std::string_view value =
        cut == std::string_view::npos ? std::string_view() : line.substr(cut + m_separator.size());
    if (key == "#fields") {
        setFields(value, lineNumber);
    } else if (key == "#close") {
        m_haveFields = false;
        m_blockError.clear();
    } else if (key == "#set_separator") {
        m_setSeparator.assign(zeek::decodeEscapes(value, &decoded));
    } else if (key == "#empty_field") {
        m_emptyField.assign(zeek::decodeEscapes(value, &decoded));
    } else if (key == "#unset_field") {
        m_unsetField.assign(zeek::decodeEscapes(value, &decoded));
    }
    // #path, #open, #types and other comment lines carry nothing a lookup needs.
}

LineBasedReader::LineResult ZeekTsvReader::parseLine(std::string_view line, int64_t lineNumber,
                                                     RecordSink &sink)
{
    if (line.empty() || isBlankLine(line))
        return LineResult::Continue;
    if (line.front() == '#') {
        parseHeader(line, lineNumber);
        return LineResult::Continue;
    }
    const auto reject = [&](std::string_view why) {
        sink.onRejected(lineNumber, why);
        return LineResult::Continue;
    };
    if (!m_haveFields) {
        if (startsWith(line, "ts") && startsWith(line.substr(2), m_separator)) {
            setFields(line, lineNumber); // Zeek's "tsv" mode header row
            return LineResult::Continue;
        }
        return reject("data line before any #fields header");
    }
    if (!m_blockError.empty())
        return reject(m_blockError);

    const size_t columns = split(line, m_needed);
    if (columns != m_columnCount) {
        m_reason = "expected " + std::to_string(m_columnCount) + " columns (from #fields), found " +
                   std::to_string(columns);
        return reject(m_reason);
    }
    const auto isUnset = [this](std::string_view f) {
        return f.empty() || f == m_unsetField || f == m_emptyField;
    };

    LookupRecord record;
    record.line = lineNumber;
    const std::string_view ts = m_fields[static_cast<size_t>(m_ts)];
    if (const char *why = zeek::parseTime(ts, &record.timeUs)) {
        m_reason = std::string("bad ts ");
        appendQuoted(&m_reason, ts);
        m_reason += ": ";
        m_reason += why;
        return reject(m_reason);
    }
    const std::string_view client = m_fields[static_cast<size_t>(m_client)];
    if (isUnset(client))
        return reject("no client address (id.orig_h)");
    if (!zeek::isAddressText(client)) {
        m_reason = "bad client address (id.orig_h) ";
        appendQuoted(&m_reason, client);
        return reject(m_reason);
    }
    record.client = client;
    if (m_server >= 0) {
        const std::string_view server = m_fields[static_cast<size_t>(m_server)];
        if (!isUnset(server)) {
            if (!zeek::isAddressText(server)) {
                m_reason = "bad server address (id.resp_h) ";
                appendQuoted(&m_reason, server);
                return reject(m_reason);
            }
            record.server = server;
        }
    }

    const std::string_view query = m_fields[static_cast<size_t>(m_query)];
    if (isUnset(query)) {
        sink.onSkipped(lineNumber, "no query name");
        return LineResult::Continue;
    }
    const char *why = nullptr;
    if (!normalizeDnsName(zeek::decodeEscapes(query, &m_rawName), &m_name, &why)) {
        m_reason = why;
        m_reason += ": ";
        appendQuoted(&m_reason, query);
        return reject(m_reason);
    }
    record.name = m_name;

    std::string_view qtype = m_qtype >= 0 ? m_fields[static_cast<size_t>(m_qtype)] : std::string_view();
    if (!isUnset(qtype)) {
        const auto v = parseUnsigned(qtype, 65535);
        if (!v) {
            m_reason = "bad qtype ";
            appendQuoted(&m_reason, qtype);
            return reject(m_reason);
        }
        record.qtype = static_cast<uint16_t>(*v);
    } else if (m_qtypeName >= 0) {
        const std::string_view name = m_fields[static_cast<size_t>(m_qtypeName)];
        if (!isUnset(name))
            record.qtype = qtypeFromName(name);
    }
    if (m_rcode >= 0) {
        const std::string_view rcode = m_fields[static_cast<size_t>(m_rcode)];
        if (!isUnset(rcode)) {
            const auto v = parseUnsigned(rcode, 4095);
            if (!v) {
                m_reason = "bad rcode ";
                appendQuoted(&m_reason, rcode);
                return reject(m_reason);
            }
            record.rcode = static_cast<int16_t>(*v);
        }
    }
    return sink.onRecord(record) ? LineResult::Continue : LineResult::Stop;
}

} // namespace dnt
