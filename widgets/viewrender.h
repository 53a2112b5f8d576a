#pragma once

#include "chartexporter.h"
#include "store.h"
#include "viewspec.h"

#include <QSize>

namespace dnt {

class TimelineChart;

// A saved view (or the CLI's render options, which describe one) drawn on a chart: the one place that
// turns a ViewSpec into a picture, so that `render --view` draws what `render` with the same options does.
// The range is the view's choice (resolveRange: the project span unless the view says otherwise); the
// bucket is the view's, or chosen from that range and the width. Its baseline is queried on the same
// buckets and its hidden series are hidden.
// False with *error if the view cannot be used (a zone, a group that is not in the project, a baseline
// view that does not exist).
bool setupViewChart(TimelineChart &chart, const Store &store, const ViewSpec &view, QSize size, QString *error);
// setupViewChart at options.size, then the exporter (the format by the output's extension) with the
// provenance of the project's files; no generation time unless SOURCE_DATE_EPOCH is set.
bool renderView(const Store &store, const ViewSpec &view, const QString &output, const ExportOptions &options,
                QString *error);
// The query a view makes for a chart of this width (the bucket chosen as above); fromUs/toUs are the
// range shown (unset when there is nothing to show).
VolumeQuery viewQuery(const Store &store, const ViewSpec &view, int width);

} // namespace dnt
