// Tests of the chart exporter: every format written and opened again (PNG/JPEG size, DPI and text
// chunks; PDF header and metadata; SVG as XML with title, description and event titles; CSV equal to
// the series drawn), the light theme on a dark screen, the footer line, and failures that leave no file.
#include "chartexporter.h"
#include "timelinechart.h"
#include "timeutil.h"

#include <qcustomplot.h>

#include <QDir>
#include <QtEndian>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <ctime>

using namespace dnt;

namespace {

const QString kHashA = QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
const QString kHashB = QStringLiteral("fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210");

int64_t iso(const char *text)
{
    const auto t = parseIso8601(QString::fromLatin1(text));
    Q_ASSERT(t);
    return *t;
}

// Ten day buckets from 2016-07-20, two series; the second one's label would be a spreadsheet formula.
VolumeSeries daySeries()
{
    VolumeSeries v;
    v.unit = BucketUnit::Day;
    v.fromUs = iso("2016-07-20");
    const QVector<int64_t> a{5, 8, 0, 12, 7, 40, 6, 3, 9, 4};
    const QVector<int64_t> b{1, 0, 2, 0, 3, 0, 4, 0, 5, 0};
    for (int i = 0; i < a.size(); ++i)
        v.bucketStarts.append(v.fromUs + i * kUsPerDay);
    v.toUs = v.fromUs + a.size() * kUsPerDay;
    for (const auto &[label, counts] : {std::pair{QStringLiteral("217.12.96.15"), a}, std::pair{QStringLiteral("=cmd"), b}}) {
        VolumeSeries::Series s;
        s.label = label;
        s.counts = counts;
        for (int64_t c : counts)
            s.total += c;
        v.series.append(s);
    }
    return v;
}

Event pointEvent(const char *when, const QString &title)
{
    Event e;
    e.startUs = iso(when);
    e.title = title;
    return e;
}

void setUpChart(TimelineChart &chart)
{
    chart.resize(900, 450);
    chart.setTitle(QStringLiteral("Lookups & events"));
    chart.setSeries(daySeries());
    chart.setEvents({pointEvent("2016-07-23T12:00:00Z", QStringLiteral("Newspaper asks the bank")),
                     pointEvent("2016-07-27", QStringLiteral("Server <gone> & renamed"))});
    chart.setVisibleRange(iso("2016-07-20"), iso("2016-07-30"));
}

Provenance provenance(const TimelineChart &chart)
{
    Provenance p = Provenance::fromChart(chart);
    FileRecord a;
    a.path = QStringLiteral("/home/someone/evidence/dns.log");
    a.sha256 = kHashA;
    FileRecord b;
    b.path = QStringLiteral("second.log.gz");
    b.sha256 = kHashB;
    p.files = {a, b};
    p.selection = QStringLiteral("mail1.trump-email.com from 217.12.96.15");
    return p;
}

// DNT_KEEP_EXPORTS=1 keeps the exported files to look at (design §8), and says where they are.
void keep(QTemporaryDir &dir)
{
    if (qEnvironmentVariableIsSet("DNT_KEEP_EXPORTS")) {
        dir.setAutoRemove(false);
        qInfo("exports kept in %s", qPrintable(dir.path()));
    }
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The uncompressed tEXt chunks of a PNG file (key → value).
QMap<QString, QString> pngTextChunks(const QByteArray &png)
{
    QMap<QString, QString> out;
    qsizetype at = 8; // signature
    while (at + 12 <= png.size()) {
        const quint32 length = qFromBigEndian<quint32>(png.constData() + at);
        const QByteArray type = png.mid(at + 4, 4);
        if (type == "tEXt") {
            const QByteArray data = png.mid(at + 8, length);
            const qsizetype nul = data.indexOf('\0');
            if (nul > 0)
                out.insert(QString::fromLatin1(data.left(nul)), QString::fromLatin1(data.mid(nul + 1)));
        }
        at += 12 + qsizetype(length);
    }
    return out;
}

// Dark (text) pixels in rows [top, bottom] of the right quarter of the image: below the plot, the axis
// label sits in the middle and the legend on the left; only a footer line reaches the right.
int darkPixels(const QImage &image, int top, int bottom)
{
    int n = 0;
    for (int y = std::max(0, top); y <= std::min(bottom, image.height() - 1); ++y) {
        for (int x = image.width() * 3 / 4; x < image.width(); ++x) {
            if (qGray(image.pixel(x, y)) < 110)
                ++n;
        }
    }
    return n;
}

} // namespace

class TestChartExporter : public QObject
{
    Q_OBJECT

private slots:
    void provenanceText();
    void formatFromExtension();
    void png();
    void pngOnDarkScreenIsLight();
    void pngScaleClamped();
    void pngIdenticalAcrossZones();
    void jpeg();
    void pdf();
    void svg();
    void csvWholeSeries();
    void csvVisibleBucketsOnly();
    void footer();
    void failuresLeaveNoFile_data();
    void failuresLeaveNoFile();
};

void TestChartExporter::provenanceText()
{
    Provenance p;
    p.files = {FileRecord{}};
    p.files[0].path = QStringLiteral("/tmp/x/dns.log");
    p.files[0].sha256 = kHashA;
    p.selection = QStringLiteral("a.example\nfrom 10.0.0.1"); // a line break must not split the line
    p.bucket = QStringLiteral("hour");
    p.zone = QStringLiteral("UTC");
    p.fromUs = iso("2016-07-20");
    p.toUs = iso("2016-07-30");
    p.appVersion = QStringLiteral("0.1.0");
    p.generatedAt = QStringLiteral("2026-11-28T12:00:00Z");
    const QStringList lines = p.lines();
    QCOMPARE(lines,
             QStringList({"DNS Timeline 0.1.0", "files: dns.log (sha256 " + kHashA + ")", "selection: a.example from 10.0.0.1",
                          "bucket: hour", "zone: UTC", QStringLiteral("range: 2016-07-20T00:00:00Z – 2016-07-30T00:00:00Z"),
                          "generated: 2026-11-28T12:00:00Z"}));
    QCOMPARE(p.oneLine(), lines.join(QLatin1String("; ")));

    // In another zone the range reads in that zone's wall-clock time, with its offset.
    p.zone = QStringLiteral("America/New_York");
    QVERIFY(p.oneLine().contains(QStringLiteral("range: 2016-07-19T20:00:00-04:00")));

    // From a chart: bucket, zone and the visible range.
    TimelineChart chart;
    setUpChart(chart);
    const Provenance c = Provenance::fromChart(chart);
    QCOMPARE(c.bucket, QStringLiteral("day"));
    QCOMPARE(c.zone, QStringLiteral("UTC"));
    QCOMPARE(c.fromUs, iso("2016-07-20"));
    QCOMPARE(c.toUs, iso("2016-07-30"));
    QCOMPARE(c.appVersion, QStringLiteral(DNT_VERSION));
    QVERIFY(parseIso8601(c.generatedAt).has_value());
    qputenv("SOURCE_DATE_EPOCH", "1469750400");
    QCOMPARE(Provenance::fromChart(chart).generatedAt, QStringLiteral("2016-07-29T00:00:00Z"));
    qunsetenv("SOURCE_DATE_EPOCH");
}

void TestChartExporter::formatFromExtension()
{
    QCOMPARE(exportFormatForPath(QStringLiteral("a.PNG")), ExportFormat::Png);
    QCOMPARE(exportFormatForPath(QStringLiteral("a.jpg")), ExportFormat::Jpeg);
    QCOMPARE(exportFormatForPath(QStringLiteral("a.jpeg")), ExportFormat::Jpeg);
    QCOMPARE(exportFormatForPath(QStringLiteral("dir.x/a.pdf")), ExportFormat::Pdf);
    QCOMPARE(exportFormatForPath(QStringLiteral("a.svg")), ExportFormat::Svg);
    QCOMPARE(exportFormatForPath(QStringLiteral("a.Csv")), ExportFormat::Csv);
    QVERIFY(!exportFormatForPath(QStringLiteral("a.bmp")));
    QVERIFY(!exportFormatForPath(QStringLiteral("png")));
    QCOMPARE(exportExtensions().size(), 6);
}

void TestChartExporter::png()
{
    QTemporaryDir dir;
    keep(dir);
    QVERIFY(dir.isValid());
    TimelineChart chart;
    setUpChart(chart);
    ExportOptions options;
    options.size = QSize(800, 450);
    options.scale = 2;
    QCOMPARE(options.dpi(), 192);
    const QString path = dir.filePath(QStringLiteral("chart.png"));
    QString error;
    QVERIFY2(exportChart(chart, path, options, provenance(chart), &error), qPrintable(error));

    QImageReader reader(path);
    QCOMPARE(reader.format(), QByteArray("png"));
    QCOMPARE(reader.size(), QSize(1600, 900));
    QCOMPARE(reader.text(QStringLiteral("Title")), QStringLiteral("Lookups & events"));
    QCOMPARE(reader.text(QStringLiteral("Software")), QStringLiteral("DNS Timeline " DNT_VERSION));
    const QString source = reader.text(QStringLiteral("Source"));
    QVERIFY2(source.contains(QStringLiteral("dns.log (sha256 ") + kHashA + ')'), qPrintable(source));
    QVERIFY(source.contains(QStringLiteral("second.log.gz (sha256 ") + kHashB + ')'));
    QVERIFY2(!source.contains(QStringLiteral("/home/someone")), "only file names travel, not the investigator's paths");
    const QString description = reader.text(QStringLiteral("Description"));
    QVERIFY2(description.contains(QStringLiteral("selection: mail1.trump-email.com from 217.12.96.15")), qPrintable(description));
    QVERIFY(description.contains(QStringLiteral("bucket: day")));
    QVERIFY(description.contains(QStringLiteral("zone: UTC")));
    QVERIFY(description.contains(QStringLiteral("range: 2016-07-20T00:00:00Z – 2016-07-30T00:00:00Z")));
    // QImageReader skips keys with a space, "Creation Time" among them: read the chunk itself.
    QVERIFY(parseIso8601(pngTextChunks(readAll(path)).value(QStringLiteral("Creation Time"))).has_value());

    const QImage image = reader.read();
    QVERIFY(!image.isNull());
    QVERIFY(qAbs(image.dotsPerMeterX() - 192 / 0.0254) < 2);
    QVERIFY(qAbs(image.dotsPerMeterY() - 192 / 0.0254) < 2);
    QCOMPARE(image.pixel(2, 2), QColor(Qt::white).rgb());
    QCOMPARE(filesIn(dir.path()), QStringList({"chart.png"}));

    // Scale 2 is the 1× drawing at twice the pixels, not a bigger canvas: the bars land at the same
    // relative places (bucket 5, the tall one, has the series colour in the middle of its column).
    ExportOptions one = options;
    one.scale = 1;
    const QString path1 = dir.filePath(QStringLiteral("chart1.png"));
    QVERIFY2(exportChart(chart, path1, one, provenance(chart), &error), qPrintable(error));
    const QImage image1(path1);
    QCOMPARE(image1.size(), QSize(800, 450));
    QVERIFY(qAbs(image1.dotsPerMeterX() - 96 / 0.0254) < 2);
    const QRgb barColour = QColor(0x00, 0x72, 0xB2).rgb();
    int found1 = 0, found2 = 0;
    for (int y = 0; y < 450; ++y) {
        for (int x = 0; x < 800; ++x) {
            found1 += image1.pixel(x, y) == barColour;
            found2 += image.pixel(2 * x, 2 * y) == barColour;
        }
    }
    QVERIFY(found1 > 1000);
    QVERIFY2(qAbs(found1 - found2) < found1 / 10, qPrintable(QStringLiteral("%1 vs %2").arg(found1).arg(found2)));
}

void TestChartExporter::pngOnDarkScreenIsLight()
{
    QTemporaryDir dir;
    TimelineChart chart;
    setUpChart(chart);
    QPalette dark = chart.palette();
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    chart.setPalette(dark);
    const auto screenBackground = [&chart] { return QColor(chart.plot()->toPixmap(50, 50).toImage().pixel(1, 1)); };
    const QColor before = screenBackground();
    QVERIFY(before.lightness() < 128);
    for (const char *name : {"dark.png", "dark.svg"}) {
        const QString path = dir.filePath(QString::fromLatin1(name));
        QString error;
        ExportOptions options;
        options.size = QSize(600, 300);
        QVERIFY2(exportChart(chart, path, options, provenance(chart), &error), qPrintable(error));
    }
    const QImage image(dir.filePath(QStringLiteral("dark.png")));
    QCOMPARE(image.pixel(2, 2), QColor(Qt::white).rgb());
    QCOMPARE(image.pixel(image.width() - 3, image.height() / 2), QColor(Qt::white).rgb());
    const QByteArray svg = readAll(dir.filePath(QStringLiteral("dark.svg")));
    QVERIFY(!svg.contains("#232326")); // the dark theme's background
    // The chart keeps its screen look afterwards.
    QCOMPARE(chart.palette().color(QPalette::Window), QColor(0x20, 0x20, 0x20));
    QCOMPARE(screenBackground(), before);
}

void TestChartExporter::pngScaleClamped()
{
    QTemporaryDir dir;
    TimelineChart chart;
    setUpChart(chart);
    ExportOptions options;
    options.size = QSize(6000, 300);
    options.scale = 9; // clamped to 4: 24000 px, clamped to 16384
    QCOMPARE(options.effectiveScale(), 4.0);
    QCOMPARE(options.dpi(), 384);
    const QString path = dir.filePath(QStringLiteral("big.png"));
    QString error;
    QVERIFY2(exportChart(chart, path, options, provenance(chart), &error), qPrintable(error));
    QCOMPARE(QImageReader(path).size(), QSize(TimelineChart::kMaxImageSide, 1200));
    options.scale = std::numeric_limits<double>::quiet_NaN();
    QCOMPARE(options.effectiveScale(), 1.0);
    options.scale = 0.2;
    QCOMPARE(options.effectiveScale(), 1.0);
}

void TestChartExporter::pngIdenticalAcrossZones()
{
    // With a pinned time the same chart gives the same bytes, whatever the machine's zone (the CLI's
    // acceptance test compares TZ=UTC with TZ=America/New_York).
    QTemporaryDir dir;
    QByteArray bytes[2];
    int i = 0;
    for (const char *zone : {"UTC", "America/New_York"}) {
        qputenv("TZ", zone);
        tzset();
        TimelineChart chart;
        setUpChart(chart);
        Provenance p = provenance(chart);
        p.generatedAt = QStringLiteral("2016-07-29T00:00:00Z");
        ExportOptions options;
        options.size = QSize(700, 350);
        options.footer = true;
        const QString path = dir.filePath(QStringLiteral("%1.png").arg(i));
        QString error;
        QVERIFY2(exportChart(chart, path, options, p, &error), qPrintable(error));
        bytes[i++] = readAll(path);
    }
    qputenv("TZ", "UTC");
    tzset();
    QVERIFY(!bytes[0].isEmpty());
    QVERIFY(bytes[0] == bytes[1]);
}

void TestChartExporter::jpeg()
{
    QTemporaryDir dir;
    keep(dir);
    TimelineChart chart;
    setUpChart(chart);
    ExportOptions options;
    options.size = QSize(640, 360);
    options.scale = 1.5;
    for (const char *name : {"chart.jpg", "chart.JPEG"}) {
        const QString path = dir.filePath(QString::fromLatin1(name));
        QString error;
        QVERIFY2(exportChart(chart, path, options, provenance(chart), &error), qPrintable(error));
        QImageReader reader(path);
        QCOMPARE(reader.format(), QByteArray("jpeg"));
        QCOMPARE(reader.size(), QSize(960, 540));
        const QImage image = reader.read();
        QCOMPARE(image.size(), QSize(960, 540));
        QVERIFY2(qAbs(image.dotsPerMeterX() - 144 / 0.0254) < 40, qPrintable(QString::number(image.dotsPerMeterX())));
        QVERIFY(qAbs(image.dotsPerMeterY() - 144 / 0.0254) < 40);
        QVERIFY(qGray(image.pixel(2, 2)) > 245);
        // Qt writes the text keys as JPEG comment markers.
        QVERIFY(readAll(path).contains(kHashA.toLatin1()));
    }
    QCOMPARE(filesIn(dir.path()), QStringList({"chart.JPEG", "chart.jpg"}));
}

void TestChartExporter::pdf()
{
    QTemporaryDir dir;
    keep(dir);
    TimelineChart chart;
    setUpChart(chart);
    ExportOptions options;
    options.size = QSize(1200, 600);
    const QString path = dir.filePath(QStringLiteral("chart.pdf"));
    QString error;
    QVERIFY2(exportChart(chart, path, options, provenance(chart), &error), qPrintable(error));
    const QByteArray bytes = readAll(path);
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.size() > 1024);
    QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    // Info dictionary: Qt writes its strings as UTF-16BE with a byte-order mark.
    const QString title = QStringLiteral("Lookups & events");
    QByteArray utf16("\xFE\xFF");
    for (QChar c : title)
        utf16 += char(c.unicode() >> 8), utf16 += char(c.unicode() & 0xFF);
    const qsizetype info = bytes.indexOf("/Title");
    QVERIFY(info >= 0);
    QVERIFY(bytes.indexOf(utf16, info) > info);
    QVERIFY(bytes.contains("/Creator"));
    // The XMP metadata stream (uncompressed) carries title, provenance and hashes.
    const qsizetype xmp = bytes.indexOf("<x:xmpmeta");
    QVERIFY(xmp > 0);
    const QByteArray meta = bytes.mid(xmp, bytes.indexOf("</x:xmpmeta>", xmp) - xmp);
    QVERIFY(meta.contains("Lookups &amp; events"));
    QVERIFY(meta.contains("dns.log (sha256 " + kHashA.toLatin1() + ")"));
    QVERIFY(meta.contains("bucket: day"));
    QVERIFY(meta.contains("<xmp:CreatorTool>DNS Timeline " DNT_VERSION "</xmp:CreatorTool>"));
    QXmlStreamReader xml(meta + "</x:xmpmeta>");
    while (!xml.atEnd())
        xml.readNext();
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    // A page of the chart's size (1 px = 0.75 pt).
    QVERIFY2(bytes.contains("/MediaBox [0 0 900.000000 450.000000]"), bytes.mid(bytes.indexOf("/MediaBox"), 40).constData());
    QCOMPARE(filesIn(dir.path()), QStringList({"chart.pdf"}));
}

