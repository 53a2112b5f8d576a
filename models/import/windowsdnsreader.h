#pragma once

#include "linebasedreader.h"
#include "localclock.h"

#include <optional>
#include <string>
#include <string_view>

namespace dnt
{

// Windows DNS Server debug log (dns.log, "Log packets for debugging"):
//   6/5/2013 10:00:32 AM 0E70 PACKET  00000000033397A0 UDP Rcv 10.0.0.1  4c4a   Q [0001   D   NOERROR] A
//   (3)www(7)example(3)com(0)
// A lookup is a received ("Rcv") standard query: no "R" response marker, opcode "Q". Sent packets,
// received responses, notifies and updates are skipped; the header block and non-PACKET lines too.
// The date is written in the server's locale without a zone; read in ReaderOptions::zone. Times are
// "h:mm:ss AM|PM" or "HH:mm:ss". Dates:
//   "YYYY/M/D", "YYYY-MM-DD", "YYYY.M.D"  (year first: zh-CN, ja-JP, sv-SE …)
//   "D.M.YYYY"                            (de-DE, ru-RU …: always day first)
//   "M/D/YYYY" or "D/M/YYYY" (also with -) (en-US or en-GB, fr-FR, nl-NL …)
// Which of the last two a file uses is decided per file from its first date with a day above 12 (a
// look-ahead over the file, through its own stream). A file without one is read month first when
// its clock has AM/PM (en-US) and day first otherwise, and notes() says so.
// Runs on the importing thread; one instance per file.
class WindowsDnsReader : public LineBasedReader
{
public:
    explicit WindowsDnsReader(const ReaderOptions &options = {});
    QString formatName() const override { return QStringLiteral("windows-dns"); }
    QString assumedZone() const override { return m_clock.zoneName(); }
    ReadStatus read(InputStream &stream, RecordSink &sink, QString *error) override;
    QStringList notes() const override;
    static int detect(std::string_view head);

protected:
    LineResult parseLine(std::string_view line, int64_t lineNumber, RecordSink &sink) override;

private:
    // Looks for the first line whose date settles the day/month order; true when found.
    bool findDateOrder(std::string_view text);

    LocalClock m_clock;
    QString m_path;
    bool m_orderKnown = false;   // settled by the file, or assumed at the first unsettled date
    bool m_dayFirst = false;
    bool m_orderAssumed = false; // no date in the file settled it
    bool m_sawAmbiguous = false; // a date was read whose day and month could swap
    std::string m_raw;
    std::string m_name;
};

namespace windowsdns
{
enum class DateOrder { MonthFirst, DayFirst };
// What a date token says about the order of a year-last slash/dash date: DayFirst when its first
// number is above 12, MonthFirst when its second is; nullopt when it says nothing.
std::optional<DateOrder> dateOrderOf(std::string_view date);
// Local civil time of a line's date and time tokens (ampm may be empty) as µs "as if UTC", with
// year-last slash/dash dates read in `order`; *ambiguous is set when day and month could swap.
// nullptr on success, else why not.
const char *parseLocalTime(std::string_view date, std::string_view time, std::string_view ampm, DateOrder order,
                           int64_t *us, bool *ambiguous = nullptr);
// "(3)www(7)example(3)com(0)" into "www.example.com" (the root "(0)" into "."); nullptr or why not.
const char *decodeName(std::string_view in, std::string *out);
} // namespace windowsdns

} // namespace dnt
