#include "cli.h"

#include "chartexporter.h"
#include "eventeditor.h"
#include "eventexchange.h"
#include "importer.h"
#include "rastergrid.h"
#include "rasterview.h"
#include "reader.h"
#include "store.h"
#include "timelinechart.h"
#include "viewrender.h"
#include "timeutil.h"
#include "viewspec.h"
#include "cli_p.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QTimeZone>
#include <QTextStream>

#include <cstdio>

namespace dnt {

namespace cli {

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

} // namespace cli

using namespace cli;

namespace {

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
    options->reader.csvNoHeader = p.isSet(QStringLiteral("no-header"));
    if (options->reader.csvNoHeader && options->reader.csvColumns.trimmed().isEmpty())
        return QStringLiteral("--no-header needs --columns with positions, e.g. --columns time=1,client=4,name=9");
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
    p.addOption({QStringLiteral("no-header"), QStringLiteral("csv: the first row is data; --columns by position.")});
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
    if (!v.error.isEmpty()) {
        err() << "dnstimeline: " << pos.first() << ": " << v.error << "\n";
        return kExitInput;
    }
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

// render --chart raster: the day × time-of-day view of the selection over the whole local days of the
// view's range (the same range the timeline of that view shows: --from/--to, else --range).
int renderRaster(const Store &store, const ViewSpec &spec, const VolumeQuery &q, int slot, QSize size,
                 const QString &title, const QString &output, ExportOptions exportOptions)
{
    RasterGrid grid;
    grid.zone = isUtc(q.zone) ? QByteArray("UTC") : q.zone.id();
    grid.slotMinutes = slot;
    const auto range =
        resolveRange(spec.rangeChoice(), store.projectTimeRange(), store.timeRange(q.selection), q.zone);
    if (range)
        grid = RasterGrid::query(store, q.selection, q.zone, range->fromUs, range->toUs, slot);
    RasterView view;
    view.resize(size);
    view.setTitle(!title.isEmpty() ? title
                                   : QStringLiteral("%1 — lookups by day and time of day").arg(q.selection.describe()));
    view.setGrid(grid);
    exportOptions.size = size;
    Provenance provenance = Provenance::fromRaster(view);
    provenance.files = store.files();
    provenance.selection = q.selection.describe();
    if (qEnvironmentVariableIsEmpty("SOURCE_DATE_EPOCH"))
        provenance.generatedAt.clear();
    QString error;
    if (!exportChart(view, output, exportOptions, provenance, &error)) {
        err() << "dnstimeline: " << error << "\n";
        return kExitInput;
    }
    out() << output << "\n";
    out().flush();
    return kExitOk;
}

int cmdRender(const QStringList &args)
{
    QCommandLineParser p;
    addChartOptions(p);
    p.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Output file."), QStringLiteral("OUT")});
    p.addOption({QStringLiteral("scale"), QStringLiteral("1-4 (PNG/JPEG pixels and DPI)."), QStringLiteral("S")});
    p.addOption({QStringLiteral("footer"), QStringLiteral("Provenance line under the chart.")});
    p.addOption({QStringLiteral("size"), QStringLiteral("WxH pixels (default 1600x900)."), QStringLiteral("WxH")});
    p.addOption({QStringLiteral("view"), QStringLiteral("A saved view of the project."), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("no-view"), QStringLiteral("Without a selection: all lookups, not the start view.")});
    p.addOption({QStringLiteral("chart"), QStringLiteral("timeline or raster."), QStringLiteral("KIND")});
    p.addOption({QStringLiteral("raster-slot"), QStringLiteral("1, 2, 5, 10, 30 or 60."), QStringLiteral("MINUTES")});
    QString error;
    if (!parse(p, args, &error))
        return usageError(error);
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 1)
        return usageError(QStringLiteral("render needs exactly one PROJECT"));
    const QString kind = p.value(QStringLiteral("chart")).isEmpty() ? QStringLiteral("timeline") : p.value(QStringLiteral("chart"));
    if (kind != QLatin1String("timeline") && kind != QLatin1String("raster"))
        return usageError(QStringLiteral("--chart must be timeline or raster"));
    int slot = 60;
    if (p.isSet(QStringLiteral("raster-slot"))) {
        bool ok = false;
        slot = p.value(QStringLiteral("raster-slot")).toInt(&ok);
        if (!ok || !RasterGrid::isValidSlot(slot))
            return usageError(QStringLiteral("--raster-slot must be 1, 2, 5, 10, 30 or 60 (minutes)"));
    }
    const QString output = p.value(QStringLiteral("output"));
    if (output.isEmpty())
        return usageError(QStringLiteral("render needs -o OUT.png (or .jpg, .pdf, .svg, .csv)"));
    if (!exportFormatForPath(output))
        return usageError(QStringLiteral("render writes the format of the output's extension: .png, .jpg, .pdf, .svg or .csv"));
    ExportOptions exportOptions;
    if (p.isSet(QStringLiteral("scale"))) {
        bool ok = false;
        exportOptions.scale = p.value(QStringLiteral("scale")).toDouble(&ok);
        if (!ok || exportOptions.scale < 1 || exportOptions.scale > 4)
            return usageError(QStringLiteral("--scale must be a number from 1 to 4"));
    }
    exportOptions.footer = p.isSet(QStringLiteral("footer"));
    if (p.isSet(QStringLiteral("size"))) {
        const QStringList wh = p.value(QStringLiteral("size")).toLower().split(QLatin1Char('x'));
        bool okW = false, okH = false;
        QSize size;
        if (wh.size() == 2)
            size = QSize(wh.at(0).toInt(&okW), wh.at(1).toInt(&okH));
        if (!okW || !okH || size.width() < 16 || size.height() < 16 || size.width() > 16384 || size.height() > 16384)
            return usageError(QStringLiteral("--size must be WxH with 16..16384 pixels a side, e.g. 1600x900"));
        exportOptions.size = size;
    }
    const bool fromView = p.isSet(QStringLiteral("view"));
    if (fromView && anyChartOptionSet(p))
        return usageError(QStringLiteral("render --view takes the chart from the view: only -o, --size, --scale and "
                                         "--footer go with it"));
    const bool noView = p.isSet(QStringLiteral("no-view"));
    if (noView && fromView)
        return usageError(QStringLiteral("--no-view and --view exclude each other"));
    ViewSpec view;
    if (!fromView) {
        error = readViewSpec(p, &view);
        if (!error.isEmpty())
            return usageError(error);
    }
    int code = kExitOk;
    auto store = openProject(pos.first(), Store::Mode::ReadOnly, &code);
    if (!store)
        return code;
    // No chart asked for: the project's start view, if it has one (--no-view: all lookups).
    const std::optional<QString> start = fromView || noView || anyChartOptionSet(p) ? std::nullopt : store->startView();
    if (start)
        err() << "dnstimeline: " << pos.first() << ": drawing the start view \"" << *start
              << "\" (--no-view draws all lookups)\n";
    err().flush();
    if (fromView || start) {
        code = loadSavedView(*store, pos.first(), fromView ? p.value(QStringLiteral("view")) : *start, &view);
        if (code != kExitOk)
            return code;
    }
    if (kind == QLatin1String("raster")) {
        if (p.isSet(QStringLiteral("baseline")))
            return usageError(QStringLiteral("--baseline goes with the timeline chart, not --chart raster"));
        // The day × time-of-day view of the same selection, range and zone.
        VolumeQuery q;
        q.selection = view.selection;
        q.zone = view.zone == QLatin1String("UTC") ? QTimeZone::utc() : QTimeZone(view.zone.toUtf8());
        if (!q.zone.isValid()) {
            err() << "dnstimeline: unknown time zone \"" << view.zone << "\"\n";
            return kExitInput;
        }
        if (const QString problem = store->selectionError(q.selection); !problem.isEmpty()) {
            err() << "dnstimeline: " << pos.first() << ": " << problem << "\n";
            return kExitInput;
        }
        return renderRaster(*store, view, q, slot, exportOptions.size, view.title, output, exportOptions);
    }
    if (!renderView(*store, view, output, exportOptions, &error)) {
        err() << "dnstimeline: " << error << "\n";
        return kExitInput;
    }
    out() << output << "\n";
    out().flush();
    return kExitOk;
}

// --- events: list, import, export, add, remove ---

// TSV cells: one event per line whatever its text holds, reversible (\\ first).
QString escapeTsv(QString s)
{
    return s.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('\t'), QLatin1String("\\t"))
        .replace(QLatin1Char('\n'), QLatin1String("\\n"))
        .replace(QLatin1Char('\r'), QLatin1String("\\r"));
}

