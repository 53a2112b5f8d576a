#pragma once

#include "event.h"

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace dnt {

class EventEditor;
class EventTableModel;

// The events of the project: a sortable, filterable table with add, edit (double-click), delete,
// import and export. Every change goes through the EventEditor (written at once, undoable).
class EventsPanel : public QWidget
{
    Q_OBJECT
public:
    EventsPanel(EventEditor *editor, EventTableModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    // Selects the event's row (e.g. after a click on its marker).
    void selectEvent(int64_t id);
    QVector<int64_t> selectedIds() const;
    QStringList categories() const;

public slots:
    void addEventAt(int64_t startUs, std::optional<int64_t> endUs = std::nullopt);
    void editSelected();
    // The event dialog for this event (by id, as the project holds it now); OK edits it, undoably.
    void editEvent(int64_t id);
    void deleteSelected();
    void importFile(const QString &path = {});
    void exportFile(const QString &path = {});

signals:
    // The user selected one event in the table: the chart highlights and shows it.
    void eventSelected(const dnt::Event &event);

private:
    bool runDialog(const Event &start, Event *result);

    EventEditor *m_editor;
    EventTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTableView *m_view;
};

} // namespace dnt
