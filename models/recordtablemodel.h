#pragma once

#include "store.h"

#include <QAbstractTableModel>
#include <QThreadPool>
#include <QTimeZone>

#include <atomic>
#include <memory>

#include <functional>

namespace dnt {

class ReadJobRunner;

// The records table: every lookup of a query (selection, time range, order), read page by page on the
// reader thread by key range (Store::recordPage) as the view scrolls (fetchMore). Pages arrive as values;
// one that belongs to an older query (generation) is dropped. The exact row count comes from the
// roll-ups in a job of its own. A project without the time index gets it built first, on a thread of
// its own (the chart and the other reader jobs never queue behind it; about 0.5 s of CPU per million
// lookups), with indexBuilding() around it; it gives way to an import. GUI thread only.
class RecordTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, ClientColumn, SourceColumn, ServerColumn, NameColumn, TypeColumn, RcodeColumn, FileColumn,
                  LineColumn, ProcessColumn, ColumnCount };
    static constexpr int kPageSize = 500;

    explicit RecordTableModel(ReadJobRunner *runner, QObject *parent = nullptr);
    ~RecordTableModel() override;

    // Starts over with this query: the rows go, the first page and the count are requested.
    void setQuery(const RecordQuery &query);
    const RecordQuery &query() const { return m_query; }
    void setDisplayZone(const QTimeZone &zone);
    QTimeZone displayZone() const { return m_zone; }
    // Empties the table (no project).
    void clear();

    // Exact number of rows the query lists; -1 until counted.
    int64_t totalCount() const { return m_total; }
    bool isLoading() const { return m_pending; }
    bool isBuildingIndex() const { return m_buildingIndex; }
    bool atEnd() const { return m_atEnd; }
    const RecordRow &recordAt(int row) const { return m_rows.at(row); }

    // The given rows as tab-separated text with a header line (for the clipboard).
    QString rowsAsTsv(const QList<int> &rows) const;
    // The given rows as CSV (formula-injection safe), header first.
    QString rowsAsCsv(const QList<int> &rows) const;
    // Writes every row of the current query to a CSV file on the reader thread, page by page; `done`
    // gets the number of rows written, or an error.
    void exportAllCsv(const QString &path, std::function<void(int64_t rows, const QString &error)> done);
    static QStringList headerLabels();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void totalCountChanged(qint64 count);
    void pageLoaded(int rowsAdded);
    void failed(const QString &message);
    void indexBuilding(bool building);

private:
    void requestPage();
    void buildIndex();
    // One row's cells as text, in column order: the one list behind copy, CSV and the full export.
    static QStringList fields(const RecordRow &r, const QTimeZone &zone);

    ReadJobRunner *m_runner;
    RecordQuery m_query;
    QTimeZone m_zone = QTimeZone::utc();
    QVector<RecordRow> m_rows;
    quint64 m_generation = 0;
    bool m_pending = false;
    bool m_wantMore = false;
    bool m_atEnd = true;
    bool m_active = false;
    int64_t m_total = -1;
    bool m_buildingIndex = false;
    QThreadPool m_indexPool;
    std::shared_ptr<std::atomic<bool>> m_cancelIndex = std::make_shared<std::atomic<bool>>(false);
};

} // namespace dnt
