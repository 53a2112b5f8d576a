#include "jsonlinescanner.h"

namespace dnt
{

namespace
{

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool parseHex4(std::string_view s, size_t at, uint32_t *value)
{
    if (at + 4 > s.size())
        return false;
    uint32_t v = 0;
    for (size_t i = at; i < at + 4; ++i) {
        const int h = hexValue(s[i]);
        if (h < 0)
            return false;
        v = v * 16 + static_cast<uint32_t>(h);
    }
    *value = v;
    return true;
}

void appendUtf8(std::string *out, uint32_t cp)
{
    if (cp < 0x80) {
        out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out->push_back(static_cast<char>(0xc0 | (cp >> 6)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out->push_back(static_cast<char>(0xe0 | (cp >> 12)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
        out->push_back(static_cast<char>(0xf0 | (cp >> 18)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
}

} // namespace

void JsonLineScanner::skipBlanks()
{
    while (m_pos < m_text.size()) {
        const char c = m_text[m_pos];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            break;
        ++m_pos;
    }
}

bool JsonLineScanner::fail(const char *why)
{
    if (!m_error)
        m_error = why;
    m_state = State::Done;
    return false;
}

bool JsonLineScanner::next(Member *member)
{
    if (m_state == State::Done)
        return false;
    skipBlanks();
    if (m_state == State::Start) {
        if (m_pos >= m_text.size() || m_text[m_pos] != '{')
            return fail("not a JSON object (the line does not start with '{')");
        ++m_pos;
        skipBlanks();
        m_state = State::FirstMember;
    }
    if (m_pos >= m_text.size())
        return fail("truncated JSON object");
    if (m_text[m_pos] == '}') {
        if (m_state == State::NextMember || m_state == State::FirstMember) {
            ++m_pos;
            skipBlanks();
            if (m_pos != m_text.size())
                return fail("data after the end of the JSON object");
            m_state = State::Done;
            return false;
        }
    }
    if (m_state == State::NextMember) {
        if (m_text[m_pos] != ',')
            return fail("expected ',' or '}' between JSON members");
        ++m_pos;
        skipBlanks();
    }
    if (m_pos >= m_text.size())
        return fail("truncated JSON object");
    if (m_text[m_pos] != '"')
        return fail("expected a quoted key in the JSON object");
    if (!scanString(&member->key, &member->keyEscaped))
        return false;
    skipBlanks();
    if (m_pos >= m_text.size() || m_text[m_pos] != ':')
        return fail("expected ':' after a JSON key");
    ++m_pos;
    skipBlanks();
    if (m_pos >= m_text.size())
        return fail("truncated JSON object");
    member->valueEscaped = false;
    const size_t start = m_pos;
    switch (m_text[m_pos]) {
    case '"':
        member->kind = Kind::String;
        if (!scanString(&member->value, &member->valueEscaped))
            return false;
        break;
    case '{':
    case '[':
        member->kind = m_text[m_pos] == '{' ? Kind::Object : Kind::Array;
        if (!skipNested())
            return false;
        member->value = m_text.substr(start, m_pos - start);
        break;
    case 't':
        member->kind = Kind::True;
        if (!scanLiteral("true"))
            return false;
        member->value = m_text.substr(start, 4);
        break;
    case 'f':
        member->kind = Kind::False;
        if (!scanLiteral("false"))
            return false;
        member->value = m_text.substr(start, 5);
        break;
    case 'n':
        member->kind = Kind::Null;
        if (!scanLiteral("null"))
            return false;
        member->value = m_text.substr(start, 4);
        break;
    default:
        member->kind = Kind::Number;
        if (!scanNumber(&member->value))
            return false;
        break;
    }
    m_state = State::NextMember;
    return true;
}

bool JsonLineScanner::scanString(std::string_view *body, bool *escaped)
{
    // At the opening quote. Validates escapes and refuses raw control bytes (JSON forbids them);
    // UTF-8 validity is left to whoever uses the value, so skipped fields cost nothing extra.
    ++m_pos;
    const size_t start = m_pos;
    bool esc = false;
    while (m_pos < m_text.size()) {
        const auto c = static_cast<unsigned char>(m_text[m_pos]);
        if (c == '"') {
            *body = m_text.substr(start, m_pos - start);
            *escaped = esc;
            ++m_pos;
            return true;
        }
        if (c < 0x20)
            return fail("control character inside a JSON string");
        if (c == '\\') {
            esc = true;
            if (m_pos + 1 >= m_text.size())
                return fail("truncated JSON string");
            const char e = m_text[m_pos + 1];
            if (e == 'u') {
                uint32_t v;
                if (!parseHex4(m_text, m_pos + 2, &v))
                    return fail("bad \\u escape in a JSON string");
                m_pos += 6;
                continue;
            }
            if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't')
                return fail("bad escape in a JSON string");
            m_pos += 2;
            continue;
        }
        ++m_pos;
    }
    return fail("truncated JSON string");
}

bool JsonLineScanner::scanNumber(std::string_view *token)
{
    // RFC 8259 grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?  NaN and Infinity are not JSON.
    const size_t start = m_pos;
    if (m_pos < m_text.size() && m_text[m_pos] == '-')
        ++m_pos;
    if (m_pos >= m_text.size() || !isDigit(m_text[m_pos]))
        return fail("invalid JSON value");
    if (m_text[m_pos] == '0')
        ++m_pos;
    else
        while (m_pos < m_text.size() && isDigit(m_text[m_pos]))
            ++m_pos;
    if (m_pos < m_text.size() && m_text[m_pos] == '.') {
        ++m_pos;
        if (m_pos >= m_text.size() || !isDigit(m_text[m_pos]))
            return fail("invalid JSON number");
        while (m_pos < m_text.size() && isDigit(m_text[m_pos]))
            ++m_pos;
    }
    if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
        ++m_pos;
        if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
            ++m_pos;
        if (m_pos >= m_text.size() || !isDigit(m_text[m_pos]))
            return fail("invalid JSON number");
        while (m_pos < m_text.size() && isDigit(m_text[m_pos]))
            ++m_pos;
    }
    *token = m_text.substr(start, m_pos - start);
    return true;
}

bool JsonLineScanner::scanLiteral(std::string_view word)
{
    if (m_text.substr(m_pos, word.size()) != word)
        return fail("invalid JSON value");
    m_pos += word.size();
    return true;
}

bool JsonLineScanner::skipNested()
{
    // An explicit stack of open brackets instead of recursion. Inside the nested value only the
    // structure is checked (brackets match, strings are closed and well-escaped, scalars are
    // valid tokens), which is all that is needed to find where it ends.
    char stack[kMaxDepth];
    int depth = 0;
    bool expectValue = true; // after '[' / ',' / ':' a value must follow
    bool justOpened = false; // right after '[': a closing bracket is allowed instead of a value
    while (true) {
        skipBlanks();
        if (m_pos >= m_text.size())
            return fail("truncated JSON value");
        const char c = m_text[m_pos];
        if (c == '[' || c == '{') {
            if (!expectValue)
                return fail("expected ',' inside a nested JSON value");
            if (depth == kMaxDepth)
                return fail("JSON nested too deeply");
            stack[depth++] = c == '[' ? ']' : '}';
            ++m_pos;
            skipBlanks();
            justOpened = c == '[';
            if (c == '{') {
                if (m_pos < m_text.size() && m_text[m_pos] == '}') {
                    expectValue = false;
                    continue;
                }
                std::string_view key;
                bool esc;
                if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                    return fail("expected a quoted key in a nested JSON object");
                if (!scanString(&key, &esc))
                    return false;
                skipBlanks();
                if (m_pos >= m_text.size() || m_text[m_pos] != ':')
                    return fail("expected ':' after a JSON key");
                ++m_pos;
            }
            expectValue = true;
            continue;
        }
        if (c == ']' || c == '}') {
            if (depth == 0 || stack[depth - 1] != c)
                return fail("mismatched bracket in a JSON value");
            // "[]" is fine; "[1,]" and {"a":} are not.
            if (expectValue && !justOpened)
                return fail("missing value in a JSON array or object");
            justOpened = false;
            ++m_pos;
            if (--depth == 0)
                return true;
            expectValue = false;
            continue;
        }
        if (c == ',') {
            if (expectValue)
                return fail("missing value in a JSON array or object");
            ++m_pos;
            skipBlanks();
            if (stack[depth - 1] == '}') {
                std::string_view key;
                bool esc;
                if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                    return fail("expected a quoted key in a nested JSON object");
                if (!scanString(&key, &esc))
                    return false;
                skipBlanks();
                if (m_pos >= m_text.size() || m_text[m_pos] != ':')
                    return fail("expected ':' after a JSON key");
                ++m_pos;
            }
            expectValue = true;
            continue;
        }
        if (!expectValue)
            return fail("expected ',' inside a nested JSON value");
        std::string_view token;
        bool esc;
        bool ok;
        if (c == '"')
            ok = scanString(&token, &esc);
        else if (c == 't')
            ok = scanLiteral("true");
        else if (c == 'f')
            ok = scanLiteral("false");
        else if (c == 'n')
            ok = scanLiteral("null");
        else
            ok = scanNumber(&token);
        if (!ok)
            return false;
        expectValue = false;
        justOpened = false;
    }
}

bool JsonLineScanner::unescape(std::string_view raw, std::string *out, const char **reason)
{
    out->clear();
    for (size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c != '\\') {
            out->push_back(c);
            continue;
        }
        if (i + 1 >= raw.size()) {
            *reason = "truncated JSON escape";
            return false;
        }
        const char e = raw[++i];
        switch (e) {
        case '"':
            out->push_back('"');
            break;
        case '\\':
            out->push_back('\\');
            break;
        case '/':
            out->push_back('/');
            break;
        case 'b':
            out->push_back('\b');
            break;
        case 'f':
            out->push_back('\f');
            break;
        case 'n':
            out->push_back('\n');
            break;
        case 'r':
            out->push_back('\r');
            break;
        case 't':
            out->push_back('\t');
            break;
        case 'u': {
            uint32_t cp;
            if (!parseHex4(raw, i + 1, &cp)) {
                *reason = "bad \\u escape in a JSON string";
                return false;
            }
            i += 4;
            if (cp >= 0xd800 && cp <= 0xdbff) {
                uint32_t low;
                if (i + 2 >= raw.size() || raw[i + 1] != '\\' || raw[i + 2] != 'u' ||
                    !parseHex4(raw, i + 3, &low) || low < 0xdc00 || low > 0xdfff) {
                    *reason = "unpaired UTF-16 surrogate in a JSON string";
                    return false;
                }
                i += 6;
                cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            } else if (cp >= 0xdc00 && cp <= 0xdfff) {
                *reason = "unpaired UTF-16 surrogate in a JSON string";
                return false;
            }
            appendUtf8(out, cp);
            break;
        }
        default:
            *reason = "bad escape in a JSON string";
            return false;
        }
    }
    return true;
}

} // namespace dnt
