#pragma once

#include "selection.h"

#include <QWidget>

class QLineEdit;
class QTableView;
class QLabel;
class QTimer;

namespace dnt {

class CountListModel;
class DomainBrowser;
class DomainTreeModel;

// "What was asked" and "who asked": the domain browser (names under their registrable domains) and a
// list of clients, each with lookup counts. Multi-selection in either narrows the chart. Both are
// snapshots the owner fills from a reader thread; this panel only shows them.
class SelectionPanel : public QWidget
{
    Q_OBJECT
public:
    SelectionPanel(DomainTreeModel *domains, CountListModel *clients, QWidget *parent = nullptr);

    Selection selection() const;
    void clearSelection();
    // Selects exactly these names (if listed); used by tests and saved selections.
    void selectNames(const QStringList &names);
    DomainBrowser *domainBrowser() const { return m_browser; }
    QTableView *clientsView() const { return m_clientsView; }

signals:
    void selectionChanged(const dnt::Selection &selection);

private:
    void emitSelection();

    CountListModel *m_clients;
    DomainBrowser *m_browser;
    QTableView *m_clientsView;
};

} // namespace dnt
