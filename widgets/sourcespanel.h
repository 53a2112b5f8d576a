#pragma once

#include "selection.h"
#include "store.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace dnt {

class ClientLabelModel;
class GroupListModel;
class ReadJobRunner;

// "Who asked": the clients with their lookup counts and labels, and the project's source groups (name,
// colour, members). Create a group from the selected clients or by typing its members, edit it, give it
// a colour, delete it (after confirmation); load a hosts-style labels file. Selecting groups or clients
// narrows the chart (selectionChanged). Lists are read on the reader thread (channel "sources"); the
// few writes are short transactions on the GUI thread.
class SourcesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SourcesPanel(ReadJobRunner *runner, QWidget *parent = nullptr);

    // The selected clients and groups.
    Selection selection() const;
    void selectGroups(const QStringList &names);
    void selectClients(const QStringList &addresses);
    void clearSelection();
    ClientLabelModel *clientsModel() const { return m_clients; }
    GroupListModel *groupsModel() const { return m_groups; }
    QTableView *clientsView() const { return m_clientsView; }
    QTableView *groupsView() const { return m_groupsView; }
    // Tests and scripts: no dialogs (confirmations are taken as yes, errors go to the status label).
    void setInteractive(bool interactive) { m_interactive = interactive; }

    // The writes behind the buttons; false with *error. Each refreshes the lists and emits groupsChanged.
    bool saveGroup(const SourceGroup &group, QString *error, const QString &previousName = {});
    bool removeGroup(const QString &name, QString *error);
    // All or nothing: a file with a bad line stores no label, and *error lists every bad line.
    bool loadLabels(const QString &file, QString *error);

public slots:
    // Count the clients' lookups of these names (no names: all lookups).
    void setScope(const dnt::Selection &scope);
    void refresh();

signals:
    void selectionChanged(const dnt::Selection &selection);
    void groupsChanged();
    void refreshed();

private:
    void newGroup();
    void editGroup();
    void recolorGroup();
    void deleteGroup();
    void loadLabelsDialog();
    QString selectedGroup() const;
    QStringList selectedClients() const;
    void report(const QString &title, const QString &text);
    void updateButtons();

    ReadJobRunner *m_runner;
    ClientLabelModel *m_clients;
    GroupListModel *m_groups;
    QSortFilterProxyModel *m_clientsProxy;
    QTableView *m_clientsView;
    QTableView *m_groupsView;
    QPushButton *m_edit;
    QPushButton *m_color;
    QPushButton *m_delete;
    QLabel *m_status;
    Selection m_scope;
    bool m_interactive = true;
};

} // namespace dnt
