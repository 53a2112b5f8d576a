#include "timelinechart.h"
#include "timelinechart_p.h"

#include "timeutil.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QToolTip>

#include "bucket.h"
#include "usertime.h"

namespace dnt {

int64_t TimelineChart::usAtPixel(int x) const
{
    return static_cast<int64_t>(m_plot->xAxis->pixelToCoord(x) * 1e6);
}

void TimelineChart::onMousePress(QMouseEvent *e)
{
    d->pressPos = e->pos();
    d->drag = Private::Drag{};
    const QRect area = m_plot->axisRect()->rect();
    if (e->button() == Qt::RightButton) {
        if (const auto ev = eventAt(e->pos()))
            emit eventContextMenuRequested(*ev, e->globalPosition().toPoint());
        return;
    }
    if (e->button() != Qt::LeftButton || !area.contains(e->pos()))
        return;
    d->drag.pressUs = usAtPixel(e->pos().x());
    if (e->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier)) {
        // Shift: rubber band to zoom into; Ctrl: rubber band to select a time range.
        d->drag.kind = (e->modifiers() & Qt::ShiftModifier) ? Private::Drag::ZoomBand : Private::Drag::SelectBand;
        if (!d->rubber)
            d->rubber = new QRubberBand(QRubberBand::Rectangle, m_plot);
        d->rubber->setGeometry(QRect(e->pos().x(), area.top(), 1, area.height()));
        d->rubber->show();
    } else if ((e->modifiers() & Qt::AltModifier) || d->spanTool) {
        d->drag.kind = Private::Drag::NewSpan;
    } else if (const auto ev = eventAt(e->pos())) {
        d->drag.original = *ev;
        const double x1 = ev->endUs ? m_plot->xAxis->coordToPixel(static_cast<double>(*ev->endUs) / 1e6) : -1e9;
        const double x0 = m_plot->xAxis->coordToPixel(static_cast<double>(ev->startUs) / 1e6);
        if (ev->endUs && std::abs(e->pos().x() - x1) <= 3)
            d->drag.kind = Private::Drag::ResizeEnd;
        else if (ev->endUs && std::abs(e->pos().x() - x0) <= 3)
            d->drag.kind = Private::Drag::ResizeStart;
        else
            d->drag.kind = Private::Drag::Move;
    }
    if (d->drag.kind != Private::Drag::None)
        m_plot->setInteraction(QCP::iRangeDrag, false);
}

std::optional<Event> TimelineChart::draggedEvent(int x) const
{
    const int64_t us = usAtPixel(x);
    Event ev = d->drag.original;
    const int64_t minSpan = kUsPerSecond;
    switch (d->drag.kind) {
    case Private::Drag::Move: {
        const int64_t delta = us - d->drag.pressUs;
        ev.startUs += delta;
        if (ev.endUs)
            *ev.endUs += delta;
        return ev;
    }
    case Private::Drag::ResizeStart:
        ev.startUs = std::min(us, *ev.endUs - minSpan);
        return ev;
    case Private::Drag::ResizeEnd:
        ev.endUs = std::max(us, ev.startUs + minSpan);
        return ev;
    case Private::Drag::NewSpan:
        ev = Event{};
        ev.startUs = std::min(us, d->drag.pressUs);
        ev.endUs = std::max(us, d->drag.pressUs);
        ev.title = tr("new span");
        return ev;
    case Private::Drag::None:
    case Private::Drag::ZoomBand:
    case Private::Drag::SelectBand:
        break;
    }
    return std::nullopt;
}

