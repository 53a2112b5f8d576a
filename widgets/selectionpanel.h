#pragma once

#include "selection.h"

#include <QWidget>

class QLineEdit;
class QTableView;
class QLabel;
class QTimer;

namespace dnt {

class CountListModel;

// "What was asked" and "who asked": a searchable list of names and a list of clients, each with
// lookup counts. Multi-selection in either list narrows the chart. The lists are snapshots the owner
// fills from a reader thread; this panel only asks for them (namesRequested) and shows them.
class SelectionPanel : public QWidget
{
    Q_OBJECT
public:
    SelectionPanel(CountListModel *names, CountListModel *clients, QWidget *parent = nullptr);

    Selection selection() const;
    QString nameFilter() const;
    void clearSelection();
    // Selects exactly these names (if listed); used by tests and saved selections.
    void selectNames(const QStringList &names);
    QTableView *namesView() const { return m_namesView; }
    QTableView *clientsView() const { return m_clientsView; }

signals:
    void selectionChanged(const dnt::Selection &selection);
    // The search text changed (debounced): the owner re-queries the names list.
    void nameFilterChanged(const QString &text);

private:
    void emitSelection();

    CountListModel *m_names;
    CountListModel *m_clients;
    QLineEdit *m_search;
    QTableView *m_namesView;
    QTableView *m_clientsView;
    QTimer *m_searchDebounce;
};

} // namespace dnt
