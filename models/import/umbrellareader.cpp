#include "umbrellareader.h"

#include "bindreader.h"
#include "textparse.h"
#include "timeutil.h"

#include <vector>

namespace dnt
{

namespace
{

ReaderOptions umbrellaOptions(ReaderOptions options)
{
    options.csvNoHeader = true;
    options.csvColumns = QStringLiteral("time=1,client=4,name=9,type=7,rcode=8");
    options.csvDelimiter = QStringLiteral(",");
    options.csvTimeFormat = QStringLiteral("%Y-%m-%d %H:%M:%S");
    options.zone = QStringLiteral("UTC"); // the export is UTC, whatever --tz says for other files
    return options;
}

// The quoted fields of one line ("a","b", also "a", "b"); false if a field is not quoted.
bool quotedFields(std::string_view line, std::vector<std::string_view> *fields)
{
    fields->clear();
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && line[i] == ' ')
            ++i;
        if (i >= line.size() || line[i] != '"')
            return false;
        const size_t close = line.find('"', i + 1);
        if (close == std::string_view::npos)
            return false;
        fields->push_back(line.substr(i + 1, close - i - 1));
        i = close + 1;
        if (i < line.size() && line[i] != ',' && line[i] != '\r')
            return false;
        ++i;
    }
    return true;
}

// Secure Access's header: "timestamp,most granular identity,identities,internal ip,…"
bool isHeader(std::string_view line)
{
    constexpr std::string_view kStart = "timestamp,most granular identity,";
    if (line.size() < kStart.size())
        return false;
    for (size_t i = 0; i < kStart.size(); ++i) {
        char c = line[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c != kStart[i])
            return false;
    }
    return true;
}

} // namespace

UmbrellaReader::UmbrellaReader(const ReaderOptions &options) : CsvReader(umbrellaOptions(options))
{
    setClientFallback(4); // external IP
}

void UmbrellaReader::reset()
{
    CsvReader::reset();
    m_sawLine = false;
}

LineBasedReader::LineResult UmbrellaReader::parseLine(std::string_view line, int64_t lineNumber, RecordSink &sink)
{
    if (!m_sawLine && !isBlankLine(line)) {
        m_sawLine = true;
        if (isHeader(line)) {
            sink.onSkipped(lineNumber, "header line");
            return LineResult::Continue;
        }
    }
    return CsvReader::parseLine(line, lineNumber, sink);
}

int UmbrellaReader::detect(std::string_view head)
{
    int rows = 0;
    std::vector<std::string_view> f;
    bool first = true;
    textlog::forEachHeadLine(head, [&](std::string_view line) {
        if (first && isHeader(line)) {
            first = false;
            return true;
        }
        first = false;
        // timestamp, …, internal IP, external IP, action, "N (TYPE)", rcode, domain
        if (!quotedFields(line, &f) || f.size() < 10 || f[0].size() != 19 || f[0][10] != ' ' ||
            !parseIso8601(f[0], true) || (!f[3].empty() && !textlog::isAddress(f[3])) || f[6].find(" (") == std::string_view::npos ||
            f[6].back() != ')' || !parseUnsigned(f[6].substr(0, f[6].find(" (")), 65535)) {
            rows = 0;
            return false;
        }
        ++rows;
        return rows < 3;
    });
    return rows > 0 ? 60 + rows * 10 : 0;
}

} // namespace dnt
