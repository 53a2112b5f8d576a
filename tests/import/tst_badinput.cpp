// The issue's bad-input list, run against every line-based reader with the same inputs: a line of
// 50 MB, a query name that is not UTF-8, truncated gzip and zstd, binary garbage, a capture given
// as text and text given to the pcap reader; and for the JSON readers deep nesting, huge numbers
// and duplicate keys. Each ends in a counted rejection or a failed read with a position, never a
// crash or a record made up from the damage. (Format-specific cases live in each reader's test.)
#include "importtestsupport.h"
#include "reader.h"

#include <QFile>
#include <QTest>

using namespace dnt;
using namespace dnt::test;

namespace
{

struct Format {
    const char *name;
    QByteArray header;
    QByteArray line; // one good lookup; NAME stands for the query name
    bool json = false;
    bool wireName = false; // Windows writes names as (3)www(7)example(3)com(0)
};

const Format kFormats[] = {
    {"zeek", "#separator \\x09\n#fields\tts\tid.orig_h\tquery\n", "1469646000.5\t10.0.0.1\tNAME"},
    {"zeek-json", {}, R"({"ts":1469646000.5,"id.orig_h":"10.0.0.1","query":"NAME"})", true},
    {"bind", {}, "28-Nov-2026 10:10:02.053 client @0x7f1d55e6b098 10.0.0.1#53211 (NAME): query: NAME IN A +E(0)K (10.0.0.53)"},
    {"dnsmasq", {}, "Nov 28 10:10:02 dnsmasq[1234]: query[A] NAME from 10.0.0.1"},
    {"unbound", {}, "[1795860602] unbound[1:0] info: 10.0.0.1 NAME. A IN"},
    {"suricata", {},
     R"({"timestamp":"2016-07-27T19:00:00.123456+0100","event_type":"dns","src_ip":"10.0.0.1","dest_ip":"10.0.0.53","dns":{"type":"query","rrname":"NAME","rrtype":"A"}})",
     true},
    {"route53", {}, R"({"query_timestamp":"2021-02-04T17:51:55Z","srcaddr":"10.0.0.1","query_name":"NAME.","query_type":"A"})",
     true},
    {"coredns", {}, "2024-03-04T10:00:01.123Z [INFO] 10.0.0.1:52591 - 33222 \"A IN NAME. udp 41 false 4096\" NOERROR qr,rd 41 0.000154s"},
    {"windows-dns", {},
     "6/5/2013 10:00:32 AM 0E70 PACKET  00000000033397A0 UDP Rcv 10.0.0.1        4c4a   Q [0001   D   NOERROR] A      NAME",
     false, true},
    {"csv", "ts,src,query,qtype\n", "1469646000,10.0.0.1,NAME,A"},
};

QByteArray lineWith(const Format &f, const QByteArray &name)
{
    QByteArray n = name;
    if (f.wireName) {
        n.clear();
        for (const QByteArray &label : name.split('.'))
            n += "(" + QByteArray::number(label.size()) + ")" + label;
        n += "(0)";
    }
    QByteArray line = f.line;
    return line.replace("NAME", n) + "\n";
}

ReaderOptions optionsFor(const Format &f)
{
    ReaderOptions o;
    o.year = 2026;
    if (QByteArray(f.name) == "csv")
        o.csvColumns = QStringLiteral("time=ts,client=src,name=query,type=qtype");
    return o;
}

struct Run {
    CollectSink sink;
    ReadStatus status = ReadStatus::Failed;
    QString error;
};

void read(const Format &f, InputStream &stream, Run *run, const QString &format = {})
{
    auto reader = createReader(format.isEmpty() ? QString::fromLatin1(f.name) : format, optionsFor(f));
    QVERIFY(reader);
    run->status = reader->read(stream, run->sink, &run->error);
}

void readBytes(const Format &f, const QByteArray &bytes, Run *run, const QString &format = {})
{
    auto stream = InputStream::fromBytes(bytes);
    read(f, *stream, run, format);
}

} // namespace

