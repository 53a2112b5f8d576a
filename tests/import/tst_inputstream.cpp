#include "importtestsupport.h"
#include "inputstream.h"
#include "linereader.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

using namespace dnt;
using namespace dnt::test;

namespace
{

QByteArray sha256(const QByteArray &b)
{
    return QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex();
}

// Reads a stream to its end in odd-sized pieces; *rc is the last read() result (0 or -1).
QByteArray readAll(InputStream &s, int64_t *rc = nullptr, int64_t piece = 65537)
{
    QByteArray out;
    std::vector<char> buf(static_cast<size_t>(piece));
    while (true) {
        const int64_t n = s.read(buf.data(), piece);
        if (n <= 0) {
            if (rc)
                *rc = n;
            return out;
        }
        out.append(buf.data(), n);
    }
}

// Text that compresses well but not trivially, with numbered lines so truncation is visible.
QByteArray numberedLines(int count)
{
    QByteArray out;
    for (int i = 0; i < count; ++i)
        out += "line " + QByteArray::number(i) + " " + QByteArray::number(qint64(i) * 7919 % 10007) +
               " lookup.example.com\n";
    return out;
}

QStringList lines(InputStream &s, int64_t maxLen, QList<int64_t> *numbers = nullptr)
{
    LineReader reader(s, maxLen);
    QStringList out;
    std::string_view line;
    while (true) {
        const auto st = reader.next(&line);
        if (st == LineReader::Status::End)
            break;
        if (st == LineReader::Status::Error) {
            out.append(QStringLiteral("<error>"));
            break;
        }
        out.append(st == LineReader::Status::TooLong
                       ? QStringLiteral("<too long>")
                       : QString::fromUtf8(line.data(), static_cast<qsizetype>(line.size())));
        if (numbers)
            numbers->append(reader.lineNumber());
    }
    return out;
}

} // namespace

class TstInputStream : public QObject
{
    Q_OBJECT
private slots:
    // First, while the process is small: a 50 MB line must not make the line reader grow.
    void hugeLineUsesNoMemory()
    {
        const qint64 before = peakRssKiB();
        SyntheticStream s("first\n", QByteArray(4096, 'a'), 50 * 256, "\nafter\nlast");
        QList<int64_t> numbers;
        QCOMPARE(lines(s, 1 << 20, &numbers),
                 (QStringList{QStringLiteral("first"), QStringLiteral("<too long>"), QStringLiteral("after"),
                              QStringLiteral("last")}));
        QCOMPARE(numbers, (QList<int64_t>{1, 2, 3, 4}));
        const qint64 after = peakRssKiB();
        QVERIFY(before > 0 && after > 0);
        // The reader's buffer is 2 MiB (max line + one chunk); 50 MB would show up here.
        QVERIFY2(after - before < 16 * 1024,
                 qPrintable(QStringLiteral("peak grew by %1 KiB").arg(after - before)));
    }

    void plain()
    {
        const QByteArray data = numberedLines(100000); // > 3 raw chunks
        auto s = InputStream::fromBytes(data);
        QCOMPARE(s->compression(), Compression::None);
        QCOMPARE(s->rawSize(), data.size());
        int64_t rc = 1;
        QCOMPARE(readAll(*s, &rc), data);
        QCOMPARE(rc, 0);
        QCOMPARE(s->rawBytesRead(), data.size());
        QCOMPARE(s->sha256Hex(), sha256(data));
        QCOMPARE(compressionName(s->compression()), QStringLiteral("none"));
    }

