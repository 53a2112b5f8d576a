#include "eventeditor.h"

#include "categorycolors.h"
#include "store.h"

#include <QUndoStack>

#include <algorithm>

namespace dnt {

namespace {

// Insert (with fixed ids after the first time) / remove, the two halves of add and delete.
class AddRemoveCommand : public QUndoCommand
{
public:
    // add = true: redo inserts `events`, undo removes them; add = false: the other way round.
    AddRemoveCommand(EventEditor *editor, QVector<Event> events, bool add, const QString &text)
        : QUndoCommand(text), m_editor(editor), m_events(std::move(events)), m_add(add)
    {
    }
    void redo() override { run(m_add); }
    void undo() override { run(!m_add); }

private:
    void run(bool insert)
    {
        if (insert) {
            QVector<Event> copy = m_events;
            m_editor->apply(&copy, {}, {});
        } else {
            QVector<int64_t> ids;
            for (const Event &e : m_events)
                ids << e.id;
            m_editor->apply(nullptr, {}, ids);
        }
    }
    EventEditor *m_editor;
    QVector<Event> m_events; // with their ids, once stored
    bool m_add;
};

class EditCommand : public QUndoCommand
{
public:
    EditCommand(EventEditor *editor, Event before, Event after, const QString &text)
        : QUndoCommand(text), m_editor(editor), m_before(std::move(before)), m_after(std::move(after))
    {
    }
    void redo() override { m_editor->apply(nullptr, {m_after}, {}); }
    void undo() override { m_editor->apply(nullptr, {m_before}, {}); }

private:
    EventEditor *m_editor;
    Event m_before;
    Event m_after;
};

class CategoryCommand : public QUndoCommand
{
public:
    CategoryCommand(EventEditor *editor, EventCategory before, EventCategory after, const QString &text)
        : QUndoCommand(text), m_editor(editor), m_before(std::move(before)), m_after(std::move(after))
    {
    }
    void redo() override { m_editor->applyCategory(m_after); }
    void undo() override { m_editor->applyCategory(m_before); }

private:
    EventEditor *m_editor;
    EventCategory m_before;
    EventCategory m_after;
};

// QUndoStack::push() calls redo(); the first change is written before pushing, so the first redo
// must not write again.
template <typename Command>
class AlreadyDone : public Command
{
public:
    using Command::Command;
    void redo() override
    {
        if (m_first) {
            m_first = false;
            return;
        }
        Command::redo();
    }

private:
    bool m_first = true;
};

} // namespace

EventEditor::EventEditor(QObject *parent) : QObject(parent), m_undo(new QUndoStack(this)) {}

void EventEditor::setProjectPath(const QString &path)
{
    m_path = path;
    m_undo->clear();
    reload();
}

void EventEditor::reload()
{
    QString error;
    auto store = m_path.isEmpty() ? nullptr : Store::open(m_path, Store::Mode::ReadOnly, &error);
    m_events = store ? store->events() : QVector<Event>{};
    m_stored = store ? store->categories() : QVector<EventCategory>{};
    if (!m_path.isEmpty() && !store)
        emit failed(error);
    emit eventsChanged(m_events);
    emit categoriesChanged(categories());
}

QVector<EventCategory> EventEditor::categories() const
{
    return mergeCategories(m_stored, m_events);
}

QVector<EventCategory> mergeCategories(const QVector<EventCategory> &stored, const QVector<Event> &events)
{
    // Events written by this version store their category's colour (Store::changeEvents); a project
    // from before that names categories it never stored: they get the colours no stored category
    // has, in order of first use (events come by start, id), the same on every opening.
    QVector<EventCategory> out = stored;
    QStringList colors;
    for (const EventCategory &c : stored)
        colors.append(c.color);
    for (const Event &e : events) {
        const bool known = std::any_of(out.begin(), out.end(), [&](const EventCategory &c) { return c.name == e.category; });
        if (!known) {
            out.append({e.category, nextCategoryColor(colors), true});
            colors.append(out.last().color);
        }
    }
    std::sort(out.begin(), out.end(), [](const EventCategory &a, const EventCategory &b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return out;
}

bool EventEditor::applyCategory(const EventCategory &category)
{
    QString error;
    auto store = Store::open(m_path, Store::Mode::ReadWrite, &error);
    if (!store || !store->setCategory(category, &error)) {
        emit failed(error);
        return false;
    }
    m_stored = store->categories();
    emit categoriesChanged(categories());
    return true;
}

bool EventEditor::setCategory(const EventCategory &before, const EventCategory &after)
{
    if (before == after)
        return true;
    if (!applyCategory(after))
        return false;
    const QString text = before.visible != after.visible
                             ? (after.visible ? tr("Show category “%1”") : tr("Hide category “%1”")).arg(after.name)
                             : tr("Change colour of “%1”").arg(after.name);
    m_undo->push(new AlreadyDone<CategoryCommand>(this, before, after, text));
    return true;
}

bool EventEditor::apply(QVector<Event> *insert, const QVector<Event> &update, const QVector<int64_t> &remove)
{
    QString error;
    auto store = Store::open(m_path, Store::Mode::ReadWrite, &error);
    if (!store || !store->changeEvents(insert, update, remove, &error)) {
        emit failed(error);
        return false;
    }
    m_events = store->events();
    m_stored = store->categories(); // a new category is stored with its colour by the change itself
    emit eventsChanged(m_events);
    emit categoriesChanged(categories());
    return true;
}

bool EventEditor::addEvents(const QVector<Event> &events, const QString &actionText)
{
    if (events.isEmpty())
        return true;
    QVector<Event> stored = events;
    for (Event &e : stored)
        e.id = 0;
    if (!apply(&stored, {}, {}))
        return false;
    m_undo->push(new AlreadyDone<AddRemoveCommand>(this, stored, true, actionText));
    return true;
}

bool EventEditor::editEvent(const Event &before, const Event &after, const QString &actionText)
{
    if (before == after)
        return true;
    if (!apply(nullptr, {after}, {}))
        return false;
    m_undo->push(new AlreadyDone<EditCommand>(this, before, after,
                                              actionText.isEmpty() ? tr("Edit event “%1”").arg(after.title) : actionText));
    return true;
}

bool EventEditor::removeEvents(const QVector<int64_t> &ids)
{
    QVector<Event> gone;
    for (const Event &e : m_events)
        if (ids.contains(e.id))
            gone << e;
    if (gone.isEmpty())
        return true;
    if (!apply(nullptr, {}, ids))
        return false;
    const QString text = gone.size() == 1 ? tr("Delete event “%1”").arg(gone.first().title)
                                          : tr("Delete %1 events").arg(gone.size());
    m_undo->push(new AlreadyDone<AddRemoveCommand>(this, gone, false, text));
    return true;
}

} // namespace dnt
