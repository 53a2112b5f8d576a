#pragma once

#include "inputstream.h"
#include "lookuprecord.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace dnt {

enum class ReadStatus { Finished, Stopped, Failed };

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
};

// The formats this build knows. Names are the CLI's --format values.
QStringList knownFormats();
// Guesses the format from the first decompressed bytes of a file; empty if none fits.
QString detectFormat(const QByteArray &head);
// A reader for a format name, or nullptr for an unknown name.
std::unique_ptr<Reader> createReader(const QString &format);

// Normalises a DNS query name from a log into out: ASCII lower-case, trailing dot removed, non-ASCII
// UTF-8 converted to its IDNA ASCII (xn--) form. Returns false with *reason set for names that are
// not names: invalid UTF-8, control characters, empty labels ("a..b"), a label over 63 bytes or a
// name over 253 characters.
bool normalizeDnsName(std::string_view in, std::string *out, const char **reason);

} // namespace dnt
