#include "mainwindow.h"

#include "backgroundwait.h"

#include "aboutdialog.h"
#include "appsettings.h"
#include "chartexporter.h"
#include "chartpane.h"
#include "countlistmodel.h"
#include "domaintreemodel.h"
#include "eventeditor.h"
#include "eventfile.h"
#include "bucket.h"
#include "eventinfo.h"
#include "eventspanel.h"
#include "eventtablemodel.h"
#include "exportdialog.h"
#include "importcontroller.h"
#include "importoptionsdialog.h"
#include "importui.h"
#include "readjobrunner.h"
#include "recentprojects.h"
#include "settingsdialog.h"
#include "domainbrowser.h"
#include "userguidewindow.h"
#include "selectionpanel.h"
#include "rasterview.h"
#include "timelinechart.h"
#include "timeutil.h"
#include "workspace.h"
#include "workspacedocks.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QLocale>
#include <QInputDialog>
#include <QMenu>
#include <QSettings>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

#include <algorithm>

namespace dnt {

namespace {
const int kClientListSize = 2000;
const QString kProjectSuffix = QStringLiteral(".dnstimeline");
QString kNoProjectMessage()
{
    return MainWindow::tr("Open a project or import a DNS log (File menu, or drop files here)");
}

// The documented key first (README and user guide name it, and it works on every desktop), then what
// the platform binds to the same standard key, without repeats: a sequence registered twice for one
// action is an "ambiguous shortcut overload" in Qt, and then neither fires.
QList<QKeySequence> keysFor(const QKeySequence &documented, QKeySequence::StandardKey platform)
{
    QList<QKeySequence> keys{documented};
    for (const QKeySequence &k : QKeySequence::keyBindings(platform))
        if (!keys.contains(k))
            keys << k;
    return keys;
}
} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    m_runner = new ReadJobRunner(this);
    m_domainModel = new DomainTreeModel(this);
    m_clientsModel = new CountListModel(tr("Client"), this);
    m_importController = new ImportController(this);
    m_importUi = new ImportUi(m_importController, this);

    m_chartPane = new ChartPane(m_runner, this);
    setCentralWidget(m_chartPane);
    m_selectionPanel = new SelectionPanel(m_domainModel, m_clientsModel, this);
    auto *dock = new QDockWidget(tr("Names and clients"), this);
    dock->setObjectName(QStringLiteral("selectionDock"));
    dock->setWidget(m_selectionPanel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    m_eventEditor = new EventEditor(this);
    m_eventModel = new EventTableModel(this);
    m_eventsPanel = new EventsPanel(m_eventEditor, m_eventModel, this);
    auto *eventsDock = new QDockWidget(tr("Events"), this);
    eventsDock->setObjectName(QStringLiteral("eventsDock"));
    eventsDock->setWidget(m_eventsPanel);
    eventsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::BottomDockWidgetArea, eventsDock);

    m_docks = new WorkspaceDocks(this, m_runner, m_chartPane, m_selectionPanel, m_eventEditor->undoStack());
    connect(m_docks, &WorkspaceDocks::projectChanged, this, &MainWindow::refreshAll);
    connect(m_docks, &WorkspaceDocks::failed, this, &MainWindow::showError);

