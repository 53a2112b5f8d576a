#include "cli.h"

#include "eventeditor.h"
#include "eventfile.h"
#include "importer.h"
#include "reader.h"
#include "store.h"
#include "timelinechart.h"
#include "timeutil.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QTimeZone>
#include <QTextStream>

#include <cstdio>

namespace dnt {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitInput = 2;

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

int usageError(const QString &message)
{
    err() << "dnstimeline: " << message << "\n"
          << "Try 'dnstimeline --help' for more information.\n";
    err().flush();
    return kExitUsage;
}

void addSelectionOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("domain"), QStringLiteral("A domain and every name below it (repeatable)."),
                 QStringLiteral("D")});
    p.addOption({QStringLiteral("name"), QStringLiteral("Exactly this name (repeatable)."), QStringLiteral("N")});
    p.addOption({QStringLiteral("client"), QStringLiteral("A client address or CIDR range (repeatable)."),
                 QStringLiteral("ADDR")});
    p.addOption({QStringLiteral("bucket"), QStringLiteral("minute, 5min, 15min, hour, 6hour, day, week or month."),
                 QStringLiteral("UNIT")});
    p.addOption({QStringLiteral("tz"), QStringLiteral("Display zone (buckets and axis)."), QStringLiteral("AREA/CITY")});
    p.addOption({QStringLiteral("from"), QStringLiteral("Start (ISO 8601, inclusive)."), QStringLiteral("T")});
    p.addOption({QStringLiteral("to"), QStringLiteral("End (ISO 8601, exclusive)."), QStringLiteral("T")});
    p.addOption({QStringLiteral("split"), QStringLiteral("none, client or name."), QStringLiteral("HOW")});
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
        const QString s = p.value(QStringLiteral("split")).toLower();
        if (s == QLatin1String("none"))
            q->split = Split::None;
        else if (s == QLatin1String("client"))
            q->split = Split::Client;
        else if (s == QLatin1String("name"))
            q->split = Split::Name;
        else
            return QStringLiteral("--split must be none, client or name, not \"%1\"").arg(s);
    }
    return {};
}

std::unique_ptr<Store> openProject(const QString &path, Store::Mode mode, int *exitCode)
{
    if (mode != Store::Mode::Create && !QFileInfo::exists(path)) {
        err() << "dnstimeline: " << path << ": no such project file\n";
        *exitCode = kExitInput;
        return nullptr;
    }
    QString error;
    auto store = Store::open(path, mode, &error);
    if (!store) {
        err() << "dnstimeline: " << error << "\n";
        *exitCode = kExitInput;
    }
    return store;
}

bool parse(QCommandLineParser &p, const QStringList &args, QString *error)
{
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!p.parse(args)) {
        *error = p.errorText();
        return false;
    }
    return true;
}

