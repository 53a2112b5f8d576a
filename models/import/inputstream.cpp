#include "inputstream.h"
#include "sha256hasher.h"

#include <QFile>

#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <vector>

namespace dnt
{

QString compressionName(Compression c)
{
    switch (c) {
    case Compression::None:
        return QStringLiteral("none");
    case Compression::Gzip:
        return QStringLiteral("gzip");
    case Compression::Zstd:
        return QStringLiteral("zstd");
    }
    return {};
}

namespace
{

constexpr int64_t kRawChunk = 1 << 20;

// Raw bytes from a file or from memory.
class RawSource
{
public:
    virtual ~RawSource() = default;
    virtual int64_t read(char *buffer, int64_t max) = 0; // -1 on I/O error
    virtual int64_t size() const = 0;
    virtual QString errorString() const { return {}; }
};

class FileSource : public RawSource
{
public:
    explicit FileSource(std::unique_ptr<QFile> f) : m_file(std::move(f)) {}
    int64_t read(char *buffer, int64_t max) override { return m_file->read(buffer, max); }
    int64_t size() const override { return m_file->size(); }
    QString errorString() const override { return m_file->errorString(); }

private:
    std::unique_ptr<QFile> m_file;
};

class BytesSource : public RawSource
{
public:
    explicit BytesSource(QByteArray b) : m_bytes(std::move(b)) {}
    int64_t read(char *buffer, int64_t max) override
    {
        const int64_t n = std::min<int64_t>(max, m_bytes.size() - m_pos);
        std::memcpy(buffer, m_bytes.constData() + m_pos, static_cast<size_t>(n));
        m_pos += n;
        return n;
    }
    int64_t size() const override { return m_bytes.size(); }

private:
    QByteArray m_bytes;
    int64_t m_pos = 0;
};

class Stream : public InputStream
{
public:
    explicit Stream(std::unique_ptr<RawSource> source)
        : m_source(std::move(source)), m_raw(kRawChunk)
    {
        m_rawSize = m_source->size();
        // Detect the compression from the first bytes.
        fillRaw();
        const auto *u = reinterpret_cast<const unsigned char *>(m_raw.data());
        if (m_rawEnd >= 2 && u[0] == 0x1f && u[1] == 0x8b)
            m_compression = Compression::Gzip;
        else if (m_rawEnd >= 4 && u[0] == 0x28 && u[1] == 0xb5 && u[2] == 0x2f && u[3] == 0xfd)
            m_compression = Compression::Zstd;
        if (m_compression == Compression::Gzip) {
            std::memset(&m_z, 0, sizeof m_z);
            m_zOk = inflateInit2(&m_z, 15 + 16) == Z_OK;
        } else if (m_compression == Compression::Zstd) {
            m_zstd = ZSTD_createDCtx();
        }
    }
    ~Stream() override
    {
        if (m_compression == Compression::Gzip && m_zOk)
            inflateEnd(&m_z);
        if (m_zstd)
            ZSTD_freeDCtx(m_zstd);
    }

    int64_t read(char *buffer, int64_t maxBytes) override
    {
        if (m_peekPos < m_peeked.size()) {
            const int64_t n = std::min<int64_t>(maxBytes, m_peeked.size() - m_peekPos);
            std::memcpy(buffer, m_peeked.constData() + m_peekPos, static_cast<size_t>(n));
            m_peekPos += n;
            return n;
        }
        if (m_failed)
            return -1;
        if (maxBytes <= 0)
            return 0;
        if (m_hashed) {
            // sha256Hex() consumed the rest of the raw input; decoding further would be a lie.
            m_error = QStringLiteral("read after the stream was hashed to its end");
            return -1;
        }
        if (m_zstdBroken) {
            // The error was found while returning the data before it; report it now.
            m_failed = true;
            return -1;
        }
        const int64_t n = decode(buffer, maxBytes);
        if (n < 0)
            m_failed = true;
        return n;
    }

