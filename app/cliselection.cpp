// SELECTION and the query options shared by stats, render, pairs and views: one parser for all of them.
#include "cli_p.h"

#include "dnscodes.h"
#include "timeutil.h"
#include "viewspec.h"

#include <QCommandLineParser>
#include <QTimeZone>

namespace dnt::cli {

void addSelectionOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("domain"), QStringLiteral("A domain and every name below it (repeatable)."),
                 QStringLiteral("D")});
    p.addOption({QStringLiteral("name"), QStringLiteral("Exactly this name (repeatable)."), QStringLiteral("N")});
    p.addOption({QStringLiteral("client"), QStringLiteral("A client address or CIDR range (repeatable)."),
                 QStringLiteral("ADDR")});
    p.addOption({QStringLiteral("group"), QStringLiteral("A source group of the project (repeatable)."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("rcode"), QStringLiteral("A response code, NXDOMAIN or 3 (repeatable)."),
                 QStringLiteral("NAME|NUMBER")});
    p.addOption({QStringLiteral("qtype"), QStringLiteral("A query type, AAAA or 28 (repeatable)."),
                 QStringLiteral("NAME|NUMBER")});
    p.addOption({QStringLiteral("server"), QStringLiteral("The server asked: an address or CIDR range (repeatable)."),
                 QStringLiteral("ADDR")});
    p.addOption({QStringLiteral("bucket"), QStringLiteral("minute, 5min, 15min, hour, 6hour, day, week or month."),
                 QStringLiteral("UNIT")});
    p.addOption({QStringLiteral("tz"), QStringLiteral("Display zone (buckets and axis)."), QStringLiteral("AREA/CITY")});
    p.addOption({QStringLiteral("from"), QStringLiteral("Start (ISO 8601, inclusive)."), QStringLiteral("T")});
    p.addOption({QStringLiteral("to"), QStringLiteral("End (ISO 8601, exclusive)."), QStringLiteral("T")});
    p.addOption({QStringLiteral("split"), QStringLiteral("none, client, name or group."), QStringLiteral("HOW")});
}

// Reads SELECTION, --bucket, --from, --to, --split. Returns an error message or empty.
QString readQuery(const QCommandLineParser &p, VolumeQuery *q, bool *bucketGiven)
{
    for (const auto &n : p.values(QStringLiteral("name"))) {
        const QString v = normalizeName(n);
        if (v.isEmpty())
            return QStringLiteral("--name needs a name");
        q->selection.names << v;
    }
    for (const auto &d : p.values(QStringLiteral("domain"))) {
        const QString v = normalizeName(d);
        if (v.isEmpty())
            return QStringLiteral("--domain needs a domain");
        q->selection.domains << v;
    }
    for (const auto &c : p.values(QStringLiteral("client"))) {
        const auto f = AddressFilter::parse(c);
        if (!f)
            return QStringLiteral("--client \"%1\" is not an IPv4/IPv6 address or CIDR range").arg(c);
        q->selection.clients << f->text();
    }
    for (const auto &g : p.values(QStringLiteral("group"))) {
        if (g.trimmed().isEmpty())
            return QStringLiteral("--group needs a group name");
        q->selection.groups << g.trimmed();
    }
    for (const auto &r : p.values(QStringLiteral("rcode"))) {
        const auto v = rcodeFromText(r);
        if (!v)
            return QStringLiteral("--rcode \"%1\" is not a response code name (NOERROR, NXDOMAIN, SERVFAIL, REFUSED, …) "
                                  "or number (0-4095)").arg(r);
        if (!q->selection.rcodes.contains(*v))
            q->selection.rcodes << *v;
    }
    for (const auto &t : p.values(QStringLiteral("qtype"))) {
        const auto v = qtypeFromText(t);
        if (!v || *v == 0)
            return QStringLiteral("--qtype \"%1\" is not a query type name (A, AAAA, MX, TXT, …, TYPE65534) "
                                  "or number (1-65535)").arg(t);
        if (!q->selection.qtypes.contains(*v))
            q->selection.qtypes << *v;
    }
    for (const auto &a : p.values(QStringLiteral("server"))) {
        const auto f = AddressFilter::parse(a);
        if (!f)
            return QStringLiteral("--server \"%1\" is not an IPv4/IPv6 address or CIDR range").arg(a);
        q->selection.servers << f->text();
    }
    *bucketGiven = p.isSet(QStringLiteral("bucket"));
    if (*bucketGiven) {
        const auto u = bucketUnitFromString(p.value(QStringLiteral("bucket")));
        if (!u)
            return QStringLiteral("--bucket must be minute, 5min, 15min, hour, 6hour, day, week or month, not \"%1\"")
                .arg(p.value(QStringLiteral("bucket")));
        q->unit = *u;
    }
    for (const char *opt : {"from", "to"}) {
        const QString name = QLatin1String(opt);
        if (!p.isSet(name))
            continue;
        const auto t = parseIso8601(p.value(name));
        if (!t)
            return QStringLiteral("--%1 \"%2\" is not an ISO 8601 date or date-time with Z or an offset")
                .arg(name, p.value(name));
        (name == QLatin1String("from") ? q->fromUs : q->toUs) = *t;
    }
    if (p.isSet(QStringLiteral("tz"))) {
        const QTimeZone zone(p.value(QStringLiteral("tz")).toUtf8());
        if (!zone.isValid())
            return QStringLiteral("--tz \"%1\" is not a time zone this system knows (e.g. Europe/Moscow, UTC)")
                .arg(p.value(QStringLiteral("tz")));
        q->zone = zone;
    }
    if (q->fromUs && q->toUs && *q->toUs <= *q->fromUs)
        return QStringLiteral("--to must be after --from");
    if (p.isSet(QStringLiteral("split"))) {
        const auto split = splitFromString(p.value(QStringLiteral("split")));
        if (!split)
            return QStringLiteral("--split must be none, client, name or group, not \"%1\"").arg(p.value(QStringLiteral("split")));
        q->split = *split;
    }
    return {};
}

} // namespace dnt::cli
