#include "countlistmodel.h"

#include <QLocale>

namespace dnt {

CountListModel::CountListModel(const QString &labelHeader, QObject *parent)
    : QAbstractTableModel(parent), m_labelHeader(labelHeader)
{
}

void CountListModel::setRows(const QVector<Row> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

QString CountListModel::labelAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).label : QString();
}

int CountListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CountListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CountListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == LabelColumn ? QVariant(r.label) : QVariant(QLocale().toString(qlonglong(r.count)));
    case SortRole:
        return index.column() == LabelColumn ? QVariant(r.label) : QVariant(qlonglong(r.count));
    case Qt::ToolTipRole:
        // Labels come from the logs: force rich text with the label escaped, so that a name that
        // happens to look like markup is shown literally.
        return QStringLiteral("<qt>%1: %2 lookups</qt>").arg(r.label.toHtmlEscaped()).arg(r.count);
    case Qt::TextAlignmentRole:
        return index.column() == CountColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    default:
        return {};
    }
}

QVariant CountListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == LabelColumn ? m_labelHeader : QStringLiteral("Lookups");
}

} // namespace dnt
