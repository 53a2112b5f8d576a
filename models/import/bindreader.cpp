#include "bindreader.h"

#include "textparse.h"

#include <cstring>

namespace dnt
{

namespace textlog
{

size_t find(std::string_view s, std::string_view what)
{
    // glibc's memmem is much faster than string_view::find for a pattern starting with a space
    const void *hit = memmem(s.data(), s.size(), what.data(), what.size());
    return hit ? static_cast<size_t>(static_cast<const char *>(hit) - s.data()) : std::string_view::npos;
}

bool isAddress(std::string_view s)
{
    if (s.empty() || s.size() > 64)
        return false;
    bool colon = false, dot = false;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '%') // IPv6 zone index ("fe80::1%eth0"): anything printable after it
            return colon && i > 0;
        if (c == ':')
            colon = true;
        else if (c == '.')
            dot = true;
        else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return colon || dot;
}

std::string_view unescapeName(std::string_view in, std::string *out)
{
    if (in.find('\\') == std::string_view::npos)
        return in;
    out->clear();
    for (size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '\\' || i + 1 >= in.size()) {
            out->push_back(in[i]);
            continue;
        }
        if (i + 3 < in.size() && in[i + 1] >= '0' && in[i + 1] <= '9' && in[i + 2] >= '0' &&
            in[i + 2] <= '9' && in[i + 3] >= '0' && in[i + 3] <= '9') {
            const int v = (in[i + 1] - '0') * 100 + (in[i + 2] - '0') * 10 + (in[i + 3] - '0');
            out->push_back(static_cast<char>(v & 0xff));
            i += 3;
        } else {
            out->push_back(in[i + 1]);
            ++i;
        }
    }
    return *out;
}

std::string_view nextToken(std::string_view *s)
{
    size_t b = 0;
    while (b < s->size() && (*s)[b] == ' ')
        ++b;
    size_t e = s->find(' ', b);
    if (e == std::string_view::npos)
        e = s->size();
    const std::string_view token = s->substr(b, e - b);
    s->remove_prefix(e);
    return token;
}

} // namespace textlog

int BindReader::detect(std::string_view head)
{
    int queries = 0;
    textlog::forEachHeadLine(head, [&](std::string_view line) {
        const size_t q = line.find(" query: ");
        if (q != std::string_view::npos && line.find("client ") < q && line.find(" IN ", q) != std::string_view::npos)
            ++queries;
        return queries < 3;
    });
    return queries > 0 ? 60 + queries * 10 : 0;
}

LineBasedReader::LineResult BindReader::parseLine(std::string_view line, int64_t lineNumber, RecordSink &sink)
{
    if (isBlankLine(line))
        return LineResult::Continue;
    const size_t q = textlog::find(line, " query: ");
    // The last "client " before " query: ": a syslog host may be called "client" too.
    const size_t c = q == std::string_view::npos ? q : line.rfind("client ", q);
    if (q == std::string_view::npos || c == std::string_view::npos) {
        sink.onSkipped(lineNumber, "not a query line");
        return LineResult::Continue;
    }
    const auto reject = [&](const char *why, std::string_view value) {
        m_reason = why;
        if (!value.empty()) {
            m_reason += ' ';
            appendQuoted(&m_reason, value);
        }
        sink.onRejected(lineNumber, m_reason);
        return LineResult::Continue;
    };

    LookupRecord record;
    record.line = lineNumber;
    std::string_view rest;
    if (const char *why = leadingTime(line, &record.timeUs, &rest))
        return reject(why, line.substr(0, std::min<size_t>(line.size(), 24)));

    // client [@0x…] ADDR#PORT [(name)]: [view V:] query: NAME CLASS TYPE FLAGS [(SERVER)]
    std::string_view client = line.substr(c + 7, q - c - 7);
    std::string_view token = textlog::nextToken(&client);
    if (!token.empty() && token[0] == '@')
        token = textlog::nextToken(&client);
    if (!token.empty() && token.back() == ':')
        token.remove_suffix(1);
    const size_t hash = token.rfind('#');
    const std::string_view address = token.substr(0, hash);
    if (hash == std::string_view::npos || !textlog::isAddress(address))
        return reject("bad client address (expected ADDRESS#PORT after \"client\"):", token);
    record.client = address;

    std::string_view query = line.substr(q + 8);
    const std::string_view name = textlog::nextToken(&query);
    const std::string_view qclass = textlog::nextToken(&query);
    const std::string_view qtype = textlog::nextToken(&query);
    if (name.empty() || qclass.empty() || qtype.empty())
        return reject("query without name, class and type:", line.substr(q + 8));
    const char *why = nullptr;
    if (!normalizeDnsName(textlog::unescapeName(name, &m_rawName), &m_name, &why))
        return reject(why, name);
    record.name = m_name;
    record.qtype = qtypeFromName(qtype);
    if (record.qtype == 0)
        return reject("unknown query type", qtype);
    textlog::nextToken(&query); // flags: "+", "-E(0)DC", "+E(0)K" …
    std::string_view server = textlog::nextToken(&query);
    if (server.size() > 2 && server.front() == '(' && server.back() == ')') {
        server = server.substr(1, server.size() - 2);
        if (textlog::isAddress(server))
            record.server = server;
    }
    return sink.onRecord(record) ? LineResult::Continue : LineResult::Stop;
}

} // namespace dnt
