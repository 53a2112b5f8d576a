#include "eventtablemodel.h"

#include "timeutil.h"
#include "usertime.h"

namespace dnt {

EventTableModel::EventTableModel(QObject *parent) : QAbstractTableModel(parent), m_zone(QTimeZone::utc()) {}

void EventTableModel::setEvents(const QVector<Event> &events)
{
    beginResetModel();
    m_events = events;
    endResetModel();
}

void EventTableModel::setDisplayZone(const QTimeZone &zone)
{
    beginResetModel();
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    endResetModel();
}

int EventTableModel::rowOfId(int64_t id) const
{
    for (int i = 0; i < m_events.size(); ++i)
        if (m_events.at(i).id == id)
            return i;
    return -1;
}

const Event *EventTableModel::eventAt(int row) const
{
    return row >= 0 && row < m_events.size() ? &m_events.at(row) : nullptr;
}

QString EventTableModel::formatTime(int64_t us) const
{
    return formatUserTime(us, m_zone);
}

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_events.size());
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Event &e = m_events.at(index.row());
    if (role == EventIdRole)
        return QVariant::fromValue(qlonglong(e.id));
    if (role == SortRole) {
        switch (index.column()) {
        case StartColumn: return qlonglong(e.startUs);
        case EndColumn: return e.endUs ? qlonglong(*e.endUs) : qlonglong(e.startUs);
        case TitleColumn: return e.title.toLower();
        case CategoryColumn: return e.category.toLower();
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case StartColumn: return formatTime(e.startUs);
        case EndColumn: return e.endUs ? formatTime(*e.endUs) : QString();
        case TitleColumn: return e.title;
        case CategoryColumn: return e.category;
        }
    }
    if (role == Qt::ToolTipRole && !e.note.isEmpty()) {
        // Notes come from whoever wrote the events file: shown escaped, never as markup.
        return QStringLiteral("<qt>%1</qt>").arg(e.note.toHtmlEscaped().replace(QLatin1Char('\n'), QLatin1String("<br>")));
    }
    return {};
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    const QString zone = zoneName(m_zone);
    switch (section) {
    case StartColumn: return tr("Start (%1)").arg(zone);
    case EndColumn: return tr("End");
    case TitleColumn: return tr("Title");
    case CategoryColumn: return tr("Category");
    }
    return {};
}

} // namespace dnt