const QString kEventsUsage = QStringLiteral(
    "events needs a PROJECT and one of: list, import FILE [--skip-bad], export FILE, "
    "add --start T [--end T] --title TEXT [--category C] [--note N] [--url U], remove ID");

int eventsList(const QString &project)
{
    int code = kExitOk;
    auto store = openProject(project, Store::Mode::ReadOnly, &code);
    if (!store)
        return code;
    QString text = QStringLiteral("id\tstart\tend\ttitle\tcategory\tnote\turl\n");
    for (const auto &e : store->events())
        text += QString::number(e.id) + QLatin1Char('\t') + formatIsoUtc(e.startUs) + QLatin1Char('\t')
                + (e.endUs ? formatIsoUtc(*e.endUs) : QString()) + QLatin1Char('\t') + escapeTsv(e.title)
                + QLatin1Char('\t') + escapeTsv(e.category) + QLatin1Char('\t') + escapeTsv(e.note) + QLatin1Char('\t')
                + escapeTsv(e.url) + QLatin1Char('\n');
    out() << text;
    out().flush();
    return kExitOk;
}

int eventsExport(const QString &project, const QString &file)
{
    const QString ext = QFileInfo(file).suffix().toLower();
    if (ext != QLatin1String("csv") && ext != QLatin1String("json"))
        return usageError(QStringLiteral("events export writes CSV or JSON: FILE must end in .csv or .json"));
    int code = kExitOk;
    auto store = openProject(project, Store::Mode::ReadOnly, &code);
    if (!store)
        return code;
    const auto events = store->events();
    QString error;
    if (!writeEventFile(file, events, &error)) {
        err() << "dnstimeline: " << error << "\n";
        return kExitInput;
    }
    out() << file << ": " << events.size() << " events written\n";
    out().flush();
    return kExitOk;
}

