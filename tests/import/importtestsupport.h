#pragma once

// Helpers shared by the import tests: compressors that build gzip/zstd inputs at run time,
// a sink that records everything a reader reports, and synthetic streams.

#include "inputstream.h"
#include "lookuprecord.h"

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QStringList>

#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <string>
#include <vector>

namespace dnt::test
{

// One gzip member of data (zlib's deflate with a gzip wrapper).
inline QByteArray gzip(const QByteArray &data, int level = 6)
{
    z_stream z{};
    deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(static_cast<qsizetype>(deflateBound(&z, static_cast<uLong>(data.size()))) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(static_cast<qsizetype>(z.total_out));
    deflateEnd(&z);
    return out;
}

// One zstd frame of data, with the content checksum so that corruption is detectable.
inline QByteArray zstd(const QByteArray &data, int level = 3)
{
    ZSTD_CCtx *c = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
    QByteArray out(static_cast<qsizetype>(ZSTD_compressBound(static_cast<size_t>(data.size()))), '\0');
    const size_t n = ZSTD_compress2(c, out.data(), static_cast<size_t>(out.size()), data.constData(),
                                    static_cast<size_t>(data.size()));
    ZSTD_freeCCtx(c);
    out.resize(ZSTD_isError(n) ? 0 : static_cast<qsizetype>(n));
    return out;
}

// Everything a reader reported, as comparable text.
class CollectSink : public RecordSink
{
public:
    // "timeUs client server name qtype rcode @line" (server "-" when empty)
    QStringList records;
    QStringList rejected; // "line: reason"
    QStringList skipped;  // "line: reason"
    int stopAfter = -1;   // onRecord returns false once this many records were taken

    bool onRecord(const LookupRecord &r) override
    {
        records.append(
            QStringLiteral("%1 %2 %3 %4 %5 %6 @%7")
                .arg(r.timeUs)
                .arg(toQ(r.client), r.server.empty() ? QStringLiteral("-") : toQ(r.server), toQ(r.name))
                .arg(r.qtype)
                .arg(r.rcode)
                .arg(r.line));
        return stopAfter < 0 || records.size() < stopAfter;
    }
    void onRejected(int64_t line, std::string_view reason) override
    {
        rejected.append(QStringLiteral("%1: %2").arg(line).arg(toQ(reason)));
    }
    void onSkipped(int64_t line, std::string_view reason) override
    {
        skipped.append(QStringLiteral("%1: %2").arg(line).arg(toQ(reason)));
    }
    // Line numbers of the rejections, for exact comparison.
    QList<int64_t> rejectedLines() const
    {
        QList<int64_t> lines;
        for (const QString &r : rejected)
            lines.append(r.section(QLatin1Char(':'), 0, 0).toLongLong());
        return lines;
    }

private:
    static QString toQ(std::string_view s)
    {
        return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
    }
};

// A stream that produces `prefix`, then `fillCount` copies of `fill`, then `suffix`, without ever
// holding the middle part in memory: for a 50 MB line, or a million log lines.
class SyntheticStream : public InputStream
{
public:
    SyntheticStream(QByteArray prefix, QByteArray fill, int64_t fillCount, QByteArray suffix)
        : m_prefix(std::move(prefix)), m_fill(std::move(fill)), m_fillCount(fillCount),
          m_suffix(std::move(suffix))
    {
        m_rawSize = m_prefix.size() + m_fill.size() * fillCount + m_suffix.size();
    }
    int64_t read(char *buffer, int64_t maxBytes) override
    {
        int64_t done = 0;
        while (done < maxBytes) {
            const QByteArray *part;
            int64_t offset;
            const int64_t pos = m_rawBytesRead;
            const int64_t fillBytes = m_fill.size() * m_fillCount;
            if (pos < m_prefix.size()) {
                part = &m_prefix;
                offset = pos;
            } else if (pos < m_prefix.size() + fillBytes) {
                part = &m_fill;
                offset = (pos - m_prefix.size()) % m_fill.size();
            } else if (pos < m_rawSize) {
                part = &m_suffix;
                offset = pos - m_prefix.size() - fillBytes;
            } else {
                break;
            }
            const int64_t n = std::min<int64_t>(maxBytes - done, part->size() - offset);
            std::memcpy(buffer + done, part->constData() + offset, static_cast<size_t>(n));
            done += n;
            m_rawBytesRead += n;
        }
        return done;
    }
    QByteArray peek(int64_t maxBytes) override { return m_prefix.left(maxBytes); }
    QByteArray sha256Hex() override { return {}; }

private:
    QByteArray m_prefix, m_fill;
    int64_t m_fillCount;
    QByteArray m_suffix;
};

// Peak resident memory of this process in KiB (Linux), or -1.
inline qint64 peakRssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

} // namespace dnt::test
