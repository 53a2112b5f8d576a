#include "filelistmodel.h"

#include "dnsmnemonics.h"

#include <QFileInfo>
#include <QLocale>

namespace dnt {

FileListModel::FileListModel(QObject *parent) : QAbstractTableModel(parent) {}

void FileListModel::setFiles(const QVector<FileRecord> &files)
{
    beginResetModel();
    m_files = files;
    endResetModel();
}

void FileListModel::setDisplayZone(const QTimeZone &zone)
{
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    if (!m_files.isEmpty())
        emit dataChanged(index(0, FirstColumn), index(int(m_files.size()) - 1, LastColumn));
}

int FileListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_files.size());
}

int FileListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FileListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_files.size())
        return {};
    const FileRecord &f = m_files.at(index.row());
    const QLocale locale;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case FileColumn: return QFileInfo(f.path).fileName();
        case FormatColumn: return f.format;
        case CompressionColumn: return f.compression;
        case SizeColumn: return locale.formattedDataSize(f.size);
        case AcceptedColumn: return locale.toString(qlonglong(f.accepted));
        case SkippedColumn: return locale.toString(qlonglong(f.skipped));
        case RejectedColumn: return locale.toString(qlonglong(f.rejected));
        case ZoneColumn: return f.zone.isEmpty() ? tr("in the log") : f.zone;
        case YearColumn: return f.year ? QString::number(f.year) : tr("in the log");
        case FirstColumn: return f.firstUs ? formatTableTime(*f.firstUs, m_zone) : QString();
        case LastColumn: return f.lastUs ? formatTableTime(*f.lastUs, m_zone) : QString();
        case Sha256Column: return f.sha256;
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == FileColumn)
        return f.path.toHtmlEscaped(); // a path from the file system: never rich text
    if (role == Qt::ToolTipRole && index.column() == Sha256Column)
        return f.sha256; // the column starts narrow and elided
    if (role == Qt::TextAlignmentRole && index.column() >= SizeColumn && index.column() <= RejectedColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::UserRole)
        return qlonglong(f.id);
    return {};
}

QVariant FileListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const labels[] = {"File",   "Format", "Compression", "Size",  "Lookups", "Skipped",
                                         "Rejected", "Zone", "Year",        "First", "Last",    "SHA-256"};
    return section >= 0 && section < ColumnCount ? tr(labels[section]) : QVariant();
}

} // namespace dnt
