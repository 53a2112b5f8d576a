#pragma once

#include "reader.h"
#include "store.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <functional>

namespace dnt {

// What happened to one file of an import. A value: crosses from the import thread to the GUI.
struct ImportProblem
{
    int64_t line = 0;
    QString reason;
};

// How many lines of one kind were skipped (passed over as not lookups), e.g. 7 × "DNS response".
struct SkipCount
{
    QString reason;
    int64_t count = 0;
};

struct FileImportReport
{
    // Imported: added to the project. NothingToImport: read without a single lookup and without a
    //   rejected line (an empty log, or only responses / non-query lines): not an error, and not added,
    //   so it blocks nothing. Failed: includes a file whose every data line was rejected (often a
    //   format that does not fit it): not added, so it can be imported again with the right format.
    enum class Outcome { Imported, NothingToImport, Duplicate, Failed, Cancelled };

    QString path;
    Outcome outcome = Outcome::Failed;
    QString format;
    QString message;               // why it failed / was refused; empty when imported
    FileRecord record;             // counts, hash, time range (also filled for failures, as far as known)
    QVector<ImportProblem> problems; // the first kMaxReportedProblems rejected lines
    QVector<SkipCount> skippedBy;  // why lines were skipped, most frequent first (at most kMaxSkipReasons)
    QStringList notes;             // what the reader had to assume (Reader::notes())
    bool zoneDefaulted = false;    // the format has no zone and none was given: UTC was assumed
    bool yearInferred = false;     // the format has no year and none was given: inferred
    static constexpr int kMaxReportedProblems = 20;
    static constexpr int kMaxSkipReasons = 8; // further reasons are counted as "other lines"

    // Not a failure: imported, or nothing in it to import.
    bool ok() const { return outcome == Outcome::Imported || outcome == Outcome::NothingToImport; }
    bool added() const { return outcome == Outcome::Imported; }
    // One line for the CLI: "dns.log: 1234 lookups, 2 skipped, 1 rejected, 2016-05-04T… – 2016-09-23T…"
    // (figures with thousands separators when grouped is set, as the GUI shows them).
    QString summaryLine(bool grouped = false) const;
    // "7 DNS response, 2 not a query line" (empty when nothing was skipped).
    QString skippedText(bool grouped = false) const;
};

struct ImportReport
{
    QVector<FileImportReport> files;
    bool cancelled = false;
    int64_t accepted() const;
    bool allOk() const;
};

struct ImportOptions
{
    QString format = QStringLiteral("auto"); // "auto" or a name from knownFormats()
    ReaderOptions reader;                    // zone, year and format-specific settings
    QHash<QString, QString> formatByFile;    // per-file choice (path as given) that overrides `format`
};

// The format a file looks like, from its first bytes (decompressed); empty if unknown or unreadable.
// For an unknown one, *unrecognised says what the file resembles and what it lacks (explainUnrecognised).
QString detectFileFormat(const QString &path, QString *error = nullptr, QString *unrecognised = nullptr);

// Imports files into an open project, one transaction per file. Runs on whatever thread calls it
// (the CLI's main thread, or a worker thread for the GUI); the Store must belong to that thread.
// progress(perMille) is called at most every ~50 ms; cancel is checked for every record.
class Importer
{
public:
    using Progress = std::function<void(int fileIndex, int fileCount, int perMille)>;

    Importer(Store *store, ImportOptions options = {});
    void setProgress(Progress progress) { m_progress = std::move(progress); }
    void setCancelFlag(const std::atomic_bool *cancel) { m_cancel = cancel; }

    ImportReport importFiles(const QStringList &paths);
    FileImportReport importFile(const QString &path, int fileIndex = 0, int fileCount = 1);

private:
    Store *m_store;
    ImportOptions m_options;
    Progress m_progress;
    const std::atomic_bool *m_cancel = nullptr;
};

} // namespace dnt

Q_DECLARE_METATYPE(dnt::ImportReport)
