// Issue #12, "Totals always add up": a split keeps the busiest series and puts every other selected
// lookup in a last series "other", so that in each bucket the series add up to the unsplit count. The
// rule is stated once (verifyAddsUp) and applied to every output of every split: the store's answer,
// `stats`, the CSV of `render` and the values the chart plots.
#include "../store/storetestutil.h"
#include "apptestutil.h"

#include "batchedbars.h"
#include "bucket.h"
#include "charttheme.h"
#include "legendnote.h"
#include "store.h"
#include "timelinechart.h"
#include "timeutil.h"
#include "viewrender.h"

#include <qcustomplot.h>

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace dnt;
using namespace dnt::test;

namespace {

constexpr int kClients = 20; // more than VolumeQuery::maxSeries (12) clients, names and groups
constexpr int kNames = 20;
constexpr int kGroups = 14;  // group i holds client i; clients 15..20 are in no group
constexpr int kUngrouped = kClients - kGroups;

QString clientAddress(int i)
{
    return QStringLiteral("10.0.0.%1").arg(i);
}

std::string nameOf(int i)
{
    return QStringLiteral("n%1.example.com").arg(i, 2, 10, QLatin1Char('0')).toStdString();
}

// One output of a split: its series labels and, per bucket start, the series' counts in that order.
struct Table
{
    QStringList series;
    QMap<int64_t, QVector<int64_t>> rows;
};

Table fromVolume(const VolumeSeries &v)
{
    Table t;
    for (const auto &s : v.series)
        t.series << s.label;
    for (qsizetype i = 0; i < v.bucketStarts.size(); ++i) {
        QVector<int64_t> &row = t.rows[v.bucketStarts.at(i)];
        for (const auto &s : v.series)
            row << s.counts.at(i);
    }
    return t;
}

// `stats` TSV: bucket, series, count (one line per bucket and series, series in the same order).
Table fromStats(const QString &tsv)
{
    Table t;
    const QStringList lines = tsv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList f = lines.at(i).split(QLatin1Char('\t'));
        if (f.size() != 3)
            continue;
        const int64_t bucket = *parseIso8601(f.at(0));
        if (t.rows.isEmpty() || t.rows.firstKey() == bucket)
            t.series << f.at(1);
        t.rows[bucket] << f.at(2).toLongLong();
    }
    return t;
}

// `render -o x.csv`: "# " provenance lines, a header bucket_start,bucket_end,<series…>, one row per bucket.
Table fromCsv(const QByteArray &csv, QStringList *comments)
{
    Table t;
    bool header = false;
    for (const QByteArray &line : csv.split('\n')) {
        const QString l = QString::fromUtf8(line).trimmed();
        if (l.startsWith(QLatin1String("# "))) {
            comments->append(l.mid(2));
            continue;
        }
        if (l.isEmpty())
            continue;
        const QStringList f = l.split(QLatin1Char(','));
        if (!header) {
            header = true;
            t.series = f.mid(2);
            continue;
        }
        QVector<int64_t> &row = t.rows[*parseIso8601(f.at(0))];
        for (const QString &v : f.mid(2))
            row << v.toLongLong();
    }
    return t;
}

// What the chart plots (its values, not the series it was given).
Table fromChart(const TimelineChart &chart)
{
    Table t;
    const VolumeSeries &v = chart.series();
    for (const auto &s : v.series)
        t.series << s.label;
    for (qsizetype i = 0; i < v.bucketStarts.size(); ++i) {
        QVector<int64_t> &row = t.rows[v.bucketStarts.at(i)];
        for (qsizetype s = 0; s < v.series.size(); ++s)
            row << std::llround(chart.valueAt(int(s), int(i)));
    }
    return t;
}

// The legend's entries in order (its grid has empty cells after the last one).
QVector<QCPAbstractLegendItem *> legendItems(QCPLegend *legend)
{
    QVector<QCPAbstractLegendItem *> out;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (QCPAbstractLegendItem *item = legend->item(i))
            out << item;
    return out;
}

// The invariant of issue #12: the same buckets as the unsplit count, and in each of them the series
// add up to it exactly.
void verifyAddsUp(const Table &t, const QMap<int64_t, int64_t> &unsplit, const QByteArray &what)
{
    QVERIFY2(!unsplit.isEmpty(), what.constData());
    QVERIFY2(t.rows.keys() == unsplit.keys(), what.constData());
    for (auto it = unsplit.cbegin(); it != unsplit.cend(); ++it) {
        const QVector<int64_t> &row = t.rows.value(it.key());
        QVERIFY2(row.size() == t.series.size(), what.constData());
        int64_t sum = 0;
        for (int64_t n : row)
            sum += n;
        QVERIFY2(sum == it.value(), (what + " bucket " + formatIsoUtc(it.key()).toUtf8() + ": " + QByteArray::number(sum)
                                     + " != " + QByteArray::number(it.value()))
                                        .constData());
    }
}

} // namespace

