#pragma once

#include "reader.h"

#include <string_view>

class QJsonObject;

namespace dnt
{

// Sysmon Event ID 22 ("DNSEvent (DNS query)") from Windows endpoints, as the common JSON exports write
// it. One JSON object per event, either one per line (Winlogbeat, NXLog's to_json) or as the elements of
// one (pretty-printed) array (PowerShell's `Get-WinEvent … | ConvertTo-Json`); UTF-8, or UTF-16LE with
// a byte order mark as Windows PowerShell 5.1's `>` writes it. Recognised shapes:
//   Winlogbeat: {"winlog":{"event_id":22,"computer_name":"WS1","provider_name":"Microsoft-Windows-Sysmon",
//                "event_data":{"UtcTime":"…","QueryName":"…","QueryStatus":"0","Image":"C:\\…"}}, …}
//   NXLog:      {"EventID":22,"Hostname":"WS1","SourceName":"Microsoft-Windows-Sysmon","UtcTime":"…",
//                "QueryName":"…","QueryStatus":"0","Image":"C:\\…", …}
//   Get-WinEvent: [{"Id":22,"MachineName":"WS1","ProviderName":"Microsoft-Windows-Sysmon",
//                "Properties":[{"Value":"-"},{"Value":"2024-…"},…],"Message":"Dns query:\r\n…", …}, …]
// The client is the host (Computer); the process image travels as LookupRecord::image. Times are
// Sysmon's UtcTime (UTC by definition). QueryStatus is a Windows error code: 0 and 9501
// (DNS_INFO_NO_RECORDS) are NOERROR, 9001–9018 (DNS_ERROR_RCODE_*) are the DNS rcode + 9000, anything
// else (timeouts, 1460 …) is unknown. Sysmon does not log the query type. Events other than 22 and
// events of other providers are skipped with a reason, not rejected. A binary .evtx file (recognised by
// its signature) is read with libevtx from ReaderOptions::path, each record's XML giving the same named
// fields; the record's number in the file stands for the line. Runs on the importing thread.
class SysmonReader : public Reader
{
public:
    explicit SysmonReader(const ReaderOptions &options = {});
    QString formatName() const override { return QStringLiteral("sysmon"); }
    ReadStatus read(InputStream &stream, RecordSink &sink, QString *error) override;
    static int detect(std::string_view head);

    // Windows DNS status (QueryStatus) to a DNS rcode; -1 if it is not one.
    static int rcodeFromQueryStatus(int64_t status);

private:
    // One event object of any of the shapes above to a record (false: skipped or rejected, reported to
    // the sink; *stop when the sink asked to stop).
    bool handleEvent(const QJsonObject &event, int64_t line, RecordSink &sink, bool *stop);
    ReadStatus readEvtx(RecordSink &sink, QString *error);

    ReaderOptions m_options;
    std::string m_name, m_client, m_image;
};

} // namespace dnt
