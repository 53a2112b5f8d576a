#pragma once

#include "event.h"

#include <QDialog>
#include <QString>
#include <QTimeZone>

class QPushButton;
class QWidget;

namespace dnt {

// Links from event files may be anything ("javascript:", "file:///etc/passwd"): only http and https
// with a host are ever opened.
bool isOpenableLink(const QString &url);

// Plain-text description of an event for the details box: title, time(s) in the zone, category, note, link.
QString eventDetailsText(const Event &event, const QTimeZone &zone);

// An event's details (plain text) in a window that leaves the rest of the application usable (not
// modal), so that the chart can still be read, zoomed and clicked beside it. Edit… asks the owner to
// edit the event (editRequested) and closes the box, whose text would be stale afterwards. An
// http/https link can be opened from there, after the full address was shown; any other link is
// shown and not offered for opening.
class EventInfoBox : public QDialog
{
    Q_OBJECT
public:
    EventInfoBox(const Event &event, const QTimeZone &zone, QWidget *parent = nullptr);

    const Event &event() const { return m_event; }
    QString text() const;
    QPushButton *editButton() const { return m_edit; }
    QPushButton *openLinkButton() const { return m_openLink; } // nullptr when the link cannot be opened

signals:
    void editRequested(const dnt::Event &event);

private:
    Event m_event;
    QString m_text;
    QPushButton *m_edit = nullptr;
    QPushButton *m_openLink = nullptr;
};

// Creates and shows an EventInfoBox (deleted when closed) and returns it.
EventInfoBox *showEventDetails(QWidget *parent, const Event &event, const QTimeZone &zone);

} // namespace dnt
