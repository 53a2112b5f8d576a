#include "rasterview.h"

#include "integerticker.h"
#include "plotimage.h"
#include "timelinechart.h"
#include "timeutil.h"

#include <qcustomplot.h>

#include <QLocale>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace dnt {

// Draws the cells of a RasterGrid into its axis rect: on screen and in PNG/JPEG one image with a
// pixel per cell, scaled without smoothing (one paint call, however many cells); on vector devices
// (PDF, SVG) one rectangle per run of equal colour in a row, so that the cells stay vectors.
class RasterCells : public QCPLayerable
{
public:
    explicit RasterCells(QCPAxisRect *rect) : QCPLayerable(rect->parentPlot(), QStringLiteral("main")), m_rect(rect) {}

    void setImage(const QImage &image) { m_image = image; }

protected:
    void applyDefaultAntialiasingHint(QCPPainter *painter) const override { painter->setAntialiasing(false); }
    QRect clipRect() const override { return m_rect ? m_rect->rect() : QCPLayerable::clipRect(); }
    void draw(QCPPainter *painter) override
    {
        if (!m_rect || m_image.isNull())
            return;
        QCPAxis *x = m_rect->axis(QCPAxis::atBottom);
        QCPAxis *y = m_rect->axis(QCPAxis::atLeft);
        const double left = x->coordToPixel(0), right = x->coordToPixel(1440);
        const double top = y->coordToPixel(0), bottom = y->coordToPixel(m_image.height());
        const QRectF target(QPointF(left, std::min(top, bottom)), QPointF(right, std::max(top, bottom)));
        painter->setAntialiasing(false);
        if (!painter->modes().testFlag(QCPPainter::pmVectorized)) {
            painter->setRenderHint(QPainter::SmoothPixmapTransform, false);
            painter->drawImage(target, m_image);
            return;
        }
        const double cw = target.width() / m_image.width(), ch = target.height() / m_image.height();
        painter->setPen(Qt::NoPen);
        for (int r = 0; r < m_image.height(); ++r) {
            const QRgb *line = reinterpret_cast<const QRgb *>(m_image.constScanLine(r));
            for (int c = 0; c < m_image.width();) {
                int end = c + 1;
                while (end < m_image.width() && line[end] == line[c])
                    ++end;
                painter->fillRect(QRectF(target.left() + c * cw, target.top() + r * ch, (end - c) * cw, ch), QColor(line[c]));
                c = end;
            }
        }
    }

private:
    QPointer<QCPAxisRect> m_rect;
    QImage m_image;
};

