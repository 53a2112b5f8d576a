#include "timeutil.h"
#include "usertime.h"

#include <QTest>

using namespace dnt;

class TstUserTime : public QObject
{
    Q_OBJECT
private slots:
    void parses()
    {
        const QTimeZone ny("America/New_York");
        bool dateOnly = false;
        QCOMPARE(*parseUserTime("2016-07-27", ny, &dateOnly), *parseIso8601(QStringLiteral("2016-07-27T04:00:00Z")));
        QVERIFY(dateOnly);
        QCOMPARE(*parseUserTime("2016-07-27 15:00", ny, &dateOnly), *parseIso8601(QStringLiteral("2016-07-27T19:00:00Z")));
        QVERIFY(!dateOnly);
        QCOMPARE(*parseUserTime("2016-07-27T15:00:30", ny), *parseIso8601(QStringLiteral("2016-07-27T19:00:30Z")));
        // An explicit zone wins over the display zone.
        QCOMPARE(*parseUserTime("2016-07-27T19:00:00Z", ny), *parseIso8601(QStringLiteral("2016-07-27T19:00:00Z")));
        QCOMPARE(*parseUserTime("2016-07-27", QTimeZone::utc()), *parseIso8601(QStringLiteral("2016-07-27")));
        QVERIFY(!parseUserTime("27/07/2016", ny));
        QVERIFY(!parseUserTime("2016-02-30", ny));
        QVERIFY(!parseUserTime("", ny));
        // 13 March 2016 02:30 does not exist in New York: moved forward to 03:30 EDT = 07:30Z.
        QCOMPARE(*parseUserTime("2016-03-13 02:30", ny), *parseIso8601(QStringLiteral("2016-03-13T07:30:00Z")));
        // 6 November 2016 01:30 happens twice: the earlier one (EDT) = 05:30Z.
        QCOMPARE(*parseUserTime("2016-11-06 01:30", ny), *parseIso8601(QStringLiteral("2016-11-06T05:30:00Z")));
    }
    void wholeDays()
    {
        const QTimeZone ny("America/New_York");
        const int64_t day = *parseUserTime("2016-11-06", ny);
        // The day the clocks go back has 25 hours.
        QCOMPARE(nextLocalMidnight(day, ny) - day, 25 * kUsPerHour);
        const int64_t spring = *parseUserTime("2016-03-13", ny);
        QCOMPARE(nextLocalMidnight(spring, ny) - spring, 23 * kUsPerHour);
        QCOMPARE(formatUserTime(*parseIso8601(QStringLiteral("2016-07-27T19:00:00Z")), ny), QStringLiteral("2016-07-27 15:00"));
    }
};

QTEST_GUILESS_MAIN(TstUserTime)
#include "tst_usertime.moc"