void TimelineChart::onMouseMove(QMouseEvent *e)
{
    if (d->drag.kind == Private::Drag::None && e->buttons() == Qt::NoButton) {
        const int bucket = bucketAtPixel(e->pos().x());
        if (bucket != d->hoverBucket || eventAt(e->pos())) {
            d->hoverBucket = bucket;
            const QString text = tooltipText(e->pos());
            // Labels and titles come from logs and users: escaped inside forced rich text.
            if (text.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(e->globalPosition().toPoint(),
                                   QStringLiteral("<qt><pre>%1</pre></qt>").arg(text.toHtmlEscaped()), m_plot);
        }
        return;
    }
    if (d->drag.kind == Private::Drag::ZoomBand || d->drag.kind == Private::Drag::SelectBand) {
        const QRect area = m_plot->axisRect()->rect();
        const int x0 = std::clamp(std::min(d->pressPos.x(), e->pos().x()), area.left(), area.right());
        const int x1 = std::clamp(std::max(d->pressPos.x(), e->pos().x()), area.left(), area.right());
        if (d->rubber)
            d->rubber->setGeometry(QRect(x0, area.top(), std::max(1, x1 - x0), area.height()));
        return;
    }
    if (d->drag.kind == Private::Drag::None || (e->pos() - d->pressPos).manhattanLength() <= 3)
        return;
    // Preview on the marker layer only: the data does not repaint while a marker moves.
    const auto preview = draggedEvent(e->pos().x());
    QVector<Event> events = d->events;
    if (preview) {
        if (d->drag.kind == Private::Drag::NewSpan) {
            events.append(*preview);
        } else {
            for (Event &ev : events)
                if (ev.id == preview->id)
                    ev = *preview;
        }
    }
    d->markers->setEvents(events);
    m_plot->layer(kMarkerLayer)->replot();
}

void TimelineChart::onMouseRelease(QMouseEvent *e)
{
    const auto kind = d->drag.kind;
    d->drag.kind = Private::Drag::None;
    m_plot->setInteraction(QCP::iRangeDrag, true);
    const bool moved = (e->pos() - d->pressPos).manhattanLength() > 3;
    if (kind == Private::Drag::ZoomBand || kind == Private::Drag::SelectBand) {
        if (d->rubber)
            d->rubber->hide();
        if (!moved)
            return;
        int64_t from = std::min(d->drag.pressUs, usAtPixel(e->pos().x()));
        int64_t to = std::max(d->drag.pressUs, usAtPixel(e->pos().x()));
        if (kind == Private::Drag::SelectBand) {
            emit rangeSelected(from, to);
        } else {
            setVisibleRange(from, to);
            d->debounce->start(); // a user zoom: the owner re-queries
        }
        return;
    }
    if (kind != Private::Drag::None && moved) {
        d->drag.kind = kind;
        const auto result = draggedEvent(e->pos().x());
        d->drag.kind = Private::Drag::None;
        d->markers->setEvents(d->events); // the owner sends the stored events back after the change
        m_plot->layer(kMarkerLayer)->replot();
        if (!result)
            return;
        if (kind == Private::Drag::NewSpan)
            emit spanDrawn(result->startUs, *result->endUs);
        else
            emit eventDragged(d->drag.original, *result);
        return;
    }
    if (moved || e->button() != Qt::LeftButton)
        return;
    if (const auto ev = eventAt(e->pos())) {
        emit eventClicked(*ev);
        return;
    }
    const int bucket = bucketAtPixel(e->pos().x());
    if (bucket >= 0)
        emit rangeSelected(toMicroseconds(d->left[bucket]), toMicroseconds(d->right[bucket]));
}

int64_t TimelineChart::bucketStartAtPixel(int x) const
{
    const int64_t us = usAtPixel(x);
    const int i = bucketAtPixel(x);
    if (i >= 0)
        return toMicroseconds(d->left[i]);
    // No bar there (an empty stretch, or before the first bucket): the start of the bucket that would be
    // there, on the same grid as the bars (the series' unit, aligned in its zone).
    if (d->series.bucketStarts.isEmpty())
        return us;
    const QTimeZone zone(d->series.zone);
    return bucketFloor(us, d->series.unit, zone.isValid() ? zone : QTimeZone::utc());
}

void TimelineChart::setSpanTool(bool on)
{
    if (d->spanTool == on)
        return;
    d->spanTool = on;
    // A crosshair says that a drag draws rather than pans.
    if (on)
        m_plot->setCursor(Qt::CrossCursor);
    else
        m_plot->unsetCursor();
    emit spanToolChanged(on);
}

bool TimelineChart::spanTool() const
{
    return d->spanTool;
}

int TimelineChart::bucketAtPixel(int x) const
{
    if (d->left.isEmpty() || !d->hasLookups)
        return -1;
    const double t = m_plot->xAxis->pixelToCoord(x);
    const auto it = std::upper_bound(d->left.cbegin(), d->left.cend(), t);
    if (it == d->left.cbegin())
        return -1;
    const int i = static_cast<int>(it - d->left.cbegin()) - 1;
    return t < d->right[i] ? i : -1;
}

QString TimelineChart::tooltipText(QPoint pos) const
{
    // A badge's hover text: the titles it stands for.
    for (const EventLabel &label : d->markers->labels())
        if (label.badge && label.rect.contains(pos))
            return label.hoverText;
    const int i = m_plot->axisRect()->rect().contains(pos) ? bucketAtPixel(pos.x()) : -1;
    if (i < 0)
        return {};
    const QTimeZone zone = displayZone();
    const int64_t from = toMicroseconds(d->left[i]), to = toMicroseconds(d->right[i]);
    QString text = QStringLiteral("%1 – %2 (%3)")
                       .arg(formatUserTime(from, zone), formatUserTime(to, zone),
                            zoneName(zone));
    for (const auto &s : d->series.series)
        text += QStringLiteral("\n%1: %2").arg(s.displayLabel(d->series.split)).arg(s.counts.value(i));
    if (d->series.series.size() > 1)
        text += QStringLiteral("\ntotal: %1").arg(d->stacked.value(i));
    if (!d->baselineData.isNone())
        text += QStringLiteral("\nbaseline: %1: %2").arg(d->baselineData.label).arg(d->baselineData.counts.value(i));
    for (const Event &e : d->events) {
        const int64_t end = e.endUs.value_or(e.startUs);
        if (e.startUs < to && end >= from && d->markers->isShown(e))
            text += QStringLiteral("\n▸ %1").arg(e.title.simplified());
    }
    return text;
}

void TimelineChart::keyPressEvent(QKeyEvent *event)
{
    const auto [from, to] = visibleRange();
    const int64_t span = to - from;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        setVisibleRange(from + span / 8, to - span / 8);
        break;
    case Qt::Key_Minus:
        setVisibleRange(from - span / 6, to + span / 6);
        break;
    case Qt::Key_Left:
        setVisibleRange(from - span / 10, to - span / 10);
        break;
    case Qt::Key_Right:
        setVisibleRange(from + span / 10, to + span / 10);
        break;
    case Qt::Key_Home:
        resetView();
        return;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    d->debounce->start(); // a user change: the owner re-queries
}

void TimelineChart::highlightEvent(int64_t id)
{
    d->markers->setHighlighted(id);
    const QVector<Event> &events = d->markers->events();
    for (const Event &e : events) {
        if (e.id != id)
            continue;
        const auto [from, to] = visibleRange();
        const int64_t end = e.endUs.value_or(e.startUs);
        if (e.startUs < from || end > to) {
            const int64_t span = to - from;
            const int64_t centre = e.startUs + (end - e.startUs) / 2;
            setVisibleRange(centre - span / 2, centre + span / 2);
            d->debounce->start(); // the owner re-queries for the new range
        }
        break;
    }
    m_plot->layer(kMarkerLayer)->replot();
}

int64_t TimelineChart::highlightedEvent() const
{
    return d->markers->highlighted();
}

std::optional<Event> TimelineChart::eventAt(QPoint pos) const
{
    const QVector<Event> &events = d->markers->events();
    for (const EventLabel &label : d->markers->labels())
        if (label.rect.contains(pos) && label.eventIndex >= 0 && label.eventIndex < events.size())
            return events.at(label.eventIndex);
    const QRect area = m_plot->axisRect()->rect();
    if (!area.contains(pos))
        return std::nullopt;
    for (const Event &e : events) {
        if (!d->markers->isShown(e))
            continue;
        const double x0 = m_plot->xAxis->coordToPixel(static_cast<double>(e.startUs) / 1e6);
        const double x1 = e.endUs ? m_plot->xAxis->coordToPixel(static_cast<double>(*e.endUs) / 1e6) : x0;
        if (std::abs(pos.x() - x0) <= 3 || std::abs(pos.x() - x1) <= 3)
            return e;
    }
    return std::nullopt;
}

} // namespace dnt
