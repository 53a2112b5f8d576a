// The workspace commands of the CLI: groups (source groups and address labels), pairs, views; and the
// chart options that render and views save share.
#include "cli_p.h"

#include "labelsfile.h"
#include "timelinechart.h"
#include "viewspec.h"

namespace dnt::cli {

namespace {

const QString kGroupsUsage = QStringLiteral(
    "groups needs a PROJECT and one of: list, add NAME ADDR|CIDR... [--color #rrggbb], remove NAME, labels [FILE]");
const QString kViewsUsage = QStringLiteral("views needs a PROJECT and one of: list, save NAME [SELECTION and render options], "
                                           "remove NAME, start [NAME]");

// Distinct colours for new groups, in order (Tableau 10), so that two groups never look alike by default.
const char *const kGroupPalette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                     "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

int failed(const QString &project, const QString &message)
{
    err() << "dnstimeline: " << project << ": " << message << "\n";
    err().flush();
    return kExitInput;
}

int groupsList(const QString &project)
{
    int code = kExitOk;
    auto store = openProject(project, Store::Mode::ReadOnly, &code);
    if (!store)
        return code;
    QString text = QStringLiteral("name\tcolor\tmembers\n");
    for (const SourceGroup &g : store->groups())
        text += g.name + QLatin1Char('\t') + g.color + QLatin1Char('\t') + g.members.join(QLatin1Char(',')) + QLatin1Char('\n');
    out() << text;
    out().flush();
    return kExitOk;
}

// Creates the group, or adds members to an existing one (which keeps its colour unless --color is given).
int groupsAdd(const QString &project, const QString &name, const QStringList &members, const QString &color)
{
    for (const QString &m : members)
        if (!AddressFilter::parse(m))
            return usageError(QStringLiteral("\"%1\" is not an IPv4/IPv6 address or CIDR range").arg(m));
    int code = kExitOk;
    auto store = openProject(project, Store::Mode::ReadWrite, &code);
    if (!store)
        return code;
    SourceGroup g;
    g.name = name.trimmed();
    if (const auto existing = store->group(g.name))
        g = *existing;
    else
        g.color = QLatin1String(kGroupPalette[store->groups().size() % std::size(kGroupPalette)]);
    if (!color.isEmpty())
        g.color = color;
    g.members += members;
    QString error;
    if (!store->saveGroup(g, &error))
        return failed(project, error);
    const auto saved = store->group(g.name);
    out() << "group " << g.name << ": " << (saved ? saved->members.size() : 0) << " members\n";
    out().flush();
    return kExitOk;
}

int groupsRemove(const QString &project, const QString &name)
{
    int code = kExitOk;
    auto store = openProject(project, Store::Mode::ReadWrite, &code);
    if (!store)
        return code;
    QString error;
    if (!store->removeGroup(name, &error))
        return failed(project, error);
    out() << "removed group " << name.trimmed() << "\n";
    out().flush();
    return kExitOk;
}

// With a FILE: stores its labels, all or none (any bad line: nothing stored, every bad line listed).
// Without: prints address<TAB>label, by address.
int groupsLabels(const QString &project, const QString &file)
{
    if (file.isEmpty()) {
        int code = kExitOk;
        auto store = openProject(project, Store::Mode::ReadOnly, &code);
        if (!store)
            return code;
        const QHash<QString, QString> labels = store->labels();
        QStringList addresses = labels.keys();
        std::sort(addresses.begin(), addresses.end());
        QString text = QStringLiteral("address\tlabel\n");
        for (const QString &a : std::as_const(addresses))
            text += a + QLatin1Char('\t') + labels.value(a) + QLatin1Char('\n');
        out() << text;
        out().flush();
        return kExitOk;
    }
    const LabelsFileResult parsed = readLabelsFile(file);
    if (!parsed.ok()) {
        for (const QString &m : parsed.messages(file))
            err() << "dnstimeline: " << m << "\n";
        if (parsed.error.isEmpty())
            err() << "dnstimeline: " << file << ": " << parsed.problems.size() << " bad lines: no labels stored\n";
        err().flush();
        return kExitInput;
    }
    int code = kExitOk;
    auto store = openProject(project, Store::Mode::ReadWrite, &code);
    if (!store)
        return code;
    QString error;
    if (!store->setLabels(parsed.labels, &error))
        return failed(project, error);
    out() << file << ": " << parsed.labels.size() << " labels stored\n";
    out().flush();
    return kExitOk;
}

} // namespace

void addChartOptions(QCommandLineParser &p)
{
    addSelectionOptions(p);
    p.addOption({QStringLiteral("title"), QStringLiteral("Chart title."), QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("style"), QStringLiteral("bars, lines or steps."), QStringLiteral("STYLE")});
    p.addOption({QStringLiteral("values"), QStringLiteral("count or share."), QStringLiteral("WHAT")});
    p.addOption({QStringLiteral("log"), QStringLiteral("Logarithmic y axis.")});
    p.addOption({QStringLiteral("range"), QStringLiteral("%1 (default project).").arg(rangeModeNames()),
                 QStringLiteral("MODE")});
    p.addOption({QStringLiteral("baseline"), QStringLiteral("all, view:NAME or none (a line on the right-hand axis)."),
                 QStringLiteral("WHAT")});
}

bool anyChartOptionSet(const QCommandLineParser &p)
{
    for (const char *o : {"domain", "name", "client", "group", "rcode", "qtype", "server", "bucket", "tz", "from", "to",
                          "split", "title", "style", "values", "log", "range", "baseline"})
        if (p.isSet(QLatin1String(o)))
            return true;
    return false;
}

QString readViewSpec(const QCommandLineParser &p, ViewSpec *view)
{
    VolumeQuery q;
    bool bucketGiven = false;
    const QString error = readQuery(p, &q, &bucketGiven);
    if (!error.isEmpty())
        return error;
    view->selection = q.selection;
    view->fromUs = q.fromUs;
    view->toUs = q.toUs;
    if (bucketGiven)
        view->bucket = q.unit;
    view->split = q.split;
    view->zone = zoneName(q.zone);
    if (p.isSet(QStringLiteral("style"))) {
        view->style = p.value(QStringLiteral("style")).toLower();
        if (!chartStyleFromString(view->style))
            return QStringLiteral("--style must be bars, lines or steps");
    }
    if (p.isSet(QStringLiteral("values"))) {
        view->values = p.value(QStringLiteral("values")).toLower();
        if (!valueModeFromString(view->values))
            return QStringLiteral("--values must be count or share");
    }
    view->log = p.isSet(QStringLiteral("log"));
    if (p.isSet(QStringLiteral("range"))) {
        const auto mode = rangeModeFromString(p.value(QStringLiteral("range")));
        if (!mode)
            return QStringLiteral("--range must be %1, not \"%2\"").arg(rangeModeNames(), p.value(QStringLiteral("range")));
        view->range = *mode;
    }
    if (p.isSet(QStringLiteral("title")))
        view->title = p.value(QStringLiteral("title"));
    if (p.isSet(QStringLiteral("baseline"))) {
        QString why;
        const auto baseline = BaselineSpec::fromString(p.value(QStringLiteral("baseline")), &why);
        if (!baseline)
            return QStringLiteral("--") + why;
        view->baseline = *baseline;
    }
    return {};
}

int loadSavedView(const Store &store, const QString &project, const QString &name, ViewSpec *view)
{
    const auto saved = store.view(name);
    if (!saved) {
        err() << "dnstimeline: " << project << ": there is no view \"" << name << "\" (see views PROJECT list)\n";
        return kExitInput;
    }
    QString error;
    const auto spec = ViewSpec::fromJson(saved->spec, &error);
    if (!spec) {
        err() << "dnstimeline: " << project << ": view \"" << name << "\": " << error << "\n";
        return kExitInput;
    }
    *view = *spec;
    return kExitOk;
}

int cmdGroups(const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("color"), QStringLiteral("add: the group's colour."), QStringLiteral("#rrggbb")});
    QString error;
    if (!parse(p, args, &error))
        return usageError(error);
    const QStringList pos = p.positionalArguments();
    if (pos.size() < 2)
        return usageError(kGroupsUsage);
    const QString project = pos.at(0), action = pos.at(1);
    if (p.isSet(QStringLiteral("color")) && action != QLatin1String("add"))
        return usageError(QStringLiteral("--color is an option of groups add"));
    if (action == QLatin1String("list") && pos.size() == 2)
        return groupsList(project);
    if (action == QLatin1String("add") && pos.size() >= 4)
        return groupsAdd(project, pos.at(2), pos.mid(3), p.value(QStringLiteral("color")));
    if (action == QLatin1String("remove") && pos.size() == 3)
        return groupsRemove(project, pos.at(2));
    if (action == QLatin1String("labels") && pos.size() <= 3)
        return groupsLabels(project, pos.value(2));
    return usageError(kGroupsUsage);
}

