#include "colorcontrast.h"

#include <algorithm>
#include <cmath>

namespace dnt {

namespace {

double linear(double channel)
{
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

} // namespace

double relativeLuminance(const QColor &color)
{
    const QColor c = color.toRgb();
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor composited(const QColor &over, const QColor &background)
{
    const QColor o = over.toRgb(), b = background.toRgb();
    const int a = o.alpha();
    const auto mix = [a](int top, int bottom) { return (top * a + bottom * (255 - a) + 127) / 255; };
    return QColor(mix(o.red(), b.red()), mix(o.green(), b.green()), mix(o.blue(), b.blue()));
}

QColor withContrast(const QColor &color, const QColor &background, double minRatio)
{
    QColor base = color.toRgb();
    base.setAlpha(255);
    if (contrastRatio(base, background) >= minRatio)
        return base;
    // Towards the end of the scale away from the background: white reaches 3:1 against any background
    // darker than about #767676, black against any lighter one.
    const bool dark = relativeLuminance(background) < 0.18;
    const QColor target = dark ? QColor(Qt::white) : QColor(Qt::black);
    const auto mixed = [&](int t) { // t in 0..256: share of `target`
        const auto m = [t](int from, int to) { return (from * (256 - t) + to * t + 128) / 256; };
        return QColor(m(base.red(), target.red()), m(base.green(), target.green()), m(base.blue(), target.blue()));
    };
    int lo = 0, hi = 256; // mixed(hi) is enough (or the best there is), mixed(lo) is not
    while (hi - lo > 1) {
        const int mid = (lo + hi) / 2;
        (contrastRatio(mixed(mid), background) >= minRatio ? hi : lo) = mid;
    }
    return mixed(hi);
}

int alphaForContrast(const QColor &color, const QColor &background, double minRatio, int minAlpha)
{
    QColor c = color.toRgb();
    for (int alpha = std::clamp(minAlpha, 0, 255); alpha <= 255; ++alpha) {
        c.setAlpha(alpha);
        if (contrastRatio(composited(c, background), background) >= minRatio)
            return alpha;
    }
    return 255;
}

} // namespace dnt
