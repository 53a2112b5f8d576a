// The generic CSV/TSV reader: header guessing and explicit mappings, delimiters, RFC 4180 quoting,
// time formats and zones, and what happens to broken rows.

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
    QString zone;
};

void runCsv(const QByteArray &bytes, Run *run, const QString &columns = {}, const QString &timeFormat = {},
            const QString &zone = {}, const QString &delimiter = {})
{
    ReaderOptions options;
    options.csvColumns = columns;
    options.csvTimeFormat = timeFormat;
    options.zone = zone;
    options.csvDelimiter = delimiter;
    auto reader = createReader(QStringLiteral("csv"), options);
    QVERIFY(reader);
    auto stream = InputStream::fromBytes(bytes);
    run->status = reader->read(*stream, run->sink, &run->error);
    run->zone = reader->assumedZone();
}

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

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private slots:
    void guessedColumns_data();
    void guessedColumns();
    void mapping();
    void quoting();
    void timeFormats_data();
    void timeFormats();
    void zone();
    void badRows();
    void badHeader();
    void badOptions();
    void detection();
    void hugeLine();
};

void TestCsvReader::guessedColumns_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("comma") << QByteArray("timestamp,client,server,name,type,rcode\n"
                                         "1469646000.5,10.0.0.1,10.0.0.53,WWW.Example.com.,A,NOERROR\n"
                                         "1469646001,10.0.0.2,,mail.example.com,28,3\n");
    QTest::newRow("semicolon") << QByteArray("ts;src;dst;query;qtype;rcode\r\n"
                                             "1469646000.5;10.0.0.1;10.0.0.53;WWW.Example.com.;A;NOERROR\r\n"
                                             "1469646001;10.0.0.2;;mail.example.com;28;3\r\n");
    QTest::newRow("tab") << QByteArray("time\tsource\tserver\tdomain\tqtype\trcode\n"
                                       "1469646000.5\t10.0.0.1\t10.0.0.53\tWWW.Example.com.\tA\tNOERROR\n"
                                       "1469646001\t10.0.0.2\t\tmail.example.com\t28\t3\n");
    QTest::newRow("pipe, bom, quoted header")
        << QByteArray("\xef\xbb\xbf\"Time\"|\"Client\"|\"Server\"|\"Name\"|\"Type\"|\"RCode\"\n"
                      "1469646000.5|10.0.0.1|10.0.0.53|WWW.Example.com.|A|NOERROR\n"
                      "\n"
                      "1469646001|10.0.0.2||mail.example.com|28|3\n");
}

void TestCsvReader::guessedColumns()
{
    QFETCH(QByteArray, input);
    Run run;
    runCsv(input, &run);
    QCOMPARE(run.status, ReadStatus::Finished);
    QCOMPARE(run.sink.rejected, QStringList());
    QCOMPARE(run.sink.records.size(), 2);
    QCOMPARE(run.sink.records.at(0),
             QStringLiteral("1469646000500000 10.0.0.1 10.0.0.53 www.example.com 1 0 @2"));
    QVERIFY(run.sink.records.at(1).startsWith(
        QLatin1String("1469646001000000 10.0.0.2 - mail.example.com 28 3 @")));
    QCOMPARE(run.zone, QString()); // epoch times need no zone
}

void TestCsvReader::mapping()
{
    // Columns the guess would get wrong: "name" is the client's host name here.
    const QByteArray in = "when,name,ip,question,kind\n"
                          "2016-07-27T19:00:00Z,laptop,192.168.2.10,www.example.com,AAAA\n";
    Run run;
    runCsv(in, &run, QStringLiteral("time=when, client=ip, name=question, type=kind"));
    QCOMPARE(run.sink.records, QStringList({"1469646000000000 192.168.2.10 - www.example.com 28 -1 @2"}));

    // Explicit delimiter wins over the guess.
    Run semi;
    runCsv("time;client;name\n2016-07-27T19:00:00Z;1.2.3.4;a.example\n", &semi, {}, {}, {},
           QStringLiteral(";"));
    QCOMPARE(semi.sink.records, QStringList({"1469646000000000 1.2.3.4 - a.example 0 -1 @2"}));
    Run tab;
    runCsv("time\tclient\tname\n2016-07-27T19:00:00Z\t1.2.3.4\ta,b.example\n", &tab, {}, {}, {},
           QStringLiteral("tab"));
    // The comma did not split the field (DNS names may hold any byte; the name is kept as it is).
    QCOMPARE(tab.sink.records, QStringList({"1469646000000000 1.2.3.4 - a,b.example 0 -1 @2"}));
}

