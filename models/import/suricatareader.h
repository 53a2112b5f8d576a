#pragma once

#include "jsonlinescanner.h"
#include "linebasedreader.h"

#include <string>
#include <string_view>

namespace dnt
{

// Suricata eve.json, "event_type":"dns" lines. Three layouts are read:
//  v1 and v2 (Suricata 3.x–7): "dns":{"type":"query","rrname":…,"rrtype":…} for each request,
//      "type":"answer" for responses;
//  v3 (Suricata 8, and 7 with version 3): "dns":{"version":3,"type":"request","queries":[{…}]}
//      and "type":"response".
// Requests count (one lookup per question in queries[]); answers/responses and other event types
// are skipped and counted. Times carry their own offset ("+0100"). client = src_ip,
// server = dest_ip. Runs on the importing thread; one instance per file.
class SuricataReader : public LineBasedReader
{
public:
    QString formatName() const override { return QStringLiteral("suricata"); }
    static int detect(std::string_view head);

protected:
    LineResult parseLine(std::string_view line, int64_t lineNumber, RecordSink &sink) override;

private:
    LineResult emitQuery(std::string_view rrname, std::string_view rrtype, LookupRecord &record,
                         RecordSink &sink);
    LineResult rejectField(RecordSink &sink, int64_t line, const char *field, std::string_view problem,
                           std::string_view value);

    JsonFieldCollector m_fields, m_query;
    std::string m_ts, m_eventType, m_src, m_dest, m_type, m_rrname, m_rrtype, m_name;
};

} // namespace dnt
