#include "pcapreader.h"

#include <pcap/pcap.h>

#include <arpa/inet.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace dnt
{

namespace
{

uint16_t be16(const uint8_t *p)
{
    return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

uint32_t be32(const uint8_t *p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

// libpcap reads from a FILE*; glibc's fopencookie() makes one whose reads come from the InputStream,
// so compressed captures are read without a temporary file.
ssize_t cookieRead(void *cookie, char *buffer, size_t size)
{
    auto *stream = static_cast<InputStream *>(cookie);
    const int64_t n = stream->read(buffer, static_cast<int64_t>(size));
    if (n < 0) {
        errno = EIO;
        return -1;
    }
    return static_cast<ssize_t>(n);
}

int cookieClose(void *)
{
    return 0; // the stream belongs to the caller
}

constexpr uint8_t kProtoTcp = 6;
constexpr uint8_t kProtoUdp = 17;

// Link types libpcap reports (DLT_* values; LINKTYPE_RAW 101 is mapped to DLT_RAW by libpcap).
constexpr int kDltNull = 0;
constexpr int kDltEthernet = 1;
constexpr int kDltRaw = 12;
constexpr int kDltRawOpenBsd = 14;
constexpr int kDltLoop = 108;
constexpr int kDltLinuxSll = 113;
constexpr int kDltIpv4 = 228;
constexpr int kDltIpv6 = 229;
constexpr int kDltLinuxSll2 = 276;

} // namespace

bool PcapReader::FlowKey::operator<(const FlowKey &o) const
{
    if (family != o.family)
        return family < o.family;
    if (srcPort != o.srcPort)
        return srcPort < o.srcPort;
    if (dstPort != o.dstPort)
        return dstPort < o.dstPort;
    if (const int c = std::memcmp(src, o.src, sizeof src))
        return c < 0;
    return std::memcmp(dst, o.dst, sizeof dst) < 0;
}

PcapReader::PcapReader(const ReaderOptions &options)
{
    for (int p : options.ports)
        if (p > 0 && p < 65536)
            m_ports.push_back(static_cast<uint16_t>(p));
    if (m_ports.empty())
        m_ports.push_back(53);
}

PcapReader::~PcapReader() = default;

int PcapReader::detect(std::string_view head)
{
    if (head.size() < 4)
        return 0;
    const auto *p = reinterpret_cast<const uint8_t *>(head.data());
    const uint32_t magic = be32(p);
    switch (magic) {
    case 0xa1b2c3d4: // microseconds, either byte order
    case 0xd4c3b2a1:
    case 0xa1b23c4d: // nanoseconds
    case 0x4d3cb2a1:
    case 0x0a0d0d0a: // pcapng section header block
        return 100;
    default:
        return 0;
    }
}

bool PcapReader::isDnsPort(uint16_t port) const
{
    for (uint16_t p : m_ports)
        if (p == port)
            return true;
    return false;
}

ReadStatus PcapReader::read(InputStream &stream, RecordSink &sink, QString *error)
{
    m_sink = &sink;
    m_packetNumber = 0;
    m_flows.clear();
    cookie_io_functions_t io{};
    io.read = &cookieRead;
    io.close = &cookieClose;
    FILE *file = fopencookie(&stream, "r", io);
    if (!file) {
        if (error)
            *error = QStringLiteral("cannot read the capture: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return ReadStatus::Failed;
    }
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    // pcap_fopen_offline takes ownership of the FILE and closes it in pcap_close().
    pcap_t *pcap = pcap_fopen_offline_with_tstamp_precision(file, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
    if (!pcap) {
        fclose(file);
        if (error) {
            if (!stream.errorString().isEmpty())
                *error = QStringLiteral("cannot read the capture header: %1").arg(stream.errorString());
            else
                *error = QStringLiteral("not a readable pcap or pcapng file: %1").arg(QString::fromLocal8Bit(errbuf));
        }
        return ReadStatus::Failed;
    }
    const int linkType = pcap_datalink(pcap);
    switch (linkType) {
    case kDltNull: case kDltEthernet: case kDltRaw: case kDltRawOpenBsd: case kDltLoop:
    case kDltLinuxSll: case kDltIpv4: case kDltIpv6: case kDltLinuxSll2:
        break;
    default: {
        const char *name = pcap_datalink_val_to_name(linkType);
        if (error)
            *error = QStringLiteral("unsupported link type %1 (%2): only Ethernet, raw IP, Linux cooked "
                                    "and loopback captures can be read")
                         .arg(linkType)
                         .arg(QString::fromLatin1(name ? name : "unknown"));
        pcap_close(pcap);
        return ReadStatus::Failed;
    }
    }

    ReadStatus status = ReadStatus::Finished;
    while (true) {
        pcap_pkthdr *header = nullptr;
        const u_char *data = nullptr;
        const int rc = pcap_next_ex(pcap, &header, &data);
        if (rc == PCAP_ERROR_BREAK)
            break; // end of file
        if (rc != 1) {
            if (error) {
                const QString why = !stream.errorString().isEmpty() ? stream.errorString()
                                                                    : QString::fromLocal8Bit(pcap_geterr(pcap));
                *error = QStringLiteral("packet %1: %2").arg(m_packetNumber + 1).arg(why);
            }
            status = ReadStatus::Failed;
            break;
        }
        ++m_packetNumber;
        m_timeUs = int64_t(header->ts.tv_sec) * 1000000 + header->ts.tv_usec;
        if (handleFrame(data, header->caplen, linkType) == Result::Stop) {
            status = ReadStatus::Stopped;
            break;
        }
    }
    pcap_close(pcap);
    // libpcap treats a read error between records like the end of the file; the stream knows better
    // (a truncated gzip/zstd capture).
    if (status == ReadStatus::Finished && !stream.errorString().isEmpty()) {
        if (error)
            *error = QStringLiteral("packet %1: %2").arg(m_packetNumber + 1).arg(stream.errorString());
        status = ReadStatus::Failed;
    }
    if (status == ReadStatus::Finished)
        for (const auto &entry : m_flows)
            if (!entry.second.buffer.empty())
                rejectFlowRemainder(entry.second);
    m_flows.clear();
    return status;
}

PcapReader::Result PcapReader::handleFrame(const uint8_t *data, size_t size, int linkType)
{
    switch (linkType) {
    case kDltEthernet: {
        if (size < 14)
            return Result::Continue;
        size_t offset = 12;
        uint16_t type = be16(data + offset);
        // 802.1Q / 802.1ad tags, possibly stacked (QinQ).
        while ((type == 0x8100 || type == 0x88a8 || type == 0x9100) && offset + 6 <= size) {
            offset += 4;
            type = be16(data + offset);
        }
        offset += 2;
        if (type != 0x0800 && type != 0x86dd)
            return Result::Continue;
        return handleIp(data + offset, size - offset);
    }
    case kDltLinuxSll:
        if (size < 16)
            return Result::Continue;
        return handleIp(data + 16, size - 16);
    case kDltLinuxSll2:
        if (size < 20)
            return Result::Continue;
        return handleIp(data + 20, size - 20);
    case kDltNull:
    case kDltLoop:
        // The 4-byte family is in the capturing host's byte order (and differs between BSDs for IPv6),
        // so the IP version nibble is the reliable indicator.
        if (size < 4)
            return Result::Continue;
        return handleIp(data + 4, size - 4);
    default: // raw IP
        return handleIp(data, size);
    }
}

PcapReader::Result PcapReader::handleIp(const uint8_t *data, size_t size)
{
    if (size < 1)
        return Result::Continue;
    const int version = data[0] >> 4;
    if (version == 4) {
        if (size < 20)
            return Result::Continue;
        const size_t headerLength = size_t(data[0] & 0x0F) * 4;
        const size_t totalLength = be16(data + 2);
        if (headerLength < 20 || headerLength > size || totalLength < headerLength)
            return Result::Continue;
        const size_t end = totalLength < size ? totalLength : size; // drop Ethernet padding
        const uint16_t fragment = be16(data + 6);
        const bool moreFragments = (fragment & 0x2000) != 0;
        const uint16_t fragmentOffset = fragment & 0x1FFF;
        m_family = 4;
        std::memset(m_srcRaw, 0, sizeof m_srcRaw);
        std::memset(m_dstRaw, 0, sizeof m_dstRaw);
        std::memcpy(m_srcRaw, data + 12, 4);
        std::memcpy(m_dstRaw, data + 16, 4);
        const uint8_t protocol = data[9];
        if (fragmentOffset != 0) {
            if (protocol == kProtoUdp || protocol == kProtoTcp)
                m_sink->onSkipped(m_packetNumber, "non-first IP fragment");
            return Result::Continue;
        }
        return handleTransport(protocol, data + headerLength, end - headerLength, moreFragments);
    }
    if (version == 6) {
        if (size < 40)
            return Result::Continue;
        const size_t payloadLength = be16(data + 4);
        const size_t end = 40 + payloadLength < size ? 40 + payloadLength : size;
        m_family = 6;
        std::memcpy(m_srcRaw, data + 8, 16);
        std::memcpy(m_dstRaw, data + 24, 16);
        uint8_t next = data[6];
        size_t offset = 40;
        bool fragmented = false;
        // Walk the extension header chain to the transport header.
        for (int guard = 0; guard < 16; ++guard) {
            switch (next) {
            case 0:  // hop-by-hop
            case 43: // routing
            case 60: // destination options
                if (offset + 8 > end)
                    return Result::Continue;
                next = data[offset];
                offset += (size_t(data[offset + 1]) + 1) * 8;
                continue;
            case 51: // authentication header: length in 4-byte units minus 2
                if (offset + 8 > end)
                    return Result::Continue;
                next = data[offset];
                offset += (size_t(data[offset + 1]) + 2) * 4;
                continue;
            case 44: { // fragment
                if (offset + 8 > end)
                    return Result::Continue;
                next = data[offset];
                const uint16_t fragment = be16(data + offset + 2);
                offset += 8;
                if ((fragment & 0xFFF8) != 0) {
                    if (next == kProtoUdp || next == kProtoTcp)
                        m_sink->onSkipped(m_packetNumber, "non-first IP fragment");
                    return Result::Continue;
                }
                fragmented = (fragment & 1) != 0;
                continue;
            }
            default:
                break;
            }
            break;
        }
        if (offset > end)
            return Result::Continue;
        return handleTransport(next, data + offset, end - offset, fragmented);
    }
    return Result::Continue;
}

PcapReader::Result PcapReader::handleTransport(int protocol, const uint8_t *data, size_t size,
                                               bool firstFragmentOnly)
{
    if (protocol == kProtoUdp) {
        if (size < 8)
            return Result::Continue;
        m_srcPort = be16(data);
        m_dstPort = be16(data + 2);
        if (!isDnsPort(m_srcPort) && !isDnsPort(m_dstPort))
            return Result::Continue;
        size_t length = be16(data + 4);
        // A first fragment holds only the start of the datagram: take what is there.
        if (firstFragmentOnly || length < 8 || length > size)
            length = size;
        if (firstFragmentOnly && length - 8 < 12) {
            m_sink->onSkipped(m_packetNumber, "first IP fragment without the DNS header");
            return Result::Continue;
        }
        return handleDns(data + 8, length - 8);
    }
    if (protocol == kProtoTcp) {
        if (firstFragmentOnly) {
            m_sink->onSkipped(m_packetNumber, "fragmented TCP segment");
            return Result::Continue;
        }
        return handleTcp(data, size);
    }
    return Result::Continue;
}

void PcapReader::rejectFlowRemainder(const Flow &flow)
{
    m_reason = "TCP stream ended inside a DNS message (" + std::to_string(flow.buffer.size()) +
               " bytes left; missing length prefix?)";
    m_sink->onRejected(flow.lastPacket, m_reason);
}

PcapReader::Result PcapReader::handleTcp(const uint8_t *data, size_t size)
{
    if (size < 20)
        return Result::Continue;
    m_srcPort = be16(data);
    m_dstPort = be16(data + 2);
    if (!isDnsPort(m_srcPort) && !isDnsPort(m_dstPort))
        return Result::Continue;
    const uint32_t seq = be32(data + 4);
    const size_t headerLength = size_t(data[12] >> 4) * 4;
    const uint8_t flags = data[13];
    const bool syn = flags & 0x02, fin = flags & 0x01, rst = flags & 0x04;
    if (headerLength < 20 || headerLength > size)
        return Result::Continue;
    const uint8_t *payload = data + headerLength;
    size_t payloadSize = size - headerLength;

    FlowKey key{};
    std::memcpy(key.src, m_srcRaw, 16);
    std::memcpy(key.dst, m_dstRaw, 16);
    key.srcPort = m_srcPort;
    key.dstPort = m_dstPort;
    key.family = m_family;

    auto it = m_flows.find(key);
    if (syn) {
        // A new connection: start over, even if an old flow with the same addresses lingers.
        if (it != m_flows.end() && !it->second.buffer.empty())
            rejectFlowRemainder(it->second);
        if (it == m_flows.end()) {
            if (m_flows.size() >= kMaxFlows) {
                m_sink->onRejected(m_packetNumber, "too many concurrent TCP flows; this one is not reassembled");
                return Result::Continue;
            }
            it = m_flows.emplace(key, Flow{}).first;
        }
        it->second.buffer.clear();
        it->second.nextSeq = seq + 1;
        it->second.lastPacket = m_packetNumber;
        return Result::Continue;
    }
    if (payloadSize == 0) {
        if ((fin || rst) && it != m_flows.end()) {
            it->second.lastPacket = m_packetNumber;
            if (!it->second.buffer.empty())
                rejectFlowRemainder(it->second);
            m_flows.erase(it);
        }
        return Result::Continue;
    }
    if (it == m_flows.end()) {
        // The capture started mid-connection: assume this segment starts a message.
        if (m_flows.size() >= kMaxFlows) {
            m_sink->onRejected(m_packetNumber, "too many concurrent TCP flows; this one is not reassembled");
            return Result::Continue;
        }
        it = m_flows.emplace(key, Flow{}).first;
        it->second.nextSeq = seq;
    }
    Flow &flow = it->second;
    flow.lastPacket = m_packetNumber;
    const int32_t delta = static_cast<int32_t>(seq - flow.nextSeq); // wraps correctly
    if (delta > 0) {
        m_sink->onRejected(m_packetNumber, "TCP segment out of order or missing before it; the flow's "
                                           "buffered data was dropped");
        // Resynchronise on this segment as if it started a message.
        flow.buffer.clear();
        flow.nextSeq = seq;
    } else if (delta < 0) {
        const size_t seen = static_cast<size_t>(-static_cast<int64_t>(delta));
        if (seen >= payloadSize)
            return Result::Continue; // a retransmission of data already taken
        payload += seen;
        payloadSize -= seen;
    }
    flow.nextSeq += static_cast<uint32_t>(payloadSize);
    if (flow.buffer.size() + payloadSize > kMaxFlowBuffer) {
        m_sink->onRejected(m_packetNumber, "TCP flow buffers more than a DNS message can hold; dropped");
        flow.buffer.clear();
        return Result::Continue;
    }
    flow.buffer.insert(flow.buffer.end(), payload, payload + payloadSize);

    size_t pos = 0;
    Result result = Result::Continue;
    while (flow.buffer.size() - pos >= 2) {
        const size_t length = be16(flow.buffer.data() + pos);
        if (length < 12) {
            m_reason = "TCP DNS length prefix " + std::to_string(length) +
                       " is shorter than a DNS header (missing length prefix?); flow dropped";
            m_sink->onRejected(m_packetNumber, m_reason);
            pos = flow.buffer.size();
            break;
        }
        if (flow.buffer.size() - pos < 2 + length)
            break;
        if (handleDns(flow.buffer.data() + pos + 2, length) == Result::Stop) {
            result = Result::Stop;
            pos += 2 + length;
            break;
        }
        pos += 2 + length;
    }
    // `flow` may not be used after this if the message handler stopped; it still exists, the map is
    // only changed here.
    flow.buffer.erase(flow.buffer.begin(), flow.buffer.begin() + static_cast<ptrdiff_t>(pos));
    if ((fin || rst) && result == Result::Continue) {
        if (!flow.buffer.empty())
            rejectFlowRemainder(flow);
        m_flows.erase(it);
    }
    return result;
}

PcapReader::Result PcapReader::handleDns(const uint8_t *data, size_t size)
{
    const char *why = nullptr;
    switch (parseDnsQuestion(data, size, &m_question, &why)) {
    case DnsParseResult::Malformed:
        m_sink->onRejected(m_packetNumber, why);
        return Result::Continue;
    case DnsParseResult::NoQuestion:
        m_sink->onSkipped(m_packetNumber, m_question.response ? "DNS response" : "DNS message without a question");
        return Result::Continue;
    case DnsParseResult::Ok:
        break;
    }
    if (m_question.response) {
        m_sink->onSkipped(m_packetNumber, "DNS response");
        return Result::Continue;
    }
    if (!normalizeDnsName(m_question.name, &m_name, &why)) {
        m_sink->onRejected(m_packetNumber, why);
        return Result::Continue;
    }
    const int af = m_family == 4 ? AF_INET : AF_INET6;
    inet_ntop(af, m_srcRaw, m_srcText, sizeof m_srcText);
    inet_ntop(af, m_dstRaw, m_dstText, sizeof m_dstText);
    LookupRecord record;
    record.timeUs = m_timeUs;
    record.client = m_srcText;
    record.server = m_dstText;
    record.name = m_name;
    record.qtype = m_question.qtype;
    record.rcode = static_cast<int16_t>(m_question.rcode);
    record.line = m_packetNumber;
    return m_sink->onRecord(record) ? Result::Continue : Result::Stop;
}

} // namespace dnt
