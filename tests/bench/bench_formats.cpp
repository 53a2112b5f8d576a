// The same synthetic lookups rendered in every text format, each parsed by its reader from memory:
// records per second next to the Zeek TSV reader's, measured in the same run. With --pcap, also a
// capture of the same lookups read by our pcap reader and by `tshark -r FILE -Y dns -T fields …`.
// usage: dnstimeline_bench_formats [N] [--pcap]
#include "inputstream.h"
#include "reader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>
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

double rate(const QString &format, const QByteArray &data, int64_t *count, ReaderOptions options = {})
{
    double best = 0;
    for (int run = 0; run < 3; ++run) {
        auto stream = InputStream::fromBytes(data);
        auto reader = createReader(format, options);
        Counter sink;
        QString error;
        QElapsedTimer t;
        t.start();
        reader->read(*stream, sink, &error);
        const double seconds = t.nsecsElapsed() / 1e9;
        *count = sink.n;
        best = std::max(best, sink.n / seconds);
    }
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 && argv[1][0] != '-' ? std::atoi(argv[1]) : 300000;
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
    const QVector<Format> formats{
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
    double zeekRate = 0;
    std::printf("%-12s %12s %14s %8s\n", "format", "records", "records/s", "x zeek");
    for (const Format &f : formats) {
        QByteArray data = f.header;
        data.reserve(n * 200);
        for (const Lookup &l : lookups)
            data += f.line(l);
        int64_t count = 0;
        const double r = rate(QString::fromLatin1(f.name), data, &count, f.options);
        if (zeekRate == 0)
            zeekRate = r;
        std::printf("%-12s %12lld %14.0f %8.2f%s\n", f.name, static_cast<long long>(count), r, r / zeekRate,
                    count == n ? "" : "  (count differs!)");
    }
    return 0;
}
