// Logs written by the real servers (tests/data/realdns, made by make-fixtures.sh): every reader must
// count, per minute, client, name and type, exactly the queries the script sent (counts.tsv), so the
// BIND, dnsmasq and Unbound logs and the capture of the same queries all agree.
#include "importtestsupport.h"
#include "reader.h"
#include "timeutil.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace dnt;
using namespace dnt::test;

namespace
{

using Counts = QMap<QString, int>; // "minute\tclient\tname\ttype" -> queries

const QString kDir = QStringLiteral(DNT_TEST_DATA "/realdns/");

QString typeName(int qtype)
{
    switch (qtype) {
    case 1: return QStringLiteral("A");
    case 28: return QStringLiteral("AAAA");
    case 15: return QStringLiteral("MX");
    case 16: return QStringLiteral("TXT");
    default: return QString::number(qtype);
    }
}

QString minuteOf(int64_t us)
{
    return formatIsoUtc(us - us % kUsPerMinute).left(16); // "2026-11-28T13:35"
}

Counts sentCounts()
{
    Counts counts;
    QFile f(kDir + "counts.tsv");
    if (!f.open(QIODevice::ReadOnly))
        return counts;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> c = line.split('\t');
        if (c.size() == 5)
            counts[QString::fromUtf8(c[0] + '\t' + c[1] + '\t' + c[2] + '\t' + c[3])] += c[4].toInt();
    }
    return counts;
}

// Counts what a reader finds in a file, keeping only queries to `server` when it is not empty.
class CountSink : public RecordSink
{
public:
    Counts counts;
    QString server;
    int rejected = 0;
    QStringList reasons;
    bool onRecord(const LookupRecord &r) override
    {
        if (!server.isEmpty() && QString::fromLatin1(r.server.data(), qsizetype(r.server.size())) != server)
            return true;
        const QString key = minuteOf(r.timeUs) + '\t' + QString::fromLatin1(r.client.data(), qsizetype(r.client.size())) +
                            '\t' + QString::fromLatin1(r.name.data(), qsizetype(r.name.size())) + '\t' +
                            typeName(r.qtype);
        ++counts[key];
        return true;
    }
    void onRejected(int64_t line, std::string_view reason) override
    {
        ++rejected;
        reasons.append(QStringLiteral("%1: %2").arg(line).arg(QString::fromUtf8(reason.data(), qsizetype(reason.size()))));
    }
    void onSkipped(int64_t, std::string_view) override {}
};

void readFile(const QString &format, const QString &file, ReaderOptions options, CountSink *sink, QString *zone = nullptr,
              int *year = nullptr)
{
    options.path = kDir + file;
    auto reader = createReader(format, options);
    QVERIFY(reader);
    QString error;
    auto stream = InputStream::openFile(kDir + file, &error);
    QVERIFY2(stream, qPrintable(error));
    QCOMPARE(reader->read(*stream, *sink, &error), ReadStatus::Finished);
    QVERIFY2(sink->rejected == 0, qPrintable(sink->reasons.mid(0, 3).join('\n')));
    if (zone)
        *zone = reader->assumedZone();
    if (year)
        *year = reader->assumedYear();
}

void compareCounts(const Counts &actual, const Counts &expected)
{
    for (auto it = expected.begin(); it != expected.end(); ++it)
        QVERIFY2(actual.value(it.key()) == it.value(),
                 qPrintable(QStringLiteral("%1: %2 found, %3 sent").arg(it.key()).arg(actual.value(it.key())).arg(it.value())));
    for (auto it = actual.begin(); it != actual.end(); ++it)
        QVERIFY2(expected.contains(it.key()), qPrintable(QStringLiteral("%1: found but not sent").arg(it.key())));
}

// dnsperf.tsv: "server\tsource\tsent\tcompleted\tlost" per server, from dnsperf's own summary.
struct PerfRun {
    QString source;
    int sent = 0, completed = 0, lost = 0;
};
QMap<QString, PerfRun> dnsperfRuns()
{
    QMap<QString, PerfRun> runs;
    QFile f(kDir + "dnsperf.tsv");
    if (!f.open(QIODevice::ReadOnly))
        return runs;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> c = line.split('\t');
        if (line.startsWith('#') || c.size() != 5)
            continue;
        runs[QString::fromLatin1(c[0])] = {QString::fromLatin1(c[1]), c[2].toInt(), c[3].toInt(), c[4].toInt()};
    }
    return runs;
}

int totalFrom(const Counts &counts, const QString &client)
{
    int n = 0;
    for (auto it = counts.begin(); it != counts.end(); ++it)
        if (it.key().section('\t', 1, 1) == client)
            n += it.value();
    return n;
}

} // namespace

class TstRealDns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void perFormat_data();
    void perFormat();
    void yearInferredFromMtime();
    void detected_data();
    void detected();
    void capture();
    void dnsperfCounted_data();
    void dnsperfCounted();

private:
    Counts m_sent;
    QMap<QString, PerfRun> m_perf;
};

void TstRealDns::initTestCase()
{
    m_sent = sentCounts();
    QVERIFY(!m_sent.isEmpty());
    int total = 0;
    for (int n : m_sent)
        total += n;
    // ROUNDS dig queries in make-fixtures.sh, plus what dnsperf sent (the same input to each server).
    m_perf = dnsperfRuns();
    QCOMPARE(m_perf.size(), 4);
    const int perfSent = m_perf.first().sent;
    for (const PerfRun &run : m_perf) {
        QCOMPARE(run.sent, perfSent);
        QCOMPARE(run.completed, run.sent);
        QCOMPARE(run.lost, 0);
    }
    QVERIFY(perfSent >= 100);
    QCOMPARE(totalFrom(m_sent, m_perf.first().source), perfSent);
    QCOMPARE(total, 120 + perfSent);
}

