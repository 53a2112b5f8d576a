// The day × time-of-day raster: a known cell has its count (value) and its colour (pixels) against an
// empty cell and a DST-skipped one, the hover text names day, slot and count, and the exports carry
// exactly the cells drawn with the raster's provenance, in the light theme whatever the screen.
#include "chartexporter.h"
#include "rastergrid.h"
#include "rasterview.h"
#include "timeutil.h"

#include <qcustomplot.h>

#include <QImageReader>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace dnt;

namespace {

int64_t iso(const char *text)
{
    return *parseIso8601(QString::fromLatin1(text));
}

// Minute buckets of [from, to) with `n` lookups at each given instant.
VolumeSeries minutes(int64_t from, int64_t to, const QVector<std::pair<int64_t, int>> &lookups)
{
    VolumeSeries v;
    v.unit = BucketUnit::Minute;
    v.fromUs = from;
    v.toUs = to;
    VolumeSeries::Series s;
    s.label = QStringLiteral("all");
    for (int64_t t = from; t < to; t += kUsPerMinute) {
        v.bucketStarts.append(t);
        int64_t c = 0;
        for (const auto &[at, n] : lookups)
            c += (at >= t && at < t + kUsPerMinute) ? n : 0;
        s.counts.append(c);
        s.total += c;
    }
    v.series.append(s);
    return v;
}

// Three New York days around the spring DST change (13 March 2016 has no 02:00–03:00).
RasterGrid springGrid()
{
    const QTimeZone ny("America/New_York");
    const VolumeQuery q = RasterGrid::minuteQuery({}, ny, iso("2016-03-12T12:00:00Z"), iso("2016-03-14T12:00:00Z"));
    return RasterGrid::fromMinutes(minutes(*q.fromUs, *q.toUs,
                                           {{iso("2016-03-12T19:10:00Z"), 7},   // 14:10 EST on the 12th
                                            {iso("2016-03-14T13:40:00Z"), 1},   // 09:40 EDT on the 14th
                                            {iso("2016-03-14T13:50:00Z"), 30}}),
                                   ny, 30);
}

QColor pixelAt(const QImage &image, QPointF p)
{
    return image.pixelColor(p.toPoint());
}

} // namespace

class TestRasterView : public QObject
{
    Q_OBJECT
private slots:
    void knownCellInValuesAndPixels()
    {
        const RasterGrid grid = springGrid();
        QCOMPARE(grid.rowCount(), 3);
        QCOMPARE(grid.days.at(1), QDate(2016, 3, 13));
        QCOMPARE(grid.count(0, 28), int64_t(7));  // 12 March, 14:00–14:30
        QCOMPARE(grid.count(2, 19), int64_t(31)); // 14 March, 09:30–10:00
        QVERIFY(!grid.exists(1, 4));              // 13 March, 02:00–02:30 did not happen
        RasterView view;
        view.setGrid(grid);
        const QImage image = view.renderImage(QSize(1200, 600));
        QCOMPARE(image.size(), QSize(1200, 600));
        const QRectF cell = view.cellRect(0, 28);
        QVERIFY(cell.width() >= 10 && cell.height() >= 50);
        const QColor known = pixelAt(image, cell.center());
        QCOMPARE(known, view.colorForCount(7));
        QCOMPARE(pixelAt(image, view.cellRect(2, 19).center()), view.colorForCount(31));
        QCOMPARE(pixelAt(image, view.cellRect(0, 27).center()), RasterView::emptyColor()); // no lookups: white
        QCOMPARE(pixelAt(image, view.cellRect(1, 4).center()), RasterView::missingColor());
        // Zero, low, middle and top all differ; the ramp runs dark to light.
        QVERIFY(view.colorForCount(1) != RasterView::emptyColor());
        QVERIFY(view.colorForCount(1) != RasterView::missingColor());
        QCOMPARE(view.colorForCount(1), RasterView::ramp().first());
        QCOMPARE(view.colorForCount(31), RasterView::ramp().last());
        QVERIFY(view.colorForCount(7).lightness() > view.colorForCount(1).lightness());
        QVERIFY(known != RasterView::emptyColor());
        // The cell's neighbour across the slot border is a different cell.
        QCOMPARE(pixelAt(image, QPointF(cell.right() + 2, cell.center().y())), RasterView::emptyColor());

        // Hover: day, slot span in the zone, count.
        QCOMPARE(view.tooltipText(cell.center().toPoint()),
                 QStringLiteral("Sat 2016-03-12, 14:00–14:30 (America/New_York): 7 lookups"));
        QVERIFY(view.tooltipText(view.cellRect(1, 4).center().toPoint()).contains(QStringLiteral("did not exist")));
        QVERIFY(view.tooltipText(QPoint(2, 2)).isEmpty());
        QVERIFY(!view.isShowingEmptyMessage());
    }

