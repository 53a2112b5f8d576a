#include "viewspec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace dnt {

namespace {

const char *const kSplitNames[] = {"none", "client", "name", "group"};

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

bool readList(const QJsonObject &o, const char *key, QStringList *out, QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    if (!v.isArray()) {
        *error = QStringLiteral("\"%1\" must be a list of strings").arg(QLatin1String(key));
        return false;
    }
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isString()) {
            *error = QStringLiteral("\"%1\" must be a list of strings").arg(QLatin1String(key));
            return false;
        }
        *out << item.toString();
    }
    return true;
}

QJsonArray toArray(const QVector<int> &list)
{
    QJsonArray a;
    for (int v : list)
        a.append(v);
    return a;
}

bool readNumbers(const QJsonObject &o, const char *key, int min, int max, QVector<int> *out, QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    const QString bad = QStringLiteral("\"%1\" must be a list of numbers from %2 to %3").arg(QLatin1String(key)).arg(min).arg(max);
    if (!v.isArray()) {
        *error = bad;
        return false;
    }
    for (const QJsonValue &item : v.toArray()) {
        const double d = item.toDouble(-1e300);
        if (!item.isDouble() || d != double(qint64(d)) || d < min || d > max) {
            *error = bad;
            return false;
        }
        *out << int(d);
    }
    return true;
}

} // namespace

std::optional<Split> splitFromString(const QString &text)
{
    for (int i = 0; i < 4; ++i)
        if (text.compare(QLatin1String(kSplitNames[i]), Qt::CaseInsensitive) == 0)
            return Split(i);
    return std::nullopt;
}

QString splitName(Split split)
{
    return QLatin1String(kSplitNames[int(split)]);
}

std::optional<BaselineSpec> BaselineSpec::fromString(const QString &text, QString *error)
{
    const QString t = text.trimmed();
    BaselineSpec b;
    if (t.isEmpty() || t.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return b;
    if (t.compare(QLatin1String("all"), Qt::CaseInsensitive) == 0) {
        b.kind = Kind::All;
        return b;
    }
    if (t.startsWith(QLatin1String("view:"), Qt::CaseInsensitive) && !t.mid(5).trimmed().isEmpty()) {
        b.kind = Kind::View;
        b.viewName = t.mid(5).trimmed();
        return b;
    }
    if (error)
        *error = QStringLiteral("baseline must be \"all\", \"view:NAME\" or \"none\", not \"%1\"").arg(text);
    return std::nullopt;
}

QString BaselineSpec::toString() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::All:
        return QStringLiteral("all");
    case Kind::View:
        return QStringLiteral("view:") + viewName;
    }
    return {};
}

QString BaselineSpec::label() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::All:
        return QStringLiteral("all lookups");
    case Kind::View:
        return QStringLiteral("view %1").arg(viewName);
    }
    return {};
}

