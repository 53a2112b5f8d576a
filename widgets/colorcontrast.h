#pragma once

#include <QColor>

namespace dnt {

// WCAG 2.x colour contrast (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): relative luminance of
// the sRGB colour, ratio (L1 + 0.05) / (L2 + 0.05). Marker lines and span bands are graphical objects,
// for which WCAG asks at least 3:1 against what is next to them (success criterion 1.4.11).
double relativeLuminance(const QColor &color); // alpha ignored
double contrastRatio(const QColor &a, const QColor &b);

// `over` (with its alpha) painted on the opaque `background`, as QPainter's SourceOver does it.
QColor composited(const QColor &over, const QColor &background);

// `color` (made opaque), mixed with white on a dark background or with black on a light one, by the
// least amount that gives at least `minRatio` against `background`; unchanged when it already does.
QColor withContrast(const QColor &color, const QColor &background, double minRatio);

// The least alpha, not below `minAlpha`, at which `color` painted on `background` reaches `minRatio`
// against it; 255 when no alpha does.
int alphaForContrast(const QColor &color, const QColor &background, double minRatio, int minAlpha);

} // namespace dnt
