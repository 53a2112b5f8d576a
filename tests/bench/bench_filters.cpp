// What the lookup filters (rcode, qtype, server) cost: the same chart query (whole range, hour buckets,
// no split) and the same records count without a filter (per-minute roll-ups) and with each filter
// (the lookups rows of the range), on one project, in one run; plus the facets query of the filter row.
// Prints the median of 5 runs of each and the ratio to the unfiltered query.
// usage: dnstimeline_bench_filters PROJECT [LOG]  (LOG: imported into PROJECT first, e.g. from genzeek)
#include "importer.h"
#include "store.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <vector>

namespace {

// Median wall time of 5 runs; *cpuMs gets the median CPU time (on a shared machine the wall time
// grows with the load, the CPU time much less).
double medianMs(const std::function<int64_t()> &run, int64_t *result, double *cpuMs = nullptr)
{
    std::vector<double> ms, cpu;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer t;
        t.start();
        const std::clock_t c = std::clock();
        *result = run();
        cpu.push_back(double(std::clock() - c) * 1000.0 / CLOCKS_PER_SEC);
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    std::sort(cpu.begin(), cpu.end());
    if (cpuMs)
        *cpuMs = cpu[cpu.size() / 2];
    return ms[ms.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s PROJECT [LOG]\n", argv[0]);
        return 1;
    }
    QString error;
    const QString path = QString::fromLocal8Bit(argv[1]);
    if (argc > 2) {
        auto w = dnt::Store::open(path, dnt::Store::Mode::Create, &error);
        if (!w) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 2;
        }
        dnt::Importer importer(w.get());
        const auto report = importer.importFiles({QString::fromLocal8Bit(argv[2])});
        Q_UNUSED(report);
        if (!w->ensureRecordIndex(&error))
            std::fprintf(stderr, "%s\n", qPrintable(error));
    }
    auto store = dnt::Store::open(path, dnt::Store::Mode::ReadOnly, &error);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    const auto totals = store->totals();
    std::printf("project: %lld lookups, %lld names\n", static_cast<long long>(totals.lookups),
                static_cast<long long>(totals.names));
    const auto facets = store->lookupFacets();
    struct Case
    {
        const char *label;
        dnt::Selection selection;
    };
    std::vector<Case> cases;
    cases.push_back({"no filter", {}});
    dnt::Selection s;
    s.rcodes = {3};
    cases.push_back({"--rcode NXDOMAIN", s});
    s = {};
    s.qtypes = {28};
    cases.push_back({"--qtype AAAA", s});
    s = {};
    if (!facets.servers.isEmpty())
        s.servers = {facets.servers.first().value};
    cases.push_back({"--server (busiest)", s});
    const auto top = store->topNames(1);
    s = {};
    if (!top.isEmpty())
        s.names = {top.first().name};
    cases.push_back({"--name (busiest)", s});
    s.rcodes = {3};
    cases.push_back({"--name (busiest) --rcode NXDOMAIN", s});
    double base = 0;
    for (const Case &c : cases) {
        int64_t total = 0, counted = 0;
        double cpu = 0;
        const double chart = medianMs(
            [&] {
                dnt::VolumeQuery q;
                q.selection = c.selection;
                q.unit = dnt::BucketUnit::Hour;
                const auto range = store->timeRange(c.selection); // what the chart asks first
                if (!range)
                    return int64_t(0);
                q.fromUs = range->first;
                q.toUs = range->second + 1;
                return store->volume(q).total();
            },
            &total, &cpu);
        dnt::RecordQuery rq;
        rq.selection = c.selection;
        const double count = medianMs([&] { return store->recordCount(rq); }, &counted);
        if (base == 0)
            base = cpu > 0 ? cpu : 1;
        std::printf("%-36s chart %9.1f ms wall %9.1f ms CPU (%6.1fx CPU)  records count %9.1f ms  lookups %lld%s\n",
                    c.label, chart, cpu, cpu / base, count, static_cast<long long>(total),
                    total == counted ? "" : "  MISMATCH");
    }
    int64_t values = 0;
    double facetsCpu = 0;
    const double f = medianMs(
        [&] {
            const auto v = store->lookupFacets();
            return int64_t(v.rcodes.size() + v.qtypes.size() + v.servers.size());
        },
        &values, &facetsCpu);
    std::printf("facets (filter row)                  %9.1f ms wall %9.1f ms CPU  values %lld\n", f, facetsCpu,
                static_cast<long long>(values));
    return 0;
}
