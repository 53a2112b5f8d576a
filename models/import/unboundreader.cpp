#include "unboundreader.h"

#include "bindreader.h"
#include "textparse.h"
#include "timeutil.h"

namespace dnt
{

namespace
{

bool isClass(std::string_view s)
{
    return s == "IN" || s == "CH" || s == "HS" || s == "ANY" || s == "NONE" ||
           (s.size() > 5 && s.compare(0, 5, "CLASS") == 0);
}

// The four fields of a query line after " info: ", or false for any other line.
bool queryFields(std::string_view message, std::string_view f[4])
{
    for (int i = 0; i < 4; ++i) {
        f[i] = textlog::nextToken(&message);
        if (f[i].empty())
            return false;
    }
    return textlog::nextToken(&message).empty() && isClass(f[3]);
}

// Whether a token is a word of one of Unbound's own messages ("resolving", "processQueryTargets:")
// rather than a client address: it has a character no address can have. A token made only of address
// characters that is still no address is a broken query line, and stays a rejection.
bool isMessageWord(std::string_view s)
{
    for (char c : s) {
        if (c == '%')
            return false; // scope of an IPv6 address: anything may follow
        const bool addressChar = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
                                 c == '.' || c == ':';
        if (!addressChar)
            return true;
    }
    return false;
}

} // namespace

int UnboundReader::detect(std::string_view head)
{
    int queries = 0, lines = 0;
    textlog::forEachHeadLine(head, [&](std::string_view line) {
        const size_t u = line.find("unbound[");
        const size_t u2 = line.find("unbound: [");
        const size_t info = line.find(" info: ");
        if ((u != std::string_view::npos || u2 != std::string_view::npos) && info != std::string_view::npos) {
            ++lines;
            std::string_view f[4];
            if (queryFields(line.substr(info + 7), f))
                ++queries;
        }
        return queries < 3;
    });
    return queries > 0 ? 60 + queries * 10 : (lines > 0 ? 40 : 0);
}

LineBasedReader::LineResult UnboundReader::parseLine(std::string_view line, int64_t lineNumber, RecordSink &sink)
{
    if (isBlankLine(line))
        return LineResult::Continue;
    const size_t info = textlog::find(line, " info: ");
    std::string_view f[4];
    if (info == std::string_view::npos || !queryFields(line.substr(info + 7), f)) {
        sink.onSkipped(lineNumber, "not a query line");
        return LineResult::Continue;
    }
    // verbosity 2+ writes "info: resolving NAME TYPE CLASS" and the like in the query line's shape
    if (isMessageWord(f[0])) {
        sink.onSkipped(lineNumber, "Unbound message, not a query line");
        return LineResult::Continue;
    }
    const auto reject = [&](const char *why, std::string_view value) {
        m_reason = why;
        m_reason += ' ';
        appendQuoted(&m_reason, value);
        sink.onRejected(lineNumber, m_reason);
        return LineResult::Continue;
    };
    LookupRecord record;
    record.line = lineNumber;
    if (!line.empty() && line[0] == '[') {
        const size_t close = line.find(']');
        const std::string_view epoch = line.substr(1, close == std::string_view::npos ? 0 : close - 1);
        const auto us = parseEpochSeconds(epoch);
        if (!us)
            return reject(epochProblem(epoch), epoch);
        if (!isPlausibleTime(*us))
            return reject("time out of range (before 1970 or after 2199)", epoch);
        record.timeUs = *us;
    } else {
        std::string_view rest;
        if (const char *why = leadingTime(line, &record.timeUs, &rest))
            return reject(why, line.substr(0, std::min<size_t>(line.size(), 24)));
    }
    if (!textlog::isAddress(f[0]))
        return reject("bad client address", f[0]);
    record.client = f[0];
    const char *why = nullptr;
    if (!normalizeDnsName(textlog::unescapeName(f[1], &m_rawName), &m_name, &why))
        return reject(why, f[1]);
    record.name = m_name;
    record.qtype = qtypeFromName(f[2]);
    if (record.qtype == 0)
        return reject("unknown query type", f[2]);
    return sink.onRecord(record) ? LineResult::Continue : LineResult::Stop;
}

} // namespace dnt
