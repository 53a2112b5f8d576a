#include "sourcespanel.h"

#include "groupdialog.h"
#include "labelsfile.h"
#include "readjobrunner.h"
#include "sourcelistmodels.h"

#include <QColorDialog>
#include <QFileDialog>
#include <QGridLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace dnt {

namespace {

const int kClientListSize = 2000;

struct SourcesSnapshot
{
    QVector<ClientLabelModel::Row> clients;
    QVector<SourceGroup> groups;
};

QTableView *makeTable(QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setTabKeyNavigation(false); // Tab leaves for the next control; arrows move between cells
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideMiddle);
    return view;
}

// Selects the rows whose column-0 text is in keep, without signals; true if that changed the selection.
bool reselect(QTableView *view, const QStringList &keep)
{
    QItemSelection sel;
    QAbstractItemModel *m = view->model();
    for (int r = 0; r < m->rowCount(); ++r)
        if (keep.contains(m->index(r, 0).data().toString()))
            sel.select(m->index(r, 0), m->index(r, m->columnCount() - 1));
    const QSignalBlocker block(view->selectionModel());
    view->selectionModel()->select(sel, QItemSelectionModel::ClearAndSelect);
    view->viewport()->update();
    return view->selectionModel()->selectedRows().size() != keep.size();
}

QStringList selectedTexts(const QTableView *view)
{
    QStringList out;
    for (const QModelIndex &i : view->selectionModel()->selectedRows(0))
        out << i.data().toString();
    return out;
}

} // namespace

SourcesPanel::SourcesPanel(ReadJobRunner *runner, QWidget *parent) : QWidget(parent), m_runner(runner)
{
    m_clients = new ClientLabelModel(this);
    m_groups = new GroupListModel(this);
    m_clientsProxy = new QSortFilterProxyModel(this); // a snapshot of at most a few thousand rows
    m_clientsProxy->setSourceModel(m_clients);
    m_clientsProxy->setSortRole(ClientLabelModel::SortRole);
    m_clientsView = makeTable(this);
    m_clientsView->setModel(m_clientsProxy);
    m_clientsView->setSortingEnabled(true);
    m_clientsView->sortByColumn(ClientLabelModel::CountColumn, Qt::DescendingOrder);
    m_clientsView->horizontalHeader()->setSectionResizeMode(ClientLabelModel::LabelColumn, QHeaderView::Stretch);
    m_groupsView = makeTable(this);
    m_groupsView->setModel(m_groups);
    m_groupsView->horizontalHeader()->setSectionResizeMode(GroupListModel::NameColumn, QHeaderView::Stretch);

    auto *add = new QPushButton(tr("New group…"), this);
    add->setToolTip(tr("Create a source group from the selected clients, or type its addresses and ranges"));
    m_edit = new QPushButton(tr("Edit…"), this);
    m_edit->setToolTip(tr("Rename the selected group or change its members"));
    m_color = new QPushButton(tr("Colour…"), this);
    m_color->setToolTip(tr("Choose the colour of the selected group's series"));
    m_delete = new QPushButton(tr("Delete"), this);
    m_delete->setToolTip(tr("Delete the selected group (its clients stay in the project)"));
    auto *labels = new QPushButton(tr("Load labels…"), this);
    labels->setToolTip(tr("Read a hosts-style file of \"ADDRESS LABEL\" lines"));
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);

    auto *groupsBox = new QWidget(this);
    auto *gl = new QVBoxLayout(groupsBox);
    gl->setContentsMargins(0, 0, 0, 0);
    gl->addWidget(new QLabel(tr("Source groups"), groupsBox));
    gl->addWidget(m_groupsView);
    auto *buttons = new QGridLayout;
    buttons->addWidget(add, 0, 0);
    buttons->addWidget(m_edit, 0, 1);
    buttons->addWidget(m_color, 0, 2);
    buttons->addWidget(m_delete, 1, 0);
    buttons->addWidget(labels, 1, 1, 1, 2);
    gl->addLayout(buttons);
    auto *clientsBox = new QWidget(this);
    auto *cl = new QVBoxLayout(clientsBox);
    cl->setContentsMargins(0, 0, 0, 0);
    cl->addWidget(new QLabel(tr("Clients"), clientsBox));
    cl->addWidget(m_clientsView);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(groupsBox);
    split->addWidget(clientsBox);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);

    connect(add, &QPushButton::clicked, this, &SourcesPanel::newGroup);
    connect(m_edit, &QPushButton::clicked, this, &SourcesPanel::editGroup);
    connect(m_color, &QPushButton::clicked, this, &SourcesPanel::recolorGroup);
    connect(m_delete, &QPushButton::clicked, this, &SourcesPanel::deleteGroup);
    connect(labels, &QPushButton::clicked, this, &SourcesPanel::loadLabelsDialog);
    connect(m_groupsView, &QTableView::doubleClicked, this, &SourcesPanel::editGroup);
    for (QTableView *v : {m_clientsView, m_groupsView})
        connect(v->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
            updateButtons();
            emit selectionChanged(selection());
        });
    updateButtons();
}

