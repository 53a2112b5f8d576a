#include "importtestsupport.h"
#include "reader.h"

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

void runReader(const QString &format, InputStream &stream, Run *run)
{
    auto reader = createReader(format);
    QVERIFY(reader);
    run->status = reader->read(stream, run->sink, &run->error);
}

void runBytes(const QString &format, const QByteArray &bytes, Run *run)
{
    auto stream = InputStream::fromBytes(bytes);
    runReader(format, *stream, run);
}

// "line: reason" expectations: same lines, and each reason contains the expected text.
void compareRejections(const QStringList &actual, const QStringList &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (int i = 0; i < expected.size(); ++i) {
        const QString wantLine = expected.at(i).section(QLatin1Char(':'), 0, 0);
        const QString wantText = expected.at(i).section(QLatin1Char(':'), 1).trimmed();
        QCOMPARE(actual.at(i).section(QLatin1Char(':'), 0, 0), wantLine);
        QVERIFY2(actual.at(i).contains(wantText),
                 qPrintable(QStringLiteral("\"%1\" does not contain \"%2\"").arg(actual.at(i), wantText)));
    }
}

const QByteArray kMin = "#fields\tts\tid.orig_h\tquery\n"; // default separator: tab

QByteArray standardHeader()
{
    return "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tdns\n"
           "#open\t2024-03-04-00-00-00\n"
           "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_"
           "id\trtt\tquery\tqclass\t"
           "qclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected\n"
           "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tinterval\tstring\tcount\tstring\tcount"
           "\t"
           "string\tcount\tstring\tbool\tbool\tbool\tbool\tcount\tvector[string]\tvector[interval]\tbool\n";
}

QByteArray standardLine(int i)
{
    return QByteArray::number(1709510400 + i / 10) + "." + QByteArray::number(100000 + i % 900000) +
           "\tCabc" + QByteArray::number(i) + "\t10.0." + QByteArray::number(i % 200) + "." +
           QByteArray::number(i % 250 + 1) + "\t" + QByteArray::number(30000 + i % 30000) +
           "\t192.0.2.53\t53\tudp\t" + QByteArray::number(i % 65536) + "\t0.012345\twww.d" +
           QByteArray::number(i % 5000) + ".example-" + QByteArray::number(i % 97) +
           ".com\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t198.51.100.7,198.51.100.8\t300.000000,300."
           "000000\tF\n";
}

} // namespace

class TstZeekReader : public QObject
{
    Q_OBJECT
private slots:
    void registry()
    {
        // Every format of the registry, Zeek's first.
        QCOMPARE(knownFormats().mid(0, 2), (QStringList{QStringLiteral("zeek"), QStringLiteral("zeek-json")}));
        for (const char *f : {"bind", "dnsmasq", "unbound", "suricata", "windows-dns", "route53", "coredns", "pcap",
                              "dnstap", "pihole-db", "csv"})
            QVERIFY2(knownFormats().contains(QLatin1String(f)), f);
        for (const QString &f : knownFormats()) {
            auto r = createReader(f);
            QVERIFY(r);
            QCOMPARE(r->formatName(), f);
        }
        QVERIFY(!createReader(QStringLiteral("syslog")));
        QVERIFY(!createReader(QString()));
    }