class TstBadInput : public QObject
{
    Q_OBJECT

private slots:
    void formats_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(std::size(kFormats)); ++i)
            QTest::newRow(kFormats[i].name) << i;
    }

    void goodLinesCount_data() { formats_data(); }
    void goodLinesCount()
    {
        QFETCH(int, index);
        const Format &f = kFormats[index];
        Run run;
        readBytes(f, f.header + lineWith(f, "a.example.com") + lineWith(f, "B.Example.com") + lineWith(f, "c.example.com"),
                  &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QVERIFY2(run.sink.rejected.isEmpty(), qPrintable(run.sink.rejected.join('\n')));
        QCOMPARE(run.sink.records.size(), 3);
        QVERIFY(run.sink.records[1].contains(QLatin1String(" b.example.com ")));
    }

    void fiftyMegabyteLine_data() { formats_data(); }
    void fiftyMegabyteLine()
    {
        QFETCH(int, index);
        const Format &f = kFormats[index];
        // 800 x 64 KiB without a newline between a good line before and after: one rejection by
        // length at line 2 (3 with a header), the lines around it still read.
        const int headerLines = int(f.header.count('\n'));
        SyntheticStream stream(f.header + lineWith(f, "before.example"), QByteArray(1 << 16, 'x'), 800,
                               "\n" + lineWith(f, "after.example"));
        Run run;
        read(f, stream, &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QCOMPARE(run.sink.records.size(), 2);
        QCOMPARE(run.sink.rejected.size(), 1);
        QVERIFY2(run.sink.rejected[0].startsWith(QStringLiteral("%1: line longer than").arg(headerLines + 2)),
                 qPrintable(run.sink.rejected[0]));
    }

    void invalidUtf8Name_data() { formats_data(); }
    void invalidUtf8Name()
    {
        QFETCH(int, index);
        const Format &f = kFormats[index];
        Run run;
        readBytes(f, f.header + lineWith(f, "ok.example") + lineWith(f, "b\xff\xfe.example") + lineWith(f, "ok2.example"),
                  &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QCOMPARE(run.sink.records.size(), 2);
        QCOMPARE(run.sink.rejected.size(), 1);
        QVERIFY2(run.sink.rejected[0].contains(QLatin1String("UTF-8")), qPrintable(run.sink.rejected[0]));
    }

    void truncatedCompression_data() { formats_data(); }
    void truncatedCompression()
    {
        QFETCH(int, index);
        const Format &f = kFormats[index];
        QByteArray log = f.header;
        for (int i = 0; i < 3000; ++i)
            log += lineWith(f, "host" + QByteArray::number(i) + ".example");
        for (const QByteArray &packed : {gzip(log), zstd(log)}) {
            Run whole;
            readBytes(f, packed, &whole);
            QCOMPARE(whole.status, ReadStatus::Finished);
            QCOMPARE(whole.sink.records.size(), 3000);
            Run cut;
            readBytes(f, packed.left(packed.size() * 2 / 3), &cut);
            QCOMPARE(cut.status, ReadStatus::Failed);
            QVERIFY2(cut.error.startsWith(QLatin1String("after line ")), qPrintable(cut.error));
            QVERIFY(cut.error.contains(QLatin1String("truncated")));
        }
    }

    void binaryGarbage_data() { formats_data(); }
    void binaryGarbage()
    {
        QFETCH(int, index);
        const Format &f = kFormats[index];
        QByteArray garbage;
        quint32 x = 987654321;
        for (int i = 0; i < 300000; ++i) {
            x = x * 1103515245u + 12345u;
            garbage.append(char(x >> 24));
        }
        Run run;
        readBytes(f, garbage, &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QCOMPARE(run.sink.records.size(), 0);
        // A real capture handed to the text reader: nothing is taken from it either.
        QFile pcap(QStringLiteral(DNT_TEST_DATA "/capture/capture.pcap"));
        QVERIFY(pcap.open(QIODevice::ReadOnly));
        Run capture;
        readBytes(f, pcap.readAll(), &capture);
        QCOMPARE(capture.status, ReadStatus::Finished);
        QCOMPARE(capture.sink.records.size(), 0);
    }

    void textGivenAsPcap_data() { formats_data(); }
    void textGivenAsPcap()
    {
        QFETCH(int, index);
        const Format &f = kFormats[index];
        Run run;
        readBytes(f, f.header + lineWith(f, "a.example.com"), &run, QStringLiteral("pcap"));
        QCOMPARE(run.status, ReadStatus::Failed);
        QVERIFY(!run.error.isEmpty());
        QCOMPARE(run.sink.records.size(), 0);
    }

    void jsonStructure_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(std::size(kFormats)); ++i)
            if (kFormats[i].json)
                QTest::newRow(kFormats[i].name) << i;
    }
    void jsonStructure()
    {
        QFETCH(int, index);
        const Format &f = kFormats[index];
        const QByteArray good = lineWith(f, "a.example.com").chopped(1); // without the newline
        const auto withExtra = [&](const QByteArray &member) { return good.chopped(1) + "," + member + "}\n"; };
        QByteArray in;
        in += withExtra("\"deep\":" + QByteArray(5000, '[') + QByteArray(5000, ']'));   // 1: too deep
        in += withExtra("\"n\":1e999999999,\"m\":-123456789012345678901234567890.5e-99999"); // 2: fine
        in += withExtra("\"deep\":" + QByteArray(40, '{').replace("{", "{\"a\":") + "1" + QByteArray(40, '}')); // 3
        in += withExtra("\"n\":01");                                                       // 4: not JSON
        in += withExtra("\"n\":[1,2");                                                     // 5: truncated
        Run run;
        readBytes(f, in, &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QCOMPARE(run.sink.records.size(), 2);
        QVERIFY(run.sink.records[0].endsWith(QLatin1String("@2")));
        QVERIFY(run.sink.records[1].endsWith(QLatin1String("@3")));
        QCOMPARE(run.sink.rejectedLines(), (QList<int64_t>{1, 4, 5}));
        QVERIFY2(run.sink.rejected[0].contains(QLatin1String("nested too deeply")), qPrintable(run.sink.rejected[0]));

        // Duplicate keys: the last one wins, for the name as for any member.
        QByteArray dup = good;
        const QByteArray nameKey = QByteArray(f.name) == "zeek-json" ? "\"query\":" :
                                   QByteArray(f.name) == "route53"   ? "\"query_name\":" : "\"rrname\":";
        dup.replace(nameKey + "\"a.example.com", nameKey + "\"first.example\"," + nameKey + "\"second.example");
        Run d;
        readBytes(f, dup + "\n", &d);
        QCOMPARE(d.sink.records.size(), 1);
        QVERIFY2(d.sink.records[0].contains(QLatin1String(" second.example ")), qPrintable(d.sink.records[0]));
    }
};

QTEST_GUILESS_MAIN(TstBadInput)
#include "tst_badinput.moc"
