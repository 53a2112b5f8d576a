#pragma once

#include "linebasedreader.h"
#include "localclock.h"

#include <string>
#include <string_view>

namespace dnt
{

// CoreDNS "log" plugin lines, common and combined format:
//   [INFO] 127.0.0.1:52591 - 33222 "A IN example.org. udp 41 false 4096" NOERROR qr,rd 41 0.000154s
//   … the same … "0"                         (combined: adds the opcode)
// The plugin itself writes no time; a line is dated by the time stamp in front of it that the log
// collector or CoreDNS adds ("2024-03-04T10:00:00.000Z [INFO] …", journald/docker/kubectl
// --timestamps). A stamp with an offset or Z is used as it is; a zone-less one is read in
// ReaderOptions::zone. A query line without any stamp is rejected (there is no honest date for it).
// Other CoreDNS output (plugin messages, banners) is skipped. Runs on the importing thread.
class CoreDnsReader : public LineBasedReader
{
public:
    explicit CoreDnsReader(const ReaderOptions &options = {});
    QString formatName() const override { return QStringLiteral("coredns"); }
    QString assumedZone() const override { return m_zoneUsed ? m_clock.zoneName() : QString(); }
    ReadStatus read(InputStream &stream, RecordSink &sink, QString *error) override;
    static int detect(std::string_view head);

protected:
    void reset() override { m_zoneUsed = false; }
    LineResult parseLine(std::string_view line, int64_t lineNumber, RecordSink &sink) override;

private:
    LocalClock m_clock;
    bool m_zoneUsed = false;
    std::string m_name;
};

} // namespace dnt