void TestCsvReader::quoting()
{
    const QByteArray in = "time,client,name,note\n"
                          "1469646000,10.0.0.1,\"www.example.com\",\"a, b\"\n"            // 2
                          "1469646001,10.0.0.1,www.example.com,\"she said \"\"hi\"\"\"\n" // 3
                          "1469646002,10.0.0.1,www.example.com,\"two\n"                   // 4
                          "lines, really\"\n"                                             // 5
                          "1469646003,\"10.0.0.3\",www.example.com,\n"                    // 6
                          "1469646004,10.0.0.1,www.example.com,x\"y\n"                    // 7
                          "1469646005,10.0.0.1,\"www.example.com\"junk,z\n"               // 8
                          "1469646006,10.0.0.1,www.example.com,\"never closed\n";         // 9
    Run run;
    runCsv(in, &run);
    QCOMPARE(run.status, ReadStatus::Finished);
    QCOMPARE(run.sink.records, QStringList({"1469646000000000 10.0.0.1 - www.example.com 0 -1 @2",
                                            "1469646001000000 10.0.0.1 - www.example.com 0 -1 @3",
                                            "1469646002000000 10.0.0.1 - www.example.com 0 -1 @4",
                                            "1469646003000000 10.0.0.3 - www.example.com 0 -1 @6"}));
    compareReasons(run.sink.rejected, {"7: quote inside an unquoted field", "8: text after a closing quote",
                                       "9: quoted field not closed before the end of the file"});
}

void TestCsvReader::timeFormats_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("us");
    QTest::newRow("auto epoch") << QString() << QByteArray("1469646000.123456") << qint64(1469646000123456);
    QTest::newRow("auto epoch-ms") << QString() << QByteArray("1469646000123") << qint64(1469646000123000);
    QTest::newRow("auto iso Z") << QString() << QByteArray("2016-07-27T19:00:00.25Z")
                                << qint64(1469646000250000);
    QTest::newRow("auto iso offset") << QString() << QByteArray("2016-07-27 22:00:00+03:00")
                                     << qint64(1469646000000000);
    QTest::newRow("epoch") << "epoch" << QByteArray("1469646000") << qint64(1469646000000000);
    QTest::newRow("epoch-ms") << "epoch-ms" << QByteArray("1469646000999") << qint64(1469646000999000);
    QTest::newRow("iso8601") << "iso8601" << QByteArray("2016-07-27T19:00:00Z") << qint64(1469646000000000);
    QTest::newRow("pattern dmy") << "%d/%m/%Y %H:%M:%S" << QByteArray("27/07/2016 19:00:00")
                                 << qint64(1469646000000000);
    QTest::newRow("pattern 12h") << "%b %d %Y %I:%M:%S %p" << QByteArray("Jul 27 2016 07:00:00 PM")
                                 << qint64(1469646000000000);
    QTest::newRow("pattern 12am") << "%b %d %Y %I:%M:%S %p" << QByteArray("jul 27 2016 12:00:00 am")
                                  << qint64(1469577600000000);
    QTest::newRow("pattern fraction zone")
        << "%Y-%m-%dT%H:%M:%S.%f%z" << QByteArray("2016-07-27T21:00:00.5+0200") << qint64(1469646000500000);
    QTest::newRow("pattern percent") << "%Y%m%d%%%H%M%S" << QByteArray("20160727%190000")
                                     << qint64(1469646000000000);
}

void TestCsvReader::timeFormats()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, value);
    QFETCH(qint64, us);
    Run run;
    runCsv("time|client|name\n" + value + "|1.2.3.4|a.example\n", &run, {}, format);
    QCOMPARE(run.sink.rejected, QStringList());
    QCOMPARE(run.sink.records, QStringList({QStringLiteral("%1 1.2.3.4 - a.example 0 -1 @2").arg(us)}));
}

void TestCsvReader::zone()
{
    // Zone-less times are read in the given zone (Moscow: UTC+3 in 2016), and the zone is reported.
    const QByteArray in = "time,client,name\n2016-07-27 22:00:00,1.2.3.4,a.example\n";
    Run run;
    runCsv(in, &run, {}, {}, QStringLiteral("Europe/Moscow"));
    QCOMPARE(run.sink.records, QStringList({"1469646000000000 1.2.3.4 - a.example 0 -1 @2"}));
    QCOMPARE(run.zone, QStringLiteral("Europe/Moscow"));
    Run pattern;
    runCsv("time,client,name\n27.07.2016 22:00,1.2.3.4,a.example\n", &pattern, {},
           QStringLiteral("%d.%m.%Y %H:%M"), QStringLiteral("Europe/Moscow"));
    QCOMPARE(pattern.sink.records, QStringList({"1469646000000000 1.2.3.4 - a.example 0 -1 @2"}));
    // Without a zone: UTC, reported as assumed.
    Run utc;
    runCsv(in, &utc);
    QCOMPARE(utc.sink.records, QStringList({"1469656800000000 1.2.3.4 - a.example 0 -1 @2"}));
    QCOMPARE(utc.zone, QStringLiteral("UTC"));
}