Selection SourcesPanel::selection() const
{
    Selection s;
    s.clients = selectedClients();
    s.groups = selectedTexts(m_groupsView);
    return s;
}

QStringList SourcesPanel::selectedClients() const
{
    return selectedTexts(m_clientsView);
}

QString SourcesPanel::selectedGroup() const
{
    return selectedTexts(m_groupsView).value(0);
}

void SourcesPanel::selectGroups(const QStringList &names)
{
    reselect(m_groupsView, names);
    updateButtons();
    emit selectionChanged(selection());
}

void SourcesPanel::selectClients(const QStringList &addresses)
{
    reselect(m_clientsView, addresses);
    emit selectionChanged(selection());
}

void SourcesPanel::clearSelection()
{
    reselect(m_groupsView, {});
    reselect(m_clientsView, {});
    updateButtons();
    emit selectionChanged(selection());
}

void SourcesPanel::updateButtons()
{
    const bool one = m_groupsView->selectionModel()->selectedRows().size() == 1;
    m_edit->setEnabled(one);
    m_color->setEnabled(one);
    m_delete->setEnabled(one);
}

void SourcesPanel::setScope(const Selection &scope)
{
    // The names and the chart's lookup filters narrow the counts; its clients would hide the others.
    m_scope = Selection{scope.names, scope.domains, {}, {}, scope.rcodes, scope.qtypes, scope.servers};
    refresh();
}

void SourcesPanel::refresh()
{
    if (m_runner->projectPath().isEmpty()) {
        // No project (closed): nothing to list.
        m_clients->setRows({});
        m_groups->setGroups({});
        updateButtons();
        return;
    }
    const Selection scope = m_scope;
    m_runner->run<SourcesSnapshot>(
        QStringLiteral("sources"),
        [scope](Store &store) {
            SourcesSnapshot s;
            const QHash<QString, QString> labels = store.labels();
            for (const ClientCount &c : store.topClients(kClientListSize, scope))
                s.clients.append({c.address, labels.value(c.address), c.count});
            s.groups = store.groups();
            return s;
        },
        [this](const SourcesSnapshot &s) {
            const QStringList keepClients = selectedClients(), keepGroups = selectedTexts(m_groupsView);
            m_clients->setRows(s.clients);
            m_groups->setGroups(s.groups);
            const bool changed = reselect(m_clientsView, keepClients) | reselect(m_groupsView, keepGroups);
            updateButtons();
            if (changed)
                emit selectionChanged(selection());
            emit refreshed();
        },
        [this](const QString &error) { m_status->setText(error); });
}

