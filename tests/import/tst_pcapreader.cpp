#include "dnswiretestsupport.h"
#include "importtestsupport.h"
#include "reader.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
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

void runStream(InputStream &stream, Run *run, const ReaderOptions &options = {}, const QString &format = "pcap")
{
    auto reader = createReader(format, options);
    QVERIFY(reader);
    run->status = reader->read(stream, run->sink, &run->error);
}

void runBytes(const QByteArray &bytes, Run *run, const ReaderOptions &options = {})
{
    auto stream = InputStream::fromBytes(bytes);
    runStream(*stream, run, options);
}

QString dataPath(const char *name)
{
    return QStringLiteral(DNT_TEST_DATA "/capture/") + QLatin1String(name);
}

QByteArray readData(const char *name)
{
    QFile f(dataPath(name));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

uint16_t typeNumber(const QString &t)
{
    static const QMap<QString, uint16_t> types{{"A", 1}, {"NS", 2}, {"SOA", 6}, {"MX", 15}, {"AAAA", 28}};
    return types.value(t, 0);
}

// counts.txt: "client name type count" -> "client name qtype" => count, names normalised.
QMap<QString, int> sentCounts()
{
    QMap<QString, int> counts;
    for (const QByteArray &line : readData("counts.txt").split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> f = line.split(' ');
        counts[QStringLiteral("%1 %2 %3").arg(QString(f[0]), QString(f[1]).toLower()).arg(typeNumber(QString(f[2])))] +=
            f[3].toInt();
    }
    return counts;
}

// Record text is "timeUs client server name qtype rcode @line".
QMap<QString, int> readCounts(const QStringList &records)
{
    QMap<QString, int> counts;
    for (const QString &r : records) {
        const QStringList f = r.split(QLatin1Char(' '));
        counts[QStringLiteral("%1 %2 %3").arg(f[1], f[3], f[4])] += 1;
    }
    return counts;
}

const QByteArray kClient = ip4(10, 0, 0, 1);
const QByteArray kServer = ip4(10, 0, 0, 53);

QByteArray udpQuery(const QByteArray &name, uint16_t sport = 40000, uint16_t dport = 53)
{
    return ipv4(kClient, kServer, 17, udp(sport, dport, dnsQuery(name, 1)));
}

QByteArray tcpSegment(uint32_t seq, uint8_t flags, const QByteArray &payload, bool fromServer = false)
{
    if (fromServer)
        return ipv4(kServer, kClient, 6, tcp(53, 40001, seq, flags, payload));
    return ipv4(kClient, kServer, 6, tcp(40001, 53, seq, flags, payload));
}

} // namespace

class TstPcapReader : public QObject
{
    Q_OBJECT
private slots:
    void detection()
    {
        QCOMPARE(detectFormat(readData("capture.pcap").left(64)), QStringLiteral("pcap"));
        QCOMPARE(detectFormat(readData("capture.pcapng").left(64)), QStringLiteral("pcap"));
        QCOMPARE(detectFormat(QByteArray("\x4d\x3c\xb2\xa1", 4) + QByteArray(20, '\0')), QStringLiteral("pcap"));
        QVERIFY(detectFormat("28-Nov-2026 10:10:02.053 client @0x1 1.2.3.4#5 (a): query: a IN A +\n") != QLatin1String("pcap"));
    }

