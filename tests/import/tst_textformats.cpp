// The BIND, dnsmasq and Unbound text readers: every line form from inline strings, zones across DST
// changes, year inference, and bad input.
#include "importtestsupport.h"
#include "reader.h"

#include <QDateTime>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace dnt;
using namespace dnt::test;

namespace
{

struct Run {
    CollectSink sink;
    ReadStatus status = ReadStatus::Failed;
    QString error;
    QString zone;
    int year = 0;
};

void runStream(const QString &format, InputStream &stream, const ReaderOptions &options, Run *run)
{
    auto reader = createReader(format, options);
    QVERIFY(reader);
    run->status = reader->read(stream, run->sink, &run->error);
    run->zone = reader->assumedZone();
    run->year = reader->assumedYear();
}

void runBytes(const QString &format, const QByteArray &bytes, const ReaderOptions &options, Run *run)
{
    auto stream = InputStream::fromBytes(bytes);
    runStream(format, *stream, options, run);
}

ReaderOptions withYear(int year, const QString &zone = {})
{
    ReaderOptions o;
    o.year = year;
    o.zone = zone;
    return o;
}

} // namespace

class TstTextFormats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lineForms_data();
    void lineForms();
    void nonQueryLinesSkipped();
    void malformedRejected_data();
    void malformedRejected();
    void detection();
    void dstBerlin();
    void unknownZone();
    void yearFromMtimeWithoutPath();
    void yearFromFileWithRollovers();
    void yearGiven();
    void longLines();
    void invalidUtf8();
    void binaryGarbage();
};

