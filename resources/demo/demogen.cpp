// Writes the bundled demo: a SYNTHETIC Zeek dns.log shaped only after the published totals of the
// 2016 case (lookups of mail1.trump-email.com by two resolvers of a Moscow bank and by one other
// client), plus background traffic. No lookup in it was ever observed: every line is generated here.
//
// Deterministic: the same output on every machine (own PRNG, integer arithmetic only).
// Usage: dnstimeline_demogen OUT_DNS_LOG
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace {

// splitmix64: a small PRNG whose output is fully defined, unlike std::*_distribution.
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
    uint64_t below(uint64_t n) { return next() % n; }
};

int64_t daysFromCivil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int64_t day(unsigned m, unsigned d)
{
    return daysFromCivil(2016, m, d);
}

struct Lookup
{
    int64_t us;
    std::string client;
    std::string name;
    int qtype;
};

// Picks `count` times between firstDay and lastDay (inclusive), weighted per day by weightOfDay and per
// UTC hour by hourWeights.
void scatter(Rng &rng, std::vector<Lookup> &out, int count, int64_t firstDay, int64_t lastDay,
             const std::string &client, const std::string &name, int qtype, int (*weightOfDay)(int64_t),
             const int hourWeights[24])
{
    std::vector<int> dayW;
    int dayTotal = 0;
    for (int64_t d = firstDay; d <= lastDay; ++d) {
        dayW.push_back(weightOfDay(d));
        dayTotal += dayW.back();
    }
    int hourTotal = 0;
    for (int h = 0; h < 24; ++h)
        hourTotal += hourWeights[h];
    for (int i = 0; i < count; ++i) {
        int r = static_cast<int>(rng.below(static_cast<uint64_t>(dayTotal)));
        size_t di = 0;
        while (r >= dayW[di])
            r -= dayW[di++];
        int hr = static_cast<int>(rng.below(static_cast<uint64_t>(hourTotal)));
        int h = 0;
        while (hr >= hourWeights[h])
            hr -= hourWeights[h++];
        const int64_t seconds = (firstDay + static_cast<int64_t>(di)) * 86400 + h * 3600
                                + static_cast<int64_t>(rng.below(3600));
        const int64_t us = seconds * 1000000 + static_cast<int64_t>(rng.below(1000000));
        out.push_back({us, client, name, qtype});
    }
}

// Moscow office hours (UTC+3): most lookups 05:00–16:00 UTC.
const int kOfficeHours[24] = {1, 1, 1, 1, 2, 6, 9, 10, 10, 10, 9, 10, 10, 9, 8, 6, 3, 2, 1, 1, 1, 1, 1, 1};
// US Eastern office hours (UTC-4): 12:00–22:00 UTC.
const int kUsHours[24] = {2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 10, 9, 9, 8, 7, 6, 4, 3, 2};
const int kFlat[24] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

// Fewer lookups on weekends, more from July (the shape, not the published figures, is invented).
int bankDay(int64_t d)
{
    const int weekday = static_cast<int>((d + 3) % 7); // 0 = Monday (1970-01-01 was a Thursday)
    int w = weekday >= 5 ? 2 : 10;
    if (d >= day(7, 1))
        w += 6;
    return w;
}

