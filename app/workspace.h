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

public slots:
    // The names (and clients) chosen in the selection panel.
    void setNameSelection(const dnt::Selection &selection);
    // A project was opened or lookups imported.
    void refresh();

signals:
    void failed(const QString &title, const QString &text);

private:
    void chartCombined();
    // What the sources panel and the pair view count: the chosen names, with the chart's lookup filters.
    Selection scope() const;

    MainWindow *m_window;
    PairView *m_pairView;
    SourcesPanel *m_sourcesPanel;
    Selection m_names;
};

} // namespace dnt
