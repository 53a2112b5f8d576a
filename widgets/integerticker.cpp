#include "integerticker.h"

#include <cmath>

namespace dnt {

IntegerTicker::IntegerTicker()
{
    setTickCount(5);
}

double IntegerTicker::getTickStep(const QCPRange &range)
{
    const double span = range.size();
    if (!std::isfinite(span) || span <= 0)
        return 1;
    const double raw = span / std::max(1, tickCount());
    if (raw <= 1)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * magnitude >= raw)
            return std::max(1.0, std::round(m * magnitude));
    }
    return std::max(1.0, std::round(10 * magnitude));
}

int IntegerTicker::getSubTickCount(double)
{
    return 0;
}

QString IntegerTicker::getTickLabel(double tick, const QLocale &locale, QChar, int)
{
    return locale.toString(static_cast<qlonglong>(std::llround(tick)));
}

} // namespace dnt
