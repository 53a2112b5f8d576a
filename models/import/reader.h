#pragma once

#include "inputstream.h"
#include "lookuprecord.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace dnt {

enum class ReadStatus { Finished, Stopped, Failed };

// What a reader may need besides the bytes. Each reader uses the fields that concern its format.
struct ReaderOptions
{
    QString zone;                 // IANA zone for zone-less timestamps ("Europe/Moscow"); empty = UTC
    int year = 0;                 // year for year-less timestamps; 0 = infer it from fileModifiedUs
    int64_t fileModifiedUs = 0;   // the file's modification time (UTC µs), for year inference
    QString path;                 // the file itself, for formats read through their own library
    QList<int> ports{53};         // pcap: UDP/TCP ports that carry DNS (5353 mDNS, 5355 LLMNR on request)
    bool resolverQueries = false; // dnstap: also count RESOLVER_QUERY messages
    QString csvColumns;           // csv: "time=ts,client=src,name=query,type=qtype", or 1-based positions "time=1,name=9"
    bool csvNoHeader = false;     // csv: the first row is data; csvColumns gives positions
    QString csvTimeFormat;        // csv: how the time column is written
    QString csvDelimiter;         // csv: "," "\t" ";" "|"; empty = detect from the header
};

// A log format reader. Pure: bytes in, records out through the sink; no SQL, no widgets, no global
// state. Construct one per file; read() runs on the importing thread.
class Reader
{
public:
    virtual ~Reader() = default;
    virtual QString formatName() const = 0;
    // Reads the whole stream. Returns Stopped if the sink asked to stop, Failed with *error set if the
    // stream could not be read any further (I/O error, truncated compression). Malformed lines are
    // not failures: they go to RecordSink::onRejected and reading continues.
    virtual ReadStatus read(InputStream &stream, RecordSink &sink, QString *error) = 0;
    // After read(): the zone used for zone-less times (empty when the format carries its own zone) and
    // the year used for year-less times (0 when the format carries its own), recorded with the file.
    virtual QString assumedZone() const { return {}; }
    virtual int assumedYear() const { return 0; }
    // After read(): other assumptions the file did not settle, one sentence each, for the import
    // report ("day/month order assumed D/M/YYYY: no date in the file has a day above 12").
    virtual QStringList notes() const { return {}; }
};

// The formats this build knows. Names are the CLI's --format values.
QStringList knownFormats();
// Guesses the format from the first decompressed bytes of a file; empty if none fits.
QString detectFormat(const QByteArray &head);
// A reader for a format name, or nullptr for an unknown name.
std::unique_ptr<Reader> createReader(const QString &format, const ReaderOptions &options = {});

// Normalises a DNS query name from a log into out: ASCII lower-case, trailing dot removed, non-ASCII
// UTF-8 converted to its IDNA ASCII (xn--) form. Returns false with *reason set for names that are
// not names: invalid UTF-8, control characters, empty labels ("a..b"), a label over 63 bytes or a
// name over 253 characters.
bool normalizeDnsName(std::string_view in, std::string *out, const char **reason);

} // namespace dnt