void TstTextFormats::lineForms_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected");

    // 2026-11-28T10:10:02.053Z = 1795860602053000
    QTest::newRow("bind print-time local, @0x, flags +E(0)K")
        << "bind" << ""
        << QByteArray("28-Nov-2026 10:10:02.053 client @0x7f1d55e6b098 192.0.2.1#53211 (WWW.Example.TEST): "
                      "query: WWW.Example.TEST IN A +E(0)K (192.0.2.53)")
        << "1795860602053000 192.0.2.1 192.0.2.53 www.example.test 1 -1 @1";
    QTest::newRow("bind print-time local in Europe/Berlin")
        << "bind" << "Europe/Berlin"
        << QByteArray("28-Nov-2026 10:10:02.053 client @0x7f1d55e6b098 192.0.2.1#53211 (a.test): query: a.test "
                      "IN A +E(0)K (192.0.2.53)")
        << "1795857002053000 192.0.2.1 192.0.2.53 a.test 1 -1 @1";
    QTest::newRow("bind iso8601 with offset")
        << "bind" << "Asia/Tokyo"
        << QByteArray("2026-11-28T10:10:02.053+01:00 client @0x1 192.0.2.1#1 (a.test): query: a.test IN MX "
                      "-E(0)DC (192.0.2.53)")
        << "1795857002053000 192.0.2.1 192.0.2.53 a.test 15 -1 @1";
    QTest::newRow("bind iso8601 without offset (9.18 print-time iso8601) is local")
        << "bind" << "Europe/Berlin"
        << QByteArray("2026-11-28T10:10:02.053 client @0x1 192.0.2.1#1 (a.test): query: a.test IN A + (192.0.2.53)")
        << "1795857002053000 192.0.2.1 192.0.2.53 a.test 1 -1 @1";
    QTest::newRow("bind iso8601-utc, category, severity, view, IPv6")
        << "bind" << "Europe/Berlin"
        << QByteArray("2026-11-28T10:10:02.053Z queries: info: client @0x7f1d53ef2098 2001:db8::1#5353 (b.test): "
                      "view internal: query: b.test IN AAAA +E(0)K (2001:db8::53)")
        << "1795860602053000 2001:db8::1 2001:db8::53 b.test 28 -1 @1";
    QTest::newRow("bind 9.9: no @0x, no (name)")
        << "bind" << ""
        << QByteArray("28-Nov-2026 10:10:02.053 client 192.0.2.1#53211: query: c.test IN TXT + (192.0.2.53)")
        << "1795860602053000 192.0.2.1 192.0.2.53 c.test 16 -1 @1";
    QTest::newRow("bind syslog prefix, view, TYPE65534")
        << "bind" << ""
        << QByteArray("Nov 28 10:10:02 ns1 named[123]: client @0x7f 192.0.2.1#53211 (d.test): view ext: query: "
                      "d.test IN TYPE65534 +E(0)K (192.0.2.53)")
        << "1795860602000000 192.0.2.1 192.0.2.53 d.test 65534 -1 @1";
    QTest::newRow("bind escaped name")
        << "bind" << ""
        << QByteArray("28-Nov-2026 10:10:02.053 client 192.0.2.1#1: query: Foo\\.bar.test. IN A +")
        << "1795860602053000 192.0.2.1 - foo.bar.test 1 -1 @1";

    QTest::newRow("dnsmasq log-queries")
        << "dnsmasq" << ""
        << QByteArray("Nov 28 10:10:02 dnsmasq[1234]: query[A] Www.Example.Test from 192.0.2.1")
        << "1795860602000000 192.0.2.1 - www.example.test 1 -1 @1";
    QTest::newRow("dnsmasq log-queries=extra")
        << "dnsmasq" << ""
        << QByteArray("Nov 28 10:10:02 dnsmasq[1234]: 5 192.0.2.1/53211 query[AAAA] e.test from 192.0.2.1")
        << "1795860602000000 192.0.2.1 - e.test 28 -1 @1";
    QTest::newRow("dnsmasq syslog host, space-padded day, type=65, IPv6")
        << "dnsmasq" << ""
        << QByteArray("Nov  2 10:10:02 pi dnsmasq[1234]: query[type=65] f.test from 2001:db8::1")
        << "1793614202000000 2001:db8::1 - f.test 65 -1 @1";
    QTest::newRow("pihole.log in Europe/Berlin")
        << "dnsmasq" << "Europe/Berlin"
        << QByteArray("Nov 28 11:10:02 dnsmasq[817]: query[A] g.test from 192.168.1.5")
        << "1795860602000000 192.168.1.5 - g.test 1 -1 @1";

    QTest::newRow("dnsmasq via rsyslog with RFC 3339 stamps")
        << "dnsmasq" << "Asia/Tokyo"
        << QByteArray("2026-11-28T11:10:02.053000+01:00 pi dnsmasq[1234]: query[MX] g.test from 192.0.2.1")
        << "1795860602053000 192.0.2.1 - g.test 15 -1 @1";
    QTest::newRow("unbound log-time-iso (1.19+)")
        << "unbound" << "Europe/Berlin"
        << QByteArray("2026-11-28T10:10:02.053Z unbound[26646:0] info: 127.0.0.10 www.example.test. A IN")
        << "1795860602053000 127.0.0.10 - www.example.test 1 -1 @1";
    QTest::newRow("unbound epoch")
        << "unbound" << "Europe/Berlin"
        << QByteArray("[1795872692] unbound[26646:0] info: 127.0.0.10 www.example.test. A IN")
        << "1795872692000000 127.0.0.10 - www.example.test 1 -1 @1";
    QTest::newRow("unbound log-time-ascii (local time)")
        << "unbound" << "Europe/Berlin"
        << QByteArray("Nov 28 14:31:32 unbound[26647:0] info: 127.0.0.10 WWW.example.test. AAAA IN")
        << "1795872692000000 127.0.0.10 - www.example.test 28 -1 @1";
    QTest::newRow("unbound via syslog, IPv6")
        << "unbound" << ""
        << QByteArray("Nov 28 13:31:32 host unbound: [26647:0] info: 2001:db8::1 h.test. MX IN")
        << "1795872692000000 2001:db8::1 - h.test 15 -1 @1";
}

