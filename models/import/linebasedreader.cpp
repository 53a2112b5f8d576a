#include "linebasedreader.h"

namespace dnt
{

ReadStatus LineBasedReader::read(InputStream &stream, RecordSink &sink, QString *error)
{
    reset();
    LineReader lines(stream, kMaxLineLength);
    std::string_view line;
    while (true) {
        switch (lines.next(&line)) {
        case LineReader::Status::Line:
            if (parseLine(line, lines.lineNumber(), sink) == LineResult::Stop)
                return ReadStatus::Stopped;
            break;
        case LineReader::Status::TooLong:
            m_reason = "line longer than " + std::to_string(kMaxLineLength) + " bytes";
            sink.onRejected(lines.lineNumber(), m_reason);
            break;
        case LineReader::Status::End:
            return ReadStatus::Finished;
        case LineReader::Status::Error:
            if (error)
                *error =
                    QStringLiteral("after line %1: %2").arg(lines.lineNumber()).arg(stream.errorString());
            return ReadStatus::Failed;
        }
    }
}

bool isBlankLine(std::string_view line)
{
    for (char c : line)
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    return true;
}

void appendQuoted(std::string *out, std::string_view value)
{
    constexpr size_t kMax = 60;
    static const char hex[] = "0123456789abcdef";
    out->push_back('"');
    for (size_t i = 0; i < value.size() && i < kMax; ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c < 0x20 || c == 0x7f) {
            out->append("\\x");
            out->push_back(hex[c >> 4]);
            out->push_back(hex[c & 15]);
        } else {
            out->push_back(static_cast<char>(c));
        }
    }
    if (value.size() > kMax)
        out->append("…");
    out->push_back('"');
}

} // namespace dnt
