// Readers of the formats documented by their vendors: Suricata eve.json, Route 53 Resolver query
// logs, CoreDNS's log plugin and the Windows DNS Server debug log. Fixtures are in tests/data/docs.

#include "importtestsupport.h"
#include "reader.h"

#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace dnt;
using namespace dnt::test;

namespace
{

struct Run {
    CollectSink sink;
    ReadStatus status = ReadStatus::Failed;
    QString error;
    QString zone;
};

void runBytes(const QString &format, const QByteArray &bytes, Run *run, const ReaderOptions &options = {})
{
    auto reader = createReader(format, options);
    QVERIFY(reader);
    auto stream = InputStream::fromBytes(bytes);
    run->status = reader->read(*stream, run->sink, &run->error);
    run->zone = reader->assumedZone();
}

QByteArray fixture(const char *name)
{
    QFile f(QStringLiteral(DNT_TEST_DATA "/docs/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return f.readAll();
}

// "line: reason" expectations: same lines, and each reason contains the expected text.
void compareReasons(const QStringList &actual, const QStringList &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (int i = 0; i < expected.size(); ++i) {
        QCOMPARE(actual.at(i).section(QLatin1Char(':'), 0, 0),
                 expected.at(i).section(QLatin1Char(':'), 0, 0));
        const QString want = expected.at(i).section(QLatin1Char(':'), 1).trimmed();
        QVERIFY2(actual.at(i).contains(want), qPrintable(actual.at(i) + QStringLiteral(" lacks ") + want));
    }
}

const char *kSuricataV1 =
    R"({"timestamp":"2016-07-27T19:00:00.123456+0100","event_type":"dns","src_ip":"192.168.1.6","dest_ip":"192.168.1.1","dns":{"type":"query","id":1,"rrname":"www.example.com","rrtype":"A","tx_id":0}})";

} // namespace

class TestDocFormats : public QObject
{
    Q_OBJECT

private slots:
    void detection_data();
    void detection();
    void otherFixturesNotClaimed();

    void suricataFixture();
    void suricataBadInput_data();
    void suricataBadInput();
    void suricataDuplicateKeysLastWins();
    void suricataHugeLineAndGarbage();

    void route53Fixture();
    void route53BadInput();

    void corednsFixture();
    void corednsZone();

    void windowsFixture();
    void windowsLocales_data();
    void windowsLocales();
    void windowsZone();
    void windowsNames();

    void unknownZoneFails();
};

void TestDocFormats::detection_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::newRow("suricata") << "suricata-eve.json"
                              << "suricata";
    QTest::newRow("route53") << "route53-resolver.json"
                             << "route53";
    QTest::newRow("coredns") << "coredns.log"
                             << "coredns";
    QTest::newRow("windows") << "windows-dns-debug.log"
                             << "windows-dns";
}

void TestDocFormats::detection()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QCOMPARE(detectFormat(fixture(qPrintable(file))), format);
    // Each fixture's own format is the only one of these four that claims it.
    QVERIFY(knownFormats().contains(format));
}

void TestDocFormats::otherFixturesNotClaimed()
{
    // The logs of the other formats in tests/data must not be taken for one of these.
    const QStringList mine = {"suricata", "route53", "coredns", "windows-dns", "pihole-db", "csv"};
    QDirIterator it(QStringLiteral(DNT_TEST_DATA), QDir::Files, QDirIterator::Subdirectories);
    int checked = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(QLatin1String("/docs/")) || path.endsWith(QLatin1String(".md")) ||
            path.endsWith(QLatin1String(".sh")) || path.endsWith(QLatin1String(".tsv")))
            continue;
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString format = detectFormat(f.read(64 * 1024));
        QVERIFY2(!mine.contains(format), qPrintable(path + QStringLiteral(" -> ") + format));
        ++checked;
    }
    QVERIFY(checked > 0);
}

