#pragma once

#include "reader.h"

#include <string>
#include <string_view>

namespace dnt
{

// Pi-hole's long-term query database (pihole-FTL.db). Not a text stream: the file at
// ReaderOptions::path is opened with SQLite itself, read-only and immutable (no journal, no lock,
// no WAL replay: the bytes are never changed), with the defensive flags on and untrusted schema
// code refused. Two layouts:
//   current (FTL v5.10+): query_storage(timestamp, type, domain→domain_by_id, client→client_by_id …)
//   legacy:               queries(timestamp, type, domain TEXT, client TEXT …) as a table
// Each row is one lookup. FTL's type numbers map to DNS types (1 A, 2 AAAA, 3 ANY, 4 SRV, 5 SOA,
// 6 PTR, 7 TXT, 8 NAPTR, 9 MX, 10 DS, 11 RRSIG, 12 DNSKEY, 13 NS, 14 OTHER, 15 SVCB, 16 HTTPS,
// 100+n = TYPEn). Timestamps are UTC epoch seconds (integer, or real in FTL v6).
// Runs on the importing thread; the line number of a record is its row id.
class PiholeReader : public Reader
{
public:
    explicit PiholeReader(const ReaderOptions &options = {});
    QString formatName() const override { return QStringLiteral("pihole-db"); }
    ReadStatus read(InputStream &stream, RecordSink &sink, QString *error) override;
    // The SQLite magic plus a Pi-hole table name in the first page (the schema lives there).
    static int detect(std::string_view head);
    // FTL's query type number to the DNS type number; 0 when unknown (14 OTHER included).
    static uint16_t qtypeFromFtl(int64_t type);

private:
    QString m_path;
    std::string m_name;
};

} // namespace dnt