// A file with bad rows is refused whole unless skipBad: then only the good rows go in, and the bad ones
// are still listed. Events already in the project (same start and title) are reported, not added. All
// events go in with one transaction, so an interrupted import leaves all or none of them.
int eventsImport(const QString &project, const QString &file, bool skipBad)
{
    EventFileResult parsed = readEventFile(file);
    for (const auto &w : parsed.warningMessages(file))
        err() << "dnstimeline: warning: " << w << "\n";
    for (const auto &m : parsed.messages(file))
        err() << "dnstimeline: " << m << "\n";
    if (!parsed.error.isEmpty() || (!parsed.problems.isEmpty() && !skipBad)) {
        if (parsed.error.isEmpty())
            err() << "dnstimeline: " << file << ": " << parsed.problems.size()
                  << " bad rows: nothing imported (--skip-bad imports only the good ones)\n";
        else
            err() << "dnstimeline: " << file << ": nothing imported\n";
        err().flush();
        return kExitInput;
    }
    err().flush();
    int code = kExitOk;
    auto store = openProject(project, Store::Mode::Create, &code);
    if (!store)
        return code;
    EventDuplicateSplit split = splitDuplicates(store->events(), parsed.events);
    QString error;
    if (!split.fresh.isEmpty() && !store->addEvents(&split.fresh, &error)) {
        err() << "dnstimeline: " << file << ": " << error << ": nothing imported\n";
        return kExitInput;
    }
    QString text;
    for (const auto &d : std::as_const(split.duplicates))
        text += QStringLiteral("%1: already in the project: %2\t%3\n").arg(file, formatIsoUtc(d.startUs), escapeTsv(d.title));
    text += QStringLiteral("%1: %2 events imported, %3 already in the project")
                .arg(file)
                .arg(split.fresh.size())
                .arg(split.duplicates.size());
    if (!parsed.problems.isEmpty())
        text += QStringLiteral(", %1 bad rows skipped").arg(parsed.problems.size());
    out() << text << "\n";
    out().flush();
    return kExitOk;
}

