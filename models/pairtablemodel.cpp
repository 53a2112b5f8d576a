#include "pairtablemodel.h"

#include <QColor>
#include <QFont>
#include <QLocale>

#include <algorithm>
#include <numeric>

namespace dnt {

PairTableModel::PairTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void PairTableModel::setTable(const PairTable &table)
{
    beginResetModel();
    m_table = table;
    m_order.resize(m_table.sources.size());
    std::iota(m_order.begin(), m_order.end(), 0);
    endResetModel();
    if (m_sortColumn >= 0 && m_sortColumn < columnCount())
        sort(m_sortColumn, m_sortOrder);
}

Selection PairTableModel::selectionAt(const QModelIndex &index) const
{
    Selection s;
    if (!index.isValid() || index.column() < 1 || index.row() >= m_order.size())
        return s;
    const int source = m_order.at(index.row());
    s.names << m_table.names.at(index.column() - 1);
    (m_table.sourceIsGroup.at(source) ? s.groups : s.clients) << m_table.sources.at(source);
    return s;
}

int PairTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int PairTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || m_table.sources.isEmpty() ? 0 : int(m_table.names.size()) + 1;
}

QVariant PairTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int source = m_order.at(index.row());
    const bool group = m_table.sourceIsGroup.at(source);
    if (index.column() == 0) {
        switch (role) {
        case Qt::DisplayRole:
            return m_table.sources.at(source);
        case Qt::DecorationRole:
            return group ? QVariant(QColor(m_table.sourceColors.at(source))) : QVariant();
        case Qt::ToolTipRole:
            // Tooltips are rich text when they look like it: data-derived text is escaped.
            return (group ? tr("Source group %1") : tr("Client %1")).arg(m_table.sources.at(source).toHtmlEscaped());
        default:
            return {};
        }
    }
    const int name = index.column() - 1;
    const int64_t count = m_table.counts.at(source).at(name);
    const double share = m_table.share(source, name);
    const bool highlight = count > 0 && share >= kHighlightShare;
    switch (role) {
    case Qt::DisplayRole:
        return count == 0 ? QString()
                          : QStringLiteral("%1 · %2%").arg(QLocale().toString(qlonglong(count)),
                                                           QLocale().toString(share * 100, 'f', 1));
    case Qt::ToolTipRole:
        return tr("%1 asked for %2 %3 times: %4% of its %5 lookups")
            .arg(m_table.sources.at(source).toHtmlEscaped(), m_table.names.at(name).toHtmlEscaped(),
                 QLocale().toString(qlonglong(count)),
                 QLocale().toString(share * 100, 'f', 2), QLocale().toString(qlonglong(m_table.nameAll.at(name))));
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        return highlight ? QVariant(QColor(0xff, 0xc1, 0x07)) : QVariant();
    case Qt::ForegroundRole:
        return highlight ? QVariant(QColor(Qt::black)) : QVariant();
    case Qt::FontRole:
        if (highlight) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case ShareRole:
        return share;
    case CountRole:
        return qint64(count);
    case HighlightRole:
        return highlight;
    default:
        return {};
    }
}

QVariant PairTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    if (role == Qt::DisplayRole)
        return section == 0 ? tr("Source") : m_table.names.at(section - 1);
    if (role == Qt::ToolTipRole && section > 0)
        return tr("%1: %2 lookups in all (click to sort by share)")
            .arg(m_table.names.at(section - 1).toHtmlEscaped(), QLocale().toString(qlonglong(m_table.nameAll.at(section - 1))));
    return {};
}

void PairTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= columnCount())
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QVector<int> oldSource;
    for (const QModelIndex &i : before)
        oldSource.append(m_order.at(i.row()));
    std::stable_sort(m_order.begin(), m_order.end(), [&](int a, int b) {
        if (column == 0) {
            const int c = QString::compare(m_table.sources.at(a), m_table.sources.at(b));
            return order == Qt::AscendingOrder ? c < 0 : c > 0;
        }
        const int n = column - 1;
        const int64_t ca = m_table.counts.at(a).at(n), cb = m_table.counts.at(b).at(n);
        if (ca == cb)
            return false;
        return order == Qt::AscendingOrder ? ca < cb : ca > cb; // same name: share order is count order
    });
    QModelIndexList after;
    for (qsizetype k = 0; k < before.size(); ++k)
        after.append(index(int(m_order.indexOf(oldSource.at(k))), before.at(k).column()));
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace dnt
