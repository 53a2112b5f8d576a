#pragma once

#include "charttheme.h"
#include "rastergrid.h"

#include <QColor>
#include <QImage>
#include <QWidget>

#include <optional>
#include <utility>

class QCustomPlot;
class QCPColorScale;
class QCPTextElement;
class QCPItemText;
class QMouseEvent;

namespace dnt {

class RasterCells;

// The day × time-of-day view: one row per day of the display zone (top: the first day), one column
// per wall-clock slot, each cell coloured by its lookup count on a sequential, colour-blind-safe ramp
// (viridis), with a colour scale beside it. A cell without lookups is white and a slot that did not
// exist that day (the hour skipped at a DST change) light grey, so neither is mistaken for a low count.
// It shows the RasterGrid it is given; its owner queries (ChartPane on the reader thread, the CLI
// directly). Drawn with QCustomPlot so that it exports through the same paths as the timeline.
class RasterView : public QWidget
{
    Q_OBJECT
public:
    explicit RasterView(QWidget *parent = nullptr);
    ~RasterView() override;

    void setGrid(const RasterGrid &grid);
    const RasterGrid &grid() const { return m_grid; }
    void setTitle(const QString &title); // plain text
    QString title() const { return m_titleText; }
    // Shown instead of an empty raster when the grid has no lookups.
    void setEmptyMessage(const QString &text);
    bool isShowingEmptyMessage() const;

    // The colour of a cell with this count (0: white) under the current grid's scale.
    QColor colorForCount(int64_t count) const;
    // Colours of the ramp, lowest first. Viridis, sampled at ten evenly spaced points: the matplotlib
    // colormap by Stéfan van der Walt and Nathaniel Smith (CC0), perceptually uniform and readable with
    // every common colour-vision deficiency and in greyscale.
    static QVector<QColor> ramp();
    static QColor emptyColor() { return QColor(0xFF, 0xFF, 0xFF); }
    static QColor missingColor() { return QColor(0xD0, 0xD0, 0xD0); }

    // Draws at exactly `size` (clamped to 16..16384 px a side) in the light theme. Afterwards cellRect
    // refers to that image until the next replot.
    QImage renderImage(QSize size);
    // The pixel rectangle of a cell in the last rendering (widget or renderImage).
    QRectF cellRect(int row, int slot) const;
    // The (row, slot) under a widget position, if any.
    std::optional<std::pair<int, int>> cellAt(QPoint pos) const;
    // Hover text for a position: the day, the slot's start–end in the display zone and the count.
    // Plain text; empty outside the cells.
    QString tooltipText(QPoint pos) const;

    QCustomPlot *plot() const { return m_plot; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyTheme(const ChartTheme &theme);
    void rebuild();
    void onMouseMove(QMouseEvent *event);

    QCustomPlot *m_plot;
    RasterCells *m_cells;
    QCPColorScale *m_scale;
    QCPTextElement *m_titleElement;
    QCPTextElement *m_note;
    QCPItemText *m_emptyText;
    RasterGrid m_grid;
    QString m_titleText;
    QString m_emptyMessage;
    ChartTheme m_theme = ChartTheme::light();
};

} // namespace dnt
