#pragma once

#include "event.h"

#include <QString>
#include <QVector>

namespace dnt {

struct EventFileProblem
{
    int line = 0;      // 1-based line in the file (for JSON and ICS: where the element or VEVENT begins)
    QString reason;
    int element = -1;  // JSON: 0-based index of the array element; -1 for other formats
};

// Result of reading an events file: all events, or every bad line (then nothing may be imported).
struct EventFileResult
{
    QVector<Event> events;
    QVector<EventFileProblem> problems;
    QString error;  // a problem with the whole file (unreadable, no header, not JSON, too large)
    // Things the user should know that do not make a row bad (ICS floating times taken as UTC, an
    // unknown TZID, a JSON field that is ignored). Importing with warnings is allowed.
    QVector<EventFileProblem> warnings;
    QString format; // "csv", "json" or "ics": what readEventFile() read the file as
    bool ok() const { return error.isEmpty() && problems.isEmpty(); }
    // "events.csv: line 4: start: expected an ISO 8601 date or date-time with Z or an offset, got …"
    // ("events.json: line 7: element 2: …" for JSON)
    QStringList messages(const QString &path) const;
    // The warnings in the same form ("events.ics: line 12: …"; line 0 = the whole file).
    QStringList warningMessages(const QString &path) const;
};

// The events CSV contract: UTF-8, header `start,end,title,category,note,url` (columns by name, any
// order; title and start required). start/end are ISO 8601 dates (00:00 UTC) or date-times with Z or an
// offset; an empty end is a point event; end must be after start.
EventFileResult readEventCsv(const QByteArray &data);
EventFileResult readEventCsvFile(const QString &path);
// Writes the same format (fields neutralised against formula injection). Atomic.
bool writeEventCsvFile(const QString &path, const QVector<Event> &events, QString *error);

} // namespace dnt
