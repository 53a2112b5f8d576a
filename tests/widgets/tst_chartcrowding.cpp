// Crowds on the timeline: 50 events on one day (labels in at most three rows, the rest numbered badges
// whose hover text names their events, no two boxes overlapping) and 12 series (12 distinct colour and
// pattern styles, all in the legend).
#include "batchedbars.h"
#include "charttheme.h"
#include "eventmarkers.h"
#include "timelinechart.h"
#include "timeutil.h"

#include <qcustomplot.h>

#include <QHash>
#include <QSet>
#include <QTest>

using namespace dnt;

namespace {

int64_t iso(const char *text)
{
    return *parseIso8601(QString::fromLatin1(text));
}

VolumeSeries series(int count, int buckets = 10)
{
    VolumeSeries v;
    v.unit = BucketUnit::Day;
    v.fromUs = iso("2016-07-20");
    for (int i = 0; i < buckets; ++i)
        v.bucketStarts.append(v.fromUs + i * kUsPerDay);
    v.toUs = v.fromUs + buckets * kUsPerDay;
    for (int s = 0; s < count; ++s) {
        VolumeSeries::Series one;
        one.label = QStringLiteral("198.51.100.%1").arg(s + 1);
        for (int i = 0; i < buckets; ++i)
            one.counts.append(1 + (s + i) % 5);
        for (int64_t c : one.counts)
            one.total += c;
        v.series.append(one);
    }
    return v;
}

} // namespace

class TestChartCrowding : public QObject
{
    Q_OBJECT
private slots:
    void fiftyEventsOnOneDay()
    {
        TimelineChart chart;
        chart.setSeries(series(1));
        QVector<Event> events;
        for (int i = 0; i < 50; ++i) {
            Event e;
            e.id = i + 1;
            e.startUs = iso("2016-07-25T00:00:00Z") + i * 20 * kUsPerMinute;
            e.title = QStringLiteral("Event %1 <b>of</b> the day").arg(i + 1);
            events.append(e);
        }
        chart.setEvents(events);
        for (QSize size : {QSize(1600, 900), QSize(800, 600), QSize(400, 400)}) {
            chart.renderImage(size);
            const QRect area = chart.plot()->axisRect()->rect();
            const QVector<EventLabel> labels = chart.eventLabels();
            QVERIFY(!labels.isEmpty());
            int badges = 0;
            QSet<int> shown;
            for (int i = 0; i < labels.size(); ++i) {
                const EventLabel &l = labels.at(i);
                QVERIFY(area.contains(l.rect));
                for (int j = i + 1; j < labels.size(); ++j)
                    QVERIFY2(!l.rect.intersects(labels.at(j).rect),
                             qPrintable(QStringLiteral("%1 and %2 overlap at %3 px")
                                            .arg(l.text, labels.at(j).text)
                                            .arg(size.width())));
                for (int k : l.eventIndices) {
                    QVERIFY2(!shown.contains(k), "an event is shown twice");
                    shown.insert(k);
                }
                if (!l.badge) {
                    QVERIFY(l.row < EventMarkers::kMaxLabelRows);
                    QCOMPARE(l.eventIndices, QVector<int>{l.eventIndex});
                    continue;
                }
                ++badges;
                QVERIFY(l.row >= 1 && l.row < EventMarkers::kMaxLabelRows + EventMarkers::kMaxBadgeRows);
                // The hover text names each event the badge stands for, with its number, as plain text.
                const QString hover = chart.tooltipText(l.rect.center());
                QCOMPARE(hover, l.hoverText);
                const QStringList lines = hover.split(QLatin1Char('\n'));
                QCOMPARE(lines.size(), l.eventIndices.size());
                for (int n = 0; n < lines.size(); ++n)
                    QVERIFY2(lines.at(n).endsWith(QStringLiteral(". ") + events.at(l.eventIndices.at(n)).title),
                             qPrintable(lines.at(n)));
                QVERIFY(lines.first().startsWith(l.text.chopped(l.text.endsWith(QLatin1Char('+')) ? 1 : 0)
                                                 + QStringLiteral(". ")));
                // A click on the badge is a click on its (first) event.
                const auto hit = chart.eventAt(l.rect.center());
                QVERIFY(hit);
                QCOMPARE(hit->id, events.at(l.eventIndex).id);
            }
            QVERIFY2(badges > 0, "50 events on one day must collapse into badges");
            QCOMPARE(shown.size(), 50); // every event has a label or a badge
            const int labelRows = [&] {
                int r = 0;
                for (const EventLabel &l : labels)
                    if (!l.badge)
                        r = std::max(r, l.row + 1);
                return r;
            }();
            QCOMPARE(labelRows, EventMarkers::kMaxLabelRows);
        }
        // At 1600 px every badge stands for one event: numbered by the event's rank in time among all
        // events (the labelled ones count too), so event 31 is badge 31 wherever it lands.
        chart.renderImage(QSize(1600, 900));
        for (const EventLabel &l : chart.eventLabels()) {
            if (!l.badge)
                continue;
            QCOMPARE(l.text, QString::number(l.eventIndex + 1));
            QCOMPARE(l.eventIndices.size(), 1);
        }
    }

