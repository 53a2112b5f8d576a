#pragma once

#include <cstdint>
#include <string_view>

namespace dnt {

// One DNS lookup as a reader produces it. The views point into the reader's own buffers and are
// valid only for the duration of the RecordSink::onRecord() call that delivers the record, so a
// reader never allocates per field.
struct LookupRecord
{
    int64_t timeUs = 0;        // microseconds since the epoch, UTC
    std::string_view client;   // textual address of who asked ("217.12.96.15", "2001:db8::1")
    std::string_view server;   // textual address of who was asked; may be empty
    std::string_view name;     // normalised: lower-case ASCII, no trailing dot, IDNs in xn-- form
    uint16_t qtype = 0;        // numeric query type (1 = A, 28 = AAAA …); 0 = unknown
    int16_t rcode = -1;        // numeric response code; -1 = unknown
    int64_t line = 0;          // 1-based line number (or packet/record number) in the source file
    std::string_view image;    // the program that asked (Sysmon's Image path); empty for most formats
};

// Receives what a reader finds. Called on the reader's thread.
class RecordSink
{
public:
    virtual ~RecordSink() = default;
    // A lookup. Return false to stop reading (cancel).
    virtual bool onRecord(const LookupRecord &record) = 0;
    // A line that should have been a lookup but could not be read (malformed). Counted and reported.
    virtual void onRejected(int64_t line, std::string_view reason) = 0;
    // The same, with the rejected line's text when the reader has it (line-based formats); a sink that
    // keeps the text overrides this one.
    virtual void onRejectedText(int64_t line, std::string_view reason, std::string_view text)
    {
        (void)text;
        onRejected(line, reason);
    }
    // A line that is valid but is not a lookup (e.g. a Zeek response-only row without a query name).
    virtual void onSkipped(int64_t line, std::string_view reason) = 0;
};

} // namespace dnt
