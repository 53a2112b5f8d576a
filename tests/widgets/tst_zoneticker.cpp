// The time axis in a display zone: ticks at the zone's midnights, labels in its wall-clock time,
// whatever the machine's own zone.
#include "timeutil.h"
#include "utcdateticker.h"

#include <QTest>

#include <ctime>

using namespace dnt;

class TstZoneTicker : public QObject
{
    Q_OBJECT
private slots:
    void daysInNewYork()
    {
        for (const char *machineZone : {"UTC", "Asia/Tokyo"}) {
            qputenv("TZ", machineZone);
            tzset();
            UtcDateTicker ticker;
            ticker.setZone(QTimeZone("America/New_York"));
            ticker.setTargetTickCount(5);
            QVector<double> ticks;
            QVector<QString> labels;
            const double from = double(*parseIso8601(QStringLiteral("2016-11-04T12:00:00Z"))) / 1e6;
            const double to = double(*parseIso8601(QStringLiteral("2016-11-08T12:00:00Z"))) / 1e6;
            ticker.generate(QCPRange(from, to), QLocale::c(), QLatin1Char('g'), 6, ticks, nullptr, &labels);
            QStringList iso;
            for (double t : ticks)
                iso << formatIsoUtc(int64_t(t) * 1000000);
            // Local midnights: EDT (04:00Z) before the change on 6 Nov, EST (05:00Z) after it.
            QCOMPARE(iso, (QStringList{"2016-11-05T04:00:00Z", "2016-11-06T04:00:00Z", "2016-11-07T05:00:00Z",
                                       "2016-11-08T05:00:00Z"}));
            QCOMPARE(labels, (QVector<QString>{"5 Nov 2016", "6 Nov 2016", "7 Nov 2016", "8 Nov 2016"}));
        }
        qputenv("TZ", "UTC");
        tzset();
    }

    void hoursInKolkata()
    {
        UtcDateTicker ticker;
        ticker.setZone(QTimeZone("Asia/Kolkata"));
        ticker.setTargetTickCount(4);
        QVector<double> ticks;
        QVector<QString> labels;
        const double from = double(*parseIso8601(QStringLiteral("2016-07-27T18:00:00Z"))) / 1e6;
        const double to = double(*parseIso8601(QStringLiteral("2016-07-27T21:59:00Z"))) / 1e6;
        ticker.generate(QCPRange(from, to), QLocale::c(), QLatin1Char('g'), 6, ticks, nullptr, &labels);
        QVERIFY(!ticks.isEmpty());
        for (double t : ticks) // whole local hours are at :30 UTC
            QCOMPARE(formatIsoUtc(int64_t(t) * 1000000).mid(14, 5), QStringLiteral("30:00"));
        QVERIFY(labels.first().endsWith(":00"));
    }
};

QTEST_MAIN(TstZoneTicker)
#include "tst_zoneticker.moc"