namespace {

// Counts up to this are coloured on a linear scale, larger maxima on a logarithmic one, so that one
// burst does not flatten the recurring pattern the view is for.
constexpr int64_t kLinearUpTo = 20;

QCPColorGradient rampGradient()
{
    QCPColorGradient g;
    g.clearColorStops();
    const QVector<QColor> colors = RasterView::ramp();
    for (int i = 0; i < colors.size(); ++i)
        g.setColorStopAt(double(i) / (colors.size() - 1), colors.at(i));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    return g;
}

QString hhmm(int minute)
{
    return QStringLiteral("%1:%2").arg(minute / 60, 2, 10, QLatin1Char('0')).arg(minute % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

QVector<QColor> RasterView::ramp()
{
    return {QColor(0x44, 0x01, 0x54), QColor(0x48, 0x28, 0x78), QColor(0x3E, 0x4A, 0x89), QColor(0x31, 0x68, 0x8E),
            QColor(0x26, 0x82, 0x8E), QColor(0x1F, 0x9E, 0x89), QColor(0x35, 0xB7, 0x79), QColor(0x6D, 0xCD, 0x59),
            QColor(0xB4, 0xDE, 0x2C), QColor(0xFD, 0xE7, 0x25)};
}

RasterView::RasterView(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    m_emptyMessage = tr("No lookups in this selection");
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setMouseTracking(true);
    m_plot->setNoAntialiasingOnDrag(true);

    QCPAxisRect *rect = m_plot->axisRect();
    m_titleElement = new QCPTextElement(m_plot, QString(), QFont(font().family(), font().pointSize() + 2, QFont::Bold));
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_titleElement);
    m_scale = new QCPColorScale(m_plot);
    m_scale->setType(QCPAxis::atRight);
    m_scale->setBarWidth(14);
    m_scale->setGradient(rampGradient());
    m_plot->plotLayout()->addElement(1, 1, m_scale);
    // Just wide enough for the bar, its tick labels and the axis label.
    m_scale->setMinimumSize(QSize(90, 0));
    m_scale->setMaximumSize(QSize(110, QWIDGETSIZE_MAX));
    m_plot->plotLayout()->setColumnStretchFactor(1, 0.001);
    auto *margins = new QCPMarginGroup(m_plot);
    rect->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    m_scale->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    m_note = new QCPTextElement(m_plot, QString(), QFont(font().family(), std::max(7, font().pointSize() - 1)));
    m_plot->plotLayout()->insertRow(2);
    m_plot->plotLayout()->addElement(2, 0, m_note);

    m_cells = new RasterCells(rect);
    m_plot->xAxis->setRange(0, 1440);
    auto hours = QSharedPointer<QCPAxisTickerText>::create();
    for (int h = 0; h <= 24; h += 3)
        hours->addTick(h * 60, hhmm(h * 60));
    hours->setSubTickCount(2);
    m_plot->xAxis->setTicker(hours);
    m_plot->yAxis->setRangeReversed(true);
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->xAxis->grid()->setVisible(false);

    m_emptyText = new QCPItemText(m_plot);
    m_emptyText->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_emptyText->position->setCoords(0.5, 0.5);
    m_emptyText->setPositionAlignment(Qt::AlignCenter);
    QFont emptyFont = font();
    emptyFont.setPointSizeF(emptyFont.pointSizeF() * 1.3);
    m_emptyText->setFont(emptyFont);
    m_emptyText->setClipToAxisRect(true);

    connect(m_plot, &QCustomPlot::mouseMove, this, &RasterView::onMouseMove);
    applyTheme(palette().color(QPalette::Window).lightness() < 128 ? ChartTheme::dark() : ChartTheme::light());
    rebuild();
}

RasterView::~RasterView() = default;

void RasterView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyTheme(palette().color(QPalette::Window).lightness() < 128 ? ChartTheme::dark() : ChartTheme::light());
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void RasterView::applyTheme(const ChartTheme &theme)
{
    m_theme = theme;
    m_plot->setBackground(theme.background);
    m_plot->axisRect()->setBackground(theme.background);
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis, m_scale->axis()}) {
        axis->setBasePen(QPen(theme.foreground, 1));
        axis->setTickPen(QPen(theme.foreground, 1));
        axis->setSubTickPen(QPen(theme.foreground, 1));
        axis->setTickLabelColor(theme.foreground);
        axis->setLabelColor(theme.foreground);
    }
    m_titleElement->setTextColor(theme.foreground);
    m_note->setTextColor(theme.foreground);
    m_emptyText->setColor(theme.emptyText);
}

