#pragma once

#include "selection.h"

#include <QObject>

class QMenu;

namespace dnt {

class MainWindow;
class PairView;
class SourcesPanel;

// The workspace part of the main window, composed here so that MainWindow stays small: the sources
// panel and the pair view (each in a dock), the chart's selection made of the names chosen in the
// selection panel and the sources chosen in the sources panel, and saved views (View menu).
class Workspace : public QObject
{
    Q_OBJECT
public:
    explicit Workspace(MainWindow *window);

    PairView *pairView() const { return m_pairView; }
    SourcesPanel *sourcesPanel() const { return m_sourcesPanel; }
    // View › Save View…, View › Views, View › Remove View…
    void addViewActions(QMenu *menu);
    // The chart's current setup (and the categories shown) under this name; false with *error.
    bool saveView(const QString &name, QString *error);
    // Shows a saved view exactly as saved; false with *error.
    bool openView(const QString &name, QString *error);
    QStringList viewNames() const;
    // The view opening the project shows (View › Views › Set as Start View); an empty name clears the
    // mark. False with *error.
    bool setStartView(const QString &name, QString *error);
    QString startView() const; // empty: none
    // Shows the project's start view if it has one; false if it has none (or it cannot be shown).
    bool openStartView();
    // The names and sources chosen in the panels are cleared (the chart's "All lookups").
    void clearSources();

public slots:
    // The names (and clients) chosen in the selection panel.
    void setNameSelection(const dnt::Selection &selection);
    // A project was opened or lookups imported.
    void refresh();

signals:
    void failed(const QString &title, const QString &text);

private:
    void chartCombined();
    // The names (and domains) whose sources and pairs the panels count, with the chart's lookup filters.
    void setScope(const dnt::Selection &names);

    MainWindow *m_window;
    PairView *m_pairView;
    SourcesPanel *m_sourcesPanel;
    Selection m_names;
    Selection m_scope;
};

} // namespace dnt
