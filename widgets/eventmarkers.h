#pragma once

#include "charttheme.h"
#include "event.h"
#include "eventlabel.h"

#include <qcustomplot.h>

#include <QFont>
#include <QHash>
#include <QSet>
#include <QStaticText>
#include <QVector>

namespace dnt {

// Draws the project's events over the data of one axis rect: a point event as a vertical line at its
// start, a span event as a translucent band with edge lines, and every visible event's title along the
// top, in as many rows as it takes (up to kMaxLabelRows) for no two labels to overlap; the rest as
// numbered badges whose titles show on hover. Titles come from users and from
// imported files, so they are drawn with QPainter::drawText as plain text: never interpreted as rich
// text. Placement is computed while drawing, from the axis mapping of that very rendering, so a widget
// replot and an export at another size each get labels that fit them.
class EventMarkers : public QCPLayerable
{
public:
    // Labels longer than this many pixels are elided.
    static constexpr int kMaxLabelWidth = 240;
    // At most this many rows of labels; the events that find no room there become numbered badges,
    // in at most kMaxBadgeRows rows under them.
    static constexpr int kMaxLabelRows = 3;
    static constexpr int kMaxBadgeRows = 3;

    EventMarkers(QCPAxisRect *axisRect, const QString &layerName);

    void setEvents(const QVector<Event> &events);
    const QVector<Event> &events() const { return m_events; }
    void setTheme(const ChartTheme &theme)
    {
        m_theme = theme;
        updateDrawColors();
    }
    void setFont(const QFont &font) { m_font = font; }
    QFont font() const { return m_font; }
    void setHighlighted(int64_t id) { m_highlighted = id; }
    // Colours per category (others use the theme's marker colour) and categories not drawn at all.
    void setCategoryColors(const QHash<QString, QColor> &colors, const QSet<QString> &hidden)
    {
        m_categoryColors = colors;
        m_hidden = hidden;
        updateDrawColors();
    }
    bool isShown(const Event &e) const { return !m_hidden.contains(e.category); }
    int64_t highlighted() const { return m_highlighted; }
    // Labels as placed by the last draw.
    const QVector<EventLabel> &labels() const { return m_labels; }
    int rowCount() const { return m_rowCount; }

protected:
    void applyDefaultAntialiasingHint(QCPPainter *painter) const override;
    void draw(QCPPainter *painter) override;
    QRect clipRect() const override;

private:
    QPointer<QCPAxisRect> m_axisRect;
    QVector<Event> m_events;
    ChartTheme m_theme = ChartTheme::light();
    QFont m_font;
    QVector<EventLabel> m_labels;
    int m_rowCount = 0;
    int64_t m_highlighted = 0;
    QHash<QString, QColor> m_categoryColors;
    QSet<QString> m_hidden;
    QVector<int> m_numbers; // per event given: its badge number, the rank by (start, id) from 1
    struct TextLayout
    {
        QString text; // the title as drawn (one line, elided)
        int width = 0;
        QStaticText staticText;
    };
    QHash<QString, TextLayout> m_layouts; // by title, for m_layoutFont at m_layoutDpi
    QFont m_layoutFont;
    int m_layoutDpi = 0;

    // Lines and bands as drawn in the current theme (see ChartTheme::markerColor), per category; an
    // event of a category without a colour gets the theme's marker colour.
    struct DrawColors
    {
        QColor line;
        QColor band;
    };
    QHash<QString, DrawColors> m_drawColors;
    DrawColors m_defaultColors;
    void updateDrawColors();
    const DrawColors &colorsOf(const Event &e) const
    {
        const auto it = m_drawColors.constFind(e.category);
        return it == m_drawColors.cend() ? m_defaultColors : *it;
    }
    QColor colorOf(const Event &e) const { return colorsOf(e).line; }
};

} // namespace dnt