void TestChartExporter::svg()
{
    QTemporaryDir dir;
    keep(dir);
    TimelineChart chart;
    setUpChart(chart);
    ExportOptions options;
    options.size = QSize(1000, 500);
    const QString path = dir.filePath(QStringLiteral("chart.svg"));
    QString error;
    QVERIFY2(exportChart(chart, path, options, provenance(chart), &error), qPrintable(error));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString title, desc, svgWidth;
    QStringList texts;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("svg"))
            svgWidth = xml.attributes().value(QLatin1String("width")).toString();
        else if (xml.name() == QLatin1String("title"))
            title = xml.readElementText();
        else if (xml.name() == QLatin1String("desc"))
            desc = xml.readElementText();
        else if (xml.name() == QLatin1String("text"))
            texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).simplified();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(title, QStringLiteral("Lookups & events"));
    QVERIFY2(desc.contains(QStringLiteral("dns.log (sha256 ") + kHashA + ')'), qPrintable(desc));
    QVERIFY(desc.contains(QStringLiteral("selection: mail1.trump-email.com from 217.12.96.15")));
    QVERIFY(desc.contains(QStringLiteral("bucket: day")));
    QVERIFY(desc.contains(QStringLiteral("zone: UTC")));
    QVERIFY(desc.contains(QStringLiteral("DNS Timeline " DNT_VERSION)));
    QVERIFY(svgWidth.startsWith(QLatin1String("264.58"))); // 1000 px at 96 dpi, in mm
    // Text stays text (a vector export): event titles, the chart title.
    const QString all = texts.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QStringLiteral("Newspaper asks the bank")), qPrintable(all));
    QVERIFY(all.contains(QStringLiteral("Server <gone> & renamed")));
    QVERIFY(all.contains(QStringLiteral("Lookups & events")));
    // The SVG generator does not clip: elements the chart keeps out of its layout must not show up.
    QVERIFY2(!all.contains(QStringLiteral("Events:")), qPrintable(all));
    QCOMPARE(filesIn(dir.path()), QStringList({"chart.svg"}));
}