    void emptyGridShowsMessage()
    {
        RasterView view;
        view.setEmptyMessage(QStringLiteral("No lookups match this selection"));
        view.setGrid(RasterGrid{});
        QVERIFY(view.isShowingEmptyMessage());
        QVERIFY(view.tooltipText(QPoint(300, 300)).isEmpty());
        RasterGrid zeros = RasterGrid::fromMinutes(minutes(iso("2016-07-26"), iso("2016-07-27"), {}), QTimeZone::utc(), 60);
        QCOMPARE(zeros.rowCount(), 1);
        view.setGrid(zeros);
        QVERIFY(view.isShowingEmptyMessage());
    }

    void exports()
    {
        QTemporaryDir dir;
        RasterView view;
        view.setTitle(QStringLiteral("mail1 & <friends>"));
        view.setGrid(springGrid());
        // A dark screen palette: the export is light anyway.
        QPalette dark = view.palette();
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        view.setPalette(dark);
        Provenance p = Provenance::fromRaster(view);
        p.selection = QStringLiteral("all lookups");
        QCOMPARE(p.bucket, QStringLiteral("day x 30-minute slot"));
        QCOMPARE(p.zone, QStringLiteral("America/New_York"));
        QCOMPARE(p.fromUs, iso("2016-03-12T05:00:00Z"));
        QCOMPARE(p.toUs, iso("2016-03-15T04:00:00Z"));
        ExportOptions options;
        options.size = QSize(900, 500);
        options.scale = 2;
        QString error;

        const QString png = dir.filePath(QStringLiteral("r.png"));
        QVERIFY2(exportChart(view, png, options, p, &error), qPrintable(error));
        QImageReader reader(png);
        QCOMPARE(reader.size(), QSize(1800, 1000));
        QVERIFY(reader.text(QStringLiteral("Description")).contains(QStringLiteral("bucket: day x 30-minute slot")));
        QCOMPARE(reader.text(QStringLiteral("Title")), QStringLiteral("mail1 & <friends>"));
        const QImage image = reader.read();
        QCOMPARE(image.pixelColor(3, 3), QColor(Qt::white));
        // The colour scale is drawn right of the cells (its gradient lives outside the plot layout).
        int coloured = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = image.width() * 92 / 100; x < image.width(); ++x)
                coloured += image.pixelColor(x, y).hsvSaturation() > 100 ? 1 : 0;
        QVERIFY2(coloured > 1000, qPrintable(QString::number(coloured)));
        QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), 192);

        const QString svg = dir.filePath(QStringLiteral("r.svg"));
        QVERIFY2(exportChart(view, svg, options, p, &error), qPrintable(error));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svgFile);
        QString title, desc;
        int rects = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == QLatin1String("title"))
                title = xml.readElementText();
            else if (xml.name() == QLatin1String("desc"))
                desc = xml.readElementText();
            else if (xml.name() == QLatin1String("rect") || xml.name() == QLatin1String("path"))
                ++rects;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(title, QStringLiteral("mail1 & <friends>"));
        QVERIFY(desc.contains(QStringLiteral("zone: America/New_York")));
        QVERIFY(rects > 6); // the cells are vectors, runs of equal colour per row

        const QString pdf = dir.filePath(QStringLiteral("r.pdf"));
        QVERIFY2(exportChart(view, pdf, options, p, &error), qPrintable(error));
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        const QByteArray pdfBytes = pdfFile.readAll();
        QVERIFY(pdfBytes.startsWith("%PDF-"));
        QVERIFY(pdfBytes.contains("day x 30-minute slot"));

        // CSV: exactly the cells drawn (3 days × 48 slots, minus the 2 skipped on 13 March).
        const QString csv = dir.filePath(QStringLiteral("r.csv"));
        QVERIFY2(exportChart(view, csv, options, p, &error), qPrintable(error));
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csvFile.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QStringList cells;
        for (const QString &l : lines)
            if (!l.startsWith('#'))
                cells << l;
        QCOMPARE(cells.first(), QStringLiteral("day,slot_start,count"));
        QCOMPARE(cells.size(), 1 + 3 * 48 - 2);
        QVERIFY(cells.contains(QStringLiteral("2016-03-12,14:00,7")));
        QVERIFY(cells.contains(QStringLiteral("2016-03-14,09:30,31")));
        QVERIFY(cells.contains(QStringLiteral("2016-03-13,01:30,0")));
        QVERIFY(!cells.contains(QStringLiteral("2016-03-13,02:00,0")));
        QVERIFY(lines.first().startsWith(QStringLiteral("# DNS Timeline")));

        // A failed write says why and leaves nothing behind.
        const QString bad = dir.filePath(QStringLiteral("missing/r.png"));
        QVERIFY(!exportChart(view, bad, options, p, &error));
        QVERIFY(error.contains(bad));
        QVERIFY(!QFile::exists(bad));
    }
};

QTEST_MAIN(TestRasterView)
#include "tst_rasterview.moc"
