// The same synthetic lookups rendered in every text format, each parsed by its reader from memory:
// records per second next to the Zeek TSV reader's, measured in the same run. The machine may be
// shared, so each round times the Zeek reader and then the format back to back and takes their
// ratio; after ROUNDS rounds each format gets its median and minimum ratio and a PASS/FAIL line
// against the target (median at least 0.5x Zeek TSV). Exit status 1 if any format fails.
// By default the readers read from a plain in-memory stream, so the figures are the readers' own;
// with --input-layer they read through InputStream::fromBytes, which also SHA-256-hashes every byte
// for the file's provenance (a per-byte cost the same for every format, that weighs more on the
// longer JSON lines).
// usage: dnstimeline_bench_formats [--input-layer] [N] [ROUNDS] [FORMAT...]   (defaults: 200000 lookups, 5 rounds,
//        every format; Zeek TSV, the baseline, is always measured)
// The pcap reader against tshark: dnstimeline_bench_pcap.
#include "inputstream.h"
#include "reader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <functional>

using namespace dnt;

namespace {

struct Counter : RecordSink
{
    int64_t n = 0, rejected = 0;
    bool onRecord(const LookupRecord &) override { return ++n, true; }
    void onRejected(int64_t, std::string_view) override { ++rejected; }
    void onSkipped(int64_t, std::string_view) override {}
};

struct Lookup
{
    int64_t sec;
    int usec;
    QByteArray client;
    QByteArray name;
};

QVector<Lookup> makeLookups(int n)
{
    QVector<Lookup> out;
    out.reserve(n);
    uint64_t x = 7;
    for (int i = 0; i < n; ++i) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        out.append({1709510400 + i / 10, int((x >> 20) % 1000000),
                    "10.0." + QByteArray::number((x >> 40) % 4) + "." + QByteArray::number((x >> 44) % 250 + 1),
                    "h" + QByteArray::number((x >> 30) % 5) + ".d" + QByteArray::number((x >> 33) % 5000) + ".example.com"});
    }
    return out;
}

QByteArray utcText(int64_t sec, const char *fmt)
{
    const QDateTime t = QDateTime::fromSecsSinceEpoch(sec, QTimeZone::utc());
    return t.toString(QString::fromLatin1(fmt)).toLatin1();
}

// Bytes in memory handed to a reader as they are: no decompression, no hashing.
class MemoryStream : public InputStream
{
public:
    explicit MemoryStream(const QByteArray &data) : m_data(data) { m_rawSize = data.size(); }
    int64_t read(char *buffer, int64_t maxBytes) override
    {
        const int64_t n = std::min<int64_t>(maxBytes, m_data.size() - m_pos);
        std::memcpy(buffer, m_data.constData() + m_pos, static_cast<size_t>(n));
        m_pos += n;
        m_rawBytesRead = m_pos;
        return n;
    }
    QByteArray peek(int64_t maxBytes) override { return m_data.left(maxBytes); }
    QByteArray sha256Hex() override { return {}; }

private:
    const QByteArray &m_data;
    int64_t m_pos = 0;
};

bool g_inputLayer = false;

double rate(const QString &format, const QByteArray &data, int64_t *count, ReaderOptions options = {})
{
    std::unique_ptr<InputStream> stream =
        g_inputLayer ? InputStream::fromBytes(data) : std::make_unique<MemoryStream>(data);
    auto reader = createReader(format, options);
    Counter sink;
    QString error;
    QElapsedTimer t;
    t.start();
    reader->read(*stream, sink, &error);
    const double seconds = t.nsecsElapsed() / 1e9;
    *count = sink.n;
    return sink.n / seconds;
}

