#pragma once

#include "jsonlinescanner.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace dnt::docfmt
{

// Helpers shared by the readers of documented third-party formats (Suricata, Route 53, CoreDNS,
// Windows DNS, Pi-hole, CSV). Allocation-free except where a caller's buffer is passed.

// Numeric response code for a mnemonic ("NOERROR" -> 0, "NXDOMAIN" -> 3); -1 if unknown.
int rcodeFromName(std::string_view name);

// A JSON string member's text, unescaped into buffer only when it holds escapes. False with
// *reason when the member is not a string or has a bad escape.
bool jsonText(const JsonLineScanner::Member &m, std::string *buffer, std::string_view *out,
              const char **reason);

// The key of a member, unescaped into buffer when needed; false with *reason on a bad escape.
bool jsonKey(const JsonLineScanner::Member &m, std::string *buffer, std::string_view *out,
             const char **reason);

// Walks the elements of a JSON array's text ("[…]", as JsonLineScanner hands it out), one element
// text per call. Stays inside the view whatever the bytes are, so malformed text cannot overrun.
class JsonArrayWalker
{
public:
    explicit JsonArrayWalker(std::string_view array);
    bool next(std::string_view *element);

private:
    std::string_view m_text;
    size_t m_pos = 0;
};

// Splits text on blanks (space/tab): the next non-empty token from *pos, or an empty view at the end.
std::string_view nextToken(std::string_view text, size_t *pos);

// Parses exactly `width` digits (or 1..width when width is negative: -2 = one or two digits) from
// text at *pos into *value. False if there are none.
bool readNumber(std::string_view text, size_t *pos, int width, int *value);

} // namespace dnt::docfmt
