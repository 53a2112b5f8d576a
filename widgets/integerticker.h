#pragma once

#include <qcustomplot.h>

namespace dnt {

// Ticks for a count axis: whole numbers only, steps of 1, 2 or 5 times a power of ten (QCPAxisTicker's
// default also picks 2.5, which puts "2.5 lookups" on the axis), no sub-ticks, labels with the
// locale's digit grouping.
class IntegerTicker : public QCPAxisTicker
{
public:
    IntegerTicker();

protected:
    double getTickStep(const QCPRange &range) override;
    int getSubTickCount(double tickStep) override;
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar, int precision) override;
};

} // namespace dnt
