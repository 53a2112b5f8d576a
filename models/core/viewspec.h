#pragma once

#include "bucket.h"
#include "selection.h"
#include "volumeseries.h"

#include <QByteArray>
#include <QMap>
#include <QString>

#include <cstdint>
#include <optional>

namespace dnt {

// "none", "client", "name", "group".
std::optional<Split> splitFromString(const QString &text);
QString splitName(Split split);

// A chart setup, as saved under a name in the project (a saved view) and as the CLI's render options
// describe it: the same value drives the GUI chart and `render`, so both draw the same picture.
// Stored as versioned JSON; a spec from a newer version is refused with a message.
struct ViewSpec
{
    // 2: the selection may have rcodes, qtypes and servers (written as 2 only when it has them).
    static constexpr int kVersion = 2;

    Selection selection;
    std::optional<int64_t> fromUs;     // the range shown; none: the selection's whole range
    std::optional<int64_t> toUs;
    std::optional<BucketUnit> bucket;  // none: chosen from the range and the width
    QString style = QStringLiteral("bars");   // bars, lines, steps
    QString values = QStringLiteral("count"); // count, share
    bool log = false;
    QString zone = QStringLiteral("UTC");     // IANA id of the display zone
    Split split = Split::None;
    QMap<QString, bool> categories;    // category -> shown; categories not listed keep the project's setting
    QString title;                     // empty: the default title

    QByteArray toJson() const;
    // nullopt with *error (saying what is wrong) for JSON that is not a view spec of this or an older version.
    static std::optional<ViewSpec> fromJson(const QByteArray &json, QString *error);
    bool operator==(const ViewSpec &other) const;
};

} // namespace dnt
