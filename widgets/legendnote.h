#pragma once

#include <qcustomplot.h>

namespace dnt {

// A line of text among the legend's entries, without a swatch: what the reader must know to add the
// series up (e.g. that a client in two groups counts in both). Plain text.
class LegendNote : public QCPAbstractLegendItem
{
    Q_OBJECT
public:
    LegendNote(QCPLegend *legend, const QString &text);
    QString text() const { return m_text; }

protected:
    void draw(QCPPainter *painter) override;
    QSize minimumOuterSizeHint() const override;

private:
    QString m_text;
};

} // namespace dnt