void TestDocFormats::suricataFixture()
{
    Run run;
    runBytes(QStringLiteral("suricata"), fixture("suricata-eve.json"), &run);
    QCOMPARE(run.status, ReadStatus::Finished);
    QCOMPARE(run.sink.records,
             QStringList({"1469642400123456 192.168.1.6 192.168.1.1 www.suricata-ids.org 1 -1 @1",
                          "1551625200000001 10.16.1.11 10.16.1.1 ns.example.org 28 -1 @4",
                          "1730740507123456 10.16.1.11 10.16.1.1 www.suricata.io 1 -1 @6",
                          "1730740508500000 2001:db8::1 2001:db8::53 example.com 65 -1 @8",
                          "1730740508500000 2001:db8::1 2001:db8::53 example.net 65534 -1 @8"}));
    QCOMPARE(run.sink.rejected, QStringList());
    compareReasons(run.sink.skipped, {"2: answer", "3: event_type \"flow\" is not dns", "5: answer",
                                      "7: answer", "9: event_type \"stats\""});
    QCOMPARE(run.zone, QString()); // times carry their offsets
}

void TestDocFormats::suricataBadInput_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not json") << QByteArray("hello") << "invalid JSON";
    QTest::newRow("truncated") << QByteArray(kSuricataV1).left(80) << "invalid JSON";
    QTest::newRow("no event_type") << QByteArray(R"({"timestamp":"2016-07-27T19:00:00Z"})")
                                   << "no event_type";
    QTest::newRow("dns not object")
        << QByteArray(R"({"timestamp":"2016-07-27T19:00:00Z","event_type":"dns","src_ip":"1.2.3.4","dns":5})")
        << "without a \"dns\" object";
    QTest::newRow("no offset")
        << QByteArray(
               R"({"timestamp":"2016-07-27T19:00:00","event_type":"dns","src_ip":"1.2.3.4","dns":{"type":"query","rrname":"a.b"}})")
        << "bad timestamp";
    QTest::newRow("huge timestamp number")
        << QByteArray(
               R"({"timestamp":123456789012345678901234567890,"event_type":"dns","src_ip":"1.2.3.4","dns":{"type":"query","rrname":"a.b"}})")
        << "bad timestamp";
    QTest::newRow("bad type")
        << QByteArray(
               R"({"timestamp":"2016-07-27T19:00:00Z","event_type":"dns","src_ip":"1.2.3.4","dns":{"type":"weird","rrname":"a.b"}})")
        << "bad dns.type";
    QTest::newRow("bad client")
        << QByteArray(
               R"({"timestamp":"2016-07-27T19:00:00Z","event_type":"dns","src_ip":"<script>","dns":{"type":"query","rrname":"a.b"}})")
        << "bad src_ip";
    QTest::newRow("invalid utf-8 name")
        << QByteArray("{\"timestamp\":\"2016-07-27T19:00:00Z\",\"event_type\":\"dns\",\"src_ip\":\"1.2.3.4\","
                      "\"dns\":{\"type\":\"query\",\"rrname\":\"a\xff\xfe.b\"}}")
        << "bad dns.rrname";
    QTest::newRow("queries not array")
        << QByteArray(
               R"({"timestamp":"2016-07-27T19:00:00Z","event_type":"dns","src_ip":"1.2.3.4","dns":{"version":3,"type":"request","queries":{}}})")
        << "not an array";
    QTest::newRow("query without rrname")
        << QByteArray(
               R"({"timestamp":"2016-07-27T19:00:00Z","event_type":"dns","src_ip":"1.2.3.4","dns":{"version":3,"type":"request","queries":[{"rrtype":"A"}]}})")
        << "without rrname";
    QTest::newRow("deep nesting") << (QByteArray(R"({"timestamp":"2016-07-27T19:00:00Z","x":)") +
                                      QByteArray(100000, '[') + QByteArray(100000, ']') + "}")
                                  << "invalid JSON";
    QTest::newRow("deep nesting inside dns")
        << (QByteArray(R"({"event_type":"dns","dns":{"type":"request","queries":)") + QByteArray(70, '[') +
            QByteArray(70, ']') + "}}")
        << "invalid JSON";
}

