#include "eventfile.h"

#include "csv.h"
#include "timeutil.h"

#include <QFile>
#include <QHash>
#include <QSaveFile>
#include <QUrl>

namespace dnt {

namespace {

QString problemMessage(const QString &path, const EventFileProblem &p)
{
    QString where = path;
    if (p.line > 0)
        where += QStringLiteral(": line %1").arg(p.line);
    if (p.element >= 0)
        where += QStringLiteral(": element %1").arg(p.element);
    return where + QStringLiteral(": ") + p.reason;
}

} // namespace

QStringList EventFileResult::messages(const QString &path) const
{
    QStringList out;
    if (!error.isEmpty())
        out << QStringLiteral("%1: %2").arg(path, error);
    for (const auto &p : problems)
        out << problemMessage(path, p);
    return out;
}

QStringList EventFileResult::warningMessages(const QString &path) const
{
    QStringList out;
    for (const auto &w : warnings)
        out << problemMessage(path, w);
    return out;
}

EventFileResult readEventCsv(const QByteArray &data)
{
    EventFileResult result;
    result.format = QStringLiteral("csv");
    const CsvParseResult csv = parseCsv(data);
    if (!csv.error.isEmpty()) {
        // A structural error (an unterminated quote) swallows the rest of the file: that is a problem of
        // the whole file, so that "import only the good rows" cannot silently drop everything after it.
        result.error = csv.error; // "line N: a quoted field is never closed"
        return result;
    }
    if (csv.rows.isEmpty()) {
        result.error = QStringLiteral("empty file: expected the header start,end,title,category,note,url");
        return result;
    }
    const QStringList header = csv.rows.first().fields;
    QHash<QString, int> col;
    for (int i = 0; i < header.size(); ++i)
        col.insert(header.at(i).trimmed().toLower(), i);
    if (!col.contains(QStringLiteral("start")) || !col.contains(QStringLiteral("title"))) {
        result.error = QStringLiteral("line 1: expected a header with at least the columns start and title "
                                      "(start,end,title,category,note,url), got \"%1\"")
                           .arg(header.join(QLatin1Char(',')).left(200));
        return result;
    }
    auto get = [&](const CsvRow &row, const char *name) {
        const int i = col.value(QLatin1String(name), -1);
        return i >= 0 && i < row.fields.size() ? row.fields.at(i) : QString();
    };
    for (qsizetype r = 1; r < csv.rows.size(); ++r) {
        const CsvRow &row = csv.rows.at(r);
        if (row.fields.size() != header.size()) {
            result.problems.append({row.line, QStringLiteral("expected %1 fields as in the header, found %2")
                                                  .arg(header.size())
                                                  .arg(row.fields.size())});
            continue;
        }
        Event e;
        QStringList reasons;
        const QString start = get(row, "start").trimmed();
        const QString end = get(row, "end").trimmed();
        const auto s = parseIso8601(start);
        if (!s)
            reasons << QStringLiteral("start: expected an ISO 8601 date or date-time with Z or an offset, got \"%1\"")
                           .arg(start.left(80));
        else
            e.startUs = *s;
        if (!end.isEmpty()) {
            const auto en = parseIso8601(end);
            if (!en)
                reasons << QStringLiteral("end: expected an ISO 8601 date or date-time with Z or an offset, got \"%1\"")
                               .arg(end.left(80));
            else if (s && *en <= *s)
                reasons << QStringLiteral("end (%1) is not after start (%2)").arg(end, start);
            else
                e.endUs = *en;
        }
        e.title = get(row, "title").trimmed();
        if (e.title.isEmpty())
            reasons << QStringLiteral("title is empty");
        e.category = get(row, "category").trimmed();
        e.note = get(row, "note");
        e.url = get(row, "url").trimmed();
        if (!reasons.isEmpty())
            result.problems.append({row.line, reasons.join(QStringLiteral("; "))});
        else
            result.events.append(e);
    }
    return result;
}

EventFileResult readEventCsvFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        EventFileResult r;
        r.error = QStringLiteral("cannot open: %1").arg(f.errorString());
        return r;
    }
    if (f.size() > 64 * 1024 * 1024) {
        EventFileResult r;
        r.error = QStringLiteral("too large for an events file (%1 bytes)").arg(f.size());
        return r;
    }
    return readEventCsv(f.readAll());
}

bool writeEventCsvFile(const QString &path, const QVector<Event> &events, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
        return false;
    }
    QString out = csvLine({QStringLiteral("start"), QStringLiteral("end"), QStringLiteral("title"),
                           QStringLiteral("category"), QStringLiteral("note"), QStringLiteral("url")});
    for (const auto &e : events)
        out += csvLine({formatIsoUtc(e.startUs), e.endUs ? formatIsoUtc(*e.endUs) : QString(), e.title,
                        e.category, e.note, e.url});
    f.write(out.toUtf8());
    if (!f.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace dnt
