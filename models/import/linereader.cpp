#include "linereader.h"

#include <algorithm>
#include <cstring>

namespace dnt
{

namespace
{
constexpr size_t kChunk = 1 << 20;
}

LineReader::LineReader(InputStream &stream, int64_t maxLineLength)
    : m_stream(stream), m_maxLineLength(std::max<int64_t>(16, maxLineLength))
{
    m_buffer.resize(static_cast<size_t>(m_maxLineLength) + kChunk);
}

LineReader::Status LineReader::next(std::string_view *line)
{
    size_t scan = m_begin;
    while (true) {
        if (const void *nl = std::memchr(m_buffer.data() + scan, '\n', m_end - scan)) {
            const size_t pos = static_cast<size_t>(static_cast<const char *>(nl) - m_buffer.data());
            size_t len = pos - m_begin;
            if (len > 0 && m_buffer[m_begin + len - 1] == '\r')
                --len;
            *line = std::string_view(m_buffer.data() + m_begin, len);
            m_begin = pos + 1;
            ++m_lineNumber;
            if (static_cast<int64_t>(len) > m_maxLineLength)
                return Status::TooLong;
            return Status::Line;
        }
        scan = m_end;
        if (m_eof) {
            // A last line without a newline is still a line.
            if (m_begin == m_end)
                return Status::End;
            size_t len = m_end - m_begin;
            if (m_buffer[m_begin + len - 1] == '\r')
                --len;
            *line = std::string_view(m_buffer.data() + m_begin, len);
            m_begin = m_end;
            ++m_lineNumber;
            return static_cast<int64_t>(len) > m_maxLineLength ? Status::TooLong : Status::Line;
        }
        if (static_cast<int64_t>(m_end - m_begin) > m_maxLineLength) {
            // Too long: drop what we have and skip to the next newline without buffering the line.
            ++m_lineNumber;
            m_begin = m_end = 0;
            while (true) {
                const int64_t n = m_stream.read(m_buffer.data(), static_cast<int64_t>(m_buffer.size()));
                if (n < 0)
                    return Status::Error;
                if (n == 0) {
                    m_eof = true;
                    *line = std::string_view();
                    return Status::TooLong;
                }
                if (const void *nl = std::memchr(m_buffer.data(), '\n', static_cast<size_t>(n))) {
                    m_begin = static_cast<size_t>(static_cast<const char *>(nl) - m_buffer.data()) + 1;
                    m_end = static_cast<size_t>(n);
                    *line = std::string_view();
                    return Status::TooLong;
                }
            }
        }
        // Make room: move the partial line to the front, then read more after it.
        if (m_begin > 0) {
            std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
            m_end -= m_begin;
            scan -= m_begin;
            m_begin = 0;
        }
        const int64_t n =
            m_stream.read(m_buffer.data() + m_end, static_cast<int64_t>(m_buffer.size() - m_end));
        if (n < 0) {
            // The complete lines before the error were delivered already; a partial line cut by
            // a decoding error is not trustworthy, so it is not delivered.
            return Status::Error;
        }
        if (n == 0)
            m_eof = true;
        m_end += static_cast<size_t>(n);
    }
}

} // namespace dnt
