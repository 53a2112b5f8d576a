#pragma once

#include "bucket.h"
#include "selection.h"
#include "timerange.h"
#include "volumeseries.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace dnt {

// "none", "client", "name", "group".
std::optional<Split> splitFromString(const QString &text);
QString splitName(Split split);

// What a chart is compared against: nothing, every lookup of the project ("all"), or the selection of a
// saved view ("view:NAME", unsplit). The one vocabulary of the GUI, `render --baseline` and saved views.
struct BaselineSpec
{
    enum class Kind { None, All, View };
    Kind kind = Kind::None;
    QString viewName; // Kind::View

    // "", "none" -> None; "all" -> All; "view:NAME" -> View. nullopt with *error for anything else.
    static std::optional<BaselineSpec> fromString(const QString &text, QString *error);
    QString toString() const;  // "" for None, "all", "view:NAME"
    QString label() const;     // "all lookups", "view NAME": the legend says "baseline: " + label()
    bool isNone() const { return kind == Kind::None; }
    bool operator==(const BaselineSpec &other) const = default;
};

// A chart setup, as saved under a name in the project (a saved view) and as the CLI's render options
// describe it: the same value drives the GUI chart and `render`, so both draw the same picture.
// Stored as versioned JSON; a spec from a newer version is refused with a message.
struct ViewSpec
{
    // 2: the selection may have rcodes, qtypes and servers (written as 2 only when it has them).
    static constexpr int kVersion = 2;

    Selection selection;
    std::optional<int64_t> fromUs;     // a typed range; a side not given comes from `range`
    std::optional<int64_t> toUs;
    // The range shown when none is typed ("range" in JSON; JSON without it is from before the choice
    // existed and meant the selection's whole range, so it reads as Selection).
    RangeMode range = RangeMode::Project;
    std::optional<BucketUnit> bucket;  // none: chosen from the range and the width
    QString style = QStringLiteral("bars");   // bars, lines, steps
    QString values = QStringLiteral("count"); // count, share
    bool log = false;
    QString zone = QStringLiteral("UTC");     // IANA id of the display zone
    Split split = Split::None;
    QMap<QString, bool> categories;    // category -> shown; categories not listed keep the project's setting
    QString title;                     // empty: the default title
    BaselineSpec baseline;             // "baseline" in JSON ("all", "view:NAME"); absent: none
    QStringList hidden;                // labels of series hidden from the chart (legend click); "hidden" in JSON

    QByteArray toJson() const;
    // nullopt with *error (saying what is wrong) for JSON that is not a view spec of this or an older version.
    static std::optional<ViewSpec> fromJson(const QByteArray &json, QString *error);
    bool operator==(const ViewSpec &other) const;
    RangeChoice rangeChoice() const { return {range, fromUs, toUs}; }
};

} // namespace dnt