int cmdPairs(const QStringList &args)
{
    QCommandLineParser p;
    addSelectionOptions(p);
    p.addOption({QStringLiteral("top"), QStringLiteral("Top names and top sources kept (default 20)."), QStringLiteral("N")});
    QString error;
    if (!parse(p, args, &error))
        return usageError(error);
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 1)
        return usageError(QStringLiteral("pairs needs exactly one PROJECT"));
    for (const char *o : {"bucket", "split", "tz"})
        if (p.isSet(QLatin1String(o)))
            return usageError(QStringLiteral("pairs takes no --%1").arg(QLatin1String(o)));
    VolumeQuery q;
    bool bucketGiven = false;
    error = readQuery(p, &q, &bucketGiven);
    if (!error.isEmpty())
        return usageError(error);
    PairQuery pq;
    pq.selection = q.selection;
    pq.fromUs = q.fromUs;
    pq.toUs = q.toUs;
    if (p.isSet(QStringLiteral("top"))) {
        bool ok = false;
        pq.top = p.value(QStringLiteral("top")).toInt(&ok);
        if (!ok || pq.top < 1 || pq.top > 10000)
            return usageError(QStringLiteral("--top must be a number from 1 to 10000"));
    }
    int code = kExitOk;
    auto store = openProject(pos.first(), Store::Mode::ReadOnly, &code);
    if (!store)
        return code;
    const PairTable t = store->pairs(pq);
    if (!t.error.isEmpty())
        return failed(pos.first(), t.error);
    // Names in the table's order (the selection's lookups of the name, desc), then sources by count desc.
    QString text = QStringLiteral("source\tname\tcount\tshare\n");
    for (int n = 0; n < t.names.size(); ++n) {
        QVector<int> order;
        for (int s = 0; s < t.sources.size(); ++s)
            if (t.counts.at(s).at(n) > 0)
                order.append(s);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            const int64_t ca = t.counts.at(a).at(n), cb = t.counts.at(b).at(n);
            return ca != cb ? ca > cb : t.sources.at(a) < t.sources.at(b);
        });
        for (int s : std::as_const(order))
            text += t.sources.at(s) + QLatin1Char('\t') + t.names.at(n) + QLatin1Char('\t')
                    + QString::number(t.counts.at(s).at(n)) + QLatin1Char('\t') + QString::number(t.share(s, n), 'f', 4)
                    + QLatin1Char('\n');
    }
    out() << text;
    out().flush();
    return kExitOk;
}

