#include "sourcelistmodels.h"

#include <QColor>
#include <QLocale>

namespace dnt {

ClientLabelModel::ClientLabelModel(QObject *parent) : QAbstractTableModel(parent) {}

void ClientLabelModel::setRows(const QVector<Row> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int ClientLabelModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ClientLabelModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClientLabelModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case AddressColumn:
            return r.address;
        case LabelColumn:
            return r.label;
        case CountColumn:
            return role == SortRole ? QVariant(qlonglong(r.count)) : QVariant(QLocale().toString(qlonglong(r.count)));
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == CountColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ClientLabelModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case AddressColumn:
        return tr("Client");
    case LabelColumn:
        return tr("Label");
    case CountColumn:
        return tr("Lookups");
    }
    return {};
}

GroupListModel::GroupListModel(QObject *parent) : QAbstractTableModel(parent) {}

void GroupListModel::setGroups(const QVector<SourceGroup> &groups)
{
    beginResetModel();
    m_groups = groups;
    endResetModel();
}

int GroupListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_groups.size());
}

int GroupListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GroupListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SourceGroup &g = m_groups.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == NameColumn ? QVariant(g.name) : QVariant(int(g.members.size()));
    case Qt::DecorationRole:
        return index.column() == NameColumn ? QVariant(QColor(g.color)) : QVariant();
    case Qt::ToolTipRole:
        return g.members.join(QStringLiteral(", ")).toHtmlEscaped();
    case Qt::TextAlignmentRole:
        return index.column() == MembersColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    default:
        return {};
    }
}

QVariant GroupListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Group") : section == MembersColumn ? tr("Members") : QVariant();
}

} // namespace dnt
