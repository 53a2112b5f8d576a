// The day × time-of-day grid: cells hold the lookups of their local day and wall-clock slot, DST days
// sum the repeated hour and have no cells for the skipped one, and the grid built from a real project
// equals a count made independently from the lookups themselves.
#include "rastergrid.h"
#include "store.h"
#include "timeutil.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <string>

using namespace dnt;

namespace {

int64_t iso(const char *text)
{
    const auto t = parseIso8601(QString::fromLatin1(text));
    Q_ASSERT(t);
    return *t;
}

// Minute buckets from..to with the given lookups (one series).
VolumeSeries minutes(int64_t from, int64_t to, const QVector<int64_t> &lookups)
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
        for (int64_t l : lookups)
            c += (l >= t && l < t + kUsPerMinute) ? 1 : 0;
        s.counts.append(c);
        s.total += c;
    }
    v.series.append(s);
    return v;
}

} // namespace

class TestRasterGrid : public QObject
{
    Q_OBJECT
private slots:
    void validSlotWidths()
    {
        QCOMPARE(RasterGrid::validSlots(), (QVector<int>{1, 2, 5, 10, 30, 60}));
        QVERIFY(RasterGrid::isValidSlot(30));
        QVERIFY(!RasterGrid::isValidSlot(15));
        QVERIFY(!RasterGrid::isValidSlot(0));
    }

    void utcCells()
    {
        // Two days; lookups at 14:05 and 14:29 on day 1 (slot 14:00–14:30), one at 23:59 on day 2.
        const QVector<int64_t> l{iso("2016-07-26T14:05:00Z"), iso("2016-07-26T14:29:59Z"), iso("2016-07-27T23:59:30Z"),
                                 iso("2016-07-26T14:30:00Z")};
        const RasterGrid g = RasterGrid::fromMinutes(minutes(iso("2016-07-26"), iso("2016-07-28"), l), QTimeZone::utc(), 30);
        QCOMPARE(g.rowCount(), 2);
        QCOMPARE(g.slotCount(), 48);
        QCOMPARE(g.days.first(), QDate(2016, 7, 26));
        QCOMPARE(g.count(0, 28), int64_t(2));
        QCOMPARE(g.count(0, 29), int64_t(1));
        QCOMPARE(g.count(1, 47), int64_t(1));
        QCOMPARE(g.count(1, 28), int64_t(0));
        QVERIFY(g.exists(1, 28));
        QCOMPARE(g.total, int64_t(4));
        QCOMPARE(g.maxCount, int64_t(2));
        QCOMPARE(g.rowOf(QDate(2016, 7, 27)), 1);
        QCOMPARE(g.rowOf(QDate(2016, 7, 28)), -1);
        // Out of range asks are zero, never a crash.
        QCOMPARE(g.count(-1, 0), int64_t(0));
        QCOMPARE(g.count(0, 48), int64_t(0));
    }

    void zoneDays()
    {
        // 03:30 UTC on the 27th is 23:30 on the 26th in New York (EDT, -4).
        const QTimeZone ny("America/New_York");
        const VolumeQuery q = RasterGrid::minuteQuery({}, ny, iso("2016-07-26T12:00:00Z"), iso("2016-07-27T05:00:00Z"));
        QCOMPARE(*q.fromUs, iso("2016-07-26T04:00:00Z"));
        QCOMPARE(*q.toUs, iso("2016-07-28T04:00:00Z"));
        QCOMPARE(q.unit, BucketUnit::Minute);
        const RasterGrid g = RasterGrid::fromMinutes(minutes(*q.fromUs, *q.toUs, {iso("2016-07-27T03:30:00Z")}), ny, 60);
        QCOMPARE(g.zone, QByteArray("America/New_York"));
        QCOMPARE(g.rowCount(), 2);
        QCOMPARE(g.count(0, 23), int64_t(1));
        QCOMPARE(g.total, int64_t(1));
    }

