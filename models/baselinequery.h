#pragma once

#include "store.h"
#include "viewspec.h"
#include "volumeseries.h"

#include <QString>
#include <QVector>

#include <cstdint>

namespace dnt {

// A baseline drawn against a chart's series (see BaselineSpec): one count per bucket of the series it
// was queried with — same buckets, same range, same zone. An empty label: no baseline.
struct BaselineSeries
{
    QString label;           // "all lookups", "view Bank"
    QVector<int64_t> counts; // one per VolumeSeries::bucketStarts

    bool isNone() const { return label.isEmpty(); }
};

// What a chart query returns when it may have a baseline: the series and the baseline on its buckets.
struct ChartVolume
{
    VolumeSeries series;
    BaselineSeries baseline;
};

// Store::volume(q) with a baseline on the same buckets (same unit, same range to the microsecond, same
// zone):
// - all: every lookup of the project per bucket (VolumeQuery::withAllCounts, as shares use);
// - view:NAME: the selection of that saved view, unsplit (its own split, range and baseline are not used).
// A view that does not exist or cannot be read, or whose selection cannot be used, sets
// series.error (naming the view). No buckets (nothing selected in the range): no baseline.
// Any thread that owns `store` (the reader thread in the GUI, the main thread in the CLI).
ChartVolume volumeWithBaseline(const Store &store, VolumeQuery q, const BaselineSpec &baseline);

} // namespace dnt