void TestCsvReader::badRows()
{
    const QByteArray in = "time,client,name,type\n"
                          "1469646000,10.0.0.1,www.example.com,A\n"           // 2 good
                          "1469646000,10.0.0.1,www.example.com\n"             // 3 too few
                          "1469646000,10.0.0.1,www.example.com,A,extra\n"     // 4 too many
                          "yesterday,10.0.0.1,www.example.com,A\n"            // 5 bad time
                          "99999999999999999999,10.0.0.1,www.example.com,A\n" // 6 huge
                          "1469646000,,www.example.com,A\n"                   // 7 no client
                          "1469646000,10.0.0.1,,A\n"                          // 8 no name
                          "1469646000,10.0.0.1,a\xff.example,A\n"             // 9 invalid UTF-8
                          "-5,10.0.0.1,www.example.com,A\n"                   // 10 sign
                          "1469646000,10.0.0.1,www.example.com,SOMETHING\n";  // 11 unknown type: 0
    Run run;
    runCsv(in, &run);
    QCOMPARE(run.sink.records, QStringList({"1469646000000000 10.0.0.1 - www.example.com 1 -1 @2",
                                            "1469646000000000 10.0.0.1 - www.example.com 0 -1 @11"}));
    compareReasons(run.sink.rejected, {"3: 3 fields, the header has 4", "4: 5 fields, the header has 4",
                                       "5: bad time \"yesterday\"", "6: bad time", "7: bad client",
                                       "8: bad name", "9: bad name", "10: bad time"});
}

void TestCsvReader::badHeader()
{
    Run run;
    runCsv("when,who,what\n1,2,3\n4,5,6\n", &run);
    QCOMPARE(run.status, ReadStatus::Finished);
    compareReasons(run.sink.rejected, {"2: no time column", "3: no time column"});
    Run missing;
    runCsv("time,client,name\n1469646000,1.2.3.4,a.example\n", &missing, QStringLiteral("name=qname"));
    compareReasons(missing.sink.rejected, {"2: the header has no column \"qname\""});
    Run badKey;
    runCsv("time,client,name\n1469646000,1.2.3.4,a.example\n", &badKey, QStringLiteral("colour=name"));
    compareReasons(badKey.sink.rejected, {"2: column mapping \"colour=name\""});
}

void TestCsvReader::badOptions()
{
    for (const QString &format : {QStringLiteral("%Y-%q"), QStringLiteral("fortnightly")}) {
        Run run;
        runCsv("time,client,name\n", &run, {}, format);
        QCOMPARE(run.status, ReadStatus::Failed);
        QVERIFY2(run.error.contains(QLatin1String("time format")), qPrintable(run.error));
    }
    Run delimiter;
    runCsv("time,client,name\n", &delimiter, {}, {}, {}, QStringLiteral("::"));
    QCOMPARE(delimiter.status, ReadStatus::Failed);
    QVERIFY(delimiter.error.contains(QLatin1String("delimiter")));
}

void TestCsvReader::detection()
{
    QCOMPARE(detectFormat("time,client,name\n1,2,3\n"), QStringLiteral("csv"));
    QCOMPARE(detectFormat("timestamp\tsrc\tdomain\tqtype\n1\t2\t3\t4\n"), QStringLiteral("csv"));
    QCOMPARE(detectFormat("a,b,c\n1,2,3\n"), QString());
    QCOMPARE(detectFormat("time,client\n1,2\n"), QString()); // no name column: not claimed
    QCOMPARE(detectFormat("#fields\tts\tid.orig_h\tquery\n1\t2\t3\n"), QStringLiteral("zeek"));
}

void TestCsvReader::hugeLine()
{
    // 50 MB without a newline, then a good row: one rejection, the row after it still counts.
    SyntheticStream big("time,client,name\n", QByteArray(1 << 16, 'x'), 800,
                        "\n1469646000,1.2.3.4,a.example\n");
    auto reader = createReader(QStringLiteral("csv"));
    CollectSink sink;
    QString error;
    QCOMPARE(reader->read(big, sink, &error), ReadStatus::Finished);
    QCOMPARE(sink.records, QStringList({"1469646000000000 1.2.3.4 - a.example 0 -1 @3"}));
    compareReasons(sink.rejected, {"2: line longer than"});
    // An opening quote that never closes cannot swallow the file: cut off after 1 MiB.
    SyntheticStream open("time,client,name\n1469646000,1.2.3.4,\"", QByteArray("abc\n"), 400000,
                         "\"\n1469646000,1.2.3.4,a.example\n");
    auto r2 = createReader(QStringLiteral("csv"));
    CollectSink s2;
    QCOMPARE(r2->read(open, s2, &error), ReadStatus::Finished);
    QVERIFY(s2.rejected.size() >= 1);
    QVERIFY(s2.rejected.first().startsWith(QLatin1String("2: quoted field runs over")));
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
