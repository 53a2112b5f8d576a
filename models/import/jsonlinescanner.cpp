#include "jsonlinescanner.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace dnt
{

namespace
{

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

constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;

// Whether any byte of v is zero / below 0x20 (exact as a yes/no; which byte is found bytewise).
inline uint64_t zeroByte(uint64_t v)
{
    return (v - kOnes) & ~v & kHigh;
}
inline uint64_t controlByte(uint64_t v)
{
    return (v - kOnes * 0x20) & ~v & kHigh;
}

// Index of the first backslash or control byte (< 0x20) in text[from, to), or `to`. The lowest set
// bit of these masks is always a real hit, so on a little-endian machine it is the byte's index.
size_t firstSpecial(const char *text, size_t from, size_t to)
{
    size_t i = from;
    for (; i + 8 <= to; i += 8) {
        uint64_t v;
        std::memcpy(&v, text + i, 8);
        if (const uint64_t hit = zeroByte(v ^ (kOnes * 0x5c)) | controlByte(v)) {
            if constexpr (std::endian::native == std::endian::little)
                return i + static_cast<size_t>(std::countr_zero(hit) >> 3);
            break;
        }
    }
    for (; i < to; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\\' || c < 0x20)
            return i;
    }
    return to;
}

// The same, a quote included: where a string's plain run ends.
size_t firstStringSpecial(const char *text, size_t from, size_t to)
{
    size_t i = from;
    for (; i + 8 <= to; i += 8) {
        uint64_t v;
        std::memcpy(&v, text + i, 8);
        if (const uint64_t hit = zeroByte(v ^ (kOnes * 0x5c)) | zeroByte(v ^ (kOnes * 0x22)) | controlByte(v)) {
            if constexpr (std::endian::native == std::endian::little)
                return i + static_cast<size_t>(std::countr_zero(hit) >> 3);
            break;
        }
    }
    for (; i < to; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\' || c < 0x20)
            return i;
    }
    return to;
}

} // namespace

[[gnu::always_inline]] inline void JsonLineScanner::skipBlanks()
{
    if (m_pos < m_text.size() && static_cast<unsigned char>(m_text[m_pos]) > ' ')
        return; // the usual case: compact JSON
    while (m_pos < m_text.size()) {
        const char c = m_text[m_pos];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            break;
        ++m_pos;
    }
}

[[gnu::always_inline]] inline bool JsonLineScanner::scanString(std::string_view *body, bool *escaped)
{
    // At the opening quote. The common case, a short string without escapes, is found here eight
    // bytes a step; anything else (an escape, a control byte, a long string) goes on in
    // scanStringRest().
    ++m_pos;
    const size_t start = m_pos;
    const char *const text = m_text.data();
    const size_t end = std::min(m_text.size(), m_pos + 64);
    if constexpr (std::endian::native == std::endian::little) {
        for (size_t i = start; i + 8 <= end; i += 8) {
            uint64_t v;
            std::memcpy(&v, text + i, 8);
            const uint64_t hit = zeroByte(v ^ (kOnes * 0x5c)) | zeroByte(v ^ (kOnes * 0x22)) | controlByte(v);
            if (!hit)
                continue;
            const size_t at = i + static_cast<size_t>(std::countr_zero(hit) >> 3);
            if (text[at] != '"')
                break;
            *body = std::string_view(text + start, at - start);
            *escaped = false;
            m_pos = at + 1;
            return true;
        }
    }
    return scanStringRest(start, body, escaped);
}

bool JsonLineScanner::fail(const char *why)
{
    if (!m_error)
        m_error = why;
    m_state = State::Done;
    return false;
}

[[gnu::always_inline]] inline bool JsonLineScanner::nextKey(Member *member)
{
    // Compact JSON's usual case first: ',"key":' right after the previous value and the next value
    // right after the colon. Anything else takes the general path below, which checks it all.
    const char *const text = m_text.data();
    const size_t size = m_text.size();
    if (m_state == State::NextMember && m_pos + 1 < size && text[m_pos] == ',' && text[m_pos + 1] == '"') {
        ++m_pos;
        if (!scanString(&member->key, &member->keyEscaped))
            return false;
        if (m_pos + 1 < size && text[m_pos] == ':' && static_cast<unsigned char>(text[m_pos + 1]) > ' ') {
            ++m_pos;
            return true;
        }
        skipBlanks();
        if (m_pos >= size || text[m_pos] != ':')
            return fail("expected ':' after a JSON key");
        ++m_pos;
        skipBlanks();
        if (m_pos >= size)
            return fail("truncated JSON object");
        return true;
    }
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
        ++m_pos;
        if (m_depth > 0) {
            // The end of an entered object: the walk goes on after it, in the object around it.
            --m_depth;
            m_state = State::NextMember;
            return false;
        }
        skipBlanks();
        if (m_pos != m_text.size())
            return fail("data after the end of the JSON object");
        m_state = State::Done;
        return false;
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
    return true;
}

bool JsonLineScanner::enterObject()
{
    if (m_state == State::Done || !valueIsObject())
        return fail("expected a JSON object");
    if (m_depth == kMaxEntered)
        return fail("JSON nested too deeply");
    ++m_depth;
    ++m_pos;
    skipBlanks();
    m_state = State::FirstMember;
    return true;
}

[[gnu::always_inline]] inline bool JsonLineScanner::readValue(Member *member)
{
    if (m_state == State::Done)
        return false;
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

bool JsonLineScanner::next(Member *member)
{
    if (!nextKey(member))
        return false;
    return readValue(member);
}

bool JsonLineScanner::scanStringRest(size_t start, std::string_view *body, bool *escaped)
{
    // Validates escapes and refuses raw control bytes (JSON forbids them); UTF-8 validity is left
    // to whoever uses the value, so skipped fields cost nothing extra. Short runs are searched
    // eight bytes a step for the closing quote, a backslash or a control byte at once; past kShort
    // bytes memchr finds the next quote and the bytes before it are checked word-wide, so a long
    // string costs two fast passes.
    constexpr size_t kShort = 64;
    m_pos = start;
    const char *const text = m_text.data();
    const size_t size = m_text.size();
    bool esc = false;
    while (m_pos < size) {
        size_t special;
        const size_t shortEnd = std::min(size, m_pos + kShort);
        special = firstStringSpecial(text, m_pos, shortEnd);
        if (special == shortEnd && shortEnd < size) {
            const void *q = std::memchr(text + shortEnd, '"', size - shortEnd);
            const size_t quote = q ? static_cast<size_t>(static_cast<const char *>(q) - text) : size;
            special = firstSpecial(text, shortEnd, quote);
        }
        if (special >= size)
            break;
        m_pos = special;
        const auto c = static_cast<unsigned char>(text[m_pos]);
        if (c == '"') {
            *body = m_text.substr(start, m_pos - start);
            *escaped = esc;
            ++m_pos;
            return true;
        }
        if (c < 0x20)
            return fail("control character inside a JSON string");
        // A backslash: validate the escape and continue after it (it may hide a quote).
        esc = true;
        if (m_pos + 1 >= size)
            return fail("truncated JSON string");
        const char e = text[m_pos + 1];
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
    }
    m_pos = size;
    return fail("truncated JSON string");
}

bool JsonLineScanner::scanNumber(std::string_view *token)
{
    // RFC 8259 grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?  NaN and Infinity are not JSON.
    // Walked with a local cursor (the member is written once), digits in tight loops.
    const char *const text = m_text.data();
    const size_t size = m_text.size();
    const auto isDigit = [](char c) { return static_cast<unsigned>(c - '0') < 10u; };
    const auto digitAt = [&](size_t i) { return i < size && isDigit(text[i]); };
    // Past the last digit of a run that starts at i; eight bytes a step while they are all digits.
    const auto skipDigits = [&](size_t i) {
        for (; i + 8 <= size; i += 8) {
            uint64_t v;
            std::memcpy(&v, text + i, 8);
            // Per byte, without carries between bytes: x = the low seven bits; x + 0x46 reaches 0x80
            // from ':' up, x + 0x50 reaches it from '0' up; a set high bit is never a digit.
            const uint64_t low = v & ~kHigh;
            const uint64_t nonDigit = (v | (low + kOnes * 0x46) | ~(low + kOnes * 0x50)) & kHigh;
            if (nonDigit) {
                if constexpr (std::endian::native == std::endian::little)
                    return i + static_cast<size_t>(std::countr_zero(nonDigit) >> 3);
                break;
            }
        }
        while (digitAt(i))
            ++i;
        return i;
    };
    const size_t start = m_pos;
    size_t i = m_pos;
    if (i < size && text[i] == '-')
        ++i;
    if (!digitAt(i)) {
        m_pos = i;
        return fail("invalid JSON value");
    }
    if (text[i] == '0')
        ++i;
    else
        i = skipDigits(i);
    if (i < size && text[i] == '.') {
        ++i;
        if (!digitAt(i)) {
            m_pos = i;
            return fail("invalid JSON number");
        }
        i = skipDigits(i);
    }
    if (i < size && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < size && (text[i] == '+' || text[i] == '-'))
            ++i;
        if (!digitAt(i)) {
            m_pos = i;
            return fail("invalid JSON number");
        }
        i = skipDigits(i);
    }
    m_pos = i;
    *token = m_text.substr(start, i - start);
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

namespace dnt
{

namespace
{

// Slot of a key in the collector's table: its length and its first and last bytes.
inline unsigned keySlot(std::string_view key)
{
    const auto first = static_cast<unsigned char>(key.front()), last = static_cast<unsigned char>(key.back());
    return (static_cast<unsigned>(key.size()) * 7u + first * 3u + last) & 63u;
}

uint64_t load8(const char *p)
{
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

} // namespace

[[gnu::always_inline]] inline int JsonFieldCollector::match(std::string_view key, int parent,
                                                            const char *readableEnd) const
{
    // One table look-up instead of a compare per wanted key: most keys of a line are not wanted and
    // land in an empty slot, and the branch pattern stays the same from line to line.
    if (key.empty())
        return -1;
    const size_t n = key.size();
    for (uint32_t candidates = m_slots[keySlot(key)]; candidates; candidates &= candidates - 1) {
        const int i = std::countr_zero(candidates);
        const JsonWanted &w = m_wanted[i];
        if (w.parent != parent || w.key.size() != n)
            continue;
        if constexpr (std::endian::native == std::endian::little) {
            // Short keys as words: up to eight bytes with one (masked) load, which may read past the
            // key but not past the line; nine to sixteen with two overlapping loads inside the key.
            if (n <= 8 && readableEnd && key.data() + 8 <= readableEnd) {
                const uint64_t mask = n == 8 ? ~uint64_t(0) : (uint64_t(1) << (8 * n)) - 1;
                if ((load8(key.data()) & mask) == m_head[i])
                    return i;
                continue;
            }
            if (n > 8 && n <= 16) {
                if (load8(key.data()) == m_head[i] && load8(key.data() + n - 8) == m_tail[i])
                    return i;
                continue;
            }
        }
        if (std::memcmp(w.key.data(), key.data(), n) == 0)
            return i;
    }
    return -1;
}

bool JsonFieldCollector::collect(std::string_view line, const JsonWanted *wanted, int count)
{
    if (wanted != m_wanted || count != m_count) {
        m_wanted = wanted;
        m_count = count;
        m_containers = 0;
        std::fill(std::begin(m_slots), std::end(m_slots), uint16_t(0));
        for (int i = 0; i < count; ++i) {
            if (wanted[i].parent >= 0)
                m_containers |= 1u << wanted[i].parent;
            if (!wanted[i].key.empty())
                m_slots[keySlot(wanted[i].key)] |= uint16_t(1u << i);
            const std::string_view key = wanted[i].key;
            m_head[i] = m_tail[i] = 0;
            if (key.size() <= 8) {
                std::memcpy(&m_head[i], key.data(), key.size());
            } else if (key.size() <= 16) {
                m_head[i] = load8(key.data());
                m_tail[i] = load8(key.data() + key.size() - 8);
            }
        }
    }
    m_found = 0;
    m_error = nullptr;
    JsonLineScanner scanner(line);
    // The wanted objects entered so far, innermost last, with where each one began.
    int open[JsonLineScanner::kMaxEntered];
    size_t openedAt[JsonLineScanner::kMaxEntered];
    int depth = 0;
    JsonLineScanner::Member m;
    while (true) {
        if (!scanner.nextKey(&m)) {
            if (scanner.error())
                break;
            if (depth == 0)
                return true;
            // An entered object ended: its member spans all of it.
            --depth;
            JsonLineScanner::Member &object = m_members[open[depth]];
            object.value = line.substr(openedAt[depth], scanner.position() - openedAt[depth]);
            continue;
        }
        std::string_view key = m.key;
        const char *readableEnd = line.data() + line.size();
        if (m.keyEscaped) {
            readableEnd = nullptr;
            const char *why = nullptr;
            if (!JsonLineScanner::unescape(m.key, &m_keyBuffer, &why)) {
                m_error = why;
                m_position = scanner.position();
                return false;
            }
            key = m_keyBuffer;
        }
        const int field = match(key, depth == 0 ? -1 : open[depth - 1], readableEnd);
        const bool container = field >= 0 && ((m_containers >> field) & 1u);
        if (container) {
            // A repeated parent replaces the earlier one entirely: forget what that one held.
            for (int i = 0; i < m_count; ++i)
                if (m_wanted[i].parent == field)
                    m_found &= ~(1u << i);
        }
        if (container && scanner.valueIsObject() && depth < JsonLineScanner::kMaxEntered) {
            m.kind = JsonLineScanner::Kind::Object;
            m.valueEscaped = false;
            m_members[field] = m;
            m_found |= 1u << field;
            open[depth] = field;
            openedAt[depth] = scanner.position();
            ++depth;
            if (!scanner.enterObject())
                break;
            continue;
        }
        if (!scanner.readValue(&m))
            break;
        if (field >= 0) {
            m_members[field] = m;
            m_found |= 1u << field;
        }
    }
    m_error = scanner.error();
    m_position = scanner.position();
    return false;
}

} // namespace dnt
