#include "eventeditor.h"

#include "store.h"

#include <QUndoStack>

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
    if (!m_path.isEmpty() && !store)
        emit failed(error);
    emit eventsChanged(m_events);
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
    emit eventsChanged(m_events);
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
