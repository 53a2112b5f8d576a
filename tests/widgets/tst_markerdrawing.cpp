// How event markers are drawn, checked in pixels: labels stay readable where another event's line
// passes (on screen and in exports), exports never show the selection, and every category colour and
// span band keeps WCAG contrast 3:1 against the plot in both themes.
#include "categorycolors.h"
#include "chartexporter.h"
#include "charttheme.h"
#include "colorcontrast.h"
#include "timelinechart.h"
#include "timeutil.h"

#include <qcustomplot.h>

#include <QImageReader>
#include <QPalette>
#include <QTemporaryDir>
#include <QTest>

using namespace dnt;

namespace {

int64_t iso(const char *text)
{
    return *parseIso8601(QString::fromLatin1(text));
}

VolumeSeries days()
{
    VolumeSeries v;
    v.unit = BucketUnit::Day;
    v.fromUs = iso("2016-07-20");
    VolumeSeries::Series one;
    one.label = QStringLiteral("all");
    for (int i = 0; i < 10; ++i) {
        v.bucketStarts.append(v.fromUs + i * kUsPerDay);
        one.counts.append(10 + i);
        one.total += one.counts.last();
    }
    v.toUs = v.fromUs + 10 * kUsPerDay;
    v.series.append(one);
    return v;
}

void setDark(TimelineChart &chart)
{
    QPalette dark = chart.palette();
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    chart.setPalette(dark);
}

int spread(const QColor &c)
{
    return std::max({c.red(), c.green(), c.blue()}) - std::min({c.red(), c.green(), c.blue()});
}

} // namespace

class TestMarkerDrawing : public QObject
{
    Q_OBJECT

    // Two events 30 px apart: the first one's long label (row 0, right of its line) is crossed by the
    // second one's line; the second one's label goes to row 1.
    static QVector<Event> crossingEvents(const TimelineChart &chart)
    {
        Event a;
        a.id = 1;
        a.startUs = iso("2016-07-23T00:00:00Z");
        a.title = QStringLiteral("A long label that the next event's marker line would cross");
        Event b;
        b.id = 2;
        const double x = chart.plot()->xAxis->coordToPixel(double(a.startUs) / 1e6) + 30;
        b.startUs = static_cast<int64_t>(chart.plot()->xAxis->pixelToCoord(x) * 1e6);
        b.title = QStringLiteral("Crossing");
        return {a, b};
    }

    // In `image` (as last drawn by the chart), the column of event 2's line inside event 1's label:
    // only the label's background and its neutral text, never the line's colour. Returns how many
    // pixels of that column lie in the label (0 when the layout does not put them there).
    static int checkLabelCovers(const TimelineChart &chart, const QImage &image, const QVector<Event> &events,
                                const ChartTheme &theme, const QColor &lineColor)
    {
        EventLabel first;
        for (const EventLabel &l : chart.eventLabels())
            if (!l.badge && l.eventIndex == 0)
                first = l;
        const int x = qRound(chart.plot()->xAxis->coordToPixel(double(events.at(1).startUs) / 1e6));
        if (first.rect.isEmpty() || x <= first.rect.left() + 2 || x >= first.rect.right())
            return 0;
        // The same column under the labels is the line: the check below could fail.
        const int below = chart.plot()->axisRect()->rect().center().y();
        if (image.pixelColor(x, below) != lineColor)
            return -1;
        int n = 0;
        for (int y = first.rect.top(); y <= first.rect.bottom(); ++y) {
            const QColor c = image.pixelColor(x, y);
            if (c != theme.labelBackground && spread(c) > 6)
                return -2; // line colour (or a blend with it) inside the label
            ++n;
        }
        return image.pixelColor(x, first.rect.top()) == theme.labelBackground ? n : -3;
    }

private slots:
    void labelsCoverOtherEventsLines()
    {
        QTemporaryDir dir;
        TimelineChart chart;
        chart.resize(1000, 500);
        chart.setSeries(days());
        chart.setVisibleRange(iso("2016-07-20"), iso("2016-07-30"));
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.plot()->replot();
        const QVector<Event> events = crossingEvents(chart);
        chart.setEvents(events);

        // On screen, light and dark.
        chart.plot()->replot();
        QImage grab = chart.plot()->grab().toImage();
        int n = checkLabelCovers(chart, grab, events, ChartTheme::light(), ChartTheme::light().marker);
        QVERIFY2(n > 10, qPrintable(QString::number(n)));
        setDark(chart);
        chart.plot()->replot();
        grab = chart.plot()->grab().toImage();
        const ChartTheme dark = ChartTheme::dark();
        n = checkLabelCovers(chart, grab, events, dark, dark.markerColor(dark.marker));
        QVERIFY2(n > 10, qPrintable(QString::number(n)));
        chart.setPalette(QPalette());

        // Exported PNGs: through the chart's own PNG export and through the exporter.
        const QString png = dir.filePath(QStringLiteral("chart.png"));
        QString error;
        QVERIFY2(chart.exportPng(png, QSize(1000, 500), &error), qPrintable(error));
        n = checkLabelCovers(chart, QImage(png), events, ChartTheme::light(), ChartTheme::light().marker);
        QVERIFY2(n > 10, qPrintable(QString::number(n)));
        const QString exported = dir.filePath(QStringLiteral("exported.png"));
        ExportOptions options;
        options.size = QSize(1000, 500);
        QVERIFY2(exportChart(chart, exported, options, Provenance{}, &error), qPrintable(error));
        n = checkLabelCovers(chart, QImage(exported), events, ChartTheme::light(), ChartTheme::light().marker);
        QVERIFY2(n > 10, qPrintable(QString::number(n)));
    }

