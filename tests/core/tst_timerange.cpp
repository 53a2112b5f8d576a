// The range choice of a chart (models/core/timerange.h): the vocabulary, each mode resolved to exact
// microseconds (relative modes count back in calendar terms of the display zone from the project's last
// lookup), typed ranges whole and partial, whole-bucket alignment of spans, and the saved view's JSON
// keeping the choice (older JSON without one still reads, as the selection's span it meant).
#include "timerange.h"
#include "timeutil.h"
#include "viewspec.h"

#include <QTest>

using namespace dnt;

namespace {

int64_t at(const char *iso)
{
    return *parseIso8601(QString::fromLatin1(iso));
}

using Span = std::optional<std::pair<int64_t, int64_t>>;

} // namespace

class TstTimeRange : public QObject
{
    Q_OBJECT
private slots:
    void vocabulary()
    {
        QCOMPARE(rangeModes().size(), 5);
        QCOMPARE(rangeModeNames(), QStringLiteral("project, selection, last-day, last-week or last-month"));
        for (const RangeModeInfo &m : rangeModes()) {
            QCOMPARE(rangeModeFromString(QString::fromLatin1(m.name).toUpper()), std::optional<RangeMode>(m.mode));
            QCOMPARE(rangeModeName(m.mode), QString::fromLatin1(m.name));
            QVERIFY(!rangeModeLabel(m.mode).isEmpty());
        }
        QCOMPARE(rangeModeLabel(RangeMode::Project), QStringLiteral("Project span"));
        QVERIFY(!rangeModeFromString(QStringLiteral("fortnight")));
    }

    void spans()
    {
        const Span project = std::make_pair(at("2016-07-20T06:07:00Z"), at("2016-08-09T18:30:00Z"));
        const Span selection = std::make_pair(at("2016-07-20T06:07:00Z"), at("2016-07-26T18:07:00Z"));
        const QTimeZone utc = QTimeZone::utc();
        auto p = resolveRange({RangeMode::Project, {}, {}}, project, selection, utc);
        QVERIFY(p);
        QCOMPARE(*p, (ResolvedRange{at("2016-07-20T06:07:00Z"), at("2016-08-09T18:30:00Z") + 1, true}));
        auto s = resolveRange({RangeMode::Selection, {}, {}}, project, selection, utc);
        QVERIFY(s);
        QCOMPARE(*s, (ResolvedRange{at("2016-07-20T06:07:00Z"), at("2016-07-26T18:07:00Z") + 1, true}));
        // Whole buckets of the unit shown: the day of the first lookup to the end of the day of the last.
        QCOMPARE(shownRange(*p, BucketUnit::Day, utc), std::make_pair(at("2016-07-20"), at("2016-08-10")));
        QCOMPARE(shownRange(*s, BucketUnit::Hour, utc),
                 std::make_pair(at("2016-07-20T06:00:00Z"), at("2016-07-26T19:00:00Z")));
        // Days of another zone: Moscow midnight is 21:00 UTC the day before.
        const QTimeZone moscow("Europe/Moscow");
        QCOMPARE(shownRange(*p, BucketUnit::Day, moscow),
                 std::make_pair(at("2016-07-19T21:00:00Z"), at("2016-08-09T21:00:00Z")));
        // Nothing to show: no project, or a selection without lookups in selection mode.
        QVERIFY(!resolveRange({RangeMode::Project, {}, {}}, std::nullopt, std::nullopt, utc));
        QVERIFY(!resolveRange({RangeMode::Selection, {}, {}}, project, std::nullopt, utc));
        // The project span does not depend on the selection.
        QCOMPARE(resolveRange({RangeMode::Project, {}, {}}, project, std::nullopt, utc)->toUs, at("2016-08-09T18:30:00Z") + 1);
    }

    void relative()
    {
        const QTimeZone utc = QTimeZone::utc();
        const int64_t last = at("2016-03-31T00:00:00Z");
        const Span project = std::make_pair(at("2016-01-01T00:00:00Z"), last);
        const Span selection = std::make_pair(at("2016-01-01T00:00:00Z"), at("2016-01-05T00:00:00Z"));
        // Counted back from the project's last lookup (the selection's end plays no part), end exclusive.
        auto day = resolveRange({RangeMode::LastDay, {}, {}}, project, selection, utc);
        QCOMPARE(*day, (ResolvedRange{last + 1 - kUsPerDay, last + 1, false}));
        auto week = resolveRange({RangeMode::LastWeek, {}, {}}, project, selection, utc);
        QCOMPARE(*week, (ResolvedRange{last + 1 - 7 * kUsPerDay, last + 1, false}));
        // A calendar month: 31 March back to 29 February (2016 is a leap year).
        auto month = resolveRange({RangeMode::LastMonth, {}, {}}, project, selection, utc);
        QCOMPARE(*month, (ResolvedRange{at("2016-02-29T00:00:00Z") + 1, last + 1, false}));
        // Calendar days of the display zone: the week before 14:00 CEST on 30 March 2016 starts at
        // 14:00 CET on 23 March, one hour less than 7 × 24 hours (Berlin moved to summer time on 27 March).
        const QTimeZone berlin("Europe/Berlin");
        const int64_t lastBerlin = at("2016-03-30T12:00:00Z");
        auto dst = resolveRange({RangeMode::LastWeek, {}, {}}, std::make_pair(at("2016-03-01"), lastBerlin), selection, berlin);
        QCOMPARE(*dst, (ResolvedRange{at("2016-03-23T13:00:00Z") + 1, lastBerlin + 1, false}));
        QCOMPARE(dst->toUs - dst->fromUs, 7 * kUsPerDay - kUsPerHour);
        // Relative modes need a project.
        QVERIFY(!resolveRange({RangeMode::LastWeek, {}, {}}, std::nullopt, selection, utc));
    }

