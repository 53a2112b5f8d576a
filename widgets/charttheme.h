#pragma once

#include "colorcontrast.h"

#include <QColor>
#include <QVector>

namespace dnt {

// The colours of one look of the chart. The widget follows the screen palette (light or dark), an
// export always uses light() so that a published image does not depend on the desktop it was made on.
struct ChartTheme
{
    QColor background;
    QColor foreground;      // axes, tick labels, title, legend text
    QColor grid;
    QColor marker;          // event lines and span-band edges
    QColor band;            // span events (translucent)
    QColor labelBackground; // behind event labels, opaque: no bar or other event's line shows through
    QColor labelText;
    QColor emptyText;
    QVector<QColor> series; // bar colours, in stacking order
    // The "other" series (lookups of the sources a split does not chart one by one): a neutral grey
    // that is none of the palette's colours, so that it never reads as one more source.
    QColor other;
    // Span bands at least this contrast against the background (0: the band's own alpha). The dark
    // theme asks 3:1 of the band as drawn, so that a span stays visible; on a light one a translucent
    // tint is visible enough and 3:1 would make it a solid block.
    double bandContrast = 0;

    // Event lines, badge frames and legend swatches are drawn at least this contrast against the
    // background (WCAG's 3:1 for graphical objects): a category colour chosen for one theme is
    // lightened or darkened for drawing in the other; the stored colour stays as the user chose it.
    static constexpr double kMinMarkerContrast = 3.0;
    QColor markerColor(const QColor &stored) const { return withContrast(stored, background, kMinMarkerContrast); }
    // The fill of a span band of that category, translucent: at most this opaque, so that the bars
    // under a band still show through. To reach bandContrast within that, the band's colour is
    // lightened (or darkened) further than the line's.
    static constexpr int kMaxBandAlpha = 150;
    QColor bandColor(const QColor &stored) const
    {
        QColor c = markerColor(stored);
        if (bandContrast <= 0) {
            c.setAlpha(band.alpha());
            return c;
        }
        for (double ratio = kMinMarkerContrast; ratio <= 21; ratio += 0.25) {
            c = withContrast(stored, background, ratio);
            const int alpha = alphaForContrast(c, background, bandContrast, band.alpha());
            if (alpha <= kMaxBandAlpha) {
                c.setAlpha(alpha);
                return c;
            }
        }
        c.setAlpha(kMaxBandAlpha);
        return c;
    }

    // A chart holds up to 12 series (plus "other", drawn in its own grey, see VolumeQuery::maxSeries). The palette has 7 colours (Okabe–Ito without the vermillion kept
    // for markers); series 8–12 take colours 1–5 again with a second visual channel — bars hatched,
    // lines dashed — so that every series has its own (colour, pattern) style, readable without
    // telling hues apart.
    static constexpr int kMaxSeries = 12;
    QColor seriesColor(int index) const { return series.isEmpty() ? QColor(Qt::gray) : series.at(index % series.size()); }
    bool seriesPatterned(int index) const { return !series.isEmpty() && (index / series.size()) % 2 == 1; }

    // Okabe & Ito's colour-blind-safe palette (M. Okabe and K. Ito, "Color Universal Design", 2002/2008,
    // https://jfly.uni-koeln.de/color/), ordered so that neighbouring series contrast; their
    // vermillion is kept for event markers so that a marker is never mistaken for a series.
    static QVector<QColor> okabeIto()
    {
        return {QColor(0x00, 0x72, 0xB2), QColor(0xE6, 0x9F, 0x00), QColor(0x00, 0x9E, 0x73), QColor(0xCC, 0x79, 0xA7),
                QColor(0x56, 0xB4, 0xE9), QColor(0xF0, 0xE4, 0x42), QColor(0x40, 0x40, 0x40)};
    }

    static ChartTheme light()
    {
        ChartTheme t;
        t.background = Qt::white;
        t.foreground = QColor(0x20, 0x20, 0x20);
        t.grid = QColor(0xE0, 0xE0, 0xE0);
        t.marker = QColor(0xD5, 0x5E, 0x00);
        t.band = QColor(0xD5, 0x5E, 0x00, 40);
        t.labelBackground = QColor(255, 255, 255);
        t.labelText = QColor(0x20, 0x20, 0x20);
        t.emptyText = QColor(0x70, 0x70, 0x70);
        t.series = okabeIto();
        t.other = QColor(0xA6, 0xA6, 0xA6); // lighter than the palette's #404040
        return t;
    }

    static ChartTheme dark()
    {
        ChartTheme t;
        t.background = QColor(0x23, 0x23, 0x26);
        t.foreground = QColor(0xE8, 0xE8, 0xE8);
        t.grid = QColor(0x3A, 0x3A, 0x3E);
        t.marker = QColor(0xFF, 0x8A, 0x3D);
        t.band = QColor(0xFF, 0x8A, 0x3D, 50);
        t.labelBackground = QColor(0x23, 0x23, 0x26);
        t.labelText = QColor(0xF0, 0xF0, 0xF0);
        t.emptyText = QColor(0xA0, 0xA0, 0xA0);
        t.bandContrast = kMinMarkerContrast;
        t.series = okabeIto();
        t.series.last() = QColor(0xC8, 0xC8, 0xC8); // dark grey would vanish on a dark background
        t.other = QColor(0x80, 0x80, 0x80);         // darker than that #C8C8C8, clear of the background
        return t;
    }
};

} // namespace dnt