    connect(m_eventEditor, &EventEditor::eventsChanged, m_eventModel, &EventTableModel::setEvents);
    connect(m_eventEditor, &EventEditor::eventsChanged, m_chartPane, &ChartPane::setEvents);
    connect(m_eventEditor, &EventEditor::categoriesChanged, m_chartPane->chart(), &TimelineChart::setCategories);
    connect(m_eventEditor, &EventEditor::failed, this,
            [this](const QString &message) { showError(tr("Events not saved"), message); });
    connect(m_eventsPanel, &EventsPanel::eventSelected, this,
            [this](const Event &e) { m_chartPane->chart()->highlightEvent(e.id); });
    connect(m_chartPane->chart(), &TimelineChart::eventClicked, this, [this](const Event &e) {
        m_eventsPanel->selectEvent(e.id);
        if (m_interactive)
            showEventInfo(e);
    });
    connect(m_chartPane->chart(), &TimelineChart::timeDoubleClicked, this, [this](int64_t us) {
        if (!m_projectPath.isEmpty())
            m_eventsPanel->addEventAt(us);
    });
    connect(m_chartPane->chart(), &TimelineChart::spanDrawn, this, [this](int64_t from, int64_t to) {
        if (!m_projectPath.isEmpty())
            m_eventsPanel->addEventAt(from, to);
    });
    connect(m_chartPane->chart(), &TimelineChart::eventDragged, this, [this](const Event &before, const Event &after) {
        const bool moved = before.startUs != after.startUs && before.endUs.has_value() == after.endUs.has_value()
                           && (!before.endUs || *after.endUs - after.startUs == *before.endUs - before.startUs);
        m_eventEditor->editEvent(before, after, moved ? tr("Move event “%1”").arg(after.title)
                                                      : tr("Resize event “%1”").arg(after.title));
    });
    connect(m_chartPane->chart(), &TimelineChart::eventContextMenuRequested, this, [this](const Event &e, QPoint at) {
        QMenu menu(this);
        menu.addAction(tr("Show details"), this, [this, e] { showEventInfo(e); });
        menu.addAction(tr("Edit…"), this, [this, e] {
            m_eventsPanel->selectEvent(e.id);
            m_eventsPanel->editSelected();
        });
        menu.addAction(tr("Delete"), this, [this, e] { m_eventEditor->removeEvents({e.id}); });
        menu.exec(at);
    });

    m_totals = new QLabel(this);
    m_totals->setObjectName(QStringLiteral("totals"));
    m_totals->setTextFormat(Qt::PlainText);
    statusBar()->addPermanentWidget(m_importUi->statusWidget());
    statusBar()->addPermanentWidget(m_totals);

    m_workspace = new Workspace(this);
    connect(m_workspace, &Workspace::failed, this, &MainWindow::showError);
    connect(m_selectionPanel, &SelectionPanel::selectionChanged, m_workspace, &Workspace::setNameSelection);
    connect(m_selectionPanel, &SelectionPanel::selectionChanged, this, [this] { refreshClients(); });
    connect(m_chartPane, &ChartPane::allLookupsRequested, this, [this] {
        m_workspace->clearSources();
        m_selectionPanel->clearSelection();
    });
    connect(m_importUi, &ImportUi::reportReady, this, [this](const ImportReport &report) {
        // The chart is queried first and the report does not block the window: the new data can be
        // looked at while the report is still being read.
        refreshAll();
        if (m_interactive)
            ImportUi::showReport(this, report, false);
        statusBar()->showMessage(tr("Imported %1 lookups").arg(QLocale().toString(qlonglong(report.accepted()))), 8000);
        if (!m_pendingImport.isEmpty()) {
            const auto next = m_pendingImport.takeFirst();
            importFiles(next.first, next.second);
        }
    });