QString readImportOptions(const QCommandLineParser &p, ImportOptions *options)
{
    if (p.isSet(QStringLiteral("format"))) {
        options->format = p.value(QStringLiteral("format"));
        if (options->format != QLatin1String("auto") && !knownFormats().contains(options->format))
            return QStringLiteral("--format must be auto or one of %1").arg(knownFormats().join(QStringLiteral(", ")));
    }
    if (p.isSet(QStringLiteral("tz"))) {
        const QString tz = p.value(QStringLiteral("tz"));
        if (!QTimeZone(tz.toUtf8()).isValid())
            return QStringLiteral("--tz \"%1\" is not a time zone this system knows (e.g. Europe/Moscow, UTC)").arg(tz);
        options->reader.zone = tz;
    }
    if (p.isSet(QStringLiteral("year"))) {
        bool ok = false;
        const int year = p.value(QStringLiteral("year")).toInt(&ok);
        if (!ok || year < 1970 || year > 2199)
            return QStringLiteral("--year must be a year between 1970 and 2199");
        options->reader.year = year;
    }
    if (p.isSet(QStringLiteral("ports"))) {
        options->reader.ports.clear();
        for (const QString &part : p.value(QStringLiteral("ports")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const int port = part.trimmed().toInt(&ok);
            if (!ok || port < 1 || port > 65535)
                return QStringLiteral("--ports must be a comma-separated list of ports, e.g. 53,5353");
            options->reader.ports << port;
        }
        if (options->reader.ports.isEmpty())
            return QStringLiteral("--ports needs at least one port");
    }
    options->reader.resolverQueries = p.isSet(QStringLiteral("resolver-queries"));
    options->reader.csvColumns = p.value(QStringLiteral("columns"));
    options->reader.csvTimeFormat = p.value(QStringLiteral("time-format"));
    if (p.isSet(QStringLiteral("delimiter"))) {
        QString d = p.value(QStringLiteral("delimiter"));
        if (d == QLatin1String("tab") || d == QLatin1String("\\t"))
            d = QStringLiteral("\t");
        if (d.size() != 1)
            return QStringLiteral("--delimiter must be one character, or \"tab\"");
        options->reader.csvDelimiter = d;
    }
    return {};
}

int cmdFiles(const QStringList &args)
{
    QCommandLineParser p;
    QString error;
    if (!parse(p, args, &error))
        return usageError(error);
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 1)
        return usageError(QStringLiteral("files needs exactly one PROJECT"));
    int code = kExitOk;
    auto store = openProject(pos.first(), Store::Mode::ReadOnly, &code);
    if (!store)
        return code;
    out() << "id\tpath\tformat\tcompression\tsize\tsha256\taccepted\tskipped\trejected\tzone\tyear\tfirst\tlast\n";
    for (const FileRecord &f : store->files()) {
        QString path = f.path;
        path.replace(QLatin1Char('\t'), QLatin1String("\\t")).replace(QLatin1Char('\n'), QLatin1String("\\n"));
        out() << f.id << '\t' << path << '\t' << f.format << '\t' << f.compression << '\t' << f.size << '\t'
              << f.sha256 << '\t' << f.accepted << '\t' << f.skipped << '\t' << f.rejected << '\t' << f.zone << '\t'
              << (f.year ? QString::number(f.year) : QString()) << '\t'
              << (f.firstUs ? formatIsoUtc(*f.firstUs) : QString()) << '\t'
              << (f.lastUs ? formatIsoUtc(*f.lastUs) : QString()) << '\n';
    }
    out().flush();
    return kExitOk;
}

int cmdImport(const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("format"), QStringLiteral("auto or a format name."), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("tz"), QStringLiteral("Zone of zone-less times."), QStringLiteral("AREA/CITY")});
    p.addOption({QStringLiteral("year"), QStringLiteral("Year of year-less times."), QStringLiteral("YYYY")});
    p.addOption({QStringLiteral("ports"), QStringLiteral("pcap: DNS ports."), QStringLiteral("LIST")});
    p.addOption({QStringLiteral("resolver-queries"), QStringLiteral("dnstap: also RESOLVER_QUERY.")});
    p.addOption({QStringLiteral("columns"), QStringLiteral("csv: column mapping."), QStringLiteral("MAP")});
    p.addOption({QStringLiteral("time-format"), QStringLiteral("csv: time format."), QStringLiteral("FMT")});
    p.addOption({QStringLiteral("delimiter"), QStringLiteral("csv: delimiter."), QStringLiteral("CHAR")});
    QString error;
    if (!parse(p, args, &error))
        return usageError(error);
    const QStringList pos = p.positionalArguments();
    if (pos.size() < 2)
        return usageError(QStringLiteral("import needs a PROJECT and at least one FILE"));
    ImportOptions options;
    error = readImportOptions(p, &options);
    if (!error.isEmpty())
        return usageError(error);
    int code = kExitOk;
    auto store = openProject(pos.first(), Store::Mode::Create, &code);
    if (!store)
        return code;
    Importer importer(store.get(), options);
    for (const auto &file : pos.mid(1)) {
        const FileImportReport r = importer.importFile(file);
        if (r.ok())
            out() << r.summaryLine() << "\n";
        else {
            err() << "dnstimeline: " << r.summaryLine() << "\n";
            code = kExitInput;
        }
        for (const auto &problem : r.problems)
            err() << file << ":" << problem.line << ": " << problem.reason << "\n";
        if (r.record.rejected > r.problems.size())
            err() << file << ": " << (r.record.rejected - r.problems.size()) << " more rejected lines not shown\n";
        out().flush();
        err().flush();
    }
    return code;
}