int cmdViews(const QStringList &args)
{
    QCommandLineParser p;
    addChartOptions(p);
    QString error;
    if (!parse(p, args, &error))
        return usageError(error);
    const QStringList pos = p.positionalArguments();
    if (pos.size() < 2)
        return usageError(kViewsUsage);
    const QString project = pos.at(0), action = pos.at(1);
    const bool save = action == QLatin1String("save") && pos.size() == 3;
    if (!save && anyChartOptionSet(p))
        return usageError(QStringLiteral("chart options go with views save only"));
    int code = kExitOk;
    if (action == QLatin1String("list") && pos.size() == 2) {
        auto store = openProject(project, Store::Mode::ReadOnly, &code);
        if (!store)
            return code;
        const QString start = store->startView().value_or(QString());
        QString text = QStringLiteral("name\tspec\tstart\n");
        for (const SavedView &v : store->views())
            text += v.name + QLatin1Char('\t') + QString::fromUtf8(v.spec) + QLatin1Char('\t')
                    + (v.name == start ? QStringLiteral("*") : QString()) + QLatin1Char('\n');
        out() << text;
        out().flush();
        return kExitOk;
    }
    if (save) {
        ViewSpec view;
        error = readViewSpec(p, &view);
        if (!error.isEmpty())
            return usageError(error);
        auto store = openProject(project, Store::Mode::ReadWrite, &code);
        if (!store)
            return code;
        error = store->selectionError(view.selection);
        if (!error.isEmpty())
            return failed(project, error);
        if (!store->saveView({pos.at(2), view.toJson()}, &error))
            return failed(project, error);
        out() << "saved view " << pos.at(2).trimmed() << "\n";
        out().flush();
        return kExitOk;
    }
    if (action == QLatin1String("remove") && pos.size() == 3) {
        auto store = openProject(project, Store::Mode::ReadWrite, &code);
        if (!store)
            return code;
        if (!store->removeView(pos.at(2), &error))
            return failed(project, error);
        out() << "removed view " << pos.at(2).trimmed() << "\n";
        out().flush();
        return kExitOk;
    }
    if (action == QLatin1String("start") && pos.size() <= 3) {
        auto store = openProject(project, Store::Mode::ReadWrite, &code);
        if (!store)
            return code;
        if (!store->setStartView(pos.value(2), &error))
            return failed(project, error);
        if (pos.size() == 3)
            out() << "start view " << pos.at(2).trimmed() << "\n";
        else
            out() << "no start view\n";
        out().flush();
        return kExitOk;
    }
    return usageError(kViewsUsage);
}

} // namespace dnt::cli
