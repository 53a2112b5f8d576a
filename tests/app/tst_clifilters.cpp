// --rcode, --qtype and --server end to end: the real CLI over Zeek logs, checked against an independent
// count made by awk over the same files (awk reads each block's #fields header itself), for stats,
// pairs and a saved view rendered with render --view.
#include "apptestutil.h"
#include "timeutil.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace dnt;
using namespace dnt::test;

namespace {

// Counts the lookups of Zeek TSV logs (rows with a query) whose FIELD matches: rcode and qtype by their
// Zeek name column or number column, server by id.resp_h. Written for POSIX awk (mawk on Debian).
const char *const kAwk = R"AWK(
BEGIN { FS = "\t"; n = 0 }
/^#fields/ { split("", col); for (i = 2; i <= NF; i++) col[$i] = i - 1; next }
/^#/ { next }
function get(name) { return (name in col) ? $(col[name]) : "-" }
{
    q = get("query")
    if (q == "-" || q == "" || q == "(empty)") next
    if (kind == "rcode") hit = get("rcode_name") == want || get("rcode") == num
    else if (kind == "qtype") hit = get("qtype_name") == want || get("qtype") == num
    else hit = get("id.resp_h") == want
    if (hit) n++
}
END { print n }
)AWK";

struct Row
{
    int qtype;
    const char *qtypeName;
    int rcode; // -1: no response seen (Zeek writes "-")
    const char *rcodeName;
};

} // namespace