void TstTextFormats::lineForms()
{
    QFETCH(QString, format);
    QFETCH(QString, zone);
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    Run run;
    runBytes(format, line + "\n", withYear(2026, zone), &run);
    QCOMPARE(run.status, ReadStatus::Finished);
    QCOMPARE(run.sink.rejected, QStringList());
    QCOMPARE(run.sink.records, QStringList{expected});
    // A zone is reported only when a zone-less stamp was read in it (not for epoch or offset stamps).
    const bool exact = line.startsWith('[') ||
                       QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+(Z|[+-]\\d\\d:?\\d\\d) "))
                           .match(QString::fromLatin1(line))
                           .hasMatch();
    QCOMPARE(run.zone, exact ? QString() : zone.isEmpty() ? QStringLiteral("UTC") : zone);
    // Also without a final newline, and with CRLF.
    Run crlf;
    runBytes(format, line + "\r\n" + line, withYear(2026, zone), &crlf);
    QCOMPARE(crlf.sink.records.size(), 2);
    QCOMPARE(crlf.sink.records.at(0), expected);
}

void TstTextFormats::nonQueryLinesSkipped()
{
    Run bind;
    runBytes("bind",
             "28-Nov-2026 10:10:00.000 starting BIND 9.18.28\n"
             "28-Nov-2026 10:10:02.053 client @0x1 192.0.2.1#1 (a.test): query: a.test IN A + (192.0.2.53)\n"
             "28-Nov-2026 10:10:03.000 client @0x1 192.0.2.1#1 (a.test): query (cache) 'a.test/A/IN' denied\n"
             "\n"
             "28-Nov-2026 10:10:04.000 zone example.test/IN: loaded serial 1\n",
             {}, &bind);
    QCOMPARE(bind.sink.records.size(), 1);
    QCOMPARE(bind.sink.rejected, QStringList());
    QCOMPARE(bind.sink.skipped.size(), 3);
    QVERIFY(bind.sink.skipped.at(1).startsWith("3: "));

    Run dnsmasq;
    runBytes("dnsmasq",
             "Nov 28 10:10:02 dnsmasq[1]: started, version 2.90 cachesize 150\n"
             "Nov 28 10:10:02 dnsmasq[1]: 7 192.0.2.1/5 query[A] a.test from 192.0.2.1\n"
             "Nov 28 10:10:02 dnsmasq[1]: 7 192.0.2.1/5 forwarded a.test to 9.9.9.9\n"
             "Nov 28 10:10:02 dnsmasq[1]: 7 192.0.2.1/5 reply a.test is 10.0.0.1\n"
             "Nov 28 10:10:02 dnsmasq[1]: 8 192.0.2.1/6 cached a.test is 10.0.0.1\n"
             "Nov 28 10:10:02 dnsmasq[1]: 9 192.0.2.1/7 config a.test is NXDOMAIN\n"
             "Nov 28 10:10:02 dnsmasq[1]: dnssec-query[DS] test to 9.9.9.9\n"
             "Nov 28 10:10:02 dnsmasq[1]: query[AAAA] b.test from 192.0.2.2\n",
             withYear(2026), &dnsmasq);
    QCOMPARE(dnsmasq.sink.records.size(), 2);
    QCOMPARE(dnsmasq.sink.records.at(1), "1795860602000000 192.0.2.2 - b.test 28 -1 @8");
    QCOMPARE(dnsmasq.sink.skipped.size(), 6);
    QCOMPARE(dnsmasq.sink.rejected, QStringList());

    Run unbound;
    runBytes("unbound",
             "[1795872689] unbound[1:0] info: start of service (unbound 1.17.1).\n"
             "[1795872692] unbound[1:0] info: 127.0.0.10 www.example.test. A IN\n"
             "[1795872692] unbound[1:0] info: 127.0.0.10 www.example.test. A IN NOERROR 0.000000 1 61\n"
             "[1795872693] unbound[1:0] info: generate keytag query _ta-4f66. NULL IN\n"
             "[1795872699] unbound[1:0] info: service stopped (unbound 1.17.1).\n",
             {}, &unbound);
    QCOMPARE(unbound.sink.records, QStringList{"1795872692000000 127.0.0.10 - www.example.test 1 -1 @2"});
    QCOMPARE(unbound.sink.skipped.size(), 4);
    QCOMPARE(unbound.sink.rejected, QStringList());
}

