#pragma once

#include "store.h"

#include <QAbstractTableModel>

namespace dnt {

// The pair view's matrix over a PairTable snapshot (computed on a reader thread): one row per source
// (group or client), column 0 the source, then one column per top name. A cell shows the count and the
// share of that name's lookups; cells with a share of at least kHighlightShare are highlighted. sort()
// orders the rows by a name column's share (then count), or by the source column's label.
class PairTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr double kHighlightShare = 0.9;
    static constexpr int ShareRole = Qt::UserRole + 1;  // double 0..1 (name columns)
    static constexpr int CountRole = Qt::UserRole + 2;  // qint64
    static constexpr int HighlightRole = Qt::UserRole + 3; // bool: share >= kHighlightShare

    explicit PairTableModel(QObject *parent = nullptr);

    void setTable(const PairTable &table);
    const PairTable &table() const { return m_table; }
    // What a cell charts: that name, asked by that source (a group or a client). Empty for column 0.
    Selection selectionAt(const QModelIndex &index) const;
    int sourceIndex(int row) const { return m_order.value(row, -1); } // row -> index into table().sources

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    PairTable m_table;
    QVector<int> m_order; // row -> source index
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

} // namespace dnt
