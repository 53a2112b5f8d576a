#pragma once

#include <QString>
#include <QStringList>

namespace dnt {

// The colours new event categories get, in order: dark, saturated hues that the series palette
// (Okabe–Ito, widgets/charttheme.h) does not use, so that a marker is never mistaken for a series,
// each at least 3:1 against a white plot (the dark theme lightens them for drawing). No grey: grey is
// the series palette's last colour.
QStringList categoryPalette();

// The first palette colour that none of `used` ("#rrggbb", any case) is; when every one is taken,
// the one used least often (earliest in the palette on a tie), so that colours stay as far apart
// as the palette allows.
QString nextCategoryColor(const QStringList &used);

} // namespace dnt