    void detect_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("format");
        QTest::newRow("zeek-header") << standardHeader() << QStringLiteral("zeek");
        QTest::newRow("zeek-fields-first") << kMin << QStringLiteral("zeek");
        QTest::newRow("zeek-blank-first")
            << QByteArray("\n\r\n" + standardHeader()) << QStringLiteral("zeek");
        QTest::newRow("zeek-tsv-mode")
            << QByteArray("ts\tuid\tid.orig_h\tquery\n1\tC\t1.2.3.4\ta.b\n") << QStringLiteral("zeek");
        QTest::newRow("zeek-headerless") << standardLine(1) << QStringLiteral("zeek");
        QTest::newRow("json") << QByteArray("{\"ts\":1469646000.5,\"uid\":\"C\",\"id.orig_h\":\"1.2.3.4\"}\n")
                              << QStringLiteral("zeek-json");
        QTest::newRow("json-query-only")
            << QByteArray("\n  {\"query\":\"a.b\",\"ts\":\"2016-07-27T19:00:00Z\"}")
            << QStringLiteral("zeek-json");
        QTest::newRow("json-not-dns") << QByteArray("{\"ts\":1,\"msg\":\"hello\"}\n") << QString();
        QTest::newRow("json-cut-off") << QByteArray("{\"ts\":1469646000.5,\"id.orig_h\":\"1.2.3.4\",\"answ")
                                      << QStringLiteral("zeek-json");
        QTest::newRow("empty") << QByteArray() << QString();
        // A real dnsmasq line belongs to the dnsmasq reader, not to Zeek's.
        QTest::newRow("dnsmasq-text") << QByteArray("Jul 27 19:00:00 dnsmasq[1]: query[A] a.b from 1.2.3.4\n")
                                      << QStringLiteral("dnsmasq");
        QTest::newRow("prose") << QByteArray("Dear editor, please find the logs attached.\n") << QString();
        QByteArray garbage;
        for (int i = 0; i < 4096; ++i)
            garbage.append(static_cast<char>((i * 2654435761u) >> 13));
        QTest::newRow("binary") << garbage << QString();
        QTest::newRow("gzip-magic-not-decoded") << QByteArray("\x1f\x8b\x08\x00", 4) << QString();
    }
    void detect()
    {
        QFETCH(QByteArray, head);
        QFETCH(QString, format);
        QCOMPARE(detectFormat(head), format);
    }

    void tsv_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QStringList>("records");
        QTest::addColumn<QStringList>("rejected");
        QTest::addColumn<QStringList>("skipped");

        QTest::newRow("empty-file") << QByteArray() << QStringList() << QStringList() << QStringList();
        QTest::newRow("header-only") << QByteArray(standardHeader() + "#close\t2024-03-04-01-00-00\n")
                                     << QStringList() << QStringList() << QStringList();
        QTest::newRow("standard")
            << QByteArray(standardHeader() + standardLine(7) + standardLine(123456))
            << QStringList{QStringLiteral("1709510400100007 10.0.7.8 192.0.2.53 www.d7.example-7.com 1 0 @9"),
                           QStringLiteral(
                               "1709522745223456 10.0.56.207 192.0.2.53 www.d3456.example-72.com 1 0 @10")}
            << QStringList() << QStringList();
        QTest::newRow("fractions")
            << QByteArray(kMin +
                          "1469646000\t10.0.0.1\ta.example\n1469646000.1\t10.0.0.1\ta.example\n"
                          "1469646000.123456\t10.0.0.1\ta.example\n1469646000.1234569\t10.0.0.1\ta.example\n"
                          "0.000001\t10.0.0.1\ta.example\n")
            << QStringList{QStringLiteral("1469646000000000 10.0.0.1 - a.example 0 -1 @2"),
                           QStringLiteral("1469646000100000 10.0.0.1 - a.example 0 -1 @3"),
                           QStringLiteral("1469646000123456 10.0.0.1 - a.example 0 -1 @4"),
                           QStringLiteral("1469646000123456 10.0.0.1 - a.example 0 -1 @5"),
                           QStringLiteral("1 10.0.0.1 - a.example 0 -1 @6")}
            << QStringList() << QStringList();
        QTest::newRow("bad-timestamps")
            << QByteArray(
                   kMin +
                   "abc\t1.1.1.1\ta.b\nnan\t1.1.1.1\ta.b\n-inf\t1.1.1.1\ta.b\nINF\t1.1.1.1\ta.b\n"
                   "-5\t1.1.1.1\ta.b\n1.46e9\t1.1.1.1\ta.b\n99999999999\t1.1.1.1\ta.b\n\t1.1.1.1\ta.b\n"
                   "-\t1.1.1.1\ta.b\n1469646000.\t1.1.1.1\ta.b\n+1469646000\t1.1.1.1\ta.b\n"
                   "99999999999999999999999999\t1.1.1.1\ta.b\n1469646000\t1.1.1.1\ta.b\n")
            << QStringList{QStringLiteral("1469646000000000 1.1.1.1 - a.b 0 -1 @14")}
            << QStringList{QStringLiteral("2: bad ts \"abc\": timestamp is not epoch seconds"),
                           QStringLiteral("3: not a finite number"),
                           QStringLiteral("4: negative timestamp"),
                           QStringLiteral("5: not a finite number"),
                           QStringLiteral("6: negative timestamp"),
                           QStringLiteral("7: timestamp is not epoch seconds"),
                           QStringLiteral("8: out of range"),
                           QStringLiteral("9: missing timestamp"),
                           QStringLiteral("10: missing timestamp"),
                           QStringLiteral("11: bad ts"),
                           QStringLiteral("12: bad ts"),
                           QStringLiteral("13: out of range")}
            << QStringList();
        QTest::newRow("column-count")
            << QByteArray(kMin +
                          "1469646000\t1.1.1.1\n1469646000\t1.1.1.1\ta.b\textra\n1469646000\t1.1.1.1\ta.b\n")
            << QStringList{QStringLiteral("1469646000000000 1.1.1.1 - a.b 0 -1 @4")}
            << QStringList{QStringLiteral("2: expected 3 columns (from #fields), found 2"),
                           QStringLiteral("3: expected 3 columns (from #fields), found 4")}
            << QStringList();
        QTest::newRow("names")
            << QByteArray(kMin +
                          "1\t1.1.1.1\tWWW.Example.COM.\n"
                          "2\t1.1.1.1\tb\\xc3\\xbccher.example\n"
                          "3\t1.1.1.1\tbad\xff.example\n"
                          "4\t1.1.1.1\tbad\\xe9.example\n"
                          "5\t1.1.1.1\tctl\\x01.example\n"
                          "6\t1.1.1.1\ta..b\n"
                          "7\t1.1.1.1\t" +
                          QByteArray(64, 'l') +
                          ".example\n"
                          "8\t1.1.1.1\ttab\\x09inside\n"
                          "9\t1.1.1.1\t_dmarc.example\n")
            << QStringList{QStringLiteral("1000000 1.1.1.1 - www.example.com 0 -1 @2"),
                           QStringLiteral("2000000 1.1.1.1 - xn--bcher-kva.example 0 -1 @3"),
                           QStringLiteral("9000000 1.1.1.1 - _dmarc.example 0 -1 @10")}
            << QStringList{QStringLiteral("4: invalid UTF-8 in the query name"),
                           QStringLiteral("5: invalid UTF-8 in the query name: \"bad\\xe9.example\""),
                           QStringLiteral("6: control character in the query name"),
                           QStringLiteral("7: empty label"),
                           QStringLiteral("8: label longer than 63"),
                           QStringLiteral("9: control character")}
            << QStringList();
        QTest::newRow("unset-and-empty")
            << QByteArray(
                   kMin +
                   "1\t1.1.1.1\t-\n2\t1.1.1.1\t(empty)\n3\t-\ta.b\n4\t(empty)\ta.b\n5\t1.1.1.1 x\ta.b\n")
            << QStringList()
            << QStringList{QStringLiteral("4: no client address (id.orig_h)"),
                           QStringLiteral("5: no client address"),
                           QStringLiteral("6: bad client address (id.orig_h) \"1.1.1.1 x\"")}
            << QStringList{QStringLiteral("2: no query name"), QStringLiteral("3: no query name")};
        QTest::newRow("custom-separator")
            << QByteArray("#separator \\x2c\n#set_separator,;\n#empty_field,EMPTY\n#unset_field,NA\n"
                          "#fields,ts,id.orig_h,query,qtype\n"
                          "1469646000,10.0.0.1,a.example,NA\n1469646001,10.0.0.2,NA,1\n"
                          "1469646002,10.0.0.3,EMPTY,1\n1469646003,10.0.0.4,tab\\x2cname,5\n")
            << QStringList{QStringLiteral("1469646000000000 10.0.0.1 - a.example 0 -1 @6"),
                           QStringLiteral("1469646003000000 10.0.0.4 - tab,name 5 -1 @9")}
            << QStringList()
            << QStringList{QStringLiteral("7: no query name"), QStringLiteral("8: no query name")};
        QTest::newRow("before-fields-and-after-close")
            << QByteArray("1469646000\t1.1.1.1\ta.b\n" + kMin +
                          "1469646001\t1.1.1.1\ta.b\n#close\tx\n"
                          "1469646002\t1.1.1.1\ta.b\n")
            << QStringList{QStringLiteral("1469646001000000 1.1.1.1 - a.b 0 -1 @3")}
            << QStringList{QStringLiteral("1: data line before any #fields header"),
                           QStringLiteral("5: data line before any #fields header")}
            << QStringList();
        QTest::newRow("missing-required-columns")
            << QByteArray("#fields\tts\tuid\tanswers\n1\tC\tx\n2\tC\ty\n" + kMin + "3\t1.1.1.1\ta.b\n")
            << QStringList{QStringLiteral("3000000 1.1.1.1 - a.b 0 -1 @5")}
            << QStringList{QStringLiteral("2: the #fields header on line 1 has no id.orig_h, query column"),
                           QStringLiteral("3: the #fields header on line 1 has no id.orig_h, query column")}
            << QStringList();
        QTest::newRow("qtype-rcode")
            << QByteArray("#fields\tts\tid.orig_h\tquery\tqtype_name\trcode\n"
                          "1\t1.1.1.1\ta.b\tAAAA\t3\n2\t1.1.1.1\ta.b\tTYPE65\t-\n3\t1.1.1.1\ta.b\tweird\t0\n"
                          "4\t1.1.1.1\ta.b\t-\t4096\n5\t1.1.1.1\ta.b\tmx\tx\n"
                          "#fields\tts\tid.orig_h\tquery\tqtype\tqtype_name\n"
                          "6\t1.1.1.1\ta.b\t16\tA\n7\t1.1.1.1\ta.b\t-\tNS\n8\t1.1.1.1\ta.b\tA\tA\n9\t1.1.1."
                          "1\ta.b\t65536\t-\n")
            << QStringList{QStringLiteral("1000000 1.1.1.1 - a.b 28 3 @2"),
                           QStringLiteral("2000000 1.1.1.1 - a.b 65 -1 @3"),
                           QStringLiteral("3000000 1.1.1.1 - a.b 0 0 @4"),
                           QStringLiteral("6000000 1.1.1.1 - a.b 16 -1 @8"),
                           QStringLiteral("7000000 1.1.1.1 - a.b 2 -1 @9")}
            << QStringList{QStringLiteral("5: bad rcode \"4096\""), QStringLiteral("6: bad rcode \"x\""),
                           QStringLiteral("10: bad qtype \"A\""), QStringLiteral("11: bad qtype \"65536\"")}
            << QStringList();
        QTest::newRow("crlf-blank-comments")
            << QByteArray("#separator \\x09\r\n#fields\tts\tid.orig_h\tquery\r\n\r\n# a comment\r\n"
                          "1469646000.5\t1.1.1.1\ta.b\r\n   \r\n")
            << QStringList{QStringLiteral("1469646000500000 1.1.1.1 - a.b 0 -1 @5")} << QStringList()
            << QStringList();
        QTest::newRow("iso-ts")
            << QByteArray(kMin + "2016-07-27T19:00:00.25Z\t1.1.1.1\ta.b\n2016-07-27T19:00:00\t1.1.1.1\ta.b\n"
                                 "2016-07-27T22:00:00+03:00\t1.1.1.1\ta.b\n")
            << QStringList{QStringLiteral("1469646000250000 1.1.1.1 - a.b 0 -1 @2"),
                           QStringLiteral("1469646000000000 1.1.1.1 - a.b 0 -1 @4")}
            << QStringList{QStringLiteral("3: neither epoch seconds nor ISO 8601 with a zone")}
            << QStringList();
        QTest::newRow("tsv-mode-header")
            << QByteArray("ts\tuid\tid.orig_h\tquery\n1469646000\tC1\t10.0.0.1\ta.example\n")
            << QStringList{QStringLiteral("1469646000000000 10.0.0.1 - a.example 0 -1 @2")} << QStringList()
            << QStringList();
    }
    void tsv()
    {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, records);
        QFETCH(QStringList, rejected);
        QFETCH(QStringList, skipped);
        Run run;
        runBytes(QStringLiteral("zeek"), input, &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QCOMPARE(run.sink.records, records);
        compareRejections(run.sink.rejected, rejected);
        compareRejections(run.sink.skipped, skipped);
    }

    void json_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QStringList>("records");
        QTest::addColumn<QStringList>("rejected");
        QTest::addColumn<QStringList>("skipped");
        const QByteArray c = "\"id.orig_h\":\"10.0.0.1\",\"query\":\"a.example\"";
        QTest::newRow("empty") << QByteArray() << QStringList() << QStringList() << QStringList();
        QTest::newRow("ts-styles")
            << QByteArray("{\"ts\":1469646000.123456," + c + "}\n{\"ts\":\"2016-07-27T19:00:00.5Z\"," + c +
                          "}\n{\"ts\":1469646000250," + c + "}\n{\"ts\":\"1469646000.75\"," + c +
                          "}\n{\"ts\":1469646000," + c + "}\n")
            << QStringList{QStringLiteral("1469646000123456 10.0.0.1 - a.example 0 -1 @1"),
                           QStringLiteral("1469646000500000 10.0.0.1 - a.example 0 -1 @2"),
                           QStringLiteral("1469646000250000 10.0.0.1 - a.example 0 -1 @3"),
                           QStringLiteral("1469646000750000 10.0.0.1 - a.example 0 -1 @4"),
                           QStringLiteral("1469646000000000 10.0.0.1 - a.example 0 -1 @5")}
            << QStringList() << QStringList();
        QTest::newRow("bad-ts") << QByteArray("{\"ts\":-5," + c + "}\n{\"ts\":1e400," + c +
                                              "}\n{\"ts\":\"yesterday\"," + c + "}\n{\"ts\":true," + c +
                                              "}\n{\"ts\":99999999999999999999999," + c + "}\n{" + c +
                                              "}\n{\"ts\":null," + c + "}\n{\"ts\":\"2016-07-27T19:00:00\"," +
                                              c + "}\n{\"ts\":[1]," + c + "}\n")
                                << QStringList()
                                << QStringList{QStringLiteral("1: bad ts \"-5\": negative timestamp"),
                                               QStringLiteral("2: not epoch seconds"),
                                               QStringLiteral("3: bad ts \"yesterday\""),
                                               QStringLiteral("4: neither a number nor a date string"),
                                               QStringLiteral("5: out of range"),
                                               QStringLiteral("6: no ts"),
                                               QStringLiteral("7: no ts"),
                                               QStringLiteral("8: ISO 8601 with a zone"),
                                               QStringLiteral("9: neither a number")}
                                << QStringList();
        QTest::newRow("fields-and-nesting")
            << QByteArray(
                   "{\"ts\":1469646000,\"uid\":\"C1\",\"id.orig_h\":\"2001:db8::1\",\"id.orig_p\":5353,"
                   "\"id.resp_h\":\"2001:db8::53\",\"query\":\"Mail1.Trump-Email.com\",\"qtype\":28,"
                   "\"qtype_name\":\"A\",\"rcode\":3,\"answers\":[\"a\",\"b\",{\"x\":[[],{}]}],\"TTLs\":[1."
                   "5e2,-0.0],"
                   "\"flags\":{\"AA\":true,\"TC\":false,\"n\":null,\"s\":\"}]\\\"\"},\"Z\":0}\n")
            << QStringList{QStringLiteral(
                   "1469646000000000 2001:db8::1 2001:db8::53 mail1.trump-email.com 28 3 @1")}
            << QStringList() << QStringList();
        QTest::newRow("duplicate-keys-last-wins")
            << QByteArray(
                   "{\"ts\":1,\"query\":\"first.example\",\"id.orig_h\":\"10.0.0.1\",\"ts\":1469646000,"
                   "\"query\":\"second.example\",\"qtype_name\":\"MX\"}\n")
            << QStringList{QStringLiteral("1469646000000000 10.0.0.1 - second.example 15 -1 @1")}
            << QStringList() << QStringList();
        QTest::newRow("no-query") << QByteArray(
                                         "{\"ts\":1469646000,\"id.orig_h\":\"10.0.0.1\",\"rcode\":3}\n"
                                         "{\"ts\":1469646000,\"id.orig_h\":\"10.0.0.1\",\"query\":null}\n"
                                         "{\"ts\":1469646000,\"id.orig_h\":\"10.0.0.1\",\"query\":\"\"}\n"
                                         "{\"ts\":1469646000,\"id.orig_h\":\"10.0.0.1\",\"query\":5}\n")
                                  << QStringList()
                                  << QStringList{QStringLiteral("4: bad query \"5\": not a string")}
                                  << QStringList{QStringLiteral("1: no query name"),
                                                 QStringLiteral("2: no query name"),
                                                 QStringLiteral("3: no query name")};
        QTest::newRow("client")
            << QByteArray("{\"ts\":1469646000,\"query\":\"a.b\"}\n{\"ts\":1469646000,\"query\":\"a.b\",\"id."
                          "orig_h\":7}\n"
                          "{\"ts\":1469646000,\"query\":\"a.b\",\"id.orig_h\":\"\"}\n"
                          "{\"ts\":1469646000,\"query\":\"a.b\",\"id.orig\\u005fh\":\"10.0.0.9\"}\n")
            << QStringList{QStringLiteral("1469646000000000 10.0.0.9 - a.b 0 -1 @4")}
            << QStringList{QStringLiteral("1: no client address"),
                           QStringLiteral("2: bad id.orig_h \"7\": not a string"),
                           QStringLiteral("3: bad id.orig_h \"\": not an address")}
            << QStringList();
        QTest::newRow("names")
            << QByteArray("{\"ts\":1,\"id.orig_h\":\"1.1.1.1\",\"query\":\"b\\u00fccher.example\"}\n"
                          "{\"ts\":2,\"id.orig_h\":\"1.1.1.1\",\"query\":\"bad\\\\xe9.example\"}\n"
                          "{\"ts\":3,\"id.orig_h\":\"1.1.1.1\",\"query\":\"raw\xff.example\"}\n"
                          "{\"ts\":4,\"id.orig_h\":\"1.1.1.1\",\"query\":\"\\ud800x.example\"}\n"
                          "{\"ts\":5,\"id.orig_h\":\"1.1.1.1\",\"query\":\"nul\\u0000.example\"}\n"
                          "{\"ts\":6,\"id.orig_h\":\"1.1.1.1\",\"query\":\"\\ud83d\\ude00.example\"}\n"
                          "{\"ts\":7,\"id.orig_h\":\"1.1.1.1\",\"query\":\"b\\\\xc3\\\\xbccher.example\"}\n")
            << QStringList{QStringLiteral("1000000 1.1.1.1 - xn--bcher-kva.example 0 -1 @1"),
                           QStringLiteral("6000000 1.1.1.1 - xn--e28h.example 0 -1 @6"),
                           QStringLiteral("7000000 1.1.1.1 - xn--bcher-kva.example 0 -1 @7")}
            << QStringList{QStringLiteral("2: invalid UTF-8 in the query name"),
                           QStringLiteral("3: invalid UTF-8 in the query name"),
                           QStringLiteral("4: unpaired UTF-16 surrogate"),
                           QStringLiteral("5: control character")}
            << QStringList();
        QByteArray deepOk = "{\"ts\":1,\"id.orig_h\":\"1.1.1.1\",\"query\":\"a.b\",\"x\":";
        deepOk += QByteArray(64, '[') + QByteArray(64, ']') + "}\n";
        QByteArray deepBad = "{\"ts\":1,\"id.orig_h\":\"1.1.1.1\",\"query\":\"a.b\",\"x\":";
        deepBad += QByteArray(100000, '[') + QByteArray(100000, ']') + "}\n";
        QTest::newRow("malformed")
            << QByteArray(deepOk + deepBad +
                          "{\"ts\":1,\"id.orig_h\":\"1.1.1.1\",\"query\":\"a.b\"\n"             // 3 truncated
                          "[1,2]\n"                                                             // 4
                          "garbage\n"                                                           // 5
                          "{\"ts\":NaN,\"id.orig_h\":\"1.1.1.1\",\"query\":\"a.b\"}\n"          // 6
                          "{\"ts\":1,\"id.orig_h\":\"1.1.1.1\",\"query\":\"a.b\"} x\n"          // 7
                          "{\"ts\":1,\"id.orig_h\":\"1.1.1.1\",\"query\":\"a\x01.b\"}\n"        // 8
                          "{\"ts\":1,\"id.orig_h\":\"1.1.1.1\",\"query\":\"a.b\",}\n"           // 9
                          "{\"ts\":1,\"id.orig_h\":\"1.1.1.1\",\"query\":\"a\\q.b\"}\n"         // 10
                          "{\"ts\":1,\"id.orig_h\":\"1.1.1.1\",\"query\":\"a.b\",\"x\":[1,]}\n" // 11
                          "{\"ts\":1,\"id.orig_h\":\"1.1.1.1\",\"query\":\"a.b\",\"x\":{\"k\"}}\n" // 12
                          "{\"ts\":1,\"id.orig_h\":\"1.1.1.1\",\"query\":\"a.b\",\"x\":[}\n"       // 13
                          "{ts:1}\n"                                                               // 14
                          "{\"ts\":01,\"id.orig_h\":\"1.1.1.1\",\"query\":\"a.b\"}\n"              // 15
                          "{\"ts\":1,\"id.orig_h\":\"1.1.1.1\",\"qtype\":99999999999999999999999,\"query\":"
                          "\"a.b\"}\n"                                                               // 16
                          "{\"ts\":1,\"id.orig_h\":\"1.1.1.1\",\"query\":\"a.b\",\"rcode\":\"3\"}\n" // 17
                          "{}\n"                                                                     // 18
                          "{\"ts\":1,\"id.orig_h\":\"1.1.1.1\",\"query\":\"ok.b\"}") // 19, no newline
            << QStringList{QStringLiteral("1000000 1.1.1.1 - a.b 0 -1 @1"),
                           QStringLiteral("1000000 1.1.1.1 - ok.b 0 -1 @19")}
            << QStringList{QStringLiteral("2: JSON nested too deeply"),
                           QStringLiteral("3: truncated JSON object"),
                           QStringLiteral("4: not a JSON object"),
                           QStringLiteral("5: not a JSON object"),
                           QStringLiteral("6: invalid JSON value"),
                           QStringLiteral("7: data after the end"),
                           QStringLiteral("8: control character inside a JSON string"),
                           QStringLiteral("9: expected a quoted key"),
                           QStringLiteral("10: bad escape"),
                           QStringLiteral("11: missing value"),
                           QStringLiteral("12: expected ':'"),
                           QStringLiteral("13: mismatched bracket"),
                           QStringLiteral("14: expected a quoted key"),
                           QStringLiteral("15: expected ',' or '}'"),
                           QStringLiteral("16: not a DNS type number"),
                           QStringLiteral("17: bad rcode \"3\""),
                           QStringLiteral("18: no ts")}
            << QStringList();
    }
    void json()
    {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, records);
        QFETCH(QStringList, rejected);
        QFETCH(QStringList, skipped);
        Run run;
        runBytes(QStringLiteral("zeek-json"), input, &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QCOMPARE(run.sink.records, records);
        compareRejections(run.sink.rejected, rejected);
        compareRejections(run.sink.skipped, skipped);
    }

    void everyPrefixOfAJsonLine()
    {
        // Every cut of a valid line is rejected (never accepted half, never a crash); the whole
        // line is one record.
        const QByteArray line =
            "{\"ts\":1469646000.5,\"id.orig_h\":\"10.0.0.1\",\"query\":\"b\\u00fccher.example\","
            "\"answers\":[\"x\",{\"y\":[1,2.5e-3,null]}],\"qtype\":1}";
        for (qsizetype n = 1; n <= line.size(); ++n) {
            Run run;
            runBytes(QStringLiteral("zeek-json"), line.left(n), &run);
            QCOMPARE(run.status, ReadStatus::Finished);
            QCOMPARE(run.sink.records.size() + run.sink.rejected.size(), 1);
            QCOMPARE(run.sink.records.size(), n == line.size() ? 1 : 0);
        }
    }

    void garbageNeverCrashes_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("zeek") << QStringLiteral("zeek");
        QTest::newRow("zeek-json") << QStringLiteral("zeek-json");
    }
    void garbageNeverCrashes()
    {
        QFETCH(QString, format);
        // Binary garbage, then a valid file with bytes flipped: everything is either a record or
        // a rejection; nothing crashes, nothing fails the read.
        QByteArray garbage;
        uint32_t x = 12345;
        for (int i = 0; i < 200000; ++i) {
            x = x * 1664525u + 1013904223u;
            garbage.append(static_cast<char>(x >> 24));
        }
        Run run;
        runBytes(format, garbage, &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QCOMPARE(run.sink.records.size(), 0);
        QVERIFY(run.sink.rejected.size() > 100);

        QByteArray valid = format == QLatin1String("zeek") ? standardHeader() : QByteArray();
        for (int i = 0; i < 300; ++i)
            valid += format == QLatin1String("zeek")
                         ? standardLine(i)
                         : "{\"ts\":" + QByteArray::number(1469646000 + i) +
                               ",\"id.orig_h\":\"10.0.0.1\",\"query\":\"n" + QByteArray::number(i) +
                               ".example\",\"answers\":[\"a\",[{\"b\":null}]]}\n";
        for (int i = 0; i < valid.size(); i += 7) {
            x = x * 1664525u + 1013904223u;
            valid[i] = static_cast<char>(valid[i] ^ static_cast<char>(x >> 24));
        }
        Run mutated;
        runBytes(format, valid, &mutated);
        QCOMPARE(mutated.status, ReadStatus::Finished);
        QVERIFY(mutated.sink.records.size() + mutated.sink.rejected.size() + mutated.sink.skipped.size() > 0);
    }

    void realZeekFile()
    {
        // Real Zeek output (see tests/data/README.md).
        QString error;
        auto stream = InputStream::openFile(QStringLiteral(DNT_TEST_DATA "/zeek/ipv6-frag-dns.log"), &error);
        QVERIFY2(stream, qPrintable(error));
        QCOMPARE(detectFormat(stream->peek(65536)), QStringLiteral("zeek"));
        Run run;
        runReader(QStringLiteral("zeek"), *stream, &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        const QString c = QStringLiteral("2001:470:1f11:81f:d138:5f55:6d4:1fe2 2607:f740:b::f93");
        QCOMPARE(
            run.sink.records,
            (QStringList{
                QStringLiteral("1331084278438444 %1 txtpadding_323.n1.netalyzr.icsi.berkeley.edu 16 0 @9")
                    .arg(c),
                QStringLiteral("1331084293592245 %1 txtpadding_3230.n1.netalyzr.icsi.berkeley.edu 16 0 @10")
                    .arg(c),
                QStringLiteral("1331084298593081 %1 txtpadding_3230.n1.netalyzr.icsi.berkeley.edu 16 -1 @11")
                    .arg(c)}));
        QVERIFY(run.sink.rejected.isEmpty());
        QVERIFY(run.sink.skipped.isEmpty());
    }

    void multiBlockFile()
    {
        QString error;
        auto stream = InputStream::openFile(QStringLiteral(DNT_TEST_DATA "/zeek/dns-multiblock.log"), &error);
        QVERIFY2(stream, qPrintable(error));
        Run run;
        runReader(QStringLiteral("zeek"), *stream, &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QCOMPARE(
            run.sink.records,
            (QStringList{
                QStringLiteral("1469646000123456 217.12.96.15 66.216.133.29 mail1.trump-email.com 1 0 @9"),
                QStringLiteral(
                    "1469646060500000 217.12.104.100 66.216.133.29 mail1.trump-email.com 15 0 @10"),
                QStringLiteral("1474588800000000 217.12.96.15 - mail.trump-email.com 1 0 @21"),
                QStringLiteral("1474588801250000 2001:db8::15 - mail.trump-email.com 28 -1 @22")}));
        QVERIFY(run.sink.rejected.isEmpty());
        QCOMPARE(run.sink.skipped, QStringList{QStringLiteral("11: no query name")});
    }

    void jsonFile_data()
    {
        QTest::addColumn<QString>("compression");
        QTest::newRow("plain") << QStringLiteral("none");
        QTest::newRow("gzip") << QStringLiteral("gzip");
        QTest::newRow("zstd") << QStringLiteral("zstd");
    }
    void jsonFile()
    {
        QFETCH(QString, compression);
        QFile f(QStringLiteral(DNT_TEST_DATA "/zeek/dns.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray bytes = f.readAll();
        if (compression == QLatin1String("gzip"))
            bytes = gzip(bytes);
        else if (compression == QLatin1String("zstd"))
            bytes = zstd(bytes);
        auto stream = InputStream::fromBytes(bytes);
        QCOMPARE(compressionName(stream->compression()), compression);
        QCOMPARE(detectFormat(stream->peek(65536)), QStringLiteral("zeek-json"));
        Run run;
        runReader(QStringLiteral("zeek-json"), *stream, &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QCOMPARE(
            run.sink.records,
            (QStringList{
                QStringLiteral("1469646000123456 217.12.96.15 66.216.133.29 mail1.trump-email.com 1 0 @1"),
                QStringLiteral("1469646060500000 217.12.104.100 66.216.133.29 mail1.trump-email.com 15 0 @2"),
                QStringLiteral("1474588800000000 2001:db8::15 - xn--bcher-kva.example 28 -1 @5")}));
        QVERIFY(run.sink.rejected.isEmpty());
        QCOMPARE(run.sink.skipped, QStringList{QStringLiteral("3: no query name")});
    }

    void stopsWhenSinkSaysSo()
    {
        for (const QString &format : {QStringLiteral("zeek"), QStringLiteral("zeek-json")}) {
            QFile f(QStringLiteral(DNT_TEST_DATA) + (format == QLatin1String("zeek")
                                                         ? QStringLiteral("/zeek/dns-multiblock.log")
                                                         : QStringLiteral("/zeek/dns.json")));
            QVERIFY(f.open(QIODevice::ReadOnly));
            Run run;
            run.sink.stopAfter = 1;
            runBytes(format, f.readAll(), &run);
            QCOMPARE(run.status, ReadStatus::Stopped);
            QCOMPARE(run.sink.records.size(), 1);
        }
    }

    void truncatedCompressionFails_data()
    {
        QTest::addColumn<QString>("compression");
        QTest::newRow("gzip") << QStringLiteral("gzip");
        QTest::newRow("zstd") << QStringLiteral("zstd");
    }
    void truncatedCompressionFails()
    {
        QFETCH(QString, compression);
        QByteArray text = standardHeader();
        for (int i = 0; i < 40000; ++i)
            text += standardLine(i);
        const QByteArray packed = compression == QLatin1String("gzip") ? gzip(text) : zstd(text);
        Run run;
        runBytes(QStringLiteral("zeek"), packed.left(packed.size() / 2), &run);
        QCOMPARE(run.status, ReadStatus::Failed);
        QVERIFY2(run.error.contains(QStringLiteral("truncated %1 data").arg(compression)),
                 qPrintable(run.error));
        // The lines before the cut were delivered, in order, each exactly once.
        QVERIFY(run.sink.records.size() > 1000);
        QVERIFY(run.sink.records.size() < 40000);
        QCOMPARE(run.sink.records.last().section(QLatin1Char('@'), 1).toInt(), 8 + run.sink.records.size());
        QVERIFY(run.sink.rejected.isEmpty());
    }

    void hugeLineIsRejectedAndReadingGoesOn()
    {
        // 50 MB without a newline in the middle of a file: one rejection, the lines around it parse.
        const qint64 before = peakRssKiB();
        SyntheticStream stream(kMin + "1469646000\t10.0.0.1\tbefore.example\n", QByteArray(1 << 16, 'x'), 800,
                               "\n1469646001\t10.0.0.2\tafter.example\n");
        Run run;
        runReader(QStringLiteral("zeek"), stream, &run);
        QCOMPARE(run.status, ReadStatus::Finished);
        QCOMPARE(run.sink.records,
                 (QStringList{QStringLiteral("1469646000000000 10.0.0.1 - before.example 0 -1 @2"),
                              QStringLiteral("1469646001000000 10.0.0.2 - after.example 0 -1 @4")}));
        compareRejections(run.sink.rejected, {QStringLiteral("3: line longer than 1048576 bytes")});
        QVERIFY2(peakRssKiB() - before < 16 * 1024, "memory grew with the long line");
    }
};

QTEST_GUILESS_MAIN(TstZeekReader)
#include "tst_zeekreader.moc"