void TestChartExporter::csvWholeSeries()
{
    QTemporaryDir dir;
    TimelineChart chart;
    setUpChart(chart);
    const VolumeSeries v = chart.series();
    const QString path = dir.filePath(QStringLiteral("chart.csv"));
    QString error;
    QVERIFY2(exportChart(chart, path, ExportOptions{}, provenance(chart), &error), qPrintable(error));
    const QString text = QString::fromUtf8(readAll(path));
    QStringList lines = text.split(QStringLiteral("\r\n"));
    QCOMPARE(lines.takeLast(), QString()); // ends with a line break
    QStringList comments;
    while (!lines.isEmpty() && lines.first().startsWith(QLatin1String("# ")))
        comments << lines.takeFirst().mid(2);
    QCOMPARE(comments, provenance(chart).lines().mid(0, comments.size()));
    QVERIFY(comments.join('\n').contains(QStringLiteral("dns.log (sha256 ") + kHashA + ')'));
    QVERIFY(comments.join('\n').contains(QStringLiteral("bucket: day")));
    QCOMPARE(lines.takeFirst(), QStringLiteral("bucket_start,bucket_end,217.12.96.15,'=cmd"));
    QCOMPARE(lines.size(), v.bucketStarts.size());
    for (int i = 0; i < lines.size(); ++i) {
        const int64_t start = v.bucketStarts.at(i);
        const QString expected = QStringLiteral("%1,%2,%3,%4")
                                     .arg(formatIsoUtc(start), formatIsoUtc(start + kUsPerDay))
                                     .arg(v.series.at(0).counts.at(i))
                                     .arg(v.series.at(1).counts.at(i));
        QCOMPARE(lines.at(i), expected);
    }
    QCOMPARE(lines.first(), QStringLiteral("2016-07-20T00:00:00Z,2016-07-21T00:00:00Z,5,1"));
    QCOMPARE(lines.last(), QStringLiteral("2016-07-29T00:00:00Z,2016-07-30T00:00:00Z,4,0"));
    QCOMPARE(chartCsv(chart, provenance(chart)).size(), QFileInfo(path).size());
}

