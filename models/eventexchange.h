#pragma once

#include "eventfile.h"

#include <QByteArray>
#include <QString>
#include <QTimeZone>
#include <QVector>

namespace dnt {

// One way in and out for event files, whatever their format. All functions are pure apart from the
// file they read or write, and may be called from any thread.

// Event files are small (a few thousand events at most); anything larger is refused before reading.
constexpr qint64 kMaxEventFileBytes = 64 * 1024 * 1024;

// Reads CSV, JSON or iCalendar, chosen by the content: BEGIN:VCALENDAR is iCalendar, a leading [ or {
// is JSON, anything else CSV. The name's extension (.csv, .json, .ics) decides only when the content
// does not (an empty file). result.format tells what was read. `dateZone` is the zone whose midnights
// bound the all-day events of a calendar (CSV and JSON dates are 00:00 UTC by their contract).
EventFileResult readEventData(const QByteArray &data, const QString &nameHint = {},
                              const QTimeZone &dateZone = QTimeZone::utc());
EventFileResult readEventFile(const QString &path, const QTimeZone &dateZone = QTimeZone::utc());

// Writes CSV or JSON by the extension (.csv, .json; any case), atomically. Any other extension is
// refused with a message, so that a typo never produces a file in an unexpected format.
bool writeEventFile(const QString &path, const QVector<Event> &events, QString *error);

// Incoming events split against those already in the project: an event is a duplicate when one with
// the same start and the same title is already there, or came earlier in the same file. Order is kept.
struct EventDuplicateSplit
{
    QVector<Event> fresh;
    QVector<Event> duplicates;
};
EventDuplicateSplit splitDuplicates(const QVector<Event> &existing, const QVector<Event> &incoming);

} // namespace dnt
