#pragma once

#include <cstdint>

#include "jsonlinescanner.h"
#include "linebasedreader.h"

#include <QByteArray>

#include <string>
#include <string_view>
#include <vector>

namespace dnt
{

// Zeek (formerly Bro) dns.log, the ASCII writer's tab-separated form with its "#…" header lines.
// Columns are found by name from "#fields", so column order, extra columns and missing optional
// columns do not matter; a file may hold several "#open … #close" blocks with different fields.
// Runs on the importing thread; one instance per file.
class ZeekTsvReader : public LineBasedReader
{
public:
    QString formatName() const override { return QStringLiteral("zeek"); }
    // Detection score for the first bytes of a file: 0 = not this format, higher = more certain.
    static int detect(std::string_view head);

protected:
    void reset() override;
    LineResult parseLine(std::string_view line, int64_t lineNumber, RecordSink &sink) override;

private:
    void parseHeader(std::string_view line, int64_t lineNumber);
    void setFields(std::string_view names, int64_t lineNumber);
    void resetBlock();
    // Splits the first `limit` fields into m_fields; returns how many fields the whole line has (the
    // rest are only counted: the columns after the last one read are never looked at).
    size_t split(std::string_view line, size_t limit = SIZE_MAX);

    // Per block ("#separator" … "#close"):
    std::string m_separator;
    std::string m_setSeparator;
    std::string m_emptyField;
    std::string m_unsetField;
    bool m_haveFields = false;
    std::string m_blockError; // set when #fields lacks a required column: every data line is rejected
    size_t m_columnCount = 0;
    size_t m_needed = 0; // fields up to the last column read
    int m_ts = -1, m_client = -1, m_server = -1, m_query = -1, m_qtype = -1, m_qtypeName = -1, m_rcode = -1;

    // Reused per line: no allocation in the hot path once they have grown.
    std::vector<std::string_view> m_fields;
    std::string m_rawName;
    std::string m_name;
};

// Zeek dns.log written as JSON lines (LogAscii::use_json): one object per line with the same keys
// as the TSV columns. Unset fields are left out by Zeek, so a missing "query" is a response-only
// row (skipped), not an error. "ts" may be epoch seconds, epoch milliseconds (JSON::TS_MILLIS) or
// an ISO 8601 string (JSON::TS_ISO8601). Duplicate keys: the last one wins.
class ZeekJsonReader : public LineBasedReader
{
public:
    QString formatName() const override { return QStringLiteral("zeek-json"); }
    static int detect(std::string_view head);

protected:
    LineResult parseLine(std::string_view line, int64_t lineNumber, RecordSink &sink) override;

private:
    JsonFieldCollector m_fields;
    std::string m_clientBuffer;
    std::string m_serverBuffer;
    std::string m_queryBuffer;
    std::string m_tsBuffer;
    std::string m_rawName;
    std::string m_name;
};

// Shared by both Zeek readers.
namespace zeek
{

// Zeek writes non-printable bytes (and the separator) inside values as "\xNN". Decodes them into
// out; other backslashes are kept as they are. Returns `in` itself when there is nothing to decode.
std::string_view decodeEscapes(std::string_view in, std::string *out);

// Timestamp text ("1469646000.123456", or ISO 8601) to µs; nullptr on success, else why not.
const char *parseTime(std::string_view text, int64_t *us);

// Whether an address field is usable text (printable ASCII, not empty).
bool isAddressText(std::string_view s);

} // namespace zeek

} // namespace dnt
