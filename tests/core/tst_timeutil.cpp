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
        QCOMPARE(autoBucketUnit(30 * kUsPerDay, 800), BucketUnit::Day);
        QCOMPARE(autoBucketUnit(5 * kUsPerDay, 800), BucketUnit::Hour);
        QCOMPARE(autoBucketUnit(5 * 365 * kUsPerDay, 800), BucketUnit::Week);
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