QByteArray ViewSpec::toJson() const
{
    QJsonObject sel;
    sel.insert(QStringLiteral("names"), toArray(selection.names));
    sel.insert(QStringLiteral("domains"), toArray(selection.domains));
    sel.insert(QStringLiteral("clients"), toArray(selection.clients));
    sel.insert(QStringLiteral("groups"), toArray(selection.groups));
    if (selection.hasLookupFilter()) {
        sel.insert(QStringLiteral("rcodes"), toArray(selection.rcodes));
        sel.insert(QStringLiteral("qtypes"), toArray(selection.qtypes));
        sel.insert(QStringLiteral("servers"), toArray(selection.servers));
    }
    QJsonObject o;
    // A view with lookup filters is version 2, so that a version that cannot apply them refuses it
    // instead of drawing more lookups than the view shows; without them it stays readable by version 1.
    o.insert(QStringLiteral("version"), selection.hasLookupFilter() ? kVersion : 1);
    o.insert(QStringLiteral("selection"), sel);
    if (fromUs)
        o.insert(QStringLiteral("fromUs"), qint64(*fromUs));
    if (toUs)
        o.insert(QStringLiteral("toUs"), qint64(*toUs));
    o.insert(QStringLiteral("range"), rangeModeName(range));
    o.insert(QStringLiteral("bucket"), bucket ? bucketUnitName(*bucket) : QStringLiteral("auto"));
    o.insert(QStringLiteral("style"), style);
    o.insert(QStringLiteral("values"), values);
    o.insert(QStringLiteral("log"), log);
    o.insert(QStringLiteral("zone"), zone);
    o.insert(QStringLiteral("split"), splitName(split));
    QJsonObject cats;
    for (auto it = categories.cbegin(); it != categories.cend(); ++it)
        cats.insert(it.key(), it.value());
    o.insert(QStringLiteral("categories"), cats);
    if (!title.isEmpty())
        o.insert(QStringLiteral("title"), title);
    // Optional keys, left out when unused: views saved before baselines and hidden series read the same.
    if (!baseline.isNone())
        o.insert(QStringLiteral("baseline"), baseline.toString());
    if (!hidden.isEmpty())
        o.insert(QStringLiteral("hidden"), toArray(hidden));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<ViewSpec> ViewSpec::fromJson(const QByteArray &json, QString *error)
{
    QString dummy;
    if (!error)
        error = &dummy;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        *error = parseError.error != QJsonParseError::NoError
                     ? QStringLiteral("not JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset)
                     : QStringLiteral("not a JSON object");
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    const int version = o.value(QStringLiteral("version")).toInt(0);
    if (version < 1) {
        *error = QStringLiteral("not a view spec (no \"version\")");
        return std::nullopt;
    }
    if (version > kVersion) {
        *error = QStringLiteral("written by a newer version of DNS Timeline (view version %1, this version reads up to %2)")
                     .arg(version)
                     .arg(kVersion);
        return std::nullopt;
    }
    ViewSpec v;
    const QJsonObject sel = o.value(QStringLiteral("selection")).toObject();
    if (!readList(sel, "names", &v.selection.names, error) || !readList(sel, "domains", &v.selection.domains, error)
        || !readList(sel, "clients", &v.selection.clients, error) || !readList(sel, "groups", &v.selection.groups, error)
        // -1 and 0: lookups whose log gave no response code or query type (the filter row offers them).
        || !readNumbers(sel, "rcodes", -1, 4095, &v.selection.rcodes, error)
        || !readNumbers(sel, "qtypes", 0, 65535, &v.selection.qtypes, error)
        || !readList(sel, "servers", &v.selection.servers, error))
        return std::nullopt;
    for (const QString &server : std::as_const(v.selection.servers)) {
        if (!AddressFilter::parse(server)) {
            *error = QStringLiteral("server \"%1\" is not an IPv4/IPv6 address or CIDR range").arg(server);
            return std::nullopt;
        }
    }
    for (const char *key : {"fromUs", "toUs"}) {
        const QJsonValue t = o.value(QLatin1String(key));
        if (t.isUndefined() || t.isNull())
            continue;
        if (!t.isDouble()) {
            *error = QStringLiteral("\"%1\" must be a number of microseconds").arg(QLatin1String(key));
            return std::nullopt;
        }
        (qstrcmp(key, "fromUs") == 0 ? v.fromUs : v.toUs) = t.toInteger();
    }
    if (v.fromUs && v.toUs && *v.toUs <= *v.fromUs) {
        *error = QStringLiteral("\"toUs\" must be after \"fromUs\"");
        return std::nullopt;
    }
    const QJsonValue range = o.value(QStringLiteral("range"));
    if (range.isUndefined()) {
        v.range = RangeMode::Selection; // what a view without a range choice showed
    } else {
        const auto mode = rangeModeFromString(range.toString());
        if (!mode) {
            *error = QStringLiteral("unknown range \"%1\" (%2)").arg(range.toString(), rangeModeNames());
            return std::nullopt;
        }
        v.range = *mode;
    }
    const QString bucket = o.value(QStringLiteral("bucket")).toString(QStringLiteral("auto"));
    if (bucket != QLatin1String("auto")) {
        v.bucket = bucketUnitFromString(bucket);
        if (!v.bucket) {
            *error = QStringLiteral("unknown bucket \"%1\"").arg(bucket);
            return std::nullopt;
        }
    }
    v.style = o.value(QStringLiteral("style")).toString(v.style);
    if (v.style != QLatin1String("bars") && v.style != QLatin1String("lines") && v.style != QLatin1String("steps")) {
        *error = QStringLiteral("unknown style \"%1\" (bars, lines or steps)").arg(v.style);
        return std::nullopt;
    }
    v.values = o.value(QStringLiteral("values")).toString(v.values);
    if (v.values != QLatin1String("count") && v.values != QLatin1String("share")) {
        *error = QStringLiteral("unknown values \"%1\" (count or share)").arg(v.values);
        return std::nullopt;
    }
    v.log = o.value(QStringLiteral("log")).toBool(false);
    v.zone = o.value(QStringLiteral("zone")).toString(v.zone);
    if (v.zone != QLatin1String("UTC") && !QTimeZone(v.zone.toUtf8()).isValid()) {
        *error = QStringLiteral("unknown time zone \"%1\"").arg(v.zone);
        return std::nullopt;
    }
    const auto split = splitFromString(o.value(QStringLiteral("split")).toString(QStringLiteral("none")));
    if (!split) {
        *error = QStringLiteral("unknown split \"%1\"").arg(o.value(QStringLiteral("split")).toString());
        return std::nullopt;
    }
    v.split = *split;
    const QJsonObject cats = o.value(QStringLiteral("categories")).toObject();
    for (auto it = cats.constBegin(); it != cats.constEnd(); ++it)
        v.categories.insert(it.key(), it.value().toBool(true));
    v.title = o.value(QStringLiteral("title")).toString();
    const QJsonValue baseline = o.value(QStringLiteral("baseline"));
    if (!baseline.isUndefined() && !baseline.isNull()) {
        const auto b = baseline.isString() ? BaselineSpec::fromString(baseline.toString(), error) : std::nullopt;
        if (!b) {
            if (!baseline.isString())
                *error = QStringLiteral("\"baseline\" must be a string");
            return std::nullopt;
        }
        v.baseline = *b;
    }
    if (!readList(o, "hidden", &v.hidden, error))
        return std::nullopt;
    return v;
}

bool ViewSpec::operator==(const ViewSpec &o) const
{
    return selection.names == o.selection.names && selection.domains == o.selection.domains
           && selection.clients == o.selection.clients && selection.groups == o.selection.groups
           && selection.rcodes == o.selection.rcodes && selection.qtypes == o.selection.qtypes
           && selection.servers == o.selection.servers && fromUs == o.fromUs
           && toUs == o.toUs && range == o.range && bucket == o.bucket && style == o.style && values == o.values && log == o.log
           && zone == o.zone && split == o.split && categories == o.categories && title == o.title
           && baseline == o.baseline && hidden == o.hidden;
}

} // namespace dnt
