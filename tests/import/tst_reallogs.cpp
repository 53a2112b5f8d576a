// Logs as they come from real installations (issue #13 "Real logs"): syslog <PRI> prefixes, Unbound's
// verbose messages, dnsmasq without time stamps, Windows dates in every locale order, header-less CSV
// and the hints for files that no format fits.
#include "formathints.h"
#include "importtestsupport.h"
#include "reader.h"

#include <QFile>
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
    QString zone;
    QStringList notes;
};

void runBytes(const QString &format, const QByteArray &bytes, const ReaderOptions &options, Run *run)
{
    auto reader = createReader(format, options);
    QVERIFY(reader);
    auto stream = InputStream::fromBytes(bytes);
    run->status = reader->read(*stream, run->sink, &run->error);
    run->zone = reader->assumedZone();
    run->notes = reader->notes();
}

void runFile(const QString &format, const QString &path, ReaderOptions options, Run *run)
{
    options.path = path;
    auto reader = createReader(format, options);
    QVERIFY(reader);
    QString error;
    auto stream = InputStream::openFile(path, &error);
    QVERIFY2(stream, qPrintable(error));
    run->status = reader->read(*stream, run->sink, &run->error);
    run->zone = reader->assumedZone();
    run->notes = reader->notes();
}

QByteArray fixture(const char *name)
{
    QFile f(QStringLiteral(DNT_TEST_DATA "/realdns/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return f.readAll();
}

ReaderOptions year2026()
{
    ReaderOptions o;
    o.year = 2026;
    return o;
}

const QByteArray kWindowsTail = " 0E70 PACKET  00000000033397A0 UDP Rcv 10.0.0.1  4c4a   Q [0001   D   NOERROR] A "
                                "(3)www(7)example(3)com(0)\n";

} // namespace

class TstRealLogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void syslogPriority_data();
    void syslogPriority();
    void explicitOffsetAssumesNoZone();
    void unboundVerboseLinesAreSkipped();
    void dnsmasqWithoutStampsIsRefused_data();
    void dnsmasqWithoutStampsIsRefused();
    void windowsDateOrders_data();
    void windowsDateOrders();
    void windowsOrderFromLaterInTheFile();
    void windowsOrderAssumedIsNoted();
    void csvWithoutHeader();
    void csvQuoteCommaSpace();
    void csvPositionsWithHeader();
    void hintsForUnrecognisedFiles_data();
    void hintsForUnrecognisedFiles();
    void umbrella();
};

void TstRealLogs::syslogPriority_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected");
    // rsyslog/syslog-ng forwarding, and daemons logging to a file through a syslog library, keep "<PRI>".
    QTest::newRow("bind with <28>") << "bind"
                                    << QByteArray("<28>Jul 16 22:05:01 ns1 named[812]: client @0x7f3 192.0.2.1#53211 "
                                                  "(d.test): query: d.test IN A +E(0)K (192.0.2.53)")
                                    << "1784239501000000 192.0.2.1 192.0.2.53 d.test 1 -1 @1";
    QTest::newRow("dnsmasq with <30>") << "dnsmasq"
                                       << QByteArray("<30>Nov 28 10:10:02 dnsmasq[1234]: query[A] g.test from 192.0.2.1")
                                       << "1795860602000000 192.0.2.1 - g.test 1 -1 @1";
    QTest::newRow("unbound with <30>") << "unbound"
                                       << QByteArray("<30>Nov 28 10:10:02 unbound[26647:0] info: 127.0.0.10 h.test. MX IN")
                                       << "1795860602000000 127.0.0.10 - h.test 15 -1 @1";
    // rsyslog's RSYSLOG_SyslogProtocol23Format (RFC 5424): "<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG"
    QTest::newRow("bind RFC 5424") << "bind"
                                   << QByteArray("<30>1 2026-11-28T10:10:02.053Z ns1 named 812 - -  client @0x7f3 "
                                                 "192.0.2.1#1 (a.test): query: a.test IN A + (192.0.2.53)")
                                   << "1795860602053000 192.0.2.1 192.0.2.53 a.test 1 -1 @1";
}

