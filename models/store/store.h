#pragma once

#include "event.h"
#include "lookuprecord.h"
#include "selection.h"
#include "volumeseries.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <QVector>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace dnt {

// What is known about one imported file (provenance).
struct FileRecord
{
    int64_t id = 0;
    QString path;
    int64_t size = 0;
    QString sha256;         // lower-case hex of the raw file bytes
    QString format;         // "zeek", "zeek-json", …
    QString compression;    // "none", "gzip", "zstd"
    QString zone;           // zone assumed for zone-less formats ("UTC"); empty when the format has one
    int year = 0;           // year assumed for year-less formats; 0 when the format has one
    int64_t accepted = 0;   // lookups stored
    int64_t skipped = 0;    // valid lines that are not lookups
    int64_t rejected = 0;   // malformed lines
    std::optional<int64_t> firstUs; // first and last lookup time
    std::optional<int64_t> lastUs;
    int64_t importedAtUs = 0;
};

struct NameCount
{
    QString name;
    int64_t count = 0;
};

struct ClientCount
{
    QString address;
    int64_t count = 0;
};

// A user-defined event category: its colour on the chart and whether its events are shown.
struct EventCategory
{
    QString name;
    QString color;        // "#rrggbb"
    bool visible = true;
    bool operator==(const EventCategory &other) const = default;
};

struct Totals
{
    int64_t lookups = 0;
    int64_t names = 0;
    int64_t clients = 0;            // addresses that asked something (servers alone are not counted)
    int64_t files = 0;
    std::optional<int64_t> firstUs;
    std::optional<int64_t> lastUs;
};

struct VolumeQuery
{
    Selection selection;
    BucketUnit unit = BucketUnit::Hour;
    std::optional<int64_t> fromUs;  // inclusive; default: first selected lookup's bucket
    std::optional<int64_t> toUs;    // exclusive; default: end of the last selected lookup's bucket
    Split split = Split::None;
    QTimeZone zone = QTimeZone::utc(); // buckets are aligned in this zone (days at its midnight)
    bool withAllCounts = false;        // also count all lookups per bucket (for shares), into allCounts
    int maxSeries = 12;             // with a split, the busiest series are kept, ordered by total desc
                                    // (then label); <= 0 keeps all
    // Counts are exact to the microsecond: whole minutes come from the per-minute roll-ups, and the parts
    // of a minute that fromUs/toUs cut off are counted from the lookups of the files covering that minute
    // (bucket-aligned ranges, which the chart uses, never read the lookups table).
    // A selection that matches no name or no client gives no series (bucketStarts are still filled when
    // both fromUs and toUs are given); Split::None otherwise always gives one series "all", zeros included.
};

// --- workspace value types (source groups, address labels, saved views, the pair view) ---

// A named set of addresses and CIDR ranges ("Bank resolvers" = 217.12.96.15, 217.12.97.15).
struct SourceGroup
{
    QString name;
    QString color = QStringLiteral("#1f77b4"); // "#rrggbb"
    QStringList members;                       // AddressFilter texts, in the order given
    bool operator==(const SourceGroup &other) const = default;
};

// A saved chart setup: its name and its versioned JSON spec (ViewSpec in models/core reads it).
struct SavedView
{
    QString name;
    QByteArray spec;
};

struct PairQuery
{
    Selection selection;
    int top = 20;                  // top names and top sources kept (each); <= 0: 20
    std::optional<int64_t> fromUs; // inclusive; none: from the first lookup
    std::optional<int64_t> toUs;   // exclusive; none: to the last lookup
};

// Top sources × top names of a selection. A source is a group (one source, whatever its members) or a
// client in none of the groups considered. counts[s][n] is what source s asked for name n within the
// selection and range; nameAll[n] is every lookup of name n in the project within the range (whoever
// asked), the denominator of the share.
struct PairTable
{
    QStringList names;              // by the selection's count of the name, desc, then name
    QVector<int64_t> nameSelected;  // the selection's lookups of each name
    QVector<int64_t> nameAll;       // all lookups of each name within the range
    QStringList sources;            // by their count over the top names, desc, then label
    QVector<bool> sourceIsGroup;
    QVector<QString> sourceColors;  // group colour, empty for a client
    QVector<QVector<int64_t>> counts; // [source][name]
    QString error;                  // e.g. the selection names a group that does not exist
    quint64 jobId = 0;

