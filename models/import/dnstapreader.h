#pragma once

#include "dnsmessage.h"
#include "reader.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dnt
{

// dnstap logs: a Frame Streams file (START control frame with content type "protobuf:dnstap.Dnstap",
// length-prefixed data frames, STOP) whose data frames are dnstap protobuf messages. Both layers are
// decoded here without libfstrm/libprotobuf-c: only a handful of fields are needed and Debian ships no
// compiled dnstap.proto, while a small bounds-checked decoder keeps hostile input under our control.
// Counts CLIENT_QUERY messages (and RESOLVER_QUERY when ReaderOptions::resolverQueries is set);
// client = query_address, server = response_address, time = query_time, line = data frame number.
// Runs on the importing thread; one instance per file.
class DnstapReader : public Reader
{
public:
    explicit DnstapReader(const ReaderOptions &options = {});
    QString formatName() const override { return QStringLiteral("dnstap"); }
    ReadStatus read(InputStream &stream, RecordSink &sink, QString *error) override;
    static int detect(std::string_view head);

    // fstrm's own limits: control frames are tiny; data frames above 1 MiB are not written by senders.
    static constexpr uint32_t kMaxControlFrame = 512;
    static constexpr uint32_t kMaxDataFrame = 1 << 20;

private:
    enum class Fill { Ok, End, Truncated, Error };
    Fill fill(InputStream &stream, size_t bytes);
    // Returns false to stop reading (the sink refused a record).
    bool handleFrame(const uint8_t *data, size_t size, int64_t frameNumber, RecordSink &sink);

    bool m_resolverQueries = false;
    std::vector<uint8_t> m_buffer; // undecoded bytes at m_buffer[m_pos..]
    size_t m_pos = 0;
    DnsQuestionInfo m_question;
    std::string m_name;
    std::string m_reason;
    char m_clientText[64] = {};
    char m_serverText[64] = {};
};

} // namespace dnt
