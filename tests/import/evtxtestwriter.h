#pragma once

// Writes a minimal Windows XML Event Log (.evtx) file for the Sysmon reader's tests, after the libyal
// format description ("Windows XML Event Log (EVTX)", libevtx documentation): a 4,096-byte file header,
// one 64 KiB chunk, and one record per event whose binary XML is a plain element tree (names inline,
// text as UTF-16 value tokens, no templates), with the CRC-32 checksums of header, chunk and records.
// No Windows machine is at hand to write a real one; the file is checked to read back with libevtx
// (evtxexport) and python-evtx as the XML given here.

#include <zlib.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace dnt::test::evtx
{

struct Event
{
    uint32_t eventId = 22;
    std::string provider = "Microsoft-Windows-Sysmon";
    std::string computer;
    uint64_t writtenFiletime = 0;
    std::vector<std::pair<std::string, std::string>> data; // EventData/Data Name= value, in order
};

class Writer
{
public:
    // The whole file for these events (they must fit one chunk).
    static std::string file(const std::vector<Event> &events)
    {
        std::string chunk(65536, '\0');
        size_t pos = 512;
        uint64_t id = 1;
        size_t lastRecord = 512;
        for (const Event &e : events) {
            Writer w(&chunk, pos + 24);
            w.eventXml(e);
            const std::string xml = std::move(w.m_out);
            const uint32_t size = uint32_t(24 + xml.size() + 4);
            std::string rec;
            rec += std::string("\x2a\x2a\x00\x00", 4);
            put32(&rec, size);
            put64(&rec, id++);
            put64(&rec, e.writtenFiletime);
            rec += xml;
            put32(&rec, size);
            chunk.replace(pos, rec.size(), rec);
            lastRecord = pos;
            pos += rec.size();
        }
        const uint64_t n = events.size();
        std::string head = std::string("ElfChnk\0", 8);
        put64(&head, 1);
        put64(&head, n);
        put64(&head, 1);
        put64(&head, n);
        put32(&head, 128);
        put32(&head, uint32_t(lastRecord));
        put32(&head, uint32_t(pos));
        put32(&head, crc(chunk.data() + 512, pos - 512));
        chunk.replace(0, head.size(), head);
        // Header checksum: bytes 0..120 and 128..512.
        uLong c = crc32(0L, Z_NULL, 0);
        c = crc32(c, reinterpret_cast<const Bytef *>(chunk.data()), 120);
        c = crc32(c, reinterpret_cast<const Bytef *>(chunk.data() + 128), 512 - 128);
        std::string sum;
        put32(&sum, uint32_t(c));
        chunk.replace(124, 4, sum);

        std::string header = std::string("ElfFile\0", 8);
        put64(&header, 0);     // first chunk
        put64(&header, 0);     // last chunk
        put64(&header, n + 1); // next record identifier
        put32(&header, 128);
        put16(&header, 1); // minor version
        put16(&header, 3); // major version
        put16(&header, 4096);
        put16(&header, 1); // chunks
        header.resize(120, '\0');
        put32(&header, 0); // flags
        put32(&header, crc(header.data(), 120));
        header.resize(4096, '\0');
        return header + chunk;
    }

private:
    Writer(std::string *chunk, size_t base) : m_chunk(chunk), m_base(base) {}

    static void put16(std::string *s, uint16_t v) { s->push_back(char(v & 0xff)), s->push_back(char(v >> 8)); }
    static void put32(std::string *s, uint32_t v)
    {
        for (int i = 0; i < 4; ++i)
            s->push_back(char((v >> (8 * i)) & 0xff));
    }
    static void put64(std::string *s, uint64_t v)
    {
        for (int i = 0; i < 8; ++i)
            s->push_back(char((v >> (8 * i)) & 0xff));
    }
    static uint32_t crc(const char *p, size_t n)
    {
        return uint32_t(crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef *>(p), uInt(n)));
    }
    static std::u16string utf16(const std::string &ascii) { return std::u16string(ascii.begin(), ascii.end()); }

    // Chunk offset of the byte about to be written.
    uint32_t here() const { return uint32_t(m_base + m_out.size()); }

    // A name stored inline (its offset is where it starts): next-string offset, hash, length, UTF-16, NUL.
    void name(const std::string &n)
    {
        put32(&m_out, here() + 4);
        put32(&m_out, 0);
        uint32_t hash = 0;
        for (char c : n)
            hash = hash * 65599 + uint8_t(c);
        put16(&m_out, uint16_t(hash));
        put16(&m_out, uint16_t(n.size()));
        for (char16_t c : utf16(n))
            put16(&m_out, uint16_t(c));
        put16(&m_out, 0);
    }

    void text(const std::string &t)
    {
        m_out.push_back(0x05);
        m_out.push_back(0x01);
        put16(&m_out, uint16_t(t.size()));
        for (char16_t c : utf16(t))
            put16(&m_out, uint16_t(c));
    }

    // <tag attr="value">content</tag>; content writes the children. Returns after the end tag.
    template <typename F>
    void element(const std::string &tag, const std::vector<std::pair<std::string, std::string>> &attrs, F content, bool empty = false)
    {
        const size_t start = m_out.size();
        m_out.push_back(attrs.empty() ? 0x01 : 0x41);
        put16(&m_out, 0xffff); // no dependency
        put32(&m_out, 0);      // data size, set below
        name(tag);
        if (!attrs.empty()) {
            const size_t listStart = m_out.size();
            put32(&m_out, 0);
            for (size_t i = 0; i < attrs.size(); ++i) {
                m_out.push_back(i + 1 < attrs.size() ? 0x46 : 0x06);
                name(attrs[i].first);
                text(attrs[i].second);
            }
            patch32(listStart, uint32_t(m_out.size() - listStart - 4));
        }
        if (empty) {
            m_out.push_back(0x03);
        } else {
            m_out.push_back(0x02);
            content();
            m_out.push_back(0x04);
        }
        patch32(start + 3, uint32_t(m_out.size() - start - 7));
    }

    void patch32(size_t at, uint32_t v)
    {
        std::string s;
        put32(&s, v);
        m_out.replace(at, 4, s);
    }

    void eventXml(const Event &e)
    {
        m_out += std::string("\x0f\x01\x01\x00", 4);
        element("Event", {{"xmlns", "http://schemas.microsoft.com/win/2004/08/events/event"}}, [&] {
            element("System", {}, [&] {
                element("Provider", {{"Name", e.provider}}, [] {}, true);
                element("EventID", {}, [&] { text(std::to_string(e.eventId)); });
                element("Channel", {}, [&] { text("Microsoft-Windows-Sysmon/Operational"); });
                element("Computer", {}, [&] { text(e.computer); });
            });
            element("EventData", {}, [&] {
                for (const auto &[key, value] : e.data)
                    element("Data", {{"Name", key}}, [&] {
                        if (!value.empty())
                            text(value);
                    });
            });
        });
        m_out.push_back(0x00); // end of file
    }

    std::string *m_chunk;
    size_t m_base;
    std::string m_out;
};

} // namespace dnt::test::evtx
