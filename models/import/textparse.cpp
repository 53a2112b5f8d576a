#include "textparse.h"

#include "timeutil.h"

#include <cctype>

namespace dnt
{

std::optional<int64_t> parseEpochSeconds(std::string_view s)
{
    if (s.empty())
        return std::nullopt;
    size_t i = 0;
    int64_t seconds = 0;
    size_t digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        if (++digits > 12) // beyond year 33658: not a lookup time
            return std::nullopt;
        seconds = seconds * 10 + (s[i] - '0');
        ++i;
    }
    if (digits == 0)
        return std::nullopt;
    int64_t frac = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        int64_t scale = 100000;
        const size_t start = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            frac += (s[i] - '0') * scale;
            scale /= 10;
            ++i;
        }
        if (i == start)
            return std::nullopt;
    }
    if (i != s.size())
        return std::nullopt;
    return seconds * kUsPerSecond + frac;
}

const char *epochProblem(std::string_view s)
{
    if (s.empty() || s == "-")
        return "missing timestamp";
    std::string_view t = s;
    if (t.front() == '-')
        return "negative timestamp";
    if (t.front() == '+')
        t.remove_prefix(1);
    const auto lower = [](std::string_view v, std::string_view w) {
        if (v.size() < w.size())
            return false;
        for (size_t i = 0; i < w.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(v[i])) != w[i])
                return false;
        return true;
    };
    if (lower(t, "nan") || lower(t, "inf"))
        return "timestamp is not a finite number";
    return "timestamp is not epoch seconds";
}

std::optional<uint64_t> parseUnsigned(std::string_view s, uint64_t max)
{
    if (s.empty() || s.size() > 19)
        return std::nullopt;
    uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return std::nullopt;
        v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    if (v > max)
        return std::nullopt;
    return v;
}

uint16_t qtypeFromName(std::string_view n)
{
    // IANA DNS parameters, resource record TYPEs (the ones seen in query logs).
    static const struct {
        std::string_view name;
        uint16_t value;
    } types[] = {{"A", 1},      {"NS", 2},     {"CNAME", 5},   {"SOA", 6},   {"PTR", 12},   {"HINFO", 13},
                 {"MX", 15},    {"TXT", 16},   {"AAAA", 28},   {"SRV", 33},  {"NAPTR", 35}, {"DS", 43},
                 {"RRSIG", 46}, {"NSEC", 47},  {"DNSKEY", 48}, {"TLSA", 52}, {"SVCB", 64},  {"HTTPS", 65},
                 {"SPF", 99},   {"AXFR", 252}, {"ANY", 255},   {"*", 255},   {"CAA", 257}};
    for (const auto &t : types) {
        if (t.name.size() != n.size())
            continue;
        bool eq = true;
        for (size_t i = 0; i < n.size() && eq; ++i)
            eq = std::toupper(static_cast<unsigned char>(n[i])) == t.name[i];
        if (eq)
            return t.value;
    }
    // "TYPE65534" (RFC 3597 generic form)
    if (n.size() > 4) {
        bool prefix = true;
        for (size_t i = 0; i < 4 && prefix; ++i)
            prefix = std::toupper(static_cast<unsigned char>(n[i])) == "TYPE"[i];
        if (prefix)
            if (auto v = parseUnsigned(n.substr(4), 65535))
                return static_cast<uint16_t>(*v);
    }
    return 0;
}

} // namespace dnt
