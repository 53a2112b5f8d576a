#pragma once

// Builders of DNS wire messages and packet captures for the pcap, dnstap and DNS message tests.

#include <QByteArray>
#include <QList>

#include <cstdint>

namespace dnt::test
{

inline void put16(QByteArray *b, uint16_t v)
{
    b->append(char(v >> 8));
    b->append(char(v & 0xff));
}

inline void put32(QByteArray *b, uint32_t v)
{
    put16(b, uint16_t(v >> 16));
    put16(b, uint16_t(v & 0xffff));
}

inline void putLe32(QByteArray *b, uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        b->append(char((v >> (8 * i)) & 0xff));
}

inline void putLe16(QByteArray *b, uint16_t v)
{
    b->append(char(v & 0xff));
    b->append(char(v >> 8));
}

// "www.example.com" as wire labels with the root byte.
inline QByteArray wireName(const QByteArray &dotted)
{
    QByteArray out;
    for (const QByteArray &label : dotted.split('.'))
        if (!label.isEmpty()) {
            out.append(char(label.size()));
            out.append(label);
        }
    out.append('\0');
    return out;
}

// A DNS message with one question; `response` sets QR.
inline QByteArray dnsQuery(const QByteArray &name, uint16_t qtype, uint16_t id = 0x1234, bool response = false,
                           uint8_t rcode = 0)
{
    QByteArray m;
    put16(&m, id);
    m.append(char(response ? 0x81 : 0x01)); // RD
    m.append(char(rcode));
    put16(&m, 1);
    put16(&m, 0);
    put16(&m, 0);
    put16(&m, 0);
    m.append(wireName(name));
    put16(&m, qtype);
    put16(&m, 1);
    return m;
}

// A classic pcap file (little-endian, microseconds) of the given link type.
class PcapBuilder
{
public:
    explicit PcapBuilder(uint32_t linkType = 101, uint32_t snapLen = 65535)
    {
        putLe32(&m_data, 0xa1b2c3d4);
        putLe16(&m_data, 2);
        putLe16(&m_data, 4);
        putLe32(&m_data, 0);
        putLe32(&m_data, 0);
        putLe32(&m_data, snapLen);
        putLe32(&m_data, linkType);
    }
    void add(const QByteArray &frame, uint32_t sec, uint32_t usec, int caplenOverride = -1)
    {
        putLe32(&m_data, sec);
        putLe32(&m_data, usec);
        putLe32(&m_data, caplenOverride >= 0 ? uint32_t(caplenOverride) : uint32_t(frame.size()));
        putLe32(&m_data, uint32_t(frame.size()));
        m_data.append(frame);
    }
    QByteArray data() const { return m_data; }

private:
    QByteArray m_data;
};

inline QByteArray ipv4(const QByteArray &src4, const QByteArray &dst4, uint8_t protocol, const QByteArray &payload,
                       uint16_t fragment = 0)
{
    QByteArray p;
    p.append(char(0x45));
    p.append('\0');
    put16(&p, uint16_t(20 + payload.size()));
    put16(&p, 1);
    put16(&p, fragment);
    p.append(char(64));
    p.append(char(protocol));
    put16(&p, 0);
    p.append(src4);
    p.append(dst4);
    p.append(payload);
    return p;
}

inline QByteArray ip4(int a, int b, int c, int d)
{
    QByteArray x;
    x.append(char(a));
    x.append(char(b));
    x.append(char(c));
    x.append(char(d));
    return x;
}

inline QByteArray udp(uint16_t sport, uint16_t dport, const QByteArray &payload)
{
    QByteArray u;
    put16(&u, sport);
    put16(&u, dport);
    put16(&u, uint16_t(8 + payload.size()));
    put16(&u, 0);
    u.append(payload);
    return u;
}

enum TcpFlags : uint8_t { Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10 };

inline QByteArray tcp(uint16_t sport, uint16_t dport, uint32_t seq, uint8_t flags, const QByteArray &payload)
{
    QByteArray t;
    put16(&t, sport);
    put16(&t, dport);
    put32(&t, seq);
    put32(&t, 0);
    t.append(char(5 << 4));
    t.append(char(flags));
    put16(&t, 65535);
    put16(&t, 0);
    put16(&t, 0);
    t.append(payload);
    return t;
}

// A DNS message with its TCP two-byte length prefix.
inline QByteArray prefixed(const QByteArray &message)
{
    QByteArray b;
    put16(&b, uint16_t(message.size()));
    return b + message;
}

// A capture (Ethernet, classic pcap) of n UDP queries for A records, each followed by its
// response: names "hostK.example-M.com" (5000 distinct hosts in 97 domains), clients 10.0.X.Y from
// 10.0.0.1 up, the server 192.0.2.53, 100 queries per second from 2023-11-14T22:13:20Z. Shared by
// tst_pcapreader and tests/bench/bench_pcap.
inline QByteArray syntheticCapture(int n)
{
    PcapBuilder b(1);
    const QByteArray eth = QByteArray(12, '\x02') + QByteArray("\x08\x00", 2);
    const QByteArray server = ip4(192, 0, 2, 53);
    for (int i = 0; i < n; ++i) {
        const QByteArray name = "host" + QByteArray::number(i % 5000) + ".example-" + QByteArray::number(i % 97) + ".com";
        const QByteArray src = ip4(10, 0, (i / 250) % 250, i % 250 + 1);
        const auto sport = uint16_t(30000 + i % 30000);
        const auto sec = uint32_t(1700000000 + i / 100);
        const auto usec = uint32_t((i % 100) * 10000);
        b.add(eth + ipv4(src, server, 17, udp(sport, 53, dnsQuery(name, 1, uint16_t(i)))), sec, usec);
        b.add(eth + ipv4(server, src, 17, udp(53, sport, dnsQuery(name, 1, uint16_t(i), true))), sec, usec + 500);
    }
    return b.data();
}

} // namespace dnt::test
