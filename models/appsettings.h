#pragma once

#include "bucket.h"

#include <QTimeZone>

#include <optional>

namespace dnt
{

// The user's preferences, kept with QSettings (organisation and application name set by main()).
// GUI thread only (QSettings is not shared across threads here).
struct AppSettings {
    enum class Theme { System, Light, Dark };

    QTimeZone displayZone = QTimeZone::utc();
    std::optional<BucketUnit> defaultBucket; // nullopt: automatic (follows the visible range)
    Theme theme = Theme::System;

    static AppSettings load();
    void save() const;

    static QString themeName(Theme theme); // "system", "light", "dark"
    static std::optional<Theme> themeFromName(const QString &name);
    bool operator==(const AppSettings &other) const;
};

} // namespace dnt
