#include "dnstapreader.h"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <cstring>

namespace dnt
{

namespace
{

constexpr std::string_view kContentType = "protobuf:dnstap.Dnstap";
constexpr uint32_t kControlStart = 2;
constexpr uint32_t kControlStop = 3;
constexpr uint32_t kFieldContentType = 1;

// dnstap.proto field numbers.
constexpr uint32_t kDnstapType = 15;    // Dnstap.type: MESSAGE = 1
constexpr uint32_t kDnstapMessage = 14; // Dnstap.message
constexpr uint32_t kMsgType = 1;
constexpr uint32_t kMsgQueryAddress = 4;
constexpr uint32_t kMsgResponseAddress = 5;
constexpr uint32_t kMsgQueryTimeSec = 8;
constexpr uint32_t kMsgQueryTimeNsec = 9;
constexpr uint32_t kMsgQueryMessage = 10;
constexpr uint64_t kResolverQuery = 3;
constexpr uint64_t kClientQuery = 5;

uint32_t be32(const uint8_t *p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

// A minimal protobuf reader: walks the fields of one message, bounds-checked.
class ProtoFields
{
public:
    ProtoFields(const uint8_t *data, size_t size) : m_p(data), m_end(data + size) {}

    struct Field
    {
        uint32_t number = 0;
        int wireType = 0;
        uint64_t value = 0;           // varint, fixed32, fixed64
        const uint8_t *bytes = nullptr; // length-delimited
        size_t size = 0;
    };

    // false at the end (error() says whether the data was malformed).
    bool next(Field *f)
    {
        if (m_p == m_end || m_error)
            return false;
        uint64_t key;
        if (!varint(&key) || key >> 32 != 0) {
            m_error = "malformed protobuf field key";
            return false;
        }
        f->number = static_cast<uint32_t>(key >> 3);
        f->wireType = static_cast<int>(key & 7);
        switch (f->wireType) {
        case 0:
            if (!varint(&f->value)) {
                m_error = "malformed protobuf varint";
                return false;
            }
            return true;
        case 1:
        case 5: {
            const size_t n = f->wireType == 1 ? 8 : 4;
            if (static_cast<size_t>(m_end - m_p) < n) {
                m_error = "truncated protobuf fixed-size field";
                return false;
            }
            f->value = 0;
            for (size_t i = 0; i < n; ++i) // little-endian
                f->value |= uint64_t(m_p[i]) << (8 * i);
            m_p += n;
            return true;
        }
        case 2: {
            uint64_t length;
            if (!varint(&length) || length > static_cast<uint64_t>(m_end - m_p)) {
                m_error = "protobuf length-delimited field runs past the end";
                return false;
            }
            f->bytes = m_p;
            f->size = static_cast<size_t>(length);
            m_p += length;
            return true;
        }
        default:
            m_error = "unsupported protobuf wire type (groups are not used by dnstap)";
            return false;
        }
    }
    const char *error() const { return m_error; }

private:
    bool varint(uint64_t *out)
    {
        uint64_t v = 0;
        for (int shift = 0; shift < 64 && m_p < m_end; shift += 7) {
            const uint8_t b = *m_p++;
            v |= uint64_t(b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                *out = v;
                return true;
            }
        }
        return false;
    }

    const uint8_t *m_p;
    const uint8_t *m_end;
    const char *m_error = nullptr;
};

bool addressText(const uint8_t *bytes, size_t size, char *out, size_t outSize)
{
    if (size == 4)
        return inet_ntop(AF_INET, bytes, out, static_cast<socklen_t>(outSize)) != nullptr;
    if (size == 16)
        return inet_ntop(AF_INET6, bytes, out, static_cast<socklen_t>(outSize)) != nullptr;
    return false;
}

} // namespace

DnstapReader::DnstapReader(const ReaderOptions &options) : m_resolverQueries(options.resolverQueries) {}

int DnstapReader::detect(std::string_view head)
{
    if (head.size() < 12)
        return 0;
    const auto *p = reinterpret_cast<const uint8_t *>(head.data());
    if (be32(p) != 0 || be32(p + 8) != kControlStart)
        return 0;
    const uint32_t length = be32(p + 4);
    if (length < 4 || length > kMaxControlFrame)
        return 0;
    const std::string_view control = head.substr(8, std::min<size_t>(length, head.size() - 8));
    return control.find(kContentType) != std::string_view::npos ? 100 : 0;
}

DnstapReader::Fill DnstapReader::fill(InputStream &stream, size_t bytes)
{
    if (m_buffer.size() - m_pos >= bytes)
        return Fill::Ok;
    // Move the undecoded tail to the front, then read more behind it.
    m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<ptrdiff_t>(m_pos));
    m_pos = 0;
    while (m_buffer.size() < bytes) {
        const size_t have = m_buffer.size();
        const size_t want = std::max<size_t>(bytes - have, 256 * 1024);
        m_buffer.resize(have + want);
        const int64_t n = stream.read(reinterpret_cast<char *>(m_buffer.data() + have), static_cast<int64_t>(want));
        m_buffer.resize(have + static_cast<size_t>(n > 0 ? n : 0));
        if (n < 0)
            return Fill::Error;
        if (n == 0)
            return m_buffer.empty() ? Fill::End : Fill::Truncated;
    }
    return Fill::Ok;
}

ReadStatus DnstapReader::read(InputStream &stream, RecordSink &sink, QString *error)
{
    m_buffer.clear();
    m_pos = 0;
    int64_t frameNumber = 0; // data frames, 1-based: the record's "line"
    bool started = false;
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return ReadStatus::Failed;
    };
    auto where = [&]() { return QStringLiteral("after data frame %1").arg(frameNumber); };
    while (true) {
        Fill f = fill(stream, 4);
        if (f == Fill::End)
            break;
        if (f == Fill::Error)
            return fail(QStringLiteral("%1: %2").arg(where(), stream.errorString()));
        if (f == Fill::Truncated)
            return fail(QStringLiteral("%1: truncated Frame Streams frame length").arg(where()));
        const uint32_t length = be32(m_buffer.data() + m_pos);
        m_pos += 4;
        if (length == 0) { // escape: a control frame follows
            f = fill(stream, 4);
            if (f != Fill::Ok)
                return fail(f == Fill::Error ? QStringLiteral("%1: %2").arg(where(), stream.errorString())
                                             : QStringLiteral("%1: truncated control frame").arg(where()));
            const uint32_t controlLength = be32(m_buffer.data() + m_pos);
            m_pos += 4;
            if (controlLength < 4 || controlLength > kMaxControlFrame)
                return fail(QStringLiteral("%1: control frame length %2 is not valid").arg(where()).arg(controlLength));
            f = fill(stream, controlLength);
            if (f != Fill::Ok)
                return fail(f == Fill::Error ? QStringLiteral("%1: %2").arg(where(), stream.errorString())
                                             : QStringLiteral("%1: truncated control frame").arg(where()));
            const uint8_t *c = m_buffer.data() + m_pos;
            m_pos += controlLength;
            const uint32_t type = be32(c);
            if (type == kControlStart) {
                // Fields: type (4), length (4), value. Only the content type matters.
                size_t off = 4;
                while (off + 8 <= controlLength) {
                    const uint32_t fieldType = be32(c + off);
                    const uint32_t fieldLength = be32(c + off + 4);
                    off += 8;
                    if (fieldLength > controlLength - off)
                        return fail(QStringLiteral("%1: malformed START control frame").arg(where()));
                    const std::string_view value(reinterpret_cast<const char *>(c + off), fieldLength);
                    if (fieldType == kFieldContentType && value != kContentType)
                        return fail(QStringLiteral("%1: Frame Streams content type is \"%2\", not %3")
                                        .arg(where(), QString::fromLatin1(value.data(), static_cast<qsizetype>(value.size())),
                                             QString::fromLatin1(kContentType.data())));
                    off += fieldLength;
                }
                started = true;
            } else if (type == kControlStop) {
                started = false;
            }
            // Other control frames (READY/ACCEPT/FINISH) belong to the bidirectional protocol; ignored.
            continue;
        }
        if (!started)
            return fail(QStringLiteral("%1: data frame before the Frame Streams START frame").arg(where()));
        if (length > kMaxDataFrame)
            return fail(QStringLiteral("data frame %1: length %2 exceeds %3 bytes")
                            .arg(frameNumber + 1)
                            .arg(length)
                            .arg(kMaxDataFrame));
        f = fill(stream, length);
        if (f == Fill::Error)
            return fail(QStringLiteral("data frame %1: %2").arg(frameNumber + 1).arg(stream.errorString()));
        if (f != Fill::Ok)
            return fail(QStringLiteral("data frame %1: truncated (%2 bytes announced)").arg(frameNumber + 1).arg(length));
        ++frameNumber;
        const uint8_t *frame = m_buffer.data() + m_pos;
        m_pos += length;
        if (!handleFrame(frame, length, frameNumber, sink))
            return ReadStatus::Stopped;
    }
    return ReadStatus::Finished;
}