void TestDocFormats::suricataBadInput()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, reason);
    Run run;
    runBytes(QStringLiteral("suricata"), "\n" + line + "\n" + kSuricataV1 + "\n", &run);
    QCOMPARE(run.status, ReadStatus::Finished);
    QCOMPARE(run.sink.records.size(), 1); // the good line after the bad one still counts
    QVERIFY(run.sink.records.first().endsWith(QLatin1String("@3")));
    compareReasons(run.sink.rejected, {QStringLiteral("2: ") + reason});
}

void TestDocFormats::suricataDuplicateKeysLastWins()
{
    Run run;
    runBytes(
        QStringLiteral("suricata"),
        R"({"timestamp":"2000-01-01T00:00:00Z","event_type":"alert","timestamp":"2016-07-27T19:00:00+0100","event_type":"dns","src_ip":"9.9.9.9","src_ip":"1.2.3.4","dns":{"type":"answer","type":"query","rrname":"x.org","rrname":"y.org","rrtype":"MX"}})",
        &run);
    QCOMPARE(run.sink.records, QStringList({"1469642400000000 1.2.3.4 - y.org 15 -1 @1"}));
}

void TestDocFormats::suricataHugeLineAndGarbage()
{
    // A 50 MB line without a newline, then a good line: rejected by length, never buffered whole.
    SyntheticStream big(R"({"event_type":"dns","x":")", QByteArray(1 << 16, 'a'), 800,
                        QByteArray("\"}\n") + kSuricataV1 + "\n");
    auto reader = createReader(QStringLiteral("suricata"));
    Run run;
    run.status = reader->read(big, run.sink, &run.error);
    QCOMPARE(run.status, ReadStatus::Finished);
    QCOMPARE(run.sink.records.size(), 1);
    compareReasons(run.sink.rejected, {"1: line longer than"});

    // Binary garbage: every non-blank line is rejected, nothing crashes, nothing is accepted.
    QByteArray garbage;
    quint32 x = 12345;
    for (int i = 0; i < 200000; ++i) {
        x = x * 1103515245u + 12345u;
        garbage.append(static_cast<char>(x >> 24));
    }
    Run g;
    runBytes(QStringLiteral("suricata"), garbage, &g);
    QCOMPARE(g.status, ReadStatus::Finished);
    QCOMPARE(g.sink.records.size(), 0);
    QVERIFY(g.sink.rejected.size() > 0);
    for (const char *format : {"route53", "coredns", "windows-dns", "csv"}) {
        Run other;
        runBytes(QString::fromLatin1(format), garbage, &other);
        QVERIFY2(other.status == ReadStatus::Finished, format);
        QVERIFY2(other.sink.records.isEmpty(), format);
    }
    QCOMPARE(detectFormat(garbage), QString());
}

void TestDocFormats::route53Fixture()
{
    Run run;
    runBytes(QStringLiteral("route53"), fixture("route53-resolver.json"), &run);
    QCOMPARE(run.status, ReadStatus::Finished);
    QCOMPARE(run.sink.records,
             QStringList({"1612461115000000 4.5.64.102 - 15.3.4.32.in-addr.arpa 12 0 @1",
                          "1612461121000000 10.0.1.23 - mail1.example.com 1 3 @2",
                          "1612461122000000 2600:1f18:aaaa::10 - www.example.com 28 2 @3"}));
    QCOMPARE(run.sink.rejected, QStringList());
    QCOMPARE(run.sink.skipped, QStringList());
}

