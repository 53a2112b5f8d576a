#include "chartexporter.h"

#include "bucket.h"
#include "charttheme.h"
#include "csv.h"
#include "viewspec.h"
#include "rasterview.h"
#include "timelinechart.h"
#include "timeutil.h"

#include <qcustomplot.h>

#include <QBuffer>
#include <QDateTime>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QImageWriter>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QPointer>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QXmlStreamWriter>

#include <algorithm>
#include <cmath>

namespace dnt {

namespace {

QString oneLineText(QString s)
{
    s.replace(QLatin1String("\r\n"), QLatin1String(" "));
    s.replace(QLatin1Char('\r'), QLatin1Char(' '));
    s.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return s;
}

QString formatInZone(int64_t us, const QString &zone)
{
    const QTimeZone tz(zone.toUtf8());
    return tz.isValid() ? formatIsoInZone(us, tz) : formatIsoUtc(us);
}

// SOURCE_DATE_EPOCH (the reproducible-builds convention) pins the time, so that a script can
// rebuild a byte-identical image; an empty generatedAt leaves the time out altogether.
QString generationTime()
{
    bool ok = false;
    const qint64 epoch = qEnvironmentVariable("SOURCE_DATE_EPOCH").toLongLong(&ok);
    const QDateTime now = ok && epoch >= 0 ? QDateTime::fromSecsSinceEpoch(epoch, Qt::UTC) : QDateTime::currentDateTimeUtc();
    return now.toString(Qt::ISODate);
}

QString softwareName(const Provenance &p)
{
    return QStringLiteral("DNS Timeline %1").arg(p.appVersion);
}

// What an export draws: the widget (its palette decides the theme), its plot and its title. The
// timeline and the day × time raster both export through this.
struct Source
{
    QWidget &widget;
    QCustomPlot *plot;
    QString title;
};

QString chartTitle(const Source &source)
{
    return source.title.isEmpty() ? QStringLiteral("DNS Timeline chart") : oneLineText(source.title);
}

// What the chart looks like for the time of an export, undone by the destructor:
// - The chart follows the screen palette; an export must not. The chart picks its theme from its
//   palette (Qt 6.4 has no colour-scheme hint), so a light window colour gives the light theme.
// - Layout elements the chart keeps out of its layout while unused (category legend, legend row) are
//   still layerables: on screen and in raster images their empty clip rectangle hides them, but
//   Qt 6.4's SVG generator does not clip, so they are hidden outright.
class ExportScope
{
public:
    explicit ExportScope(const Source &source) : m_chart(source.widget)
    {
        QWidget &chart = source.widget;
        QCustomPlot *plot = source.plot;
        for (int i = 0; i < plot->layerCount(); ++i) {
            for (QCPLayerable *layerable : plot->layer(i)->children()) {
                auto *element = qobject_cast<QCPLayoutElement *>(layerable);
                if (element == nullptr || !element->visible() || element == plot->plotLayout())
                    continue;
                // A colour scale draws its gradient in an axis rect of its own, outside any layout.
                if (qstrcmp(element->metaObject()->className(), "QCPColorScaleAxisRectPrivate") == 0)
                    continue;
                QCPLayoutElement *top = element;
                while (top->layout() != nullptr)
                    top = top->layout();
                if (top != plot->plotLayout()) {
                    element->setVisible(false);
                    m_hidden.append(element);
                }
            }
        }
        m_old = chart.palette();
        m_ownPalette = chart.testAttribute(Qt::WA_SetPalette);
        if (m_old.color(QPalette::Window).lightness() >= 128)
            return;
        QPalette light = m_old;
        light.setColor(QPalette::Window, ChartTheme::light().background);
        chart.setPalette(light);
        m_changed = true;
    }
    ~ExportScope()
    {
        for (const auto &element : std::as_const(m_hidden)) {
            if (element)
                element->setVisible(true);
        }
        if (m_changed)
            m_chart.setPalette(m_ownPalette ? m_old : QPalette());
    }
    ExportScope(const ExportScope &) = delete;
    ExportScope &operator=(const ExportScope &) = delete;

private:
    QWidget &m_chart;
    QPalette m_old;
    bool m_ownPalette = false;
    bool m_changed = false;
    QVector<QPointer<QCPLayoutElement>> m_hidden;
};

// The footer strip: height in logical pixels (0 without a footer) and the font that fits the line.
struct Footer
{
    QString text;
    QFont font;
    int height = 0;
};

Footer planFooter(const Source &source, const ExportOptions &options, const Provenance &provenance, QSize size)
{
    Footer f;
    if (!options.footer)
        return f;
    f.text = provenance.oneLine();
    f.font = source.widget.font();
    const qreal base = f.font.pointSizeF() > 0 ? f.font.pointSizeF() : 9;
    // Smaller than the chart's text; shrink further (to 60 %) before giving up on the whole line.
    // 8 px margins, and 3 % to spare: an SVG viewer lays the text out with its own font metrics.
    const qreal available = std::max<qreal>(1, (size.width() - 16) * 0.97);
    qreal pt = base * 0.85;
    f.font.setPointSizeF(pt);
    while (QFontMetricsF(f.font).horizontalAdvance(f.text) > available && pt > base * 0.6) {
        pt -= 0.25;
        f.font.setPointSizeF(pt);
    }
    // Still too long (many files): hashes shortened to 16 hex digits (the full ones are in the file's
    // metadata), and only then the middle of the line elided.
    if (QFontMetricsF(f.font).horizontalAdvance(f.text) > available) {
        Provenance shorter = provenance;
        for (FileRecord &file : shorter.files) {
            if (file.sha256.size() > 16)
                file.sha256 = file.sha256.left(16) + QChar(0x2026);
        }
        f.text = QFontMetricsF(f.font).elidedText(shorter.oneLine(), Qt::ElideMiddle, available);
    }
    f.height = std::min(size.height() / 3, qCeil(QFontMetricsF(f.font).height() * 1.6));
    return f;
}

// Draws the chart (and the footer) with `painter` into the logical rectangle 0,0 size. The painter
// may be scaled (raster at scale > 1) or a vector device.
void drawChart(const Source &source, QCPPainter &painter, QSize size, const Footer &footer)
{
    const ChartTheme theme = ChartTheme::light();
    painter.fillRect(QRect(QPoint(0, 0), size), theme.background);
    const QSize chartSize(size.width(), std::max(TimelineChart::kMinImageSide, size.height() - footer.height));
    source.plot->toPainter(&painter, chartSize.width(), chartSize.height());
    if (footer.height > 0) {
        painter.save();
        painter.setFont(footer.font);
        painter.setPen(theme.foreground);
        painter.drawText(QRectF(8, chartSize.height(), size.width() - 16, footer.height),
                         Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, footer.text);
        painter.restore();
    }
    // toPainter leaves the layout at the export's size: the widget gets its own back on the next replot.
    source.plot->replot(QCustomPlot::rpQueuedReplot);
}

QByteArray xmpMetadata(const QString &title, const Provenance &p)
{
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.writeProcessingInstruction(QStringLiteral("xpacket"),
                                 QStringLiteral("begin=\"") + QChar(0xFEFF)
                                     + QStringLiteral("\" id=\"W5M0MpCehiHzreSzNTczkc9d\""));
    w.writeStartElement(QStringLiteral("x:xmpmeta"));
    w.writeNamespace(QStringLiteral("adobe:ns:meta/"), QStringLiteral("x"));
    w.writeStartElement(QStringLiteral("rdf:RDF"));
    w.writeNamespace(QStringLiteral("http://www.w3.org/1999/02/22-rdf-syntax-ns#"), QStringLiteral("rdf"));
    w.writeStartElement(QStringLiteral("rdf:Description"));
    w.writeNamespace(QStringLiteral("http://purl.org/dc/elements/1.1/"), QStringLiteral("dc"));
    w.writeNamespace(QStringLiteral("http://ns.adobe.com/pdf/1.3/"), QStringLiteral("pdf"));
    w.writeNamespace(QStringLiteral("http://ns.adobe.com/xap/1.0/"), QStringLiteral("xmp"));
    w.writeAttribute(QStringLiteral("rdf:about"), QString());
    const auto alt = [&w](const QString &element, const QString &text) {
        w.writeStartElement(element);
        w.writeStartElement(QStringLiteral("rdf:Alt"));
        w.writeStartElement(QStringLiteral("rdf:li"));
        w.writeAttribute(QStringLiteral("xml:lang"), QStringLiteral("x-default"));
        w.writeCharacters(text);
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
    };
    alt(QStringLiteral("dc:title"), title);
    alt(QStringLiteral("dc:description"), p.oneLine());
    w.writeStartElement(QStringLiteral("dc:source"));
    w.writeCharacters(p.sourceText());
    w.writeEndElement();
    w.writeTextElement(QStringLiteral("pdf:Keywords"), p.descriptionText());
    w.writeTextElement(QStringLiteral("xmp:CreatorTool"), softwareName(p));
    if (!p.generatedAt.isEmpty())
        w.writeTextElement(QStringLiteral("xmp:CreateDate"), p.generatedAt);
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
    w.writeProcessingInstruction(QStringLiteral("xpacket"), QStringLiteral("end=\"w\""));
    return xml;
}

// Everything ends in one QSaveFile: written in full to a temporary file next to the target, renamed on
// commit, removed on failure. PDF and SVG are produced in memory first, because their generators
// close the device they write to (QSaveFile must not be closed, only committed).
bool writeAtomically(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (file.write(bytes) != bytes.size()) {
        *error = QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        *error = QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool exportRaster(const Source &chart, const QString &path, ExportFormat format, const ExportOptions &options,
                  const Provenance &provenance, QString *error)
{
    const double scale = options.effectiveScale();
    const QSize logical = TimelineChart::clampImageSize(options.size);
    // size × scale pixels, each side clamped (QImage itself would take any size); the drawing then
    // covers the clamped image.
    const QSize pixels = TimelineChart::clampImageSize(
        QSize(qRound(logical.width() * scale), qRound(logical.height() * scale)));
    const QSize drawn(qRound(pixels.width() / scale), qRound(pixels.height() / scale));
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) {
        *error = QObject::tr("Cannot render the chart at %1×%2 pixels: not enough memory")
                     .arg(pixels.width())
                     .arg(pixels.height());
        return false;
    }
    image.fill(Qt::white);
    const Footer footer = planFooter(chart, options, provenance, drawn);
    {
        ExportScope scope(chart);
        QCPPainter painter(&image);
        painter.setMode(QCPPainter::pmNoCaching);
        if (scale > 1) {
            painter.setMode(QCPPainter::pmNonCosmetic); // as QCustomPlot::toPixmap does for scale > 1
            painter.scale(pixels.width() / double(drawn.width()), pixels.height() / double(drawn.height()));
        }
        drawChart(chart, painter, drawn, footer);
    }
    image = image.convertToFormat(QImage::Format_RGB32);
    const int dotsPerMeter = qRound(options.dpi() / 0.0254);
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    // PNG: text chunks; JPEG: Qt writes the same keys as comment markers.
    image.setText(QStringLiteral("Title"), chartTitle(chart));
    image.setText(QStringLiteral("Software"), softwareName(provenance));
    image.setText(QStringLiteral("Source"), provenance.sourceText());
    image.setText(QStringLiteral("Description"), provenance.descriptionText());
    if (!provenance.generatedAt.isEmpty())
        image.setText(QStringLiteral("Creation Time"), provenance.generatedAt);

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QImageWriter writer(&file, format == ExportFormat::Png ? "png" : "jpeg");
    if (format == ExportFormat::Jpeg)
        writer.setQuality(std::clamp(options.jpegQuality, 0, 100));
    if (!writer.write(image)) {
        *error = QObject::tr("Cannot write %1: %2").arg(path, writer.errorString());
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        *error = QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool exportPdf(const Source &chart, const QString &path, const ExportOptions &options, const Provenance &provenance,
               QString *error)
{
    const QSize size = TimelineChart::clampImageSize(options.size);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        // 96 dpi like the screen, so that fonts and line widths keep the proportions of the PNG; the
        // page is exactly the chart (1 px = 0.75 pt), without margins.
        writer.setResolution(96);
        writer.setPageLayout(QPageLayout(QPageSize(QSizeF(size) * 0.75, QPageSize::Point, QString(), QPageSize::ExactMatch),
                                         QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
        writer.setTitle(chartTitle(chart));
        writer.setCreator(softwareName(provenance));
        // Qt 6.4 has no Subject/Keywords for the Info dictionary: the provenance goes into the XMP
        // metadata (dc:description, dc:source, pdf:Keywords), which PDF readers show as well.
        writer.setDocumentXmpMetadata(xmpMetadata(chartTitle(chart), provenance));
        const Footer footer = planFooter(chart, options, provenance, size);
        ExportScope scope(chart);
        QCPPainter painter;
        if (!painter.begin(&writer)) {
            *error = QObject::tr("Cannot write %1: the PDF writer did not start").arg(path);
            return false;
        }
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        painter.setWindow(QRect(QPoint(0, 0), size));
        drawChart(chart, painter, size, footer);
        painter.end();
    }
    return writeAtomically(path, buffer.data(), error);
}

constexpr const char *kSvgTitlePlaceholder = "@@dnt-svg-title@@";
constexpr const char *kSvgDescPlaceholder = "@@dnt-svg-desc@@";

bool exportSvg(const Source &chart, const QString &path, const ExportOptions &options, const Provenance &provenance,
               QString *error)
{
    const QSize size = TimelineChart::clampImageSize(options.size);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setResolution(96);
        // Placeholders, replaced below: Qt 6.4 writes <title> and <desc> without escaping, so a "&" in a
        // title or a selection would make the file unreadable XML.
        generator.setTitle(QLatin1String(kSvgTitlePlaceholder));
        generator.setDescription(QLatin1String(kSvgDescPlaceholder));
        const Footer footer = planFooter(chart, options, provenance, size);
        ExportScope scope(chart);
        QCPPainter painter;
        if (!painter.begin(&generator)) {
            *error = QObject::tr("Cannot write %1: the SVG generator did not start").arg(path);
            return false;
        }
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        drawChart(chart, painter, size, footer);
        painter.end();
    }
    QByteArray svg = buffer.data();
    if (!svg.contains(kSvgTitlePlaceholder) || !svg.contains(kSvgDescPlaceholder)) {
        *error = QObject::tr("Cannot write %1: the SVG generator wrote no title or description").arg(path);
        return false;
    }
    svg.replace(kSvgTitlePlaceholder, chartTitle(chart).toHtmlEscaped().toUtf8());
    svg.replace(kSvgDescPlaceholder, provenance.lines().join(QLatin1Char('\n')).toHtmlEscaped().toUtf8());
    return writeAtomically(path, svg, error);
}

} // namespace

double ExportOptions::effectiveScale() const
{
    return std::isfinite(scale) ? std::clamp(scale, 1.0, 4.0) : 1.0;
}

Provenance Provenance::fromChart(const TimelineChart &chart)
{
    Provenance p;
    const VolumeSeries &s = chart.series();
    p.bucket = bucketUnitName(s.unit);
    if (s.split != Split::None && !s.series.isEmpty()) {
        p.split = splitName(s.split);
        if (s.sharedClients > 0)
            p.split += QStringLiteral(" (%1)").arg(VolumeSeries::sharedClientsText(s.sharedClients));
    }
    if (const VolumeSeries::Series *other = s.other())
        p.other = QStringLiteral("%1 (the series \"%2\")")
                      .arg(VolumeSeries::otherSourcesText(s.split, other->otherSources), other->label);
    p.zone = QString::fromUtf8(chart.displayZone().id());
    if (p.zone.isEmpty())
        p.zone = QString::fromUtf8(s.zone);
    const auto [from, to] = chart.visibleRange();
    p.fromUs = from;
    p.toUs = to;
    p.baseline = chart.baseline().label;
    p.hidden = chart.hiddenSeries();
    p.generatedAt = generationTime();
    return p;
}

QString Provenance::sourceText() const
{
    QStringList parts;
    for (const FileRecord &f : files) {
        const QString name = oneLineText(QFileInfo(f.path).fileName());
        parts << (f.sha256.isEmpty() ? name : QStringLiteral("%1 (sha256 %2)").arg(name, f.sha256));
    }
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(QLatin1String(", "));
}

QString Provenance::descriptionText() const
{
    QStringList parts;
    if (!selection.isEmpty())
        parts << QStringLiteral("selection: %1").arg(oneLineText(selection));
    if (!split.isEmpty())
        parts << QStringLiteral("split: %1").arg(oneLineText(split));
    if (!other.isEmpty())
        parts << QStringLiteral("other: %1").arg(oneLineText(other));
    if (!bucket.isEmpty())
        parts << QStringLiteral("bucket: %1").arg(oneLineText(bucket));
    if (!zone.isEmpty())
        parts << QStringLiteral("zone: %1").arg(oneLineText(zone));
    if (toUs > fromUs)
        parts << QStringLiteral("range: %1 – %2").arg(formatInZone(fromUs, zone), formatInZone(toUs, zone));
    if (!baseline.isEmpty())
        parts << QStringLiteral("baseline: %1").arg(oneLineText(baseline));
    if (!hidden.isEmpty())
        parts << QStringLiteral("hidden: %1").arg(oneLineText(hidden.join(QLatin1String(", "))));
    return parts.join(QLatin1String("; "));
}

QStringList Provenance::lines() const
{
    QStringList out;
    out << QStringLiteral("DNS Timeline %1").arg(oneLineText(appVersion));
    out << QStringLiteral("files: %1").arg(sourceText());
    if (!selection.isEmpty())
        out << QStringLiteral("selection: %1").arg(oneLineText(selection));
    if (!split.isEmpty())
        out << QStringLiteral("split: %1").arg(oneLineText(split));
    if (!other.isEmpty())
        out << QStringLiteral("other: %1").arg(oneLineText(other));
    if (!bucket.isEmpty())
        out << QStringLiteral("bucket: %1").arg(oneLineText(bucket));
    if (!zone.isEmpty())
        out << QStringLiteral("zone: %1").arg(oneLineText(zone));
    if (toUs > fromUs)
        out << QStringLiteral("range: %1 – %2").arg(formatInZone(fromUs, zone), formatInZone(toUs, zone));
    if (!baseline.isEmpty())
        out << QStringLiteral("baseline: %1").arg(oneLineText(baseline));
    if (!hidden.isEmpty())
        out << QStringLiteral("hidden: %1").arg(oneLineText(hidden.join(QLatin1String(", "))));
    if (!generatedAt.isEmpty())
        out << QStringLiteral("generated: %1").arg(oneLineText(generatedAt));
    return out;
}

QString Provenance::oneLine() const
{
    return lines().join(QLatin1String("; "));
}

std::optional<ExportFormat> exportFormatForPath(const QString &path)
{
    const QString ext = QFileInfo(path).suffix().toLower();
    if (ext == QLatin1String("png"))
        return ExportFormat::Png;
    if (ext == QLatin1String("jpg") || ext == QLatin1String("jpeg"))
        return ExportFormat::Jpeg;
    if (ext == QLatin1String("pdf"))
        return ExportFormat::Pdf;
    if (ext == QLatin1String("svg"))
        return ExportFormat::Svg;
    if (ext == QLatin1String("csv"))
        return ExportFormat::Csv;
    return std::nullopt;
}

QStringList exportExtensions()
{
    return {QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"),
            QStringLiteral("pdf"), QStringLiteral("svg"), QStringLiteral("csv")};
}

QByteArray chartCsv(const TimelineChart &chart, const Provenance &provenance)
{
    const VolumeSeries &s = chart.series();
    QString text;
    for (const QString &line : provenance.lines())
        text += QStringLiteral("# ") + line + QStringLiteral("\r\n");
    QStringList header{QStringLiteral("bucket_start"), QStringLiteral("bucket_end")};
    QVector<qsizetype> shown; // the series drawn: hidden ones are not in the export
    for (qsizetype k = 0; k < s.series.size(); ++k) {
        if (chart.isSeriesHidden(int(k)))
            continue;
        shown << k;
        header << s.series.at(k).label;
    }
    const BaselineSeries &base = chart.baseline();
    const bool baseline = !base.isNone() && base.counts.size() == s.bucketStarts.size();
    if (baseline)
        header << QStringLiteral("baseline");
    text += csvLine(header);
    // The bars on screen: every bucket that overlaps the visible range, partly shown ones included.
    const auto [visibleFrom, visibleTo] = chart.visibleRange();
    const QTimeZone zone(s.zone);
    for (qsizetype i = 0; i < s.bucketStarts.size(); ++i) {
        const int64_t start = s.bucketStarts.at(i);
        int64_t end = i + 1 < s.bucketStarts.size() ? s.bucketStarts.at(i + 1) : s.toUs;
        if (end <= start)
            end = bucketNext(start, s.unit, zone);
        if (end <= visibleFrom || start >= visibleTo)
            continue;
        QStringList row{formatIsoUtc(start), formatIsoUtc(end)};
        for (qsizetype k : shown) {
            const auto &one = s.series.at(k);
            row << QString::number(i < one.counts.size() ? one.counts.at(i) : 0);
        }
        if (baseline)
            row << QString::number(base.counts.at(i));
        text += csvLine(row);
    }
    return text.toUtf8();
}

namespace {

bool exportSource(const Source &chart, const QByteArray &csv, const QString &path, const ExportOptions &options,
                  const Provenance &provenance, QString *error)
{
    QString message;
    QString *err = error ? error : &message;
    if (path.isEmpty()) {
        *err = QObject::tr("No file name given for the export");
        return false;
    }
    const auto format = exportFormatForPath(path);
    if (!format) {
        *err = QObject::tr("Cannot export to %1: unknown format \"%2\" (use .png, .jpg, .jpeg, .pdf, .svg or .csv)")
                   .arg(path, QFileInfo(path).suffix());
        return false;
    }
    switch (*format) {
    case ExportFormat::Png:
    case ExportFormat::Jpeg:
        return exportRaster(chart, path, *format, options, provenance, err);
    case ExportFormat::Pdf:
        return exportPdf(chart, path, options, provenance, err);
    case ExportFormat::Svg:
        return exportSvg(chart, path, options, provenance, err);
    case ExportFormat::Csv:
        return writeAtomically(path, csv, err);
    }
    return false;
}

} // namespace

Provenance Provenance::fromRaster(const RasterView &view)
{
    Provenance p;
    const RasterGrid &g = view.grid();
    p.bucket = QStringLiteral("day x %1-minute slot").arg(g.slotMinutes);
    p.zone = QString::fromUtf8(g.zone);
    if (!g.days.isEmpty()) {
        const QTimeZone zone(g.zone);
        const QTimeZone z = zone.isValid() ? zone : QTimeZone::utc();
        p.fromUs = QDateTime(g.days.first(), QTime(0, 0), z).toMSecsSinceEpoch() * 1000;
        p.toUs = QDateTime(g.days.last().addDays(1), QTime(0, 0), z).toMSecsSinceEpoch() * 1000;
    }
    p.generatedAt = generationTime();
    return p;
}

QByteArray rasterCsv(const RasterView &view, const Provenance &provenance)
{
    const RasterGrid &g = view.grid();
    QString text;
    for (const QString &line : provenance.lines())
        text += QStringLiteral("# ") + line + QStringLiteral("\r\n");
    text += csvLine({QStringLiteral("day"), QStringLiteral("slot_start"), QStringLiteral("count")});
    // The cells drawn: every slot that existed on its day (not the hour a DST change skipped).
    for (int r = 0; r < g.rowCount(); ++r) {
        const QString day = g.days.at(r).toString(Qt::ISODate);
        for (int s = 0; s < g.slotCount(); ++s) {
            if (!g.exists(r, s))
                continue;
            const int m = g.slotStartMinute(s);
            text += csvLine({day,
                             QStringLiteral("%1:%2").arg(m / 60, 2, 10, QLatin1Char('0')).arg(m % 60, 2, 10, QLatin1Char('0')),
                             QString::number(g.count(r, s))});
        }
    }
    return text.toUtf8();
}

// For the time of an export: the title asked for in the options (drawn and in the metadata). Undone by
// the destructor.
template <typename View>
class TitleScope
{
public:
    TitleScope(View &view, const QString &title) : m_view(view), m_old(view.title())
    {
        m_changed = !title.isEmpty() && title != m_old;
        if (m_changed)
            m_view.setTitle(title);
    }
    ~TitleScope()
    {
        if (m_changed)
            m_view.setTitle(m_old);
    }
    TitleScope(const TitleScope &) = delete;
    TitleScope &operator=(const TitleScope &) = delete;

private:
    View &m_view;
    QString m_old;
    bool m_changed = false;
};

bool exportChart(TimelineChart &chart, const QString &path, const ExportOptions &options, const Provenance &provenance,
                 QString *error)
{
    const TitleScope<TimelineChart> title(chart, options.title);
    // Hidden series are not drawn; in an export they leave the legend too (on screen they stay listed,
    // to be clicked back).
    chart.setHiddenListed(false);
    const QByteArray csv = exportFormatForPath(path) == ExportFormat::Csv ? chartCsv(chart, provenance) : QByteArray();
    const bool ok = exportSource(Source{chart, chart.plot(), chart.title()}, csv, path, options, provenance, error);
    chart.setHiddenListed(true);
    return ok;
}

bool exportChart(RasterView &view, const QString &path, const ExportOptions &options, const Provenance &provenance,
                 QString *error)
{
    const TitleScope<RasterView> title(view, options.title);
    const QByteArray csv = exportFormatForPath(path) == ExportFormat::Csv ? rasterCsv(view, provenance) : QByteArray();
    return exportSource(Source{view, view.plot(), view.title()}, csv, path, options, provenance, error);
}

} // namespace dnt