int cmdStats(const QStringList &args)
{
    QCommandLineParser p;
    addSelectionOptions(p);
    QString error;
    if (!parse(p, args, &error))
        return usageError(error);
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 1)
        return usageError(QStringLiteral("stats needs exactly one PROJECT"));
    VolumeQuery q;
    q.unit = BucketUnit::Hour;
    q.maxSeries = 0;
    bool bucketGiven = false;
    error = readQuery(p, &q, &bucketGiven);
    if (!error.isEmpty())
        return usageError(error);
    int code = kExitOk;
    auto store = openProject(pos.first(), Store::Mode::ReadOnly, &code);
    if (!store)
        return code;
    const VolumeSeries v = store->volume(q);
    QString text = QStringLiteral("bucket\tseries\tcount\n");
    for (qsizetype b = 0; b < v.bucketStarts.size(); ++b) {
        const QString bucket = formatIsoInZone(v.bucketStarts.at(b), q.zone);
        for (const auto &s : v.series)
            text += bucket + QLatin1Char('\t') + s.label + QLatin1Char('\t') + QString::number(s.counts.at(b))
                    + QLatin1Char('\n');
    }
    out() << text;
    out().flush();
    return kExitOk;
}

int cmdRender(const QStringList &args)
{
    QCommandLineParser p;
    addSelectionOptions(p);
    p.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Output PNG."), QStringLiteral("OUT")});
    p.addOption({QStringLiteral("size"), QStringLiteral("WxH pixels (default 1600x900)."), QStringLiteral("WxH")});
    p.addOption({QStringLiteral("title"), QStringLiteral("Chart title."), QStringLiteral("TEXT")});
    QString error;
    if (!parse(p, args, &error))
        return usageError(error);
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 1)
        return usageError(QStringLiteral("render needs exactly one PROJECT"));
    const QString output = p.value(QStringLiteral("output"));
    if (output.isEmpty())
        return usageError(QStringLiteral("render needs -o OUT.png"));
    if (!output.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        return usageError(QStringLiteral("render writes PNG: the output name must end in .png"));
    QSize size(1600, 900);
    if (p.isSet(QStringLiteral("size"))) {
        const QStringList wh = p.value(QStringLiteral("size")).toLower().split(QLatin1Char('x'));
        bool okW = false, okH = false;
        if (wh.size() == 2)
            size = QSize(wh.at(0).toInt(&okW), wh.at(1).toInt(&okH));
        if (!okW || !okH || size.width() < 16 || size.height() < 16 || size.width() > 16384 || size.height() > 16384)
            return usageError(QStringLiteral("--size must be WxH with 16..16384 pixels a side, e.g. 1600x900"));
    }
    VolumeQuery q;
    bool bucketGiven = false;
    error = readQuery(p, &q, &bucketGiven);
    if (!error.isEmpty())
        return usageError(error);
    int code = kExitOk;
    auto store = openProject(pos.first(), Store::Mode::ReadOnly, &code);
    if (!store)
        return code;
    if (!bucketGiven) {
        int64_t from = q.fromUs.value_or(0), to = q.toUs.value_or(0);
        if (!q.fromUs || !q.toUs) {
            if (const auto range = store->timeRange(q.selection)) {
                from = q.fromUs.value_or(range->first);
                to = q.toUs.value_or(range->second + 1);
            }
        }
        q.unit = autoBucketUnit(std::max<int64_t>(0, to - from), size.width());
    }
    const VolumeSeries v = store->volume(q);
    TimelineChart chart;
    chart.resize(size);
    chart.setDisplayZone(q.zone);
    chart.setTitle(p.isSet(QStringLiteral("title"))
                       ? p.value(QStringLiteral("title"))
                       : QStringLiteral("%1 — lookups per %2").arg(q.selection.describe(), bucketUnitLabel(q.unit)));
    const QVector<Event> events = store->events();
    chart.setEvents(events);
    chart.setCategories(mergeCategories(store->categories(), events));
    chart.setSeries(v);
    if (!v.bucketStarts.isEmpty()) {
        chart.setHomeRange(v.fromUs, v.toUs);
        chart.setVisibleRange(v.fromUs, v.toUs);
    }
    if (!chart.exportPng(output, size, &error)) {
        err() << "dnstimeline: " << error << "\n";
        return kExitInput;
    }
    out() << output << "\n";
    out().flush();
    return kExitOk;
}

