#include "eventspanel.h"

#include "categoriesdialog.h"
#include "eventdialog.h"
#include "eventeditor.h"
#include "eventexchange.h"
#include "eventfile.h"
#include "eventimportdialog.h"
#include "eventtablemodel.h"

#include <QAction>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace dnt {

EventsPanel::EventsPanel(EventEditor *editor, EventTableModel *model, QWidget *parent)
    : QWidget(parent), m_editor(editor), m_model(model)
{
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(EventTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter events"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_view = new QTableView(this);
    m_view->setTabKeyNavigation(false); // Tab leaves for the next control; arrows move between cells
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(EventTableModel::StartColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(EventTableModel::TitleColumn, QHeaderView::Stretch);
    // Times are never elided: "2016-07-27 19:00" must be read whole.
    m_view->horizontalHeader()->setSectionResizeMode(EventTableModel::StartColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(EventTableModel::EndColumn, QHeaderView::ResizeToContents);
    m_view->setWordWrap(false);

    auto button = [this](const QString &text, const QString &tip) {
        auto *b = new QPushButton(text, this);
        b->setToolTip(tip);
        return b;
    };
    auto *add = button(tr("Add…"), tr("Add an event (or double-click the chart at its time)"));
    auto *edit = button(tr("Edit…"), tr("Edit the selected event (or double-click it)"));
    auto *remove = button(tr("Delete"), tr("Delete the selected events (undoable)"));
    auto *import = button(tr("Import…"), tr("Import events from CSV, JSON or iCalendar (.ics), with a preview"));
    auto *exportButton = button(tr("Export…"), tr("Export all events as CSV or JSON"));
    auto *categoriesButton = button(tr("Categories…"), tr("Colours of the event categories and which are shown"));
    connect(categoriesButton, &QPushButton::clicked, this, [this] {
        CategoriesDialog dialog(m_editor, this);
        dialog.exec();
    });
    connect(add, &QPushButton::clicked, this, [this] { addEventAt(0); });
    connect(edit, &QPushButton::clicked, this, &EventsPanel::editSelected);
    connect(remove, &QPushButton::clicked, this, &EventsPanel::deleteSelected);
    connect(import, &QPushButton::clicked, this, [this] { importFile(); });
    connect(exportButton, &QPushButton::clicked, this, [this] { exportFile(); });
    connect(m_view, &QTableView::doubleClicked, this, &EventsPanel::editSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const auto ids = selectedIds();
        if (ids.size() == 1)
            if (const Event *e = m_model->eventAt(m_model->rowOfId(ids.first())))
                emit eventSelected(*e);
    });
    auto *deleteShortcut = new QAction(this);
    deleteShortcut->setShortcut(QKeySequence::Delete);
    deleteShortcut->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(deleteShortcut, &QAction::triggered, this, &EventsPanel::deleteSelected);
    m_view->addAction(deleteShortcut);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {add, edit, remove, import, exportButton, categoriesButton})
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);
    layout->addLayout(buttons);
}

QVector<int64_t> EventsPanel::selectedIds() const
{
    QVector<int64_t> ids;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        ids << m_proxy->data(i, EventTableModel::EventIdRole).toLongLong();
    return ids;
}

QStringList EventsPanel::categories() const
{
    QStringList out;
    for (const Event &e : m_model->events())
        if (!e.category.isEmpty() && !out.contains(e.category))
            out << e.category;
    out.sort(Qt::CaseInsensitive);
    return out;
}

void EventsPanel::selectEvent(int64_t id)
{
    const int row = m_model->rowOfId(id);
    if (row < 0)
        return;
    const QModelIndex i = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!i.isValid())
        return; // filtered out
    m_view->selectionModel()->select(i, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(i);
}

bool EventsPanel::runDialog(const Event &start, Event *result)
{
    EventDialog dialog(start, m_model->displayZone(), categories(), this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    *result = dialog.event();
    return true;
}

void EventsPanel::addEventAt(int64_t startUs, std::optional<int64_t> endUs)
{
    Event e;
    e.startUs = startUs;
    e.endUs = endUs;
    Event result;
    if (runDialog(e, &result))
        m_editor->addEvent(result);
}

void EventsPanel::editSelected()
{
    const auto ids = selectedIds();
    if (ids.size() == 1)
        editEvent(ids.first());
}

void EventsPanel::editEvent(int64_t id)
{
    // The event as the project holds it now: a details box may have been opened before a later change.
    const Event *e = m_model->eventAt(m_model->rowOfId(id));
    if (!e)
        return;
    const Event before = *e;
    Event after;
    if (runDialog(before, &after))
        m_editor->editEvent(before, after);
}

void EventsPanel::deleteSelected()
{
    const auto ids = selectedIds();
    if (!ids.isEmpty())
        m_editor->removeEvents(ids); // undoable, so no confirmation
}

void EventsPanel::importFile(const QString &given)
{
    const QString path = given.isEmpty()
                             ? QFileDialog::getOpenFileName(this, tr("Import events"), QString(),
                                                            tr("Event files (*.csv *.json *.ics);;All files (*)"))
                             : given;
    if (path.isEmpty())
        return;
    // CSV, JSON or iCalendar; all-day calendar dates are whole days in the display zone.
    const EventFileResult parsed = readEventFile(path, m_model->displayZone());
    EventImportDialog preview(path, parsed, m_editor->events(), this);
    if (preview.exec() != QDialog::Accepted)
        return;
    const auto events = preview.eventsToImport();
    m_editor->addEvents(events, tr("Import %1 events from %2").arg(events.size()).arg(path));
}

void EventsPanel::exportFile(const QString &given)
{
    const QString path = given.isEmpty() ? QFileDialog::getSaveFileName(this, tr("Export events"), QStringLiteral("events.csv"),
                                                                        tr("CSV files (*.csv);;JSON files (*.json)"))
                                         : given;
    if (path.isEmpty())
        return;
    QString error;
    if (!writeEventFile(path, m_model->events(), &error)) {
        QMessageBox box(QMessageBox::Warning, tr("Export failed"), error, QMessageBox::Ok, this);
        box.setTextFormat(Qt::PlainText);
        box.exec();
    }
}

} // namespace dnt
