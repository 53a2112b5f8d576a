#pragma once

#include "store.h"
#include "viewspec.h"
#include "volumeseries.h"

namespace dnt {

// Store::volume(q) with a baseline on the same buckets (same unit, same range to the microsecond, same
// zone) in VolumeSeries::baselineLabel/baselineCounts:
// - all: every lookup of the project per bucket (VolumeQuery::withAllCounts, as shares use);
// - view:NAME: the selection of that saved view, unsplit (its own split, range and baseline are not used).
// A view that does not exist or cannot be read, or whose selection cannot be used, sets
// VolumeSeries::error (naming the view). No buckets (nothing selected in the range): no baseline.
// Any thread that owns `store` (the reader thread in the GUI, the main thread in the CLI).
VolumeSeries volumeWithBaseline(const Store &store, VolumeQuery q, const BaselineSpec &baseline);

} // namespace dnt
