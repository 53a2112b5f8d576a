#include "docformatsupport.h"

namespace dnt::docfmt
{

int rcodeFromName(std::string_view name)
{
    struct Entry {
        std::string_view name;
        int code;
    };
    // RFC 1035, 2136, 6891 and 2845 names; what BIND, Route 53, CoreDNS and Suricata print.
    static constexpr Entry kCodes[] = {
        {"NOERROR", 0},    {"FORMERR", 1},  {"SERVFAIL", 2}, {"NXDOMAIN", 3}, {"NOTIMP", 4},
        {"NOTIMPL", 4},    {"REFUSED", 5},  {"YXDOMAIN", 6}, {"YXRRSET", 7},  {"NXRRSET", 8},
        {"NOTAUTH", 9},    {"NOTZONE", 10}, {"BADVERS", 16}, {"BADSIG", 16},  {"BADKEY", 17},
        {"BADTIME", 18},   {"BADMODE", 19}, {"BADNAME", 20}, {"BADALG", 21},  {"BADTRUNC", 22},
        {"BADCOOKIE", 23},
    };
    char upper[16];
    if (name.empty() || name.size() > sizeof upper)
        return -1;
    for (size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        upper[i] = c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
    }
    const std::string_view key(upper, name.size());
    for (const auto &e : kCodes)
        if (e.name == key)
            return e.code;
    return -1;
}

bool jsonText(const JsonLineScanner::Member &m, std::string *buffer, std::string_view *out,
              const char **reason)
{
    if (m.kind != JsonLineScanner::Kind::String) {
        *reason = "not a string";
        return false;
    }
    if (!m.valueEscaped) {
        *out = m.value;
        return true;
    }
    if (!JsonLineScanner::unescape(m.value, buffer, reason))
        return false;
    *out = *buffer;
    return true;
}

bool jsonKey(const JsonLineScanner::Member &m, std::string *buffer, std::string_view *out,
             const char **reason)
{
    if (!m.keyEscaped) {
        *out = m.key;
        return true;
    }
    if (!JsonLineScanner::unescape(m.key, buffer, reason))
        return false;
    *out = *buffer;
    return true;
}

JsonArrayWalker::JsonArrayWalker(std::string_view array) : m_text(array)
{
    if (!m_text.empty() && m_text.front() == '[')
        m_pos = 1;
    else
        m_pos = m_text.size();
}

bool JsonArrayWalker::next(std::string_view *element)
{
    const size_t n = m_text.size();
    while (m_pos < n && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == ',' ||
                         m_text[m_pos] == '\r' || m_text[m_pos] == '\n'))
        ++m_pos;
    if (m_pos >= n || m_text[m_pos] == ']')
        return false;
    const size_t start = m_pos;
    int depth = 0;
    bool inString = false;
    for (; m_pos < n; ++m_pos) {
        const char c = m_text[m_pos];
        if (inString) {
            if (c == '\\')
                ++m_pos;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                break; // the array's own closing bracket ends a scalar element
            if (--depth == 0) {
                ++m_pos;
                break;
            }
        } else if (c == ',' && depth == 0) {
            break;
        }
    }
    *element = m_text.substr(start, std::min(m_pos, n) - start);
    return true;
}

std::string_view nextToken(std::string_view text, size_t *pos)
{
    size_t i = *pos;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
        ++i;
    const size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t')
        ++i;
    *pos = i;
    return text.substr(start, i - start);
}

bool readNumber(std::string_view text, size_t *pos, int width, int *value)
{
    const bool exact = width > 0;
    const int max = exact ? width : -width;
    int v = 0, digits = 0;
    size_t i = *pos;
    while (i < text.size() && digits < max && text[i] >= '0' && text[i] <= '9') {
        v = v * 10 + (text[i] - '0');
        ++digits;
        ++i;
    }
    if (digits == 0 || (exact && digits != width))
        return false;
    *pos = i;
    *value = v;
    return true;
}

} // namespace dnt::docfmt