double median(QVector<double> v)
{
    std::sort(v.begin(), v.end());
    const qsizetype m = v.size() / 2;
    return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args;
    for (int i = 1; i < argc; ++i) {
        if (QByteArray(argv[i]) == "--input-layer")
            g_inputLayer = true;
        else
            args.append(QString::fromLocal8Bit(argv[i]));
    }
    const int n = args.size() > 0 ? std::max(1, args[0].toInt()) : 200000;
    const int rounds = args.size() > 1 ? std::max(1, args[1].toInt()) : 5;
    constexpr double kTarget = 0.5;
    const QVector<Lookup> lookups = makeLookups(n);
    struct Format
    {
        const char *name;
        std::function<QByteArray(const Lookup &)> line;
        QByteArray header;
        ReaderOptions options;
    };
    ReaderOptions csvOptions;
    csvOptions.csvColumns = QStringLiteral("time=ts,client=src,name=query,type=qtype");
    ReaderOptions year;
    year.year = 2024;
    const QVector<Format> allFormats{
        {"zeek",
         [](const Lookup &l) {
             return QByteArray::number(l.sec) + "." + QByteArray::number(l.usec).rightJustified(6, '0') + "\tCb1\t"
                    + l.client + "\t40000\t10.255.0.53\t53\tudp\t4711\t0.000100\t" + l.name
                    + "\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t192.0.2.1\t300.000000\tF\n";
         },
         "#separator \\x09\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqclass\t"
         "qclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected\n",
         {}},
        {"zeek-json",
         [](const Lookup &l) {
             return "{\"ts\":" + QByteArray::number(l.sec) + "." + QByteArray::number(l.usec).rightJustified(6, '0')
                    + ",\"uid\":\"Cb1\",\"id.orig_h\":\"" + l.client + "\",\"id.orig_p\":40000,\"id.resp_h\":\"10.255.0.53\","
                    + "\"id.resp_p\":53,\"proto\":\"udp\",\"query\":\"" + l.name + "\",\"qtype\":1,\"rcode\":0}\n";
         },
         {},
         {}},
        {"bind",
         [](const Lookup &l) {
             return utcText(l.sec, "dd-MMM-yyyy HH:mm:ss") + ".123 client @0x7f1d55e6b098 " + l.client + "#40000 (" + l.name
                    + "): query: " + l.name + " IN A +E(0)K (10.255.0.53)\n";
         },
         {},
         {}},
        {"dnsmasq",
         [](const Lookup &l) {
             // syslog: "Mar  4 00:00:00", the day padded with a space
             return utcText(l.sec, "MMM") + " " + utcText(l.sec, "d").rightJustified(2, ' ') + " "
                    + utcText(l.sec, "HH:mm:ss") + " dnsmasq[31189]: query[A] " + l.name
                    + " from " + l.client + "\n";
         },
         {},
         year},
        {"unbound",
         [](const Lookup &l) {
             return "[" + QByteArray::number(l.sec) + "] unbound[31187:0] info: " + l.client + " " + l.name + ". A IN\n";
         },
         {},
         {}},
        {"suricata",
         [](const Lookup &l) {
             return "{\"timestamp\":\"" + utcText(l.sec, "yyyy-MM-ddTHH:mm:ss") + "." + QByteArray::number(l.usec).rightJustified(6, '0')
                    + "+0000\",\"flow_id\":1184305397297016,\"event_type\":\"dns\",\"src_ip\":\"" + l.client
                    + "\",\"src_port\":37681,\"dest_ip\":\"10.255.0.53\",\"dest_port\":53,\"proto\":\"UDP\",\"dns\":{\"type\":"
                      "\"query\",\"id\":16000,\"rrname\":\"" + l.name + "\",\"rrtype\":\"A\",\"tx_id\":0}}\n";
         },
         {},
         {}},
        {"route53",
         [](const Lookup &l) {
             return "{\"version\":\"1.100000\",\"account_id\":\"111122223333\",\"region\":\"us-east-1\",\"vpc_id\":\"vpc-7example\","
                    "\"query_timestamp\":\"" + utcText(l.sec, "yyyy-MM-ddTHH:mm:ss") + "Z\",\"query_name\":\"" + l.name
                    + ".\",\"query_type\":\"A\",\"query_class\":\"IN\",\"rcode\":\"NOERROR\",\"answers\":[],\"srcaddr\":\"" + l.client
                    + "\",\"srcport\":\"56067\",\"transport\":\"UDP\"}\n";
         },
         {},
         {}},
        {"coredns",
         [](const Lookup &l) {
             return utcText(l.sec, "yyyy-MM-ddTHH:mm:ss") + ".123Z [INFO] " + l.client + ":52591 - 33222 \"A IN " + l.name
                    + ". udp 41 false 4096\" NOERROR qr,rd 41 0.000154s\n";
         },
         {},
         {}},
        {"windows-dns",
         [](const Lookup &l) {
             QByteArray wire;
             for (const QByteArray &label : l.name.split('.'))
                 wire += "(" + QByteArray::number(label.size()) + ")" + label;
             return utcText(l.sec, "M/d/yyyy h:mm:ss AP") + " 0E70 PACKET  00000000033397A0 UDP Rcv " + l.client
                    + "        4c4a   Q [0001   D   NOERROR] A      " + wire + "(0)\n";
         },
         {},
         {}},
        {"csv",
         [](const Lookup &l) {
             return QByteArray::number(l.sec) + "," + l.client + "," + l.name + ",A\n";
         },
         "ts,src,query,qtype\n",
         csvOptions},
    };
    // Render every (chosen) format once; then each round times Zeek TSV and a format back to back.
    const QStringList only = args.mid(2);
    QVector<Format> chosen;
    for (const Format &f : allFormats)
        if (chosen.isEmpty() || only.isEmpty() || only.contains(QLatin1String(f.name)))
            chosen.append(f);
    const QVector<Format> &formats = chosen;
    QVector<QByteArray> data;
    for (const Format &f : formats) {
        QByteArray d = f.header;
        d.reserve(n * 200);
        for (const Lookup &l : lookups)
            d += f.line(l);
        data.append(d);
    }
    const qsizetype count = formats.size();
    QVector<QVector<double>> rates(count), ratios(count);
    QVector<int64_t> counts(count, 0);
    for (int round = 0; round < rounds; ++round) {
        for (qsizetype i = 0; i < count; ++i) {
            int64_t zeekCount = 0;
            const double zeek = rate(QStringLiteral("zeek"), data[0], &zeekCount, formats[0].options);
            const double r = i == 0 ? zeek : rate(QString::fromLatin1(formats[i].name), data[i], &counts[i], formats[i].options);
            if (i == 0)
                counts[0] = zeekCount;
            rates[i].append(r);
            ratios[i].append(r / zeek);
        }
    }
    std::printf("%d lookups per format, %d rounds, read from %s; ratio = records/s / Zeek TSV records/s, "
                "timed back to back\n",
                n, rounds, g_inputLayer ? "InputStream::fromBytes (with SHA-256)" : "memory (readers only)");
    std::printf("%-12s %10s %14s %12s %12s\n", "format", "records", "records/s", "x zeek (med)", "x zeek (min)");
    bool allPass = true;
    QByteArray verdicts;
    for (qsizetype i = 0; i < count; ++i) {
        const double med = median(ratios[i]);
        const double low = *std::min_element(ratios[i].begin(), ratios[i].end());
        const bool countOk = counts[i] == n;
        std::printf("%-12s %10lld %14.0f %12.2f %12.2f%s\n", formats[i].name, static_cast<long long>(counts[i]),
                    median(rates[i]), med, low, countOk ? "" : "  (count differs!)");
        if (i == 0)
            continue;
        const bool pass = med >= kTarget && countOk;
        allPass = allPass && pass;
        verdicts += QByteArray(pass ? "PASS" : "FAIL") + " " + formats[i].name + ": median " +
                    QByteArray::number(med, 'f', 2) + "x, min " + QByteArray::number(low, 'f', 2) +
                    "x Zeek TSV (target >= " + QByteArray::number(kTarget, 'f', 1) + "x)" +
                    (countOk ? "" : ", record count differs") + "\n";
    }
    std::printf("%s", verdicts.constData());
    return allPass ? 0 : 1;
    return 0;
}
