// Event files in and out: JSON, iCalendar, the format chooser and the duplicate check. Times are
// compared to the microsecond; fixtures are in tests/data/events (hand-written, see the README there).
#include "eventexchange.h"
#include "eventics.h"
#include "eventjson.h"
#include "timeutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace dnt;

namespace {

int64_t us(const char *iso)
{
    const auto t = parseIso8601(std::string_view(iso));
    if (!t)
        qFatal("bad test time %s", iso);
    return *t;
}

QByteArray fixture(const char *name)
{
    QFile f(QStringLiteral(DNT_TEST_DATA "/events/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return f.readAll();
}

QList<int> lines(const QVector<EventFileProblem> &problems)
{
    QList<int> out;
    for (const auto &p : problems)
        out << p.line;
    return out;
}

QList<int> elements(const QVector<EventFileProblem> &problems)
{
    QList<int> out;
    for (const auto &p : problems)
        out << p.element;
    return out;
}

QString joined(const QVector<EventFileProblem> &problems)
{
    QStringList out;
    for (const auto &p : problems)
        out << QString::number(p.line) + QLatin1String(": ") + p.reason;
    return out.join(QLatin1Char('\n'));
}

Event ev(const char *start, std::optional<const char *> end, const QString &title, const QString &category = {},
         const QString &note = {}, const QString &url = {})
{
    Event e;
    e.startUs = us(start);
    if (end)
        e.endUs = us(*end);
    e.title = title;
    e.category = category;
    e.note = note;
    e.url = url;
    return e;
}

// Wraps VEVENT bodies in a calendar, one property per line, CRLF line ends.
QByteArray calendar(const QStringList &lines)
{
    QStringList all{QStringLiteral("BEGIN:VCALENDAR"), QStringLiteral("VERSION:2.0")};
    all += lines;
    all << QStringLiteral("END:VCALENDAR");
    return all.join(QStringLiteral("\r\n")).toUtf8() + "\r\n";
}

} // namespace

class TstEventExchange : public QObject
{
    Q_OBJECT
private slots:
    void jsonReadsAllFields()
    {
        const QByteArray data =
            "[\n"
            "  {\"start\": \"2016-07-27T19:00:00Z\", \"end\": null, \"title\": \" Press conference \", "
            "\"category\": \"News\",\n"
            "   \"note\": \"two\\nlines\", \"url\": \"https://example.org/x\"},\n"
            "  {\"start\": \"2016-07-18\", \"end\": \"2016-07-22\", \"title\": \"Convention\"},\n"
            "  {\"start\": \"2016-07-29T12:00:00.000250+03:00\", \"title\": \"Offset\", \"end\": \"\", "
            "\"category\": null},\n"
            "  {\"title\": \"Fields in any order\", \"start\": \"2016-08-01T00:00:00Z\"}\n"
            "]\n";
        const auto r = readEventJson(data);
        QVERIFY2(r.ok(), qPrintable(r.messages("e.json").join('\n')));
        QCOMPARE(r.format, QStringLiteral("json"));
        QCOMPARE(r.events.size(), 4);
        QCOMPARE(r.events.at(0), ev("2016-07-27T19:00:00Z", std::nullopt, "Press conference", "News", "two\nlines",
                                    "https://example.org/x"));
        QCOMPARE(r.events.at(0).startUs, 1469646000000000LL);
        QCOMPARE(r.events.at(1), ev("2016-07-18", "2016-07-22", "Convention"));
        QCOMPARE(r.events.at(2).startUs, 1469782800000250LL); // 09:00:00.000250Z
        QVERIFY(!r.events.at(2).endUs);
        QCOMPARE(r.events.at(3).title, QStringLiteral("Fields in any order"));
        QVERIFY(r.warnings.isEmpty());
    }

    void jsonBadElementsByIndexAndLine()
    {
        const QByteArray data =
            "[\n"
            "  {\"start\": \"2016-07-27T19:00:00Z\", \"title\": \"Good\"},\n" // 0, line 2
            "  42,\n"                                                         // 1, line 3
            "  {\"start\": \"2016-07-27T19:00:00Z\"},\n"                      // 2, line 4
            "  {\"start\": 1469646000, \"title\": \"Number\"},\n"             // 3, line 5
            "  {\n"                                                           // 4, line 6
            "    \"start\": \"2016-07-27T19:00:00\", \"title\": \"No zone\"\n"
            "  },\n"
            "  {\"start\": \"2016-07-28\", \"end\": \"2016-07-27\", \"title\": \"Backwards\"},\n"    // 5, line 9
            "  {\"start\": \"2016-07-28\", \"title\": \"\\\" [tricky, {string}\", \"note\": 7},\n"   // 6, line
                                                                                                     // 10
            "  {\"start\": \"2016-07-28\", \"title\": \"   \"},\n"                                   // 7, line 11
            "  {\"start\": \"2016-07-29\", \"title\": \"Extra\", \"id\": 3, \"colour\": \"red\"},\n" // 8,
                                                                                                     // line
                                                                                                     // 12
            "  [\"start\", \"title\"]\n"                                                             // 9, line 13
            "]\n";
        const auto r = readEventJson(data);
        QVERIFY(!r.ok());
        QCOMPARE(r.events.size(), 2);
        QCOMPARE(r.events.at(0).title, QStringLiteral("Good"));
        QCOMPARE(r.events.at(1).title, QStringLiteral("Extra"));
        QCOMPARE(elements(r.problems), (QList<int>{1, 2, 3, 4, 5, 6, 7, 9}));
        QCOMPARE(lines(r.problems), (QList<int>{3, 4, 5, 6, 9, 10, 11, 13}));
        QCOMPARE(r.problems.at(0).reason, QStringLiteral("expected an object with start and title, got a number"));
        QCOMPARE(r.problems.at(1).reason, QStringLiteral("title is missing"));
        QCOMPARE(r.problems.at(2).reason, QStringLiteral("start: expected a string, got a number"));
        QVERIFY(r.problems.at(3).reason.startsWith("start: expected an ISO 8601"));
        QCOMPARE(r.problems.at(4).reason, QStringLiteral("end (2016-07-27) is not after start (2016-07-28)"));
        QCOMPARE(r.problems.at(5).reason, QStringLiteral("note: expected a string, got a number"));
        QCOMPARE(r.problems.at(6).reason, QStringLiteral("title is empty"));
        QCOMPARE(r.problems.at(7).reason, QStringLiteral("expected an object with start and title, got an array"));
        // Unknown fields are named once each, with where they were first seen.
        QCOMPARE(r.warnings.size(), 2);
        QCOMPARE(r.warnings.at(0).line, 12);
        QCOMPARE(r.warnings.at(0).element, 8);
        QCOMPARE(r.messages("ev.json").at(0),
                 QStringLiteral("ev.json: line 3: element 1: expected an object with start "
                                "and title, got a number"));
    }

    void jsonWholeFileErrors()
    {
        auto r = readEventJson("[\n  {\"start\": \"2016-07-27\", \"title\": \"x\"}\n  {\"start\": 1}\n]");
        QVERIFY(!r.ok());
        QVERIFY2(r.error.startsWith("line 3, column 4: not valid JSON"), qPrintable(r.error));
        QVERIFY(r.events.isEmpty());
        r = readEventJson("{\"start\": \"2016-07-27\", \"title\": \"x\"}");
        QCOMPARE(r.error, QStringLiteral("line 1: expected a JSON array of events ([{\"start\": …, \"title\": …}, …]), "
                                         "got an object"));
        r = readEventJson("");
        QVERIFY(!r.error.isEmpty());
        QVERIFY(readEventJson("[]").ok());
        QVERIFY(readEventJson("\xEF\xBB\xBF[]").ok());
        QByteArray huge(kMaxEventJsonBytes + 1, ' ');
        huge[0] = '[';
        huge[huge.size() - 1] = ']';
        r = readEventJson(huge);
        QVERIFY(r.error.startsWith("too large"));
    }

    void jsonWriteExactAndRoundTrip()
    {
        QVector<Event> events{
            ev("2016-07-27T19:00:00.000001Z", std::nullopt, "Quote \" back\\slash", "News", "tab\there\nnl",
               "https://example.org/?a=1&b=2"),
            ev("2016-07-18", "2016-07-22", QString::fromUtf8("Zürich \xF0\x9F\x93\xB0 <b>bold</b>"), {},
               QStringLiteral("ctl\x01 sep") + QChar(0x2028), QStringLiteral("=formula is data in JSON")),
        };
        const QByteArray json = eventJson(events);
        const QByteArray head("[\n"
                              "  {\n"
                              "    \"start\": \"2016-07-27T19:00:00.000001Z\",\n"
                              "    \"end\": null,\n"
                              "    \"title\": \"Quote \\\" back\\\\slash\",\n"
                              "    \"category\": \"News\",\n"
                              "    \"note\": \"tab\\there\\nnl\",\n"
                              "    \"url\": \"https://example.org/?a=1&b=2\"\n"
                              "  },\n");
        QCOMPARE(json.left(head.size()), head);
        QVERIFY(json.contains("\"note\": \"ctl\\u0001 sep\\u2028\""));
        QVERIFY(json.endsWith("  }\n]\n"));
        QCOMPARE(eventJson({}), QByteArray("[]\n"));
        const auto back = readEventJson(json);
        QVERIFY(back.ok());
        QCOMPARE(back.events, events);

        QTemporaryDir dir;
        QString error;
        QVERIFY(writeEventJsonFile(dir.filePath("e.json"), events, &error));
        QCOMPARE(readEventFile(dir.filePath("e.json")).events, events);
        QVERIFY(!writeEventJsonFile(dir.filePath("no/such/dir/e.json"), events, &error));
        QVERIFY(error.contains("no/such/dir/e.json"));
    }

    void icsNewYorkAcrossDst()
    {
        const auto r = readEventIcs(fixture("new-york-dst.ics"));
        QVERIFY2(r.ok(), qPrintable(r.messages("new-york-dst.ics").join('\n')));
        QVERIFY2(r.warnings.isEmpty(), qPrintable(joined(r.warnings)));
        QCOMPARE(r.format, QStringLiteral("ics"));
        QCOMPARE(r.events.size(), 7);
        // EST is UTC-5, EDT (from 2016-03-13 02:00 local) UTC-4.
        QCOMPARE(r.events.at(0), ev("2016-03-12T17:00:00Z", "2016-03-12T18:00:00Z", "Saturday noon (EST)"));
        QCOMPARE(r.events.at(0).startUs, 1457802000000000LL);
        QCOMPARE(r.events.at(1), ev("2016-03-14T16:00:00Z", "2016-03-14T17:00:00Z", "Monday noon (EDT)"));
        QCOMPARE(r.events.at(2), ev("2016-03-13T03:00:00Z", "2016-03-14T02:00:00Z", "Across the change (23 hours)"));
        QCOMPARE(*r.events.at(2).endUs - r.events.at(2).startUs, 23 * kUsPerHour);
        // 02:30 does not exist that night: the offset before the gap applies (RFC 5545 §3.3.5).
        QCOMPARE(r.events.at(3), ev("2016-03-13T07:30:00Z", std::nullopt, "In the skipped hour"));
        // A nominal day keeps the wall clock (12:00 to 12:00, 23 hours); PT24H is exact.
        QCOMPARE(r.events.at(4), ev("2016-03-12T17:00:00Z", "2016-03-13T16:00:00Z", "One nominal day"));
        QCOMPARE(r.events.at(5), ev("2016-03-12T17:00:00Z", "2016-03-13T17:00:00Z", "Twenty-four exact hours"));
        // 01:30 happens twice on 2016-11-06: the first (EDT) is meant. The VALARM's DESCRIPTION is not the
        // note.
        QCOMPARE(r.events.at(6), ev("2016-11-06T05:30:00Z", std::nullopt, "The repeated hour"));
    }

    void icsAllDay()
    {
        const QByteArray data = fixture("all-day.ics");
        auto r = readEventIcs(data);
        QVERIFY2(r.ok() && r.warnings.isEmpty(), qPrintable(joined(r.problems) + joined(r.warnings)));
        QCOMPARE(r.events.size(), 4);
        QCOMPARE(r.events.at(0), ev("2016-07-27", "2016-07-29", "Two days", "Disclosure"));
        QCOMPARE(r.events.at(1), ev("2016-08-01", "2016-08-02", "One day without DTEND"));
        QCOMPARE(r.events.at(2), ev("2016-08-05", "2016-08-12", "A week by DURATION"));
        QCOMPARE(r.events.at(3), ev("2016-12-31", "2017-01-01", "New Year's Eve"));
        // Whole days in another zone start and end at its midnights.
        r = readEventIcs(data, QTimeZone("America/New_York"));
        QCOMPARE(r.events.at(0).startUs, us("2016-07-27T04:00:00Z"));
        QCOMPARE(*r.events.at(0).endUs, us("2016-07-29T04:00:00Z"));
        QCOMPARE(*r.events.at(3).endUs, us("2017-01-01T05:00:00Z"));
    }

    void icsUtcTextAndCategories()
    {
        const auto r = readEventIcs(fixture("utc.ics"));
        QVERIFY(r.ok());
        QCOMPARE(r.events.size(), 3);
        QCOMPARE(r.events.at(0), ev("2016-07-27T19:00:00Z", std::nullopt, "Press conference", "News",
                                    "Line one\nLine two, with a comma; a semicolon and a backslash \\ here",
                                    "https://example.org/press?a=1&b=2"));
        QCOMPARE(r.events.at(1), ev("2016-07-29T12:00:00Z", "2016-07-29T13:30:00Z", "Server vanishes <b>bold</b>",
                                    "Infrastructure, DNS"));
        QCOMPARE(r.events.at(2), ev("2016-08-01T08:00:00Z", "2016-08-01T09:30:00Z", "Ninety minutes"));
        // A recurring event comes in once, and the user is told.
        QCOMPARE(r.warnings.size(), 1);
        QCOMPARE(r.warnings.at(0).line, 21);
        QVERIFY(r.warnings.at(0).reason.contains("only its first occurrence"));
    }

    void icsFoldedLines()
    {
        const auto r = readEventIcs(fixture("folded.ics"));
        QVERIFY2(r.ok(), qPrintable(joined(r.problems) + r.error));
        QCOMPARE(r.events.size(), 1);
        QCOMPARE(r.events.at(0),
                 ev("2016-07-27T19:00:00Z", std::nullopt,
                    "A long title that a calendar program folded because it is longer than seventy-five octets", {},
                    QString::fromUtf8("Meeting in Zürich\nsecond line"),
                    "https://example.org/a-very-long-path/that-continues/on-the-next-line"));
        // The same with bare LF line ends.
        QByteArray lf = fixture("folded.ics");
        lf.replace("\r\n", "\n");
        QCOMPARE(readEventIcs(lf).events, r.events);
    }

    void icsBadEventsWithLines()
    {
        const QByteArray data = calendar({
            "BEGIN:VEVENT",                                       // 3
            "DTSTART:20160727T190000Z",                           //
            "END:VEVENT",                                         //
            "BEGIN:VEVENT",                                       // 6
            "SUMMARY:No start",                                   //
            "END:VEVENT",                                         //
            "BEGIN:VEVENT",                                       // 9
            "SUMMARY:Windows zone",                               //
            "DTSTART;TZID=Eastern Standard Time:20160727T190000", // 11
            "END:VEVENT",                                         //
            "BEGIN:VEVENT",                                       // 13
            "SUMMARY:Bad date",                                   //
            "DTSTART:20160231T190000Z",                           // 15
            "END:VEVENT",                                         //
            "BEGIN:VEVENT",                                       // 17
            "SUMMARY:Backwards",                                  //
            "DTSTART:20160727T190000Z",                           //
            "DTEND:20160727T180000Z",                             // 20
            "END:VEVENT",                                         //
            "BEGIN:VEVENT",                                       // 22
            "SUMMARY:Mixed",                                      //
            "DTSTART;VALUE=DATE:20160727",                        //
            "DTEND:20160728T000000Z",                             // 25
            "END:VEVENT",                                         //
            "BEGIN:VEVENT",                                       // 27
            "SUMMARY:Both",                                       //
            "DTSTART:20160727T190000Z",                           //
            "DTEND:20160727T200000Z",                             // 30
            "DURATION:PT1H",                                      // 31
            "END:VEVENT",                                         //
            "BEGIN:VEVENT",                                       // 33
            "SUMMARY:Bad duration",                               //
            "DTSTART:20160727T190000Z",                           //
            "DURATION:1 hour",                                    // 36
            "END:VEVENT",                                         //
            "BEGIN:VEVENT",                                       // 38
            "SUMMARY:Floating",                                   //
            "DTSTART:20160727T190000",                            // 40
            "DTEND:20160727T200000",                              //
            "END:VEVENT",                                         //
            "BEGIN:VEVENT",                                       // 43
            "SUMMARY:Twice",                                      //
            "DTSTART:20160727T190000Z",                           // 45
            "DTSTART:20160727T200000Z",                           // 46
            "END:VEVENT",                                         //
            "BEGIN:VEVENT",                                       // 48
            "SUMMARY:Not a property line",                        //
            "DTSTART:20160727T190000Z",                           //
            "this line has no colon",                             // 51
            "END:VEVENT",                                         //
            "BEGIN:VEVENT",                                       // 53
            "SUMMARY:Also Windows",                               //
            "DTSTART;TZID=Eastern Standard Time:20160728T190000", // 55
            "END:VEVENT",                                         //
        });
        const auto r = readEventIcs(data);
        QVERIFY(r.error.isEmpty());
        QCOMPARE(lines(r.problems), (QList<int>{3, 6, 9, 13, 17, 22, 27, 33, 43, 48, 53}));
        QCOMPARE(r.problems.at(0).reason, QStringLiteral("SUMMARY is missing: an event needs a title"));
        QCOMPARE(r.problems.at(1).reason, QStringLiteral("VEVENT \"No start\": DTSTART is missing"));
        QCOMPARE(r.problems.at(2).reason, QStringLiteral("VEVENT \"Windows zone\": DTSTART (line 11): TZID \"Eastern "
                                                         "Standard Time\" is not an IANA time zone this system knows"));
        QCOMPARE(r.problems.at(3).reason,
                 QStringLiteral("VEVENT \"Bad date\": DTSTART (line 15): \"20160231T190000Z\" is "
                                "not a valid date and time"));
        QCOMPARE(r.problems.at(4).reason,
                 QStringLiteral("VEVENT \"Backwards\": DTEND (line 20) (2016-07-27T18:00:00Z) is "
                                "not after DTSTART (2016-07-27T19:00:00Z)"));
        QCOMPARE(r.problems.at(5).reason,
                 QStringLiteral("VEVENT \"Mixed\": DTEND (line 25) is a date-time but DTSTART a "
                                "date; both must be dates or both date-times"));
        QCOMPARE(r.problems.at(6).reason, QStringLiteral("VEVENT \"Both\": DTEND (line 30) and DURATION (line 31) are "
                                                         "both given; only one may be"));
        QVERIFY(r.problems.at(7).reason.contains("DURATION (line 36): expected a duration"));
        QVERIFY(r.problems.at(8).reason.contains("DTSTART appears 2 times (lines 45 and 46)"));
        QVERIFY(r.problems.at(9).reason.contains("line 51: not a property"));
        // The floating event is good (as UTC) and said to be so; the unknown zone is named once.
        QCOMPARE(r.events.size(), 1);
        QCOMPARE(r.events.at(0), ev("2016-07-27T19:00:00Z", "2016-07-27T20:00:00Z", "Floating"));
        QCOMPARE(r.warnings.size(), 2);
        QCOMPARE(r.warnings.at(0).line, 11);
        QVERIFY(r.warnings.at(0).reason.startsWith("TZID \"Eastern Standard Time\" is not an IANA time zone"));
        QCOMPARE(r.warnings.at(1).line, 40);
        QCOMPARE(r.warnings.at(1).reason, QStringLiteral("1 event(s) have times without a zone (floating: no TZID and "
                                                         "no Z), taken as UTC; the first is here"));
        QCOMPARE(r.messages("cal.ics").at(0),
                 QStringLiteral("cal.ics: line 3: SUMMARY is missing: an event needs a title"));
    }

    void icsBrokenStructure()
    {
        auto r = readEventIcs("start,title\n2016-07-27,x\n");
        QCOMPARE(r.error, QStringLiteral("line 1: expected BEGIN:VCALENDAR: not an iCalendar file"));
        r = readEventIcs("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nDTSTART:20160727T190000Z\r\n");
        QCOMPARE(r.error,
                 QStringLiteral("line 2: BEGIN:VEVENT is never closed by END:VEVENT (is the file truncated?)"));
        QVERIFY(r.events.isEmpty());
        r = readEventIcs("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n");
        QCOMPARE(r.error, QStringLiteral("line 4: END:VTODO does not close BEGIN:VEVENT of line 2"));
        r = readEventIcs("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nDTSTART:20160727T190000Z\r\nEND:VEVENT\r\n");
        QVERIFY(r.ok());
        QCOMPARE(r.events.size(), 1);
        QCOMPARE(r.warnings.size(), 1); // no END:VCALENDAR: maybe truncated
        QCOMPARE(r.warnings.at(0).line, 1);
        r = readEventIcs("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
        QVERIFY(r.ok());
        QCOMPARE(r.warnings.at(0).reason, QStringLiteral("the calendar has no VEVENT"));
    }

    void chooserByContentThenExtension()
    {
        const QByteArray csv = "start,title\n2016-07-27,From CSV\n";
        const QByteArray json = "  \n[{\"start\": \"2016-07-27\", \"title\": \"From JSON\"}]";
        const QByteArray ics = fixture("utc.ics");
        // Content wins over a misleading name.
        QCOMPARE(readEventData(csv, "x.json").format, QStringLiteral("csv"));
        QCOMPARE(readEventData(csv, "x.json").events.at(0).title, QStringLiteral("From CSV"));
        QCOMPARE(readEventData(json, "x.csv").events.at(0).title, QStringLiteral("From JSON"));
        QCOMPARE(readEventData(ics, "x.csv").events.size(), 3);
        QCOMPARE(readEventData("\xEF\xBB\xBF" + ics, "").format, QStringLiteral("ics"));
        // An empty file is what its name says, and refused as such.
        QCOMPARE(readEventData("", "x.json").format, QStringLiteral("json"));
        QCOMPARE(readEventData("", "x.ics").format, QStringLiteral("ics"));
        QCOMPARE(readEventData("", "x.txt").format, QStringLiteral("csv"));
        QVERIFY(!readEventData("", "x.ics").error.isEmpty());

        QTemporaryDir dir;
        const auto missing = readEventFile(dir.filePath("missing.csv"));
        QVERIFY(missing.error.startsWith("cannot open"));
        QVERIFY(readEventFile(dir.path()).error.contains("directory"));
        // Larger than the cap: refused without reading it all (a sparse file costs no disk).
        QFile big(dir.filePath("big.csv"));
        QVERIFY(big.open(QIODevice::WriteOnly));
        QVERIFY(big.resize(kMaxEventFileBytes + 1));
        big.close();
        QVERIFY(readEventFile(big.fileName()).error.startsWith("too large"));
    }

    void writerByExtension()
    {
        QTemporaryDir dir;
        const QVector<Event> events{ev("2016-07-27T19:00:00Z", "2016-07-27T20:00:00Z", "=cmd|' /C calc'!A0", "News")};
        QString error;
        QVERIFY(writeEventFile(dir.filePath("e.JSON"), events, &error));
        QVERIFY(writeEventFile(dir.filePath("e.csv"), events, &error));
        QFile csv(dir.filePath("e.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll(), QByteArray("start,end,title,category,note,url\r\n"
                                           "2016-07-27T19:00:00Z,2016-07-27T20:00:00Z,'=cmd|' /C calc'!A0,News,,\r\n"));
        QFile json(dir.filePath("e.JSON"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        QVERIFY(json.readAll().contains("\"title\": \"=cmd|' /C calc'!A0\""));
        QVERIFY(!writeEventFile(dir.filePath("e.ics"), events, &error));
        QCOMPARE(error,
                 dir.filePath("e.ics") + ": events are written as CSV or JSON: the name must end in .csv or .json");
        QVERIFY(!QFile::exists(dir.filePath("e.ics")));
    }

    void duplicates()
    {
        const Event a = ev("2016-07-27T19:00:00Z", std::nullopt, "Press conference");
        const Event b = ev("2016-07-28T19:00:00Z", std::nullopt, "Other");
        Event aNewNote = a;
        aNewNote.note = QStringLiteral("a different note is still the same event");
        aNewNote.endUs = a.startUs + kUsPerHour;
        const Event aOtherTitle = ev("2016-07-27T19:00:00Z", std::nullopt, "Press conference (2)");
        const Event aOtherStart = ev("2016-07-27T19:00:00.000001Z", std::nullopt, "Press conference");
        const Event c = ev("2016-07-29", std::nullopt, "New");
        const auto split = splitDuplicates({a, b}, {aNewNote, aOtherTitle, aOtherStart, c, c, b});
        QCOMPARE(split.fresh, (QVector<Event>{aOtherTitle, aOtherStart, c}));
        QCOMPARE(split.duplicates, (QVector<Event>{aNewNote, c, b}));
        QVERIFY(splitDuplicates({}, {}).fresh.isEmpty());
    }

    void csvUnterminatedQuoteIsWholeFile()
    {
        // Everything after an open quote is one field: "only the good rows" must not be offered.
        const auto r = readEventCsv("start,title\n2016-07-27,\"open\n2016-07-28,b\n");
        QVERIFY(!r.ok());
        QCOMPARE(r.error, QStringLiteral("line 2: a quoted field is never closed"));
        QVERIFY(r.problems.isEmpty());
        QCOMPARE(r.messages("e.csv"), QStringList{"e.csv: line 2: a quoted field is never closed"});
    }
};

QTEST_GUILESS_MAIN(TstEventExchange)
#include "tst_eventexchange.moc"
