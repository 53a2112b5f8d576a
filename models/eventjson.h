#pragma once

#include "eventfile.h"

#include <QByteArray>
#include <QString>
#include <QVector>

namespace dnt {

// The events JSON contract: a UTF-8 array of objects with the fields of the CSV contract,
//   [ { "start": "2016-07-27T19:00:00Z", "end": null, "title": "…", "category": "…", "note": "…",
//       "url": "…" }, … ]
// start and title are required strings; start/end are ISO 8601 strings as in the CSV (a date alone is
// 00:00 UTC); end null, "" or absent is a point event; category, note and url are strings or null.
// Every bad element is reported with its 0-based index and the line it begins on; a syntax error or a
// top level that is not an array is a problem of the whole file. Unknown fields are ignored with a
// warning. Pure: any thread.
EventFileResult readEventJson(const QByteArray &data);

// The file readEventJson() reads: pretty-printed, fields in the contract's order, times in UTC with Z.
QByteArray eventJson(const QVector<Event> &events);
// Writes eventJson() atomically (QSaveFile): a failed write leaves an existing file untouched.
bool writeEventJsonFile(const QString &path, const QVector<Event> &events, QString *error);

// QJsonDocument builds a tree several times the size of its text: event files are small, so refuse
// anything larger than this instead of exhausting memory.
constexpr qint64 kMaxEventJsonBytes = 32 * 1024 * 1024;

} // namespace dnt
