#include "percentticker.h"

#include <cmath>

namespace dnt {

QString percentLabel(double fraction, const QLocale &locale)
{
    const double percent = fraction * 100;
    if (!std::isfinite(percent))
        return {};
    // The fewest decimals that show the tick exactly; 0.07 * 100 is 7.000000000000001, which is "7".
    int decimals = 0;
    for (; decimals < 6; ++decimals) {
        const double scale = std::pow(10.0, decimals);
        if (std::abs(std::round(percent * scale) / scale - percent) <= 1e-9 * std::max(1.0, std::abs(percent)))
            break;
    }
    return locale.toString(percent, 'f', decimals) + QStringLiteral(" %");
}

QString PercentTicker::getTickLabel(double tick, const QLocale &locale, QChar, int)
{
    return percentLabel(tick, locale);
}

QString PercentLogTicker::getTickLabel(double tick, const QLocale &locale, QChar, int)
{
    return percentLabel(tick, locale);
}

} // namespace dnt
