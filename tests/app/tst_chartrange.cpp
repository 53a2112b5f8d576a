// The chart's time range is the user's (issue #12): by default and on Reset view the chart covers the
// project's span (every file), so a name that stops mid-project visibly stops; the toolbar's range
// chooser sets the selection span, the last day/week/month of the data (counted back from the
// project's last lookup) or a typed range in the display zone; saved views keep the choice, and
// `render --view` draws the same range as the GUI; the day × time raster covers the chosen range's
// days, in the GUI and in `render --chart raster`; each view's bucket control is shown only with it.
#include "chartexporter.h"
#include "chartpane.h"
#include "rangechooser.h"
#include "rangedialog.h"
#include "rasterview.h"
#include "readjobrunner.h"
#include "store.h"
#include "timelinechart.h"
#include "timeutil.h"
#include "viewrender.h"
#include "viewspec.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <set>

#include "apptestutil.h"

using namespace dnt;
using namespace dnt::test;

namespace {

int64_t at(const char *iso)
{
    return *parseIso8601(QString::fromLatin1(iso));
}

using Range = std::pair<int64_t, int64_t>;

// The name whose lookups stop on 26 July, in one file; the other file runs to 9 August.
const char *const kName = "mail1.trump-email.com";
const int64_t kProjectFirst = at("2016-07-20T00:30:00Z");
const int64_t kProjectLast = at("2016-08-09T18:30:00Z");
const int64_t kNameFirst = at("2016-07-20T06:07:00Z");
const int64_t kNameLast = at("2016-07-26T18:07:00Z");
constexpr int kNameLookups = 7 * 13;

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// The "range: … – …" line of a provenance (CSV comment, footer).
QString rangeLine(const Provenance &p)
{
    for (const QString &line : p.lines())
        if (line.startsWith(QLatin1String("range: ")))
            return line;
    return {};
}

} // namespace

class TstChartRange : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_path;

    bool addFile(Store &store, char sha, const char *path, const QVector<std::pair<int64_t, const char *>> &rows)
    {
        QString error;
        FileRecord file;
        file.path = QString::fromLatin1(path);
        file.sha256 = QString(64, QLatin1Char(sha));
        file.format = QStringLiteral("zeek");
        file.compression = QStringLiteral("none");
        auto imp = store.beginFileImport(file, &error);
        if (!imp)
            return false;
        for (const auto &[t, name] : rows) {
            LookupRecord l;
            l.timeUs = t;
            l.client = "217.12.96.15";
            l.name = name;
            if (!imp->add(l, &error))
                return false;
        }
        return imp->commit(file, &error);
    }

    // A pane on the project, shown, charting the name; waits for the first chart.
    std::unique_ptr<ChartPane> makePane(ReadJobRunner &runner)
    {
        auto pane = std::make_unique<ChartPane>(&runner);
        pane->resize(1400, 700);
        static_cast<QWidget &>(*pane).show();
        QSignalSpy shown(pane.get(), &ChartPane::seriesShown);
        Selection sel;
        sel.names << QString::fromLatin1(kName);
        pane->setSelection(sel);
        if (!shown.wait(10000))
            return nullptr;
        return pane;
    }

    // Chooses a toolbar entry as the user does and waits for the new chart.
    static bool choose(ChartPane &pane, int index)
    {
        QSignalSpy shown(&pane, &ChartPane::seriesShown);
        emit pane.rangeChooser()->activated(index);
        return shown.wait(10000);
    }

    static int indexOf(ChartPane &pane, RangeMode mode) { return pane.rangeChooser()->findData(int(mode)); }