void TestDocFormats::route53BadInput()
{
    const QByteArray good =
        R"({"query_timestamp":"2021-02-04T17:51:55Z","srcaddr":"10.0.0.1","query_name":"a.example.","query_type":"A","rcode":"NOERROR"})";
    QByteArray in;
    in += good + "\n";
    in += R"({"query_timestamp":"2021-02-04T17:51:55Z","srcaddr":"10.0.0.1"})"
          "\n"; // 2
    in += R"({"query_timestamp":"yesterday","srcaddr":"10.0.0.1","query_name":"a"})"
          "\n"; // 3
    in += R"({"query_timestamp":"2021-02-04T17:51:55Z","srcaddr":"10.0.0.1","query_name":"a\ud800"})"
          "\n"; // 4
    in += R"({"query_timestamp":"2021-02-04T17:51:55Z","srcaddr":12,"query_name":"a"})"
          "\n"; // 5
    in += R"({"query_timestamp":"2021-02-04T17:51:55Z","srcaddr":"10.0.0.1","query_name":"a",)"
          "\n"; // 6
    in +=
        R"({"query_timestamp":"2021-02-04T17:51:55Z","srcaddr":"10.0.0.1","query_name":"a","rcode":"WHAT","query_type":"TYPE99","n":1e999999999})"
        "\n"; // 7
    Run run;
    runBytes(QStringLiteral("route53"), in, &run);
    QCOMPARE(run.sink.records, QStringList({"1612461115000000 10.0.0.1 - a.example 1 0 @1",
                                            "1612461115000000 10.0.0.1 - a 99 -1 @7"}));
    compareReasons(run.sink.rejected, {"2: no query_name", "3: bad query_timestamp", "4: ", "5: bad srcaddr",
                                       "6: invalid JSON"});
}

void TestDocFormats::corednsFixture()
{
    Run run;
    runBytes(QStringLiteral("coredns"), fixture("coredns.log"), &run);
    QCOMPARE(run.status, ReadStatus::Finished);
    QCOMPARE(run.sink.records, QStringList({"1709546401123000 127.0.0.1 - example.org 1 0 @5",
                                            "1709546402000456 ::1 - example.org 28 0 @6",
                                            "1709546403000000 10.0.0.7 - nonexistent.example.org 15 3 @7",
                                            "1709546407000000 192.0.2.9 - example.org 16 5 @11"}));
    compareReasons(run.sink.rejected,
                   {"8: no time stamp", "9: client is not ADDRESS:PORT", "10: bad name \"a..b.\""});
    compareReasons(run.sink.skipped,
                   {"1: not a query", "2: not a query", "3: not a query", "4: not a query"});
    QCOMPARE(run.zone, QStringLiteral("UTC")); // line 11 had no zone
}

void TestDocFormats::corednsZone()
{
    ReaderOptions options;
    options.zone = QStringLiteral("Europe/Berlin");
    Run run;
    runBytes(QStringLiteral("coredns"), fixture("coredns.log"), &run, options);
    QCOMPARE(run.sink.records.last(), QStringLiteral("1709542807000000 192.0.2.9 - example.org 16 5 @11"));
    QCOMPARE(run.sink.records.first(), QStringLiteral("1709546401123000 127.0.0.1 - example.org 1 0 @5"));
    QCOMPARE(run.zone, QStringLiteral("Europe/Berlin"));

    // All stamps with offsets: no zone was needed, none is reported.
    Run exact;
    runBytes(
        QStringLiteral("coredns"),
        "2024-03-04T10:00:01.123Z [INFO] 127.0.0.1:52591 - 33222 \"A IN example.org. udp 41 false 4096\" "
        "NOERROR qr,rd 41 0.000154s\n",
        &exact);
    QCOMPARE(exact.sink.records.size(), 1);
    QCOMPARE(exact.zone, QString());
}

void TestDocFormats::windowsFixture()
{
    Run run;
    runBytes(QStringLiteral("windows-dns"), fixture("windows-dns-debug.log"), &run);
    QCOMPARE(run.status, ReadStatus::Finished);
    QCOMPARE(run.sink.records, QStringList({"1370426432000000 10.0.0.1 - www.example.com 1 -1 @31",
                                            "1370437507000000 fe80::1%12 - mail.example.com 28 -1 @35",
                                            "1370390401000000 10.0.0.3 - . 2 -1 @37"}));
    compareReasons(run.sink.rejected, {"39: bad name", "40: bad date/time"});
    QCOMPARE(run.sink.skipped.size(), 28 + 5);
    const QStringList tail = run.sink.skipped.mid(28);
    compareReasons(tail, {"32: sent packet", "33: received response", "34: sent packet",
                          "36: not a standard query", "38: not a PACKET line"});
    QCOMPARE(run.zone, QStringLiteral("UTC"));
}

