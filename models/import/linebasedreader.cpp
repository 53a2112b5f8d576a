#include "linebasedreader.h"

namespace dnt
{

namespace
{

// Hands the text of the line being parsed along with a rejection of that line.
class LineTextSink : public RecordSink
{
public:
    explicit LineTextSink(RecordSink &inner) : m_inner(inner) {}
    bool onRecord(const LookupRecord &record) override { return m_inner.onRecord(record); }
    void onSkipped(int64_t line, std::string_view reason) override { m_inner.onSkipped(line, reason); }
    void onRejected(int64_t line, std::string_view reason) override
    {
        m_inner.onRejectedText(line, reason, line == m_lineNumber ? m_line : std::string_view());
    }
    void onRejectedText(int64_t line, std::string_view reason, std::string_view text) override
    {
        m_inner.onRejectedText(line, reason, text);
    }
    std::string_view m_line;
    int64_t m_lineNumber = 0;

private:
    RecordSink &m_inner;
};

} // namespace

ReadStatus LineBasedReader::read(InputStream &stream, RecordSink &outer, QString *error)
{
    reset();
    LineReader lines(stream, kMaxLineLength);
    LineTextSink sink(outer);
    std::string_view line;
    while (true) {
        switch (lines.next(&line)) {
        case LineReader::Status::Line:
            sink.m_line = line;
            sink.m_lineNumber = lines.lineNumber();
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