private slots:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("p.dnstimeline"));
        QString error;
        auto store = Store::open(m_path, Store::Mode::Create, &error);
        QVERIFY2(store, qPrintable(error));
        QVector<std::pair<int64_t, const char *>> a, b;
        for (int day = 0; day < 7; ++day)
            for (int h = 6; h <= 18; ++h)
                a.append({at("2016-07-20T00:07:00Z") + day * kUsPerDay + h * kUsPerHour, kName});
        for (int day = 0; day < 21; ++day) {
            b.append({at("2016-07-20T00:30:00Z") + day * kUsPerDay, "other.example"});
            b.append({at("2016-07-20T18:30:00Z") + day * kUsPerDay, "other.example"});
        }
        QVERIFY(addFile(*store, 'a', "a.log", a));
        QVERIFY(addFile(*store, 'b', "b.log", b));
    }

    void projectSpanFromFiles()
    {
        QString error;
        auto store = Store::open(m_path, Store::Mode::ReadOnly, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->projectTimeRange(), std::make_optional(std::make_pair(kProjectFirst, kProjectLast)));
        Selection sel;
        sel.names << QString::fromLatin1(kName);
        QCOMPARE(store->timeRange(sel), std::make_optional(std::make_pair(kNameFirst, kNameLast)));
        // An empty project has no span.
        auto empty = Store::open(m_dir.filePath(QStringLiteral("empty.dnstimeline")), Store::Mode::Create, &error);
        QVERIFY2(empty, qPrintable(error));
        QVERIFY(!empty->projectTimeRange());
    }

    // The name stops on 26 July; the chart runs on to 9 August, with empty buckets after the 26th.
    void defaultIsProjectSpan()
    {
        ReadJobRunner runner;
        runner.setProjectPath(m_path);
        auto pane = makePane(runner);
        QVERIFY(pane);
        QCOMPARE(pane->rangeChoice(), RangeChoice{});
        QCOMPARE(pane->rangeChooser()->currentText(), QStringLiteral("Project span"));
        const VolumeSeries &s = pane->shownSeries();
        const QTimeZone utc = QTimeZone::utc();
        const Range project{bucketFloor(kProjectFirst, s.unit, utc), bucketNext(bucketFloor(kProjectLast, s.unit, utc), s.unit, utc)};
        QCOMPARE(s.fromUs, project.first);
        QCOMPARE(s.toUs, project.second);
        QCOMPARE(pane->chart()->visibleRange(), project);
        QCOMPARE(pane->homeRange(), std::make_optional(project));
        QCOMPARE(s.total(), int64_t(kNameLookups));
        // The last lookup's bucket is followed by empty buckets up to the project's end.
        const qsizetype lastBucket = std::upper_bound(s.bucketStarts.cbegin(), s.bucketStarts.cend(), kNameLast) - s.bucketStarts.cbegin() - 1;
        QVERIFY(s.series.first().counts.at(lastBucket) > 0);
        QVERIFY(lastBucket < s.bucketStarts.size() - 10);
        for (qsizetype i = lastBucket + 1; i < s.bucketStarts.size(); ++i)
            QCOMPARE(s.series.first().counts.at(i), int64_t(0));

        // Zoomed in, Reset view (the button's slot, and Home on the chart) returns to the project span.
        pane->chart()->setVisibleRange(at("2016-07-22"), at("2016-07-23"));
        pane->resetView();
        QCOMPARE(pane->chart()->visibleRange(), project);
        pane->chart()->setVisibleRange(at("2016-07-22"), at("2016-07-23"));
        pane->chart()->setFocus();
        QTest::keyClick(pane->chart(), Qt::Key_Home);
        // (Home is also the Reset view button's shortcut, which clicks it after its press animation.)
        QTRY_COMPARE(pane->chart()->visibleRange(), project);
    }

    void toolbarChoices()
    {
        ReadJobRunner runner;
        runner.setProjectPath(m_path);
        auto pane = makePane(runner);
        QVERIFY(pane);
        const QTimeZone utc = QTimeZone::utc();
        RangeChooser *chooser = pane->rangeChooser();
        QCOMPARE(chooser->count(), 6);
        QCOMPARE(chooser->itemText(chooser->typedIndex()), QStringLiteral("Typed range…"));

        // The selection's first to last lookup, in whole buckets.
        QVERIFY(choose(*pane, indexOf(*pane, RangeMode::Selection)));
        BucketUnit unit = pane->shownSeries().unit;
        const Range selection{bucketFloor(kNameFirst, unit, utc), bucketNext(bucketFloor(kNameLast, unit, utc), unit, utc)};
        QCOMPARE(pane->chart()->visibleRange(), selection);
        QCOMPARE(pane->rangeChoice().mode, RangeMode::Selection);

        // Relative ranges end just after the project's last lookup (not the name's, not today).
        const int64_t end = kProjectLast + 1;
        const struct
        {
            RangeMode mode;
            int64_t from;
        } relative[] = {{RangeMode::LastDay, end - kUsPerDay},
                        {RangeMode::LastWeek, end - 7 * kUsPerDay},
                        {RangeMode::LastMonth, at("2016-07-09T18:30:00Z") + 1}};
        for (const auto &r : relative) {
            QVERIFY(choose(*pane, indexOf(*pane, r.mode)));
            QCOMPARE(pane->chart()->visibleRange(), Range(r.from, end));
            QCOMPARE(pane->homeRange(), std::make_optional(Range(r.from, end)));
            pane->chart()->setVisibleRange(r.from + kUsPerHour, end - kUsPerHour);
            pane->resetView();
            QCOMPARE(pane->chart()->visibleRange(), Range(r.from, end));
        }
        // The last day holds none of the name's lookups: an empty chart of the right range, not the name's.
        QVERIFY(choose(*pane, indexOf(*pane, RangeMode::LastDay)));
        QCOMPARE(pane->shownSeries().total(), int64_t(0));

        // Back to the project span.
        QVERIFY(choose(*pane, indexOf(*pane, RangeMode::Project)));
        unit = pane->shownSeries().unit;
        QCOMPARE(pane->chart()->visibleRange(),
                 Range(bucketFloor(kProjectFirst, unit, utc), bucketNext(bucketFloor(kProjectLast, unit, utc), unit, utc)));
    }

    // Typed in Moscow time: 22 July 00:00 to 25 July 12:00 MSK is 21 July 21:00 to 25 July 09:00 UTC.
    void typedRangeInDisplayZone()
    {
        ReadJobRunner runner;
        runner.setProjectPath(m_path);
        auto pane = makePane(runner);
        QVERIFY(pane);
        QSignalSpy shown(pane.get(), &ChartPane::seriesShown);
        pane->setDisplayZone(QTimeZone("Europe/Moscow"));
        QVERIFY(shown.wait(10000));
        RangeChooser *chooser = pane->rangeChooser();
        RangeDialog *dialog = chooser->dialog();
        emit chooser->activated(chooser->typedIndex());
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->displayZone().id(), QByteArray("Europe/Moscow"));
        QVERIFY(dialog->fromEdit()->calendarPopup());
        QVERIFY(dialog->toEdit()->calendarPopup());
        // It starts from what is shown: the project span's first day, at Moscow midnight.
        QCOMPARE(dialog->fromEdit()->dateTime().date(), QDate(2016, 7, 20));

        // Not a range: OK is off and the dialog says why.
        dialog->fromEdit()->setDateTime(QDateTime(QDate(2016, 7, 25), QTime(12, 0), QTimeZone::utc()));
        dialog->toEdit()->setDateTime(QDateTime(QDate(2016, 7, 22), QTime(0, 0), QTimeZone::utc()));
        QVERIFY(!dialog->okButton()->isEnabled());
        QVERIFY(!dialog->range());
        QCOMPARE(dialog->problemLabel()->text(), QStringLiteral("“To” must be after “From”: the range would be empty."));
        // DNT_CHART_SAMPLE_DIR=/tmp writes pictures of the refused range and of the chart to look at.
        const QString samples = qEnvironmentVariable("DNT_CHART_SAMPLE_DIR");
        if (!samples.isEmpty())
            QVERIFY(dialog->grab().save(samples + QStringLiteral("/range-dialog-refused.png")));
        // Cancel changes nothing.
        dialog->reject();
        QCOMPARE(pane->rangeChoice(), RangeChoice{});
        QCOMPARE(chooser->currentIndex(), indexOf(*pane, RangeMode::Project));

        emit chooser->activated(chooser->typedIndex());
        dialog->fromEdit()->setDateTime(QDateTime(QDate(2016, 7, 22), QTime(0, 0), QTimeZone::utc()));
        dialog->toEdit()->setDateTime(QDateTime(QDate(2016, 7, 25), QTime(12, 0), QTimeZone::utc()));
        QVERIFY(dialog->okButton()->isEnabled());
        QVERIFY(dialog->problemLabel()->text().isEmpty());
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QVERIFY(shown.wait(10000));
        const Range typed{at("2016-07-21T21:00:00Z"), at("2016-07-25T09:00:00Z")};
        QCOMPARE(pane->chart()->visibleRange(), typed);
        QCOMPARE(pane->rangeChoice().fromUs, std::make_optional(typed.first));
        QCOMPARE(pane->rangeChoice().toUs, std::make_optional(typed.second));
        QCOMPARE(chooser->currentIndex(), chooser->typedIndex());
        pane->chart()->setVisibleRange(typed.first + kUsPerHour, typed.second);
        pane->resetView();
        QCOMPARE(pane->chart()->visibleRange(), typed);
        // Counted in the range: 13 a day on 22–24 July, on the 25th up to 09:00 UTC (06:07 … 08:07), and
        // none before on the 21st (the name's day ends at 18:07 UTC).
        QCOMPARE(pane->shownSeries().total(), int64_t(3 * 13 + 3));
        if (!samples.isEmpty()) {
            QTest::qWait(500); // the plot redraws on its queued replot
            QVERIFY(static_cast<QWidget &>(*pane).grab().save(samples + QStringLiteral("/range-typed-moscow.png")));
        }
    }

    // A saved view keeps "last week of the data" (not the dates it showed the day it was saved); GUI,
    // setupViewChart and the real `render --view` give the same range; a zoomed view keeps the zoom.
    void savedViewKeepsChoice()
    {
        ReadJobRunner runner;
        runner.setProjectPath(m_path);
        auto pane = makePane(runner);
        QVERIFY(pane);
        QVERIFY(choose(*pane, indexOf(*pane, RangeMode::LastWeek)));
        const Range week{kProjectLast + 1 - 7 * kUsPerDay, kProjectLast + 1};
        QCOMPARE(pane->chart()->visibleRange(), week);
        const ViewSpec view = pane->currentView();
        QCOMPARE(view.range, RangeMode::LastWeek);
        QVERIFY(!view.fromUs && !view.toUs);
        QString error;
        const auto back = ViewSpec::fromJson(view.toJson(), &error);
        QVERIFY2(back && *back == view, qPrintable(error));

        // Another pane showing the project span takes the view: the same range, the chooser says so.
        ReadJobRunner runner2;
        runner2.setProjectPath(m_path);
        auto other = makePane(runner2);
        QVERIFY(other);
        QSignalSpy shown(other.get(), &ChartPane::seriesShown);
        other->applyView(*back);
        QVERIFY(shown.wait(10000));
        QCOMPARE(other->chart()->visibleRange(), week);
        QCOMPARE(other->rangeChooser()->currentIndex(), indexOf(*other, RangeMode::LastWeek));
        QCOMPARE(other->currentView().toJson(), view.toJson());

        // The render path draws the same range.
        auto store = Store::open(m_path, Store::Mode::ReadOnly, &error);
        QVERIFY2(store, qPrintable(error));
        TimelineChart rendered;
        QVERIFY2(setupViewChart(rendered, *store, view, QSize(1600, 900), &error), qPrintable(error));
        QCOMPARE(rendered.visibleRange(), week);
        store.reset();

        // And the real CLI, through a view saved in the project.
        Run r = cli({"views", m_path, "save", "week", "--name", kName, "--range", "last-week"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString csv = m_dir.filePath(QStringLiteral("week.csv"));
        r = cli({"render", m_path, "--view", "week", "-o", csv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString expected = rangeLine(Provenance::fromChart(*pane->chart()));
        QCOMPARE(expected, QStringLiteral("range: 2016-08-02T18:30:00.000001Z – 2016-08-09T18:30:00.000001Z"));
        QVERIFY2(readText(csv).contains(QStringLiteral("# ") + expected + QStringLiteral("\r\n")), qPrintable(readText(csv)));
        r = cli({"views", m_path, "save", "bad", "--range", "fortnight"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("--range must be project, selection, last-day, last-week or last-month, not \"fortnight\"")),
                 qPrintable(r.err));

        // Zoomed in, the view keeps what is shown.
        const Range zoom{at("2016-08-04"), at("2016-08-06")};
        pane->chart()->setVisibleRange(zoom.first, zoom.second);
        const ViewSpec zoomed = pane->currentView();
        QCOMPARE(zoomed.fromUs, std::make_optional(zoom.first));
        QCOMPARE(zoomed.toUs, std::make_optional(zoom.second));
        QVERIFY(zoomed.bucket);
    }

    // render without --range draws the project span; --range selection the name's span.
    void cliDefaultRange()
    {
        const QString all = m_dir.filePath(QStringLiteral("all.csv")), sel = m_dir.filePath(QStringLiteral("sel.csv"));
        Run r = cli({"render", m_path, "--name", kName, "--bucket", "day", "-o", all});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cli({"render", m_path, "--name", kName, "--bucket", "day", "--range", "selection", "-o", sel});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(readText(all).contains(QStringLiteral("# range: 2016-07-20T00:00:00Z – 2016-08-10T00:00:00Z\r\n")));
        QVERIFY(readText(all).contains(QStringLiteral("2016-08-09T00:00:00Z,2016-08-10T00:00:00Z,0\r\n")));
        QVERIFY(readText(sel).contains(QStringLiteral("# range: 2016-07-20T00:00:00Z – 2016-07-27T00:00:00Z\r\n")));
        QVERIFY(!readText(sel).contains(QStringLiteral("2016-08-09T00:00:00Z")));
    }

    // The raster covers the days of the chosen range (GUI and CLI), and each view's bucket control is
    // there only with its view.
    void rasterFollowsRange()
    {
        ReadJobRunner runner;
        runner.setProjectPath(m_path);
        auto pane = makePane(runner);
        QVERIFY(pane);
        QVERIFY(pane->bucketBox()->isVisible());
        QVERIFY(!pane->slotBox()->isVisible());
        QSignalSpy raster(pane.get(), &ChartPane::rasterShown);
        pane->setShowsRaster(true);
        QVERIFY(raster.wait(10000));
        QVERIFY(pane->slotBox()->isVisible());
        QVERIFY(!pane->bucketBox()->isVisible());
        QVERIFY(pane->rangeChooser()->isVisible());
        // Project span: 20 July … 9 August, 21 rows, though the name stops on the 26th.
        QCOMPARE(pane->raster()->grid().rowCount(), 21);
        QCOMPARE(pane->raster()->grid().days.last(), QDate(2016, 8, 9));
        QCOMPARE(pane->raster()->grid().total, int64_t(kNameLookups));

        emit pane->rangeChooser()->activated(indexOf(*pane, RangeMode::Selection));
        QTRY_COMPARE_WITH_TIMEOUT(pane->raster()->grid().rowCount(), 7, 10000);
        QCOMPARE(pane->raster()->grid().days.first(), QDate(2016, 7, 20));
        QCOMPARE(pane->raster()->grid().days.last(), QDate(2016, 7, 26));
        emit pane->rangeChooser()->activated(indexOf(*pane, RangeMode::LastWeek));
        // 2 August 18:30 … 9 August 18:30: the 8 days it touches.
        QTRY_COMPARE_WITH_TIMEOUT(pane->raster()->grid().rowCount(), 8, 10000);
        QCOMPARE(pane->raster()->grid().days.first(), QDate(2016, 8, 2));

        pane->setShowsRaster(false);
        QVERIFY(!pane->slotBox()->isVisible());
        QVERIFY(pane->slotBox()->isHidden());
        QVERIFY(pane->bucketBox()->isVisible());

        // render --chart raster follows --range the same way.
        const QString csv = m_dir.filePath(QStringLiteral("raster.csv"));
        Run r = cli({"render", m_path, "--name", kName, "--chart", "raster", "--range", "last-week", "-o", csv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        std::set<QString> days;
        for (const QString &line : readText(csv).split(QStringLiteral("\r\n")))
            if (!line.isEmpty() && line.front().isDigit())
                days.insert(line.section(QLatin1Char(','), 0, 0));
        QCOMPARE(int(days.size()), 8);
        QCOMPARE(*days.begin(), QStringLiteral("2016-08-02"));
        r = cli({"render", m_path, "--name", kName, "--chart", "raster", "-o", csv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        days.clear();
        for (const QString &line : readText(csv).split(QStringLiteral("\r\n")))
            if (!line.isEmpty() && line.front().isDigit())
                days.insert(line.section(QLatin1Char(','), 0, 0));
        QCOMPARE(int(days.size()), 21);
    }
};

QTEST_MAIN(TstChartRange)
#include "tst_chartrange.moc"
