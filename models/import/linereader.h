#pragma once

#include "inputstream.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace dnt {

// Splits an InputStream into lines without allocating per line. A line longer than maxLineLength is
// reported as TooLong and skipped up to its newline without being buffered, so a 50 MB line with no
// newline costs no memory.
class LineReader
{
public:
    enum class Status { Line, TooLong, End, Error };

    explicit LineReader(InputStream &stream, int64_t maxLineLength = 1 << 20);

    // On Line, *line is the line without its "\n" (and without a trailing "\r"); valid until the next
    // call. On Error, the stream's errorString() says why.
    Status next(std::string_view *line);
    // 1-based number of the line last returned (also for TooLong).
    int64_t lineNumber() const { return m_lineNumber; }

private:
    InputStream &m_stream;
    int64_t m_maxLineLength;
    std::vector<char> m_buffer;
    size_t m_begin = 0;
    size_t m_end = 0;
    int64_t m_lineNumber = 0;
    bool m_eof = false;
};

} // namespace dnt
