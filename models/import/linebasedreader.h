#pragma once

#include "linereader.h"
#include "reader.h"

#include <string>
#include <string_view>

namespace dnt
{

// Base of the line-oriented text readers: owns the loop over lines, turns over-long lines into
// rejections and stream errors into ReadStatus::Failed, so a format only parses one line.
// Runs on the importing thread.
class LineBasedReader : public Reader
{
public:
    ReadStatus read(InputStream &stream, RecordSink &sink, QString *error) override;

    // Lines longer than this are rejected without being buffered.
    static constexpr int64_t kMaxLineLength = 1 << 20;

protected:
    enum class LineResult { Continue, Stop };

    // Called once before the first line, so a reader can be reused for another stream.
    virtual void reset() {}
    // One line without its end-of-line bytes. Return Stop when the sink refused a record.
    virtual LineResult parseLine(std::string_view line, int64_t lineNumber, RecordSink &sink) = 0;

    // A scratch buffer for building rejection reasons; rejections are rare, so it may allocate.
    std::string m_reason;
};

// Whether a line is empty or only blanks: such lines carry nothing and are passed over.
bool isBlankLine(std::string_view line);

// "…" quoting of a field value for messages, cut to a readable length, control bytes as \xNN.
void appendQuoted(std::string *out, std::string_view value);

} // namespace dnt
