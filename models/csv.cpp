#include "csv.h"

namespace dnt {

CsvParseResult parseCsv(const QByteArray &raw, QChar delimiter)
{
    CsvParseResult result;
    QString text = QString::fromUtf8(raw);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);

    int line = 1;
    CsvRow row;
    row.line = 1;
    QString field;
    bool inQuotes = false;
    bool fieldStarted = false;
    bool wasQuoted = false;
    int quoteStartLine = 0;
    const qsizetype n = text.size();
    auto endField = [&] {
        row.fields.append(field);
        field.clear();
        fieldStarted = false;
        wasQuoted = false;
    };
    auto endRow = [&] {
        endField();
        // Blank lines are not rows.
        if (!(row.fields.size() == 1 && row.fields.first().isEmpty()))
            result.rows.append(row);
        row = CsvRow();
    };
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < n && text.at(i + 1) == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                field += c;
            }
            continue;
        }
        // Blanks before an opening quote ("a", "b", as some exporters write) are not part of the field.
        if (c == QLatin1Char('"') && !wasQuoted && field.trimmed().isEmpty()) {
            field.clear();
            inQuotes = true;
            wasQuoted = true;
            fieldStarted = true;
            quoteStartLine = line;
        } else if (c == delimiter) {
            endField();
        } else if (c == QLatin1Char('\r') && i + 1 < n && text.at(i + 1) == QLatin1Char('\n')) {
            continue;
        } else if (c == QLatin1Char('\n')) {
            endRow();
            ++line;
            row.line = line;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (inQuotes) {
        result.error = QStringLiteral("line %1: a quoted field is never closed").arg(quoteStartLine);
        result.errorLine = quoteStartLine;
        return result;
    }
    if (fieldStarted || !field.isEmpty() || !row.fields.isEmpty())
        endRow();
    return result;
}

QString csvField(const QString &value, bool neutraliseFormula)
{
    QString v = value;
    if (neutraliseFormula && !v.isEmpty()) {
        const QChar c = v.at(0);
        if (c == QLatin1Char('=') || c == QLatin1Char('+') || c == QLatin1Char('-') || c == QLatin1Char('@')
            || c == QLatin1Char('\t') || c == QLatin1Char('\r'))
            v.prepend(QLatin1Char('\''));
    }
    if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"')) || v.contains(QLatin1Char('\n'))
        || v.contains(QLatin1Char('\r')) || v.startsWith(QLatin1Char(' ')) || v.endsWith(QLatin1Char(' '))) {
        v.replace(QLatin1String("\""), QLatin1String("\"\""));
        v = QLatin1Char('"') + v + QLatin1Char('"');
    }
    return v;
}

QString csvLine(const QStringList &fields, bool neutraliseFormula)
{
    QStringList out;
    out.reserve(fields.size());
    for (const auto &f : fields)
        out << csvField(f, neutraliseFormula);
    return out.join(QLatin1Char(',')) + QStringLiteral("\r\n");
}

} // namespace dnt
