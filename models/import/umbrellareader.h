#pragma once

#include "csvreader.h"

#include <string_view>

namespace dnt
{

// Cisco Umbrella DNS logs as exported to S3 (log format versions 2 and later): quoted CSV without a
// header, times in UTC, one row per DNS request whatever the action (allowed or blocked):
//   "2020-01-14 20:13:43","ActiveDirectoryUserName","ActiveDirectoryUserName,ADSite,Network","10.10.1.100",
//   "24.123.132.133","Allowed","1 (A)","NOERROR","domain-visited.com.","Chat,Photo Sharing,Social Networking", …
// Columns: timestamp, most granular identity, identities, internal IP (the client), external IP,
// action, query type, response code, domain, categories, and more in later versions (read by position,
// so the later versions' extra columns do not matter). The CSV reader reads it with that mapping.
// Where the internal IP is empty (Cisco Secure Access writes "" there), the external IP is the client.
// The header line that Secure Access (log versions 8, 9) puts first is skipped.
// Runs on the importing thread; one instance per file.
class UmbrellaReader : public CsvReader
{
public:
    explicit UmbrellaReader(const ReaderOptions &options = {});
    QString formatName() const override { return QStringLiteral("umbrella"); }
    // Umbrella writes UTC by definition: nothing about a zone is assumed.
    QString assumedZone() const override { return {}; }
    static int detect(std::string_view head);

protected:
    void reset() override;
    LineResult parseLine(std::string_view line, int64_t lineNumber, RecordSink &sink) override;

private:
    bool m_sawLine = false;
};

} // namespace dnt
