#include "docformatsupport.h"

#include "dnscodes.h"

namespace dnt::docfmt
{

int rcodeFromName(std::string_view name)
{
    return dnt::rcodeFromName(name);
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
