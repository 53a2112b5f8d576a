#include "selectionpanel.h"

#include "countlistmodel.h"
#include "domainbrowser.h"
#include "domaintreemodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace dnt {

namespace {

QTableView *makeView(CountListModel *model, QWidget *parent)
{
    // The snapshot is a few thousand rows at most, so a sort proxy over it is cheap.
    auto *proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(CountListModel::SortRole);
    auto *view = new QTableView(parent);
    view->setTabKeyNavigation(false); // Tab leaves for the next control; arrows move between cells
    view->setModel(proxy);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setSortingEnabled(true);
    view->sortByColumn(CountListModel::CountColumn, Qt::DescendingOrder);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setSectionResizeMode(CountListModel::LabelColumn, QHeaderView::Stretch);
    view->horizontalHeader()->setSectionResizeMode(CountListModel::CountColumn, QHeaderView::ResizeToContents);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideMiddle);
    return view;
}

QStringList selectedLabels(QTableView *view, CountListModel *model)
{
    QStringList out;
    auto *proxy = static_cast<QSortFilterProxyModel *>(view->model());
    for (const QModelIndex &i : view->selectionModel()->selectedRows(CountListModel::LabelColumn))
        out << model->labelAt(proxy->mapToSource(i).row());
    return out;
}

} // namespace

SelectionPanel::SelectionPanel(DomainTreeModel *domains, CountListModel *clients, QWidget *parent)
    : QWidget(parent), m_clients(clients)
{
    m_browser = new DomainBrowser(domains, this);
    m_clientsView = makeView(clients, this);
    auto *clear = new QPushButton(tr("Clear selection"), this);
    clear->setToolTip(tr("Chart all lookups again"));

    auto *clientsBox = new QWidget(this);
    auto *cl = new QVBoxLayout(clientsBox);
    cl->setContentsMargins(0, 0, 0, 0);
    cl->addWidget(new QLabel(tr("Who asked"), clientsBox));
    cl->addWidget(m_clientsView);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_browser);
    split->addWidget(clientsBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);
    layout->addWidget(clear);

    connect(m_browser, &DomainBrowser::selectionChanged, this, &SelectionPanel::emitSelection);
    connect(m_clientsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SelectionPanel::emitSelection);
    connect(clear, &QPushButton::clicked, this, &SelectionPanel::clearSelection);

    // A new snapshot (after an import) resets the model; keep what was selected.
    auto *kept = new QStringList;
    connect(this, &QObject::destroyed, this, [kept] { delete kept; });
    connect(clients, &QAbstractItemModel::modelAboutToBeReset, this,
            [this, kept] { *kept = selectedLabels(m_clientsView, m_clients); });
    connect(clients, &QAbstractItemModel::modelReset, this, [this, kept] {
        auto *proxy = static_cast<QSortFilterProxyModel *>(m_clientsView->model());
        QItemSelection sel;
        for (int r = 0; r < m_clients->rowCount(); ++r) {
            if (kept->contains(m_clients->labelAt(r))) {
                const QModelIndex i = proxy->mapFromSource(m_clients->index(r, 0));
                sel.select(i, i.siblingAtColumn(CountListModel::CountColumn));
            }
        }
        const QSignalBlocker block(m_clientsView->selectionModel());
        m_clientsView->selectionModel()->select(sel, QItemSelectionModel::ClearAndSelect);
        if (selectedLabels(m_clientsView, m_clients).size() != kept->size())
            emitSelection();
    });
}

Selection SelectionPanel::selection() const
{
    Selection s = m_browser->selection();
    s.clients = selectedLabels(m_clientsView, m_clients);
    return s;
}

void SelectionPanel::clearSelection()
{
    const QSignalBlocker b1(m_browser);
    const QSignalBlocker b2(m_clientsView->selectionModel());
    m_browser->clearSelection();
    m_clientsView->clearSelection();
    m_clientsView->viewport()->update();
    emitSelection();
}

void SelectionPanel::selectNames(const QStringList &names)
{
    m_browser->selectNames(names);
}

void SelectionPanel::emitSelection()
{
    emit selectionChanged(selection());
}

} // namespace dnt