    void badgeNumbersStayWhenEventsAreAdded()
    {
        TimelineChart chart;
        chart.setSeries(series(1));
        QVector<Event> events;
        for (int i = 0; i < 40; ++i) {
            Event e;
            e.id = 100 - i; // ids in no particular relation to time
            e.startUs = iso("2016-07-25T00:00:00Z") + i * 20 * kUsPerMinute;
            e.title = QStringLiteral("Event at %1").arg(i);
            e.category = i < 3 ? QStringLiteral("Early") : QString();
            events.append(e);
        }
        chart.setEvents(events);
        const auto badgeNumbers = [&] {
            chart.renderImage(QSize(1600, 900));
            QHash<int64_t, QString> numbers; // event id -> badge text
            for (const EventLabel &l : chart.eventLabels())
                if (l.badge && l.eventIndices.size() == 1)
                    numbers.insert(events.at(l.eventIndex).id, l.text);
            return numbers;
        };
        const auto compare = [](const QHash<int64_t, QString> &before, const QHash<int64_t, QString> &after) {
            int same = 0;
            for (auto it = before.cbegin(); it != before.cend(); ++it) {
                if (!after.contains(it.key()))
                    continue; // now in a label row
                if (after.value(it.key()) != it.value())
                    return -1;
                ++same;
            }
            return same;
        };
        const QHash<int64_t, QString> before = badgeNumbers();
        QVERIFY(before.size() >= 10);
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            QCOMPARE(it.value(), QString::number(100 - it.key() + 1)); // the rank by start

        // A later event with the smallest id, in the same view: no badge changes its number.
        Event later;
        later.id = 7;
        later.startUs = events.last().startUs + 10 * kUsPerMinute;
        later.title = QStringLiteral("Added later");
        events.append(later);
        chart.setEvents(events);
        const QHash<int64_t, QString> after = badgeNumbers();
        const int same = compare(before, after);
        QVERIFY2(same >= 10, qPrintable(QString::number(same)));
        QCOMPARE(after.value(later.id, QStringLiteral("41")), QStringLiteral("41"));

        // Hiding the first three events' category does not renumber the others either.
        chart.setCategories({{QStringLiteral("Early"), QStringLiteral("#7b3294"), false},
                             {QString(), QStringLiteral("#d55e00"), true}});
        const QHash<int64_t, QString> hidden = badgeNumbers();
        QVERIFY(compare(after, hidden) >= 10);
    }

    void twelveSeriesStyles()
    {
        TimelineChart chart;
        chart.setSeries(series(12));
        chart.renderImage(QSize(1200, 700));
        QCustomPlot *plot = chart.plot();
        QSet<QPair<QRgb, bool>> styles;
        QStringList legendNames;
        for (int i = 0; i < plot->plottableCount(); ++i) {
            auto *bars = dynamic_cast<BatchedBars *>(plot->plottable(i));
            QVERIFY(bars);
            styles.insert({bars->color().rgb(), bars->isHatched()});
        }
        QCOMPARE(styles.size(), 12);
        QVERIFY(plot->legend->visible());
        QCOMPARE(plot->legend->itemCount(), 12);
        for (int i = 0; i < plot->legend->itemCount(); ++i) {
            auto *item = qobject_cast<QCPPlottableLegendItem *>(plot->legend->item(i));
            QVERIFY(item);
            legendNames << item->plottable()->name();
        }
        QCOMPARE(legendNames.size(), 12);
        for (int s = 0; s < 12; ++s)
            QVERIFY(legendNames.contains(QStringLiteral("198.51.100.%1").arg(s + 1)));
        // Every colour is one of the Okabe–Ito palette's.
        const QVector<QColor> palette = ChartTheme::okabeIto();
        for (const auto &style : std::as_const(styles))
            QVERIFY(std::any_of(palette.cbegin(), palette.cend(), [&](const QColor &c) { return c.rgb() == style.first; }));

        // Lines: 12 distinct (colour, dash) pens.
        chart.setStyle(ChartStyle::Lines);
        QSet<QPair<QRgb, int>> pens;
        for (int i = 0; i < plot->graphCount(); ++i)
            pens.insert({plot->graph(i)->pen().color().rgb(), int(plot->graph(i)->pen().style())});
        QCOMPARE(plot->graphCount(), 12);
        QCOMPARE(pens.size(), 12);

        // The hatch is drawn: in a hatched series' legend icon, white lines cross the colour (some row
        // has white between two pixels of the colour); in a plain one, never.
        chart.setStyle(ChartStyle::StackedBars);
        const QImage image = chart.renderImage(QSize(1200, 700));
        const auto crossed = [&](int item) {
            auto *legendItem = qobject_cast<QCPPlottableLegendItem *>(plot->legend->item(item));
            auto *bars = legendItem ? dynamic_cast<BatchedBars *>(legendItem->plottable()) : nullptr;
            if (!bars)
                return -1;
            const QRect box = legendItem->rect();
            int rows = 0;
            for (int y = box.top(); y <= box.bottom(); ++y) {
                int first = -1, last = -1;
                for (int x = box.left(); x <= box.right(); ++x)
                    if (image.pixel(x, y) == bars->color().rgb()) {
                        first = first < 0 ? x : first;
                        last = x;
                    }
                for (int x = first + 1; first >= 0 && x < last; ++x)
                    if (image.pixel(x, y) == QColor(Qt::white).rgb()) {
                        ++rows;
                        break;
                    }
            }
            return rows;
        };
        QCOMPARE(crossed(0), 0);
        QVERIFY(crossed(8) > 2);
    }
};

QTEST_MAIN(TestChartCrowding)
#include "tst_chartcrowding.moc"
