#include "importer.h"

#include "formathints.h"
#include "inputstream.h"
#include "reader.h"
#include "timeutil.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocale>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace dnt {

namespace {

QString count(int64_t n, bool grouped)
{
    return grouped ? QLocale().toString(qlonglong(n)) : QString::number(n);
}

} // namespace

QString FileImportReport::skippedText(bool grouped) const
{
    QStringList parts;
    for (const SkipCount &s : skippedBy)
        parts.append(QStringLiteral("%1 %2").arg(count(s.count, grouped), s.reason));
    return parts.join(QStringLiteral(", "));
}

QString FileImportReport::summaryLine(bool grouped) const
{
    const QString name = path;
    switch (outcome) {
    case Outcome::Duplicate:
    case Outcome::Failed:
        return QStringLiteral("%1: not imported: %2").arg(name, message);
    case Outcome::Cancelled:
        return QStringLiteral("%1: cancelled, nothing imported").arg(name);
    case Outcome::NothingToImport:
        return QStringLiteral("%1: nothing to import: %2").arg(name, message);
    case Outcome::Imported:
        break;
    }
    QString range;
    if (record.firstUs && record.lastUs)
        range = QStringLiteral(", %1 – %2").arg(formatIsoUtc(*record.firstUs), formatIsoUtc(*record.lastUs));
    QString assumed;
    if (!record.zone.isEmpty())
        assumed += zoneDefaulted ? QStringLiteral("; zone-less times read as %1 (assumed: none given with --tz)").arg(record.zone)
                                 : QStringLiteral("; zone-less times read as %1").arg(record.zone);
    if (record.year)
        assumed += yearInferred ? QStringLiteral("; year %1 inferred from the file date").arg(record.year)
                                : QStringLiteral("; year %1 as given").arg(record.year);
    for (const QString &note : notes)
        assumed += QStringLiteral("; ") + note;
    // What "skipped" means for this file: lines that are not lookups, by kind.
    const QString skipped = record.skipped > 0 ? QStringLiteral("; skipped: %1").arg(skippedText(grouped)) : QString();
    return QStringLiteral("%1: %2 lookups, %3 skipped, %4 rejected (%5)%6%7%8")
        .arg(name, count(record.accepted, grouped), count(record.skipped, grouped), count(record.rejected, grouped),
             format, range, assumed, skipped);
}

int64_t ImportReport::accepted() const
{
    int64_t n = 0;
    for (const auto &f : files)
        if (f.ok())
            n += f.record.accepted;
    return n;
}

bool ImportReport::allOk() const
{
    for (const auto &f : files)
        if (!f.ok())
            return false;
    return !cancelled;
}

namespace {

// Feeds reader output into the store and keeps the counts; stops on cancel or a database error.
class StoreSink : public RecordSink
{
public:
    StoreSink(FileImport *writer, FileImportReport *report, const std::atomic_bool *cancel)
        : m_writer(writer), m_report(report), m_cancel(cancel)
    {
    }

    bool onRecord(const LookupRecord &record) override
    {
        if (m_cancel && m_cancel->load(std::memory_order_relaxed)) {
            m_cancelled = true;
            return false;
        }
        if (m_failed || !m_writer->add(record, &m_dbError))
            return false;
        FileRecord &r = m_report->record;
        ++r.accepted;
        if (!r.firstUs || record.timeUs < *r.firstUs)
            r.firstUs = record.timeUs;
        if (!r.lastUs || record.timeUs > *r.lastUs)
            r.lastUs = record.timeUs;
        return true;
    }

    void onRejected(int64_t line, std::string_view reason) override { onRejectedText(line, reason, {}); }

    void onRejectedText(int64_t line, std::string_view reason, std::string_view text) override
    {
        ++m_report->record.rejected;
        if (m_dbError.isEmpty() && !m_writer->addRejected(line, reason, text, &m_dbError))
            m_failed = true;
        if (m_report->problems.size() < FileImportReport::kMaxReportedProblems)
            m_report->problems.append(
                {line, QString::fromUtf8(reason.data(), static_cast<qsizetype>(reason.size()))});
    }