    double share(int source, int name) const
    {
        const int64_t all = nameAll.value(name);
        return all > 0 ? double(counts.at(source).at(name)) / double(all) : 0.0;
    }
};

// The values of the lookup filters the project holds, each with its number of lookups (count desc,
// then value): what the chart's filter row offers.
struct CodeCount
{
    int value = 0; // rcode (-1: unknown) or qtype (0: unknown)
    int64_t count = 0;
};
struct ServerCount
{
    QString value; // address; empty for lookups whose log names no server
    int64_t count = 0;
};
struct LookupFacets
{
    QVector<CodeCount> rcodes;
    QVector<CodeCount> qtypes;
    QVector<ServerCount> servers;
    quint64 jobId = 0;
};

// --- records (models/store/storerecords.cpp): one lookup as the records table shows it ---
struct RecordRow
{
    int64_t rowid = 0;
    int64_t nameId = 0;
    int64_t clientId = 0;
    int64_t timeUs = 0;
    QString client;
    QString source; // who the client is: its label and the source groups it belongs to ("NS1 · Bank")
    QString server;
    QString name;
    int qtype = 0;
    int rcode = -1;
    QString file; // file name without its folder
    int64_t line = 0;
    QString process; // the program that asked (Sysmon's image path); empty when the format has none
};

// Which lookups the records table lists: a selection and an optional half-open time range.
struct RecordQuery
{
    Selection selection;
    std::optional<int64_t> fromUs; // inclusive
    std::optional<int64_t> toUs;   // exclusive
    bool descending = false;       // newest first
};

// Where a page ends; the next page starts strictly after it (in the query's order). Rows are ordered by
// (time, name id, client id, rowid): a total order that is exactly the order of the time index, so a
// page is one index range seek, never a sort, and paging by key never skips or repeats a row.
struct RecordKey
{
    int64_t timeUs = 0;
    int64_t nameId = 0;
    int64_t clientId = 0;
    int64_t rowid = 0;
};

struct RecordPage
{
    QVector<RecordRow> rows;
    bool atEnd = false;          // no rows after the last one
    int64_t indexRowsRead = 0;   // index entries stepped over to find these rows (for tests and benches)
    int64_t fullScanSteps = 0;   // SQLITE_STMTSTATUS_FULLSCAN_STEP of the scan (0: no table scan)
    int64_t vmSteps = 0;         // SQLITE_STMTSTATUS_VM_STEP of the scan: grows with every row visited
    bool needsIndex = false;     // the project has no records index yet (see ensureRecordIndex)
    QString error;
};

// A name with its lookup count and the ids of the distinct clients that asked it (for per-domain client
// counts: the union over a domain's names).
struct NameClients
{
    QString name;
    int64_t count = 0;
    QVector<int64_t> clientIds; // ascending
};

// One rejected line of an imported file, as stored (the first kMaxStoredRejects per file).
struct RejectedLine
{
    int64_t line = 0;
    QString reason;
    QString text; // the line itself, cut to 500 bytes; empty for binary formats
};

class FileImport;

// The version of the SQLite library in use (sqlite3_libversion()), for Help › About. Any thread.
QString sqliteLibraryVersion();

// The project file: one SQLite database. One Store object per thread (each thread opens its own);
// none of its methods may be called from two threads at once. All methods may block on disk I/O,
// so the GUI thread calls only the cheap ones (totals(), files(), events()) and leaves volume() and
// the top lists to a reader thread.
class Store
{
public:
    enum class Mode { ReadOnly, ReadWrite, Create /* read-write, creates the file if missing */ };

    // Opens a project. On failure returns nullptr and sets *error to a message naming the file and
    // the reason: not a SQLite file, a SQLite file that is not a DNS Timeline project, a project from
    // a newer version, a truncated or corrupt file. A failed open never modifies the file and leaves no
    // -wal/-shm beside it. A successful open (even ReadOnly, as SQLite's WAL needs them) may create
    // the -wal/-shm files; ReadWrite/Create migrate an older schema forward.
    static std::unique_ptr<Store> open(const QString &path, Mode mode, QString *error);
    ~Store();

