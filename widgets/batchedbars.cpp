#include "batchedbars.h"

#include <algorithm>
#include <climits>
#include <cmath>

namespace dnt {

BatchedBars::BatchedBars(QCPAxis *keyAxis, QCPAxis *valueAxis) : QCPAbstractPlottable(keyAxis, valueAxis)
{
    setSelectable(QCP::stNone);
    setAntialiased(false);
    setAntialiasedFill(false);
    setPen(Qt::NoPen);
}

void BatchedBars::setBars(QVector<Bar> bars)
{
    bars.erase(std::remove_if(bars.begin(), bars.end(),
                              [](const Bar &b) {
                                  return !std::isfinite(b.x0) || !std::isfinite(b.x1) || !std::isfinite(b.y0)
                                      || !std::isfinite(b.y1) || !(b.x1 > b.x0);
                              }),
               bars.end());
    std::sort(bars.begin(), bars.end(), [](const Bar &a, const Bar &b) { return a.x0 < b.x0; });
    m_bars = std::move(bars);
}

void BatchedBars::setColor(const QColor &color)
{
    m_color = color;
    setBrush(color);
}

namespace {

// The columns as one image of their bounding box, written pixel by pixel: a raster engine fills a
// rectangle one scanline span at a time, so 2,000 one-pixel-wide columns cost 2,000 spans per row
// (measured: ten times slower than the same area in wide rectangles); here every pixel is one
// store, and the image is blended in one call. Hatched: every eighth diagonal (x + y) in `hatch`,
// like Qt::BDiagPattern.
QImage columnsImage(const QVector<QRect> &columns, QRgb color, bool hatched, QRgb hatch, QPoint *origin)
{
    QRect box;
    for (const QRect &c : columns)
        box = box.united(c);
    QImage image(box.size(), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return image;
    image.fill(Qt::transparent);
    const qsizetype stride = image.bytesPerLine() / 4;
    QRgb *bits = reinterpret_cast<QRgb *>(image.bits());
    for (const QRect &c : columns) {
        for (int y = c.top(); y <= c.bottom(); ++y) {
            QRgb *line = bits + (y - box.top()) * stride - box.left();
            for (int x = c.left(); x <= c.right(); ++x)
                line[x] = hatched && ((x + y) & 7) == 0 ? hatch : color;
        }
    }
    *origin = box.topLeft();
    return image;
}

} // namespace

void BatchedBars::setHatched(bool hatched, const QColor &hatch)
{
    m_hatched = hatched;
    m_hatch = hatch;
}

double BatchedBars::selectTest(const QPointF &, bool, QVariant *) const
{
    return -1; // not selectable: clicks belong to range dragging
}

QCPRange BatchedBars::getKeyRange(bool &foundRange, QCP::SignDomain inSignDomain) const
{
    foundRange = false;
    QCPRange r;
    for (const Bar &b : m_bars) {
        for (double k : {b.x0, b.x1}) {
            if ((inSignDomain == QCP::sdPositive && k <= 0) || (inSignDomain == QCP::sdNegative && k >= 0))
                continue;
            if (!foundRange) {
                r = QCPRange(k, k);
                foundRange = true;
            } else {
                r.expand(k);
            }
        }
    }
    return r;
}

QCPRange BatchedBars::getValueRange(bool &foundRange, QCP::SignDomain inSignDomain, const QCPRange &inKeyRange) const
{
    foundRange = false;
    QCPRange r;
    const bool restrictKeys = inKeyRange != QCPRange();
    for (const Bar &b : m_bars) {
        if (restrictKeys && (b.x1 <= inKeyRange.lower || b.x0 >= inKeyRange.upper))
            continue;
        for (double v : {b.y0, b.y1}) {
            if ((inSignDomain == QCP::sdPositive && v <= 0) || (inSignDomain == QCP::sdNegative && v >= 0))
                continue;
            if (!foundRange) {
                r = QCPRange(v, v);
                foundRange = true;
            } else {
                r.expand(v);
            }
        }
    }
    return r;
}

void BatchedBars::draw(QCPPainter *painter)
{
    m_lastRectCount = 0;
    QCPAxis *keyAxis = mKeyAxis.data();
    QCPAxis *valueAxis = mValueAxis.data();
    if (!keyAxis || !valueAxis || m_bars.isEmpty() || keyAxis->orientation() != Qt::Horizontal)
        return;
    const QCPRange keys = keyAxis->range();
    const QRect clip = clipRect();
    // Pixel coordinates are clamped just outside the clip rectangle so that a bar reaching far off
    // screen (deep zoom) never produces coordinates that overflow an int.
    const auto xPixel = [&](double key) {
        const double p = std::clamp(keyAxis->coordToPixel(key), double(clip.left() - 2), double(clip.right() + 3));
        return static_cast<int>(std::lround(p));
    };
    const auto yPixel = [&](double value) {
        const double p = std::clamp(valueAxis->coordToPixel(value), double(clip.top() - 2), double(clip.bottom() + 3));
        return static_cast<int>(std::lround(p));
    };

    // Bars do not overlap and are sorted, so their right edges are sorted too.
    auto it = std::lower_bound(m_bars.cbegin(), m_bars.cend(), keys.lower,
                               [](const Bar &b, double key) { return b.x1 <= key; });
    QVector<QRect> rects;
    rects.reserve(std::min<qsizetype>(m_bars.cend() - it, clip.width() + 8));
    int previousRight = INT_MIN;
    for (; it != m_bars.cend() && it->x0 < keys.upper; ++it) {
        if (!(it->y1 > it->y0))
            continue;
        const int left = xPixel(it->x0);
        int right = std::max(xPixel(it->x1), left + 1);
        const int bottom = yPixel(it->y0);
        // A non-zero count always shows, even when it is far below one pixel of a tall axis.
        const int top = std::min(yPixel(it->y1), bottom - 1);
        if (!rects.isEmpty() && left < previousRight) {
            // Same pixel column as the previous rectangle: widen that one instead of adding another.
            QRect &r = rects.last();
            r.setTop(std::min(r.top(), top));
            r.setBottom(std::max(r.bottom(), bottom - 1));
            r.setRight(std::max(r.right(), right - 1));
            previousRight = std::max(previousRight, right);
            continue;
        }
        // Wide bars get a one-pixel gap on their right so that neighbouring buckets stay distinguishable.
        if (right - left >= 6)
            --right;
        rects.append(QRect(QPoint(left, top), QPoint(right - 1, bottom - 1)));
        previousRight = right;
    }
    if (rects.isEmpty())
        return;
    m_lastRectCount = static_cast<int>(rects.size());
    painter->setAntialiasing(false);
    // On a raster device without scaling (the screen, PNG at scale 1): one image (see columnsImage).
    // Vector devices (PDF, SVG) and scaled exports get the rectangles.
    if (!painter->modes().testFlag(QCPPainter::pmVectorized) && painter->transform().type() <= QTransform::TxTranslate) {
        QPoint origin;
        const QImage image = columnsImage(rects, m_color.rgba(), m_hatched, m_hatch.rgba(), &origin);
        if (!image.isNull()) {
            painter->drawImage(origin, image);
            return;
        }
    }
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_color);
    painter->drawRects(rects.constData(), static_cast<int>(rects.size()));
    if (m_hatched) {
        // One more call for the hatch, whatever the number of bars.
        painter->setBrush(QBrush(m_hatch, Qt::BDiagPattern));
        painter->drawRects(rects.constData(), static_cast<int>(rects.size()));
    }
}

void BatchedBars::drawLegendIcon(QCPPainter *painter, const QRectF &rect) const
{
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_color);
    const QRectF icon = rect.adjusted(rect.width() * 0.2, rect.height() * 0.1, -rect.width() * 0.2, -rect.height() * 0.1);
    painter->drawRect(icon);
    if (m_hatched) {
        painter->setBrush(QBrush(m_hatch, Qt::BDiagPattern));
        painter->drawRect(icon);
    }
}

} // namespace dnt
