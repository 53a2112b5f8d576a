#pragma once

#include "linebasedreader.h"
#include "localclock.h"

#include <string>
#include <string_view>
#include <vector>

namespace dnt
{

// Any CSV/TSV export, with a header line or (ReaderOptions::csvNoHeader) without one (RFC 4180
// quoting: "a,b", "say ""x""", quoted fields running over several lines, and blanks between a
// delimiter and a quote as in "a", "b"). Which column is what comes from ReaderOptions::csvColumns
// ("time=ts,client=src,name=query,type=qtype,server=dst,rcode=rc"; names match the header
// case-insensitively, and a number that names no header column is a 1-based position: "time=1";
// without a header, positions only); without it, columns are guessed from common header names
// (time/timestamp/ts, client/src/source, name/query/domain, type/qtype, server/dst, rcode). time,
// client and name are required. The delimiter is ReaderOptions::csvDelimiter (",", ";", "|", "\t"
// or "tab") or the one of , ; TAB | that the first line holds most of outside quotes.
//
// Time (ReaderOptions::csvTimeFormat):
//   ""          per value: digits = epoch seconds (13+ integer digits: milliseconds), else ISO 8601
//   "epoch"     seconds since 1970, optional fraction;  "epoch-ms": milliseconds since 1970
//   "iso8601"   ISO 8601; without Z/offset the time is read in ReaderOptions::zone
//   a pattern   strftime-like: %Y %m %d %H %M %S, %f (fraction digits), %b (Jan…Dec), %I and %p
//               (12-hour clock with AM/PM), %z (+hhmm, +hh:mm or Z), %% (a literal %); any other
//               character must match itself. Without %z the time is read in ReaderOptions::zone.
// Each data row is one lookup. Runs on the importing thread; one instance per file.
class CsvReader : public LineBasedReader
{
public:
    explicit CsvReader(const ReaderOptions &options = {});
    QString formatName() const override { return QStringLiteral("csv"); }
    QString assumedZone() const override { return m_zoneUsed ? m_clock.zoneName() : QString(); }
    ReadStatus read(InputStream &stream, RecordSink &sink, QString *error) override;
    // Scores only a header that plainly names time, client and name columns, low enough that the
    // specific formats always win.
    static int detect(std::string_view head);

protected:
    void reset() override;
    LineResult parseLine(std::string_view line, int64_t lineNumber, RecordSink &sink) override;
    // A column (0-based) whose value stands for the client where the client column is empty.
    void setClientFallback(int column) { m_clientFallback = column; }

private:
    enum Column { Time, Client, Name, Type, Server, Rcode, ColumnCount };
    enum class TimeFormat { Auto, Epoch, EpochMs, Iso8601, Pattern };

    bool setupHeader(std::string_view header);
    // Splits text into m_fields; false with *reason when the quoting is broken. *open is set when
    // the text ends inside a quoted field (the row continues on the next line).
    bool split(std::string_view text, bool *open, const char **reason);
    LineResult parseRow(std::string_view text, int64_t lineNumber, RecordSink &sink);
    const char *parseTime(std::string_view text, int64_t *us);
    const char *parsePattern(std::string_view text, int64_t *us, bool *hasZone);

    // Options
    QString m_columnSpec;
    QString m_timeSpec;
    QString m_delimiterSpec;
    bool m_noHeader = false;
    int m_clientFallback = -1;
    LocalClock m_clock;
    bool m_zoneUsed = false;
    TimeFormat m_timeFormat = TimeFormat::Auto;
    std::string m_pattern;
    QString m_optionError;

    // Per file
    bool m_haveHeader = false;
    char m_delimiter = ',';
    std::string m_headerError;
    int m_column[ColumnCount] = {-1, -1, -1, -1, -1, -1};
    size_t m_columnCount = 0;
    std::string m_pending; // a row whose quoted field continues on the next line
    int64_t m_pendingLine = 0;

    // Reused per row
    struct Span {
        bool inBuffer; // the field had "" escapes and was copied into m_unquoted
        size_t offset, length;
    };
    std::vector<Span> m_spans;
    std::vector<std::string_view> m_fields;
    std::string m_unquoted;
    std::string m_name;
};

namespace csv
{
// The delimiter among , ; TAB | that occurs most often outside quotes in line; 0 if none.
char guessDelimiter(std::string_view line);
} // namespace csv

} // namespace dnt