    QString path() const { return m_path; }
    static constexpr int kSchemaVersion = 7;
    static constexpr int kApplicationId = 0x444E5354; // "DNST"

    // --- provenance ---
    QVector<FileRecord> files() const;
    std::optional<FileRecord> fileBySha256(const QString &sha256) const;

    // --- import ---
    // Starts importing one file in its own transaction. Only one FileImport may be open at a time.
    // nullptr with *error set if the transaction cannot start (e.g. the project is read-only).
    std::unique_ptr<FileImport> beginFileImport(const FileRecord &file, QString *error);

    // --- read side: the narrow interface a server-side backend could answer too ---
    Totals totals() const;
    VolumeSeries volume(const VolumeQuery &query) const;
    // First and last lookup time of a selection (exact; nullopt if it selects nothing).
    std::optional<std::pair<int64_t, int64_t>> timeRange(const Selection &selection) const;
    // First and last lookup of the project: the union of its files' spans (files.t_first/t_last), read
    // from the files table without touching the lookups; nullopt if no file has lookups.
    std::optional<std::pair<int64_t, int64_t>> projectTimeRange() const;
    // Names by lookup count (desc, then name), optionally only those containing `contains`
    // (case-insensitive); with a '*' the text is a pattern instead ("*.trump-email.com"). limit <= 0: all.
    QVector<NameCount> topNames(int limit, const QString &contains = {}) const;
    // Clients by lookup count (desc, then address), restricted to lookups of the selection's names if it
    // has any, and to its clients filter if it has one. limit <= 0: all.
    QVector<ClientCount> topClients(int limit, const Selection &selection = {}) const;
    // Every response code, query type and server of the project's lookups with its count (one pass over
    // the lookups: reader thread; storefilters.cpp).
    LookupFacets lookupFacets() const;


    // --- records (storerecords.cpp) ---
    // Builds the index that pages by time (lookups(t, name_id, client_id)) if it is missing. It is built
    // once, on first use, not during imports; later imports keep it up to date. Needs a read-write Store.
    // Builds the records index if it is missing. It stops, changing nothing, when *cancel turns true or
    // another writer of this process (an import, an edit) wants the write lock; *interrupted says so.
    // An import drops the index again (maintaining it would cost more than rebuilding it).
    bool ensureRecordIndex(QString *error, const std::atomic<bool> *cancel = nullptr, bool *interrupted = nullptr);
    bool hasRecordIndex() const;
    // Up to `limit` lookups of the query after `after` (from the start if unset), read by key range on the
    // time index: the cost depends on the page, not on how far into the result it is. Without the index
    // (ensureRecordIndex not run) the page has an error.
    RecordPage recordPage(const RecordQuery &query, std::optional<RecordKey> after, int limit) const;
    // Exact number of lookups the query lists, from the roll-ups (reader thread).
    int64_t recordCount(const RecordQuery &query) const;
    // Every name with lookups, its count and its distinct clients, from the roll-ups (reader thread).
    QVector<NameClients> nameClients() const;

    // --- rejected lines and file removal (storefiles.cpp) ---
    static constexpr int kMaxStoredRejects = 1000;
    QVector<RejectedLine> rejectedLines(int64_t fileId) const;
    // Removes one file and its lookups in one transaction, updating every roll-up exactly. The rows are
    // kept aside until purgeRemovedFiles() (the GUI calls it when it opens a project), so that
    // restoreFile() can bring the file back exactly (undo).
    bool removeFile(int64_t fileId, QString *error);
    bool restoreFile(int64_t fileId, QString *error);
    bool purgeRemovedFiles(QString *error);

    // --- events ---
    QVector<Event> events() const;
    // Adds all events in one transaction (all or none). Assigns ids into *events.
    bool addEvents(QVector<Event> *events, QString *error);
    // One change to the events, in one transaction (all or none), so that every user action (and every
    // undo/redo of it) is written at once: inserts (an event with id 0 gets a new id, written into
    // *inserted; one with an id keeps it, which is how an undone deletion comes back), updates (by id)
    // and removals (by id). Fails if an update or removal names an id that does not exist.
    bool changeEvents(QVector<Event> *inserted, const QVector<Event> &updated, const QVector<int64_t> &removed,
                      QString *error);
    // Categories with a stored colour/visibility (a category only named by events has none yet).
    QVector<EventCategory> categories() const;
    // Stores (inserts or replaces) one category's colour and visibility.
    bool setCategory(const EventCategory &category, QString *error);

