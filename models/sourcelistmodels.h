#pragma once

#include "store.h"

#include <QAbstractTableModel>

namespace dnt {

// The clients of the sources panel over a snapshot (computed on a reader thread): address, label (from
// the project's labels file), lookups.
class ClientLabelModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    struct Row
    {
        QString address;
        QString label;
        int64_t count = 0;
    };
    enum Column { AddressColumn, LabelColumn, CountColumn, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit ClientLabelModel(QObject *parent = nullptr);
    void setRows(const QVector<Row> &rows);
    const QVector<Row> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<Row> m_rows;
};

// The project's source groups: name (with a colour swatch) and member count; the members in the tooltip.
class GroupListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, MembersColumn, ColumnCount };

    explicit GroupListModel(QObject *parent = nullptr);
    void setGroups(const QVector<SourceGroup> &groups);
    const QVector<SourceGroup> &groups() const { return m_groups; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<SourceGroup> m_groups;
};

} // namespace dnt
