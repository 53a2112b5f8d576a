#pragma once

#include <QAbstractTableModel>
#include <QVector>

#include <cstdint>

namespace dnt {

// A two-column table (label, lookups) over a snapshot of a top list: names or clients.
// The snapshot is a value computed on a reader thread; the model never queries anything.
class CountListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    struct Row
    {
        QString label;
        int64_t count = 0;
    };
    enum Column { LabelColumn, CountColumn, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit CountListModel(const QString &labelHeader, QObject *parent = nullptr);

    void setRows(const QVector<Row> &rows);
    const QVector<Row> &rows() const { return m_rows; }
    QString labelAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString m_labelHeader;
    QVector<Row> m_rows;
};

} // namespace dnt