int cmdEvents(const QStringList &args)
{
    QCommandLineParser p;
    QString error;
    if (!parse(p, args, &error))
        return usageError(error);
    const QStringList pos = p.positionalArguments();
    if (pos.size() < 2)
        return usageError(QStringLiteral("events needs a PROJECT and one of: import FILE, export FILE, list"));
    const QString action = pos.at(1);
    int code = kExitOk;
    if (action == QLatin1String("list")) {
        if (pos.size() != 2)
            return usageError(QStringLiteral("events PROJECT list takes no further arguments"));
        auto store = openProject(pos.first(), Store::Mode::ReadOnly, &code);
        if (!store)
            return code;
        auto esc = [](QString s) {
            return s.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
                .replace(QLatin1Char('\t'), QLatin1String("\\t"))
                .replace(QLatin1Char('\n'), QLatin1String("\\n"))
                .replace(QLatin1Char('\r'), QLatin1String("\\r"));
        };
        out() << "id\tstart\tend\ttitle\tcategory\tnote\turl\n";
        for (const auto &e : store->events())
            out() << e.id << '\t' << formatIsoUtc(e.startUs) << '\t' << (e.endUs ? formatIsoUtc(*e.endUs) : QString())
                  << '\t' << esc(e.title) << '\t' << esc(e.category) << '\t' << esc(e.note) << '\t' << esc(e.url)
                  << '\n';
        out().flush();
        return kExitOk;
    }
    if (pos.size() != 3 || (action != QLatin1String("import") && action != QLatin1String("export")))
        return usageError(QStringLiteral("events needs a PROJECT and one of: import FILE, export FILE, list"));
    const QString file = pos.at(2);
    if (action == QLatin1String("export")) {
        auto store = openProject(pos.first(), Store::Mode::ReadOnly, &code);
        if (!store)
            return code;
        const auto events = store->events();
        if (!writeEventCsvFile(file, events, &error)) {
            err() << "dnstimeline: " << error << "\n";
            return kExitInput;
        }
        out() << file << ": " << events.size() << " events written\n";
        out().flush();
        return kExitOk;
    }
    EventFileResult parsed = readEventCsvFile(file);
    if (!parsed.ok()) {
        for (const auto &m : parsed.messages(file))
            err() << "dnstimeline: " << m << "\n";
        err() << "dnstimeline: " << file << ": nothing imported\n";
        err().flush();
        return kExitInput;
    }
    auto store = openProject(pos.first(), Store::Mode::Create, &code);
    if (!store)
        return code;
    if (!store->addEvents(&parsed.events, &error)) {
        err() << "dnstimeline: " << file << ": " << error << "\n";
        return kExitInput;
    }
    out() << file << ": " << parsed.events.size() << " events imported\n";
    out().flush();
    return kExitOk;
}

} // namespace

bool isCliCommand(const QString &word)
{
    static const QStringList commands{QStringLiteral("import"), QStringLiteral("stats"), QStringLiteral("render"),
                                      QStringLiteral("events"), QStringLiteral("files")};
    return commands.contains(word);
}

