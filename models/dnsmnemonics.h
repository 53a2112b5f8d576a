#pragma once

#include <QString>
#include <QTimeZone>

#include <cstdint>

namespace dnt {

// "A", "AAAA", … for a numeric query type; "TYPE65534" (RFC 3597) for one without a mnemonic, "" for 0.
QString qtypeMnemonic(int qtype);
// "NOERROR", "NXDOMAIN", … for a response code; "RCODE23" for one without a mnemonic, "" for -1 (unknown).
QString rcodeMnemonic(int rcode);
// A time with microseconds in a zone, for tables: "2016-07-29 12:00:00.250000" (no zone suffix).
QString formatTableTime(int64_t us, const QTimeZone &zone);

} // namespace dnt