void TstTextFormats::malformedRejected_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("records");
    QTest::addColumn<QStringList>("rejected"); // "line: reason text"

    const QByteArray good = "28-Nov-2026 10:10:02.053 client 192.0.2.1#1: query: a.test IN A +\n";
    QTest::newRow("bind")
        << "bind"
        << QByteArray(good + "28-Xyz-2026 10:10:02.053 client 192.0.2.1#1: query: a.test IN A +\n" + good +
                      "28-Nov-2026 10:10:02.053 client garbage: query: a.test IN A +\n"
                      "28-Nov-2026 10:10:02.053 client 192.0.2.1#1: query: a.test\n"
                      "28-Nov-2026 25:10:02.053 client 192.0.2.1#1: query: a.test IN A +\n"
                      "30-Feb-2026 10:10:02.053 client 192.0.2.1#1: query: a.test IN A +\n"
                      "28-Nov-2026 10:10:02.053 client 192.0.2.1#1: query: a..test IN A +\n"
                      "28-Nov-2026 10:10:02.053 client 192.0.2.1#1: query: a.test IN BOGUS +\n" +
                      "28-Nov-2026 10:10:02.053 client 192.0.2.1#1: query: " + QByteArray(64, 'x') +
                      ".test IN A +\n" + good)
        << 3
        << QStringList{"2: bad month name",      "4: bad client address", "5: query without name",
                       "6: bad time of day",     "7: no such date",       "8: ",
                       "9: unknown query type", "10: "};
    QTest::newRow("dnsmasq")
        << "dnsmasq"
        << QByteArray("Nov 28 10:10:02 dnsmasq[1]: query[A] a.test from 192.0.2.1\n"
                      "Nov 28 10:10:02 dnsmasq[1]: query[A] a.test from nowhere\n"
                      "Nov 28 10:10:02 dnsmasq[1]: query[BOGUS] a.test from 192.0.2.1\n"
                      "Nov 28 10:10:02 dnsmasq[1]: query[A] a.test\n"
                      "Foo 28 10:10:02 dnsmasq[1]: query[A] a.test from 192.0.2.1\n"
                      "Feb 30 10:10:02 dnsmasq[1]: query[A] a.test from 192.0.2.1\n"
                      "Nov 28 10:10:02 dnsmasq[1]: query[type=70000] a.test from 192.0.2.1\n")
        << 1
        << QStringList{"2: bad client address", "3: unknown query type", "4: expected",
                       "5: no time stamp",      "6: no such date",       "7: bad query type"};
    QTest::newRow("unbound")
        << "unbound"
        << QByteArray("[1795872692] unbound[1:0] info: 127.0.0.10 a.test. A IN\n"
                      "[abc] unbound[1:0] info: 127.0.0.10 a.test. A IN\n"
                      "[99999999999] unbound[1:0] info: 127.0.0.10 a.test. A IN\n"
                      // (a word there, "resolving", is one of Unbound's messages: skipped, see tst_reallogs)
                      "[1795872692] unbound[1:0] info: 12345 a.test. A IN\n"
                      "[1795872692] unbound[1:0] info: 127.0.0.10 a.test. WHAT IN\n"
                      "[1795872692] unbound[1:0] info: 127.0.0.10 a..test. A IN\n")
        << 1 << QStringList{"2: ", "3: out of range", "4: bad client address", "5: unknown query type", "6: "};
}

void TstTextFormats::malformedRejected()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, input);
    QFETCH(int, records);
    QFETCH(QStringList, rejected);
    Run run;
    runBytes(format, input, withYear(2026), &run);
    QCOMPARE(run.status, ReadStatus::Finished);
    QCOMPARE(run.sink.records.size(), records);
    QCOMPARE(run.sink.rejected.size(), rejected.size());
    for (int i = 0; i < rejected.size(); ++i) {
        const QString want = rejected.at(i);
        const QString line = want.section(QLatin1Char(':'), 0, 0);
        const QString text = want.section(QLatin1Char(':'), 1).trimmed();
        QCOMPARE(run.sink.rejected.at(i).section(QLatin1Char(':'), 0, 0), line);
        QVERIFY2(run.sink.rejected.at(i).contains(text), qPrintable(run.sink.rejected.at(i)));
    }
}

