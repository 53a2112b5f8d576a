#include "baselinequery.h"

namespace dnt {

ChartVolume volumeWithBaseline(const Store &store, VolumeQuery q, const BaselineSpec &baseline)
{
    ChartVolume out;
    if (baseline.isNone()) {
        out.series = store.volume(q);
        return out;
    }
    const bool wantedAll = q.withAllCounts;
    std::optional<ViewSpec> view;
    if (baseline.kind == BaselineSpec::Kind::View) {
        out.series.unit = q.unit;
        const auto saved = store.view(baseline.viewName);
        if (!saved) {
            out.series.error = QStringLiteral("there is no view \"%1\" for the baseline").arg(baseline.viewName);
            return out;
        }
        QString why;
        view = ViewSpec::fromJson(saved->spec, &why);
        if (!view) {
            out.series.error = QStringLiteral("the baseline's view \"%1\" cannot be read: %2").arg(baseline.viewName, why);
            return out;
        }
        if (const QString problem = store.selectionError(view->selection); !problem.isEmpty()) {
            out.series.error = QStringLiteral("the baseline's view \"%1\": %2").arg(baseline.viewName, problem);
            return out;
        }
    } else {
        q.withAllCounts = true; // the all-lookups counts are the baseline
    }
    out.series = store.volume(q);
    VolumeSeries &v = out.series;
    if (!v.error.isEmpty() || v.bucketStarts.isEmpty())
        return out;
    if (!view) {
        out.baseline = {baseline.label(), v.allCounts};
        if (!wantedAll)
            v.allCounts.clear();
        return out;
    }
    // The range the series counted, exactly: the query's own ends where it gave them, else the whole
    // buckets the store chose from the selection's first and last lookup.
    VolumeQuery b;
    b.selection = view->selection;
    b.unit = q.unit;
    b.zone = q.zone;
    b.split = Split::None;
    b.fromUs = q.fromUs.value_or(v.fromUs);
    b.toUs = q.toUs.value_or(v.toUs);
    const VolumeSeries base = store.volume(b);
    if (!base.error.isEmpty()) {
        v.error = QStringLiteral("the baseline's view \"%1\": %2").arg(baseline.viewName, base.error);
        return out;
    }
    if (base.bucketStarts != v.bucketStarts) {
        // Cannot happen with the same unit, zone and range; a misaligned line would be worse than none.
        v.error = QStringLiteral("the baseline's buckets differ from the chart's");
        return out;
    }
    // A selection that matches nothing has no series: its baseline is zero in every bucket.
    out.baseline = {baseline.label(),
                    base.series.isEmpty() ? QVector<int64_t>(v.bucketStarts.size(), 0) : base.series.first().counts};
    return out;
}

} // namespace dnt
