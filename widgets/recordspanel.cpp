#include "recordspanel.h"

#include "recordtablemodel.h"
#include "dnsmnemonics.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>

namespace dnt {

RecordsPanel::RecordsPanel(RecordTableModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    m_view = new QTableView(this);
    m_view->setTabKeyNavigation(false); // Tab leaves for the next control; arrows move between cells
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    const int digit = m_view->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    for (auto [col, chars] : {std::pair{RecordTableModel::TimeColumn, 28}, {RecordTableModel::ClientColumn, 16},
                              {RecordTableModel::ServerColumn, 16}, {RecordTableModel::NameColumn, 32},
                              {RecordTableModel::TypeColumn, 7}, {RecordTableModel::RcodeColumn, 10},
                              {RecordTableModel::FileColumn, 18}})
        m_view->setColumnWidth(col, chars * digit);
    auto *copy = new QAction(tr("Copy"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &RecordsPanel::copySelected);
    m_view->addAction(copy);

    m_count = new QLabel(this);
    m_count->setTextFormat(Qt::PlainText);
    // A long count line must not widen the window (or push Export CSV out of it): it takes the room
    // left and is cut, the whole text is in its tooltip.
    m_count->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_count->setMinimumWidth(80);
    m_order = new QComboBox(this);
    m_order->addItem(tr("Oldest first"));
    m_order->addItem(tr("Newest first"));
    m_order->setToolTip(tr("Sort the lookups by time"));
    m_clearRange = new QPushButton(tr("All times"), this);
    m_clearRange->setToolTip(tr("Drop the time range selected on the chart"));
    m_clearRange->setEnabled(false);
    auto *copyButton = new QPushButton(tr("Copy"), this);
    copyButton->setToolTip(tr("Copy the selected rows as tab-separated text (Ctrl+C)"));
    // A push button with a menu: its size counts the menu arrow, which a tool button drew over the text.
    auto *exportButton = new QPushButton(tr("Export CSV"), this);
    exportButton->setToolTip(tr("Export the selected rows, or all matching rows, as CSV"));
    auto *menu = new QMenu(exportButton);
    menu->addAction(tr("Selected rows…"), this, [this] { exportCsv({}, false); });
    menu->addAction(tr("All matching rows…"), this, [this] { exportCsv({}, true); });
    exportButton->setMenu(menu);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_count, 1);
    bar->addWidget(m_clearRange);
    bar->addWidget(m_order);
    bar->addWidget(copyButton);
    bar->addWidget(exportButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_view);

    connect(m_order, &QComboBox::currentIndexChanged, this, &RecordsPanel::refresh);
    connect(m_clearRange, &QPushButton::clicked, this, &RecordsPanel::clearTimeRange);
    connect(copyButton, &QPushButton::clicked, this, &RecordsPanel::copySelected);
    connect(model, &RecordTableModel::totalCountChanged, this, &RecordsPanel::updateLabel);
    connect(model, &RecordTableModel::failed, this, &RecordsPanel::failed);
    connect(model, &RecordTableModel::indexBuilding, this, &RecordsPanel::updateLabel);
    updateLabel();
}

void RecordsPanel::setSelection(const Selection &selection)
{
    m_selection = selection;
    m_range.reset(); // a range belongs to the chart of the previous selection
    refresh();
}

void RecordsPanel::setTimeRange(int64_t fromUs, int64_t toUs)
{
    if (toUs < fromUs)
        std::swap(fromUs, toUs);
    m_range = std::make_pair(fromUs, toUs);
    refresh();
}

void RecordsPanel::clearTimeRange()
{
    m_range.reset();
    refresh();
}

void RecordsPanel::setDisplayZone(const QTimeZone &zone)
{
    m_model->setDisplayZone(zone);
    m_view->horizontalHeader()->viewport()->update();
    updateLabel();
}

void RecordsPanel::refresh()
{
    RecordQuery q;
    q.selection = m_selection;
    if (m_range) {
        q.fromUs = m_range->first;
        q.toUs = m_range->second;
    }
    q.descending = m_order->currentIndex() == 1;
    m_clearRange->setEnabled(m_range.has_value());
    m_model->setQuery(q);
    updateLabel();
}

void RecordsPanel::updateLabel()
{
    const int64_t n = m_model->totalCount();
    QString text = n < 0 ? tr("Counting lookups…") : tr("%1 lookups").arg(QLocale().toString(qlonglong(n)));
    if (!m_selection.isEmpty())
        text += QStringLiteral(" · ") + m_selection.describe();
    if (m_range)
        text += tr(" · %1 – %2").arg(formatTableTime(m_range->first, m_model->displayZone()),
                                     formatTableTime(m_range->second, m_model->displayZone()));
    if (m_model->isBuildingIndex())
        text += tr(" · indexing the lookups by time (once per project)…");
    m_count->setText(text);
    m_count->setToolTip(text); // the label may be cut in a narrow window
}

QList<int> RecordsPanel::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        rows << i.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void RecordsPanel::copySelected()
{
    const QList<int> rows = selectedRows();
    if (!rows.isEmpty())
        QApplication::clipboard()->setText(m_model->rowsAsTsv(rows));
}

void RecordsPanel::exportCsv(const QString &given, bool all)
{
    const QList<int> rows = selectedRows();
    all = all || rows.isEmpty();
    QString path = given;
    if (path.isEmpty()) {
        if (!m_interactive)
            return;
        path = QFileDialog::getSaveFileName(this, all ? tr("Export all matching lookups") : tr("Export selected lookups"),
                                            QStringLiteral("lookups.csv"), tr("CSV files (*.csv)"));
        if (path.isEmpty())
            return;
    }
    if (all) {
        m_model->exportAllCsv(path, [this, path](int64_t n, const QString &error) {
            if (!error.isEmpty())
                emit failed(error);
            else
                emit exported(path, n);
        });
        return;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_model->rowsAsCsv(rows).toUtf8()) < 0 || !file.commit()) {
        emit failed(tr("%1: %2").arg(path, file.errorString()));
        return;
    }
    emit exported(path, rows.size());
}

} // namespace dnt