bool DnstapReader::handleFrame(const uint8_t *data, size_t size, int64_t frameNumber, RecordSink &sink)
{
    ProtoFields outer(data, size);
    ProtoFields::Field f;
    const uint8_t *message = nullptr;
    size_t messageSize = 0;
    uint64_t dnstapType = 0;
    while (outer.next(&f)) {
        if (f.number == kDnstapMessage && f.wireType == 2) {
            message = f.bytes;
            messageSize = f.size;
        } else if (f.number == kDnstapType && f.wireType == 0) {
            dnstapType = f.value;
        }
    }
    if (outer.error()) {
        sink.onRejected(frameNumber, outer.error());
        return true;
    }
    if (dnstapType != 1 || !message) {
        sink.onSkipped(frameNumber, "dnstap frame without a DNS message");
        return true;
    }
    ProtoFields inner(message, messageSize);
    uint64_t type = 0, seconds = 0, nanoseconds = 0;
    bool haveTime = false;
    const uint8_t *queryAddress = nullptr, *responseAddress = nullptr, *wire = nullptr;
    size_t queryAddressSize = 0, responseAddressSize = 0, wireSize = 0;
    while (inner.next(&f)) {
        switch (f.number) {
        case kMsgType:
            type = f.wireType == 0 ? f.value : 0;
            break;
        case kMsgQueryAddress:
            if (f.wireType == 2) {
                queryAddress = f.bytes;
                queryAddressSize = f.size;
            }
            break;
        case kMsgResponseAddress:
            if (f.wireType == 2) {
                responseAddress = f.bytes;
                responseAddressSize = f.size;
            }
            break;
        case kMsgQueryTimeSec:
            if (f.wireType == 0) {
                seconds = f.value;
                haveTime = true;
            }
            break;
        case kMsgQueryTimeNsec:
            if (f.wireType == 5)
                nanoseconds = f.value;
            break;
        case kMsgQueryMessage:
            if (f.wireType == 2) {
                wire = f.bytes;
                wireSize = f.size;
            }
            break;
        default:
            break;
        }
    }
    if (inner.error()) {
        sink.onRejected(frameNumber, inner.error());
        return true;
    }
    if (type != kClientQuery && !(type == kResolverQuery && m_resolverQueries)) {
        sink.onSkipped(frameNumber, "dnstap message type that is not counted (responses, other roles)");
        return true;
    }
    if (!wire) {
        sink.onRejected(frameNumber, "dnstap query without query_message");
        return true;
    }
    if (!haveTime || seconds > 7258118400ULL || nanoseconds >= 1000000000ULL) {
        sink.onRejected(frameNumber, "dnstap query without a valid query_time");
        return true;
    }
    if (!queryAddress || !addressText(queryAddress, queryAddressSize, m_clientText, sizeof m_clientText)) {
        sink.onRejected(frameNumber, "dnstap query without a valid query_address");
        return true;
    }
    m_serverText[0] = '\0';
    if (responseAddress)
        addressText(responseAddress, responseAddressSize, m_serverText, sizeof m_serverText);
    const char *why = nullptr;
    switch (parseDnsQuestion(wire, wireSize, &m_question, &why)) {
    case DnsParseResult::Malformed:
        sink.onRejected(frameNumber, why);
        return true;
    case DnsParseResult::NoQuestion:
        sink.onSkipped(frameNumber, "DNS message without a question");
        return true;
    case DnsParseResult::Ok:
        break;
    }
    if (m_question.response) {
        sink.onSkipped(frameNumber, "DNS response in a query message");
        return true;
    }
    if (!normalizeDnsName(m_question.name, &m_name, &why)) {
        sink.onRejected(frameNumber, why);
        return true;
    }
    LookupRecord record;
    record.timeUs = static_cast<int64_t>(seconds) * 1000000 + static_cast<int64_t>(nanoseconds / 1000);
    record.client = m_clientText;
    record.server = m_serverText;
    record.name = m_name;
    record.qtype = m_question.qtype;
    record.rcode = static_cast<int16_t>(m_question.rcode);
    record.line = frameNumber;
    return sink.onRecord(record);
}

} // namespace dnt