void TestChartExporter::csvVisibleBucketsOnly()
{
    // Zoomed in to 2016-07-23 06:00 .. 2016-07-26 00:00: the buckets drawn are the 23rd (partly),
    // 24th and 25th; the 26th starts where the view ends and is not on screen.
    TimelineChart chart;
    setUpChart(chart);
    chart.setVisibleRange(iso("2016-07-23T06:00:00Z"), iso("2016-07-26"));
    Provenance p = provenance(chart);
    QCOMPARE(p.fromUs, iso("2016-07-23T06:00:00Z"));
    const QStringList lines = QString::fromUtf8(chartCsv(chart, p)).split(QStringLiteral("\r\n"));
    QStringList rows;
    for (const QString &line : lines) {
        if (!line.isEmpty() && !line.startsWith(QLatin1String("# ")) && !line.startsWith(QLatin1String("bucket_start")))
            rows << line;
    }
    QCOMPARE(rows, QStringList({"2016-07-23T00:00:00Z,2016-07-24T00:00:00Z,12,0", "2016-07-24T00:00:00Z,2016-07-25T00:00:00Z,7,3",
                                "2016-07-25T00:00:00Z,2016-07-26T00:00:00Z,40,0"}));
    QVERIFY(lines.join('\n').contains(QStringLiteral("# range: 2016-07-23T06:00:00Z – 2016-07-26T00:00:00Z")));

    // An empty series: the header and the provenance, no rows.
    TimelineChart empty;
    const QByteArray csv = chartCsv(empty, Provenance{});
    QVERIFY(csv.startsWith("# DNS Timeline"));
    QVERIFY(csv.endsWith("bucket_start,bucket_end\r\n"));
}

