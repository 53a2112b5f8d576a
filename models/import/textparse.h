#pragma once

#include "dnscodes.h" // qtypeFromName, for the readers

#include <cstdint>
#include <optional>
#include <string_view>

namespace dnt {

// Small allocation-free helpers shared by the text readers.

// Epoch seconds with an optional fraction ("1469646000.123456") to microseconds, in integer
// arithmetic (no double rounding). Digits past the sixth decimal are truncated.
// Returns nullopt for anything else: signs, NaN, inf, exponents, empty.
std::optional<int64_t> parseEpochSeconds(std::string_view s);

// Unsigned decimal that must fit into max; nullopt otherwise.
std::optional<uint64_t> parseUnsigned(std::string_view s, uint64_t max);

// Why an epoch timestamp was refused, for the rejection message.
const char *epochProblem(std::string_view s);

} // namespace dnt