    void typed()
    {
        const QTimeZone utc = QTimeZone::utc();
        const Span project = std::make_pair(at("2016-07-20T00:00:00Z"), at("2016-08-09T00:00:00Z"));
        const Span selection = std::make_pair(at("2016-07-21T00:00:00Z"), at("2016-07-23T00:00:00Z"));
        auto both = resolveRange({RangeMode::Selection, at("2016-07-22T03:00:00Z"), at("2016-07-25T12:30:00Z")}, project,
                                 selection, utc);
        QCOMPARE(*both, (ResolvedRange{at("2016-07-22T03:00:00Z"), at("2016-07-25T12:30:00Z"), false}));
        // Beyond the data is allowed: it is the user's range.
        auto beyond = resolveRange({RangeMode::Project, at("2015-01-01"), at("2017-01-01")}, project, std::nullopt, utc);
        QCOMPARE(*beyond, (ResolvedRange{at("2015-01-01"), at("2017-01-01"), false}));
        // A side left out comes from the mode.
        auto fromOnly = resolveRange({RangeMode::Project, at("2016-08-01"), {}}, project, selection, utc);
        QCOMPARE(*fromOnly, (ResolvedRange{at("2016-08-01"), at("2016-08-09T00:00:00Z") + 1, false}));
        auto toOnly = resolveRange({RangeMode::Selection, {}, at("2016-07-22")}, project, selection, utc);
        QCOMPARE(*toOnly, (ResolvedRange{at("2016-07-21T00:00:00Z"), at("2016-07-22"), false}));
        // Empty or reversed: nothing.
        QVERIFY(!resolveRange({RangeMode::Project, at("2016-07-25"), at("2016-07-25")}, project, selection, utc));
        QVERIFY(!resolveRange({RangeMode::Project, at("2016-09-01"), {}}, project, selection, utc));
    }

    void savedViews()
    {
        QString error;
        for (const RangeModeInfo &m : rangeModes()) {
            ViewSpec v;
            v.range = m.mode;
            const QByteArray json = v.toJson();
            QVERIFY(json.contains(QByteArray("\"range\":\"") + m.name + '"'));
            const auto back = ViewSpec::fromJson(json, &error);
            QVERIFY2(back, qPrintable(error));
            QCOMPARE(back->range, m.mode);
            QVERIFY(*back == v);
            QCOMPARE(back->rangeChoice(), (RangeChoice{m.mode, {}, {}}));
        }
        // A typed range keeps its base mode for a side left out.
        ViewSpec typed;
        typed.range = RangeMode::LastWeek;
        typed.fromUs = at("2016-07-22T03:00:00Z");
        const auto back = ViewSpec::fromJson(typed.toJson(), &error);
        QVERIFY(back && *back == typed);
        QCOMPARE(back->rangeChoice(), (RangeChoice{RangeMode::LastWeek, at("2016-07-22T03:00:00Z"), {}}));
        // The default of a new view is the project span.
        QCOMPARE(ViewSpec{}.range, RangeMode::Project);
        // A view from before the choice existed meant the selection's whole range (or its typed range).
        const auto legacy = ViewSpec::fromJson("{\"version\":1,\"selection\":{\"names\":[\"a.example\"]}}", &error);
        QVERIFY(legacy);
        QCOMPARE(legacy->range, RangeMode::Selection);
        const auto legacyTyped = ViewSpec::fromJson("{\"version\":1,\"fromUs\":5,\"toUs\":9}", &error);
        QVERIFY(legacyTyped);
        QCOMPARE(legacyTyped->rangeChoice(), (RangeChoice{RangeMode::Selection, 5, 9}));
        QVERIFY(!ViewSpec::fromJson("{\"version\":1,\"range\":\"fortnight\"}", &error));
        QCOMPARE(error, QStringLiteral("unknown range \"fortnight\" (project, selection, last-day, last-week or last-month)"));
    }
};

QTEST_GUILESS_MAIN(TstTimeRange)
#include "tst_timerange.moc"
