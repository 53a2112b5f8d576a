#pragma once

#include "store.h"

#include <QSize>
#include <QString>
#include <QStringList>
#include <QVector>

#include <cstdint>
#include <optional>

namespace dnt {

class RasterView;
class TimelineChart;

// Where a chart comes from, so that someone else can rebuild it: travels with every export (PNG text
// chunks, JPEG comments, PDF title and XMP description, SVG <title>/<desc>, CSV comment header) and,
// when asked, as a footer line under the chart. Files are named by their file name (not the full
// path, which may say more about the investigator's machine than about the evidence) and SHA-256.
struct Provenance
{
    QVector<FileRecord> files;
    QString selection;     // Selection::describe()
    QString bucket;        // bucketUnitName(): "hour", "day", …
    QString split;         // "client", "name", "group (…)"; empty: not split
    QString other;         // what the "other" series holds ("37 clients"); empty: there is none
    QString zone = QStringLiteral("UTC"); // IANA id of the display zone
    int64_t fromUs = 0;    // the range shown
    int64_t toUs = 0;
    QString baseline;      // the baseline's label ("all lookups", "view Bank"); empty: none
    QStringList hidden;    // labels of series hidden from the chart (and from this export)
    QString appVersion = QStringLiteral(DNT_VERSION);
    QString generatedAt;   // ISO 8601 UTC; empty: not written

    // Bucket, zone, range, baseline and hidden series from the chart, generatedAt = now (or
    // SOURCE_DATE_EPOCH when set, for reproducible output). The caller adds files and selection.
    static Provenance fromChart(const TimelineChart &chart);
    // The same for the day × time raster: bucket "day x 30-minute slot", its zone, its whole days.
    static Provenance fromRaster(const RasterView &view);

    // "DNS Timeline 0.1.0", "files: dns.log (sha256 ab…), …", "selection: …", "split: client",
    // "other: 37 clients (the series "other")", "bucket: hour",
    // "zone: UTC", "range: 2016-07-20T00:00:00Z – 2016-07-30T00:00:00Z", "baseline: all lookups",
    // "hidden: 10.0.0.1, 10.0.0.2", "generated: …" (baseline and hidden only when there are any).
    // Line breaks inside values are replaced by spaces, so each entry is exactly one line.
    QStringList lines() const;
    // lines() joined with "; " — the footer and the one-line description.
    QString oneLine() const;
    // Pieces used for the metadata keys: the files with their hashes, and selection/bucket/zone/range.
    QString sourceText() const;
    QString descriptionText() const;
};

enum class ExportFormat { Png, Jpeg, Pdf, Svg, Csv };

struct ExportOptions
{
    QSize size{1600, 900}; // logical pixels (PDF: 1 px = 1/96 in; SVG: user units)
    double scale = 1;      // 1–4: PNG/JPEG get size × scale pixels; clamped
    bool footer = false;   // a line of provenance under the chart (not in CSV: it has its comment header)
    int jpegQuality = 92;  // 0–100
    QString title;         // the chart's title in the export (image and metadata); empty: the chart's own

    double effectiveScale() const; // scale clamped to 1..4 (NaN: 1)
    int dpi() const { return qRound(96 * effectiveScale()); } // written into PNG and JPEG
};

// The one exporter for every format, used by the GUI and the CLI. The format follows the file's
// extension (.png .jpg .jpeg .pdf .svg .csv, any case). Images are drawn in the light theme whatever
// the screen palette; PDF and SVG are vectors. The CSV holds the buckets of chart.series() that
// overlap the chart's visible range — the bars on screen (all of them when the view shows the whole
// series, as in the CLI) — one row per bucket, one column per series shown (hidden series are left out
// of every format), then a "baseline" column of the baseline's counts when the chart has one, with the
// provenance as "# " comment lines before the header.
// Writes are atomic (QSaveFile: a temporary file next to the target, renamed on success): on failure
// this returns false with *error naming the file and the reason, and leaves no file behind.
// GUI thread (it renders the widget).
bool exportChart(TimelineChart &chart, const QString &path, const ExportOptions &options, const Provenance &provenance,
                 QString *error);

// The day × time raster through the same paths. Its CSV has one row per cell drawn (day, slot_start,
// count: the local date, the slot's wall-clock start "HH:MM" in the grid's zone, the lookups), every
// slot that existed that day, zeros included.
bool exportChart(RasterView &view, const QString &path, const ExportOptions &options, const Provenance &provenance,
                 QString *error);
QByteArray rasterCsv(const RasterView &view, const Provenance &provenance);

// The format for a path's extension, or nullopt.
std::optional<ExportFormat> exportFormatForPath(const QString &path);
// "png", "jpg", "jpeg", "pdf", "svg", "csv" — for file dialogs and usage texts.
QStringList exportExtensions();

// The CSV exportChart writes for this chart (exposed for tests and for a copy-to-clipboard action).
QByteArray chartCsv(const TimelineChart &chart, const Provenance &provenance);

} // namespace dnt
