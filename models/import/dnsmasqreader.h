#pragma once

#include "zonedlinereader.h"

#include <string>
#include <string_view>

namespace dnt
{

// dnsmasq with log-queries (also Pi-hole's pihole.log), to a file or through syslog:
//   Nov 28 10:10:02 dnsmasq[1234]: query[A] www.example.test from 192.0.2.1
//   Nov 28 10:10:02 dnsmasq[1234]: 5 192.0.2.1/53211 query[A] www.example.test from 192.0.2.1   (=extra)
// Only "query[TYPE]" lines are lookups: dnsmasq writes forwarded/reply/cached/config lines for the same
// query, and "dnssec-query[…]" lines are its own upstream questions; those are skipped.
// The syslog stamp has no year and no zone: see ZonedLineReader and YearTracker.
// dnsmasq writing to stderr (-d, --log-facility=-, and so docker logs) stamps nothing:
//   dnsmasq: query[A] www.example.test from 192.0.2.1        (-d)
//   dnsmasq[15279]: query[A] www.example.test from 192.0.2.1 (--log-facility=-)
// Such a file is recognised and refused with a message that says how to get stamped lines.
// Runs on the importing thread; one instance per file.
class DnsmasqReader : public ZonedLineReader
{
public:
    explicit DnsmasqReader(const ReaderOptions &options = {}) : ZonedLineReader(options) {}
    QString formatName() const override { return QStringLiteral("dnsmasq"); }
    static int detect(std::string_view head);
    ReadStatus read(InputStream &stream, RecordSink &sink, QString *error) override;
    // Whether a line is dnsmasq's own unstamped stderr form (see above).
    static bool isUnstampedLine(std::string_view line);
    // Why such a file cannot be imported, and how to log with time stamps.
    static QString unstampedMessage();

protected:
    LineResult parseLine(std::string_view line, int64_t lineNumber, RecordSink &sink) override;

private:
    std::string m_rawName;
    std::string m_name;
};

} // namespace dnt
