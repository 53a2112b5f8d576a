#pragma once

#include "store.h"

#include <QAbstractTableModel>
#include <QTimeZone>

namespace dnt {

// The project's imported files with their provenance: format, compression, size, SHA-256, counts,
// the zone and year assumed, first and last lookup. A snapshot of Store::files(). GUI thread.
class FileListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { FileColumn, FormatColumn, CompressionColumn, SizeColumn, AcceptedColumn, SkippedColumn,
                  RejectedColumn, ZoneColumn, YearColumn, FirstColumn, LastColumn, Sha256Column, ColumnCount };

    explicit FileListModel(QObject *parent = nullptr);
    void setFiles(const QVector<FileRecord> &files);
    const QVector<FileRecord> &files() const { return m_files; }
    void setDisplayZone(const QTimeZone &zone);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<FileRecord> m_files;
    QTimeZone m_zone = QTimeZone::utc();
};

} // namespace dnt