void TstTextFormats::detection()
{
    QCOMPARE(detectFormat("28-Nov-2026 10:10:00.000 starting BIND\n"
                          "28-Nov-2026 10:10:02.053 client @0x1 192.0.2.1#1 (a.test): query: a.test IN A + (1.2.3.4)\n"),
             QStringLiteral("bind"));
    QCOMPARE(detectFormat("Nov 28 10:10:02 ns1 named[1]: client 192.0.2.1#1: query: a.test IN A +\n"),
             QStringLiteral("bind"));
    QCOMPARE(detectFormat("Nov 28 10:10:02 dnsmasq[1]: started\nNov 28 10:10:02 dnsmasq[1]: 1 1.2.3.4/5 "
                          "query[A] a.test from 1.2.3.4\n"),
             QStringLiteral("dnsmasq"));
    QCOMPARE(detectFormat("[1795872692] unbound[1:0] info: 127.0.0.10 a.test. A IN\n"), QStringLiteral("unbound"));
    QCOMPARE(detectFormat("Nov 28 13:31:32 unbound[2:0] info: 127.0.0.10 a.test. A IN\n"),
             QStringLiteral("unbound"));
    QCOMPARE(detectFormat("just some text\nwith lines\n"), QString());
}

void TstTextFormats::dstBerlin()
{
    // 2026: CET->CEST on 29 March at 02:00 (02:00-03:00 does not exist), CEST->CET on 25 October at
    // 03:00 (02:00-03:00 happens twice).
    const QByteArray tail = " client 192.0.2.1#1: query: a.test IN A +\n";
    QByteArray log;
    for (const char *t : {"29-Mar-2026 01:59:59.000", "29-Mar-2026 02:30:00.000", "29-Mar-2026 03:00:00.000",
                          "25-Oct-2026 02:30:00.000", "25-Oct-2026 02:59:00.000", "25-Oct-2026 02:10:00.000",
                          "25-Oct-2026 03:00:00.000"})
        log += QByteArray(t) + tail;
    Run run;
    runBytes("bind", log, withYear(0, "Europe/Berlin"), &run);
    QStringList times;
    for (const QString &r : run.sink.records)
        times.append(r.section(QLatin1Char(' '), 0, 0));
    QCOMPARE(times, (QStringList{"1774745999000000",   // 01:59:59 CET
                                 "1774747800000000",   // skipped 02:30: read with CET, = 03:30 CEST
                                 "1774746000000000",   // 03:00 CEST
                                 "1792888200000000",   // first 02:30: CEST (earlier instant)
                                 "1792889940000000",   // 02:59 CEST
                                 "1792890600000000",   // 02:10 after 02:59: the second pass, CET
                                 "1792893600000000"})); // 03:00 CET
    QCOMPARE(run.zone, QStringLiteral("Europe/Berlin"));
    QCOMPARE(run.year, 0); // BIND's own stamps carry their year
}

void TstTextFormats::unknownZone()
{
    Run run;
    runBytes("dnsmasq", "Nov 28 10:10:02 dnsmasq[1]: query[A] a.test from 1.2.3.4\n", withYear(2026, "Mars/Olympus"),
             &run);
    QCOMPARE(run.status, ReadStatus::Failed);
    QVERIFY(run.error.contains("Mars/Olympus"));
    QCOMPARE(run.sink.records.size(), 0);
}

void TstTextFormats::yearFromMtimeWithoutPath()
{
    // In-memory bytes: no look-ahead, so each date after the mtime's date is put in the year before.
    ReaderOptions o;
    o.fileModifiedUs = 1799107200000000; // 2027-01-05T00:00Z
    Run run;
    runBytes("dnsmasq",
             "Dec 31 23:59:59 dnsmasq[1]: query[A] a.test from 1.2.3.4\n"
             "Jan  1 00:00:01 dnsmasq[1]: query[A] a.test from 1.2.3.4\n",
             o, &run);
    QCOMPARE(run.sink.records, (QStringList{"1798761599000000 1.2.3.4 - a.test 1 -1 @1",
                                            "1798761601000000 1.2.3.4 - a.test 1 -1 @2"}));
    QCOMPARE(run.year, 2026);
}