void TestChartExporter::footer()
{
    // The footer ends with the generation time, which falls in the counted right quarter of the strip:
    // pinned, so that the count does not depend on the digits of the moment (it failed at 48 once).
    qputenv("SOURCE_DATE_EPOCH", "1475020800");
    const auto unpin = qScopeGuard([] { qunsetenv("SOURCE_DATE_EPOCH"); });
    QTemporaryDir dir;
    keep(dir);
    TimelineChart chart;
    setUpChart(chart);
    // One series: no legend row, so that the bottom of the image without a footer is blank.
    VolumeSeries one = daySeries();
    one.series.removeLast();
    chart.setSeries(one);
    ExportOptions options;
    options.size = QSize(1200, 500);
    QString error;
    const QString off = dir.filePath(QStringLiteral("off.png"));
    const QString on = dir.filePath(QStringLiteral("on.png"));
    QVERIFY2(exportChart(chart, off, options, provenance(chart), &error), qPrintable(error));
    options.footer = true;
    QVERIFY2(exportChart(chart, on, options, provenance(chart), &error), qPrintable(error));
    const QImage imageOff(off), imageOn(on);
    QCOMPARE(imageOn.size(), imageOff.size());
    const int h = imageOn.height();
    QCOMPARE(darkPixels(imageOff, h - 14, h - 1), 0);
    // The footer's text in the strip's right quarter: 50 dark pixels with the time pinned (0 without it).
    QVERIFY2(darkPixels(imageOn, h - 14, h - 1) > 25, qPrintable(QString::number(darkPixels(imageOn, h - 14, h - 1))));

    // Scaled: the footer scales with the chart.
    options.scale = 2;
    const QString on2 = dir.filePath(QStringLiteral("on2.png"));
    QVERIFY2(exportChart(chart, on2, options, provenance(chart), &error), qPrintable(error));
    const QImage image2(on2);
    QCOMPARE(image2.size(), QSize(2400, 1000));
    QVERIFY2(darkPixels(image2, 2 * h - 28, 2 * h - 1) > 100, qPrintable(QString::number(darkPixels(image2, 2 * h - 28, 2 * h - 1))));

    // Vector formats: the footer text is there as text.
    for (const char *name : {"on.svg", "on.pdf"}) {
        options.scale = 1;
        const QString path = dir.filePath(QString::fromLatin1(name));
        QVERIFY2(exportChart(chart, path, options, provenance(chart), &error), qPrintable(error));
    }
    const QByteArray svg = readAll(dir.filePath(QStringLiteral("on.svg")));
    QVERIFY(svg.contains(">DNS Timeline " DNT_VERSION "; files: dns.log"));
}