    createActions();
    setAcceptDrops(true);
    const AppSettings settings = AppSettings::load();
    applyAppTheme(settings.theme);
    m_chartPane->setBucket(settings.defaultBucket);
    if (!isUtc(settings.displayZone)) {
        m_chartPane->setDisplayZone(settings.displayZone);
        m_eventModel->setDisplayZone(settings.displayZone);
        m_docks->setDisplayZone(settings.displayZone);
    }
    setWindowTitle(tr("DNS Timeline"));
    fitToScreen();
    // The window's size and the panels' places as the user left them.
    QSettings state;
    restoreGeometry(state.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(state.value(QStringLiteral("window/state")).toByteArray());
    m_chartPane->chart()->setEmptyMessage(kNoProjectMessage());
}

MainWindow::~MainWindow()
{
    m_importController->cancel();
    m_importController->waitForFinished();
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAct = file->addAction(tr("&New Project…"), this, &MainWindow::newProject);
    newAct->setShortcuts(keysFor(Qt::CTRL | Qt::Key_N, QKeySequence::New));
    QAction *openAct = file->addAction(tr("&Open Project…"), this, &MainWindow::openProjectDialog);
    openAct->setShortcuts(keysFor(Qt::CTRL | Qt::Key_O, QKeySequence::Open));
    openAct->setToolTip(tr("Open a DNS Timeline project (*.dnstimeline)"));
    m_recent = new RecentProjects(file->addMenu(tr("Open &Recent")), this);
    connect(m_recent, &RecentProjects::openRequested, this, [this](const QString &path) { openProject(path); });
    QAction *closeAct = file->addAction(tr("&Close Project"), this, &MainWindow::closeProject);
    closeAct->setShortcuts(keysFor(Qt::CTRL | Qt::Key_W, QKeySequence::Close));
    file->addSeparator();
    QAction *importAct = file->addAction(tr("&Import Logs…"), this, &MainWindow::importDialog);
    importAct->setShortcut(Qt::CTRL | Qt::Key_I);
    importAct->setToolTip(tr("Import Zeek dns.log files (TSV or JSON, plain or compressed)"));
    QAction *eventsAct = file->addAction(tr("Import &Events…"), m_eventsPanel, [this] { m_eventsPanel->importFile(); });
    eventsAct->setToolTip(tr("Import events (start,end,title,category,note,url) from a CSV file"));
    QAction *exportAct = file->addAction(tr("&Export Chart…"), this, &MainWindow::exportChart);
    exportAct->setToolTip(tr("Export the chart as PNG, JPEG, PDF, SVG or CSV, with its provenance"));
    exportAct->setShortcut(Qt::CTRL | Qt::Key_E);
    file->addSeparator();
    QAction *quitAct = file->addAction(tr("&Quit"), this, &QWidget::close);
    quitAct->setShortcuts(keysFor(Qt::CTRL | Qt::Key_Q, QKeySequence::Quit));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_eventEditor->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts(keysFor(Qt::CTRL | Qt::Key_Z, QKeySequence::Undo));
    QAction *redo = m_eventEditor->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(keysFor(Qt::CTRL | Qt::SHIFT | Qt::Key_Z, QKeySequence::Redo));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(tr("&Add Event…"), m_eventsPanel, [this] {
        if (!m_projectPath.isEmpty())
            m_eventsPanel->addEventAt(m_chartPane->chart()->visibleRange().first);
    });
    QAction *findAct = edit->addAction(tr("&Find Name"), this, &MainWindow::focusNameSearch);
    findAct->setShortcuts(keysFor(Qt::CTRL | Qt::Key_F, QKeySequence::Find));
    edit->addSeparator();
    QAction *settingsAct = edit->addAction(tr("&Settings…"), this, &MainWindow::showSettings);
    settingsAct->setShortcuts(keysFor(Qt::CTRL | Qt::Key_Comma, QKeySequence::Preferences));
    settingsAct->setMenuRole(QAction::PreferencesRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Display &Zone…"), this, [this] {
        QStringList zones{QStringLiteral("UTC")};
        for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
            zones << QString::fromLatin1(id);
        const QString current = zoneName(m_chartPane->displayZone());
        bool ok = false;
        const QString chosen = QInputDialog::getItem(this, tr("Display zone"),
                                                     tr("Show times, buckets and the axis in:"), zones,
                                                     std::max(0, int(zones.indexOf(current))), true, &ok);
        if (ok && QTimeZone(chosen.toUtf8()).isValid())
            setDisplayZone(QTimeZone(chosen.toUtf8()));
    });
    view->addAction(tr("&Reset Chart View"), m_chartPane, &ChartPane::resetView);
    m_workspace->addViewActions(view);
    view->addSeparator();
    for (QDockWidget *panel : findChildren<QDockWidget *>())
        view->addAction(panel->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *guideAct = help->addAction(tr("&User Guide"), this, &MainWindow::showUserGuide);
    guideAct->setShortcuts(keysFor(Qt::Key_F1, QKeySequence::HelpContents));
    help->addAction(tr("&About DNS Timeline"), this, [this] { showAboutDialog(this); });

    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    for (QAction *a : {openAct, importAct, exportAct}) {
        if (a->toolTip() == a->text().remove(QLatin1Char('&')))
            a->setToolTip(a->text().remove(QLatin1Char('&')).remove(QStringLiteral("…")));
        tools->addAction(a);
    }
}

bool MainWindow::openProject(const QString &path, QString *errorOut)
{
    // Validate, migrate an older project, and purge files removed in an earlier session (their undo
    // history is gone): seconds on a large old project, so on a thread of its own while the window
    // keeps painting.
    statusBar()->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    const QString error = waitInBackground<QString>([path] {
        QString e;
        auto store = Store::open(path, Store::Mode::ReadWrite, &e);
        if (store)
            store->purgeRemovedFiles(nullptr);
        return store ? QString() : e;
    });
    statusBar()->clearMessage();
    if (!error.isEmpty()) {
        if (errorOut)
            *errorOut = error;
        showError(tr("Cannot open project"), error);
        return false;
    }
    m_projectPath = QFileInfo(path).absoluteFilePath();
    m_runner->setProjectPath(m_projectPath);
    m_eventEditor->setProjectPath(m_projectPath);
    m_docks->setProjectPath(m_projectPath);
    setWindowTitle(tr("%1 — DNS Timeline").arg(QFileInfo(path).completeBaseName()));
    m_recent->add(m_projectPath);
    // Nothing of the previous project carries over: its selection, chart setup and totals.
    const AppSettings settings = AppSettings::load();
    m_chartPane->resetSetup(settings.defaultBucket, settings.displayZone);
    m_totals->clear();
    m_workspace->clearSources();
    m_selectionPanel->clearSelection();
    refreshAll();
    m_workspace->openStartView();
    return true;
}

void MainWindow::setDisplayZone(const QTimeZone &zone)
{
    const QTimeZone z = zone.isValid() ? zone : QTimeZone::utc();
    m_chartPane->setDisplayZone(z);
    m_eventModel->setDisplayZone(z);
    m_docks->setDisplayZone(z);
    AppSettings settings = AppSettings::load();
    settings.displayZone = z;
    settings.save();
}

void MainWindow::closeProject()
{
    if (m_projectPath.isEmpty())
        return;
    m_pendingImport.clear();
    if (m_importController->isRunning()) {
        // The file being imported is rolled back; the project stays as it was before it.
        m_importController->cancel();
        m_importController->waitForFinished();
    }
    m_projectPath.clear();
    if (m_eventInfo)
        m_eventInfo->close(); // its Edit… would have no project to write to
    m_runner->setProjectPath(QString());
    m_eventEditor->setProjectPath(QString());
    m_docks->setProjectPath(QString());
    m_domainModel->setData(DomainTreeData{});
    m_clientsModel->setRows({});
    m_selectionPanel->clearSelection();
    m_chartPane->clear(kNoProjectMessage());
    m_workspace->refresh(); // empties the sources and the pair view
    m_totals->clear();
    setWindowTitle(tr("DNS Timeline"));
}

void MainWindow::showEventInfo(const Event &event)
{
    if (m_eventInfo)
        m_eventInfo->close();
    m_eventInfo = showEventDetails(this, event, m_eventModel->displayZone());
    connect(m_eventInfo, &EventInfoBox::editRequested, m_eventsPanel,
            [this](const Event &e) { m_eventsPanel->editEvent(e.id); });
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(AppSettings::load(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const AppSettings chosen = dialog.settings();
    chosen.save();
    applyAppTheme(chosen.theme);
    m_chartPane->setBucket(chosen.defaultBucket);
    setDisplayZone(chosen.displayZone);
}

void MainWindow::fitToScreen()
{
    // The first window (no saved geometry) takes most of the screen it opens on, from a 1366 × 768 laptop
    // to 960 × 540 logical pixels (1920 × 1080 at 200 %), and leaves room for the title bar and frame the
    // window manager adds outside the window's own size.
    const QRect available = screen()->availableGeometry();
    // On a narrow screen (960 logical px at 200 %) the window needs nearly all of its width: the whole
    // width but a frame's few pixels, so that the minimum reached once a project is open still fits.
    const int wide = available.width() < 1100 ? available.width() - 8 : available.width() * 9 / 10;
    const QSize size = QSize(wide, available.height() * 9 / 10).boundedTo(QSize(1600, 1000));
    // Below 700 px of height the names panel takes the full height and the bottom panels sit beside it.
    if (available.height() < 700)
        setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    // The minimum size as it is now: resize() never goes below the one computed before these changes.
    ensurePolished();
    layout()->activate();
    resize(size);
    // Centred as it is now sized: the minimum may have made it wider than asked; never left of or above
    // the available area.
    const QPoint centred = available.center() - QPoint(width() / 2, height() / 2);
    move(std::max(centred.x(), available.left()), std::max(centred.y(), available.top()));
    // Names like trump1.contact-client.com unelided where there is room; the bottom panels a third of
    // the height (8 records and more at 1080p).
    if (auto *names = findChild<QDockWidget *>(QStringLiteral("selectionDock")))
        resizeDocks({names}, {std::clamp(size.width() / 4, 200, 340)}, Qt::Horizontal);
    if (auto *records = findChild<QDockWidget *>(QStringLiteral("recordsDock")))
        resizeDocks({records}, {size.height() / 3}, Qt::Vertical);
}

void MainWindow::focusNameSearch()
{
    // The names panel may be hidden, or behind the sources tab it shares.
    if (auto *dock = findChild<QDockWidget *>(QStringLiteral("selectionDock"))) {
        dock->show();
        dock->raise();
    }
    QLineEdit *search = m_selectionPanel->domainBrowser()->searchEdit();
    search->setFocus(Qt::ShortcutFocusReason);
    search->selectAll();
}

void MainWindow::showUserGuide()
{
    if (!m_guide)
        m_guide = new UserGuideWindow(this);
    m_guide->show();
    m_guide->raise();
    m_guide->activateWindow();
}

void MainWindow::refreshAll()
{
    if (m_projectPath.isEmpty())
        return;
    // The reader jobs share a pool of as many threads as cores, first come first served: the chart goes
    // first, the name tree (which reads every per-minute roll-up for its client counts) after it.
    m_chartPane->refresh();
    m_eventEditor->reload();
    refreshNames();
    refreshClients();
    m_docks->refresh();
    m_workspace->refresh();
    m_runner->run<Totals>(
        QStringLiteral("totals"), [](Store &s) { return s.totals(); },
        [this](const Totals &t) {
            if (t.lookups == 0 && t.files == 0) {
                m_totals->clear(); // a new project: the chart says what to do
                return;
            }
            QString span;
            if (t.firstUs && t.lastUs)
                span = tr(" · %1 – %2").arg(formatIsoUtc(*t.firstUs).left(10), formatIsoUtc(*t.lastUs).left(10));
            auto count = [](int64_t n, const QString &one, const QString &many) {
                return QStringLiteral("%1 %2").arg(QLocale().toString(qlonglong(n)), n == 1 ? one : many);
            };
            m_totals->setText(QStringList{count(t.lookups, tr("lookup"), tr("lookups")),
                                          count(t.names, tr("name"), tr("names")),
                                          count(t.clients, tr("client"), tr("clients")),
                                          count(t.files, tr("file"), tr("files"))}
                                  .join(QStringLiteral(" · "))
                              + span);
        });
}

void MainWindow::refreshNames()
{
    if (m_projectPath.isEmpty())
        return;
    // Every name, grouped, with exact client counts: built on the reader thread, once per change.
    m_runner->run<DomainTreeData>(
        QStringLiteral("names"), [](Store &s) { return buildDomainTree(s.nameClients(), PublicSuffixList::system()); },
        [this](const DomainTreeData &tree) { m_domainModel->setData(tree); });
}

void MainWindow::setInteractive(bool interactive)
{
    m_interactive = interactive;
    m_docks->setInteractive(interactive);
}

void MainWindow::refreshClients()
{
    if (m_projectPath.isEmpty())
        return;
    Selection sel = m_selectionPanel->selection();
    sel.clients.clear(); // the list shows who asked for the selected names, not only the selected clients
    m_runner->run<QVector<CountListModel::Row>>(
        QStringLiteral("clients"),
        [sel](Store &s) {
            QVector<CountListModel::Row> rows;
            for (const auto &c : s.topClients(kClientListSize, sel))
                rows.append({c.address, c.count});
            return rows;
        },
        [this](const QVector<CountListModel::Row> &rows) { m_clientsModel->setRows(rows); });
}

QString MainWindow::newProjectPathFor(const QString &logFile)
{
    const QFileInfo info(logFile);
    QString dir = info.absolutePath();
    if (!QFileInfo(dir).isWritable())
        dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString base = info.fileName();
    for (const char *ext : {".gz", ".zst", ".log", ".json"})
        if (base.endsWith(QLatin1String(ext)))
            base.chop(static_cast<int>(qstrlen(ext)));
    QString candidate = dir + QLatin1Char('/') + base + kProjectSuffix;
    for (int i = 2; QFileInfo::exists(candidate); ++i)
        candidate = dir + QLatin1Char('/') + base + QStringLiteral("-%1").arg(i) + kProjectSuffix;
    return candidate;
}

void MainWindow::importFiles(const QStringList &files, const ImportOptions &options)
{
    if (files.isEmpty())
        return;
    if (m_importController->isRunning()) {
        m_pendingImport.append({files, options});
        statusBar()->showMessage(tr("Queued %1 files for import after the current one").arg(files.size()), 5000);
        return;
    }
    if (m_projectPath.isEmpty()) {
        const QString path = newProjectPathFor(files.first());
        QString error;
        auto store = Store::open(path, Store::Mode::Create, &error);
        if (!store) {
            showError(tr("Cannot create project"), error);
            return;
        }
        store.reset();
        if (!openProject(path))
            return;
        statusBar()->showMessage(tr("New project %1").arg(path), 8000);
    }
    m_importUi->begin(static_cast<int>(files.size()));
    m_importController->start(m_projectPath, files, options);
}

void MainWindow::newProject()
{
    QString path = QFileDialog::getSaveFileName(this, tr("New project"), QString(),
                                                tr("DNS Timeline projects (*%1)").arg(kProjectSuffix));
    if (path.isEmpty())
        return;
    if (!path.endsWith(kProjectSuffix))
        path += kProjectSuffix;
    if (QFileInfo::exists(path)) {
        showError(tr("Cannot create project"),
                  tr("%1 already exists; open it instead, or choose another name.").arg(path));
        return;
    }
    QString error;
    auto store = Store::open(path, Store::Mode::Create, &error);
    if (!store) {
        showError(tr("Cannot create project"), error);
        return;
    }
    store.reset();
    openProject(path);
}

void MainWindow::openProjectDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), QString(),
                                                      tr("DNS Timeline projects (*%1);;All files (*)").arg(kProjectSuffix));
    if (!path.isEmpty())
        openProject(path);
}

