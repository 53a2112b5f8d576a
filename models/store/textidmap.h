#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace dnt {

// Text -> dictionary id for the bulk writer, looked up once or twice per imported row. Open addressing
// over one flat slot array with the texts in one arena: a lookup touches one slot and one arena span and
// never allocates, where a node-based std::unordered_map costs several cache misses per row once it
// holds tens of thousands of names. The last hit is remembered because logs repeat themselves (the
// same server on every line, the same client in a burst). Ids must be > 0; find() returns 0 if absent.
class TextIdMap
{
public:
    int64_t find(std::string_view text)
    {
        if (m_lastId && text == std::string_view(m_arena).substr(m_lastOffset, m_lastLength))
            return m_lastId;
        if (m_slots.empty())
            return 0;
        const uint64_t h = hash(text);
        for (size_t i = h & m_mask;; i = (i + 1) & m_mask) {
            const Slot &s = m_slots[i];
            if (s.id == 0)
                return 0;
            if (s.hash == h && s.length == text.size()
                && std::memcmp(m_arena.data() + s.offset, text.data(), text.size()) == 0) {
                m_lastId = s.id;
                m_lastOffset = s.offset;
                m_lastLength = s.length;
                return s.id;
            }
        }
    }

    // text must not be present yet.
    void insert(std::string_view text, int64_t id)
    {
        if ((m_size + 1) * 4 > m_slots.size() * 3)
            grow();
        Slot s{hash(text), id, m_arena.size(), static_cast<uint32_t>(text.size())};
        m_arena.append(text);
        place(s);
        ++m_size;
    }

    size_t size() const { return m_size; }

private:
    struct Slot
    {
        uint64_t hash;
        int64_t id; // 0 = empty
        uint64_t offset;
        uint32_t length;
    };

    static uint64_t hash(std::string_view t)
    {
        // 8 bytes at a time with a multiply-xorshift mix: names are short, so speed beats strength here.
        uint64_t h = 0x9E3779B97F4A7C15ULL ^ t.size();
        size_t i = 0;
        for (; i + 8 <= t.size(); i += 8) {
            uint64_t w;
            std::memcpy(&w, t.data() + i, 8);
            h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
            h ^= h >> 31;
        }
        uint64_t w = 0;
        if (i < t.size())
            std::memcpy(&w, t.data() + i, t.size() - i);
        h = (h ^ w) * 0x94D049BB133111EBULL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9ULL;
        return h ^ (h >> 32);
    }

    void place(const Slot &s)
    {
        size_t i = s.hash & m_mask;
        while (m_slots[i].id != 0)
            i = (i + 1) & m_mask;
        m_slots[i] = s;
    }

    void grow()
    {
        std::vector<Slot> old;
        old.swap(m_slots);
        m_slots.assign(old.empty() ? 1024 : old.size() * 2, Slot{0, 0, 0, 0});
        m_mask = m_slots.size() - 1;
        for (const Slot &s : old)
            if (s.id != 0)
                place(s);
    }

    std::vector<Slot> m_slots;
    size_t m_mask = 0;
    size_t m_size = 0;
    std::string m_arena;
    int64_t m_lastId = 0;
    uint64_t m_lastOffset = 0;
    uint32_t m_lastLength = 0;
};

} // namespace dnt