QString cliUsage()
{
    return QStringLiteral(
        "Usage:\n"
        "  dnstimeline [FILE...]\n"
        "      Opens the GUI. Project files (*.dnstimeline) are opened; log files are imported into a new\n"
        "      project.\n"
        "  dnstimeline import PROJECT FILE... [--format auto|NAME] [--tz AREA/CITY] [--year YYYY]\n"
        "                    [--ports 53,5353] [--resolver-queries]\n"
        "                    [--columns time=ts,client=src,name=query,type=qtype] [--time-format FMT]\n"
        "                    [--delimiter CHAR]\n"
        "      Imports log files (plain, gzip or zstd) into PROJECT, creating it if needed. Prints one\n"
        "      summary line per file; rejected lines go to stderr as FILE:LINE: reason. A file whose\n"
        "      content was imported before is refused. Formats: %1.\n"
        "      --tz: zone of formats that write local time without a zone (default UTC, reported as\n"
        "      assumed); --year: year of formats without one (default: inferred from the file date).\n"
        "      --ports (pcap), --resolver-queries (dnstap), --columns/--time-format/--delimiter (csv).\n"
        "  dnstimeline files PROJECT\n"
        "      Prints TSV of the imported files: id path format compression size sha256 accepted\n"
        "      skipped rejected zone year first last.\n"
        "  dnstimeline stats PROJECT [SELECTION] [--bucket UNIT] [--from T] [--to T] [--tz AREA/CITY]\n"
        "                    [--split none|client|name]\n"
        "      Prints TSV: bucket<TAB>series<TAB>count, one row per bucket and series, zeros included.\n"
        "      UNIT: minute, 5min, 15min, hour, 6hour, day, week, month. Buckets are aligned in the\n"
        "      display zone (--tz, default UTC): days at its midnight (23 or 25 hours at DST changes),\n"
        "      weeks on Monday, months on the 1st. bucket is the bucket start in ISO 8601: UTC with Z,\n"
        "      or local time with the zone's offset when --tz is given.\n"
        "  dnstimeline render PROJECT -o OUT.png [SELECTION] [--bucket ...] [--from T] [--to T]\n"
        "                    [--tz AREA/CITY] [--split ...] [--size WxH] [--title TEXT]\n"
        "      Draws the chart with the project's events and writes a PNG (default 1600x900).\n"
        "  dnstimeline events PROJECT import FILE | export FILE | list\n"
        "      Events CSV: UTF-8, header start,end,title,category,note,url; start/end ISO 8601 (a date\n"
        "      alone means 00:00 UTC); empty end = point event. A file with a bad row is refused whole,\n"
        "      with every bad line listed. list prints TSV: id start end title category note url.\n"
        "\n"
        "SELECTION (repeatable; names and domains form one union, clients filter it; none = all):\n"
        "  --domain D    D and every name below it\n"
        "  --name N      exactly N (case-insensitive, trailing dot ignored)\n"
        "  --client A    a client address or CIDR range, IPv4 or IPv6\n"
        "T: ISO 8601 date (2016-07-29) or date-time with Z or an offset (2016-07-29T12:00:00Z); --to is\n"
        "exclusive.\n"
        "\n"
        "Options: --help, --version.\n"
        "Exit status: 0 success, 1 usage error, 2 an input could not be used (the other files of the\n"
        "same call are still processed).\n")
        .arg(knownFormats().join(QStringLiteral(", ")));
}

int runCli(const QStringList &arguments)
{
    // arguments[0] is the program, [1] the command.
    const QString command = arguments.value(1);
    QStringList args = arguments;
    args.removeAt(1); // QCommandLineParser expects the program name first
    if (args.contains(QLatin1String("--help")) || args.contains(QLatin1String("-h"))) {
        out() << cliUsage();
        out().flush();
        return kExitOk;
    }
    if (command == QLatin1String("import"))
        return cmdImport(args);
    if (command == QLatin1String("stats"))
        return cmdStats(args);
    if (command == QLatin1String("render"))
        return cmdRender(args);
    if (command == QLatin1String("events"))
        return cmdEvents(args);
    if (command == QLatin1String("files"))
        return cmdFiles(args);
    return usageError(QStringLiteral("unknown command \"%1\"").arg(command));
}

} // namespace dnt
