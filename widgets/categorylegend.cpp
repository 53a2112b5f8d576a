#include "categorylegend.h"

namespace dnt {

CategoryLegend::CategoryLegend(QCustomPlot *plot) : QCPLayoutElement(plot), m_font(plot->font())
{
    setMargins(QMargins(8, 2, 8, 4));
}

QSize CategoryLegend::minimumOuterSizeHint() const
{
    const QFontMetrics fm(m_font);
    return {0, fm.height() + margins().top() + margins().bottom()};
}

QSize CategoryLegend::maximumOuterSizeHint() const
{
    const QFontMetrics fm(m_font);
    return {QWIDGETSIZE_MAX, fm.height() + margins().top() + margins().bottom()};
}

void CategoryLegend::draw(QCPPainter *painter)
{
    painter->setFont(m_font);
    const QFontMetrics fm(m_font, painter->device());
    const QRect area = rect();
    int x = area.left();
    const int box = fm.ascent() - 2;
    painter->setPen(m_theme.foreground);
    painter->drawText(QRect(x, area.top(), area.width(), area.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      QObject::tr("Events:"));
    x += fm.horizontalAdvance(QObject::tr("Events:")) + 10;
    for (const Entry &e : m_entries) {
        const QString name = e.name.isEmpty() ? QObject::tr("uncategorised") : e.name.simplified();
        const int width = box + 5 + fm.horizontalAdvance(name) + 16;
        if (x + width > area.right())
            break; // what does not fit is left out rather than drawn over the edge
        painter->fillRect(QRect(x, area.center().y() - box / 2, box, box), m_theme.markerColor(e.color));
        painter->setPen(m_theme.foreground);
        painter->drawText(QRect(x + box + 5, area.top(), width, area.height()), Qt::AlignLeft | Qt::AlignVCenter, name);
        x += width;
    }
}

} // namespace dnt