// Every server's log holds exactly dnsperf's "Queries sent" from dnsperf's source address, and the
// capture holds as many queries from it to that server.
void TstRealDns::dnsperfCounted_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("server");
    QTest::newRow("bind") << "bind" << "bind-iso8601-utc.log" << "127.0.0.2";
    QTest::newRow("unbound") << "unbound" << "unbound.log" << "127.0.0.3";
    QTest::newRow("unbound ascii") << "unbound" << "unbound-ascii.log" << "127.0.0.4";
    QTest::newRow("dnsmasq") << "dnsmasq" << "dnsmasq.log" << "127.0.0.5";
}

void TstRealDns::dnsperfCounted()
{
    QFETCH(QString, format);
    QFETCH(QString, file);
    QFETCH(QString, server);
    const PerfRun run = m_perf.value(server);
    QVERIFY(run.sent > 0);
    ReaderOptions options;
    options.year = 2026;
    CountSink log;
    readFile(format, file, options, &log);
    QCOMPARE(totalFrom(log.counts, run.source), run.sent);
    if (!createReader(QStringLiteral("pcap")))
        return;
    CountSink capture;
    capture.server = server;
    readFile(QStringLiteral("pcap"), QStringLiteral("capture.pcap"), {}, &capture);
    QCOMPARE(totalFrom(capture.counts, run.source), run.sent);
}

void TstRealDns::perFormat_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("file");
    QTest::newRow("bind print-time local") << "bind" << "bind-local.log";
    QTest::newRow("bind iso8601") << "bind" << "bind-iso8601.log";
    QTest::newRow("bind iso8601-utc") << "bind" << "bind-iso8601-utc.log";
    QTest::newRow("unbound epoch") << "unbound" << "unbound.log";
    QTest::newRow("unbound log-time-ascii") << "unbound" << "unbound-ascii.log";
    QTest::newRow("dnsmasq log-queries=extra") << "dnsmasq" << "dnsmasq.log";
}

void TstRealDns::perFormat()
{
    QFETCH(QString, format);
    QFETCH(QString, file);
    // The servers ran with TZ=UTC; the year-less stamps are from 2026.
    ReaderOptions options;
    options.year = 2026;
    CountSink sink;
    QString zone;
    readFile(format, file, options, &sink, &zone);
    // Epoch and "…Z" stamps assume no zone; the others were read in the default UTC.
    const bool exact = file == QLatin1String("bind-iso8601-utc.log") || file == QLatin1String("unbound.log");
    QCOMPARE(zone, exact ? QString() : QStringLiteral("UTC"));
    compareCounts(sink.counts, m_sent);
}

void TstRealDns::yearInferredFromMtime()
{
    // The fixtures were written on 2026-11-28; an mtime early the next year puts them in 2026 too.
    for (const auto &[format, file] : {std::pair{"dnsmasq", "dnsmasq.log"}, {"unbound", "unbound-ascii.log"}}) {
        ReaderOptions options;
        options.fileModifiedUs =
            QDateTime(QDate(2027, 1, 10), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch() * 1000;
        CountSink sink;
        int year = 0;
        readFile(format, file, options, &sink, nullptr, &year);
        QCOMPARE(year, 2026);
        compareCounts(sink.counts, m_sent);
    }
}

void TstRealDns::detected_data()
{
    perFormat_data();
}

void TstRealDns::detected()
{
    QFETCH(QString, format);
    QFETCH(QString, file);
    QString error;
    auto stream = InputStream::openFile(kDir + file, &error);
    QVERIFY(stream);
    QCOMPARE(detectFormat(stream->peek(64 * 1024)), format);
}

// The capture of the same queries (tcpdump on lo): each server's share must equal what was sent, and
// tshark's own reading of the file must agree.
void TstRealDns::capture()
{
    if (!createReader(QStringLiteral("pcap")))
        QSKIP("pcap reader not built");
    for (const QString server : {"127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"}) {
        CountSink sink;
        sink.server = server;
        readFile(QStringLiteral("pcap"), QStringLiteral("capture.pcap"), {}, &sink);
        compareCounts(sink.counts, m_sent);
    }
    const QString tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
    if (tshark.isEmpty())
        QSKIP("tshark not installed");
    QProcess p;
    p.start(tshark, {"-r", kDir + "capture.pcap", "-Y", "dns.flags.response == 0", "-T", "fields", "-e",
                     "frame.time_epoch", "-e", "ip.src", "-e", "ip.dst", "-e", "dns.qry.name", "-e", "dns.qry.type"});
    QVERIFY(p.waitForFinished(120000));
    QMap<QString, Counts> perServer;
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() != 5)
            continue;
        const int64_t us = static_cast<int64_t>(f[0].toDouble() * 1e6); // minute resolution is enough
        ++perServer[QString::fromLatin1(f[2])][minuteOf(us) + '\t' + QString::fromLatin1(f[1]) + '\t' +
                                                 QString::fromLatin1(f[3]).toLower() + '\t' + typeName(f[4].toInt())];
    }
    QCOMPARE(perServer.size(), 4);
    for (auto it = perServer.begin(); it != perServer.end(); ++it)
        compareCounts(it.value(), m_sent);
}

QTEST_GUILESS_MAIN(TstRealDns)
#include "tst_realdns.moc"
