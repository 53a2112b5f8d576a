#pragma once

#include "zonedlinereader.h"

#include <QString>

#include <cstdint>

namespace dnt
{

// Local wall-clock time of one IANA zone -> UTC µs, for readers that keep their own clock (CoreDNS,
// CSV, Windows DNS). A thin front of ZoneConverter, which documents the DST rules.
// One instance per file, used on the importing thread.
class LocalClock
{
public:
    explicit LocalClock(const QString &zone) : m_converter(zone) {}
    bool valid() const { return m_converter.isValid(); }
    bool isValid() const { return m_converter.isValid(); }
    // Why the zone is unusable (empty when valid()).
    QString problem() const;
    QString zoneName() const { return m_converter.zoneName(); }
    // µs since 1970-01-01 00:00 on the local wall clock -> UTC µs.
    int64_t toUtc(int64_t localUs) { return m_converter.toUtc(localUs); }

private:
    ZoneConverter m_converter;
};

} // namespace dnt
