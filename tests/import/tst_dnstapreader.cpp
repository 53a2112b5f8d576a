#include "dnswiretestsupport.h"
#include "importtestsupport.h"
#include "reader.h"

#include <QFile>
#include <QMap>
#include <QRandomGenerator>
#include <QTest>

using namespace dnt;
using namespace dnt::test;

namespace
{

struct Run {
    CollectSink sink;
    ReadStatus status = ReadStatus::Failed;
    QString error;
};

void runBytes(const QByteArray &bytes, Run *run, const ReaderOptions &options = {})
{
    auto stream = InputStream::fromBytes(bytes);
    auto reader = createReader(QStringLiteral("dnstap"), options);
    QVERIFY(reader);
    run->status = reader->read(*stream, run->sink, &run->error);
}

QByteArray readData(const char *name)
{
    QFile f(QStringLiteral(DNT_TEST_DATA "/capture/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// --- protobuf and Frame Streams encoders for crafted input ---
void varint(QByteArray *b, uint64_t v)
{
    while (v >= 0x80) {
        b->append(char((v & 0x7f) | 0x80));
        v >>= 7;
    }
    b->append(char(v));
}
void pbVarint(QByteArray *b, uint32_t field, uint64_t v)
{
    varint(b, (uint64_t(field) << 3) | 0);
    varint(b, v);
}
void pbBytes(QByteArray *b, uint32_t field, const QByteArray &v)
{
    varint(b, (uint64_t(field) << 3) | 2);
    varint(b, uint64_t(v.size()));
    b->append(v);
}
void pbFixed32(QByteArray *b, uint32_t field, uint32_t v)
{
    varint(b, (uint64_t(field) << 3) | 5);
    putLe32(b, v);
}

QByteArray dnstapMessage(int type, const QByteArray &queryAddress, const QByteArray &responseAddress, uint64_t sec,
                         uint32_t nsec, const QByteArray &wire)
{
    QByteArray m;
    pbVarint(&m, 1, uint64_t(type));
    pbVarint(&m, 2, queryAddress.size() == 4 ? 1 : 2);
    pbVarint(&m, 3, 1);
    pbBytes(&m, 4, queryAddress);
    if (!responseAddress.isEmpty())
        pbBytes(&m, 5, responseAddress);
    pbVarint(&m, 6, 40000);
    pbVarint(&m, 8, sec);
    pbFixed32(&m, 9, nsec);
    pbBytes(&m, 10, wire);
    QByteArray d;
    pbBytes(&d, 1, "test");
    pbBytes(&d, 14, m);
    pbVarint(&d, 15, 1);
    return d;
}

QByteArray controlFrame(uint32_t type, const QByteArray &contentType = {})
{
    QByteArray payload;
    put32(&payload, type);
    if (!contentType.isEmpty()) {
        put32(&payload, 1);
        put32(&payload, uint32_t(contentType.size()));
        payload.append(contentType);
    }
    QByteArray f;
    put32(&f, 0);
    put32(&f, uint32_t(payload.size()));
    return f + payload;
}

QByteArray dataFrame(const QByteArray &payload)
{
    QByteArray f;
    put32(&f, uint32_t(payload.size()));
    return f + payload;
}

QByteArray fstrm(const QList<QByteArray> &frames, const QByteArray &contentType = "protobuf:dnstap.Dnstap")
{
    QByteArray out = controlFrame(2, contentType);
    for (const QByteArray &f : frames)
        out += dataFrame(f);
    return out + controlFrame(3);
}

uint16_t typeNumber(const QString &t)
{
    static const QMap<QString, uint16_t> types{{"A", 1}, {"NS", 2}, {"SOA", 6}, {"MX", 15}, {"AAAA", 28}};
    return types.value(t, 0);
}

} // namespace

class TstDnstapReader : public QObject
{
    Q_OBJECT
private slots:
    void detection()
    {
        QCOMPARE(detectFormat(readData("dnstap.fstrm").left(256)), QStringLiteral("dnstap"));
        QCOMPARE(detectFormat(controlFrame(2, "protobuf:dnstap.Dnstap")), QStringLiteral("dnstap"));
        QVERIFY(detectFormat(controlFrame(2, "protobuf:other.Thing")) != QLatin1String("dnstap"));
        QVERIFY(detectFormat(QByteArray(64, '\0')) != QLatin1String("dnstap"));
    }

    // BIND 9.18's own dnstap output of the queries make-fixtures.sh sent (22 client queries, 22
    // client responses): the same per-(client, name, type) counts as were sent and as the capture.
    void realBindOutput()
    {
        Run run;
        runBytes(readData("dnstap.fstrm"), &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QVERIFY2(run.sink.rejected.isEmpty(), qPrintable(run.sink.rejected.join('\n')));
        QCOMPARE(run.sink.records.size(), 22);
        QCOMPARE(run.sink.skipped.size(), 22);
        QMap<QString, int> sent;
        for (const QByteArray &line : readData("counts.txt").split('\n')) {
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const QList<QByteArray> f = line.split(' ');
            sent[QStringLiteral("%1 %2 %3").arg(QString(f[0]), QString(f[1]).toLower()).arg(typeNumber(QString(f[2])))] +=
                f[3].toInt();
        }
        QMap<QString, int> got;
        for (const QString &r : run.sink.records) {
            const QStringList f = r.split(QLatin1Char(' '));
            got[QStringLiteral("%1 %2 %3").arg(f[1], f[3], f[4])] += 1;
            QCOMPARE(f[2], f[1].contains(QLatin1Char(':')) ? QStringLiteral("::1") : QStringLiteral("127.0.0.53"));
        }
        QCOMPARE(got, sent);
        // Compressed the same.
        Run packed;
        runBytes(zstd(readData("dnstap.fstrm")), &packed);
        QCOMPARE(packed.sink.records, run.sink.records);
    }

    void crafted()
    {
        const QByteArray v6(16, '\x01');
        const QList<QByteArray> frames{
            dnstapMessage(5, ip4(192, 0, 2, 1), ip4(192, 0, 2, 53), 1700000000, 123456789, dnsQuery("A.Example", 1)),
            dnstapMessage(6, ip4(192, 0, 2, 1), ip4(192, 0, 2, 53), 1700000000, 0, dnsQuery("a.example", 1, 1, true)),
            dnstapMessage(3, ip4(192, 0, 2, 53), ip4(198, 51, 100, 1), 1700000001, 5000, dnsQuery("b.example", 28)),
            dnstapMessage(5, v6, {}, 1700000002, 999999999, dnsQuery("c.example", 15)),
        };
        Run run;
        runBytes(fstrm(frames), &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QCOMPARE(run.sink.records,
                 (QStringList{"1700000000123456 192.0.2.1 192.0.2.53 a.example 1 0 @1",
                              "1700000002999999 101:101:101:101:101:101:101:101 - c.example 15 0 @4"}));
        QCOMPARE(run.sink.skipped.size(), 2);
        ReaderOptions resolver;
        resolver.resolverQueries = true;
        Run withResolver;
        runBytes(fstrm(frames), &withResolver, resolver);
        QCOMPARE(withResolver.sink.records.size(), 3);
        QCOMPARE(withResolver.sink.records.at(1), QStringLiteral("1700000001000005 192.0.2.53 198.51.100.1 b.example 28 0 @3"));
    }

    void badMessages()
    {
        QByteArray loop;
        put16(&loop, 1);
        put16(&loop, 0x0100);
        put16(&loop, 1);
        loop.append(QByteArray(6, '\0'));
        put16(&loop, 0xC00C);
        put16(&loop, 1);
        put16(&loop, 1);
        QByteArray cutProto = dnstapMessage(5, ip4(1, 2, 3, 4), {}, 1, 0, dnsQuery("x.example", 1));
        cutProto.chop(3);
        const QList<QByteArray> frames{
            dnstapMessage(5, ip4(1, 2, 3, 4), {}, 1, 0, loop),
            cutProto,
            dnstapMessage(5, QByteArray(5, '\x01'), {}, 1, 0, dnsQuery("x.example", 1)),
            QByteArray("\x0f\xff", 2), // wire type 7
            dnstapMessage(5, ip4(1, 2, 3, 4), {}, 1, 0, dnsQuery("ok.example", 1)),
        };
        Run run;
        runBytes(fstrm(frames), &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QCOMPARE(run.sink.records, QStringList{"1000000 1.2.3.4 - ok.example 1 0 @5"});
        QCOMPARE(run.sink.rejected, (QStringList{"1: compression pointer loop",
                                                 "2: protobuf length-delimited field runs past the end",
                                                 "3: dnstap query without a valid query_address",
                                                 "4: unsupported protobuf wire type (groups are not used by dnstap)"}));
    }

    void mutatedFilesNeverCrash()
    {
        const QByteArray file = readData("dnstap.fstrm");
        QRandomGenerator random(7);
        int ended = 0;
        for (int round = 0; round < 400; ++round) {
            QByteArray bad = file;
            const int flips = 1 + int(random.bounded(8));
            for (int i = 0; i < flips; ++i)
                bad[int(random.bounded(bad.size()))] = char(random.bounded(256));
            Run run;
            runBytes(bad, &run);
            ended += run.status != ReadStatus::Stopped ? 1 : 0;
        }
        QCOMPARE(ended, 400);
    }

    void badFiles()
    {
        const QByteArray good = fstrm({dnstapMessage(5, ip4(1, 2, 3, 4), {}, 1, 0, dnsQuery("a.example", 1)),
                                       dnstapMessage(5, ip4(1, 2, 3, 4), {}, 2, 0, dnsQuery("b.example", 1))});
        {
            Run run; // cut inside the second data frame (STOP frame is 12 bytes)
            runBytes(good.left(good.size() - 12 - 5), &run);
            QCOMPARE(run.status, ReadStatus::Failed);
            QVERIFY2(run.error.startsWith(QStringLiteral("data frame 2: truncated")), qPrintable(run.error));
            QCOMPARE(run.sink.records.size(), 1);
        }
        {
            Run run;
            runBytes(fstrm({}, "protobuf:other.Thing"), &run);
            QCOMPARE(run.status, ReadStatus::Failed);
            QVERIFY2(run.error.contains(QStringLiteral("content type is \"protobuf:other.Thing\"")), qPrintable(run.error));
        }
        {
            Run run; // a data frame with no START
            runBytes(dataFrame("abc"), &run);
            QCOMPARE(run.status, ReadStatus::Failed);
            QVERIFY2(run.error.contains(QStringLiteral("before the Frame Streams START")), qPrintable(run.error));
        }
        {
            Run run; // a text log given as dnstap
            runBytes("Nov 28 10:00:01 dnsmasq[1]: query[A] a.example from 10.0.0.1\n", &run);
            QCOMPARE(run.status, ReadStatus::Failed);
        }
        {
            Run run; // huge frame length
            QByteArray huge = controlFrame(2, "protobuf:dnstap.Dnstap");
            put32(&huge, 0x7fffffff);
            runBytes(huge, &run);
            QCOMPARE(run.status, ReadStatus::Failed);
            QVERIFY2(run.error.startsWith(QStringLiteral("data frame 1: length 2147483647 exceeds")), qPrintable(run.error));
        }
        {
            Run run; // truncated gzip
            const QByteArray packed = gzip(readData("dnstap.fstrm"));
            runBytes(packed.left(packed.size() / 2), &run);
            QCOMPARE(run.status, ReadStatus::Failed);
        }
        {
            Run run;
            runBytes(QByteArray(), &run);
            QCOMPARE(run.status, ReadStatus::Finished);
            QVERIFY(run.sink.records.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TstDnstapReader)
#include "tst_dnstapreader.moc"
