#pragma once

#include "selection.h"

#include <QModelIndexList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QTreeView;

namespace dnt {

class DomainTreeModel;

// "What was asked": names grouped under their registrable domain, with lookups and clients per node,
// a search box (substring, '*' wildcards), sorting by any column (header), multi-selection, and
// "chart this name" / "chart this domain with its subdomains" (buttons and context menu). A selected
// domain row means the domain and every name below it; a selected name row means that name.
// The model's snapshot is built on a reader thread by the owner; this widget only filters and shows.
class DomainBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit DomainBrowser(DomainTreeModel *model, QWidget *parent = nullptr);

    // The selected names and domains (clients empty).
    Selection selection() const;
    QTreeView *view() const { return m_view; }
    QLineEdit *searchEdit() const { return m_search; }
    QPushButton *chartNameButton() const { return m_chartName; }
    QPushButton *chartDomainButton() const { return m_chartDomain; }
    void clearSelection();
    // Selects exactly these names / this domain (if listed).
    void selectNames(const QStringList &names);
    void selectDomain(const QString &domain);

signals:
    void selectionChanged();

private:
    void chartCurrentName();
    void chartCurrentDomain();
    void select(const QModelIndexList &rows);
    void showMenu(const QPoint &pos);
    void updateButtons();

    DomainTreeModel *m_model;
    QLineEdit *m_search;
    QTreeView *m_view;
    QLabel *m_note;
    QLabel *m_count;
    QPushButton *m_chartName;
    QPushButton *m_chartDomain;
    QTimer *m_debounce;
    Selection m_kept; // across a model reset (new snapshot or search)
};

} // namespace dnt