    void exportsDoNotShowTheSelection()
    {
        QTemporaryDir dir;
        TimelineChart chart;
        chart.resize(1000, 500);
        chart.setSeries(days());
        chart.setVisibleRange(iso("2016-07-20"), iso("2016-07-30"));
        Event a;
        a.id = 5;
        a.startUs = iso("2016-07-24T12:00:00Z");
        a.title = QStringLiteral("Selected");
        Event b;
        b.id = 6;
        b.startUs = iso("2016-07-26");
        b.endUs = iso("2016-07-28");
        b.title = QStringLiteral("Span");
        chart.setEvents({a, b});
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));

        const auto exportBoth = [&](const QString &name) {
            QString error;
            ExportOptions options;
            options.size = QSize(900, 450);
            const QString viaExporter = dir.filePath(name + QStringLiteral("-exporter.png"));
            const QString viaChart = dir.filePath(name + QStringLiteral("-chart.png"));
            const bool ok = exportChart(chart, viaExporter, options, Provenance{}, &error)
                            && chart.exportPng(viaChart, QSize(900, 450), &error);
            return ok ? std::make_pair(QImage(viaExporter), QImage(viaChart)) : std::pair<QImage, QImage>();
        };
        chart.plot()->replot();
        const QImage screenPlain = chart.plot()->grab().toImage();
        const auto plain = exportBoth(QStringLiteral("plain"));
        QVERIFY(!plain.first.isNull() && !plain.second.isNull());

        chart.highlightEvent(a.id);
        QCOMPARE(chart.highlightedEvent(), a.id);
        chart.plot()->replot();
        // On screen the selection shows (a three-pixel line) …
        QVERIFY(chart.plot()->grab().toImage() != screenPlain);
        // … in exports it does not: the very pixels of the export without a selection.
        const auto selected = exportBoth(QStringLiteral("selected"));
        QCOMPARE(selected.first, plain.first);
        QCOMPARE(selected.second, plain.second);
        const QImage renderedSelected = chart.renderImage(QSize(700, 350));
        chart.highlightEvent(0);
        const QImage renderedPlain = chart.renderImage(QSize(700, 350));
        QCOMPARE(renderedSelected, renderedPlain);
        chart.highlightEvent(a.id);
        QCOMPARE(chart.highlightedEvent(), a.id); // the screen keeps it
    }

    void markerColoursKeepContrast()
    {
        const ChartTheme light = ChartTheme::light(), dark = ChartTheme::dark();
        QVector<QColor> colours{light.marker, dark.marker};
        for (const QString &c : categoryPalette()) {
            colours.append(QColor(c));
            // The palette itself needs no adjustment on a white plot.
            QVERIFY2(contrastRatio(QColor(c), light.background) >= 3.0, qPrintable(c));
            QCOMPARE(light.markerColor(QColor(c)), QColor(c));
        }
        // Colours users pick: too dark for the dark theme, too light for the light one.
        colours << QColor(Qt::black) << QColor(0x40, 0x40, 0x40) << QColor(0x25, 0x34, 0x94) << QColor(Qt::white)
                << QColor(0xF0, 0xE4, 0x42) << QColor(0x23, 0x23, 0x26);
        for (const QColor &c : std::as_const(colours)) {
            for (const ChartTheme &theme : {light, dark}) {
                const QColor line = theme.markerColor(c);
                QVERIFY2(contrastRatio(line, theme.background) >= 3.0,
                         qPrintable(c.name() + QStringLiteral(" → ") + line.name()));
                // A span band as drawn (its alpha composited over the plot).
                const QColor band = composited(theme.bandColor(c), theme.background);
                if (theme.bandContrast > 0)
                    QVERIFY2(contrastRatio(band, theme.background) >= theme.bandContrast,
                             qPrintable(c.name() + QStringLiteral(" band ") + band.name()));
                QVERIFY(theme.bandColor(c).alpha() < 255); // still a translucent band over the bars
            }
        }
        // Known values: white on black is 21:1; the dark theme lifts navy to at least 3:1.
        QCOMPARE(qRound(contrastRatio(Qt::white, Qt::black) * 100), 2100);
        QVERIFY(contrastRatio(QColor(0x25, 0x34, 0x94), dark.background) < 3.0);
    }

    void darkChartDrawsAdjustedColours()
    {
        TimelineChart chart;
        chart.resize(1000, 500);
        // One tall bucket and low ones: the middle of the plot is background outside that bucket.
        VolumeSeries v = days();
        for (int i = 0; i < v.series[0].counts.size(); ++i)
            v.series[0].counts[i] = i == 0 ? 100 : 1;
        chart.setSeries(v);
        chart.setVisibleRange(iso("2016-07-20"), iso("2016-07-30"));
        Event point;
        point.id = 1;
        point.startUs = iso("2016-07-22T12:00:00Z");
        point.title = QStringLiteral("Navy");
        point.category = QStringLiteral("Navy");
        Event span;
        span.id = 2;
        span.startUs = iso("2016-07-25");
        span.endUs = iso("2016-07-28");
        span.title = QStringLiteral("Navy span");
        span.category = QStringLiteral("Navy");
        chart.setEvents({point, span});
        const QColor stored(0x25, 0x34, 0x94);
        chart.setCategories({{QStringLiteral("Navy"), stored.name(), true}});
        setDark(chart);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.plot()->replot();
        const QImage grab = chart.plot()->grab().toImage();
        // DNT_MARKER_SAMPLE=/tmp/dark.png writes this grab to look at.
        if (const QString sample = qEnvironmentVariable("DNT_MARKER_SAMPLE"); !sample.isEmpty())
            grab.save(sample);
        const ChartTheme dark = ChartTheme::dark();
        const QRect area = chart.plot()->axisRect()->rect();
        const int x = qRound(chart.plot()->xAxis->coordToPixel(double(point.startUs) / 1e6));
        const QColor line = grab.pixelColor(x, area.center().y());
        QCOMPARE(line, dark.markerColor(stored));
        QVERIFY(line != stored);
        QVERIFY(contrastRatio(line, dark.background) >= 3.0);
        // Inside the span, between the label rows and the low bars: the band over the background,
        // at 3:1 or more (a pixel or two may sit on a grid line).
        const int xs = qRound(chart.plot()->xAxis->coordToPixel(double(iso("2016-07-26T12:00:00Z")) / 1e6));
        int strong = 0, total = 0;
        for (int y = area.top() + area.height() / 3; y < area.top() + 2 * area.height() / 3; ++y, ++total)
            strong += contrastRatio(grab.pixelColor(xs, y), dark.background) >= 2.95 ? 1 : 0;
        QVERIFY2(strong > total * 9 / 10, qPrintable(QStringLiteral("%1 of %2").arg(strong).arg(total)));
        // Exports are in the light theme, with the colour as stored.
        const QImage image = chart.renderImage(QSize(1000, 500));
        const int xi = qRound(chart.plot()->xAxis->coordToPixel(double(point.startUs) / 1e6));
        QCOMPARE(image.pixelColor(xi, chart.plot()->axisRect()->rect().center().y()), stored);
    }
};

QTEST_MAIN(TestMarkerDrawing)
#include "tst_markerdrawing.moc"
