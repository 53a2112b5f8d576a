#pragma once

#include "charttheme.h"

#include <qcustomplot.h>

#include <QColor>
#include <QVector>

namespace dnt {

// A row under the plot naming the event categories shown, each with its marker colour: "■ News
// ■ Press". Drawn as plain text (category names come from users and files).
class CategoryLegend : public QCPLayoutElement
{
public:
    struct Entry
    {
        QString name;
        QColor color;
    };
    explicit CategoryLegend(QCustomPlot *plot);
    void setEntries(const QVector<Entry> &entries) { m_entries = entries; }
    const QVector<Entry> &entries() const { return m_entries; }
    // Text in the theme's foreground, swatches in the entries' colours as the theme draws markers.
    void setTheme(const ChartTheme &theme) { m_theme = theme; }
    void setFont(const QFont &f) { m_font = f; }

    QSize minimumOuterSizeHint() const override;
    QSize maximumOuterSizeHint() const override;

protected:
    void draw(QCPPainter *painter) override;

private:
    QVector<Entry> m_entries;
    ChartTheme m_theme = ChartTheme::light();
    QFont m_font;
};

} // namespace dnt
