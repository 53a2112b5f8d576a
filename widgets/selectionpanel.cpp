#include "selectionpanel.h"

#include "countlistmodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
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

SelectionPanel::SelectionPanel(CountListModel *names, CountListModel *clients, QWidget *parent)
    : QWidget(parent), m_names(names), m_clients(clients)
{
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search names (substring, * wildcard)"));
    m_search->setClearButtonEnabled(true);
    m_namesView = makeView(names, this);
    m_clientsView = makeView(clients, this);
    auto *clear = new QPushButton(tr("Clear selection"), this);
    clear->setToolTip(tr("Chart all lookups again"));

    auto *namesBox = new QWidget(this);
    auto *nl = new QVBoxLayout(namesBox);
    nl->setContentsMargins(0, 0, 0, 0);
    nl->addWidget(new QLabel(tr("What was asked"), namesBox));
    nl->addWidget(m_search);
    nl->addWidget(m_namesView);
    auto *clientsBox = new QWidget(this);
    auto *cl = new QVBoxLayout(clientsBox);
    cl->setContentsMargins(0, 0, 0, 0);
    cl->addWidget(new QLabel(tr("Who asked"), clientsBox));
    cl->addWidget(m_clientsView);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(namesBox);
    split->addWidget(clientsBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);
    layout->addWidget(clear);

    m_searchDebounce = new QTimer(this);
    m_searchDebounce->setSingleShot(true);
    m_searchDebounce->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, m_searchDebounce, qOverload<>(&QTimer::start));
    connect(m_searchDebounce, &QTimer::timeout, this, [this] { emit nameFilterChanged(m_search->text()); });
    connect(m_namesView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SelectionPanel::emitSelection);
    connect(m_clientsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SelectionPanel::emitSelection);
    connect(clear, &QPushButton::clicked, this, &SelectionPanel::clearSelection);

    // A new snapshot (after a search or an import) resets the model; keep what was selected.
    for (auto [model, view] : {std::pair{m_names, m_namesView}, std::pair{m_clients, m_clientsView}}) {
        auto *kept = new QStringList;
        connect(this, &QObject::destroyed, this, [kept] { delete kept; });
        connect(model, &QAbstractItemModel::modelAboutToBeReset, this,
                [kept, model, view] { *kept = selectedLabels(view, model); });
        connect(model, &QAbstractItemModel::modelReset, this, [this, kept, model, view] {
            auto *proxy = static_cast<QSortFilterProxyModel *>(view->model());
            QItemSelection sel;
            for (int r = 0; r < model->rowCount(); ++r) {
                if (kept->contains(model->labelAt(r))) {
                    const QModelIndex i = proxy->mapFromSource(model->index(r, 0));
                    sel.select(i, i.siblingAtColumn(CountListModel::CountColumn));
                }
            }
            const QSignalBlocker block(view->selectionModel());
            view->selectionModel()->select(sel, QItemSelectionModel::ClearAndSelect);
            if (selectedLabels(view, model).size() != kept->size())
                emitSelection();
        });
    }
}

Selection SelectionPanel::selection() const
{
    Selection s;
    s.names = selectedLabels(m_namesView, m_names);
    s.clients = selectedLabels(m_clientsView, m_clients);
    return s;
}

QString SelectionPanel::nameFilter() const
{
    return m_search->text();
}

void SelectionPanel::clearSelection()
{
    const QSignalBlocker b1(m_namesView->selectionModel());
    const QSignalBlocker b2(m_clientsView->selectionModel());
    m_namesView->clearSelection();
    m_clientsView->clearSelection();
    m_namesView->viewport()->update();
    m_clientsView->viewport()->update();
    emitSelection();
}

void SelectionPanel::selectNames(const QStringList &names)
{
    auto *proxy = static_cast<QSortFilterProxyModel *>(m_namesView->model());
    QItemSelection sel;
    for (int r = 0; r < m_names->rowCount(); ++r) {
        if (names.contains(m_names->labelAt(r))) {
            const QModelIndex i = proxy->mapFromSource(m_names->index(r, 0));
            sel.select(i, i.siblingAtColumn(CountListModel::CountColumn));
        }
    }
    m_namesView->selectionModel()->select(sel, QItemSelectionModel::ClearAndSelect);
}

void SelectionPanel::emitSelection()
{
    emit selectionChanged(selection());
}

} // namespace dnt
