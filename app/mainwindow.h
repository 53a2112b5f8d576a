#pragma once

#include "eventinfo.h"
#include "importer.h"
#include "store.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimeZone>

class QLabel;
class QMenu;

namespace dnt {

class ChartPane;
class CountListModel;
class DomainTreeModel;
class EventEditor;
class EventTableModel;
class EventsPanel;
class ImportController;
class ImportUi;
class ReadJobRunner;
class RecentProjects;
class UserGuideWindow;
class SelectionPanel;
class Workspace;
class WorkspaceDocks;

// Composition only: creates the models, the panels and the actions, and wires them.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a project file; false (after telling the user, unless quiet) if it cannot be used.
    bool openProject(const QString &path, QString *error = nullptr);
    // Imports log files into the open project (or into a new project next to the first file).
    void importFiles(const QStringList &files, const ImportOptions &options = {});
    QString projectPath() const { return m_projectPath; }

    ChartPane *chartPane() const { return m_chartPane; }
    SelectionPanel *selectionPanel() const { return m_selectionPanel; }
    ImportController *importController() const { return m_importController; }
    ReadJobRunner *runner() const { return m_runner; }
    DomainTreeModel *domainModel() const { return m_domainModel; }
    WorkspaceDocks *docks() const { return m_docks; }
    CountListModel *clientsModel() const { return m_clientsModel; }
    EventEditor *eventEditor() const { return m_eventEditor; }
    EventsPanel *eventsPanel() const { return m_eventsPanel; }
    Workspace *workspace() const { return m_workspace; }
    // The details box of the event last clicked on the chart, while it is open.
    EventInfoBox *eventInfo() const { return m_eventInfo; }

    // Times, buckets and the axis in this zone; remembered in the settings.
    void setDisplayZone(const QTimeZone &zone);
    // Closes the open project (the window stays, empty). Waits for a running import to be cancelled.
    void closeProject();
    RecentProjects *recentProjects() const { return m_recent; }

    // GUI tests set this so that reports and errors do not block in modal dialogs.
    void setInteractive(bool interactive);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void newProject();
    void openProjectDialog();
    void importDialog();
    void exportChart();
    void showSettings();
    void showUserGuide();
    // The first window's size and place, and its panels' sizes, for the screen it opens on.
    void fitToScreen();
    // Edit › Find Name (Ctrl+F): the name search of the names panel, its text selected.
    void focusNameSearch();
    void refreshAll();
    void refreshNames();
    void refreshClients();
    void showError(const QString &title, const QString &text);
    void showEventInfo(const Event &event);
    static QString newProjectPathFor(const QString &logFile);

    QString m_projectPath;
    ReadJobRunner *m_runner;
    DomainTreeModel *m_domainModel;
    CountListModel *m_clientsModel;
    SelectionPanel *m_selectionPanel;
    ChartPane *m_chartPane;
    ImportController *m_importController;
    ImportUi *m_importUi;
    EventEditor *m_eventEditor;
    EventTableModel *m_eventModel;
    EventsPanel *m_eventsPanel;
    Workspace *m_workspace;
    WorkspaceDocks *m_docks;
    QLabel *m_totals;
    RecentProjects *m_recent = nullptr;
    UserGuideWindow *m_guide = nullptr;
    QPointer<EventInfoBox> m_eventInfo; // one at a time: a click on another marker replaces it
    QList<QPair<QStringList, ImportOptions>> m_pendingImport; // imports asked for while one runs
    bool m_interactive = true;
};

} // namespace dnt
