#include "baselinequery.h"

namespace dnt {

VolumeSeries volumeWithBaseline(const Store &store, VolumeQuery q, const BaselineSpec &baseline)
{
    if (baseline.isNone())
        return store.volume(q);
    const bool wantedAll = q.withAllCounts;
    std::optional<ViewSpec> view;
    if (baseline.kind == BaselineSpec::Kind::View) {
        VolumeSeries failed;
        failed.unit = q.unit;
        const auto saved = store.view(baseline.viewName);
        if (!saved) {
            failed.error = QStringLiteral("there is no view \"%1\" for the baseline").arg(baseline.viewName);
            return failed;
        }
        QString why;
        view = ViewSpec::fromJson(saved->spec, &why);
        if (!view) {
            failed.error = QStringLiteral("the baseline's view \"%1\" cannot be read: %2").arg(baseline.viewName, why);
            return failed;
        }
        if (const QString problem = store.selectionError(view->selection); !problem.isEmpty()) {
            failed.error = QStringLiteral("the baseline's view \"%1\": %2").arg(baseline.viewName, problem);
            return failed;
        }
    } else {
        q.withAllCounts = true; // the all-lookups counts are the baseline
    }
    VolumeSeries v = store.volume(q);
    if (!v.error.isEmpty() || v.bucketStarts.isEmpty())
        return v;
    v.baselineLabel = baseline.label();
    if (!view) {
        v.baselineCounts = v.allCounts;
        if (!wantedAll)
            v.allCounts.clear();
        return v;
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
        return v;
    }
    // A selection that matches nothing has no series: its baseline is zero in every bucket.
    v.baselineCounts = base.series.isEmpty() ? QVector<int64_t>(v.bucketStarts.size(), 0) : base.series.first().counts;
    if (base.bucketStarts != v.bucketStarts) {
        // Cannot happen with the same unit, zone and range; a misaligned line would be worse than none.
        v.baselineLabel.clear();
        v.baselineCounts.clear();
        v.error = QStringLiteral("the baseline's buckets differ from the chart's");
    }
    return v;
}

} // namespace dnt
