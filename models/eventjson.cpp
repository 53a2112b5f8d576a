#include "eventjson.h"

#include "timeutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSaveFile>
#include <QSet>

namespace dnt {

namespace {

// 1-based line of a byte offset.
int lineAt(const QByteArray &data, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, data.size());
    return int(std::count(data.constBegin(), data.constBegin() + offset, '\n')) + 1;
}

// Byte offsets where the elements of the top-level array begin. QJsonDocument keeps no positions, so
// this walks the text once more; it runs only on text QJsonDocument has accepted, which is why it only
// needs to know strings (with escapes) and nesting.
QVector<qsizetype> elementOffsets(const QByteArray &d)
{
    QVector<qsizetype> out;
    int depth = 0;
    bool inString = false;
    bool expectElement = false;
    for (qsizetype i = 0; i < d.size(); ++i) {
        const char c = d.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (expectElement && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            if (c != ']')
                out.append(i);
            expectElement = false;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '[':
        case '{':
            if (++depth == 1)
                expectElement = true;
            break;
        case ']':
        case '}':
            --depth;
            break;
        case ',':
            if (depth == 1)
                expectElement = true;
            break;
        default:
            break;
        }
    }
    return out;
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

// JSON string literal. Non-ASCII stays UTF-8; U+2028/2029 are escaped because JavaScript parsers that
// predate ES2019 treat them as line ends inside strings.
void appendJsonString(QString *out, const QString &s)
{
    out->append(QLatin1Char('"'));
    for (const QChar c : s) {
        switch (c.unicode()) {
        case '"':
            out->append(QLatin1String("\\\""));
            break;
        case '\\':
            out->append(QLatin1String("\\\\"));
            break;
        case '\n':
            out->append(QLatin1String("\\n"));
            break;
        case '\r':
            out->append(QLatin1String("\\r"));
            break;
        case '\t':
            out->append(QLatin1String("\\t"));
            break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x2028 || c.unicode() == 0x2029)
                out->append(QString::asprintf("\\u%04x", unsigned(c.unicode())));
            else
                out->append(c);
        }
    }
    out->append(QLatin1Char('"'));
}

const QStringList &knownFields()
{
    static const QStringList fields{QStringLiteral("start"),    QStringLiteral("end"),  QStringLiteral("title"),
                                    QStringLiteral("category"), QStringLiteral("note"), QStringLiteral("url")};
    return fields;
}

} // namespace

