#include "appsettings.h"

#include "timeutil.h"

#include <QSettings>

namespace dnt
{

namespace
{
const QString kZone = QStringLiteral("displayZone");
const QString kBucket = QStringLiteral("defaultBucket");
const QString kTheme = QStringLiteral("theme");
} // namespace

AppSettings AppSettings::load()
{
    QSettings s;
    AppSettings a;
    // Values from an older or hand-edited settings file that do not parse fall back to the defaults.
    const QByteArray zone = s.value(kZone, QStringLiteral("UTC")).toString().toUtf8();
    if (zone != "UTC" && QTimeZone(zone).isValid())
        a.displayZone = QTimeZone(zone);
    const QString bucket = s.value(kBucket, QStringLiteral("auto")).toString();
    if (bucket != QLatin1String("auto"))
        a.defaultBucket = bucketUnitFromString(bucket);
    a.theme = themeFromName(s.value(kTheme, QStringLiteral("system")).toString()).value_or(Theme::System);
    return a;
}

void AppSettings::save() const
{
    QSettings s;
    s.setValue(kZone, isUtc(displayZone) ? QStringLiteral("UTC") : QString::fromLatin1(displayZone.id()));
    s.setValue(kBucket, defaultBucket ? bucketUnitName(*defaultBucket) : QStringLiteral("auto"));
    s.setValue(kTheme, themeName(theme));
}

QString AppSettings::themeName(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    case Theme::System:
        break;
    }
    return QStringLiteral("system");
}

std::optional<AppSettings::Theme> AppSettings::themeFromName(const QString &name)
{
    for (Theme t : {Theme::System, Theme::Light, Theme::Dark})
        if (name == themeName(t))
            return t;
    return std::nullopt;
}

bool AppSettings::operator==(const AppSettings &other) const
{
    return zoneName(displayZone) == zoneName(other.displayZone) && defaultBucket == other.defaultBucket &&
           theme == other.theme;
}

} // namespace dnt
