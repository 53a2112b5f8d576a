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
    };

    BucketUnit unit = BucketUnit::Hour;
    QByteArray zone = "UTC";   // IANA id of the zone the buckets are aligned in
    int64_t fromUs = 0;        // start of the first bucket
    int64_t toUs = 0;          // end (exclusive) of the last bucket
    QVector<int64_t> bucketStarts;
    QVector<Series> series;
    QVector<int64_t> allCounts; // all lookups of the project per bucket, when asked for (shares)
    QString error;             // the selection could not be used (e.g. it names a group that does not exist)
    quint64 jobId = 0;         // set by the job runner; stale results are dropped by id

    bool isEmpty() const { return bucketStarts.isEmpty() || series.isEmpty(); }
    int64_t total() const
    {
        int64_t t = 0;
        for (const auto &s : series)
            t += s.total;
        return t;
    }
};

} // namespace dnt
