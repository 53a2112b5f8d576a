#include "dnsmasqreader.h"

#include "bindreader.h"
#include "textparse.h"

namespace dnt
{

namespace
{

// The message after "…dnsmasq[pid]: " (or "…pihole-FTL[pid]: "), or an empty view.
std::string_view messageOf(std::string_view line, size_t from)
{
    const size_t colon = textlog::find(line.substr(from), "]: ");
    if (colon == std::string_view::npos)
        return {};
    return line.substr(colon + 3);
}

// The message without log-queries=extra's "SERIAL ADDRESS/PORT " prefix.
std::string_view withoutExtra(std::string_view message)
{
    size_t i = 0;
    while (i < message.size() && message[i] >= '0' && message[i] <= '9')
        ++i;
    if (i == 0 || i >= message.size() || message[i] != ' ')
        return message;
    std::string_view rest = message.substr(i + 1);
    const size_t space = rest.find(' ');
    if (space == std::string_view::npos || rest.substr(0, space).find('/') == std::string_view::npos)
        return message;
    return rest.substr(space + 1);
}

bool startsWith(std::string_view s, std::string_view p)
{
    return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

} // namespace

bool DnsmasqReader::isUnstampedLine(std::string_view line)
{
    line = withoutSyslogPriority(line);
    if (startsWith(line, "dnsmasq: "))
        return true;
    for (std::string_view program : {std::string_view("dnsmasq["), std::string_view("pihole-FTL[")}) {
        if (!startsWith(line, program))
            continue;
        size_t i = program.size();
        while (i < line.size() && line[i] >= '0' && line[i] <= '9')
            ++i;
        return i > program.size() && line.substr(i, 3) == "]: ";
    }
    return false;
}

QString DnsmasqReader::unstampedMessage()
{
    return QStringLiteral(
        "these dnsmasq lines carry no time stamps (dnsmasq -d, --log-facility=- and docker logs write "
        "none), so no lookup can be placed in time; log to syslog or to a file (--log-facility=/var/log/dnsmasq.log), "
        "or take docker logs with --timestamps");
}

ReadStatus DnsmasqReader::read(InputStream &stream, RecordSink &sink, QString *error)
{
    // The first line decides: stderr output has no stamp on any line.
    bool unstamped = false;
    QByteArray head = stream.peek(64 * 1024);
    if (!head.endsWith('\n'))
        head.append('\n'); // forEachHeadLine leaves out an unterminated last line
    textlog::forEachHeadLine(std::string_view(head.constData(), static_cast<size_t>(head.size())), [&](std::string_view line) {
        if (isBlankLine(line))
            return true;
        unstamped = isUnstampedLine(line);
        return false;
    });
    if (unstamped) {
        if (error)
            *error = unstampedMessage();
        return ReadStatus::Failed;
    }
    return ZonedLineReader::read(stream, sink, error);
}

int DnsmasqReader::detect(std::string_view head)
{
    int queries = 0, lines = 0, unstamped = 0;
    textlog::forEachHeadLine(head, [&](std::string_view line) {
        if (isUnstampedLine(line)) {
            ++unstamped; // recognised, so that the reader can say why it cannot be imported
            return unstamped < 3;
        }
        const size_t d = line.find("dnsmasq[");
        const size_t f = line.find("pihole-FTL[");
        if (d != std::string_view::npos || f != std::string_view::npos) {
            ++lines;
            if (startsWith(withoutExtra(messageOf(line, 0)), "query["))
                ++queries;
        }
        return queries < 3;
    });
    if (queries > 0)
        return 60 + queries * 10;
    return lines > 0 || unstamped > 0 ? 40 : 0;
}

LineBasedReader::LineResult DnsmasqReader::parseLine(std::string_view line, int64_t lineNumber, RecordSink &sink)
{
    if (isBlankLine(line))
        return LineResult::Continue;
    const std::string_view message = withoutExtra(messageOf(line, 0));
    if (!startsWith(message, "query[")) {
        sink.onSkipped(lineNumber, "not a query line");
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
    std::string_view rest;
    if (const char *why = leadingTime(line, &record.timeUs, &rest))
        return reject(why, line.substr(0, std::min<size_t>(line.size(), 24)));

    // query[TYPE] NAME from CLIENT
    std::string_view fields = message;
    const std::string_view head = textlog::nextToken(&fields);
    if (head.size() < 8 || head.back() != ']')
        return reject("bad query type:", head);
    const std::string_view type = head.substr(6, head.size() - 7);
    if (startsWith(type, "type=")) { // dnsmasq's form for types it has no name for
        const auto v = parseUnsigned(type.substr(5), 65535);
        if (!v)
            return reject("bad query type:", type);
        record.qtype = static_cast<uint16_t>(*v);
    } else {
        record.qtype = qtypeFromName(type);
        if (record.qtype == 0)
            return reject("unknown query type", type);
    }
    const std::string_view name = textlog::nextToken(&fields);
    const std::string_view from = textlog::nextToken(&fields);
    const std::string_view client = textlog::nextToken(&fields);
    if (name.empty() || from != "from" || client.empty() || !textlog::nextToken(&fields).empty())
        return reject("expected \"query[TYPE] NAME from ADDRESS\":", message);
    if (!textlog::isAddress(client))
        return reject("bad client address", client);
    record.client = client;
    const char *why = nullptr;
    if (!normalizeDnsName(textlog::unescapeName(name, &m_rawName), &m_name, &why))
        return reject(why, name);
    record.name = m_name;
    return sink.onRecord(record) ? LineResult::Continue : LineResult::Stop;
}

} // namespace dnt
