#pragma once

#include "event.h"

#include <QString>
#include <QTimeZone>

class QWidget;

namespace dnt {

// Links from event files may be anything ("javascript:", "file:///etc/passwd"): only http and https
// with a host are ever opened.
bool isOpenableLink(const QString &url);

// Plain-text description of an event for the details box: title, time(s) in the zone, category, note, link.
QString eventDetailsText(const Event &event, const QTimeZone &zone);

// Shows an event's details (plain text). An http/https link can be opened from there, after the full
// address was shown; any other link is shown and not offered for opening.
void showEventDetails(QWidget *parent, const Event &event, const QTimeZone &zone);

} // namespace dnt
