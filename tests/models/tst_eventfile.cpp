#include "csv.h"
#include "eventfile.h"
#include "timeutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace dnt;

class TstEventFile : public QObject
{
    Q_OBJECT
private slots:
    void csvQuoting()
    {
        const auto r = parseCsv("a,b,c\r\n\"x, y\",\"he said \"\"hi\"\"\",\"two\nlines\"\n\n1,2,3");
        QVERIFY(r.error.isEmpty());
        QCOMPARE(r.rows.size(), 3);
        QCOMPARE(r.rows.at(1).fields, (QStringList{"x, y", "he said \"hi\"", "two\nlines"}));
        QCOMPARE(r.rows.at(2).line, 5); // the quoted line break counts as a line
        QCOMPARE(r.rows.at(2).fields, (QStringList{"1", "2", "3"}));
        const auto bad = parseCsv("a,b\n1,\"open\n2,3\n");
        QCOMPARE(bad.errorLine, 2);
    }
    void formulaNeutralised()
    {
        QCOMPARE(csvField("=HYPERLINK(\"x\")"), QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\""));
        QCOMPARE(csvField("+1"), QStringLiteral("'+1"));
        QCOMPARE(csvField("@SUM(A1)"), QStringLiteral("'@SUM(A1)"));
        QCOMPARE(csvField("-2"), QStringLiteral("'-2"));
        QCOMPARE(csvField("plain"), QStringLiteral("plain"));
    }
    void readsDemoFile()
    {
        const auto r = readEventCsvFile(QStringLiteral(DNT_SOURCE_DIR "/resources/demo/events.csv"));
        QVERIFY2(r.ok(), qPrintable(r.messages("events.csv").join('\n')));
        QCOMPARE(r.events.size(), 8);
        QCOMPARE(r.events.at(0).startUs, *parseIso8601(QStringLiteral("2016-06-07T00:00:00Z")));
        QVERIFY(!r.events.at(0).endUs);
        QCOMPARE(r.events.at(1).title, QStringLiteral("Republican National Convention"));
        QCOMPARE(*r.events.at(1).endUs, *parseIso8601(QStringLiteral("2016-07-22")));
        QCOMPARE(r.events.at(3).startUs, *parseIso8601(QStringLiteral("2016-07-27T15:00:00Z")));
    }
    void badRowsListedAndNothingAccepted()
    {
        const QByteArray data = "start,end,title,category,note,url\n"
                                "2016-06-07,,Good,,,\n"
                                "2016-13-01,,Bad month,,,\n"
                                "2016-06-08,2016-06-01,Ends before start,,,\n"
                                "2016-06-09T10:00:00,,No zone,,,\n"
                                "2016-06-10,,,,,\n"
                                "2016-06-11,,Too,many,fields,here,extra\n";
        const auto r = readEventCsv(data);
        QVERIFY(!r.ok());
        QList<int> lines;
        for (const auto &p : r.problems)
            lines << p.line;
        QCOMPARE(lines, (QList<int>{3, 4, 5, 6, 7}));
        QVERIFY(r.problems.at(0).reason.contains("start"));
        QVERIFY(r.problems.at(3).reason.contains("title"));
        const QStringList messages = r.messages("ev.csv");
        QVERIFY(messages.first().startsWith("ev.csv: line 3: "));
    }
    void missingHeader()
    {
        const auto r = readEventCsv("2016-06-07,,Good,,,\n");
        QVERIFY(!r.ok());
        QVERIFY(r.error.contains("header"));
        QVERIFY(!readEventCsv("").ok());
    }
    void roundTrip()
    {
        QTemporaryDir dir;
        QVector<Event> events;
        Event a;
        a.startUs = *parseIso8601(QStringLiteral("2016-07-27T19:00:00Z"));
        a.title = QStringLiteral("Quote \" and, comma");
        a.note = QStringLiteral("two\nlines");
        a.category = QStringLiteral("News");
        a.url = QStringLiteral("https://example.org/a?b=c,d");
        Event b;
        b.startUs = *parseIso8601(QStringLiteral("2016-07-18"));
        b.endUs = *parseIso8601(QStringLiteral("2016-07-22"));
        b.title = QStringLiteral("Span");
        events << a << b;
        QString error;
        const QString path = dir.filePath("e.csv");
        QVERIFY(writeEventCsvFile(path, events, &error));
        const auto r = readEventCsvFile(path);
        QVERIFY(r.ok());
        QCOMPARE(r.events, events);
        QVERIFY(!writeEventCsvFile(dir.filePath("missing/dir/e.csv"), events, &error));
        QVERIFY(error.contains("missing/dir/e.csv"));
    }
};

QTEST_GUILESS_MAIN(TstEventFile)
#include "tst_eventfile.moc"