    void empty()
    {
        auto s = InputStream::fromBytes(QByteArray());
        QCOMPARE(s->compression(), Compression::None);
        int64_t rc = 1;
        QCOMPARE(readAll(*s, &rc), QByteArray());
        QCOMPARE(rc, 0);
        QCOMPARE(s->sha256Hex(),
                 QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    void gzipSingleAndMulti_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray a = numberedLines(50000);
        const QByteArray b = numberedLines(700);
        QTest::newRow("single") << gzip(a) << a;
        QTest::newRow("multi-member") << (gzip(a) + gzip(b) + gzip(QByteArray()) + gzip(b, 1)) << (a + b + b);
        QTest::newRow("zero-padding") << (gzip(b) + QByteArray(1000, '\0')) << b;
        // Highly compressible: inflate holds output back at the end of the input; must not be
        // mistaken for truncation.
        QTest::newRow("zeros-20MB") << gzip(QByteArray(20 << 20, '\0'), 9) << QByteArray(20 << 20, '\0');
        QTest::newRow("empty-member") << gzip(QByteArray()) << QByteArray();
    }
    void gzipSingleAndMulti()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QByteArray, expected);
        auto s = InputStream::fromBytes(raw);
        QCOMPARE(s->compression(), Compression::Gzip);
        int64_t rc = 1;
        const QByteArray got = readAll(*s, &rc);
        QCOMPARE(rc, 0);
        QCOMPARE(got.size(), expected.size());
        QVERIFY(got == expected);
        QCOMPARE(s->rawBytesRead(), raw.size());
        QCOMPARE(s->sha256Hex(), sha256(raw));
    }

    void zstdFrames_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray a = numberedLines(50000);
        const QByteArray b = numberedLines(300);
        QTest::newRow("single") << zstd(a) << a;
        QTest::newRow("multi-frame") << (zstd(a) + zstd(b) + zstd(b, 19)) << (a + b + b);
        QTest::newRow("zeros-20MB") << zstd(QByteArray(20 << 20, '\0')) << QByteArray(20 << 20, '\0');
    }
    void zstdFrames()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QByteArray, expected);
        auto s = InputStream::fromBytes(raw);
        QCOMPARE(s->compression(), Compression::Zstd);
        QCOMPARE(compressionName(s->compression()), QStringLiteral("zstd"));
        int64_t rc = 1;
        const QByteArray got = readAll(*s, &rc);
        QCOMPARE(rc, 0);
        QCOMPARE(got.size(), expected.size());
        QVERIFY(got == expected);
        QCOMPARE(s->rawBytesRead(), raw.size());
        QCOMPARE(s->sha256Hex(), sha256(raw));
    }

    void damaged_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("error");
        const QByteArray text = numberedLines(60000);
        const QByteArray gz = gzip(text);
        const QByteArray zs = zstd(text);
        QTest::newRow("gzip-truncated-half")
            << gz.left(gz.size() / 2) << QStringLiteral("truncated gzip data");
        QTest::newRow("gzip-truncated-trailer")
            << gz.left(gz.size() - 4) << QStringLiteral("truncated gzip data");
        QTest::newRow("gzip-header-only") << gz.left(10) << QStringLiteral("truncated gzip data");
        QByteArray flipped = gz;
        for (qsizetype i = gz.size() / 2; i < gz.size() / 2 + 64; ++i)
            flipped[i] = static_cast<char>(flipped[i] ^ 0x5a);
        QTest::newRow("gzip-corrupt") << flipped << QStringLiteral("corrupt gzip data");
        QTest::newRow("gzip-trailing-garbage")
            << (gzip(text.left(1000)) + "garbage") << QStringLiteral("corrupt gzip data");
        QTest::newRow("zstd-truncated-half")
            << zs.left(zs.size() / 2) << QStringLiteral("truncated zstd data");
        QTest::newRow("zstd-truncated-checksum")
            << zs.left(zs.size() - 2) << QStringLiteral("truncated zstd data");
        QByteArray zflipped = zs;
        for (qsizetype i = zs.size() / 2; i < zs.size() / 2 + 64; ++i)
            zflipped[i] = static_cast<char>(zflipped[i] ^ 0x5a);
        QTest::newRow("zstd-corrupt") << zflipped << QStringLiteral("corrupt zstd data");
    }
    void damaged()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, error);
        const QByteArray text = numberedLines(60000);
        auto s = InputStream::fromBytes(raw);
        int64_t rc = 0;
        const QByteArray got = readAll(*s, &rc);
        QCOMPARE(rc, -1);
        QVERIFY2(s->errorString().startsWith(error), qPrintable(s->errorString()));
        // What was decoded before the damage is delivered. For truncation it is exactly the start
        // of the text; flipped bytes may decode to garbage until the format's checksum catches it.
        const QByteArray tag(QTest::currentDataTag());
        if (tag.contains("truncated"))
            QVERIFY(text.startsWith(got));
        if (raw.size() > 100 && !tag.endsWith("garbage"))
            QVERIFY2(got.size() > 0, "the data before the damage was not delivered");
        if (tag.endsWith("garbage"))
            QCOMPARE(got, text.left(1000));
        char one;
        QCOMPARE(s->read(&one, 1), -1); // and the error sticks
        QCOMPARE(s->sha256Hex(), sha256(raw));
    }

    void truncatedGzipThroughLineReader()
    {
        // Complete lines before the damage are delivered, then the error; no partial last line.
        const QByteArray text = numberedLines(60000);
        const QByteArray gz = gzip(text);
        auto s = InputStream::fromBytes(gz.left(gz.size() * 2 / 3));
        const QStringList got = lines(*s, 1 << 20);
        QVERIFY(got.size() > 1000);
        QCOMPARE(got.last(), QStringLiteral("<error>"));
        for (int i = 0; i < got.size() - 1; ++i)
            QCOMPARE(got.at(i).toUtf8() + '\n',
                     text.mid(text.indexOf("line " + QByteArray::number(i) + " "), got.at(i).size() + 1));
    }

    void peekThenRead_data()
    {
        QTest::addColumn<QByteArray>("raw");
        const QByteArray text = numberedLines(2000);
        QTest::newRow("plain") << text;
        QTest::newRow("gzip") << gzip(text);
        QTest::newRow("zstd") << zstd(text);
    }
    void peekThenRead()
    {
        QFETCH(QByteArray, raw);
        const QByteArray text = numberedLines(2000);
        auto s = InputStream::fromBytes(raw);
        QCOMPARE(s->peek(20), text.left(20));
        QCOMPARE(s->peek(100000), text.left(100000)); // a second, larger peek
        QCOMPARE(readAll(*s, nullptr, 7), text);
        QCOMPARE(s->sha256Hex(), sha256(raw));
    }

    void hashCoversWholeFileAfterEarlyStop()
    {
        const QByteArray text = numberedLines(200000);
        const QByteArray gz = gzip(text);
        QVERIFY(gz.size() > 3 << 20 || text.size() > 3 << 20);
        for (const QByteArray &raw : {text, gz}) {
            auto s = InputStream::fromBytes(raw);
            char buf[10];
            QCOMPARE(s->read(buf, 10), 10);
            QVERIFY(s->rawBytesRead() < raw.size());
            QCOMPARE(s->sha256Hex(), sha256(raw));
            QCOMPARE(s->rawBytesRead(), raw.size());
            QCOMPARE(s->sha256Hex(), sha256(raw)); // stable when asked again
        }
    }

    void openFile()
    {
        QString error;
        QVERIFY(!InputStream::openFile(QStringLiteral("/nonexistent/dns.log"), &error));
        QVERIFY2(error.startsWith(QStringLiteral("cannot open /nonexistent/dns.log")), qPrintable(error));

        QTemporaryDir dir;
        const QByteArray text = numberedLines(1000);
        const QByteArray gz = gzip(text);
        const QString path = dir.filePath(QStringLiteral("dns.log.weird-extension"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(gz);
        f.close();
        auto s = InputStream::openFile(path, &error);
        QVERIFY(s);
        QCOMPARE(s->compression(), Compression::Gzip); // from the magic bytes, not the name
        QCOMPARE(s->rawSize(), gz.size());
        QCOMPARE(readAll(*s), text);
        QCOMPARE(s->sha256Hex(), sha256(gz));
    }

    void lineSplitting_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("empty") << QByteArray() << QStringList{};
        QTest::newRow("one-no-newline") << QByteArray("abc") << QStringList{QStringLiteral("abc")};
        QTest::newRow("last-without-newline")
            << QByteArray("a\nb") << QStringList{QStringLiteral("a"), QStringLiteral("b")};
        QTest::newRow("crlf") << QByteArray("a\r\nb\r\n")
                              << QStringList{QStringLiteral("a"), QStringLiteral("b")};
        QTest::newRow("lone-cr-kept") << QByteArray("a\rb\n") << QStringList{QStringLiteral("a\rb")};
        QTest::newRow("blank-lines") << QByteArray("\n\nx\n")
                                     << QStringList{QString(), QString(), QStringLiteral("x")};
        QTest::newRow("too-long-middle")
            << QByteArray("short\n" + QByteArray(40, 'x') + "\nafter\n")
            << QStringList{QStringLiteral("short"), QStringLiteral("<too long>"), QStringLiteral("after")};
        QTest::newRow("too-long-last") << QByteArray("short\n" + QByteArray(40, 'x'))
                                       << QStringList{QStringLiteral("short"), QStringLiteral("<too long>")};
        QTest::newRow("exactly-max") << QByteArray(QByteArray(32, 'y') + "\n" + QByteArray(33, 'z') + "\n")
                                     << QStringList{QString(32, QLatin1Char('y')),
                                                    QStringLiteral("<too long>")};
    }
    void lineSplitting()
    {
        QFETCH(QByteArray, data);
        QFETCH(QStringList, expected);
        auto s = InputStream::fromBytes(data);
        QList<int64_t> numbers;
        QCOMPARE(lines(*s, 32, &numbers), expected);
        for (int i = 0; i < numbers.size(); ++i)
            QCOMPARE(numbers.at(i), i + 1);
    }

    void manyLinesAcrossChunks()
    {
        // Lines straddle every 1 MiB chunk boundary somewhere; none may be lost or split.
        const QByteArray text = numberedLines(300000);
        for (const QByteArray &raw : {text, gzip(text), zstd(text)}) {
            auto s = InputStream::fromBytes(raw);
            const QStringList got = lines(*s, 1 << 20);
            QCOMPARE(got.size(), 300000);
            QCOMPARE(got.first(), QStringLiteral("line 0 0 lookup.example.com"));
            QCOMPARE(got.at(123456),
                     QStringLiteral("line 123456 %1 lookup.example.com").arg(123456LL * 7919 % 10007));
            QCOMPARE(got.last(),
                     QStringLiteral("line 299999 %1 lookup.example.com").arg(299999LL * 7919 % 10007));
        }
    }
};

QTEST_GUILESS_MAIN(TstInputStream)
#include "tst_inputstream.moc"