void TstRealLogs::syslogPriority()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    Run run;
    runBytes(format, line + "\n", year2026(), &run);
    QCOMPARE(run.status, ReadStatus::Finished);
    QCOMPARE(run.sink.rejected, QStringList());
    QCOMPARE(run.sink.records, QStringList{expected});
    // The year look-ahead reads the stamps behind the <PRI> too: Dec then Jan is a year change.
    QTemporaryDir dir;
    QFile f(dir.filePath("pri.log"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("<30>Dec 31 23:59:59 dnsmasq[1]: query[A] a.test from 192.0.2.1\n"
            "<30>Jan  1 00:00:01 dnsmasq[1]: query[A] b.test from 192.0.2.1\n");
    f.close();
    ReaderOptions options;
    options.fileModifiedUs = 1767225601000000 + 86400000000LL; // 2026-01-02 UTC
    Run years;
    runFile(QStringLiteral("dnsmasq"), f.fileName(), options, &years);
    QCOMPARE(years.sink.records,
             QStringList({"1767225599000000 192.0.2.1 - a.test 1 -1 @1", "1767225601000000 192.0.2.1 - b.test 1 -1 @2"}));
}

void TstRealLogs::explicitOffsetAssumesNoZone()
{
    // rsyslog's RSYSLOG_FileFormat: RFC 3339 with an offset; nothing is assumed about the zone.
    Run exact;
    runBytes(QStringLiteral("dnsmasq"),
             "2025-12-10T16:45:32.123456+01:00 pi dnsmasq[1234]: query[A] a.test from 192.0.2.1\n", {}, &exact);
    QCOMPARE(exact.sink.records, QStringList{"1765381532123456 192.0.2.1 - a.test 1 -1 @1"});
    QCOMPARE(exact.zone, QString());
    // One zone-less line in the file is enough for the zone to count as used.
    Run mixed;
    runBytes(QStringLiteral("dnsmasq"),
             "2025-12-10T16:45:32.123456+01:00 pi dnsmasq[1234]: query[A] a.test from 192.0.2.1\n"
             "Dec 10 15:45:33 pi dnsmasq[1234]: query[A] a.test from 192.0.2.1\n",
             year2026(), &mixed);
    QCOMPARE(mixed.sink.records.size(), 2);
    QCOMPARE(mixed.zone, QStringLiteral("UTC"));
}

void TstRealLogs::unboundVerboseLinesAreSkipped()
{
    // Unbound 1.17.1, verbosity 4, log-queries, log-time-ascii (see tests/data/README.md): two queries
    // among 448 lines, among them "info: resolving NAME TYPE CLASS" and "info: processQueryTargets: …",
    // which have the query line's four fields.
    const QByteArray log = fixture("unbound-verbosity4.log");
    QCOMPARE(log.count('\n'), 448);
    Run run;
    runBytes(QStringLiteral("unbound"), log, year2026(), &run);
    QCOMPARE(run.status, ReadStatus::Finished);
    QCOMPARE(run.sink.rejected, QStringList());
    QCOMPARE(run.sink.records.size(), 2);
    QVERIFY(run.sink.records.at(0).contains(" 127.0.0.10 - www.example.test 1 -1 @21"));
    QVERIFY(run.sink.records.at(1).contains(" 127.0.0.11 - mail.example.test 28 -1 @98"));
    QCOMPARE(run.sink.skipped.size(), 446 - 24); // 24 blank lines (from packet dumps) are passed over
    QCOMPARE(run.sink.skipped.filter(QStringLiteral("Unbound message, not a query line")).size(), 2 + 7);
    // A token of address characters that is no address is still a broken query line.
    Run word;
    runBytes(QStringLiteral("unbound"), "Nov 28 10:10:02 unbound[1:0] info: deadbeef a.test. A IN\n", year2026(), &word);
    QCOMPARE(word.sink.rejected.size(), 1);
    QVERIFY(word.sink.rejected.first().contains("bad client address"));
}

void TstRealLogs::dnsmasqWithoutStampsIsRefused_data()
{
    QTest::addColumn<QString>("file");
    // dnsmasq 2.90 (Debian 12), real stderr output: `dnsmasq -d` and `--log-facility=-`.
    QTest::newRow("dnsmasq -d") << "dnsmasq-d-stderr.log";
    QTest::newRow("--log-facility=-") << "dnsmasq-log-facility-stderr.log";
}

void TstRealLogs::dnsmasqWithoutStampsIsRefused()
{
    QFETCH(QString, file);
    const QByteArray log = fixture(qPrintable(file));
    QVERIFY(log.contains("query[A] www.example.test from 127.0.0.1"));
    QCOMPARE(detectFormat(log), QStringLiteral("dnsmasq"));
    Run run;
    runBytes(QStringLiteral("dnsmasq"), log, year2026(), &run);
    QCOMPARE(run.status, ReadStatus::Failed);
    QVERIFY2(run.error.contains("carry no time stamps") && run.error.contains("--log-facility=/var/log/dnsmasq.log"),
             qPrintable(run.error));
    QCOMPARE(run.sink.records.size(), 0);
    // docker logs --timestamps puts an RFC 3339 stamp in front: that is readable.
    Run docker;
    runBytes(QStringLiteral("dnsmasq"),
             "2026-11-28T10:10:02.053000000Z dnsmasq[1]: query[A] www.example.test from 172.17.0.1\n", {}, &docker);
    QCOMPARE(docker.sink.records, QStringList{"1795860602053000 172.17.0.1 - www.example.test 1 -1 @1"});
}

void TstRealLogs::windowsDateOrders_data()
{
    QTest::addColumn<QByteArray>("lines");
    QTest::addColumn<QList<qint64>>("us");
    QTest::addColumn<bool>("noted");
    // zh-CN / ja-JP write the year first ("yyyy/M/d", "yyyy/MM/dd") with a 24-hour clock.
    QTest::newRow("zh-CN yyyy/M/d") << QByteArray("2024/12/2 15:51:54") << QList<qint64>{1733154714000000} << false;
    QTest::newRow("ja-JP yyyy/MM/dd") << QByteArray("2024/12/02 15:51:54") << QList<qint64>{1733154714000000} << false;
    // en-GB: a later line with day 13 settles D/M for the whole file.
    QTest::newRow("en-GB settled") << QByteArray("05/06/2013 22:00:32\n13/06/2013 08:00:00")
                                   << QList<qint64>{1370469632000000, 1371110400000000} << false;
    // en-US settles M/D even with a 24-hour clock (a user-chosen time format).
    QTest::newRow("en-US 24h settled") << QByteArray("6/5/2013 10:00:32\n12/13/2024 15:51:54")
                                       << QList<qint64>{1370426432000000, 1734105114000000} << false;
    QTest::newRow("en-US 12h with day 13") << QByteArray("12/13/2024 3:51:54 PM") << QList<qint64>{1734105114000000}
                                           << false;
    // nl-NL "d-M-yyyy": dashes with the year last.
    QTest::newRow("nl-NL d-M-yyyy") << QByteArray("2-12-2024 15:51:54\n13-12-2024 15:51:54")
                                    << QList<qint64>{1733154714000000, 1734105114000000} << false;
    // Never settled: the clock decides, and the report says so.
    QTest::newRow("unsettled AM/PM") << QByteArray("6/5/2013 10:00:32 AM") << QList<qint64>{1370426432000000} << true;
    QTest::newRow("unsettled 24h") << QByteArray("6/5/2013 10:00:32") << QList<qint64>{1367834432000000} << true;
    // Day = month: nothing to settle, nothing assumed.
    QTest::newRow("day equals month") << QByteArray("5/5/2013 10:00:32") << QList<qint64>{1367748032000000} << false;
}

void TstRealLogs::windowsDateOrders()
{
    QFETCH(QByteArray, lines);
    QFETCH(QList<qint64>, us);
    QFETCH(bool, noted);
    QByteArray log;
    for (const QByteArray &stamp : lines.split('\n'))
        log += stamp + kWindowsTail;
    Run run;
    runBytes(QStringLiteral("windows-dns"), log, {}, &run);
    QCOMPARE(run.sink.rejected, QStringList());
    QCOMPARE(run.sink.records.size(), us.size());
    for (int i = 0; i < us.size(); ++i)
        QCOMPARE(run.sink.records.at(i).section(' ', 0, 0).toLongLong(), us.at(i));
    QCOMPARE(!run.notes.isEmpty(), noted);
}

void TstRealLogs::windowsOrderFromLaterInTheFile()
{
    // 2,000 ambiguous 24-hour lines (more than the 64 KiB looked at first), then one with day 13 in the
    // middle: the whole file is month first, although a 24-hour clock alone would have meant day first.
    QTemporaryDir dir;
    QFile f(dir.filePath("dns.log"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    for (int i = 0; i < 2000; ++i)
        f.write("6/5/2013 10:00:32" + kWindowsTail);
    f.write("6/13/2013 08:00:00" + kWindowsTail);
    f.close();
    QVERIFY(f.size() > 64 * 1024);
    Run run;
    runFile(QStringLiteral("windows-dns"), f.fileName(), {}, &run);
    QCOMPARE(run.sink.rejected, QStringList());
    QCOMPARE(run.sink.records.size(), 2001);
    QCOMPARE(run.sink.records.first().section(' ', 0, 0).toLongLong(), qint64(1370426432000000)); // 5 June
    QCOMPARE(run.sink.records.last().section(' ', 0, 0).toLongLong(), qint64(1371110400000000));  // 13 June
    QCOMPARE(run.notes, QStringList());
}

void TstRealLogs::windowsOrderAssumedIsNoted()
{
    Run run;
    runBytes(QStringLiteral("windows-dns"), "05/06/2013 22:00:32" + kWindowsTail, {}, &run);
    QCOMPARE(run.notes.size(), 1);
    QVERIFY2(run.notes.first().contains("D/M/YYYY") && run.notes.first().contains("day above 12"),
             qPrintable(run.notes.first()));
}

void TstRealLogs::csvWithoutHeader()
{
    ReaderOptions options;
    options.csvNoHeader = true;
    options.csvColumns = QStringLiteral("time=1,client=4,name=9,type=7");
    Run run;
    runBytes(QStringLiteral("csv"),
             "2020-01-14T20:13:43Z,u1,\"u1,site\",10.10.1.100,24.123.132.133,Allowed,1,NOERROR,a.example.com.\n"
             "2020-01-14T20:13:44Z,u2,\"u2,site\",10.10.1.101,24.123.132.133,Blocked,28,NOERROR,b.example.com.\n",
             options, &run);
    QCOMPARE(run.status, ReadStatus::Finished);
    QCOMPARE(run.sink.rejected, QStringList());
    QCOMPARE(run.sink.records, QStringList({"1579032823000000 10.10.1.100 - a.example.com 1 -1 @1",
                                            "1579032824000000 10.10.1.101 - b.example.com 28 -1 @2"}));
    // Positions past the row, names instead of positions, and no mapping at all are refused with a reason.
    options.csvColumns = QStringLiteral("time=1,client=4,name=12");
    Run tooFar;
    runBytes(QStringLiteral("csv"), "2020-01-14T20:13:43Z,a,b,10.0.0.1,x,y,1,z,a.test\n", options, &tooFar);
    QCOMPARE(tooFar.sink.rejected.size(), 1);
    QVERIFY2(tooFar.sink.rejected.first().contains("has only 9 columns"), qPrintable(tooFar.sink.rejected.first()));
    options.csvColumns = QStringLiteral("time=ts,client=4,name=9");
    Run named;
    runBytes(QStringLiteral("csv"), "2020-01-14T20:13:43Z,a,b,10.0.0.1,x,y,1,z,a.test\n", options, &named);
    QVERIFY(named.sink.rejected.value(0).contains("by its position"));
    options.csvColumns.clear();
    Run none;
    runBytes(QStringLiteral("csv"), "2020-01-14T20:13:43Z,a\n", options, &none);
    QCOMPARE(none.status, ReadStatus::Failed);
    QVERIFY(none.error.contains("--columns time=1"));
}

void TstRealLogs::csvQuoteCommaSpace()
{
    // Fields as `"a", "b"`: the blank between a comma and a quote is not part of the field.
    ReaderOptions options;
    options.csvNoHeader = true;
    options.csvColumns = QStringLiteral("time=1,client=4,name=9");
    Run run;
    runBytes(QStringLiteral("csv"),
             "\"2020-01-14T20:13:43Z\", \"u1\", \"u1,site\", \"10.10.1.100\", \"24.123.132.133\", \"Allowed\", "
             "\"1 (A)\", \"NOERROR\", \"a.example.com.\"\n",
             options, &run);
    QCOMPARE(run.sink.rejected, QStringList());
    QCOMPARE(run.sink.records, QStringList({"1579032823000000 10.10.1.100 - a.example.com 0 -1 @1"}));
}

void TstRealLogs::csvPositionsWithHeader()
{
    // With a header, a number that names no column is a position; a header name still wins.
    ReaderOptions options;
    options.csvColumns = QStringLiteral("time=1,client=src,name=3");
    Run run;
    runBytes(QStringLiteral("csv"), "when,src,what\n1579032823,192.0.2.1,a.test\n", options, &run);
    QCOMPARE(run.sink.rejected, QStringList());
    QCOMPARE(run.sink.records, QStringList({"1579032823000000 192.0.2.1 - a.test 0 -1 @2"}));
}

void TstRealLogs::hintsForUnrecognisedFiles_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("hint");
    QTest::newRow("csv without header")
        << QByteArray("\"2020-01-14 20:13:43\",\"u1\",\"u1,site\",\"10.10.1.100\",\"24.123.132.133\",\"Allowed\","
                      "\"A\",\"NOERROR\",\"domain-visited.com.\",\"Chat\",\"a\",\"b\",\"c\"\n")
        << "looks like CSV with 13 columns but no header: use --format csv --columns with positions and --no-header "
           "(perhaps --columns time=1,client=4,name=9 --no-header)";
    QTest::newRow("csv header without known names")
        << QByteArray("when;who;what\n1;2;3\n")
        << "looks like CSV with a header of 3 columns (\"when\", \"who\", \"what\"), but none is named like";
    QTest::newRow("syslog of another program")
        << QByteArray("Nov 28 10:10:02 host sshd[77]: Accepted publickey for root\n")
        << "looks like syslog lines from \"sshd\"";
    QTest::newRow("json") << QByteArray("{\"a\":1}\n") << "looks like JSON";
    QTest::newRow("binary") << QByteArray(4096, '\x07') << "binary data";
    QTest::newRow("empty") << QByteArray() << "the file is empty";
    QTest::newRow("prose") << QByteArray("Dear reader\n") << "no known format starts like its first line \"Dear reader\"";
}

void TstRealLogs::hintsForUnrecognisedFiles()
{
    QFETCH(QByteArray, head);
    QFETCH(QString, hint);
    QCOMPARE(detectFormat(head), QString());
    const QStringList hints = explainUnrecognised(std::string_view(head.constData(), static_cast<size_t>(head.size())));
    QCOMPARE(hints.size(), 1);
    QVERIFY2(hints.first().startsWith(hint), qPrintable(hints.first()));
}

void TstRealLogs::umbrella()
{
    QFile f(QStringLiteral(DNT_TEST_DATA "/docs/umbrella-dns.csv"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray log = f.readAll();
    QCOMPARE(detectFormat(log), QStringLiteral("umbrella"));
    // The documented zone is UTC: a --tz for other files does not move these times, and nothing is assumed.
    ReaderOptions options;
    options.zone = QStringLiteral("Europe/Berlin");
    Run run;
    runBytes(QStringLiteral("umbrella"), log, options, &run);
    QCOMPARE(run.status, ReadStatus::Finished);
    QCOMPARE(run.sink.rejected, QStringList());
    QCOMPARE(run.sink.records, QStringList({"1579032823000000 10.10.1.100 - domain-visited.com 1 0 @1",
                                            "1579032824000000 10.10.1.101 - malware.example 28 0 @2",
                                            "1579032842000000 2001:db8::7 - nx.example.org 15 3 @3"}));
    QCOMPARE(run.zone, QString());
    // Cisco Secure Access (log versions 8, 9) puts the header first and may leave the internal IP empty:
    // the external IP stands in for the client then.
    const QByteArray secureAccess =
        "timestamp,most granular identity,identities,internal ip,external ip,action,query type,response code,domain,"
        "categories,most granular identity type,identity types,blocked categories\n"
        "\"2015-01-16 17:48:41\",\"ActiveDirectoryUserName\",\"ActiveDirectoryUserName,ADSite,Network\",\"\",\"24.123.132.133\","
        "\"Allowed\",\"1 (A)\",\"NOERROR\",\"domain-visited.com.\",\"Chat,Photo Sharing,Social Networking,Allow List\"\n";
    QCOMPARE(detectFormat(secureAccess), QStringLiteral("umbrella"));
    Run sa;
    runBytes(QStringLiteral("umbrella"), secureAccess, {}, &sa);
    QCOMPARE(sa.sink.rejected, QStringList());
    QCOMPARE(sa.sink.skipped, QStringList{"1: header line"});
    QCOMPARE(sa.sink.records, QStringList({"1421430521000000 24.123.132.133 - domain-visited.com 1 0 @2"}));
    // A plain CSV export with a header is still csv, and the Umbrella lines are no csv with a header.
    QCOMPARE(detectFormat("ts,src,query\n1579032823,10.0.0.1,a.test\n"), QStringLiteral("csv"));
}

QTEST_GUILESS_MAIN(TstRealLogs)
#include "tst_reallogs.moc"
