#include "eventexchange.h"

#include "eventics.h"
#include "eventjson.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace dnt {

namespace {

enum class Kind { Csv, Json, Ics, Unknown };

Kind byContent(const QByteArray &data)
{
    qsizetype i = data.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (i < data.size() && (data.at(i) == ' ' || data.at(i) == '\t' || data.at(i) == '\r' || data.at(i) == '\n'))
        ++i;
    if (i == data.size())
        return Kind::Unknown;
    if (data.at(i) == '[' || data.at(i) == '{')
        return Kind::Json;
    if (data.mid(i, 15).toUpper() == "BEGIN:VCALENDAR")
        return Kind::Ics;
    return Kind::Csv;
}

Kind byExtension(const QString &name)
{
    const QString ext = QFileInfo(name).suffix().toLower();
    if (ext == QLatin1String("json"))
        return Kind::Json;
    if (ext == QLatin1String("ics") || ext == QLatin1String("ical") || ext == QLatin1String("ifb"))
        return Kind::Ics;
    if (ext == QLatin1String("csv"))
        return Kind::Csv;
    return Kind::Unknown;
}

} // namespace

EventFileResult readEventData(const QByteArray &data, const QString &nameHint, const QTimeZone &dateZone)
{
    Kind kind = byContent(data);
    if (kind == Kind::Unknown)
        kind = byExtension(nameHint);
    switch (kind) {
    case Kind::Json:
        return readEventJson(data);
    case Kind::Ics:
        return readEventIcs(data, dateZone);
    case Kind::Csv:
    case Kind::Unknown:
        break;
    }
    return readEventCsv(data);
}

EventFileResult readEventFile(const QString &path, const QTimeZone &dateZone)
{
    EventFileResult r;
    QFile f(path);
    if (QFileInfo(path).isDir()) {
        r.error = QStringLiteral("is a directory, not an events file");
        return r;
    }
    if (!f.open(QIODevice::ReadOnly)) {
        r.error = QStringLiteral("cannot open: %1").arg(f.errorString());
        return r;
    }
    // read() with a limit rather than size(): a pipe or /dev/stdin reports no size.
    const QByteArray data = f.read(kMaxEventFileBytes + 1);
    if (data.size() > kMaxEventFileBytes) {
        r.error = QStringLiteral("too large for an events file (more than %1 bytes)").arg(kMaxEventFileBytes);
        return r;
    }
    if (f.error() != QFileDevice::NoError) {
        r.error = QStringLiteral("cannot read: %1").arg(f.errorString());
        return r;
    }
    return readEventData(data, path, dateZone);
}

bool writeEventFile(const QString &path, const QVector<Event> &events, QString *error)
{
    switch (byExtension(path)) {
    case Kind::Csv:
        return writeEventCsvFile(path, events, error);
    case Kind::Json:
        return writeEventJsonFile(path, events, error);
    case Kind::Ics:
    case Kind::Unknown:
        break;
    }
    *error = QStringLiteral("%1: events are written as CSV or JSON: the name must end in .csv or .json").arg(path);
    return false;
}

EventDuplicateSplit splitDuplicates(const QVector<Event> &existing, const QVector<Event> &incoming)
{
    EventDuplicateSplit out;
    QSet<QPair<qint64, QString>> seen;
    seen.reserve(existing.size() + incoming.size());
    for (const Event &e : existing)
        seen.insert({e.startUs, e.title});
    for (const Event &e : incoming) {
        const QPair<qint64, QString> key{e.startUs, e.title};
        if (seen.contains(key)) {
            out.duplicates.append(e);
        } else {
            seen.insert(key);
            out.fresh.append(e);
        }
    }
    return out;
}

} // namespace dnt
