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

    explicit JsonLineScanner(std::string_view line) : m_text(line) {}

    // The next member of the top-level object; false at its end or on an error (see error()).
    // After the closing brace only blanks may follow.
    bool next(Member *member);
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
    bool scanNumber(std::string_view *token);
    bool scanLiteral(std::string_view word);
    bool skipNested(); // at '[' or '{': to just past the matching bracket

    std::string_view m_text;
    size_t m_pos = 0;
    State m_state = State::Start;
    const char *m_error = nullptr;
};

} // namespace dnt
