// Deterministic benchmark data: N synthetic lookups as a Zeek dns.log (TSV), about 50,000 names with
// Zipf-like popularity, 500 clients, a diurnal rhythm, 30 days from 2024-03-04T00:00:00Z, in time order.
// usage: dnstimeline_genzeek N OUT.log [SEED]   (prints the busiest name on stdout)
// Another SEED gives a different file with the same shape (same names, clients and days), e.g. to import
// a second file into a project that already holds the first.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

struct Rng
{
    uint64_t state;
    uint64_t next()
    {
        uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
};

} // namespace

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4) {
        std::fprintf(stderr, "usage: %s N OUT.log [SEED]\n", argv[0]);
        return 1;
    }
    const int64_t n = std::atoll(argv[1]);
    FILE *out = std::fopen(argv[2], "wb");
    if (!out || n <= 0) {
        std::fprintf(stderr, "%s: cannot write or bad N\n", argv[0]);
        return 2;
    }
    std::setvbuf(out, nullptr, _IOFBF, 1 << 20);
    Rng rng{argc == 4 ? std::strtoull(argv[3], nullptr, 10) : 42};

    const int kNames = 50000, kClients = 500, kDays = 30;
    const char *tlds[] = {"com", "net", "org", "ru", "de", "io"};
    std::vector<std::string> names(kNames);
    for (int i = 0; i < kNames; ++i) {
        const int domain = i / 5; // five hosts per registrable domain
        names[i] = (i % 5 == 0 ? std::string("www") : "h" + std::to_string(i % 5)) + ".d" + std::to_string(domain)
                   + ".example-" + std::to_string(domain % 97) + "." + tlds[domain % 6];
    }
    // Zipf(s=1) cumulative weights over name ranks.
    std::vector<double> cdf(kNames);
    double acc = 0;
    for (int i = 0; i < kNames; ++i)
        cdf[i] = (acc += 1.0 / (i + 1));
    for (double &c : cdf)
        c /= acc;
    std::vector<std::string> clients(kClients);
    for (int i = 0; i < kClients; ++i)
        clients[i] = "10." + std::to_string(i / 250) + "." + std::to_string((i / 10) % 25) + "." + std::to_string(i % 250 + 1);
    // Diurnal rhythm: hourly weights, busiest in the afternoon.
    double hourW[24], hourAcc = 0;
    for (int h = 0; h < 24; ++h)
        hourAcc += (hourW[h] = 1.0 + 0.9 * std::sin((h - 8) * 3.14159265358979 / 12.0));
    // Lookups per hour slot, in time order, so the file is sorted like a real log.
    const int64_t start = 1709510400; // 2024-03-04T00:00:00Z, a Monday
    const int slots = kDays * 24;
    std::vector<int64_t> perSlot(slots);
    int64_t assigned = 0;
    for (int s = 0; s < slots; ++s) {
        perSlot[s] = static_cast<int64_t>(static_cast<double>(n) * hourW[s % 24] / hourAcc / kDays);
        assigned += perSlot[s];
    }
    for (int s = 0; assigned < n; s = (s + 1) % slots, ++assigned)
        ++perSlot[s];

    std::fprintf(out, "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tdns\n"
                      "#open\t2024-03-04-00-00-00\n"
                      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqclass\t"
                      "qclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected\n"
                      "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tinterval\tstring\tcount\tstring\tcount\t"
                      "string\tcount\tstring\tbool\tbool\tbool\tbool\tcount\tvector[string]\tvector[interval]\tbool\n");
    std::vector<int64_t> times;
    uint64_t seq = 0;
    for (int s = 0; s < slots; ++s) {
        times.resize(static_cast<size_t>(perSlot[s]));
        for (auto &t : times)
            t = (start + s * 3600) * 1000000LL + static_cast<int64_t>(rng.next() % 3600000000ULL);
        std::sort(times.begin(), times.end());
        for (int64_t t : times) {
            const int name = static_cast<int>(std::lower_bound(cdf.begin(), cdf.end(), rng.unit()) - cdf.begin());
            const int client = static_cast<int>(rng.next() % kClients);
            const int qtype = (rng.next() % 10) < 7 ? 1 : 28;
            const bool nx = rng.next() % 50 == 0;
            std::fprintf(out,
                         "%lld.%06lld\tCb%011llx\t%s\t%u\t10.255.0.53\t53\tudp\t%u\t0.%06u\t%s\t1\tC_INTERNET\t%d\t%s\t%d\t%s\tF\tF\tT\tT\t0\t"
                         "%s\t%s\tF\n",
                         static_cast<long long>(t / 1000000), static_cast<long long>(t % 1000000),
                         static_cast<unsigned long long>(++seq), clients[client].c_str(),
                         static_cast<unsigned>(1024 + rng.next() % 60000), static_cast<unsigned>(rng.next() % 65536),
                         static_cast<unsigned>(rng.next() % 200000), names[std::min(name, kNames - 1)].c_str(), qtype,
                         qtype == 1 ? "A" : "AAAA", nx ? 3 : 0, nx ? "NXDOMAIN" : "NOERROR", nx ? "-" : "192.0.2.1",
                         nx ? "-" : "300.000000");
        }
    }
    std::fprintf(out, "#close\t2024-04-03-00-00-00\n");
    std::fclose(out);
    std::printf("%s\n", names[0].c_str());
    return 0;
}
