#pragma once

#include <qcustomplot.h>

#include <QColor>
#include <QVector>

namespace dnt {

// One series of bars drawn with a single QPainter::drawRects call. QCPBars issues a paint call per bar
// and does no sampling, which is too slow for thousands of buckets (DESIGN §10). Bars are given with
// their bottom and top values, so stacking is decided by the owner; where several bars fall into one
// pixel column they are merged into one rectangle spanning their extremes, so the number of
// rectangles never exceeds the plot's width in pixels.
class BatchedBars : public QCPAbstractPlottable
{
public:
    struct Bar
    {
        double x0 = 0; // left edge (key), inclusive
        double x1 = 0; // right edge (key), exclusive
        double y0 = 0; // bottom value
        double y1 = 0; // top value
    };

    BatchedBars(QCPAxis *keyAxis, QCPAxis *valueAxis);

    // Bars must not overlap in x. Bars with a non-finite coordinate or an empty extent are dropped
    // here, before anything reaches QCustomPlot. Sorted by x0 on the way in.
    void setBars(QVector<Bar> bars);
    const QVector<Bar> &bars() const { return m_bars; }
    void setColor(const QColor &color);
    QColor color() const { return m_color; }
    // Hatched: diagonal lines of `hatch` over the colour (the second visual channel of series 8–12).
    void setHatched(bool hatched, const QColor &hatch = Qt::white);
    bool isHatched() const { return m_hatched; }
    // Column rectangles of the last draw (at most one per pixel column; for tests and benchmarks).
    // They are drawn in one paint call: one image on raster devices, one drawRects call on vector
    // devices (two when hatched).
    int lastRectCount() const { return m_lastRectCount; }

    double selectTest(const QPointF &pos, bool onlySelectable, QVariant *details = nullptr) const override;
    QCPRange getKeyRange(bool &foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth) const override;
    QCPRange getValueRange(bool &foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth,
                           const QCPRange &inKeyRange = QCPRange()) const override;

protected:
    void draw(QCPPainter *painter) override;
    void drawLegendIcon(QCPPainter *painter, const QRectF &rect) const override;

private:
    QVector<Bar> m_bars;
    QColor m_color;
    bool m_hatched = false;
    QColor m_hatch = Qt::white;
    int m_lastRectCount = 0;
};

} // namespace dnt
