#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <memory>

namespace dnt {

enum class Compression { None, Gzip, Zstd };
QString compressionName(Compression c);

// A byte stream of a log file, transparently decompressed. The compression is detected from the
// magic bytes, never from the file name. While reading, it counts the raw (compressed) bytes consumed,
// for progress, and hashes them with SHA-256, for provenance and duplicate detection.
// Not thread-safe: one thread uses a stream.
class InputStream
{
public:
    virtual ~InputStream() = default;

    // Opens a file; nullptr with *error set ("cannot open FILE: reason") on failure.
    static std::unique_ptr<InputStream> openFile(const QString &path, QString *error);
    // A stream over bytes in memory (tests, fuzzing). Decompression applies as for files.
    static std::unique_ptr<InputStream> fromBytes(const QByteArray &bytes);

    // Reads up to maxBytes decompressed bytes into buffer. Returns the count, 0 at the end of the
    // data, or -1 on an error (truncated or corrupt compressed data, I/O error): see errorString().
    virtual int64_t read(char *buffer, int64_t maxBytes) = 0;

    // Returns up to maxBytes of decompressed data from the start without consuming it.
    // Only valid before the first read().
    virtual QByteArray peek(int64_t maxBytes) = 0;

    Compression compression() const { return m_compression; }
    int64_t rawSize() const { return m_rawSize; }          // size of the file/bytes; -1 if unknown
    int64_t rawBytesRead() const { return m_rawBytesRead; } // consumed so far (for progress)
    QString errorString() const { return m_error; }
    // Lower-case hex SHA-256 of all raw bytes of the file. Raw bytes that the decoder has not consumed
    // yet (after a stop or an error) are read and hashed first, so the hash is always of the whole file.
    virtual QByteArray sha256Hex() = 0;

protected:
    Compression m_compression = Compression::None;
    int64_t m_rawSize = -1;
    int64_t m_rawBytesRead = 0;
    QString m_error;
};

} // namespace dnt
