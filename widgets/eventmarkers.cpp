#include "eventmarkers.h"

#include <algorithm>
#include <climits>
#include <cmath>

namespace dnt {

namespace {

constexpr int kPadX = 4;
constexpr int kPadY = 1;
constexpr int kLabelGap = 6;    // horizontal space kept between two labels in one row
constexpr int kRowSpacing = 2;

int clampedPixel(QCPAxis *axis, double key, const QRect &rect)
{
    const double p = std::clamp(axis->coordToPixel(key), double(rect.left() - 1), double(rect.right() + 1));
    return static_cast<int>(std::lround(p));
}

} // namespace

EventMarkers::EventMarkers(QCPAxisRect *axisRect, const QString &layerName)
    : QCPLayerable(axisRect->parentPlot(), layerName), m_axisRect(axisRect), m_font(axisRect->parentPlot()->font())
{
    m_font.setPointSizeF(std::max(7.0, m_font.pointSizeF() * 0.9));
    updateDrawColors();
}

void EventMarkers::setEvents(const QVector<Event> &events)
{
    m_events = events;
    // A badge's number is the event's rank by (start, id) among all the events given, whether shown,
    // hidden or out of view: it depends only on the event and those before it, so that adding a later
    // event, zooming or hiding a category never renumbers the badges a reader has already noted.
    QVector<int> order(m_events.size());
    for (int i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [this](int a, int b) {
        const Event &x = m_events.at(a), &y = m_events.at(b);
        return x.startUs != y.startUs ? x.startUs < y.startUs : (x.id != y.id ? x.id < y.id : a < b);
    });
    m_numbers = QVector<int>(m_events.size(), 0);
    for (int rank = 0; rank < order.size(); ++rank)
        m_numbers[order[rank]] = rank + 1;
}

void EventMarkers::updateDrawColors()
{
    // Contrast adjustments are a few dozen pow() calls each: once per theme or colour change, not per draw.
    m_defaultColors = {m_theme.markerColor(m_theme.marker), m_theme.bandColor(m_theme.marker)};
    m_drawColors.clear();
    for (auto it = m_categoryColors.cbegin(); it != m_categoryColors.cend(); ++it)
        m_drawColors.insert(it.key(), {m_theme.markerColor(it.value()), m_theme.bandColor(it.value())});
}

void EventMarkers::applyDefaultAntialiasingHint(QCPPainter *painter) const
{
    // Marker lines are one-pixel columns; antialiasing would smear them over two columns.
    painter->setAntialiasing(false);
}

QRect EventMarkers::clipRect() const
{
    return m_axisRect ? m_axisRect->rect() : QCPLayerable::clipRect();
}

void EventMarkers::draw(QCPPainter *painter)
{
    m_labels.clear();
    m_rowCount = 0;
    if (!m_axisRect || m_events.isEmpty())
        return;
    QCPAxis *axis = m_axisRect->axis(QCPAxis::atBottom);
    if (!axis)
        return;
    const QRect area = m_axisRect->rect();
    const QCPRange range = axis->range();
    // The widget always paints into its layer buffers; everything else (QCustomPlot::toPainter, which
    // renderImage, the exporter and the command line go through) marks its painter pmNoCaching. An
    // export shows the events, not what the user happened to select on screen.
    const bool exporting = painter->modes().testFlag(QCPPainter::pmNoCaching);
    const int64_t highlighted = exporting ? 0 : m_highlighted;
    painter->setAntialiasing(false);
    painter->setPen(Qt::NoPen);

    struct Anchor
    {
        int index;
        int x;
    };
    QVector<Anchor> anchors;
    // Every band and line is a full-height column: collected first, then drawn either as they are
    // (vector devices, scaled exports) or, on a raster device, as one row image stretched over the
    // plot's height — one long span per row instead of a one-pixel span per row and line.
    QVector<std::pair<QRect, QColor>> columns;
    const auto fill = [&columns](const QRect &r, const QColor &c) { columns.append({r, c}); };
    // Bands first, so that lines and labels of neighbouring events stay on top of them.
    for (int pass = 0; pass < 2; ++pass) {
        for (int i = 0; i < m_events.size(); ++i) {
            const Event &e = m_events.at(i);
            const double start = static_cast<double>(e.startUs) / 1e6;
            const double end = e.endUs ? static_cast<double>(*e.endUs) / 1e6 : start;
            if (end < range.lower || start > range.upper || end < start || !isShown(e))
                continue;
            const int x0 = clampedPixel(axis, start, area);
            const int x1 = clampedPixel(axis, end, area);
            if (pass == 0) {
                if (e.isSpan())
                    {
                    const QColor band = colorsOf(e).band;
                    fill(QRect(x0, area.top(), std::max(1, x1 - x0), area.height()), band);
                }
                continue;
            }
            // The selected event's line is three pixels wide, so that it can be found among many.
            const int w = e.id != 0 && e.id == highlighted ? 3 : 1;
            if (start >= range.lower)
                fill(QRect(x0 - (w - 1) / 2, area.top(), w, area.height()), colorOf(e));
            if (e.isSpan() && end <= range.upper)
                fill(QRect(x1, area.top(), 1, area.height()), colorOf(e));
            anchors.append({i, x0});
        }
    }

    if (!columns.isEmpty()) {
        if (!painter->modes().testFlag(QCPPainter::pmVectorized) && painter->transform().type() <= QTransform::TxTranslate) {
            QImage row(area.width() + 2, 1, QImage::Format_ARGB32_Premultiplied);
            row.fill(Qt::transparent);
            {
                QPainter rowPainter(&row);
                for (const auto &[r, c] : std::as_const(columns))
                    rowPainter.fillRect(QRect(r.left() - area.left() + 1, 0, r.width(), 1), c);
            }
            painter->save();
            painter->setRenderHint(QPainter::SmoothPixmapTransform, false);
            painter->drawImage(QRect(area.left() - 1, area.top(), row.width(), area.height()), row);
            painter->restore();
        } else {
            for (const auto &[r, c] : std::as_const(columns))
                painter->fillRect(r, c);
        }
    }

    // Labels: left to right, each in the first row where it does not touch an earlier label.
    std::sort(anchors.begin(), anchors.end(),
              [](const Anchor &a, const Anchor &b) { return a.x != b.x ? a.x < b.x : a.index < b.index; });
    const QFontMetrics fm(m_font, painter->device());
    const int height = fm.height() + 2 * kPadY;
    // Shaping a title is most of a label's cost: the elided text and its width are kept per title
    // for as long as the font and the device's resolution stay the same.
    const int dpi = painter->device() ? painter->device()->logicalDpiY() : 0;
    if (dpi != m_layoutDpi || m_font != m_layoutFont) {
        m_layouts.clear();
        m_layoutDpi = dpi;
        m_layoutFont = m_font;
    }
    const auto layoutOf = [&](const QString &title) -> const TextLayout & {
        auto it = m_layouts.find(title);
        if (it == m_layouts.end()) {
            TextLayout l;
            // simplified(): a title with line breaks from a CSV must still be one line.
            l.text = fm.elidedText(title.simplified(), Qt::ElideRight, kMaxLabelWidth);
            l.width = fm.horizontalAdvance(l.text);
            l.staticText.setText(l.text);
            l.staticText.setTextFormat(Qt::PlainText);
            l.staticText.prepare(QTransform(), m_font);
            it = m_layouts.insert(title, l);
        }
        return *it;
    };
    QVector<QVector<std::pair<int, int>>> rows;
    QVector<Anchor> crowded; // no room in the label rows: badges
    painter->setFont(m_font);
    for (const Anchor &a : anchors) {
        const TextLayout &layout = layoutOf(m_events.at(a.index).title);
        const QString &text = layout.text;
        if (text.isEmpty())
            continue;
        const int width = layout.width + 2 * kPadX;
        // Right of the marker; near the right edge, left of it instead (ending at the line), so that
        // a label always sits against its own marker rather than being pushed under another one.
        int left = a.x + 3;
        if (left + width > area.right())
            left = a.x - 2 - width;
        left = std::clamp(left, area.left() + 1, std::max(area.left() + 1, area.right() - width));
        const int right = left + width;
        int row = 0;
        for (; row < rows.size(); ++row) {
            const bool clash = std::any_of(rows[row].cbegin(), rows[row].cend(), [&](const std::pair<int, int> &iv) {
                return left < iv.second + kLabelGap && iv.first < right + kLabelGap;
            });
            if (!clash)
                break;
        }
        if (row == kMaxLabelRows) {
            crowded.append(a);
            continue;
        }
        if (row == rows.size())
            rows.append(QVector<std::pair<int, int>>());
        rows[row].append({left, right});
        const QRect box(left, area.top() + 2 + row * (height + kRowSpacing), width, height);
        m_labels.append(EventLabel{a.index, text, box, row, a.x, false, {a.index}, QString()});
    }
    m_rowCount = static_cast<int>(rows.size());

    // Badges: the event's number (see setEvents) centred on the marker, moved right past the previous badge of its row
    // when needed; every badge is as wide as "N+" so that one taking in later events keeps its size.
    const int digits = QString::number(m_events.size()).size();
    const int badgeWidth = fm.horizontalAdvance(QString(digits, QLatin1Char('8')) + QLatin1Char('+')) + 2 * kPadX;
    QVector<int> badgeRowEnd;
    for (const Anchor &a : std::as_const(crowded)) {
        const int number = m_numbers.value(a.index);
        const QString title = QStringLiteral("%1. %2").arg(number).arg(m_events.at(a.index).title.simplified());
        const int wanted = std::max(area.left() + 1, a.x - badgeWidth / 2);
        int placedRow = -1, left = 0;
        for (int r = 0; r < kMaxBadgeRows; ++r) {
            if (r == badgeRowEnd.size())
                badgeRowEnd.append(INT_MIN / 2);
            const int l = std::max(wanted, badgeRowEnd[r] + kLabelGap / 2);
            if (l + badgeWidth <= area.right()) {
                placedRow = r;
                left = l;
                break;
            }
        }
        if (placedRow < 0) {
            // No room of its own: the last badge stands for this event too.
            EventLabel &last = m_labels.last();
            if (!last.badge)
                continue; // a plot narrower than one badge: there is nowhere to show it
            last.eventIndices.append(a.index);
            last.hoverText += QLatin1Char('\n') + title;
            if (!last.text.endsWith(QLatin1Char('+')))
                last.text += QLatin1Char('+');
            continue;
        }
        badgeRowEnd[placedRow] = left + badgeWidth;
        const int row = m_rowCount + placedRow;
        const QRect box(left, area.top() + 2 + row * (height + kRowSpacing), badgeWidth, height);
        m_labels.append(EventLabel{a.index, QString::number(number), box, row, a.x, true, {a.index}, title});
    }
    for (const EventLabel &label : std::as_const(m_labels))
        m_rowCount = std::max(m_rowCount, label.row + 1);

    for (const EventLabel &label : std::as_const(m_labels)) {
        painter->fillRect(label.rect, m_theme.labelBackground);
        // The accent bar is on the side that faces the marker.
        const QColor accent = colorOf(m_events.at(label.eventIndex));
        if (label.badge) {
            // A badge is framed in its event's colour on every side.
            painter->fillRect(QRect(label.rect.left(), label.rect.top(), label.rect.width(), 2), accent);
            painter->fillRect(QRect(label.rect.left(), label.rect.bottom() - 1, label.rect.width(), 2), accent);
            painter->fillRect(QRect(label.rect.left(), label.rect.top(), 2, label.rect.height()), accent);
            painter->fillRect(QRect(label.rect.right() - 1, label.rect.top(), 2, label.rect.height()), accent);
        } else {
            const int accentX = label.rect.left() >= label.markerX ? label.rect.left() : label.rect.right() - 1;
            painter->fillRect(QRect(accentX, label.rect.top(), 2, label.rect.height()), accent);
        }
        painter->setPen(m_theme.labelText);
        // Plain text: "<b>x</b>" is drawn as those ten characters. Labels through their cached
        // QStaticText (vector devices get ordinary text from it), badges' numbers as text.
        if (!label.badge) {
            const TextLayout &layout = layoutOf(m_events.at(label.eventIndex).title);
            painter->drawStaticText(QPointF(label.rect.left() + kPadX, label.rect.top() + (label.rect.height() - fm.height()) / 2.0),
                                    layout.staticText);
            continue;
        }
        painter->drawText(label.rect.adjusted(kPadX, 0, -kPadX + 1, 0),
                          (label.badge ? Qt::AlignHCenter : Qt::AlignLeft) | Qt::AlignVCenter | Qt::TextSingleLine,
                          label.text);
    }
}

} // namespace dnt
