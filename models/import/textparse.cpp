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

} // namespace dnt