    void onSkipped(int64_t, std::string_view reason) override
    {
        ++m_report->record.skipped;
        // Readers pass a handful of fixed reasons, mostly the same one in a row: a short list will do.
        if (m_lastSkip < m_skips.size() && m_skips[m_lastSkip].first == reason) {
            ++m_skips[m_lastSkip].second;
            return;
        }
        for (size_t i = 0; i < m_skips.size(); ++i)
            if (m_skips[i].first == reason) {
                ++m_skips[i].second;
                m_lastSkip = i;
                return;
            }
        if (m_skips.size() < FileImportReport::kMaxSkipReasons) {
            m_skips.emplace_back(std::string(reason), 1);
            m_lastSkip = m_skips.size() - 1;
        } else {
            ++m_otherSkips;
        }
    }

    // The skip reasons, most frequent first, into the report.
    void finishSkips()
    {
        std::stable_sort(m_skips.begin(), m_skips.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
        m_report->skippedBy.clear();
        for (const auto &[reason, n] : m_skips)
            m_report->skippedBy.append({QString::fromStdString(reason), n});
        if (m_otherSkips > 0)
            m_report->skippedBy.append({QStringLiteral("other lines"), m_otherSkips});
    }

    bool cancelled() const { return m_cancelled; }
    QString dbError() const { return m_dbError; }

private:
    FileImport *m_writer;
    FileImportReport *m_report;
    const std::atomic_bool *m_cancel;
    bool m_cancelled = false;
    bool m_failed = false; // a rejected line could not be stored: stop at the next record
    QString m_dbError;
    std::vector<std::pair<std::string, int64_t>> m_skips;
    size_t m_lastSkip = 0;
    int64_t m_otherSkips = 0;
};

// Wraps a stream so that progress is reported while the reader pulls bytes.
class ProgressStream : public InputStream
{
public:
    ProgressStream(InputStream &inner, std::function<void()> tick) : m_inner(inner), m_tick(std::move(tick)) {}
    int64_t read(char *buffer, int64_t maxBytes) override
    {
        const int64_t n = m_inner.read(buffer, maxBytes);
        m_rawBytesRead = m_inner.rawBytesRead();
        m_error = m_inner.errorString();
        m_tick();
        return n;
    }
    QByteArray peek(int64_t maxBytes) override { return m_inner.peek(maxBytes); }
    QByteArray sha256Hex() override { return m_inner.sha256Hex(); }

private:
    InputStream &m_inner;
    std::function<void()> m_tick;
};

} // namespace

QString detectFileFormat(const QString &path, QString *error, QString *unrecognised)
{
    QString e;
    auto stream = InputStream::openFile(path, &e);
    if (!stream) {
        if (error)
            *error = e;
        return {};
    }
    const QByteArray head = stream->peek(64 * 1024);
    const QString format = detectFormat(head);
    if (format.isEmpty() && unrecognised)
        *unrecognised = explainUnrecognised(std::string_view(head.constData(), static_cast<size_t>(head.size())))
                            .join(QStringLiteral("; "));
    return format;
}

Importer::Importer(Store *store, ImportOptions options) : m_store(store), m_options(std::move(options)) {}

ImportReport Importer::importFiles(const QStringList &paths)
{
    ImportReport report;
    for (int i = 0; i < paths.size(); ++i) {
        if (m_cancel && m_cancel->load()) {
            report.cancelled = true;
            break;
        }
        report.files.append(importFile(paths.at(i), i, static_cast<int>(paths.size())));
        if (report.files.last().outcome == FileImportReport::Outcome::Cancelled) {
            report.cancelled = true;
            break;
        }
    }
    return report;
}

FileImportReport Importer::importFile(const QString &path, int fileIndex, int fileCount)
{
    FileImportReport report;
    report.path = path;
    const QFileInfo info(path);
    report.record.path = info.absoluteFilePath();

    QString error;
    if (info.isDir()) {
        report.message = QStringLiteral("%1 is a folder, not a log file").arg(path);
        return report;
    }
    auto stream = InputStream::openFile(path, &error);
    if (!stream) {
        report.message = error;
        return report;
    }
    report.record.size = stream->rawSize();
    report.record.compression = compressionName(stream->compression());

    QString format = m_options.formatByFile.value(path, m_options.format);
    if (format.isEmpty() || format == QLatin1String("auto")) {
        const QByteArray head = stream->peek(64 * 1024);
        if (head.isEmpty() && stream->errorString().isEmpty()) {
            // An empty log is no evidence of anything, and no error either.
            report.outcome = FileImportReport::Outcome::NothingToImport;
            report.message = QStringLiteral("the file is empty; not added to the project");
            return report;
        }
        format = detectFormat(head);
        if (format.isEmpty()) {
            const QStringList hints =
                explainUnrecognised(std::string_view(head.constData(), static_cast<size_t>(head.size())));
            report.message = QStringLiteral("%1: unrecognised log format: %2; name its format with --format (known "
                                            "formats: %3)")
                                 .arg(path, hints.join(QStringLiteral("; ")), knownFormats().join(QStringLiteral(", ")));
            return report;
        }
    }
    ReaderOptions readerOptions = m_options.reader;
    readerOptions.path = info.absoluteFilePath();
    if (readerOptions.fileModifiedUs == 0)
        readerOptions.fileModifiedUs = info.lastModified().toMSecsSinceEpoch() * 1000;
    auto reader = createReader(format, readerOptions);
    if (!reader) {
        report.message = QStringLiteral("unknown format \"%1\" (known formats: %2)")
                             .arg(format, knownFormats().join(QStringLiteral(", ")));
        return report;
    }
    report.format = format;
    report.record.format = format;

    auto writer = m_store->beginFileImport(report.record, &error);
    if (!writer) {
        report.message = QStringLiteral("%1: %2").arg(path, error);
        return report;
    }

    QElapsedTimer throttle;
    throttle.start();
    int lastPerMille = -1;
    auto tick = [&] {
        if (!m_progress || throttle.elapsed() < 50)
            return;
        throttle.restart();
        const int64_t size = stream->rawSize();
        const int perMille = size > 0 ? static_cast<int>(stream->rawBytesRead() * 1000 / size) : 0;
        if (perMille != lastPerMille) {
            lastPerMille = perMille;
            m_progress(fileIndex, fileCount, perMille);
        }
    };
    ProgressStream progressStream(*stream, tick);
    StoreSink sink(writer.get(), &report, m_cancel);
    const ReadStatus status = reader->read(progressStream, sink, &error);
    sink.finishSkips();

    if (sink.cancelled()) {
        writer->rollback();
        report.outcome = FileImportReport::Outcome::Cancelled;
        report.message = QStringLiteral("cancelled");
        return report;
    }
    if (!sink.dbError().isEmpty()) {
        writer->rollback();
        report.message = QStringLiteral("%1: cannot write the project: %2").arg(path, sink.dbError());
        return report;
    }
    if (status == ReadStatus::Failed) {
        writer->rollback();
        report.message = QStringLiteral("%1: %2; nothing from this file was imported").arg(path, error);
        return report;
    }

    report.record.zone = reader->assumedZone();
    report.record.year = reader->assumedYear();
    report.notes = reader->notes();
    // Nothing read is nothing to keep: a file that adds no lookup is not added, so that it never blocks
    // importing the same bytes again (by SHA-256) once the right format is chosen.
    if (report.record.accepted == 0) {
        writer->rollback();
        if (report.record.rejected > 0) {
            report.outcome = FileImportReport::Outcome::Failed;
            const ImportProblem &first = report.problems.first();
            report.message = QStringLiteral("every data line was rejected as %1 (%2 rejected, first at line %3: %4); "
                                            "the file was not added and can be imported again with its right format")
                                 .arg(format, QString::number(report.record.rejected), QString::number(first.line), first.reason);
        } else {
            report.outcome = FileImportReport::Outcome::NothingToImport;
            report.message = report.record.skipped > 0
                                 ? QStringLiteral("no lookups as %1, only skipped lines (%2); not added to the project")
                                       .arg(format, report.skippedText())
                                 : QStringLiteral("the file holds no lines to read; not added to the project");
        }
        return report;
    }
    report.zoneDefaulted = !report.record.zone.isEmpty() && m_options.reader.zone.isEmpty();
    report.yearInferred = report.record.year != 0 && m_options.reader.year == 0;
    report.record.sha256 = QString::fromLatin1(stream->sha256Hex());
    report.record.importedAtUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    if (const auto existing = m_store->fileBySha256(report.record.sha256)) {
        writer->rollback();
        report.outcome = FileImportReport::Outcome::Duplicate;
        report.message = QStringLiteral("same content (SHA-256 %1) as %2, already imported; not counted twice")
                             .arg(report.record.sha256, existing->path);
        return report;
    }
    if (!writer->commit(report.record, &error)) {
        report.message = QStringLiteral("%1: %2").arg(path, error);
        return report;
    }
    report.outcome = FileImportReport::Outcome::Imported;
    if (m_progress)
        m_progress(fileIndex, fileCount, 1000);
    return report;
}

} // namespace dnt
