#include "legendnote.h"

namespace dnt {

LegendNote::LegendNote(QCPLegend *legend, const QString &text) : QCPAbstractLegendItem(legend), m_text(text)
{
    setSelectable(false);
}

void LegendNote::draw(QCPPainter *painter)
{
    painter->setFont(mFont);
    painter->setPen(QPen(mTextColor));
    painter->drawText(mRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, m_text);
}

QSize LegendNote::minimumOuterSizeHint() const
{
    const QFontMetrics metrics(mFont);
    const QSize text = metrics.size(Qt::TextSingleLine, m_text);
    return text + QSize(mMargins.left() + mMargins.right(), mMargins.top() + mMargins.bottom());
}

} // namespace dnt