bool SourcesPanel::saveGroup(const SourceGroup &group, QString *error, const QString &previousName)
{
    auto store = Store::open(m_runner->projectPath(), Store::Mode::ReadWrite, error);
    if (!store || !store->saveGroup(group, error, previousName))
        return false;
    m_status->setText(tr("Group “%1” saved").arg(group.name.trimmed()));
    refresh();
    emit groupsChanged();
    return true;
}

bool SourcesPanel::removeGroup(const QString &name, QString *error)
{
    auto store = Store::open(m_runner->projectPath(), Store::Mode::ReadWrite, error);
    if (!store || !store->removeGroup(name, error))
        return false;
    m_status->setText(tr("Group “%1” deleted").arg(name));
    refresh();
    emit groupsChanged();
    return true;
}

bool SourcesPanel::loadLabels(const QString &file, QString *error)
{
    const LabelsFileResult parsed = readLabelsFile(file);
    if (!parsed.ok()) {
        QStringList lines = parsed.messages(file);
        if (parsed.error.isEmpty())
            lines << tr("%1 bad lines: no labels stored").arg(parsed.problems.size());
        *error = lines.join(QLatin1Char('\n'));
        return false;
    }
    auto store = Store::open(m_runner->projectPath(), Store::Mode::ReadWrite, error);
    if (!store || !store->setLabels(parsed.labels, error))
        return false;
    m_status->setText(tr("%1 labels loaded from %2").arg(parsed.labels.size()).arg(file));
    refresh();
    return true;
}

void SourcesPanel::report(const QString &title, const QString &text)
{
    m_status->setText(text);
    if (!m_interactive)
        return;
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText); // group names, addresses and file content
    box.exec();
}

void SourcesPanel::newGroup()
{
    if (m_runner->projectPath().isEmpty())
        return;
    SourceGroup g;
    g.members = selectedClients();
    static const char *const palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
    g.color = QLatin1String(palette[m_groups->rowCount() % std::size(palette)]);
    GroupDialog dialog(g, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!saveGroup(dialog.group(), &error))
        report(tr("Group not saved"), error);
}

void SourcesPanel::editGroup()
{
    const QString name = selectedGroup();
    const auto &groups = m_groups->groups();
    const auto it = std::find_if(groups.cbegin(), groups.cend(), [&](const SourceGroup &g) { return g.name == name; });
    if (it == groups.cend())
        return;
    GroupDialog dialog(*it, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!saveGroup(dialog.group(), &error, name))
        report(tr("Group not saved"), error);
}

void SourcesPanel::recolorGroup()
{
    const QString name = selectedGroup();
    const auto &groups = m_groups->groups();
    const auto it = std::find_if(groups.cbegin(), groups.cend(), [&](const SourceGroup &g) { return g.name == name; });
    if (it == groups.cend())
        return;
    const QColor c = QColorDialog::getColor(QColor(it->color), this, tr("Colour of %1").arg(name));
    if (!c.isValid())
        return;
    SourceGroup g = *it;
    g.color = c.name();
    QString error;
    if (!saveGroup(g, &error))
        report(tr("Group not saved"), error);
}

void SourcesPanel::deleteGroup()
{
    const QString name = selectedGroup();
    if (name.isEmpty())
        return;
    if (m_interactive) {
        QMessageBox box(QMessageBox::Question, tr("Delete group"),
                        tr("Delete the source group “%1”? Its clients and their lookups stay in the project.").arg(name),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
        box.setTextFormat(Qt::PlainText);
        if (box.exec() != QMessageBox::Yes)
            return;
    }
    QString error;
    if (!removeGroup(name, &error))
        report(tr("Group not deleted"), error);
}

void SourcesPanel::loadLabelsDialog()
{
    if (m_runner->projectPath().isEmpty())
        return;
    const QString file = QFileDialog::getOpenFileName(this, tr("Load address labels"), QString(),
                                                      tr("Labels files (*.txt *.hosts hosts);;All files (*)"));
    if (file.isEmpty())
        return;
    QString error;
    if (!loadLabels(file, &error))
        report(tr("Labels not loaded"), error);
}

} // namespace dnt
