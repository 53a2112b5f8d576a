#include "reader.h"
#include "zeekreader.h"
#include "suricatareader.h"
#include "route53reader.h"
#include "corednsreader.h"
#include "windowsdnsreader.h"
#include "piholereader.h"
#include "csvreader.h"
#include "umbrellareader.h"
#include "sysmonreader.h"
#include "bindreader.h"
#include "dnsmasqreader.h"
#include "unboundreader.h"
#include "pcapreader.h"
#include "dnstapreader.h"

#include <string_view>
#include <type_traits>

namespace dnt
{

namespace
{

// The one table of formats. Adding a format is one line here (plus its reader): name, a detector
// that scores the first bytes of a file (0 = no, higher = more certain) and a factory.
struct FormatEntry {
    const char *name;
    int (*detect)(std::string_view head);
    std::unique_ptr<Reader> (*create)(const ReaderOptions &options);
};

template <typename T> std::unique_ptr<Reader> make(const ReaderOptions &options)
{
    if constexpr (std::is_constructible_v<T, const ReaderOptions &>)
        return std::make_unique<T>(options);
    else
        return std::make_unique<T>();
}

constexpr FormatEntry kFormats[] = {
    {"zeek", &ZeekTsvReader::detect, &make<ZeekTsvReader>},
    {"zeek-json", &ZeekJsonReader::detect, &make<ZeekJsonReader>},
    {"suricata", &SuricataReader::detect, &make<SuricataReader>},
    {"route53", &Route53Reader::detect, &make<Route53Reader>},
    {"coredns", &CoreDnsReader::detect, &make<CoreDnsReader>},
    {"windows-dns", &WindowsDnsReader::detect, &make<WindowsDnsReader>},
    {"pihole-db", &PiholeReader::detect, &make<PiholeReader>},
    {"umbrella", &UmbrellaReader::detect, &make<UmbrellaReader>},
    {"sysmon", &SysmonReader::detect, &make<SysmonReader>},
    {"csv", &CsvReader::detect, &make<CsvReader>},
    {"bind", &BindReader::detect, &make<BindReader>},
    {"dnsmasq", &DnsmasqReader::detect, &make<DnsmasqReader>},
    {"unbound", &UnboundReader::detect, &make<UnboundReader>},
    {"pcap", &PcapReader::detect, &make<PcapReader>},
    {"dnstap", &DnstapReader::detect, &make<DnstapReader>},
};

} // namespace

QStringList knownFormats()
{
    QStringList names;
    for (const auto &f : kFormats)
        names.append(QString::fromLatin1(f.name));
    return names;
}

QString detectFormat(const QByteArray &head)
{
    const std::string_view view(head.constData(), static_cast<size_t>(head.size()));
    int best = 0;
    const char *name = nullptr;
    for (const auto &f : kFormats) {
        const int score = f.detect(view);
        if (score > best) {
            best = score;
            name = f.name;
        }
    }
    return name ? QString::fromLatin1(name) : QString();
}

std::unique_ptr<Reader> createReader(const QString &format, const ReaderOptions &options)
{
    for (const auto &f : kFormats)
        if (format == QLatin1String(f.name))
            return f.create(options);
    return nullptr;
}

} // namespace dnt
