// Our pcap import against tshark on the same capture, in the same run: a capture of N synthetic DNS
// queries and their responses (tests/import/dnswiretestsupport.h, the builder tst_pcapreader checks),
// or a capture given on the command line, read by
//   1. our pcap reader alone (into a counting sink), best of three;
//   2. a full `dnstimeline import` into a new project (the CLI built with this tree);
//   3. tshark -r FILE -Y dns -T fields -e frame.time_epoch -e ip.src -e dns.qry.name
// Prints each time, records/s, the ratios and PASS/FAIL lines against the 3x target (reader, and
// full import), and checks that our reader and tshark found the same queries (per client and name).
// Exit status 1 if the reader misses the target or the queries differ.
// usage: dnstimeline_bench_pcap [N | --file CAPTURE] [--cli PATH]      (default N: 200000)
#include "dnswiretestsupport.h"
#include "inputstream.h"
#include "reader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

using namespace dnt;

namespace
{

constexpr double kTarget = 3.0;

// Counts queries per "client name", the way tshark's fields print them.
struct QuerySink : RecordSink {
    QHash<QByteArray, int> perClientName;
    int64_t n = 0;
    bool keep = false;
    bool onRecord(const LookupRecord &r) override
    {
        ++n;
        if (keep) {
            QByteArray key(r.client.data(), qsizetype(r.client.size()));
            key += ' ';
            key.append(r.name.data(), qsizetype(r.name.size()));
            ++perClientName[key];
        }
        return true;
    }
    void onRejected(int64_t, std::string_view) override {}
    void onSkipped(int64_t, std::string_view) override {}
};

double readOnce(const QString &path, QuerySink *sink)
{
    QString error;
    QElapsedTimer t;
    t.start();
    auto stream = InputStream::openFile(path, &error);
    auto reader = createReader(QStringLiteral("pcap"));
    if (!stream || !reader || reader->read(*stream, *sink, &error) != ReadStatus::Finished) {
        std::fprintf(stderr, "pcap reader failed: %s\n", qPrintable(error));
        std::exit(2);
    }
    return t.nsecsElapsed() / 1e9;
}

// Runs a program to its end, its standard output into *out; wall seconds, or -1 if it failed.
double runTimed(const QString &program, const QStringList &args, QByteArray *out)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    if (!p.waitForStarted())
        return -1;
    while (!p.waitForFinished(50))
        if (out)
            *out += p.readAllStandardOutput();
    if (out)
        *out += p.readAllStandardOutput();
    const double seconds = t.nsecsElapsed() / 1e9;
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "%s failed: %s\n", qPrintable(program), p.readAllStandardError().constData());
        return -1;
    }
    return seconds;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int n = 200000;
    QString file, cli = QStringLiteral(DNT_CLI_PATH);
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--file" && i + 1 < argc)
            file = QString::fromLocal8Bit(argv[++i]);
        else if (a == "--cli" && i + 1 < argc)
            cli = QString::fromLocal8Bit(argv[++i]);
        else if (a.toInt() > 0)
            n = a.toInt();
        else {
            std::fprintf(stderr, "usage: %s [N | --file CAPTURE] [--cli PATH]\n", argv[0]);
            return 2;
        }
    }
    QTemporaryDir dir;
    if (file.isEmpty()) {
        file = dir.filePath(QStringLiteral("synthetic.pcap"));
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly) || f.write(test::syntheticCapture(n)) < 0) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(file));
            return 2;
        }
        std::printf("capture: %d synthetic queries + %d responses, %lld bytes\n", n, n,
                    static_cast<long long>(f.size()));
    } else {
        std::printf("capture: %s\n", qPrintable(file));
    }

    // 1. The reader alone, best of three (the cores are shared); the first run also keeps the
    //    queries for the comparison with tshark.
    QuerySink ours;
    ours.keep = true;
    readOnce(file, &ours);
    double reader = 1e9;
    for (int run = 0; run < 3; ++run) {
        QuerySink counter;
        reader = std::min(reader, readOnce(file, &counter));
    }

    // 2. tshark with the command line, timed; then, untimed, its view of the queries.
    QByteArray fields;
    const double tshark = runTimed(QStringLiteral("tshark"),
                                   {"-r", file, "-Y", "dns", "-T", "fields", "-e", "frame.time_epoch", "-e",
                                    "ip.src", "-e", "dns.qry.name"},
                                   &fields);
    if (tshark < 0) {
        std::fprintf(stderr, "tshark is needed (Debian package tshark)\n");
        return 2;
    }
    const int64_t tsharkLines = fields.count('\n');
    QByteArray queries;
    runTimed(QStringLiteral("tshark"),
             {"-r", file, "-Y", "dns.flags.response == 0", "-T", "fields", "-e", "ip.src", "-e", "dns.qry.name"},
             &queries);
    QHash<QByteArray, int> theirs;
    int64_t tsharkQueries = 0;
    for (QByteArray line : queries.split('\n')) {
        if (line.isEmpty())
            continue;
        ++tsharkQueries;
        ++theirs[line.replace('\t', ' ').toLower()];
    }

    // 3. A full import through the CLI into a new project.
    double import = -1;
    if (QFile::exists(cli))
        import = runTimed(cli, {"import", dir.filePath(QStringLiteral("bench.dnstimeline")), file}, nullptr);

    std::printf("%-34s %10s %14s %10s\n", "", "seconds", "queries/s", "tshark/x");
    std::printf("%-34s %10.3f %14.0f %10.2f\n", "pcap reader (best of 3)", reader, ours.n / reader, tshark / reader);
    if (import > 0)
        std::printf("%-34s %10.3f %14.0f %10.2f\n", "dnstimeline import (CLI, project)", import, ours.n / import,
                    tshark / import);
    else
        std::printf("%-34s %10s\n", "dnstimeline import (CLI, project)", "not run (no CLI)");
    std::printf("%-34s %10.3f %14.0f %10s   (%lld lines: queries and responses)\n", "tshark -Y dns -T fields", tshark,
                tsharkQueries / tshark, "1.00", static_cast<long long>(tsharkLines));

    const bool same = ours.n == tsharkQueries && ours.perClientName == theirs;
    std::printf("queries: ours %lld, tshark (dns.flags.response == 0) %lld, per client and name %s\n",
                static_cast<long long>(ours.n), static_cast<long long>(tsharkQueries), same ? "identical" : "DIFFERENT");
    // The reader is what this benchmark holds to the target; the full import adds the project
    // store's work (SQLite inserts, per-minute totals), which is the import benchmark's subject.
    const double ratio = tshark / reader;
    const bool fast = ratio >= kTarget;
    std::printf("%s pcap reader: %.2fx tshark's speed (target >= %.1fx)%s\n", fast && same ? "PASS" : "FAIL", ratio,
                kTarget, same ? "" : ", query counts differ");
    if (import > 0)
        std::printf("%s full dnstimeline import: %.2fx tshark's speed (target >= %.1fx)\n",
                    tshark / import >= kTarget ? "PASS" : "FAIL", tshark / import, kTarget);
    return fast && same ? 0 : 1;
}
