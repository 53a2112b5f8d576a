#pragma once

#include "bucket.h"

#include <QByteArray>
#include <QString>
#include <QVector>

#include <cstdint>

namespace dnt {

enum class Split { None, Client, Name, Group };

// Bucketed lookup counts, the value that crosses from the reader thread to the chart.
// bucketStarts has one entry per bucket; every series has exactly as many counts, zeros included.
struct VolumeSeries
{
    struct Series
    {
        QString label;          // "all", a client address, a name or a group name
        QVector<int64_t> counts;
        int64_t total = 0;
        QString color = {};     // "#rrggbb" of a group series; empty: the chart's palette
        // The "other" series: the selected lookups in none of the series before it (the sources a split
        // does not chart one by one), always last. otherSources is how many clients (client and group
        // splits) or names (name split) it holds.
        bool isOther = false;
        int64_t otherSources = 0;

        // What a legend or tooltip shows: the label, for "other" with its count ("other (37 clients)").
        QString displayLabel(Split split) const;
    };

    // The label of the "other" series in every output (CSV column, stats TSV, legend).
    static QString otherLabel() { return QStringLiteral("other"); }
    // "37 clients", "1 name": how many sources the "other" series of this split holds.
    static QString otherSourcesText(Split split, int64_t sources);
    // "2 clients in two or more groups are counted in each" (group splits, see sharedClients).
    static QString sharedClientsText(int64_t clients);

    BucketUnit unit = BucketUnit::Hour;
    Split split = Split::None; // the split the series come from
    QByteArray zone = "UTC";   // IANA id of the zone the buckets are aligned in
    int64_t fromUs = 0;        // start of the first bucket
    int64_t toUs = 0;          // end (exclusive) of the last bucket
    QVector<int64_t> bucketStarts;
    QVector<Series> series;
    int64_t sharedClients = 0; // group split: clients in two or more of the series (they count in each)
    QVector<int64_t> allCounts; // all lookups of the project per bucket, when asked for (shares)
    QString error;             // the selection could not be used (e.g. it names a group that does not exist)
    quint64 jobId = 0;         // set by the job runner; stale results are dropped by id

    bool isEmpty() const { return bucketStarts.isEmpty() || series.isEmpty(); }
    // The "other" series, if there is one (it is always the last series).
    const Series *other() const { return !series.isEmpty() && series.last().isOther ? &series.last() : nullptr; }
    int64_t total() const
    {
        int64_t t = 0;
        for (const auto &s : series)
            t += s.total;
        return t;
    }
};

} // namespace dnt
