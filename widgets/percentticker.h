#pragma once

#include <qcustomplot.h>

namespace dnt {

// Tick labels of a share axis (values 0..1) as percentages: 0.25 reads "25 %", 0.025 "2.5 %", with
// as few decimals as the tick needs.
QString percentLabel(double fraction, const QLocale &locale);

// The linear share axis: QCPAxisTicker's steps, labels in per cent.
class PercentTicker : public QCPAxisTicker
{
protected:
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar, int precision) override;
};

// The logarithmic share axis (powers of ten: "0.1 %", "1 %", "10 %").
class PercentLogTicker : public QCPAxisTickerLog
{
protected:
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar, int precision) override;
};

} // namespace dnt