int plainDay(int64_t d)
{
    const int weekday = static_cast<int>((d + 3) % 7);
    return weekday >= 5 ? 4 : 10;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUT_DNS_LOG\n", argv[0]);
        return 1;
    }
    Rng rng{20160504};
    std::vector<Lookup> all;
    const std::string mail1 = "mail1.trump-email.com";
    const std::string trump1 = "trump1.contact-client.com";
    // Published totals for 4 May – 23 September 2016: 2,820 lookups from the bank's two resolvers
    // together, 714 from 167.73.110.8. The split between the two resolvers is invented.
    scatter(rng, all, 1523, day(5, 4), day(9, 22), "217.12.96.15", mail1, 1, bankDay, kOfficeHours);
    scatter(rng, all, 1297, day(5, 4), day(9, 22), "217.12.97.15", mail1, 1, bankDay, kOfficeHours);
    scatter(rng, all, 714, day(5, 4), day(9, 22), "167.73.110.8", mail1, 1, plainDay, kUsHours);
    // A handful from other clients (documentation addresses, RFC 5737).
    scatter(rng, all, 5, day(5, 20), day(8, 30), "198.51.100.23", mail1, 1, plainDay, kFlat);
    scatter(rng, all, 3, day(6, 10), day(9, 10), "203.0.113.77", mail1, 28, plainDay, kFlat);
    // The bank's resolvers move to a new name from 27 September.
    scatter(rng, all, 96, day(9, 27), day(10, 31), "217.12.96.15", trump1, 1, bankDay, kOfficeHours);
    scatter(rng, all, 84, day(9, 27), day(10, 31), "217.12.97.15", trump1, 1, bankDay, kOfficeHours);

    // Background: ordinary names from ordinary clients, 1 May – 6 November.
    const char *names[] = {"www.example.com",     "mail.example.org",  "cdn.example.net",    "api.example.com",
                           "update.example.com",  "time.example.org",  "news.example.net",   "login.example.com",
                           "static.example.org",  "maps.example.com",  "video.example.net",  "docs.example.org",
                           "smtp.example.com",    "ntp.example.net",   "search.example.com", "shop.example.org"};
    const int nameWeights[] = {40, 22, 30, 18, 9, 6, 14, 8, 12, 5, 10, 4, 7, 3, 20, 6};
    for (int c = 0; c < 24; ++c) {
        const std::string client = "192.0.2." + std::to_string(10 + c * 7);
        for (int n = 0; n < 16; ++n) {
            const int count = nameWeights[n] * (2 + (c * 5 + n * 3) % 7);
            scatter(rng, all, count, day(5, 1), day(11, 6), client, names[n], n % 5 == 0 ? 28 : 1, plainDay,
                    c % 3 == 0 ? kOfficeHours : kUsHours);
        }
    }

    std::stable_sort(all.begin(), all.end(), [](const Lookup &a, const Lookup &b) { return a.us < b.us; });

    FILE *f = std::fopen(argv[1], "wb");
    if (!f) {
        std::perror(argv[1]);
        return 2;
    }
    std::fprintf(f, "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tdns\n");
    std::fprintf(f, "#note\tSYNTHETIC DEMO DATA generated by resources/demo/demogen.cpp: no lookup in this file was "
                    "observed. Shaped only after published totals of the 2016 case (2,820 lookups of "
                    "mail1.trump-email.com from 217.12.96.15 and 217.12.97.15, 714 from 167.73.110.8, "
                    "4 May - 23 September 2016).\n");
    std::fprintf(f, "#open\t2016-05-01-00-00-00\n");
    std::fprintf(f, "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\tquery\tqclass\t"
                    "qclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected\n");
    std::fprintf(f, "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tstring\tcount\tstring\tcount\t"
                    "string\tcount\tstring\tbool\tbool\tbool\tbool\tcount\tvector[string]\tvector[interval]\tbool\n");
    unsigned long long seq = 0;
    for (const Lookup &l : all) {
        const bool removed = l.name == mail1 && l.us >= day(9, 23) * 86400LL * 1000000;
        std::fprintf(f, "%lld.%06lld\tCdemo%08llx\t%s\t%d\t203.0.113.53\t53\tudp\t%d\t%s\t1\tC_INTERNET\t%d\t%s\t%d\t%s\t"
                        "F\tF\tT\tF\t0\t-\t-\tF\n",
                     static_cast<long long>(l.us / 1000000), static_cast<long long>(l.us % 1000000), ++seq,
                     l.client.c_str(), 1024 + static_cast<int>(rng.below(60000)), static_cast<int>(rng.below(65536)),
                     l.name.c_str(), l.qtype, l.qtype == 28 ? "AAAA" : "A", removed ? 3 : 0,
                     removed ? "NXDOMAIN" : "NOERROR");
    }
    std::fprintf(f, "#close\t2016-11-07-00-00-00\n");
    std::fclose(f);
    std::fprintf(stderr, "%s: %zu synthetic lookups\n", argv[1], all.size());
    return 0;
}
