#include "bucket.h"
#include "selection.h"
#include "timeutil.h"

#include <QTest>

using namespace dnt;

class TstTimeUtil : public QObject
{
    Q_OBJECT
private slots:
    void iso_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("expected"); // -1 = refused
        QTest::newRow("date") << "2016-07-29" << qint64(1469750400LL * 1000000);
        QTest::newRow("utc") << "2016-07-27T19:00:00Z" << qint64(1469646000LL * 1000000);
        QTest::newRow("offset") << "2016-07-27T22:00:00+03:00" << qint64(1469646000LL * 1000000);
        QTest::newRow("offset-compact") << "2016-07-27T14:00:00-0500" << qint64(1469646000LL * 1000000);
        QTest::newRow("fraction") << "1970-01-01T00:00:01.25Z" << qint64(1250000);
        QTest::newRow("no-seconds") << "2016-07-27T19:00Z" << qint64(1469646000LL * 1000000);
        QTest::newRow("no-zone") << "2016-07-27T19:00:00" << qint64(-1);
        QTest::newRow("feb30") << "2016-02-30" << qint64(-1);
        QTest::newRow("garbage") << "yesterday" << qint64(-1);
        QTest::newRow("trailing") << "2016-07-27T19:00:00Zx" << qint64(-1);
    }
    void iso()
    {
        QFETCH(QString, text);
        QFETCH(qint64, expected);
        const auto v = parseIso8601(text);
        if (expected < 0) {
            QVERIFY(!v.has_value());
        } else {
            QVERIFY(v.has_value());
            QCOMPARE(*v, expected);
        }
    }
    void format()
    {
        QCOMPARE(formatIsoUtc(1469750400LL * 1000000), QStringLiteral("2016-07-29T00:00:00Z"));
        QCOMPARE(formatIsoUtc(1250000), QStringLiteral("1970-01-01T00:00:01.250000Z"));
        QCOMPARE(formatIsoUtc(-1000000), QStringLiteral("1969-12-31T23:59:59Z"));
        QCOMPARE(formatIsoInZone(1469750400LL * 1000000, QTimeZone("America/New_York")), QStringLiteral("2016-07-28T20:00:00-04:00"));
        QCOMPARE(formatIsoInZone(1469750400LL * 1000000, QTimeZone("Asia/Kolkata")), QStringLiteral("2016-07-29T05:30:00+05:30"));
        QCOMPARE(formatIsoInZone(1469750400LL * 1000000, QTimeZone::utc()), QStringLiteral("2016-07-29T00:00:00Z"));
        for (int64_t d = -800000; d < 800000; d += 997) {
            int64_t y;
            unsigned m, dd;
            civilFromDays(d, &y, &m, &dd);
            QCOMPARE(daysFromCivil(y, m, dd), d);
        }
    }
    void buckets()
    {
        const int64_t t = *parseIso8601(QStringLiteral("2016-07-27T19:42:13Z"));
        QCOMPARE(formatIsoUtc(bucketFloor(t, BucketUnit::Minute)), QStringLiteral("2016-07-27T19:42:00Z"));
        QCOMPARE(formatIsoUtc(bucketFloor(t, BucketUnit::Hour)), QStringLiteral("2016-07-27T19:00:00Z"));
        QCOMPARE(formatIsoUtc(bucketFloor(t, BucketUnit::Day)), QStringLiteral("2016-07-27T00:00:00Z"));
        // 2016-07-27 is a Wednesday; its week starts on Monday 25 July.
        QCOMPARE(formatIsoUtc(bucketFloor(t, BucketUnit::Week)), QStringLiteral("2016-07-25T00:00:00Z"));
        QCOMPARE(formatIsoUtc(bucketFloor(-1, BucketUnit::Day)), QStringLiteral("1969-12-31T00:00:00Z"));
        QCOMPARE(autoBucketUnit(2 * kUsPerHour, 800), BucketUnit::Minute);
        QCOMPARE(autoBucketUnit(30 * kUsPerDay, 800), BucketUnit::SixHours);
        QCOMPARE(autoBucketUnit(30 * kUsPerDay, 400), BucketUnit::Day);
        QCOMPARE(autoBucketUnit(5 * kUsPerDay, 800), BucketUnit::Hour);
        QCOMPARE(autoBucketUnit(2 * 365 * kUsPerDay, 800), BucketUnit::Week);
        QCOMPARE(autoBucketUnit(5 * 365 * kUsPerDay, 800), BucketUnit::Month);
        QCOMPARE(formatIsoUtc(bucketFloor(t, BucketUnit::Month)), QStringLiteral("2016-07-01T00:00:00Z"));
        QCOMPARE(formatIsoUtc(bucketNext(*parseIso8601(QStringLiteral("2016-12-01")), BucketUnit::Month)),
                 QStringLiteral("2017-01-01T00:00:00Z"));
        QCOMPARE(formatIsoUtc(bucketFloor(t, BucketUnit::FifteenMinutes)), QStringLiteral("2016-07-27T19:30:00Z"));
        QCOMPARE(formatIsoUtc(bucketFloor(t, BucketUnit::SixHours)), QStringLiteral("2016-07-27T18:00:00Z"));
        QCOMPARE(bucketUnitFromString(QStringLiteral("6 hours")), BucketUnit::SixHours);
        QCOMPARE(bucketUnitFromString(QStringLiteral("5min")), BucketUnit::FiveMinutes);
        QVERIFY(!bucketUnitFromString(QStringLiteral("fortnight")));
    }
    void bucketsInZones()
    {
        const QTimeZone ny("America/New_York");
        auto iso = [](const char *s) { return *parseIso8601(QString::fromLatin1(s)); };
        auto fmt = [](const QVector<int64_t> &v) {
            QStringList out;
            for (int64_t x : v)
                out << formatIsoUtc(x);
            return out;
        };
        // New York days around the end of DST (6 Nov 2016 has 25 hours) and its start (13 Mar: 23 hours).
        QCOMPARE(fmt(bucketStarts(iso("2016-11-05T12:00:00Z"), iso("2016-11-08T00:00:00Z"), BucketUnit::Day, ny)),
                 (QStringList{"2016-11-05T04:00:00Z", "2016-11-06T04:00:00Z", "2016-11-07T05:00:00Z"}));
        QCOMPARE(bucketNext(iso("2016-11-06T04:00:00Z"), BucketUnit::Day, ny) - iso("2016-11-06T04:00:00Z"), 25 * kUsPerHour);
        QCOMPARE(bucketNext(iso("2016-03-13T05:00:00Z"), BucketUnit::Day, ny) - iso("2016-03-13T05:00:00Z"), 23 * kUsPerHour);
        // Hours across the repeated 01:00 of 6 Nov: every UTC hour is its own bucket, none lost.
        QCOMPARE(fmt(bucketStarts(iso("2016-11-06T04:30:00Z"), iso("2016-11-06T08:00:00Z"), BucketUnit::Hour, ny)),
                 (QStringList{"2016-11-06T04:00:00Z", "2016-11-06T05:00:00Z", "2016-11-06T06:00:00Z", "2016-11-06T07:00:00Z"}));
        // Weeks start on Monday at local midnight; months on the 1st.
        QCOMPARE(formatIsoUtc(bucketFloor(iso("2016-07-27T12:00:00Z"), BucketUnit::Week, ny)), QStringLiteral("2016-07-25T04:00:00Z"));
        QCOMPARE(formatIsoUtc(bucketFloor(iso("2016-07-01T02:00:00Z"), BucketUnit::Month, ny)), QStringLiteral("2016-06-01T04:00:00Z"));
        // Kolkata is +05:30: its hours start at half past in UTC.
        const QTimeZone kolkata("Asia/Kolkata");
        QCOMPARE(formatIsoUtc(bucketFloor(iso("2016-07-27T19:42:00Z"), BucketUnit::Hour, kolkata)), QStringLiteral("2016-07-27T19:30:00Z"));
        QCOMPARE(formatIsoUtc(bucketFloor(iso("2016-07-27T19:42:00Z"), BucketUnit::Day, kolkata)), QStringLiteral("2016-07-27T18:30:00Z"));
        // UTC as a zone is the plain arithmetic.
        QCOMPARE(bucketFloor(iso("2016-07-27T19:42:00Z"), BucketUnit::Week, QTimeZone::utc()), iso("2016-07-25"));
        QCOMPARE(bucketStarts(0, 10 * kUsPerDay, BucketUnit::Minute, QTimeZone::utc(), 1000).size(), 0); // too many
    }
    void addresses()
    {
        const auto net = AddressFilter::parse(QStringLiteral("217.12.96.0/23"));
        QVERIFY(net);
        QVERIFY(net->matches(QStringLiteral("217.12.97.15")));
        QVERIFY(!net->matches(QStringLiteral("217.12.98.1")));
        const auto one = AddressFilter::parse(QStringLiteral("2001:DB8::1"));
        QVERIFY(one);
        QVERIFY(one->matches(QStringLiteral("2001:db8:0::1")));
        QVERIFY(!AddressFilter::parse(QStringLiteral("bank")));
        QVERIFY(!AddressFilter::parse(QStringLiteral("10.0.0.0/33")));
        QCOMPARE(normalizeName(QStringLiteral("Mail1.Trump-Email.COM.")), QStringLiteral("mail1.trump-email.com"));
    }
};

QTEST_GUILESS_MAIN(TstTimeUtil)
#include "tst_timeutil.moc"
