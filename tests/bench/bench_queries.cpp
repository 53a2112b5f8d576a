// 200 random chart queries (random name or domain, random range, random bucket) in one process, each
// on the reader-thread code path (Store::volume); prints the median and the 95th percentile. Half of the
// names are drawn uniformly from all names, half log-uniformly by rank (so the busiest names, the ones
// with the most roll-up rows to read, come up often); the busy half is also reported on its own.
// usage: dnstimeline_bench_queries PROJECT [COUNT]
#include "store.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s PROJECT [COUNT]\n", argv[0]);
        return 1;
    }
    const int count = argc > 2 ? std::atoi(argv[2]) : 200;
    QString error;
    auto store = dnt::Store::open(QString::fromLocal8Bit(argv[1]), dnt::Store::Mode::ReadOnly, &error);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    const auto names = store->topNames(100000);
    const auto totals = store->totals();
    if (names.isEmpty() || !totals.firstUs) {
        std::fprintf(stderr, "empty project\n");
        return 2;
    }
    std::mt19937_64 rng(7);
    const dnt::BucketUnit units[] = {dnt::BucketUnit::Minute, dnt::BucketUnit::Hour, dnt::BucketUnit::Day,
                                     dnt::BucketUnit::Week};
    std::vector<double> ms, busyMs;
    int64_t checksum = 0;
    for (int i = 0; i < count; ++i) {
        dnt::VolumeQuery q;
        const bool busy = i % 2 == 1;
        const double u = static_cast<double>(rng() >> 11) / 9007199254740992.0;
        const auto rank = busy ? std::min<qsizetype>(names.size() - 1, static_cast<qsizetype>(std::pow(double(names.size()), u)) - 1)
                               : static_cast<qsizetype>(rng() % names.size());
        const QString name = names.at(std::max<qsizetype>(0, rank)).name;
        if (rng() % 2) {
            q.selection.names << name;
        } else {
            // The name's registrable-looking parent: drop the first label.
            const qsizetype dot = name.indexOf(QLatin1Char('.'));
            q.selection.domains << (dot > 0 ? name.mid(dot + 1) : name);
        }
        const int64_t span = *totals.lastUs - *totals.firstUs;
        const int64_t a = *totals.firstUs + static_cast<int64_t>(rng() % static_cast<uint64_t>(std::max<int64_t>(1, span)));
        const int64_t b = *totals.firstUs + static_cast<int64_t>(rng() % static_cast<uint64_t>(std::max<int64_t>(1, span)));
        q.unit = units[rng() % 4];
        // Keep minute buckets to ranges a screen can show (about 2,000 buckets at most).
        int64_t from = std::min(a, b), to = std::max(a, b) + 1;
        if (q.unit == dnt::BucketUnit::Minute)
            to = std::min<int64_t>(to, from + 2000 * int64_t(60000000));
        q.fromUs = dnt::bucketFloor(from, q.unit);
        q.toUs = dnt::bucketNext(dnt::bucketFloor(to, q.unit), q.unit);
        QElapsedTimer t;
        t.start();
        const dnt::VolumeSeries v = store->volume(q);
        ms.push_back(t.nsecsElapsed() / 1e6);
        if (busy)
            busyMs.push_back(ms.back());
        checksum += v.total();
    }
    auto quantile = [](std::vector<double> v, double q) {
        std::sort(v.begin(), v.end());
        return v.empty() ? 0.0 : v[std::min(v.size() - 1, static_cast<size_t>(static_cast<double>(v.size()) * q))];
    };
    std::printf("queries: %d, median %.2f ms, p95 %.2f ms, max %.2f ms; busy names: median %.2f ms, p95 %.2f ms "
                "(checksum %lld)\n",
                count, quantile(ms, 0.5), quantile(ms, 0.95), quantile(ms, 1.0), quantile(busyMs, 0.5),
                quantile(busyMs, 0.95), static_cast<long long>(checksum));
    return 0;
}
