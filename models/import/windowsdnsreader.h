#pragma once

#include "linebasedreader.h"
#include "localclock.h"

#include <string>
#include <string_view>

namespace dnt
{

// Windows DNS Server debug log (dns.log, "Log packets for debugging"):
//   6/5/2013 10:00:32 AM 0E70 PACKET  00000000033397A0 UDP Rcv 10.0.0.1  4c4a   Q [0001   D   NOERROR] A
//   (3)www(7)example(3)com(0)
// A lookup is a received ("Rcv") standard query: no "R" response marker, opcode "Q". Sent packets,
// received responses, notifies and updates are skipped; the header block and non-PACKET lines too.
// The date is written in the server's locale without a zone; read in ReaderOptions::zone:
//   "M/D/YYYY h:mm:ss AM|PM"   (en-US, the default; a slash date with AM/PM)
//   "D/M/YYYY HH:mm:ss"        (a slash date with a 24-hour clock: en-GB, fr-FR …)
//   "D.M.YYYY HH:mm:ss"        (de-DE, ru-RU …)
//   "YYYY-MM-DD HH:mm:ss"      (ISO-style locales such as sv-SE)
// Runs on the importing thread; one instance per file.
class WindowsDnsReader : public LineBasedReader
{
public:
    explicit WindowsDnsReader(const ReaderOptions &options = {});
    QString formatName() const override { return QStringLiteral("windows-dns"); }
    QString assumedZone() const override { return m_clock.zoneName(); }
    ReadStatus read(InputStream &stream, RecordSink &sink, QString *error) override;
    static int detect(std::string_view head);

protected:
    LineResult parseLine(std::string_view line, int64_t lineNumber, RecordSink &sink) override;

private:
    LocalClock m_clock;
    std::string m_raw;
    std::string m_name;
};

namespace windowsdns
{
// Local civil time of a line's date and time tokens (ampm may be empty) as µs "as if UTC";
// nullptr on success, else why not.
const char *parseLocalTime(std::string_view date, std::string_view time, std::string_view ampm, int64_t *us);
// "(3)www(7)example(3)com(0)" into "www.example.com" (the root "(0)" into "."); nullptr or why not.
const char *decodeName(std::string_view in, std::string *out);
} // namespace windowsdns

} // namespace dnt