    QByteArray peek(int64_t maxBytes) override
    {
        while (m_peeked.size() < maxBytes && !m_failed && !m_zstdBroken) {
            char tmp[65536];
            const int64_t n = decode(tmp, std::min<int64_t>(sizeof tmp, maxBytes - m_peeked.size()));
            if (n < 0)
                m_failed = true;
            if (n <= 0)
                break;
            m_peeked.append(tmp, n);
        }
        return m_peeked.left(maxBytes);
    }

    QByteArray sha256Hex() override
    {
        // Hash whatever the decoder has not consumed yet, so that the hash covers the whole file
        // even when the reader stopped early or the compressed data was damaged.
        if (m_hashHex.isEmpty()) {
            while (!m_rawEof) {
                m_rawPos = m_rawEnd; // discard: these bytes only need hashing
                fillRaw();
            }
            m_rawPos = m_rawEnd;
            m_hashHex = m_hash.resultHex();
            m_hashed = true;
        }
        return m_hashHex;
    }

private:
    // Reads the next raw chunk into m_raw (only when all of it was consumed).
    bool fillRaw()
    {
        if (m_rawEof || m_rawPos < m_rawEnd)
            return m_rawPos < m_rawEnd;
        const int64_t n = m_source->read(m_raw.data(), kRawChunk);
        m_rawPos = 0;
        m_rawEnd = std::max<int64_t>(0, n);
        if (n < 0) {
            m_error = QStringLiteral("read error: %1").arg(m_source->errorString());
            m_ioError = true;
            m_rawEof = true;
            return false;
        }
        if (n == 0) {
            m_rawEof = true;
            return false;
        }
        m_hash.addData(m_raw.data(), n);
        m_rawBytesRead += n;
        return true;
    }

    int64_t decode(char *out, int64_t max)
    {
        switch (m_compression) {
        case Compression::None: {
            if (!fillRaw())
                return m_ioError ? -1 : 0;
            const int64_t n = std::min(max, m_rawEnd - m_rawPos);
            std::memcpy(out, m_raw.data() + m_rawPos, static_cast<size_t>(n));
            m_rawPos += n;
            return n;
        }
        case Compression::Gzip:
            return decodeGzip(out, max);
        case Compression::Zstd:
            return decodeZstd(out, max);
        }
        return -1;
    }

    int64_t decodeGzip(char *out, int64_t max)
    {
        if (!m_zOk) {
            m_error = QStringLiteral("cannot initialise gzip decoding");
            return -1;
        }
        while (true) {
            if (m_memberDone) {
                // Another member may follow (multi-member gzip, as `cat a.gz b.gz` or pigz writes);
                // zero padding after the last member (tape blocks) is tolerated.
                if (!fillRaw())
                    return m_ioError ? -1 : 0;
                const auto *u = reinterpret_cast<const unsigned char *>(m_raw.data() + m_rawPos);
                if (u[0] == 0) {
                    ++m_rawPos;
                    continue;
                }
                if (u[0] != 0x1f) {
                    m_error = QStringLiteral(
                        "corrupt gzip data: unexpected bytes after the end of the compressed stream");
                    return -1;
                }
                inflateReset(&m_z);
                m_memberDone = false;
            }
            // At the end of the raw input inflate is still called once: it may hold decoded bytes
            // (a pending match copy) that did not fit into the previous output buffer.
            bool atEnd = false;
            if (m_rawPos >= m_rawEnd && !fillRaw()) {
                if (m_ioError)
                    return -1;
                atEnd = true;
            }
            m_z.next_in = reinterpret_cast<Bytef *>(m_raw.data() + m_rawPos);
            m_z.avail_in = static_cast<uInt>(m_rawEnd - m_rawPos);
            m_z.next_out = reinterpret_cast<Bytef *>(out);
            m_z.avail_out = static_cast<uInt>(std::min<int64_t>(max, 1 << 30));
            const int rc = inflate(&m_z, Z_NO_FLUSH);
            m_rawPos = m_rawEnd - m_z.avail_in;
            const int64_t produced = static_cast<int64_t>(reinterpret_cast<char *>(m_z.next_out) - out);
            if (rc == Z_STREAM_END) {
                m_memberDone = true;
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                m_error = QStringLiteral("corrupt gzip data: %1")
                              .arg(QString::fromLatin1(m_z.msg ? m_z.msg : "inflate failed"));
                // Deliver what was decoded before the damage; the next call reports the error.
                return produced > 0 ? produced : -1;
            }
            if (produced > 0)
                return produced;
            if (m_memberDone)
                continue;
            if (atEnd) {
                m_error = QStringLiteral(
                    "truncated gzip data: the file ends in the middle of the compressed stream");
                return -1;
            }
        }
    }