int eventsAdd(const QString &project, const QCommandLineParser &p)
{
    Event e;
    if (!p.isSet(QStringLiteral("start")))
        return usageError(QStringLiteral("events add needs --start T"));
    const QString start = p.value(QStringLiteral("start"));
    const auto s = parseIso8601(start);
    if (!s)
        return usageError(QStringLiteral("--start \"%1\" is not an ISO 8601 date or date-time with Z or an offset").arg(start));
    e.startUs = *s;
    if (p.isSet(QStringLiteral("end"))) {
        const QString end = p.value(QStringLiteral("end"));
        const auto en = parseIso8601(end);
        if (!en)
            return usageError(QStringLiteral("--end \"%1\" is not an ISO 8601 date or date-time with Z or an offset").arg(end));
        if (*en <= *s)
            return usageError(QStringLiteral("--end (%1) must be after --start (%2)").arg(end, start));
        e.endUs = *en;
    }
    e.title = p.value(QStringLiteral("title")).trimmed();
    if (e.title.isEmpty())
        return usageError(QStringLiteral("events add needs a non-empty --title"));
    e.category = p.value(QStringLiteral("category")).trimmed();
    e.note = p.value(QStringLiteral("note"));
    e.url = p.value(QStringLiteral("url")).trimmed();
    int code = kExitOk;
    auto store = openProject(project, Store::Mode::Create, &code);
    if (!store)
        return code;
    // The same rule as imports: an event is never in the project twice.
    const auto split = splitDuplicates(store->events(), {e});
    if (!split.duplicates.isEmpty()) {
        for (const auto &existing : store->events())
            if (existing.startUs == e.startUs && existing.title == e.title) {
                err() << "dnstimeline: " << project << ": event " << existing.id
                      << " has the same start and title; not added again\n";
                break;
            }
        return kExitInput;
    }
    QVector<Event> added{e};
    QString error;
    if (!store->addEvents(&added, &error)) {
        err() << "dnstimeline: " << error << "\n";
        return kExitInput;
    }
    out() << added.first().id << "\n";
    out().flush();
    return kExitOk;
}

int eventsRemove(const QString &project, const QString &idText)
{
    bool ok = false;
    const qint64 id = idText.toLongLong(&ok);
    if (!ok || id <= 0)
        return usageError(QStringLiteral("events remove needs an event id (a positive number from events list), not \"%1\"")
                              .arg(idText));
    int code = kExitOk;
    auto store = openProject(project, Store::Mode::ReadWrite, &code);
    if (!store)
        return code;
    const auto events = store->events();
    if (std::none_of(events.begin(), events.end(), [id](const Event &e) { return e.id == id; })) {
        err() << "dnstimeline: " << project << ": there is no event " << id << " (see events list)\n";
        return kExitInput;
    }
    QVector<Event> none;
    QString error;
    if (!store->changeEvents(&none, {}, {id}, &error)) {
        err() << "dnstimeline: " << project << ": " << error << "\n";
        return kExitInput;
    }
    out() << "removed event " << id << "\n";
    out().flush();
    return kExitOk;
}

int cmdEvents(const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("skip-bad"), QStringLiteral("import: import the good rows of a file with bad rows.")});
    const char *addOptions[] = {"start", "end", "title", "category", "note", "url"};
    for (const char *o : addOptions)
        p.addOption({QLatin1String(o), QStringLiteral("add: the event's %1.").arg(QLatin1String(o)), QStringLiteral("VALUE")});
    QString error;
    if (!parse(p, args, &error))
        return usageError(error);
    const QStringList pos = p.positionalArguments();
    if (pos.size() < 2)
        return usageError(kEventsUsage);
    const QString project = pos.at(0), action = pos.at(1);
    const bool known = action == QLatin1String("list") || action == QLatin1String("import")
                       || action == QLatin1String("export") || action == QLatin1String("add")
                       || action == QLatin1String("remove");
    if (!known)
        return usageError(QStringLiteral("unknown events action \"%1\"; ").arg(action) + kEventsUsage);
    const int wantArgs = action == QLatin1String("list") || action == QLatin1String("add") ? 2 : 3;
    if (pos.size() != wantArgs)
        return usageError(kEventsUsage);
    if (p.isSet(QStringLiteral("skip-bad")) && action != QLatin1String("import"))
        return usageError(QStringLiteral("--skip-bad is an option of events import"));
    if (action != QLatin1String("add"))
        for (const char *o : addOptions)
            if (p.isSet(QLatin1String(o)))
                return usageError(QStringLiteral("--%1 is an option of events add").arg(QLatin1String(o)));
    if (action == QLatin1String("list"))
        return eventsList(project);
    if (action == QLatin1String("export"))
        return eventsExport(project, pos.at(2));
    if (action == QLatin1String("import"))
        return eventsImport(project, pos.at(2), p.isSet(QStringLiteral("skip-bad")));
    if (action == QLatin1String("add"))
        return eventsAdd(project, p);
    return eventsRemove(project, pos.at(2));
}

} // namespace

bool isCliCommand(const QString &word)
{
    static const QStringList commands{QStringLiteral("import"), QStringLiteral("stats"), QStringLiteral("render"),
                                      QStringLiteral("events"), QStringLiteral("files"), QStringLiteral("groups"),
                                      QStringLiteral("pairs"), QStringLiteral("views")};
    return commands.contains(word);
}

