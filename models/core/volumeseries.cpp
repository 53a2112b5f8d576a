#include "volumeseries.h"

namespace dnt {

QString VolumeSeries::otherSourcesText(Split split, int64_t sources)
{
    // Group splits put whole clients into "other" (those in no charted group), so they count clients too.
    const bool names = split == Split::Name;
    const QString unit = sources == 1 ? (names ? QStringLiteral("name") : QStringLiteral("client"))
                                      : (names ? QStringLiteral("names") : QStringLiteral("clients"));
    return QStringLiteral("%1 %2").arg(sources).arg(unit);
}

QString VolumeSeries::sharedClientsText(int64_t clients)
{
    return QStringLiteral("%1 in two or more groups %2 counted in each")
        .arg(otherSourcesText(Split::Group, clients), clients == 1 ? QStringLiteral("is") : QStringLiteral("are"));
}

QString VolumeSeries::Series::displayLabel(Split split) const
{
    if (!isOther)
        return label;
    return QStringLiteral("%1 (%2)").arg(label, otherSourcesText(split, otherSources));
}

} // namespace dnt
