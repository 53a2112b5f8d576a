#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dnt
{

// Walks the members of one JSON object that fills one line ("JSON lines"), without building a
// document: a key and a value view per member, nested arrays/objects skipped in one pass.
// Allocation-free; only unescape() writes into a caller's reusable buffer. Never recurses, so a
// hostile line cannot overflow the stack; nesting deeper than kMaxDepth is an error.
//
//   JsonLineScanner s(line);
//   JsonLineScanner::Member m;
//   while (s.next(&m)) { … }
//   if (s.error()) reject(s.error());
class JsonLineScanner
{
public:
    enum class Kind { String, Number, True, False, Null, Array, Object };

    struct Member {
        std::string_view key; // raw key text between the quotes (escapes not decoded)
        bool keyEscaped = false;
        Kind kind = Kind::Null;
        // String: raw text between the quotes; Number/literals: the token; Array/Object: all of it.
        std::string_view value;
        bool valueEscaped = false; // String only: contains backslash escapes
    };

    static constexpr int kMaxDepth = 64;
    static constexpr int kMaxEntered = 8; // objects open at once through enterObject()

    explicit JsonLineScanner(std::string_view line) : m_text(line) {}

    // The next member of the top-level object; false at its end or on an error (see error()).
    // After the closing brace only blanks may follow.
    bool next(Member *member);

    // The same walk in two steps, which lets a caller descend into an object value instead of
    // skipping it: nextKey() reads the next key (and the ':') of the object being walked, false at
    // that object's end or on an error; then either readValue() scans or skips the value, or, when
    // valueIsObject(), enterObject() makes the following nextKey() calls walk that object's members.
    // At the end of an entered object nextKey() returns false once and the walk goes on in the
    // object around it (depth() tells which one).
    bool nextKey(Member *member);
    bool readValue(Member *member);
    bool valueIsObject() const { return m_pos < m_text.size() && m_text[m_pos] == '{'; }
    bool enterObject();
    int depth() const { return m_depth; }
    // nullptr while the line is well-formed so far; otherwise why it is not.
    const char *error() const { return m_error; }
    // Byte offset (0-based) where the scanner stopped, for messages.
    size_t position() const { return m_pos; }

    // Decodes a raw JSON string body (from Member::key/value) into out: \" \\ \/ \b \f \n \r \t and
    // \uXXXX, surrogate pairs included, to UTF-8. Returns false with *reason on a bad escape.
    static bool unescape(std::string_view raw, std::string *out, const char **reason);

private:
    enum class State { Start, FirstMember, NextMember, Done };

    void skipBlanks();
    bool fail(const char *why);
    bool scanString(std::string_view *body, bool *escaped);
    bool scanStringRest(size_t start, std::string_view *body, bool *escaped);
    bool scanNumber(std::string_view *token);
    bool scanLiteral(std::string_view word);
    bool skipNested(); // at '[' or '{': to just past the matching bracket

    std::string_view m_text;
    size_t m_pos = 0;
    State m_state = State::Start;
    int m_depth = 0; // objects entered with enterObject() and not yet ended
    const char *m_error = nullptr;
};

// One member a JsonFieldCollector looks for: its key, and the index (in the same list) of the
// wanted object member it sits in, or -1 for a member of the line's top-level object.
struct JsonWanted {
    std::string_view key;
    int parent = -1;
};

// Collects a fixed set of wanted members from one JSON-lines object in a single pass over the
// line: string_views into the line, no allocation (an escaped key is decoded into a reused buffer),
// everything else skipped with its structure checked. A wanted member that other wanted members
// name as their parent is entered instead of skipped when its value is an object, so nested fields
// ("dns" -> "type") cost no second pass; its Member still spans the whole object. The last of
// duplicate keys wins; a repeated parent object forgets what the earlier one held.
//
//   static constexpr JsonWanted kWanted[] = {{"ts"}, {"dns"}, {"type", 1}};
//   JsonFieldCollector c;                  // reusable: keep one per reader
//   if (!c.collect(line, kWanted)) reject(c.error(), c.position());
//   if (c.has(2)) use(c[2]);
class JsonFieldCollector
{
public:
    static constexpr int kMaxFields = 16;

    // Scans the line for the wanted members; false when it is not one well-formed JSON object
    // (see error()/position()). The list must outlive the use of the collected members.
    template <size_t N>
    bool collect(std::string_view line, const JsonWanted (&wanted)[N])
    {
        static_assert(N <= kMaxFields, "too many wanted JSON members");
        return collect(line, wanted, static_cast<int>(N));
    }
    bool collect(std::string_view line, const JsonWanted *wanted, int count);

    bool has(int field) const { return (m_found >> field) & 1u; }
    const JsonLineScanner::Member &operator[](int field) const { return m_members[field]; }
    const char *error() const { return m_error; }
    size_t position() const { return m_position; }

private:
    // readableEnd: how far bytes may be read after the key (the line's end), or nullptr when the
    // key is not in the line (a decoded escaped key).
    int match(std::string_view key, int parent, const char *readableEnd) const;

    const JsonWanted *m_wanted = nullptr;
    int m_count = 0;
    uint32_t m_containers = 0; // fields that are some other field's parent
    uint16_t m_slots[64] = {}; // per key slot (length, first and last byte): the wanted fields there
    // Per wanted key of up to 16 bytes: its first and last eight bytes (zero-padded when shorter),
    // compared as two words instead of a memcmp call.
    uint64_t m_head[kMaxFields] = {}, m_tail[kMaxFields] = {};
    uint32_t m_found = 0;
    const char *m_error = nullptr;
    size_t m_position = 0;
    std::string m_keyBuffer;
    JsonLineScanner::Member m_members[kMaxFields];
};

} // namespace dnt