namespace {

// The --range modes for the usage text, from the one table.
QString rangeModeHelp()
{
    QString text;
    for (const RangeModeInfo &m : rangeModes())
        text += QStringLiteral("  %1%2%3\n")
                    .arg(QLatin1String(m.name), QString(std::max<qsizetype>(1, 12 - qstrlen(m.name)), QLatin1Char(' ')),
                         QLatin1String(m.help));
    return text;
}

} // namespace

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
        "                    [--delimiter CHAR] [--no-header]\n"
        "      Imports log files (plain, gzip or zstd) into PROJECT, creating it if needed. Prints one\n"
        "      summary line per file; rejected lines go to stderr as FILE:LINE: reason. A file whose\n"
        "      content was imported before is refused. A file whose every data line is rejected fails\n"
        "      (exit 2) and is not added; a file without lookups or rejected lines (empty, only\n"
        "      responses) is reported as nothing to import and not added. Formats: %1.\n"
        "      --tz: zone of formats that write local time without a zone (default UTC, reported as\n"
        "      assumed); --year: year of formats without one (default: inferred from the file date).\n"
        "      --ports (pcap), --resolver-queries (dnstap), --columns/--time-format/--delimiter (csv);\n"
        "      --columns takes header names or 1-based positions; --no-header: the first row is data\n"
        "      (positions only, e.g. --columns time=1,client=4,name=9).\n"
        "  dnstimeline files PROJECT\n"
        "      Prints TSV of the imported files: id path format compression size sha256 accepted\n"
        "      skipped rejected zone year first last.\n"
        "  dnstimeline stats PROJECT [SELECTION] [--bucket UNIT] [--from T] [--to T] [--tz AREA/CITY]\n"
        "                    [--split none|client|name|group]\n"
        "      Prints TSV: bucket<TAB>series<TAB>count, one row per bucket and series, zeros included.\n"
        "      UNIT: minute, 5min, 15min, hour, 6hour, day, week, month. Buckets are aligned in the\n"
        "      display zone (--tz, default UTC): days at its midnight (23 or 25 hours at DST changes),\n"
        "      weeks on Monday, months on the 1st. bucket is the bucket start in ISO 8601: UTC with Z,\n"
        "      or local time with the zone's offset when --tz is given.\n"
        "  dnstimeline render PROJECT -o OUT.png|.jpg|.pdf|.svg|.csv [SELECTION] [--bucket ...] [--from T] [--to T]\n"
        "                    [--tz AREA/CITY] [--split ...] [--size WxH] [--title TEXT]\n"
        "                    [--style bars|lines|steps] [--values count|share] [--log] [--scale 1-4] [--footer]\n"
        "                    [--chart timeline|raster] [--raster-slot 1|2|5|10|30|60] [--range MODE]\n"
        "                    [--baseline all|view:NAME] [--view NAME | --no-view]\n"
        "      Draws the chart with the project's events (default 1600x900) and writes the format of the\n"
        "      output's extension: PNG/JPEG (size x scale pixels, DPI written), PDF and SVG (vectors), or\n"
        "      CSV of the buckets drawn. Provenance (files and SHA-256, selection, bucket, zone, range,\n"
        "      version) goes into the file's metadata, and with --footer under the chart too. Stacked\n"
        "      bars, lines or step lines; counts, or each series' share of all lookups in the bucket;\n"
        "      --log: logarithmic y axis (empty buckets draw nothing). --chart raster draws one row per\n"
        "      day of the zone and one column per time-of-day slot (--raster-slot minutes, default 60),\n"
        "      coloured by count; its CSV is day,slot_start,count per cell. The range is --from/--to, else\n"
        "      --range MODE (below; default project, so a name that stops mid-project visibly stops).\n"
        "      --view NAME draws a saved view; with no SELECTION or chart option the project's start view\n"
        "      is drawn if it has one (said on stderr), --no-view draws all lookups instead. --baseline\n"
        "      draws all lookups\n"
        "      of the project, or the selection of a saved view (unsplit), per bucket as a dashed line on\n"
        "      a right-hand axis (in share mode: 1 = its busiest bucket); the CSV gets a baseline column.\n"
        "  dnstimeline events PROJECT list\n"
        "  dnstimeline events PROJECT import FILE [--skip-bad]\n"
        "  dnstimeline events PROJECT export FILE.csv|FILE.json\n"
        "  dnstimeline events PROJECT add --start T [--end T] --title TEXT [--category C] [--note N]\n"
        "                    [--url U]\n"
        "  dnstimeline events PROJECT remove ID\n"
        "      list prints TSV: id start end title category note url, times in ISO 8601 UTC; tabs,\n"
        "      newlines and backslashes inside fields are written as \\t, \\n and \\\\.\n"
        "      import reads CSV, JSON or iCalendar (.ics), told apart by content. CSV: UTF-8, header\n"
        "      start,end,title,category,note,url; start/end ISO 8601 (a date alone means 00:00 UTC);\n"
        "      empty end = point event. JSON: an array of objects with the same fields (end null or\n"
        "      absent = point event). iCalendar: VEVENTs with DTSTART/DTEND (UTC, TZID=Area/City, or\n"
        "      all-day dates as whole UTC days), DURATION, SUMMARY, DESCRIPTION, URL, CATEGORIES.\n"
        "      A file with a bad row is refused whole, with every bad line listed on stderr;\n"
        "      --skip-bad imports the good rows and still lists the bad ones. Events already in the\n"
        "      project (same start and title) are reported and not added again.\n"
        "      export writes CSV or JSON by the extension (CSV text cells are protected against\n"
        "      spreadsheet formulas). add prints the new event's id; remove deletes one by id.\n"
        "  dnstimeline groups PROJECT list | add NAME ADDR|CIDR... [--color #rrggbb] | remove NAME\n"
        "                    | labels [FILE]\n"
        "      Source groups: list prints TSV name<TAB>color<TAB>members (comma-separated); add creates a\n"
        "      group or adds members to it. labels FILE stores a hosts-style file (ADDRESS LABEL, # comments)\n"
        "      all or nothing, listing bad lines as FILE:LINE: reason; labels alone prints them.\n"
        "  dnstimeline pairs PROJECT [SELECTION] [--from T] [--to T] [--top N]\n"
        "      Prints TSV source<TAB>name<TAB>count<TAB>share for the top N (20) names x top N sources\n"
        "      (a group, or a client in no group); share = count / all lookups of the name in the range,\n"
        "      four decimals. Names by the selection's count, then sources by count, both descending.\n"
        "  dnstimeline views PROJECT list | save NAME [SELECTION and render options] | remove NAME\n"
        "                    | start [NAME]\n"
        "      Saved chart setups; render PROJECT --view NAME -o OUT draws one exactly. list prints TSV\n"
        "      name<TAB>spec<TAB>start (* marks the start view). start NAME makes NAME the start view\n"
        "      (what opening the project shows and render without a selection draws); start alone\n"
        "      clears the mark, as removing that view does.\n"
        "\n"
        "SELECTION (repeatable; names and domains form one union, clients filter it; none = all):\n"
        "  --domain D    D and every name below it\n"
        "  --name N      exactly N (case-insensitive, trailing dot ignored)\n"
        "  --client A    a client address or CIDR range, IPv4 or IPv6\n"
        "  --group G     a source group of the project (its members filter like --client)\n"
        "  --rcode R     the response code: a name (NOERROR, NXDOMAIN, SERVFAIL, …) or number; repeated\n"
        "                = any of them; lookups whose log has no response code match none\n"
        "  --qtype Q     the query type: an IANA name (A, AAAA, NIMLOC, …, TYPE65534) or number\n"
        "  --server A    the server asked: an address or CIDR range, IPv4 or IPv6\n"
        "  --rcode, --qtype and --server narrow every command (stats, render, pairs, views) and are\n"
        "  counted from the lookups themselves (slower than the other filters on big projects).\n"
        "T: ISO 8601 date (2016-07-29) or date-time with Z or an offset (2016-07-29T12:00:00Z); --to is\n"
        "exclusive.\n"
        "MODE (--range of render and views save; a side --from or --to leaves out comes from it):\n"
        "%2"
        "\n"
        "Options: --help, --version.\n"
        "Exit status: 0 success, 1 usage error, 2 an input could not be used (the other files of the\n"
        "same call are still processed).\n")
        .arg(knownFormats().join(QStringLiteral(", ")), rangeModeHelp());
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
    if (command == QLatin1String("groups"))
        return cmdGroups(args);
    if (command == QLatin1String("pairs"))
        return cmdPairs(args);
    if (command == QLatin1String("views"))
        return cmdViews(args);
    return usageError(QStringLiteral("unknown command \"%1\"").arg(command));
}

} // namespace dnt