class TstTotals : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_project;
    std::vector<Rec> m_recs;
    QMap<int64_t, int64_t> m_unsplit; // lookups per day, counted here from the records

private slots:
    void initTestCase()
    {
        // 6000 lookups over three weeks from Monday 2016-05-02; low client and name numbers are busier
        // (the smaller of two draws), so that the busiest twelve are a real choice.
        const int64_t start = *parseIso8601(QStringLiteral("2016-05-02T00:00:00Z"));
        uint64_t x = 12;
        auto next = [&x](uint64_t n) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            return (x >> 33) % n;
        };
        for (int i = 0; i < 6000; ++i) {
            Rec r;
            r.t = start + int64_t(next(21 * 86400)) * 1000000 + int64_t(next(1000000));
            r.client = clientAddress(1 + int(std::min(next(kClients), next(kClients)))).toStdString();
            r.name = nameOf(1 + int(std::min(next(kNames), next(kNames))));
            r.server = "10.0.0.53";
            r.line = i + 1;
            m_recs.push_back(r);
            m_unsplit[bucketFloor(r.t, BucketUnit::Day)] += 1;
        }
        m_project = m_dir.filePath(QStringLiteral("totals.dnstimeline"));
        QString error;
        auto store = Store::open(m_project, Store::Mode::Create, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(importRecords(store.get(), m_recs, QStringLiteral("dns.log"), fakeSha(QStringLiteral("dns"))), QString());
        for (int g = 1; g <= kGroups; ++g)
            QVERIFY2(store->saveGroup({QStringLiteral("G%1").arg(g, 2, 10, QLatin1Char('0')), QStringLiteral("#112233"),
                                       {clientAddress(g)}},
                                      &error),
                     qPrintable(error));
        QCOMPARE(store->totals().clients, int64_t(kClients));
        QCOMPARE(store->totals().names, int64_t(kNames));
    }

    // For each split kind, every output adds up to the unsplit `stats` count in every bucket.
    void everyOutputAddsUp_data()
    {
        QTest::addColumn<int>("splitValue");
        QTest::addColumn<int>("otherSources"); // what "other" holds in the chart (12 series shown)
        QTest::addColumn<int>("statsOther");   // `stats` keeps every series: "other" only for groups
        QTest::newRow("client") << int(Split::Client) << kClients - 12 << 0;
        QTest::newRow("name") << int(Split::Name) << kNames - 12 << 0;
        // Two groups beyond the twelfth, and the six ungrouped clients.
        QTest::newRow("group") << int(Split::Group) << (kGroups - 12) + kUngrouped << kUngrouped;
    }

    void everyOutputAddsUp()
    {
        QFETCH(int, splitValue);
        const auto split = Split(splitValue);
        QFETCH(int, otherSources);
        QFETCH(int, statsOther);
        const QString how = splitName(split);

        // The reference: unsplit `stats`, itself equal to the count made here from the records.
        const Run unsplitRun = cli({"stats", m_project, "--bucket", "day"});
        QCOMPARE(unsplitRun.exitCode, 0);
        const Table unsplitTable = fromStats(unsplitRun.out);
        QCOMPARE(unsplitTable.series, QStringList{QStringLiteral("all")});
        QMap<int64_t, int64_t> unsplit;
        for (auto it = unsplitTable.rows.cbegin(); it != unsplitTable.rows.cend(); ++it)
            unsplit.insert(it.key(), it.value().first());
        QCOMPARE(unsplit, m_unsplit);
        QCOMPARE(unsplit.size(), 21);

        // The store, as the chart asks it (the busiest 12 series, then "other").
        QString error;
        auto store = Store::open(m_project, Store::Mode::ReadOnly, &error);
        QVERIFY2(store, qPrintable(error));
        VolumeQuery q;
        q.unit = BucketUnit::Day;
        q.split = split;
        const VolumeSeries v = store->volume(q);
        const Table fromStore = fromVolume(v);
        verifyAddsUp(fromStore, unsplit, "store " + how.toUtf8());
        QCOMPARE(v.series.size(), 13);
        QVERIFY(v.other() != nullptr);
        QCOMPARE(v.series.last().label, QStringLiteral("other"));
        QCOMPARE(v.other()->otherSources, int64_t(otherSources));
        QCOMPARE(v.sharedClients, int64_t(0));

        // `stats` keeps every series; "other" holds what none of them does (ungrouped clients).
        const Run statsRun = cli({"stats", m_project, "--bucket", "day", "--split", how});
        QCOMPARE(statsRun.exitCode, 0);
        const Table stats = fromStats(statsRun.out);
        verifyAddsUp(stats, unsplit, "stats " + how.toUtf8());
        const int statsSeries = split == Split::Client ? kClients : split == Split::Name ? kNames : kGroups;
        QCOMPARE(stats.series.size(), statsSeries + (statsOther > 0 ? 1 : 0));
        QCOMPARE(stats.series.last() == QLatin1String("other"), statsOther > 0);

        // The CSV of `render`: the same columns as the chart, "other" last, and a provenance line that
        // says how many sources it holds.
        const QString csvPath = m_dir.filePath(QStringLiteral("%1.csv").arg(how));
        QCOMPARE(cli({"render", m_project, "--bucket", "day", "--split", how, "-o", csvPath}).exitCode, 0);
        QStringList comments;
        const Table csv = fromCsv(fileBytes(csvPath), &comments);
        verifyAddsUp(csv, unsplit, "csv " + how.toUtf8());
        QCOMPARE(csv.series, fromStore.series);
        QCOMPARE(csv.rows, fromStore.rows);
        const QString unit = split == Split::Name ? QStringLiteral("names") : QStringLiteral("clients");
        QVERIFY2(comments.contains(QStringLiteral("other: %1 %2 (the series \"other\")").arg(otherSources).arg(unit)),
                 qPrintable(comments.join('\n')));
        QVERIFY(comments.contains(QStringLiteral("split: %1").arg(how)));

        // The chart as `render` draws it: the plotted values, and the legend names "other" last.
        ViewSpec view;
        view.split = split;
        view.bucket = BucketUnit::Day;
        TimelineChart chart;
        QVERIFY2(setupViewChart(chart, *store, view, QSize(1600, 900), &error), qPrintable(error));
        verifyAddsUp(fromChart(chart), unsplit, "chart " + how.toUtf8());
        QCPLegend *legend = chart.plot()->legend;
        const auto items = legendItems(legend);
        QCOMPARE(items.size(), 13);
        auto *last = qobject_cast<QCPPlottableLegendItem *>(items.last());
        QVERIFY(last);
        QCOMPARE(last->plottable()->name(), QStringLiteral("other (%1 %2)").arg(otherSources).arg(unit));

        // Shares: each series' share of all lookups, "other" included, so a whole-project split sums to 100 %.
        view.values = QStringLiteral("share");
        TimelineChart shares;
        QVERIFY2(setupViewChart(shares, *store, view, QSize(1600, 900), &error), qPrintable(error));
        for (int i = 0; i < shares.series().bucketStarts.size(); ++i) {
            double sum = 0;
            for (int s = 0; s < shares.series().series.size(); ++s)
                sum += shares.valueAt(s, i);
            QVERIFY2(std::abs(sum - 1.0) < 1e-9, qPrintable(QString::number(sum)));
        }
    }

    // A client in two of the groups shown counts in both: the series then exceed the unsplit count by
    // exactly that client's lookups, and the legend and the CSV say so.
    void clientInTwoGroups()
    {
        QString error;
        {
            auto store = Store::open(m_project, Store::Mode::ReadWrite, &error);
            QVERIFY2(store, qPrintable(error));
            QVERIFY(store->saveGroup({QStringLiteral("Both"), QStringLiteral("#445566"), {clientAddress(1), clientAddress(16)}},
                                     &error));
        }
        auto store = Store::open(m_project, Store::Mode::ReadOnly, &error);
        QVERIFY2(store, qPrintable(error));
        VolumeQuery q;
        q.unit = BucketUnit::Day;
        q.split = Split::Group;
        q.selection.groups = {QStringLiteral("G01"), QStringLiteral("Both")};
        const VolumeSeries v = store->volume(q);
        QCOMPARE(v.sharedClients, int64_t(1));
        QVERIFY(v.other() == nullptr); // the selection holds only the clients of these two groups
        QMap<int64_t, int64_t> expected;
        for (const Rec &r : m_recs) {
            if (r.client == "10.0.0.1")
                expected[bucketFloor(r.t, BucketUnit::Day)] += 2; // in G01 and in Both
            else if (r.client == "10.0.0.16")
                expected[bucketFloor(r.t, BucketUnit::Day)] += 1;
        }
        for (auto it = m_unsplit.cbegin(); it != m_unsplit.cend(); ++it)
            expected.insert(it.key(), expected.value(it.key()));
        verifyAddsUp(fromVolume(v), expected, "two groups");

        ViewSpec view;
        view.split = Split::Group;
        view.bucket = BucketUnit::Day;
        view.selection = q.selection;
        TimelineChart chart;
        QVERIFY2(setupViewChart(chart, *store, view, QSize(1600, 900), &error), qPrintable(error));
        QCPLegend *legend = chart.plot()->legend;
        auto *note = qobject_cast<LegendNote *>(legendItems(legend).last());
        QVERIFY(note);
        QCOMPARE(note->text(), QStringLiteral("1 client in two or more groups is counted in each"));
        const QString csvPath = m_dir.filePath(QStringLiteral("both.csv"));
        QCOMPARE(cli({"render", m_project, "--bucket", "day", "--split", "group", "--group", "G01", "--group", "Both",
                      "-o", csvPath})
                     .exitCode,
                 0);
        QVERIFY(QString::fromUtf8(fileBytes(csvPath))
                    .contains(QStringLiteral("# split: group (1 client in two or more groups is counted in each)")));
    }

    // "other" is drawn in the theme's neutral grey, on top of the stack, whatever its index; the greys
    // of both themes are neutral and none of the palette's colours.
    void otherIsGreyAndLast()
    {
        for (const ChartTheme &theme : {ChartTheme::light(), ChartTheme::dark()}) {
            QCOMPARE(theme.other.red(), theme.other.green());
            QCOMPARE(theme.other.green(), theme.other.blue());
            QVERIFY(!theme.series.contains(theme.other));
            QVERIFY(theme.other != theme.background);
        }
        QString error;
        auto store = Store::open(m_project, Store::Mode::ReadOnly, &error);
        QVERIFY2(store, qPrintable(error));
        ViewSpec view;
        view.split = Split::Client;
        view.bucket = BucketUnit::Day;
        TimelineChart chart;
        QVERIFY2(setupViewChart(chart, *store, view, QSize(1200, 700), &error), qPrintable(error));
        const QImage image = chart.renderImage(QSize(1200, 700));
        const VolumeSeries &v = chart.series();
        QVERIFY(v.series.last().isOther);
        // The top pixel rows of the busiest bucket's bar are "other"'s grey (it is stacked last).
        qsizetype busiest = 0;
        QVector<int64_t> sums(v.bucketStarts.size(), 0);
        for (const auto &s : v.series)
            for (qsizetype i = 0; i < sums.size(); ++i)
                sums[i] += s.counts.at(i);
        for (qsizetype i = 0; i < sums.size(); ++i)
            if (sums[i] > sums[busiest])
                busiest = i;
        const double left = double(v.bucketStarts.at(busiest)) / 1e6; // the axis is in seconds
        const int x = int(std::lround(chart.plot()->xAxis->coordToPixel(left + 43200)));
        const int64_t otherCount = v.series.last().counts.at(busiest);
        QVERIFY(otherCount > 2);
        const int top = int(std::lround(chart.plot()->yAxis->coordToPixel(double(sums[busiest]))));
        const int below = int(std::lround(chart.plot()->yAxis->coordToPixel(double(sums[busiest] - otherCount))));
        QVERIFY(below - top > 4);
        const QRgb grey = ChartTheme::light().other.rgb();
        for (int y = top + 2; y < below - 1; ++y)
            QCOMPARE(QColor(image.pixel(x, y)).name(), QColor(grey).name());
        // Just below: the twelfth series' colour, not grey.
        QVERIFY(QColor(image.pixel(x, below + 2)).rgb() != grey);
        // On a dark desktop the widget draws "other" in the dark theme's grey, still last and plain.
        QPalette dark = chart.palette();
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        chart.setPalette(dark);
        auto *bars = dynamic_cast<BatchedBars *>(chart.plot()->plottable(chart.plot()->plottableCount() - 1));
        QVERIFY(bars);
        QCOMPARE(bars->color(), ChartTheme::dark().other);
        QCOMPARE(bars->name(), QStringLiteral("other (8 clients)"));
        QVERIFY(!bars->isHatched()); // series 13 would be hatched by the palette rule; "other" never is
    }
};

QTEST_MAIN(TstTotals)
#include "tst_totals.moc"
