#pragma once

#include "selection.h"
#include "store.h"

#include <QWidget>

class QLabel;
class QSpinBox;
class QTableView;

namespace dnt {

class PairTableModel;
class ReadJobRunner;

// The pair view: the top sources (source groups and ungrouped clients) × the top names of a scope, each
// cell with its count and its share of that name's lookups; cells where one source asks for at least
// 90 % of a name are highlighted. Click a name's header to sort the sources by their share of it.
// Computed on the reader thread (channel "pairs"); a result that arrives after a newer request is dropped.
// Clicking a cell emits pairActivated with that name and that source.
class PairView : public QWidget
{
    Q_OBJECT
public:
    explicit PairView(ReadJobRunner *runner, QWidget *parent = nullptr);

    PairTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    Selection scope() const { return m_scope; }

public slots:
    // The names (and any clients or groups) to tabulate; no names: the busiest names of the project.
    void setScope(const dnt::Selection &scope);
    // Queries again (after an import, or a change to the groups).
    void refresh();

signals:
    void pairActivated(const dnt::Selection &pair);
    // A new table was shown (tests wait for it).
    void tableShown(const dnt::PairTable &table);

private:
    ReadJobRunner *m_runner;
    PairTableModel *m_model;
    QTableView *m_view;
    QSpinBox *m_top;
    QLabel *m_info;
    Selection m_scope;
};

} // namespace dnt