    void realCaptureCounts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("pcap") << "capture.pcap";
        QTest::newRow("pcapng") << "capture.pcapng";
    }
    void realCaptureCounts()
    {
        QFETCH(QString, file);
        QString error;
        auto stream = InputStream::openFile(dataPath(file.toLatin1().constData()), &error);
        QVERIFY2(stream, qPrintable(error));
        Run run;
        runStream(*stream, &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QVERIFY2(run.sink.rejected.isEmpty(), qPrintable(run.sink.rejected.join('\n')));
        QCOMPARE(run.sink.records.size(), 22);
        QCOMPARE(readCounts(run.sink.records), sentCounts());
        QCOMPARE(run.sink.skipped.size(), 22); // the responses
        // First packet, exactly (tshark: frame 1, 1795873632.460906, 127.0.0.11 www.example.test).
        QVERIFY(run.sink.records.first().startsWith(QStringLiteral("1795873632460906 127.0.0.11 127.0.0.53 www.example.test 1 0 @1")));
        // The keep-open TCP connection of 127.0.0.14 carried four queries.
        QCOMPARE(run.sink.records.filter(QStringLiteral(" 127.0.0.14 ")).size(), 4);
    }

    void sameAsTshark_data() { realCaptureCounts_data(); }
    void sameAsTshark()
    {
        QFETCH(QString, file);
        const QString path = dataPath(file.toLatin1().constData());
        QProcess tshark;
        tshark.start(QStringLiteral("tshark"),
                     {"-r", path, "-Y", "dns.flags.response == 0", "-T", "fields", "-e", "frame.number", "-e",
                      "frame.time_epoch", "-e", "ip.src", "-e", "ipv6.src", "-e", "dns.qry.name"});
        QVERIFY2(tshark.waitForStarted(), "tshark is needed for this test (Debian package tshark)");
        QVERIFY(tshark.waitForFinished(60000));
        QStringList expected;
        for (const QByteArray &line : tshark.readAllStandardOutput().split('\n')) {
            if (line.isEmpty())
                continue;
            const QList<QByteArray> f = line.split('\t');
            QCOMPARE(f.size(), 5);
            // frame.time_epoch has nanosecond digits: take seconds and the first six decimals.
            const QList<QByteArray> t = f[1].split('.');
            const qint64 us = t[0].toLongLong() * 1000000 + t[1].left(6).toLongLong();
            expected.append(QStringLiteral("%1 %2 %3 @%4").arg(us).arg(QString(f[2].isEmpty() ? f[3] : f[2]),
                                                                     QString(f[4]).toLower(), QString(f[0])));
        }
        auto stream = InputStream::openFile(path, nullptr);
        QVERIFY(stream);
        Run run;
        runStream(*stream, &run);
        QStringList actual;
        for (const QString &r : run.sink.records) {
            const QStringList f = r.split(QLatin1Char(' '));
            actual.append(QStringLiteral("%1 %2 %3 %4").arg(f[0], f[1], f[3], f[6]));
        }
        QCOMPARE(actual, expected);
    }

    void compressedCapture()
    {
        const QByteArray pcap = readData("capture.pcap");
        for (const QByteArray &packed : {gzip(pcap), zstd(pcap)}) {
            Run run;
            runBytes(packed, &run);
            QCOMPARE(run.status, ReadStatus::Finished);
            QCOMPARE(run.sink.records.size(), 22);
        }
        Run cut;
        const QByteArray packed = gzip(pcap);
        runBytes(packed.left(packed.size() / 2), &cut);
        QCOMPARE(cut.status, ReadStatus::Failed);
        QVERIFY2(cut.error.startsWith(QStringLiteral("packet ")), qPrintable(cut.error));
        QVERIFY(cut.sink.records.size() < 22);
    }

    void linkTypes()
    {
        const QByteArray ip = udpQuery("a.example");
        const QByteArray eth = QByteArray(12, '\x02') + QByteArray("\x08\x00", 2);
        const QByteArray vlan = QByteArray(12, '\x02') + QByteArray("\x81\x00\x00\x05\x81\x00\x00\x06\x08\x00", 10);
        const QByteArray sll = QByteArray(14, '\0') + QByteArray("\x08\x00", 2);
        const QByteArray sll2 = QByteArray("\x08\x00", 2) + QByteArray(18, '\0');
        const QByteArray null = QByteArray("\x02\x00\x00\x00", 4);
        const QList<QPair<uint32_t, QByteArray>> cases{{1, eth + ip},  {1, vlan + ip}, {113, sll + ip},
                                                       {276, sll2 + ip}, {0, null + ip}, {101, ip},
                                                       {228, ip}};
        for (const auto &c : cases) {
            PcapBuilder b(c.first);
            b.add(c.second, 1700000000, 5);
            Run run;
            runBytes(b.data(), &run);
            QCOMPARE(run.status, ReadStatus::Finished);
            QCOMPARE(run.sink.records, QStringList{"1700000000000005 10.0.0.1 10.0.0.53 a.example 1 0 @1"});
        }
    }

    void nanosecondCapture()
    {
        PcapBuilder b(101);
        b.add(udpQuery("ns.example"), 1700000000, 123456789); // the sub-second field holds ns here
        QByteArray data = b.data();
        data.replace(0, 4, QByteArray("\x4d\x3c\xb2\xa1", 4)); // little-endian nanosecond magic
        Run run;
        runBytes(data, &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QCOMPARE(run.sink.records, QStringList{"1700000000123456 10.0.0.1 10.0.0.53 ns.example 1 0 @1"});
    }

    void ipv6WithExtensionsAndFragments()
    {
        QByteArray src(16, '\0'), dst(16, '\0');
        src[0] = char(0x20), src[1] = char(0x01), src[15] = char(1);
        dst[0] = char(0x20), dst[1] = char(0x01), dst[15] = char(0x53);
        auto ipv6 = [&](uint8_t next, const QByteArray &payload) {
            QByteArray p("\x60\x00\x00\x00", 4);
            put16(&p, uint16_t(payload.size()));
            p.append(char(next));
            p.append(char(64));
            return p + src + dst + payload;
        };
        const QByteArray u = udp(40000, 53, dnsQuery("six.example", 28));
        // hop-by-hop (8 bytes) -> UDP
        const QByteArray hop = QByteArray(1, char(17)) + QByteArray(7, '\0');
        // fragment header: first fragment (offset 0, M=1) and a later one (offset 8)
        QByteArray frag0(1, char(17));
        frag0.append('\0');
        put16(&frag0, 0x0001);
        put32(&frag0, 99);
        QByteArray frag1(1, char(17));
        frag1.append('\0');
        put16(&frag1, 0x0008);
        put32(&frag1, 99);
        PcapBuilder b(101);
        b.add(ipv6(17, u), 1, 0);
        b.add(ipv6(0, hop + u), 2, 0);
        b.add(ipv6(44, frag0 + u), 3, 0);
        b.add(ipv6(44, frag1 + QByteArray(16, 'x')), 4, 0);
        b.add(ipv6(44, frag0 + udp(40000, 53, QByteArray(6, '\0'))), 5, 0); // no DNS header in it
        // IPv4: first fragment (MF) counted, a later fragment skipped.
        b.add(ipv4(kClient, kServer, 17, udp(40000, 53, dnsQuery("four.example", 1)), 0x2000), 6, 0);
        b.add(ipv4(kClient, kServer, 17, QByteArray(20, 'y'), 0x0003), 7, 0);
        Run run;
        runBytes(b.data(), &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QCOMPARE(run.sink.records, (QStringList{"1000000 2001::1 2001::53 six.example 28 0 @1",
                                                "2000000 2001::1 2001::53 six.example 28 0 @2",
                                                "3000000 2001::1 2001::53 six.example 28 0 @3",
                                                "6000000 10.0.0.1 10.0.0.53 four.example 1 0 @6"}));
        QCOMPARE(run.sink.skipped, (QStringList{"4: non-first IP fragment",
                                                "5: first IP fragment without the DNS header",
                                                "7: non-first IP fragment"}));
        QVERIFY(run.sink.rejected.isEmpty());
    }

    void tcpReassembly()
    {
        const QByteArray m1 = prefixed(dnsQuery("one.example", 1));
        const QByteArray m2 = prefixed(dnsQuery("two.example", 28));
        const QByteArray m3 = prefixed(dnsQuery("three.example", 15));
        PcapBuilder b(101);
        uint32_t seq = 1000;
        b.add(tcpSegment(seq, Syn, {}), 10, 0);                                 // 1
        ++seq;
        b.add(tcpSegment(seq, Psh | Ack, m1 + m2), 11, 0);                      // 2: two messages
        seq += uint32_t((m1 + m2).size());
        b.add(tcpSegment(seq, Ack, m3.left(5)), 12, 0);                         // 3: split message
        b.add(tcpSegment(seq, Ack, m3.left(5)), 12, 1);                         // 4: retransmission
        seq += 5;
        b.add(tcpSegment(seq, Psh | Ack, m3.mid(5)), 13, 0);                    // 5: rest
        seq += uint32_t(m3.size() - 5);
        b.add(tcpSegment(7000, Psh | Ack, prefixed(dnsQuery("one.example", 1, 1, true)), true), 14, 0); // 6
        b.add(tcpSegment(seq, Fin | Ack, {}), 15, 0);                           // 7
        Run run;
        runBytes(b.data(), &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QCOMPARE(run.sink.records, (QStringList{"11000000 10.0.0.1 10.0.0.53 one.example 1 0 @2",
                                                "11000000 10.0.0.1 10.0.0.53 two.example 28 0 @2",
                                                "13000000 10.0.0.1 10.0.0.53 three.example 15 0 @5"}));
        QVERIFY(run.sink.rejected.isEmpty());
        QCOMPARE(run.sink.skipped, QStringList{"6: DNS response"});
    }

    void tcpBadStreams()
    {
        const QByteArray m1 = prefixed(dnsQuery("one.example", 1));
        PcapBuilder b(101);
        b.add(tcpSegment(100, Syn, {}), 1, 0);                                  // 1
        b.add(tcpSegment(101, Psh, m1.left(6)), 2, 0);                          // 2
        b.add(tcpSegment(200, Psh, m1), 3, 0);                                  // 3: gap -> rejection, resync
        // A message without the length prefix: its ID 0x1234 reads as a 4660-byte length and the
        // stream ends before that many bytes arrive.
        b.add(ipv4(ip4(10, 0, 0, 2), kServer, 6, tcp(40002, 53, 500, Psh, dnsQuery("raw.example", 1))), 4, 0);
        b.add(ipv4(ip4(10, 0, 0, 2), kServer, 6, tcp(40002, 53, 529, Fin, {})), 5, 0);
        // A length prefix shorter than a header.
        b.add(ipv4(ip4(10, 0, 0, 3), kServer, 6, tcp(40003, 53, 1, Psh, QByteArray("\x00\x05hello", 7))), 6, 0);
        Run run;
        runBytes(b.data(), &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QCOMPARE(run.sink.records, QStringList{"3000000 10.0.0.1 10.0.0.53 one.example 1 0 @3"});
        QCOMPARE(run.sink.rejectedLines(), (QList<int64_t>{3, 5, 6}));
        QVERIFY(run.sink.rejected.at(0).contains(QStringLiteral("out of order or missing")));
        QVERIFY(run.sink.rejected.at(1).contains(QStringLiteral("missing length prefix")));
        QVERIFY(run.sink.rejected.at(2).contains(QStringLiteral("length prefix 5 is shorter than a DNS header")));
    }

    void ports()
    {
        PcapBuilder b(101);
        b.add(ipv4(kClient, ip4(224, 0, 0, 251), 17, udp(5353, 5353, dnsQuery("printer.local", 12))), 1, 0);
        b.add(udpQuery("dns.example"), 2, 0);
        b.add(udpQuery("other.example", 40000, 8053), 3, 0);
        Run plain;
        runBytes(b.data(), &plain);
        QCOMPARE(plain.sink.records, QStringList{"2000000 10.0.0.1 10.0.0.53 dns.example 1 0 @2"});
        ReaderOptions mdns;
        mdns.ports = {5353};
        Run run;
        runBytes(b.data(), &run, mdns);
        QCOMPARE(run.sink.records, QStringList{"1000000 10.0.0.1 224.0.0.251 printer.local 12 0 @1"});
    }

    void badMessagesInPackets()
    {
        QByteArray loop;
        put16(&loop, 1);
        put16(&loop, 0x0100);
        put16(&loop, 1);
        loop.append(QByteArray(6, '\0'));
        put16(&loop, 0xC00C);
        put16(&loop, 1);
        put16(&loop, 1);
        PcapBuilder b(101);
        b.add(ipv4(kClient, kServer, 17, udp(40000, 53, loop)), 1, 0);
        b.add(ipv4(kClient, kServer, 17, udp(40000, 53, QByteArray("short"))), 2, 0);
        b.add(udpQuery("fine.example"), 3, 0);
        Run run;
        runBytes(b.data(), &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QCOMPARE(run.sink.records.size(), 1);
        QCOMPARE(run.sink.rejected, (QStringList{"1: compression pointer loop",
                                                 "2: truncated DNS message (shorter than the 12-byte header)"}));
    }

    void badFiles()
    {
        PcapBuilder b(101);
        b.add(udpQuery("a.example"), 1, 0);
        b.add(udpQuery("b.example"), 2, 0);
        const QByteArray good = b.data();
        {
            Run run; // last record cut short
            runBytes(good.left(good.size() - 4), &run);
            QCOMPARE(run.status, ReadStatus::Failed);
            QVERIFY2(run.error.startsWith(QStringLiteral("packet 2: ")) && run.error.contains("truncated"),
                     qPrintable(run.error));
            QCOMPARE(run.sink.records.size(), 1);
        }
        {
            Run run; // header of the second record cut short
            runBytes(good.left(24 + 16 + udpQuery("a.example").size() + 7), &run);
            QCOMPARE(run.status, ReadStatus::Failed);
            QVERIFY2(run.error.startsWith(QStringLiteral("packet 2: ")), qPrintable(run.error));
        }
        {
            PcapBuilder big(101, 100);
            big.add(udpQuery("a.example"), 1, 0, 5000000); // caplen far larger than snaplen and file
            Run run;
            runBytes(big.data(), &run);
            QCOMPARE(run.status, ReadStatus::Failed);
            QVERIFY2(run.error.startsWith(QStringLiteral("packet 1: ")), qPrintable(run.error));
        }
        {
            PcapBuilder usb(189); // USB Linux
            usb.add(QByteArray(40, '\0'), 1, 0);
            Run run;
            runBytes(usb.data(), &run);
            QCOMPARE(run.status, ReadStatus::Failed);
            QVERIFY2(run.error.startsWith(QStringLiteral("unsupported link type 189")), qPrintable(run.error));
        }
        {
            Run run; // a text log handed over as pcap
            runBytes("28-Nov-2026 10:10:02.053 client 1.2.3.4#5 (a.example): query: a.example IN A +\n", &run);
            QCOMPARE(run.status, ReadStatus::Failed);
            QVERIFY2(run.error.startsWith(QStringLiteral("not a readable pcap or pcapng file")), qPrintable(run.error));
        }
        {
            Run run;
            runBytes(QByteArray(), &run);
            QCOMPARE(run.status, ReadStatus::Failed);
        }
        {
            // A capture handed to a text reader: nothing is taken as a lookup.
            auto stream = InputStream::fromBytes(readData("capture.pcap"));
            Run run;
            runStream(*stream, &run, {}, QStringLiteral("zeek"));
            QVERIFY(run.sink.records.isEmpty());
        }
    }

    void mutatedCapturesNeverCrash()
    {
        // Random corruption anywhere after the file header: every run must end (finished or failed),
        // whatever libpcap and the decoders make of it.
        const QByteArray pcap = readData("capture.pcap");
        QRandomGenerator random(42);
        int ended = 0;
        for (int round = 0; round < 400; ++round) {
            QByteArray bad = pcap;
            const int flips = 1 + int(random.bounded(8));
            for (int i = 0; i < flips; ++i)
                bad[24 + int(random.bounded(bad.size() - 24))] = char(random.bounded(256));
            Run run;
            runBytes(bad, &run);
            ended += run.status != ReadStatus::Stopped ? 1 : 0;
        }
        QCOMPARE(ended, 400);
    }

    void stopsWhenAsked()
    {
        auto stream = InputStream::openFile(dataPath("capture.pcap"), nullptr);
        Run run;
        run.sink.stopAfter = 3;
        runStream(*stream, &run);
        QCOMPARE(run.status, ReadStatus::Stopped);
        QCOMPARE(run.sink.records.size(), 3);
    }

    void syntheticCaptureMatchesTshark()
    {
        // The capture tests/bench/bench_pcap times (shared builder): our reader and tshark must find
        // the same queries in it, per client and name. The timing itself belongs to the benchmark.
        const int n = 3000;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("synthetic.pcap"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(syntheticCapture(n));
        }
        auto stream = InputStream::openFile(path, nullptr);
        Run run;
        runStream(*stream, &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QCOMPARE(run.sink.records.size(), n);
        QMap<QString, int> ours, theirs;
        for (const QString &r : run.sink.records) {
            const QStringList f = r.split(QLatin1Char(' '));
            ++ours[f[1] + ' ' + f[3]];
        }
        QProcess tshark;
        tshark.start(QStringLiteral("tshark"), {"-r", path, "-Y", "dns.flags.response == 0", "-T", "fields", "-e",
                                                "ip.src", "-e", "dns.qry.name"});
        QVERIFY2(tshark.waitForStarted(), "tshark is needed for this test (Debian package tshark)");
        QVERIFY(tshark.waitForFinished(120000));
        for (const QByteArray &line : tshark.readAllStandardOutput().split('\n'))
            if (!line.isEmpty())
                ++theirs[QString::fromLatin1(line).replace('\t', ' ')];
        QCOMPARE(theirs.size(), ours.size());
        QCOMPARE(theirs, ours);
    }
};

QTEST_GUILESS_MAIN(TstPcapReader)
#include "tst_pcapreader.moc"