    // --- workspace: source groups, address labels, saved views (SQL in storeworkspace.cpp) ---
    // Groups by name. A project from before groups existed (opened read-only) has none.
    QVector<SourceGroup> groups() const;
    std::optional<SourceGroup> group(const QString &name) const;
    // Stores a group (replacing the one named previousName, or the one with the same name). Validates:
    // a name without control characters, a "#rrggbb" colour, at least one member, every member an
    // address or CIDR range (stored in canonical spelling, duplicates dropped).
    bool saveGroup(const SourceGroup &group, QString *error, const QString &previousName = {});
    bool removeGroup(const QString &name, QString *error); // fails if there is no such group
    // Why the selection cannot be used (it names a group that is not in the project), or empty.
    QString selectionError(const Selection &selection) const;
    // Address → label (addresses in canonical spelling).
    QHash<QString, QString> labels() const;
    // Inserts or replaces labels in one transaction (all or none); an empty label removes one.
    bool setLabels(const QVector<QPair<QString, QString>> &labels, QString *error);
    QVector<SavedView> views() const; // by name
    std::optional<SavedView> view(const QString &name) const;
    bool saveView(const SavedView &view, QString *error); // inserts or replaces by name
    bool removeView(const QString &name, QString *error); // fails if there is no such view; clears the start mark
    // The saved view that opening the project shows (and `render` with no selection draws), if one is
    // marked. setStartView fails if there is no such view; an empty name clears the mark.
    std::optional<QString> startView() const;
    bool setStartView(const QString &name, QString *error);

    // The pair view (storequeries.cpp): answered from the roll-ups, never by scanning the lookups.
    PairTable pairs(const PairQuery &query) const;

    sqlite3 *handle() const { return m_db; } // for FileImport and tests in this folder only

private:
    Store() = default;
    // While an import is open its writer thread owns the connection: reads wait until it is idle.
    void syncImport() const;
    QString m_path;
    sqlite3 *m_db = nullptr;
    bool m_readOnly = false;
    bool m_importOpen = false;
    FileImport *m_import = nullptr; // the open import, rolled back and detached if the Store goes first
    friend class FileImport;
};

// Bulk writer for one file: dictionary-encodes names and clients, appends lookups with one reused
// prepared statement and maintains the roll-ups the chart reads, all inside one transaction.
// Destroying it without commit() rolls everything back: the project is exactly as it was.
// Used on the thread of its Store. If the Store is destroyed first, the import is rolled back and every
// later call fails.
class FileImport
{
public:
    ~FileImport();
    // Adds one lookup. Returns false (with *error) only on a database error.
    bool add(const LookupRecord &record, QString *error);
    // Finishes the file: stores its FileRecord (with the final counts and hash) and commits.
    // Fails (and rolls back) if a file with the same SHA-256 is already in the project. Unset firstUs/lastUs
    // are taken from the lookups added, importedAtUs 0 from the clock.
    // Memory stays bounded (roll-up entries are flushed every ~1M rows); for speed, add() does no
    // allocation for names and clients already seen.
    bool commit(const FileRecord &finalRecord, QString *error);
    void rollback();
    // Keeps one rejected line (the first Store::kMaxStoredRejects of the file; files.rejected keeps the
    // true total). Called once per rejected line, never for accepted ones (storefiles.cpp). The lines
    // are held in memory (at most 1,000 × 500 bytes) and written by commit(), after the writer thread
    // has finished with the connection: one thread uses it at a time.
    bool addRejected(int64_t line, std::string_view reason, std::string_view text, QString *error);
    int64_t fileId() const;

private:
    friend class Store;
    sqlite3 *connection() const; // while open
    bool writeRejected(QString *error); // in commit(), on the connection's own thread
    struct PendingReject
    {
        int64_t line;
        std::string reason;
        std::string text;
    };
    std::vector<PendingReject> m_rejects;
    explicit FileImport(Store *store);
    void detach();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace dnt
