#pragma once

// The DNS vocabulary users see and type: query type and response code mnemonics. One table each, read
// by the log readers (names in logs → numbers), the records table and the filter row (numbers →
// names), and the command line's --qtype/--rcode (either). Any thread.
#include <QString>

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace dnt {

// IANA "Resource Record (RR) TYPEs" mnemonic of a query type ("A", "AAAA", "NIMLOC"), or empty when
// the registry has none (unassigned, private use) or for 0.
std::string_view qtypeName(int qtype);
// IANA "DNS RCODEs" mnemonic ("NOERROR", "NXDOMAIN", "BADVERS"), or empty when it has none or for -1.
std::string_view rcodeName(int rcode);

// What a user reads: the mnemonic, or the generic form where there is none ("TYPE65534", "RCODE12");
// empty for 0 and -1 (unknown).
QString qtypeLabel(int qtype);
QString rcodeLabel(int rcode);

// A query type from its mnemonic (any case, "*" is ANY) or RFC 3597 generic form ("TYPE65534"); 0 if
// neither. Allocation-free: the readers call it per line.
uint16_t qtypeFromName(std::string_view name);
// A response code from its mnemonic (any case; aliases NOTIMPL, BADSIG) or generic form ("RCODE23");
// -1 if neither.
int rcodeFromName(std::string_view name);

// What a user typed (--qtype AAAA, --qtype 28, --rcode nxdomain, --rcode 3): the number, or nullopt.
std::optional<int> qtypeFromText(const QString &text);
std::optional<int> rcodeFromText(const QString &text);

// Every (value, mnemonic) of the tables, by value (tests and help text).
std::vector<std::pair<int, std::string_view>> qtypeNames();
std::vector<std::pair<int, std::string_view>> rcodeNames();

} // namespace dnt
