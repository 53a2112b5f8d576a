#pragma once

#include "zonedlinereader.h"

#include <string>
#include <string_view>

namespace dnt
{

// BIND 9 query log (category "queries"), as a file channel or through syslog:
//   28-Nov-2026 10:10:02.053 queries: info: client @0x7f… 192.0.2.1#53211 (www.example.test):
//       view internal: query: www.example.test IN A +E(0)K (192.0.2.53)
// Time stamps: print-time local / iso8601 / iso8601-utc, or a syslog prefix. "client @0x…", the
// "(name)" echo, "view …:" and category/severity are all optional. Each "query:" line is a lookup;
// any other line (starting up, zone loading, "query (cache) … denied") is skipped.
// Runs on the importing thread; one instance per file.
class BindReader : public ZonedLineReader
{
public:
    explicit BindReader(const ReaderOptions &options = {}) : ZonedLineReader(options) {}
    QString formatName() const override { return QStringLiteral("bind"); }
    static int detect(std::string_view head);

protected:
    LineResult parseLine(std::string_view line, int64_t lineNumber, RecordSink &sink) override;

private:
    std::string m_rawName;
    std::string m_name;
};

// Shared by the text readers of DNS servers.
namespace textlog
{

// Position of what in s, or npos (a fast substring search).
size_t find(std::string_view s, std::string_view what);
// Whether s looks like an IPv4 or IPv6 address (hex digits, '.', ':', a '%scope'); not validated further.
bool isAddress(std::string_view s);
// Decodes the presentation-format escapes servers write in names ("\032", "\.") into out;
// returns `in` itself when there are none.
std::string_view unescapeName(std::string_view in, std::string *out);
// The next space-separated token of *s (leading spaces skipped); *s is advanced past it.
std::string_view nextToken(std::string_view *s);
// Each line of the first bytes of a file (the last, possibly cut, line is left out).
template <typename F> void forEachHeadLine(std::string_view head, F f)
{
    size_t pos = 0;
    while (pos < head.size()) {
        const size_t nl = head.find('\n', pos);
        if (nl == std::string_view::npos)
            return;
        std::string_view line = head.substr(pos, nl - pos);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (!f(line))
            return;
        pos = nl + 1;
    }
}

} // namespace textlog

} // namespace dnt
