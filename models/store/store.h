#pragma once

#include "event.h"
#include "lookuprecord.h"
#include "selection.h"
#include "volumeseries.h"

#include <QString>
#include <QTimeZone>
#include <QVector>

#include <cstdint>
#include <memory>
#include <optional>

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

class FileImport;

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
    static constexpr int kSchemaVersion = 3;
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
    // Names by lookup count (desc, then name), optionally only those containing `contains`
    // (case-insensitive); with a '*' the text is a pattern instead ("*.trump-email.com"). limit <= 0: all.
    QVector<NameCount> topNames(int limit, const QString &contains = {}) const;
    // Clients by lookup count (desc, then address), restricted to lookups of the selection's names if it
    // has any, and to its clients filter if it has one. limit <= 0: all.
    QVector<ClientCount> topClients(int limit, const Selection &selection = {}) const;

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

private:
    friend class Store;
    explicit FileImport(Store *store);
    void detach();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace dnt
