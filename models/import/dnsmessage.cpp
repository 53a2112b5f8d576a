#include "dnsmessage.h"

namespace dnt
{

namespace
{

constexpr size_t kHeaderSize = 12;
constexpr size_t kMaxWireName = 255;  // RFC 1035 §2.3.4, counting length bytes and the root byte
constexpr size_t kMaxPointers = 128;  // more distinct pointers than a 255-byte name can need

uint16_t be16(const uint8_t *p)
{
    return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

// Presentation form of one label byte: dots and backslashes inside a label, and bytes that are not
// printable ASCII, are written as \DDD (as dig does) so that the label boundaries survive and the
// name normaliser never sees control bytes.
void appendLabelByte(std::string *out, uint8_t c)
{
    if (c > 0x20 && c < 0x7f && c != '.' && c != '\\') {
        out->push_back(static_cast<char>(c));
        return;
    }
    out->push_back('\\');
    out->push_back(static_cast<char>('0' + c / 100));
    out->push_back(static_cast<char>('0' + (c / 10) % 10));
    out->push_back(static_cast<char>('0' + c % 10));
}

} // namespace

const char *readDnsName(const uint8_t *data, size_t size, size_t offset, std::string *name, size_t *end)
{
    name->clear();
    size_t pos = offset;
    size_t wireLength = 1; // the root byte
    bool jumped = false;
    uint16_t visited[kMaxPointers];
    size_t pointerCount = 0;
    while (true) {
        if (pos >= size)
            return "truncated DNS message (name runs past the end)";
        const uint8_t len = data[pos];
        if (len == 0) {
            if (!jumped)
                *end = pos + 1;
            if (name->empty())
                name->push_back('.');
            return nullptr;
        }
        switch (len & 0xC0) {
        case 0xC0: {
            if (pos + 1 >= size)
                return "truncated DNS message (compression pointer cut off)";
            const uint16_t target = static_cast<uint16_t>(be16(data + pos) & 0x3FFF);
            for (size_t i = 0; i < pointerCount; ++i)
                if (visited[i] == target)
                    return "compression pointer loop";
            if (pointerCount == kMaxPointers)
                return "compression pointer loop";
            visited[pointerCount++] = target;
            if (target >= size)
                return "compression pointer beyond the end of the message";
            if (!jumped)
                *end = pos + 2;
            jumped = true;
            pos = target;
            continue;
        }
        case 0x40:
        case 0x80:
            return "DNS label longer than 63 bytes (length byte with reserved bits 0x40/0x80)";
        default:
            break;
        }
        // len <= 63 here: the two top bits are clear.
        wireLength += 1 + len;
        if (wireLength > kMaxWireName)
            return "DNS name longer than 255 bytes";
        if (pos + 1 + len > size)
            return "truncated DNS message (label runs past the end)";
        if (!name->empty())
            name->push_back('.');
        for (size_t i = 0; i < len; ++i)
            appendLabelByte(name, data[pos + 1 + i]);
        pos += 1 + len;
    }
}

DnsParseResult parseDnsQuestion(const uint8_t *data, size_t size, DnsQuestionInfo *out, const char **reason)
{
    if (size < kHeaderSize) {
        *reason = "truncated DNS message (shorter than the 12-byte header)";
        return DnsParseResult::Malformed;
    }
    out->id = be16(data);
    out->response = (data[2] & 0x80) != 0;
    out->opcode = static_cast<uint8_t>((data[2] >> 3) & 0x0F);
    out->rcode = static_cast<uint8_t>(data[3] & 0x0F);
    out->qdcount = be16(data + 4);
    out->qtype = 0;
    out->qclass = 0;
    out->name.clear();
    if (out->qdcount == 0)
        return DnsParseResult::NoQuestion;
    size_t end = 0;
    if (const char *why = readDnsName(data, size, kHeaderSize, &out->name, &end)) {
        *reason = why;
        return DnsParseResult::Malformed;
    }
    if (end + 4 > size) {
        *reason = "truncated DNS message (question type/class cut off)";
        return DnsParseResult::Malformed;
    }
    out->qtype = be16(data + end);
    out->qclass = be16(data + end + 2);
    return DnsParseResult::Ok;
}

} // namespace dnt
