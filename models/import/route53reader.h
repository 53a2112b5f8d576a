#pragma once

#include "jsonlinescanner.h"
#include "linebasedreader.h"

#include <string>
#include <string_view>

namespace dnt
{

// AWS Route 53 (VPC) Resolver query logs: one JSON object per line with query_timestamp (ISO 8601
// UTC), srcaddr, query_name, query_type, rcode, …. Every record is a lookup. The resolver's own
// address is not in the log, so server stays empty. Runs on the importing thread.
class Route53Reader : public LineBasedReader
{
public:
    QString formatName() const override { return QStringLiteral("route53"); }
    static int detect(std::string_view head);

protected:
    LineResult parseLine(std::string_view line, int64_t lineNumber, RecordSink &sink) override;

private:
    LineResult rejectField(RecordSink &sink, int64_t line, const char *field, std::string_view problem,
                           std::string_view value);

    JsonFieldCollector m_fields;
    std::string m_ts, m_src, m_name, m_type, m_rcode, m_normalized;
};

} // namespace dnt