    int64_t decodeZstd(char *out, int64_t max)
    {
        if (!m_zstd) {
            m_error = QStringLiteral("cannot initialise zstd decoding");
            return -1;
        }
        while (true) {
            // As for gzip: at the end of the input the decoder may still have buffered output to flush.
            bool atEnd = false;
            if (m_rawPos >= m_rawEnd && !fillRaw()) {
                if (m_ioError)
                    return -1;
                // After a complete frame the decoder would answer an empty input with the size
                // hint for a next frame, which is not an error: the data simply ends here.
                if (m_zstdPending == 0)
                    return 0;
                atEnd = true;
            }
            ZSTD_inBuffer in{m_raw.data() + m_rawPos, static_cast<size_t>(m_rawEnd - m_rawPos), 0};
            ZSTD_outBuffer o{out, static_cast<size_t>(max), 0};
            const size_t rc = ZSTD_decompressStream(m_zstd, &o, &in);
            m_rawPos += static_cast<int64_t>(in.pos);
            if (ZSTD_isError(rc)) {
                m_error =
                    QStringLiteral("corrupt zstd data: %1").arg(QString::fromLatin1(ZSTD_getErrorName(rc)));
                if (o.pos > 0) {
                    m_zstdBroken = true;
                    return static_cast<int64_t>(o.pos);
                }
                return -1;
            }
            // 0 means a frame is complete and fully flushed; the next frame (if any) starts afresh.
            m_zstdPending = rc;
            if (o.pos > 0)
                return static_cast<int64_t>(o.pos);
            if (atEnd) {
                if (m_zstdPending != 0) {
                    m_error = QStringLiteral("truncated zstd data: the file ends in the middle of a frame");
                    return -1;
                }
                return 0;
            }
        }
    }

    std::unique_ptr<RawSource> m_source;
    Sha256Hasher m_hash;
    std::vector<char> m_raw;
    int64_t m_rawPos = 0;
    int64_t m_rawEnd = 0;
    bool m_rawEof = false;
    bool m_ioError = false;
    bool m_failed = false;
    QByteArray m_peeked;
    int64_t m_peekPos = 0;
    z_stream m_z{};
    bool m_zOk = false;
    bool m_memberDone = false;
    ZSTD_DCtx *m_zstd = nullptr;
    size_t m_zstdPending = 0;
    bool m_zstdBroken = false;
    bool m_hashed = false;
    QByteArray m_hashHex;
};

} // namespace

std::unique_ptr<InputStream> InputStream::openFile(const QString &path, QString *error)
{
    auto f = std::make_unique<QFile>(path);
    if (!f->exists()) {
        *error = QStringLiteral("cannot open %1: no such file").arg(path);
        return nullptr;
    }
    if (!f->open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, f->errorString());
        return nullptr;
    }
    return std::make_unique<Stream>(std::make_unique<FileSource>(std::move(f)));
}

std::unique_ptr<InputStream> InputStream::fromBytes(const QByteArray &bytes)
{
    return std::make_unique<Stream>(std::make_unique<BytesSource>(bytes));
}

} // namespace dnt