void TstTextFormats::yearFromFileWithRollovers()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Two year changes (Dec->Jan, then Jun->Jan after a gap); the last line, Jan 3, is before the
    // mtime (2028-02-01), so it is in 2028 and the file starts in 2026.
    const QByteArray log = "Nov 28 10:00:00 unbound[1:0] info: 1.2.3.4 a.test. A IN\n"
                           "Dec 31 23:59:59 unbound[1:0] info: 1.2.3.4 a.test. A IN\n"
                           "Jan  1 00:00:01 unbound[1:0] info: 1.2.3.4 a.test. A IN\n"
                           "Jun  1 00:00:00 unbound[1:0] info: 1.2.3.4 a.test. A IN\n"
                           "Jan  3 00:00:00 unbound[1:0] info: 1.2.3.4 a.test. A IN\n";
    for (const bool compressed : {false, true}) {
        const QString path = dir.filePath(compressed ? "u.log.gz" : "u.log");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(compressed ? gzip(log) : log);
        f.close();
        ReaderOptions o;
        o.path = path;
        o.fileModifiedUs = QDateTime(QDate(2028, 2, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch() * 1000;
        QString error;
        auto stream = InputStream::openFile(path, &error);
        QVERIFY2(stream, qPrintable(error));
        Run run;
        runStream("unbound", *stream, o, &run);
        QCOMPARE(run.year, 2026);
        QCOMPARE(run.sink.records.size(), 5);
        const auto yearOf = [&](int i) {
            return QDateTime::fromMSecsSinceEpoch(run.sink.records.at(i).section(' ', 0, 0).toLongLong() / 1000,
                                                  QTimeZone::utc())
                .date()
                .year();
        };
        QCOMPARE(yearOf(0), 2026);
        QCOMPARE(yearOf(1), 2026);
        QCOMPARE(yearOf(2), 2027);
        QCOMPARE(yearOf(3), 2027);
        QCOMPARE(yearOf(4), 2028);
        QCOMPARE(run.sink.records.at(1).section(' ', 0, 0), QStringLiteral("1798761599000000"));
    }
    // mtime before the last line's date in the mtime's year: the last line is in the year before.
    const QString path = dir.filePath("late.log");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("Nov 28 10:10:02 dnsmasq[1]: query[A] a.test from 1.2.3.4\n");
    f.close();
    ReaderOptions o;
    o.path = path;
    o.fileModifiedUs = QDateTime(QDate(2027, 3, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch() * 1000;
    Run run;
    runBytes("dnsmasq", "Nov 28 10:10:02 dnsmasq[1]: query[A] a.test from 1.2.3.4\n", o, &run);
    QCOMPARE(run.year, 2026);
    QCOMPARE(run.sink.records, QStringList{"1795860602000000 1.2.3.4 - a.test 1 -1 @1"});
}

void TstTextFormats::yearGiven()
{
    // --year is the year of the first line; a Dec->Jan step still moves on to the next year.
    ReaderOptions o;
    o.year = 2020;
    o.fileModifiedUs = 1799107200000000; // ignored
    Run run;
    runBytes("dnsmasq",
             "Dec 31 23:59:59 dnsmasq[1]: query[A] a.test from 1.2.3.4\n"
             "Jan  1 00:00:01 dnsmasq[1]: query[A] a.test from 1.2.3.4\n",
             o, &run);
    QCOMPARE(run.sink.records, (QStringList{"1609459199000000 1.2.3.4 - a.test 1 -1 @1",
                                            "1609459201000000 1.2.3.4 - a.test 1 -1 @2"}));
    QCOMPARE(run.year, 2020);
    QCOMPARE(run.zone, QStringLiteral("UTC"));
}

void TstTextFormats::longLines()
{
    const QByteArray good = "Nov 28 10:10:02 dnsmasq[1]: query[A] a.test from 1.2.3.4\n";
    // A 50 MB line without a newline in the middle of a file, never held in memory.
    SyntheticStream stream(good + "Nov 28 10:10:02 dnsmasq[1]: query[A] ", QByteArray(1 << 16, 'x'), 800,
                           "\n" + good);
    Run run;
    runStream("dnsmasq", stream, withYear(2026), &run);
    QCOMPARE(run.status, ReadStatus::Finished);
    QCOMPARE(run.sink.records.size(), 2);
    QCOMPARE(run.sink.rejectedLines(), QList<int64_t>{2});
    QVERIFY(run.sink.rejected.at(0).contains("longer than"));
    QCOMPARE(run.sink.records.at(1), "1795860602000000 1.2.3.4 - a.test 1 -1 @3");
    // Long but acceptable lines (a name of 253 characters) still work; 254 is refused.
    QByteArray name;
    while (name.size() < 253)
        name += QByteArray(62, 'a') + ".";
    name = name.left(253);
    if (name.endsWith('.'))
        name[252] = 'b';
    Run names;
    runBytes("bind",
             "28-Nov-2026 10:10:02.053 client 192.0.2.1#1: query: " + name + " IN A +\n" +
                 "28-Nov-2026 10:10:02.053 client 192.0.2.1#1: query: " + name + "c IN A +\n",
             {}, &names);
    QCOMPARE(names.sink.records.size(), 1);
    QCOMPARE(names.sink.rejectedLines(), QList<int64_t>{2});
}

void TstTextFormats::invalidUtf8()
{
    Run run;
    runBytes("dnsmasq",
             "Nov 28 10:10:02 dnsmasq[1]: query[A] \xff\xfe.test from 1.2.3.4\n"
             "Nov 28 10:10:02 dnsmasq[1]: query[A] b\xc3\xa4r.test from 1.2.3.4\n"
             "Nov 28 10:10:02 dnsmasq[1]: query[A] a\x01.test from 1.2.3.4\n",
             withYear(2026), &run);
    QCOMPARE(run.sink.rejectedLines(), (QList<int64_t>{1, 3}));
    QCOMPARE(run.sink.records, QStringList{"1795860602000000 1.2.3.4 - xn--br-via.test 1 -1 @2"});
    Run bind;
    runBytes("bind", "28-Nov-2026 10:10:02.053 client 192.0.2.1#1: query: \xc0\xaf.test IN A +\n", {}, &bind);
    QCOMPARE(bind.sink.rejectedLines(), QList<int64_t>{1});
}

void TstTextFormats::binaryGarbage()
{
    QRandomGenerator rng(20261128);
    QByteArray garbage(256 * 1024, '\0');
    for (char &c : garbage)
        c = static_cast<char>(rng.bounded(256));
    // Sprinkle the readers' key words so the parsers get past their first checks.
    for (int i = 0; i < garbage.size() - 64; i += 997) {
        const char *w[] = {" query: ", "client ", "]: query[", " info: ", "Nov 28 10:10:02 ", "28-Nov-2026 "};
        const QByteArray word(w[(i / 997) % 6]);
        garbage.replace(i, word.size(), word);
    }
    for (const QString format : {"bind", "dnsmasq", "unbound"}) {
        for (const QByteArray &input : {garbage, gzip(garbage), zstd(garbage)}) {
            Run run;
            runBytes(format, input, withYear(2026), &run);
            QCOMPARE(run.status, ReadStatus::Finished);
            QCOMPARE(run.sink.records.size(), 0);
        }
        // Truncated compression ends in Failed with a position, not a partial success.
        Run truncated;
        const QByteArray z = gzip(garbage);
        runBytes(format, z.left(z.size() / 2), withYear(2026), &truncated);
        QCOMPARE(truncated.status, ReadStatus::Failed);
        QVERIFY(truncated.error.startsWith("after line "));
    }
}

QTEST_GUILESS_MAIN(TstTextFormats)
#include "tst_textformats.moc"