void RasterView::setTitle(const QString &title)
{
    m_titleText = title;
    // QCPTextElement draws with QPainter::drawText: plain text, never markup.
    m_titleElement->setText(title.simplified());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void RasterView::setEmptyMessage(const QString &text)
{
    m_emptyMessage = text;
    rebuild();
}

bool RasterView::isShowingEmptyMessage() const
{
    return m_emptyText->visible();
}

void RasterView::setGrid(const RasterGrid &grid)
{
    m_grid = grid;
    rebuild();
}

QColor RasterView::colorForCount(int64_t count) const
{
    if (count <= 0)
        return emptyColor();
    const bool log = m_grid.maxCount > kLinearUpTo;
    const QCPRange range(1, std::max<double>(2, double(m_grid.maxCount)));
    return QColor::fromRgb(m_scale->gradient().color(double(count), range, log));
}

void RasterView::rebuild()
{
    const int rows = m_grid.rowCount(), columns = m_grid.slotCount();
    const bool log = m_grid.maxCount > kLinearUpTo;
    m_scale->setDataScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log)
        m_scale->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        m_scale->axis()->setTicker(QSharedPointer<IntegerTicker>::create());
    m_scale->setDataRange(QCPRange(1, std::max<double>(2, double(m_grid.maxCount))));
    m_scale->axis()->setLabel(log ? tr("lookups per %1 min (log scale)").arg(m_grid.slotMinutes)
                                  : tr("lookups per %1 min").arg(m_grid.slotMinutes));

    QImage image;
    bool missing = false;
    if (rows > 0 && columns > 0) {
        image = QImage(columns, rows, QImage::Format_RGB32);
        for (int r = 0; r < rows; ++r) {
            QRgb *line = reinterpret_cast<QRgb *>(image.scanLine(r));
            for (int s = 0; s < columns; ++s) {
                const bool exists = m_grid.exists(r, s);
                missing = missing || !exists;
                line[s] = exists ? colorForCount(m_grid.count(r, s)).rgb() : missingColor().rgb();
            }
        }
    }
    m_cells->setImage(image);
    m_plot->yAxis->setRange(0, std::max(1, rows));

    // Day labels: every day when they fit, else Mondays, else the 1st of each month.
    auto days = QSharedPointer<QCPAxisTickerText>::create();
    const int step = rows <= 35 ? 1 : rows <= 35 * 7 ? 7 : 31;
    const QLocale c = QLocale::c();
    for (int r = 0; r < rows; ++r) {
        const QDate day = m_grid.days.at(r);
        if ((step == 7 && day.dayOfWeek() != 1) || (step == 31 && day.day() != 1))
            continue;
        days->addTick(r + 0.5, step == 1 ? QStringLiteral("%1 %2").arg(c.dayName(day.dayOfWeek(), QLocale::ShortFormat),
                                                                       day.toString(Qt::ISODate))
                                         : day.toString(Qt::ISODate));
    }
    m_plot->yAxis->setTicker(days);
    const QString zone = QString::fromUtf8(m_grid.zone);
    m_plot->xAxis->setLabel(tr("time of day (%1), %2-minute slots").arg(zone).arg(m_grid.slotMinutes));
    m_plot->yAxis->setLabel(tr("day (%1)").arg(zone));

    QString note = tr("White: no lookups.");
    if (missing)
        note += QLatin1Char(' ') + tr("Grey: a time that did not exist that day (clocks went forward).");
    if (m_grid.truncated)
        note += QLatin1Char(' ') + tr("Only the first %1 days are shown.").arg(RasterGrid::kMaxDays);
    m_note->setText(note);

    const bool empty = m_grid.total == 0;
    m_emptyText->setText(m_emptyMessage);
    m_emptyText->setVisible(empty);
    m_scale->setVisible(!empty);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QImage RasterView::renderImage(QSize size)
{
    return renderPlotImage(m_plot, TimelineChart::clampImageSize(size), m_theme,
                           [this](const ChartTheme &t) { applyTheme(t); });
}

QRectF RasterView::cellRect(int row, int slot) const
{
    const double m0 = double(slot) * m_grid.slotMinutes, m1 = double(slot + 1) * m_grid.slotMinutes;
    const QPointF a(m_plot->xAxis->coordToPixel(m0), m_plot->yAxis->coordToPixel(row));
    const QPointF b(m_plot->xAxis->coordToPixel(m1), m_plot->yAxis->coordToPixel(row + 1));
    return QRectF(a, b).normalized();
}

std::optional<std::pair<int, int>> RasterView::cellAt(QPoint pos) const
{
    if (m_grid.isEmpty() || !m_plot->axisRect()->rect().contains(pos))
        return std::nullopt;
    const double minute = m_plot->xAxis->pixelToCoord(pos.x());
    const double row = m_plot->yAxis->pixelToCoord(pos.y());
    if (!std::isfinite(minute) || !std::isfinite(row) || minute < 0 || minute >= 1440 || row < 0
        || row >= m_grid.rowCount())
        return std::nullopt;
    return std::make_pair(static_cast<int>(row), static_cast<int>(minute) / m_grid.slotMinutes);
}

QString RasterView::tooltipText(QPoint pos) const
{
    const auto cell = cellAt(pos);
    if (!cell)
        return {};
    const auto [row, slot] = *cell;
    const QDate day = m_grid.days.at(row);
    const int start = m_grid.slotStartMinute(slot);
    const QString when = QStringLiteral("%1 %2, %3–%4 (%5)")
                             .arg(QLocale::c().dayName(day.dayOfWeek(), QLocale::ShortFormat), day.toString(Qt::ISODate),
                                  hhmm(start), hhmm(start + m_grid.slotMinutes), QString::fromUtf8(m_grid.zone));
    if (!m_grid.exists(row, slot))
        return tr("%1: this time did not exist that day (clocks went forward)").arg(when);
    const int64_t n = m_grid.count(row, slot);
    return n == 1 ? tr("%1: 1 lookup").arg(when) : tr("%1: %2 lookups").arg(when).arg(n);
}

void RasterView::onMouseMove(QMouseEvent *event)
{
    const QString text = tooltipText(event->pos());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), QStringLiteral("<qt>%1</qt>").arg(text.toHtmlEscaped()),
                           m_plot);
}

} // namespace dnt
