#pragma once

#include "charttheme.h"

#include <qcustomplot.h>

#include <QImage>

namespace dnt {

// Draws a plot at exactly `size` pixels (already clamped by the caller) in the light theme, whatever
// the screen's: `applyTheme` switches the owner's look, first to the light theme, afterwards back to
// `screenTheme`. toPainter leaves the layout at the image's size; the widget gets its own back on the
// next replot (queued, so that callers can still map coordinates in the image they just got).
template <typename ApplyTheme>
QImage renderPlotImage(QCustomPlot *plot, QSize size, const ChartTheme &screenTheme, ApplyTheme applyTheme)
{
    applyTheme(ChartTheme::light());
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QCPPainter painter(&image);
        plot->toPainter(&painter, size.width(), size.height());
    }
    applyTheme(screenTheme);
    plot->replot(QCustomPlot::rpQueuedReplot);
    return image.convertToFormat(QImage::Format_RGB32);
}

} // namespace dnt
