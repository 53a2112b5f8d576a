// End to end: how `dnstimeline import` treats files that bring nothing (all lines rejected, a wrong
// format forced, empty, without time stamps, unrecognised) and what its summary says it assumed.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "apptestutil.h"

using namespace dnt::test;

namespace
{

QString realdns(const char *name)
{
    return QStringLiteral(DNT_TEST_DATA "/realdns/") + QLatin1String(name);
}

QString write(const QTemporaryDir &dir, const char *name, const QByteArray &bytes)
{
    const QString path = dir.filePath(QLatin1String(name));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", name);
    f.write(bytes);
    return path;
}

// Data rows of `files PROJECT` (the header line left out).
QStringList fileRows(const QString &project)
{
    const Run r = cli({"files", project});
    QStringList rows = r.out.split('\n', Qt::SkipEmptyParts);
    if (!rows.isEmpty())
        rows.removeFirst();
    return rows;
}

} // namespace

class TstCliImport : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void wrongFormatFailsAndCanBeImportedAgain()
    {
        // BIND 9.18's real query log (420 query lines), forced as CSV: its first line is taken as a
        // header without time/client/name columns, so each of the other 419 lines is rejected.
        const QString log = realdns("bind-local.log");
        const QString project = m_dir.filePath(QStringLiteral("wrong.dnstimeline"));
        Run r = cli({"import", project, log, "--format", "csv"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("bind-local.log: not imported: every data line was rejected as csv "
                                               "(419 rejected, first at line 2: no time column in the header")),
                 qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("bind-local.log:2: no time column")));
        QCOMPARE(fileRows(project), QStringList());
        // The same bytes again with the right format: nothing to remove first.
        r = cli({"import", project, log});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("bind-local.log: 420 lookups, 0 skipped, 0 rejected (bind)")), qPrintable(r.out));
        QCOMPARE(fileRows(project).size(), 1);
    }

    void nothingToImportIsNoFailure()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("p.dnstimeline"));
        const QString empty = write(dir, "empty.log", {});
        // dnsmasq 2.90 lines that are not queries (reply/cached/forwarded): skipped, with their reason.
        const QString replies = write(dir, "replies.log",
                                      "Dec  1 20:00:51 dnsmasq[4021]: forwarded www.example.test to 127.0.0.2\n"
                                      "Dec  1 20:00:51 dnsmasq[4021]: reply www.example.test is 192.0.2.10\n");
        const Run r = cli({"import", project, empty, replies, "--format", "dnsmasq"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("empty.log: nothing to import: the file holds no lines to read")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("replies.log: nothing to import: no lookups as dnsmasq, only skipped "
                                               "lines (2 not a query line); not added")),
                 qPrintable(r.out));
        QCOMPARE(fileRows(project), QStringList());
        // Detected formats: an empty file is not "unrecognised".
        const Run a = cli({"import", project, empty});
        QCOMPARE(a.exitCode, 0);
        QVERIFY2(a.out.contains(QStringLiteral("empty.log: nothing to import: the file is empty")), qPrintable(a.out));
    }

    void dnsmasqWithoutStampsIsRefused()
    {
        // Real `dnsmasq -d` output (dnsmasq 2.90): auto-detected as dnsmasq, refused with how to fix it.
        const QString project = m_dir.filePath(QStringLiteral("stderr.dnstimeline"));
        const Run r = cli({"import", project, realdns("dnsmasq-d-stderr.log")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("dnsmasq-d-stderr.log: not imported: ")) &&
                     r.err.contains(QStringLiteral("these dnsmasq lines carry no time stamps")) &&
                     r.err.contains(QStringLiteral("log to syslog or to a file")),
                 qPrintable(r.err));
        QCOMPARE(fileRows(project), QStringList());
    }

    void headerlessCsvIsExplainedAndImported()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("p.dnstimeline"));
        const QString csv = write(dir, "export.csv",
                                  "\"2020-01-14 20:13:43\", \"u1\", \"u1,site\", \"10.10.1.100\", \"24.123.132.133\", "
                                  "\"Allowed\", \"1 (A)\", \"NOERROR\", \"a.example.com.\"\n"
                                  "\"2020-01-14 20:13:44\", \"u2\", \"u2,site\", \"10.10.1.101\", \"24.123.132.133\", "
                                  "\"Allowed\", \"28 (AAAA)\", \"NOERROR\", \"b.example.com.\"\n");
        Run r = cli({"import", project, csv});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("unrecognised log format: looks like CSV with 9 columns but no header: use "
                                               "--format csv --columns with positions and --no-header (perhaps "
                                               "--columns time=1,client=4,name=9 --no-header)")),
                 qPrintable(r.err));
        r = cli({"import", project, csv, "--format", "csv", "--columns", "time=1,client=4,name=9", "--no-header",
                 "--time-format", "%Y-%m-%d %H:%M:%S"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("export.csv: 2 lookups, 0 skipped, 0 rejected (csv), "
                                               "2020-01-14T20:13:43Z – 2020-01-14T20:13:44Z")),
                 qPrintable(r.out));
        const Run s = cli({"stats", project, "--name", "b.example.com", "--bucket", "day"});
        QCOMPARE(s.out, QStringLiteral("bucket\tseries\tcount\n2020-01-14T00:00:00Z\tall\t1\n"));
        // --no-header without positions is a usage error.
        QCOMPARE(cli({"import", project, csv, "--no-header"}).exitCode, 1);
    }

    void summarySaysAssumedOnlyWhenAssumed()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("p.dnstimeline"));
        // rsyslog's default file format: RFC 3339 with an offset on every line.
        const QString exact = write(dir, "exact.log",
                                    "2025-12-10T16:45:32.123456+01:00 pi dnsmasq[1234]: query[A] a.test from 192.0.2.1\n");
        const QString local = write(dir, "local.log", "Dec 10 15:45:32 pi dnsmasq[1234]: query[A] a.test from 192.0.2.1\n"
                                                      "Dec 10 15:45:32 pi dnsmasq[1234]: reply a.test is 192.0.2.9\n");
        const Run r = cli({"import", project, exact, local, "--year", "2025"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0), exact + QStringLiteral(": 1 lookups, 0 skipped, 0 rejected (dnsmasq), "
                                                     "2025-12-10T15:45:32.123456Z – 2025-12-10T15:45:32.123456Z"));
        QCOMPARE(lines.at(1), local + QStringLiteral(": 1 lookups, 1 skipped, 0 rejected (dnsmasq), "
                                                     "2025-12-10T15:45:32Z – 2025-12-10T15:45:32Z; zone-less times read "
                                                     "as UTC (assumed: none given with --tz); year 2025 as given; "
                                                     "skipped: 1 not a query line"));
    }
};

QTEST_GUILESS_MAIN(TstCliImport)
#include "tst_cliimport.moc"
