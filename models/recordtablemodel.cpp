#include "recordtablemodel.h"

#include "csv.h"
#include "dnsmnemonics.h"
#include "readjobrunner.h"
#include "timeutil.h"

#include <QFile>
#include <QSaveFile>

namespace dnt {

namespace {

// A page for the view: without the time index, it says so (the model builds the index on its own
// thread, then asks again).
RecordPage viewPage(Store &s, const RecordQuery &q, std::optional<RecordKey> after, int limit)
{
    if (!s.hasRecordIndex()) {
        RecordPage p;
        p.needsIndex = true;
        return p;
    }
    return s.recordPage(q, after, limit);
}

// A page for an export: builds the time index first if it is missing (a read-write connection of its own).
RecordPage readPage(Store &s, const RecordQuery &q, std::optional<RecordKey> after, int limit)
{
    if (!s.hasRecordIndex()) {
        QString error;
        auto rw = Store::open(s.path(), Store::Mode::ReadWrite, &error);
        if (!rw || !rw->ensureRecordIndex(&error)) {
            RecordPage p;
            p.error = error;
            return p;
        }
    }
    return s.recordPage(q, after, limit);
}

std::optional<RecordKey> keyOf(const QVector<RecordRow> &rows)
{
    if (rows.isEmpty())
        return std::nullopt;
    const RecordRow &r = rows.last();
    return RecordKey{r.timeUs, r.nameId, r.clientId, r.rowid};
}

} // namespace

RecordTableModel::RecordTableModel(ReadJobRunner *runner, QObject *parent) : QAbstractTableModel(parent), m_runner(runner)
{
    // One thread of normal priority: an idle-priority one (SCHED_IDLE) stalled the GUI thread for 700 ms
    // at a time when both cores were busy importing, by holding a lock the GUI thread then waited for.
    m_indexPool.setMaxThreadCount(1);
}

RecordTableModel::~RecordTableModel()
{
    // A build in progress stops within SQLite's next 10,000 VM steps and rolls back.
    m_cancelIndex->store(true);
    m_indexPool.waitForDone();
}

void RecordTableModel::buildIndex()
{
    if (m_buildingIndex)
        return;
    m_buildingIndex = true;
    emit indexBuilding(true);
    const std::shared_ptr<std::atomic<bool>> cancel = m_cancelIndex;
    struct Outcome
    {
        QString error;
        bool interrupted = false;
    };
    auto finish = [this](const Outcome &out) {
        m_buildingIndex = false;
        emit indexBuilding(false);
        m_pending = false;
        if (out.interrupted)
            return; // an import or an edit took the write lock: the next query (after it) builds again
        if (!out.error.isEmpty()) {
            m_atEnd = true;
            emit failed(out.error);
            return;
        }
        requestPage(); // the newest query's first page, now that the index is there
    };
    m_runner->run<Outcome>(
        QStringLiteral("records-index-%1").arg(quintptr(this)),
        [cancel](Store &s) {
            Outcome out;
            auto rw = Store::open(s.path(), Store::Mode::ReadWrite, &out.error);
            if (rw)
                rw->ensureRecordIndex(&out.error, cancel.get(), &out.interrupted);
            return out;
        },
        finish, [finish](const QString &error) { finish(Outcome{error, false}); }, &m_indexPool);
}

QStringList RecordTableModel::headerLabels()
{
    return {tr("Time"), tr("Client"), tr("Source"), tr("Server"), tr("Name"), tr("Type"), tr("Rcode"), tr("File"), tr("Line"), tr("Process")};
}

void RecordTableModel::clear()
{
    beginResetModel();
    ++m_generation;
    m_rows.clear();
    m_pending = false;
    m_atEnd = true;
    m_active = false;
    m_total = -1;
    endResetModel();
    emit totalCountChanged(-1);
}

void RecordTableModel::setQuery(const RecordQuery &query)
{
    beginResetModel();
    ++m_generation;
    m_query = query;
    m_rows.clear();
    m_pending = false;
    m_wantMore = false;
    m_atEnd = false;
    m_active = true;
    m_total = -1;
    endResetModel();
    emit totalCountChanged(-1);
    requestPage();
    const quint64 generation = m_generation;
    m_runner->run<int64_t>(
        QStringLiteral("records-count-%1").arg(quintptr(this)), [query](Store &s) { return s.recordCount(query); },
        [this, generation](const int64_t &n) {
            if (generation != m_generation)
                return;
            m_total = n;
            emit totalCountChanged(n);
        },
        [this](const QString &e) { emit failed(e); });
}

void RecordTableModel::setDisplayZone(const QTimeZone &zone)
{
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, TimeColumn), index(int(m_rows.size()) - 1, TimeColumn), {Qt::DisplayRole});
}

