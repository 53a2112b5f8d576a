#pragma once

#include "event.h"

#include <QAbstractTableModel>
#include <QTimeZone>
#include <QVector>

namespace dnt {

// The project's events as a table (start, end, title, category). A snapshot that EventEditor refreshes
// after every change; times are shown in the display zone. Sort and filter go through a proxy (a
// project has hundreds of events, not millions).
class EventTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { StartColumn, EndColumn, TitleColumn, CategoryColumn, ColumnCount };
    static constexpr int EventIdRole = Qt::UserRole + 1;
    static constexpr int SortRole = Qt::UserRole + 2;

    explicit EventTableModel(QObject *parent = nullptr);

    void setEvents(const QVector<Event> &events);
    const QVector<Event> &events() const { return m_events; }
    void setDisplayZone(const QTimeZone &zone);
    QTimeZone displayZone() const { return m_zone; }
    int rowOfId(int64_t id) const;
    const Event *eventAt(int row) const;
    // "2016-07-27 19:00" in the display zone; seconds only when not zero.
    QString formatTime(int64_t us) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<Event> m_events;
    QTimeZone m_zone;
};

} // namespace dnt
