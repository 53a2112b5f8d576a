#pragma once

#include "dnsmessage.h"
#include "reader.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace dnt
{

// Packet captures (pcap, pcapng; microsecond or nanosecond stamps) read through libpcap from the
// decompressed InputStream. Counts DNS query messages (QR=0) over UDP and TCP on the configured ports:
// client = source address, server = destination, time = packet time, line = packet number.
// Link types: Ethernet (with 802.1Q/802.1ad tags), raw IP, Linux cooked (SLL, SLL2), BSD loopback.
// Runs on the importing thread; one instance per file.
class PcapReader : public Reader
{
public:
    explicit PcapReader(const ReaderOptions &options = {});
    ~PcapReader() override;
    QString formatName() const override { return QStringLiteral("pcap"); }
    ReadStatus read(InputStream &stream, RecordSink &sink, QString *error) override;
    static int detect(std::string_view head);

    // Limits of TCP reassembly: a DNS message is at most 65535 bytes plus its prefix, so a flow never
    // needs much more; the flow table is capped so a SYN flood cannot exhaust memory.
    static constexpr size_t kMaxFlowBuffer = 2 * 65538;
    static constexpr size_t kMaxFlows = 20000;

private:
    struct FlowKey
    {
        uint8_t src[16];
        uint8_t dst[16];
        uint16_t srcPort;
        uint16_t dstPort;
        uint8_t family; // 4 or 6
        bool operator<(const FlowKey &o) const;
    };
    struct Flow
    {
        uint32_t nextSeq = 0;
        std::vector<uint8_t> buffer;
        int64_t lastPacket = 0;
    };

    enum class Result { Continue, Stop };

    Result handleFrame(const uint8_t *data, size_t size, int linkType);
    Result handleIp(const uint8_t *data, size_t size);
    Result handleTransport(int protocol, const uint8_t *data, size_t size, bool firstFragmentOnly);
    Result handleTcp(const uint8_t *data, size_t size);
    Result handleDns(const uint8_t *data, size_t size);
    void rejectFlowRemainder(const Flow &flow);

    bool isDnsPort(uint16_t port) const;

    std::vector<uint16_t> m_ports;
    RecordSink *m_sink = nullptr;
    int64_t m_packetNumber = 0;
    int64_t m_timeUs = 0;

    // Current packet's addresses, as text, in reused buffers.
    uint8_t m_srcRaw[16] = {};
    uint8_t m_dstRaw[16] = {};
    uint8_t m_family = 0;
    uint16_t m_srcPort = 0;
    uint16_t m_dstPort = 0;
    char m_srcText[64] = {};
    char m_dstText[64] = {};

    std::map<FlowKey, Flow> m_flows;
    DnsQuestionInfo m_question;
    std::string m_name;
    std::string m_reason;
};

} // namespace dnt