void RecordTableModel::requestPage()
{
    if (m_pending) {
        m_wantMore = !m_atEnd; // asked while a page is on its way: fetch the next one after it
        return;
    }
    if (m_atEnd || !m_active)
        return;
    m_wantMore = false;
    m_pending = true;
    const quint64 generation = m_generation;
    const RecordQuery q = m_query;
    const std::optional<RecordKey> after = keyOf(m_rows);
    m_runner->run<RecordPage>(
        QStringLiteral("records-page-%1").arg(quintptr(this)),
        [q, after](Store &s) { return viewPage(s, q, after, kPageSize); },
        [this, generation](const RecordPage &page) {
            if (page.needsIndex) {
                buildIndex(); // stays pending: the page is asked for again when the index is there
                return;
            }
            if (generation != m_generation)
                return; // a page of an older query
            if (!page.error.isEmpty()) {
                m_pending = false;
                m_atEnd = true;
                emit failed(page.error);
                return;
            }
            // Still pending while the rows go in: a view (or the model tester) may ask for more from
            // inside the insert signals, before the new rows are there to give the next key.
            if (!page.rows.isEmpty()) {
                beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.rows.size()) - 1);
                m_rows += page.rows;
                m_atEnd = page.atEnd;
                endInsertRows();
            }
            m_atEnd = page.atEnd;
            m_pending = false;
            emit pageLoaded(int(page.rows.size()));
            if (!m_atEnd && m_wantMore) {
                m_wantMore = false;
                requestPage();
            }
        },
        [this, generation](const QString &e) {
            if (generation != m_generation)
                return;
            m_pending = false;
            m_atEnd = true;
            emit failed(e);
        });
}

int RecordTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RecordTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool RecordTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_active && !m_atEnd;
}

void RecordTableModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        requestPage();
}

QStringList RecordTableModel::fields(const RecordRow &r, const QTimeZone &zone)
{
    return {formatTableTime(r.timeUs, zone), r.client, r.source, r.server, r.name, qtypeMnemonic(r.qtype),
            rcodeMnemonic(r.rcode), r.file, QString::number(r.line), r.process};
}

QVariant RecordTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const RecordRow &r = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TimeColumn: return formatTableTime(r.timeUs, m_zone);
        case ClientColumn: return r.client;
        case SourceColumn: return r.source;
        case ServerColumn: return r.server;
        case NameColumn: return r.name;
        case TypeColumn: return qtypeMnemonic(r.qtype);
        case RcodeColumn: return rcodeMnemonic(r.rcode);
        case FileColumn: return r.file;
        case LineColumn: return QVariant::fromValue(qlonglong(r.line));
        case ProcessColumn: return r.process;
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == LineColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == TypeColumn && r.qtype)
        return tr("type %1").arg(r.qtype);
    return {};
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return {};
    if (section == TimeColumn)
        return tr("Time (%1)").arg(zoneName(m_zone));
    return headerLabels().at(section);
}

QString RecordTableModel::rowsAsTsv(const QList<int> &rows) const
{
    QString out = headerLabels().join(QLatin1Char('\t')) + QLatin1Char('\n');
    for (int row : rows) {
        if (row < 0 || row >= m_rows.size())
            continue;
        QStringList f = fields(m_rows.at(row), m_zone);
        for (QString &s : f)
            s.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
        out += f.join(QLatin1Char('\t')) + QLatin1Char('\n');
    }
    return out;
}

QString RecordTableModel::rowsAsCsv(const QList<int> &rows) const
{
    QString out = csvLine(headerLabels());
    for (int row : rows)
        if (row >= 0 && row < m_rows.size())
            out += csvLine(fields(m_rows.at(row), m_zone));
    return out;
}

void RecordTableModel::exportAllCsv(const QString &path, std::function<void(int64_t, const QString &)> done)
{
    const RecordQuery q = m_query;
    const QTimeZone zone = m_zone;
    struct Result
    {
        int64_t rows = 0;
        QString error;
    };
    m_runner->run<Result>(
        QStringLiteral("records-export-%1").arg(quintptr(this)),
        [q, zone, path](Store &s) {
            Result res;
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly)) {
                res.error = QStringLiteral("%1: %2").arg(path, file.errorString());
                return res;
            }
            file.write(csvLine(headerLabels()).toUtf8());
            std::optional<RecordKey> after;
            for (;;) {
                const RecordPage page = readPage(s, q, after, 5000);
                if (!page.error.isEmpty()) {
                    res.error = page.error;
                    return res;
                }
                for (const RecordRow &r : page.rows)
                    file.write(csvLine(fields(r, zone)).toUtf8());
                res.rows += page.rows.size();
                after = keyOf(page.rows);
                if (page.atEnd || page.rows.isEmpty())
                    break;
            }
            if (!file.commit())
                res.error = QStringLiteral("%1: %2").arg(path, file.errorString());
            return res;
        },
        [done](const Result &r) { done(r.rows, r.error); }, [done](const QString &e) { done(0, e); });
}

} // namespace dnt