class TestCliFilters : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_project;
    QStringList m_logs;

    int64_t awkCount(const QString &kind, const QString &want, const QString &num) const
    {
        return awkCount(kind, want, num, m_logs);
    }

    static int64_t awkCount(const QString &kind, const QString &want, const QString &num, const QStringList &logs)
    {
        QProcess p;
        p.start(QStringLiteral("awk"), QStringList{QStringLiteral("-v"), QStringLiteral("kind=") + kind,
                                                   QStringLiteral("-v"), QStringLiteral("want=") + want,
                                                   QStringLiteral("-v"), QStringLiteral("num=") + num,
                                                   QString::fromLatin1(kAwk)}
                                           + logs);
        if (!p.waitForFinished(60000) || p.exitCode() != 0)
            return -1;
        return p.readAllStandardOutput().trimmed().toLongLong();
    }

    // Sum of the count column of `stats` (TSV bucket, series, count).
    static int64_t statsTotal(const Run &r)
    {
        int64_t n = 0;
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        for (qsizetype i = 1; i < lines.size(); ++i)
            n += lines.at(i).section('\t', 2, 2).toLongLong();
        return n;
    }

    // Sum of the count column of `pairs` (TSV source, name, count, share).
    static int64_t pairsTotal(const Run &r)
    {
        int64_t n = 0;
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        for (qsizetype i = 1; i < lines.size(); ++i)
            n += lines.at(i).section('\t', 2, 2).toLongLong();
        return n;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("awk")).isEmpty(),
                 "awk is needed for the independent count (Debian: mawk, priority required)");
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath(QStringLiteral("f.dnstimeline"));
        // The Zeek logs of tests/data (ipv6-frag-dns.log is Zeek's own output), and a longer log in the
        // layout of Zeek's ASCII writer with every kind of row: answered, unanswered ("-" rcode),
        // IPv4 and IPv6 servers, type 32 (NIMLOC).
        m_logs << QStringLiteral(DNT_TEST_DATA "/zeek/home-network-dns.log")
               << QStringLiteral(DNT_TEST_DATA "/zeek/ipv6-frag-dns.log")
               << QStringLiteral(DNT_TEST_DATA "/zeek/dns-multiblock.log");
        const Row rows[] = {{1, "A", 0, "NOERROR"},     {28, "AAAA", 0, "NOERROR"}, {28, "AAAA", 3, "NXDOMAIN"},
                            {1, "A", 3, "NXDOMAIN"},    {32, "NIMLOC", 0, "NOERROR"}, {15, "MX", 2, "SERVFAIL"},
                            {16, "TXT", -1, "-"},       {12, "PTR", 3, "NXDOMAIN"},  {1, "A", -1, "-"}};
        const char *clients[] = {"217.12.96.15", "217.12.96.16", "2001:db8::15", "10.0.0.7"};
        const char *servers[] = {"66.216.133.29", "8.8.8.8", "2001:4860:4860::8888"};
        const char *names[] = {"mail1.trump-email.com", "mail.trump-email.com", "www.example.org", "nx.example.test"};
        QString log = QStringLiteral(
            "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tdns\n"
            "#open\t2016-07-27-00-00-00\n"
            "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqclass\t"
            "qclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected\n"
            "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tinterval\tstring\tcount\tstring\tcount\t"
            "string\tcount\tstring\tbool\tbool\tbool\tbool\tcount\tvector[string]\tvector[interval]\tbool\n");
        uint32_t seed = 5;
        auto next = [&seed] {
            seed = seed * 1664525u + 1013904223u;
            return seed >> 8;
        };
        for (int i = 0; i < 1500; ++i) {
            const Row &r = rows[next() % std::size(rows)];
            const double ts = 1469577600.0 + i * 61.25 + (next() % 1000) / 1000.0;
            log += QStringLiteral("%1\tC%2\t%3\t%4\t%5\t53\tudp\t%6\t-\t%7\t1\tC_INTERNET\t%8\t%9\t%10\t%11\tF\tF\tT\tT\t0\t-\t-\tF\n")
                       .arg(QString::number(ts, 'f', 6))
                       .arg(i)
                       .arg(QLatin1String(clients[next() % std::size(clients)]))
                       .arg(40000 + i)
                       .arg(QLatin1String(servers[next() % std::size(servers)]))
                       .arg(i % 65536)
                       .arg(QLatin1String(names[next() % std::size(names)]))
                       .arg(r.qtype)
                       .arg(QLatin1String(r.qtypeName))
                       .arg(r.rcode < 0 ? QStringLiteral("-") : QString::number(r.rcode))
                       .arg(QLatin1String(r.rcodeName));
        }
        log += QStringLiteral("#close\t2016-07-28-02-00-00\n");
        const QString generated = m_dir.filePath(QStringLiteral("dns.log"));
        QFile f(generated);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(log.toUtf8());
        f.close();
        m_logs << generated;
        const Run r = cli(QStringList{QStringLiteral("import"), m_project} + m_logs);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void countsEqualAwk_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("want");
        QTest::addColumn<QString>("num");
        QTest::newRow("--rcode NXDOMAIN") << QStringList{"--rcode", "NXDOMAIN"} << "rcode" << "NXDOMAIN" << "3";
        QTest::newRow("--rcode 3") << QStringList{"--rcode", "3"} << "rcode" << "NXDOMAIN" << "3";
        QTest::newRow("--rcode noerror") << QStringList{"--rcode", "noerror"} << "rcode" << "NOERROR" << "0";
        QTest::newRow("--qtype AAAA") << QStringList{"--qtype", "AAAA"} << "qtype" << "AAAA" << "28";
        QTest::newRow("--qtype 28") << QStringList{"--qtype", "28"} << "qtype" << "AAAA" << "28";
        QTest::newRow("--qtype NIMLOC") << QStringList{"--qtype", "NIMLOC"} << "qtype" << "NIMLOC" << "32";
        QTest::newRow("--qtype TXT") << QStringList{"--qtype", "txt"} << "qtype" << "TXT" << "16";
        QTest::newRow("--server 8.8.8.8") << QStringList{"--server", "8.8.8.8"} << "server" << "8.8.8.8" << "";
        QTest::newRow("--server IPv6 (real Zeek log)")
            << QStringList{"--server", "2607:f740:b::f93"} << "server" << "2607:f740:b::f93" << "";
    }

    void countsEqualAwk()
    {
        QFETCH(QStringList, flags);
        QFETCH(QString, kind);
        QFETCH(QString, want);
        QFETCH(QString, num);
        const int64_t expected = awkCount(kind, want, num);
        QVERIFY(expected > 0); // a filter that selects nothing would prove nothing
        const Run stats = cli(QStringList{"stats", m_project, "--bucket", "month"} + flags);
        QVERIFY2(stats.exitCode == 0, qPrintable(stats.err));
        QCOMPARE(statsTotal(stats), expected);
        const Run pairs = cli(QStringList{"pairs", m_project, "--top", "100"} + flags);
        QVERIFY2(pairs.exitCode == 0, qPrintable(pairs.err));
        QCOMPARE(pairsTotal(pairs), expected);
    }

    void figures()
    {
        // The figures the report quotes, fixed so that a change of the fixture shows.
        QCOMPARE(awkCount(QStringLiteral("rcode"), QStringLiteral("NXDOMAIN"), QStringLiteral("3")),
                 statsTotal(cli({"stats", m_project, "--bucket", "month", "--rcode", "NXDOMAIN"})));
        QCOMPARE(awkCount(QStringLiteral("server"), QStringLiteral("2607:f740:b::f93"), QString()), int64_t(3));
    }

    // The real Zeek log alone (a home network's dns.log as Zeek wrote it): NXDOMAIN, AAAA and one server,
    // against awk's count of that file and the figures read off it by hand.
    void realZeekLogAlone_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("want");
        QTest::addColumn<QString>("num");
        QTest::addColumn<int>("figure");
        QTest::newRow("NXDOMAIN") << QStringList{"--rcode", "NXDOMAIN"} << "rcode" << "NXDOMAIN" << "3" << 4;
        QTest::newRow("AAAA") << QStringList{"--qtype", "AAAA"} << "qtype" << "AAAA" << "28" << 4;
        QTest::newRow("8.8.8.8") << QStringList{"--server", "8.8.8.8"} << "server" << "8.8.8.8" << "" << 14;
    }

    void realZeekLogAlone()
    {
        QFETCH(QStringList, flags);
        QFETCH(QString, kind);
        QFETCH(QString, want);
        QFETCH(QString, num);
        QFETCH(int, figure);
        const QString log = QStringLiteral(DNT_TEST_DATA "/zeek/home-network-dns.log");
        const QString project = m_dir.filePath(QStringLiteral("real.dnstimeline"));
        if (!QFile::exists(project))
            QCOMPARE(cli({"import", project, log}).exitCode, 0);
        QCOMPARE(awkCount(kind, want, num, {log}), int64_t(figure));
        const Run stats = cli(QStringList{"stats", project, "--bucket", "hour"} + flags);
        QVERIFY2(stats.exitCode == 0, qPrintable(stats.err));
        QCOMPARE(statsTotal(stats), int64_t(figure));
        QCOMPARE(pairsTotal(cli(QStringList{"pairs", project, "--top", "100"} + flags)), int64_t(figure));
    }

    void numericAndNamedAreTheSame()
    {
        const Run a = cli({"stats", m_project, "--bucket", "hour", "--qtype", "AAAA"});
        const Run b = cli({"stats", m_project, "--bucket", "hour", "--qtype", "28"});
        QCOMPARE(a.exitCode, 0);
        QCOMPARE(a.out, b.out);
        // Repeated: any of them. Combined with --name and another filter: all of them.
        const Run both = cli({"stats", m_project, "--bucket", "month", "--qtype", "AAAA", "--qtype", "A"});
        const Run one = cli({"stats", m_project, "--bucket", "month", "--qtype", "A"});
        QCOMPARE(statsTotal(both), statsTotal(a) + statsTotal(one));
        const Run narrowed = cli({"stats", m_project, "--bucket", "month", "--qtype", "AAAA", "--rcode", "NXDOMAIN",
                                  "--name", "mail1.trump-email.com"});
        QVERIFY(statsTotal(narrowed) > 0);
        QVERIFY(statsTotal(narrowed) < statsTotal(a));
    }

    void savedViewKeepsFilters()
    {
        Run r = cli({"views", m_project, "save", "nx", "--rcode", "NXDOMAIN", "--qtype", "AAAA", "--server",
                     "8.8.8.8", "--bucket", "day"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString a = m_dir.filePath(QStringLiteral("view.csv")), b = m_dir.filePath(QStringLiteral("flags.csv"));
        QCOMPARE(cli({"render", m_project, "--view", "nx", "-o", a}).exitCode, 0);
        QCOMPARE(cli({"render", m_project, "-o", b, "--rcode", "NXDOMAIN", "--qtype", "AAAA", "--server", "8.8.8.8",
                      "--bucket", "day"})
                     .exitCode,
                 0);
        auto buckets = [](const QString &path) {
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                return QStringList();
            QStringList out;
            for (const QByteArray &line : f.readAll().split('\n'))
                if (!line.startsWith('#') && !line.isEmpty())
                    out << QString::fromUtf8(line);
            return out;
        };
        const QStringList fromView = buckets(a);
        QVERIFY(fromView.size() > 1);
        QCOMPARE(fromView, buckets(b));
        // The provenance names the filters.
        QFile f(a);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY2(text.contains(QStringLiteral("rcode NXDOMAIN")) && text.contains(QStringLiteral("type AAAA"))
                     && text.contains(QStringLiteral("server 8.8.8.8")),
                 qPrintable(text.left(600)));
    }

    void usageErrors()
    {
        QCOMPARE(cli({"stats", m_project, "--rcode", "NOTACODE"}).exitCode, 1);
        QCOMPARE(cli({"stats", m_project, "--rcode", "5000"}).exitCode, 1);
        QCOMPARE(cli({"stats", m_project, "--qtype", "BOGUS"}).exitCode, 1);
        QCOMPARE(cli({"stats", m_project, "--qtype", "0"}).exitCode, 1);
        const Run bad = cli({"stats", m_project, "--server", "resolver"});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.err.contains(QStringLiteral("--server \"resolver\"")));
        const Run help = cli({"--help"});
        for (const char *word : {"--rcode", "--qtype", "--server", "NIMLOC"})
            QVERIFY2(help.out.contains(QLatin1String(word)), word);
    }
};

QTEST_GUILESS_MAIN(TestCliFilters)
#include "tst_clifilters.moc"
