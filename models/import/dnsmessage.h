#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace dnt
{

// The parts of a DNS wire-format message (RFC 1035 §4) that make a lookup: the header and the first
// question. Shared by the pcap and dnstap readers. The parser is written for hostile input: every
// length is checked against the buffer, compression pointers may point forwards or backwards but a
// pointer that returns to a place already visited is a loop, and the RFC limits (labels of 63 bytes,
// names of 255 bytes on the wire) are enforced.
struct DnsQuestionInfo
{
    uint16_t id = 0;
    bool response = false;  // QR bit
    uint8_t opcode = 0;
    uint8_t rcode = 0;      // header RCODE (4 bits; extended RCODEs live in OPT and are not needed)
    uint16_t qdcount = 0;
    std::string name;       // first QNAME in presentation form without the trailing dot ("." = root)
    uint16_t qtype = 0;
    uint16_t qclass = 0;
};

enum class DnsParseResult {
    Ok,          // header and first question read
    NoQuestion,  // a valid header with QDCOUNT 0: nothing to count
    Malformed,   // see the reason
};

// Parses data[0..size). On Malformed, *reason is a static string saying why. `out->name` is reused,
// so parsing many messages into the same DnsQuestionInfo does not allocate once it has grown.
DnsParseResult parseDnsQuestion(const uint8_t *data, size_t size, DnsQuestionInfo *out, const char **reason);

// Reads only the name at `offset` (exposed for tests and for callers that need other names).
// Returns nullptr on success, else why not.
const char *readDnsName(const uint8_t *data, size_t size, size_t offset, std::string *name, size_t *end);

} // namespace dnt
