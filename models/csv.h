#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

namespace dnt {

// RFC 4180 CSV, the way spreadsheets write it: quoted fields may hold commas, quotes ("") and line
// breaks; CRLF or LF line ends; a UTF-8 byte-order mark is ignored.
struct CsvRow
{
    int line = 0;          // 1-based line where the row starts
    QStringList fields;
};

struct CsvParseResult
{
    QVector<CsvRow> rows;  // header included as the first row
    QString error;         // set for a structural error (unterminated quote), with its line
    int errorLine = 0;
};

CsvParseResult parseCsv(const QByteArray &data, QChar delimiter = QLatin1Char(','));

// One CSV field: quoted when needed. Text that a spreadsheet would run as a formula (starting with
// = + - @, tab or CR) gets a leading apostrophe, as OWASP recommends against CSV injection.
QString csvField(const QString &value, bool neutraliseFormula = true);
QString csvLine(const QStringList &fields, bool neutraliseFormula = true);

} // namespace dnt
