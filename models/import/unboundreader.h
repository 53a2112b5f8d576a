#pragma once

#include "zonedlinereader.h"

#include <string>
#include <string_view>

namespace dnt
{

// Unbound with log-queries / log-replies:
//   [1795872692] unbound[26646:0] info: 127.0.0.10 www.example.test. A IN
//   [1795872692] unbound[26646:0] info: 127.0.0.10 www.example.test. A IN NOERROR 0.000000 1 61
//   Nov 28 13:31:32 unbound[26647:0] info: 127.0.0.10 www.example.test. A IN        (log-time-ascii)
// The query line has exactly four fields (client, name, type, class); reply lines have more and are
// skipped, as are the other info lines. log-time-ascii stamps are local time without a year (the man
// page says UTC, the code calls localtime()), so they go through ZonedLineReader like syslog stamps.
// Runs on the importing thread; one instance per file.
class UnboundReader : public ZonedLineReader
{
public:
    explicit UnboundReader(const ReaderOptions &options = {}) : ZonedLineReader(options) {}
    QString formatName() const override { return QStringLiteral("unbound"); }
    static int detect(std::string_view head);

protected:
    LineResult parseLine(std::string_view line, int64_t lineNumber, RecordSink &sink) override;

private:
    std::string m_rawName;
    std::string m_name;
};

} // namespace dnt
