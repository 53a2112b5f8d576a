#include "workspace.h"

#include "chartpane.h"
#include "eventeditor.h"
#include "mainwindow.h"
#include "pairview.h"
#include "readjobrunner.h"
#include "sourcespanel.h"
#include "store.h"
#include "viewspec.h"

#include <QActionGroup>
#include <QDockWidget>
#include <QInputDialog>
#include <QMenu>

namespace dnt {

Workspace::Workspace(MainWindow *window) : QObject(window), m_window(window)
{
    m_sourcesPanel = new SourcesPanel(window->runner(), window);
    auto *sourcesDock = new QDockWidget(tr("Sources"), window);
    sourcesDock->setObjectName(QStringLiteral("sourcesDock"));
    sourcesDock->setWidget(m_sourcesPanel);
    sourcesDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    window->addDockWidget(Qt::LeftDockWidgetArea, sourcesDock);
    // Tabbed with the names and clients, not stacked below them: the window must fit a laptop screen.
    if (auto *names = window->findChild<QDockWidget *>(QStringLiteral("selectionDock"))) {
        window->tabifyDockWidget(names, sourcesDock);
        names->raise();
    }

    m_pairView = new PairView(window->runner(), window);
    auto *pairDock = new QDockWidget(tr("Pairs"), window);
    pairDock->setObjectName(QStringLiteral("pairDock"));
    pairDock->setWidget(m_pairView);
    pairDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    window->addDockWidget(Qt::BottomDockWidgetArea, pairDock);
    if (auto *events = window->findChild<QDockWidget *>(QStringLiteral("eventsDock"))) {
        window->tabifyDockWidget(events, pairDock);
        events->raise();
    }

    connect(m_sourcesPanel, &SourcesPanel::selectionChanged, this, &Workspace::chartCombined);
    connect(m_sourcesPanel, &SourcesPanel::groupsChanged, m_pairView, &PairView::refresh);
    connect(m_sourcesPanel, &SourcesPanel::groupsChanged, window->chartPane(), &ChartPane::refresh);
    connect(m_pairView, &PairView::pairActivated, window->chartPane(), &ChartPane::setSelection);
    // The chart's rcode/qtype/server filters narrow the pair view and the sources' counts too.
    connect(window->chartPane(), &ChartPane::lookupFiltersChanged, this, [this] { setScope(m_scope); });
}

void Workspace::setNameSelection(const Selection &selection)
{
    m_names = selection;
    setScope(selection);
    chartCombined();
}

void Workspace::setScope(const Selection &names)
{
    // The sources and the pairs count the lookups of the names charted, narrowed by the chart's
    // rcode/qtype/server filters.
    const Selection chart = m_window->chartPane()->selection();
    const Selection scope{names.names, names.domains, {}, {}, chart.rcodes, chart.qtypes, chart.servers};
    if (scope.names == m_scope.names && scope.domains == m_scope.domains && scope.rcodes == m_scope.rcodes
        && scope.qtypes == m_scope.qtypes && scope.servers == m_scope.servers)
        return;
    m_scope = scope;
    m_sourcesPanel->setScope(m_scope);
    m_pairView->setScope(m_scope);
}

void Workspace::chartCombined()
{
    Selection s = m_names;
    const Selection sources = m_sourcesPanel->selection();
    for (const QString &c : sources.clients)
        if (!s.clients.contains(c))
            s.clients << c;
    s.groups = sources.groups;
    m_window->chartPane()->setSelection(s);
}

void Workspace::refresh()
{
    m_window->chartPane()->refreshFilterValues();
    m_sourcesPanel->refresh();
    m_pairView->refresh();
}

QStringList Workspace::viewNames() const
{
    QStringList out;
    QString error;
    if (auto store = Store::open(m_window->projectPath(), Store::Mode::ReadOnly, &error))
        for (const SavedView &v : store->views())
            out << v.name;
    return out;
}

bool Workspace::setStartView(const QString &name, QString *error)
{
    auto store = Store::open(m_window->projectPath(), Store::Mode::ReadWrite, error);
    return store && store->setStartView(name, error);
}

QString Workspace::startView() const
{
    QString error;
    auto store = Store::open(m_window->projectPath(), Store::Mode::ReadOnly, &error);
    return store ? store->startView().value_or(QString()) : QString();
}

bool Workspace::openStartView()
{
    const QString name = startView();
    if (name.isEmpty())
        return false;
    QString error;
    if (!openView(name, &error)) {
        emit failed(tr("Start view not shown"), error);
        return false;
    }
    return true;
}

void Workspace::clearSources()
{
    m_sourcesPanel->clearSelection();
}

bool Workspace::saveView(const QString &name, QString *error)
{
    ViewSpec view = m_window->chartPane()->currentView();
    for (const EventCategory &c : m_window->eventEditor()->categories())
        view.categories.insert(c.name, c.visible);
    auto store = Store::open(m_window->projectPath(), Store::Mode::ReadWrite, error);
    if (!store || !store->saveView({name, view.toJson()}, error))
        return false;
    m_window->chartPane()->refreshBaselineViews(); // the new view can be a baseline
    return true;
}

bool Workspace::openView(const QString &name, QString *error)
{
    auto store = Store::open(m_window->projectPath(), Store::Mode::ReadOnly, error);
    if (!store)
        return false;
    const auto saved = store->view(name);
    if (!saved) {
        *error = tr("There is no view “%1” in this project.").arg(name);
        return false;
    }
    QString why;
    const auto view = ViewSpec::fromJson(saved->spec, &why);
    if (!view) {
        *error = tr("View “%1” cannot be shown: %2").arg(name, why);
        return false;
    }
    // The categories the view shows, as saved (each change is one undo step of the event editor).
    EventEditor *editor = m_window->eventEditor();
    for (const EventCategory &c : editor->categories()) {
        if (view->categories.contains(c.name) && view->categories.value(c.name) != c.visible) {
            EventCategory after = c;
            after.visible = view->categories.value(c.name);
            editor->setCategory(c, after);
        }
    }
    m_window->chartPane()->applyView(*view);
    setScope(view->selection); // the pairs of the view's names: the demo's bank at 100 % of the new name
    return true;
}

void Workspace::addViewActions(QMenu *menu)
{
    menu->addSeparator();
    QAction *save = menu->addAction(tr("&Save View…"), this, [this] {
        if (m_window->projectPath().isEmpty())
            return;
        bool ok = false;
        const QString name = QInputDialog::getText(m_window, tr("Save view"), tr("Name of this chart setup:"),
                                                   QLineEdit::Normal, QString(), &ok);
        QString error;
        if (ok && !name.trimmed().isEmpty() && !saveView(name, &error))
            emit failed(tr("View not saved"), error);
    });
    save->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_S);
    save->setToolTip(tr("Save the chart's selection, range, bucket, style and zone under a name"));
    QMenu *views = menu->addMenu(tr("&Views"));
    // Which saved view opening the project shows: one of them, or none. Made once and refilled (a
    // menu's clear() would leave a submenu made by each addMenu(title) behind).
    auto *startMenu = new QMenu(tr("Set as &Start View"), views);
    startMenu->setObjectName(QStringLiteral("startViewMenu"));
    auto *choice = new QActionGroup(startMenu); // its actions go with startMenu->clear()
    connect(views, &QMenu::aboutToShow, this, [this, views, startMenu, choice] {
        views->clear();
        startMenu->clear();
        const QStringList names = viewNames();
        if (names.isEmpty()) {
            views->addAction(tr("(no saved views)"))->setEnabled(false);
            return;
        }
        const QString start = startView();
        for (const QString &name : names)
            views->addAction(name == start ? tr("%1 (start view)").arg(name) : name, this, [this, name] {
                QString error;
                if (!openView(name, &error))
                    emit failed(tr("View not shown"), error);
            });
        views->addSeparator();
        views->addMenu(startMenu);
        const auto addChoice = [&](const QString &text, const QString &name) {
            QAction *a = startMenu->addAction(text, this, [this, name] {
                QString error;
                if (!setStartView(name, &error))
                    emit failed(tr("Start view not set"), error);
            });
            a->setCheckable(true);
            a->setChecked(name == start);
            a->setActionGroup(choice);
        };
        addChoice(tr("(none: all lookups)"), QString());
        for (const QString &name : names)
            addChoice(name, name);
    });
    menu->addAction(tr("Remove View…"), this, [this] {
        const QStringList names = viewNames();
        if (names.isEmpty())
            return;
        bool ok = false;
        const QString name = QInputDialog::getItem(m_window, tr("Remove view"), tr("Remove the saved view:"), names, 0,
                                                   false, &ok);
        QString error;
        auto store = ok ? Store::open(m_window->projectPath(), Store::Mode::ReadWrite, &error) : nullptr;
        if (ok && (!store || !store->removeView(name, &error)))
            emit failed(tr("View not removed"), error);
        else if (ok)
            m_window->chartPane()->refreshBaselineViews();
    });
}

} // namespace dnt