void MainWindow::importDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import DNS logs"), QString(),
        tr("DNS logs (*.log *.json *.gz *.zst *.pcap *.pcapng *.csv *.tsv *.db *.dnstap);;All files (*)"));
    if (files.isEmpty())
        return;
    ImportOptionsDialog dialog(files, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    importFiles(files, dialog.options());
}

void MainWindow::exportChart()
{
    const QString suggested =
        m_projectPath.isEmpty() ? QStringLiteral("chart.png")
                                : QFileInfo(m_projectPath).absolutePath() + QLatin1Char('/')
                                      + QFileInfo(m_projectPath).completeBaseName() + QStringLiteral(".png");
    ExportDialog dialog(suggested, QSize(1600, 900), this);
    dialog.setTitle(m_chartPane->showsRaster() ? m_chartPane->raster()->title() : m_chartPane->chart()->title());
    if (dialog.exec() != QDialog::Accepted)
        return;
    // Provenance: the project's files and hashes, the selection, and the chart's bucket, zone and range.
    Provenance provenance = m_chartPane->provenance();
    QString error;
    if (auto store = Store::open(m_projectPath, Store::Mode::ReadOnly, &error))
        provenance.files = store->files();
    ExportOptions options;
    options.size = dialog.size();
    options.scale = dialog.scale();
    options.footer = dialog.footer();
    options.title = dialog.title();
    if (!m_chartPane->exportShown(dialog.path(), options, provenance, &error))
        showError(tr("Export failed"), error);
    else
        statusBar()->showMessage(tr("Chart written to %1").arg(dialog.path()), 8000);
}

void MainWindow::showError(const QString &title, const QString &text)
{
    statusBar()->showMessage(text, 10000);
    if (!m_interactive)
        return;
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText); // messages quote file names and log content
    box.exec();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList logs;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (!url.isLocalFile())
            continue;
        const QString path = url.toLocalFile();
        if (path.endsWith(kProjectSuffix))
            openProject(path);
        else
            logs << path;
    }
    importFiles(logs);
    event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings state;
    state.setValue(QStringLiteral("window/geometry"), saveGeometry());
    state.setValue(QStringLiteral("window/state"), saveState());
    if (m_importController->isRunning()) {
        // Cancelling rolls the current file back; waiting keeps the project consistent on exit.
        m_importController->cancel();
        m_importController->waitForFinished();
    }
    event->accept();
}

} // namespace dnt