void TestDocFormats::windowsLocales_data()
{
    QTest::addColumn<QByteArray>("stamp");
    QTest::addColumn<qint64>("us");
    QTest::newRow("en-US AM") << QByteArray("6/5/2013 10:00:32 AM") << qint64(1370426432000000);
    QTest::newRow("en-US PM") << QByteArray("6/5/2013 10:00:32 PM") << qint64(1370469632000000);
    QTest::newRow("en-US 12 PM") << QByteArray("6/5/2013 12:00:32 PM") << qint64(1370433632000000);
    QTest::newRow("en-US 12 AM") << QByteArray("6/5/2013 12:00:32 AM") << qint64(1370390432000000);
    QTest::newRow("en-GB") << QByteArray("05/06/2013 22:00:32") << qint64(1370469632000000);
    QTest::newRow("de-DE") << QByteArray("05.06.2013 10:00:32") << qint64(1370426432000000);
    QTest::newRow("ISO") << QByteArray("2013-06-05 10:00:32") << qint64(1370426432000000);
}

void TestDocFormats::windowsLocales()
{
    QFETCH(QByteArray, stamp);
    QFETCH(qint64, us);
    Run run;
    runBytes(QStringLiteral("windows-dns"),
             stamp + " 0E70 PACKET  00000000033397A0 UDP Rcv 10.0.0.1 4c4a   Q [0001   D   NOERROR] A "
                     "(3)www(7)example(3)com(0)\n",
             &run);
    QCOMPARE(run.sink.rejected, QStringList());
    QCOMPARE(run.sink.records,
             QStringList({QStringLiteral("%1 10.0.0.1 - www.example.com 1 -1 @1").arg(us)}));
}

void TestDocFormats::windowsZone()
{
    ReaderOptions options;
    options.zone = QStringLiteral("Europe/Berlin");
    Run run;
    runBytes(QStringLiteral("windows-dns"), fixture("windows-dns-debug.log"), &run, options);
    QCOMPARE(run.sink.records.first(),
             QStringLiteral("1370419232000000 10.0.0.1 - www.example.com 1 -1 @31"));
    QCOMPARE(run.zone, QStringLiteral("Europe/Berlin"));
}

void TestDocFormats::windowsNames()
{
    const QByteArray prefix = "6/5/2013 10:00:32 AM 0E70 PACKET  00000000033397A0 UDP Rcv 10.0.0.1 4c4a   Q "
                              "[0001   D   NOERROR] A ";
    QByteArray in;
    in += prefix + "(3)www(7)example(3)com\n";             // 1 no (0)
    in += prefix + "(70)" + QByteArray(70, 'a') + "(0)\n"; // 2 label > 63
    in += prefix + "(3)www(0)junk\n";                      // 3 bytes after (0)
    in += prefix + "(9)ab(0)\n";                           // 4 label shorter than its length
    in += prefix + "(3)a\xff"
                   "b(0)\n";                                                          // 5 invalid UTF-8
    in += prefix;                                                                     // 6 no name at all
    in += "\n6/5/2013 10:00:32 AM 0E70 PACKET 0 XXX Rcv 1.2.3.4 1 Q [0] A (1)a(0)\n"; // 7 bad protocol
    Run run;
    runBytes(QStringLiteral("windows-dns"), in, &run);
    QCOMPARE(run.sink.records, QStringList());
    compareReasons(run.sink.rejected,
                   {"1: bad name", "2: label longer than 63", "3: bytes after the (0)", "4: label shorter",
                    "5: bad name", "6: no query type and name", "7: protocol"});
}

void TestDocFormats::unknownZoneFails()
{
    ReaderOptions options;
    options.zone = QStringLiteral("Mars/Olympus_Mons");
    for (const char *format : {"windows-dns", "coredns", "csv"}) {
        Run run;
        runBytes(QString::fromLatin1(format), "x\n", &run, options);
        QCOMPARE(run.status, ReadStatus::Failed);
        QVERIFY2(run.error.contains(QLatin1String("Mars/Olympus_Mons")), qPrintable(run.error));
    }
}

QTEST_GUILESS_MAIN(TestDocFormats)
#include "tst_docformats.moc"