EventFileResult readEventJson(const QByteArray &input)
{
    EventFileResult result;
    result.format = QStringLiteral("json");
    if (input.size() > kMaxEventJsonBytes) {
        result.error = QStringLiteral("too large for a JSON events file (%1 bytes; at most %2)")
                           .arg(input.size())
                           .arg(kMaxEventJsonBytes);
        return result;
    }
    const QByteArray data = input.startsWith("\xEF\xBB\xBF") ? input.mid(3) : input;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const int line = lineAt(data, parseError.offset);
        const qsizetype lineStart = data.lastIndexOf('\n', std::max<qsizetype>(0, parseError.offset - 1)) + 1;
        result.error = QStringLiteral("line %1, column %2: not valid JSON: %3")
                           .arg(line)
                           .arg(parseError.offset - lineStart + 1)
                           .arg(parseError.errorString());
        return result;
    }
    if (!doc.isArray()) {
        result.error = QStringLiteral("line 1: expected a JSON array of events ([{\"start\": …, \"title\": …}, …]), "
                                      "got %1")
                           .arg(doc.isObject() ? QStringLiteral("an object") : QStringLiteral("a single value"));
        return result;
    }
    const QJsonArray array = doc.array();
    const QVector<qsizetype> offsets = elementOffsets(data);
    QSet<QString> unknownReported;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const int line = i < offsets.size() ? lineAt(data, offsets.at(i)) : 0;
        const int index = int(i);
        const QJsonValue v = array.at(i);
        if (!v.isObject()) {
            result.problems.append(
                {line, QStringLiteral("expected an object with start and title, got %1").arg(typeName(v)), index});
            continue;
        }
        const QJsonObject o = v.toObject();
        QStringList reasons;
        // A text field: absent or null is empty; anything but a string is a mistake worth reporting.
        auto text = [&](const QString &name, QString *value) {
            const QJsonValue f = o.value(name);
            if (f.isUndefined() || f.isNull())
                return false;
            if (!f.isString()) {
                reasons << QStringLiteral("%1: expected a string, got %2").arg(name, typeName(f));
                return false;
            }
            *value = f.toString();
            return true;
        };
        Event e;
        QString start, end;
        bool startOk = false;
        if (o.value(QStringLiteral("start")).isUndefined() || o.value(QStringLiteral("start")).isNull())
            reasons << QStringLiteral("start is missing");
        else if (text(QStringLiteral("start"), &start)) {
            if (const auto s = parseIso8601(start.trimmed())) {
                e.startUs = *s;
                startOk = true;
            } else {
                reasons << QStringLiteral(
                               "start: expected an ISO 8601 date or date-time with Z or an offset, got \"%1\"")
                               .arg(start.left(80));
            }
        }
        if (text(QStringLiteral("end"), &end) && !end.trimmed().isEmpty()) {
            const auto en = parseIso8601(end.trimmed());
            if (!en)
                reasons << QStringLiteral("end: expected an ISO 8601 date or date-time with Z or an offset, got \"%1\"")
                               .arg(end.left(80));
            else if (startOk && *en <= e.startUs)
                reasons << QStringLiteral("end (%1) is not after start (%2)").arg(end.trimmed(), start.trimmed());
            else
                e.endUs = *en;
        }
        const QJsonValue title = o.value(QStringLiteral("title"));
        if (title.isUndefined() || title.isNull())
            reasons << QStringLiteral("title is missing");
        else if (text(QStringLiteral("title"), &e.title) && (e.title = e.title.trimmed()).isEmpty())
            reasons << QStringLiteral("title is empty");
        text(QStringLiteral("category"), &e.category);
        e.category = e.category.trimmed();
        text(QStringLiteral("note"), &e.note);
        text(QStringLiteral("url"), &e.url);
        e.url = e.url.trimmed();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            if (knownFields().contains(it.key()) || unknownReported.contains(it.key()))
                continue;
            unknownReported.insert(it.key());
            result.warnings.append({line,
                                    QStringLiteral("field \"%1\" is not part of the events format and is ignored "
                                                   "(known: start, end, title, category, note, url)")
                                        .arg(it.key().left(80)),
                                    index});
        }
        if (!reasons.isEmpty())
            result.problems.append({line, reasons.join(QStringLiteral("; ")), index});
        else
            result.events.append(e);
    }
    return result;
}

QByteArray eventJson(const QVector<Event> &events)
{
    if (events.isEmpty())
        return "[]\n";
    QString out = QStringLiteral("[\n");
    for (qsizetype i = 0; i < events.size(); ++i) {
        const Event &e = events.at(i);
        out += QLatin1String("  {\n    \"start\": ");
        appendJsonString(&out, formatIsoUtc(e.startUs));
        out += QLatin1String(",\n    \"end\": ");
        if (e.endUs)
            appendJsonString(&out, formatIsoUtc(*e.endUs));
        else
            out += QLatin1String("null");
        const std::pair<const char *, const QString *> fields[] = {
            {"title", &e.title}, {"category", &e.category}, {"note", &e.note}, {"url", &e.url}};
        for (const auto &[name, value] : fields) {
            out += QLatin1String(",\n    \"") + QLatin1String(name) + QLatin1String("\": ");
            appendJsonString(&out, *value);
        }
        out += i + 1 < events.size() ? QLatin1String("\n  },\n") : QLatin1String("\n  }\n");
    }
    out += QLatin1String("]\n");
    return out.toUtf8();
}

bool writeEventJsonFile(const QString &path, const QVector<Event> &events, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
        return false;
    }
    f.write(eventJson(events));
    if (!f.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace dnt
