#pragma once

#include "event.h"
#include "store.h"

#include <QObject>
#include <QString>
#include <QVector>

class QUndoStack;

namespace dnt {

// Stored categories plus those only named by events (with a colour no stored category has), sorted by name.
QVector<EventCategory> mergeCategories(const QVector<EventCategory> &stored, const QVector<Event> &events);

// Every change to the project's events goes through here: it is written to the project at once, in
// one transaction (Store::changeEvents), and pushed on the undo stack only once it is on disk. Undo and
// redo write too. So a killed app never loses what was shown as done, and undo never shows a state
// the project does not hold. Lives on the GUI thread (event writes are a handful of rows).
class EventEditor : public QObject
{
    Q_OBJECT
public:
    explicit EventEditor(QObject *parent = nullptr);

    void setProjectPath(const QString &path); // clears the undo history
    QString projectPath() const { return m_path; }
    QUndoStack *undoStack() const { return m_undo; }
    const QVector<Event> &events() const { return m_events; }
    // Re-reads the events from the project (after an outside change).
    void reload();

    // Each returns false (and emits failed) if the project could not be written; nothing changes then.
    bool addEvents(const QVector<Event> &events, const QString &actionText);
    bool addEvent(const Event &event) { return addEvents({event}, tr("Add event “%1”").arg(event.title)); }
    bool editEvent(const Event &before, const Event &after, const QString &actionText = {});
    bool removeEvents(const QVector<int64_t> &ids);

    // Every category in use or stored, by name. A new category is stored with the first palette
    // colour no other category has (see categorycolors.h) when its first event is written.
    QVector<EventCategory> categories() const;
    // Changes one category's colour or visibility (undoable, written at once).
    bool setCategory(const EventCategory &before, const EventCategory &after);

    // Used by the undo commands.
    bool applyCategory(const EventCategory &category);
    bool apply(QVector<Event> *insert, const QVector<Event> &update, const QVector<int64_t> &remove);

signals:
    void eventsChanged(const QVector<dnt::Event> &events);
    void categoriesChanged(const QVector<dnt::EventCategory> &categories);
    void failed(const QString &message);

private:
    QString m_path;
    QUndoStack *m_undo;
    QVector<Event> m_events;
    QVector<EventCategory> m_stored;
};

} // namespace dnt