    void dstDays()
    {
        const QTimeZone ny("America/New_York");
        // 2016-03-13: 02:00 local does not exist (23-hour day). 2016-11-06: 01:00–02:00 happens twice.
        {
            const VolumeQuery q = RasterGrid::minuteQuery({}, ny, iso("2016-03-13T12:00:00Z"), iso("2016-03-13T13:00:00Z"));
            QCOMPARE(*q.toUs - *q.fromUs, 23 * kUsPerHour);
            const RasterGrid g = RasterGrid::fromMinutes(minutes(*q.fromUs, *q.toUs, {iso("2016-03-13T07:10:00Z")}), ny, 60);
            QCOMPARE(g.rowCount(), 1);
            QVERIFY(!g.exists(0, 2));
            QVERIFY(g.exists(0, 1));
            QVERIFY(g.exists(0, 3));
            QCOMPARE(g.count(0, 3), int64_t(1)); // 07:10Z = 03:10 EDT
        }
        {
            const VolumeQuery q = RasterGrid::minuteQuery({}, ny, iso("2016-11-06T12:00:00Z"), iso("2016-11-06T13:00:00Z"));
            QCOMPARE(*q.toUs - *q.fromUs, 25 * kUsPerHour);
            // 05:15Z = 01:15 EDT, 06:15Z = 01:15 EST: the same wall-clock slot.
            const RasterGrid g = RasterGrid::fromMinutes(
                minutes(*q.fromUs, *q.toUs, {iso("2016-11-06T05:15:00Z"), iso("2016-11-06T06:15:00Z")}), ny, 60);
            QCOMPARE(g.rowCount(), 1);
            QCOMPARE(g.count(0, 1), int64_t(2));
            for (int s = 0; s < 24; ++s)
                QVERIFY(g.exists(0, s));
        }
    }

    void longRangesAreCut()
    {
        const VolumeQuery q = RasterGrid::minuteQuery({}, QTimeZone::utc(), iso("2010-01-01"), iso("2016-01-01"));
        QCOMPARE(*q.toUs - *q.fromUs, RasterGrid::kMaxDays * kUsPerDay);
    }

    // A project with lookups at known minutes over three days: every cell equals a count made from the
    // records directly.
    void fromStore()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("r.dnstimeline"));
        QString error;
        auto store = Store::open(path, Store::Mode::Create, &error);
        QVERIFY2(store, qPrintable(error));
        FileRecord file;
        file.path = QStringLiteral("r.log");
        file.sha256 = QString(64, QLatin1Char('a'));
        file.format = QStringLiteral("zeek");
        file.compression = QStringLiteral("none");
        auto imp = store->beginFileImport(file, &error);
        QVERIFY2(imp, qPrintable(error));
        const QTimeZone zone("Europe/Moscow"); // +03:00 in 2016
        const int slot = 10;
        std::map<std::pair<QDate, int>, int64_t> expected;
        const int64_t base = iso("2016-07-26T00:00:00Z");
        uint32_t seed = 7;
        for (int i = 0; i < 3000; ++i) {
            seed = seed * 1664525u + 1013904223u;
            const int64_t t = base + int64_t(seed % (3 * 86400)) * kUsPerSecond;
            const bool wanted = i % 3 != 0;
            LookupRecord l;
            l.timeUs = t;
            l.client = "217.12.96.15";
            l.name = wanted ? "mail1.trump-email.com" : "other.example";
            QVERIFY(imp->add(l, &error));
            if (wanted) {
                const QDateTime local = QDateTime::fromMSecsSinceEpoch(t / 1000, zone);
                const int minute = local.time().hour() * 60 + local.time().minute();
                ++expected[{local.date(), minute / slot}];
            }
        }
        QVERIFY2(imp->commit(file, &error), qPrintable(error));
        Selection sel;
        sel.names << QStringLiteral("mail1.trump-email.com");
        const RasterGrid g = RasterGrid::query(*store, sel, zone, base, base + 3 * kUsPerDay, slot);
        QCOMPARE(g.rowCount(), 4); // 03:00 Moscow on the 26th to 03:00 on the 29th
        QCOMPARE(g.days.first(), QDate(2016, 7, 26));
        int64_t total = 0;
        for (int r = 0; r < g.rowCount(); ++r)
            for (int s = 0; s < g.slotCount(); ++s) {
                const auto it = expected.find({g.days.at(r), s});
                QCOMPARE(g.count(r, s), it == expected.end() ? int64_t(0) : it->second);
                total += g.count(r, s);
            }
        QCOMPARE(total, int64_t(2000));
        QCOMPARE(g.total, int64_t(2000));
    }
};

QTEST_GUILESS_MAIN(TestRasterGrid)
#include "tst_rastergrid.moc"
