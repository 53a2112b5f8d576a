#include "domainbrowser.h"

#include "domaintreemodel.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace dnt {

DomainBrowser::DomainBrowser(DomainTreeModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search names (substring, * wildcard)"));
    m_search->setClearButtonEnabled(true);
    m_view = new QTreeView(this);
    m_view->setTabKeyNavigation(false); // Tab leaves for the next control; arrows move between cells
    m_view->setModel(model);
    m_view->setUniformRowHeights(true); // tens of thousands of rows
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(DomainTreeModel::LookupsColumn, Qt::DescendingOrder);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(DomainTreeModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(DomainTreeModel::LookupsColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(DomainTreeModel::ClientsColumn, QHeaderView::ResizeToContents);
    m_note = new QLabel(this);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    m_note->hide();
    m_count = new QLabel(this);
    m_count->setTextFormat(Qt::PlainText);
    m_chartName = new QPushButton(tr("Chart name"), this);
    m_chartName->setToolTip(tr("Chart this name only"));
    m_chartDomain = new QPushButton(tr("Chart domain"), this);
    m_chartDomain->setToolTip(tr("Chart this domain with its subdomains"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_count, 1);
    buttons->addWidget(m_chartName);
    buttons->addWidget(m_chartDomain);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("What was asked"), this));
    layout->addWidget(m_search);
    layout->addWidget(m_note);
    layout->addWidget(m_view);
    layout->addLayout(buttons);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, [this] { m_model->setFilter(m_search->text()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateButtons();
        emit selectionChanged();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &DomainBrowser::updateButtons);
    connect(m_view, &QWidget::customContextMenuRequested, this, &DomainBrowser::showMenu);
    connect(m_chartName, &QPushButton::clicked, this, &DomainBrowser::chartCurrentName);
    connect(m_chartDomain, &QPushButton::clicked, this, &DomainBrowser::chartCurrentDomain);

    // A new snapshot (after an import) or a search resets the model: keep what was selected.
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_kept = selection(); });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        QModelIndexList rows;
        for (const QString &n : m_kept.names)
            if (const QModelIndex i = m_model->findName(n); i.isValid())
                rows << i;
        for (const QString &d : m_kept.domains)
            if (const QModelIndex i = m_model->findDomain(d); i.isValid())
                rows << i;
        {
            const QSignalBlocker block(m_view->selectionModel());
            select(rows);
        }
        for (const QModelIndex &i : rows)
            if (i.parent().isValid())
                m_view->expand(i.parent());
        const DomainTreeData &d = m_model->treeData();
        m_note->setText(d.note);
        m_note->setVisible(!d.note.isEmpty());
        m_count->setText(tr("%1 names under %2 domains")
                             .arg(QLocale().toString(m_model->nameCount()), QLocale().toString(m_model->rowCount())));
        updateButtons();
        const Selection now = selection();
        if (now.names != m_kept.names || now.domains != m_kept.domains)
            emit selectionChanged();
    });
    updateButtons();
}

Selection DomainBrowser::selection() const
{
    Selection s;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows(DomainTreeModel::NameColumn)) {
        if (m_model->kind(i) == DomainTreeModel::Kind::Domain)
            s.domains << m_model->label(i);
        else if (m_model->kind(i) == DomainTreeModel::Kind::Name)
            s.names << m_model->label(i);
    }
    // A name under a selected domain is already in it.
    s.names.erase(std::remove_if(s.names.begin(), s.names.end(),
                                 [&](const QString &n) {
                                     for (const QString &d : s.domains)
                                         if (n == d || n.endsWith(QLatin1Char('.') + d))
                                             return true;
                                     return false;
                                 }),
                  s.names.end());
    std::sort(s.names.begin(), s.names.end());
    std::sort(s.domains.begin(), s.domains.end());
    return s;
}

void DomainBrowser::clearSelection()
{
    m_view->clearSelection();
}

void DomainBrowser::select(const QModelIndexList &rows)
{
    QItemSelection sel;
    for (const QModelIndex &i : rows)
        sel.select(i, i.siblingAtColumn(DomainTreeModel::ColumnCount - 1));
    m_view->selectionModel()->select(sel, QItemSelectionModel::ClearAndSelect);
    if (!rows.isEmpty())
        m_view->selectionModel()->setCurrentIndex(rows.first(), QItemSelectionModel::NoUpdate);
}

void DomainBrowser::selectNames(const QStringList &names)
{
    QModelIndexList rows;
    for (const QString &n : names) {
        const QModelIndex i = m_model->findName(n);
        if (i.isValid()) {
            m_view->expand(i.parent());
            rows << i;
        }
    }
    select(rows);
}

void DomainBrowser::selectDomain(const QString &domain)
{
    const QModelIndex i = m_model->findDomain(domain);
    select(i.isValid() ? QModelIndexList{i} : QModelIndexList{});
}

void DomainBrowser::chartCurrentName()
{
    const QModelIndex i = m_view->currentIndex().siblingAtColumn(0);
    if (m_model->kind(i) == DomainTreeModel::Kind::Name)
        select({i});
}

void DomainBrowser::chartCurrentDomain()
{
    QModelIndex i = m_view->currentIndex().siblingAtColumn(0);
    if (m_model->kind(i) == DomainTreeModel::Kind::Name)
        i = i.parent();
    if (m_model->kind(i) == DomainTreeModel::Kind::Domain)
        select({i});
}

void DomainBrowser::updateButtons()
{
    const QModelIndex i = m_view->currentIndex().siblingAtColumn(0);
    const DomainTreeModel::Kind k = m_model->kind(i);
    m_chartName->setEnabled(k == DomainTreeModel::Kind::Name);
    m_chartDomain->setEnabled(k != DomainTreeModel::Kind::None);
}

void DomainBrowser::showMenu(const QPoint &pos)
{
    const QModelIndex i = m_view->indexAt(pos).siblingAtColumn(0);
    if (!i.isValid())
        return;
    m_view->selectionModel()->setCurrentIndex(i, QItemSelectionModel::NoUpdate);
    QMenu menu(this);
    const QString label = m_model->label(i);
    const QString domain = m_model->kind(i) == DomainTreeModel::Kind::Name ? m_model->label(i.parent()) : label;
    if (m_model->kind(i) == DomainTreeModel::Kind::Name)
        menu.addAction(tr("Chart this name"), this, &DomainBrowser::chartCurrentName);
    menu.addAction(tr("Chart %1 with its subdomains").arg(QString(domain).replace(QLatin1Char('&'), QLatin1String("&&"))), this, &DomainBrowser::chartCurrentDomain);
    menu.addSeparator();
    menu.addAction(tr("Copy"), this, [label] { QApplication::clipboard()->setText(label); });
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace dnt