void TestChartExporter::failuresLeaveNoFile_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"chart.png", "chart.jpg", "chart.pdf", "chart.svg", "chart.csv"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestChartExporter::failuresLeaveNoFile()
{
    QFETCH(QString, name);
    QTemporaryDir dir;
    TimelineChart chart;
    setUpChart(chart);
    QString error;

    // A folder that does not exist.
    const QString missing = dir.filePath(QStringLiteral("no/such/dir/") + name);
    QVERIFY(!exportChart(chart, missing, ExportOptions{}, provenance(chart), &error));
    QVERIFY2(error.contains(missing), qPrintable(error));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("no"))));

    // A directory in the way: refused, untouched, no temporary file next to it.
    QVERIFY(QDir(dir.path()).mkdir(name));
    error.clear();
    QVERIFY(!exportChart(chart, dir.filePath(name), ExportOptions{}, provenance(chart), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(QFileInfo(dir.filePath(name)).isDir());
    QCOMPARE(filesIn(dir.path()), QStringList({name}));

    // An unknown extension.
    const QString bmp = dir.filePath(QStringLiteral("chart.bmp"));
    error.clear();
    QVERIFY(!exportChart(chart, bmp, ExportOptions{}, provenance(chart), &error));
    QVERIFY2(error.contains(QLatin1String("bmp")) && error.contains(QLatin1String(".png")), qPrintable(error));
    QVERIFY(!exportChart(chart, QString(), ExportOptions{}, provenance(chart), nullptr));
    QCOMPARE(filesIn(dir.path()), QStringList({name}));
}

QTEST_MAIN(TestChartExporter)
#include "tst_chartexporter.moc"
