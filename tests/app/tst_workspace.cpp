// The workspace end to end: source groups, labels and saved views round-trip through the project and
// the real CLI (groups, pairs, views, --group, --split group, render --view), and the main window's
// pair view and sources panel drive the chart. Every count is known from the rows the test writes.
#include "chartpane.h"
#include "mainwindow.h"
#include "pairtablemodel.h"
#include "pairview.h"
#include "sourcelistmodels.h"
#include "sourcespanel.h"
#include "store.h"
#include "timelinechart.h"
#include "timeutil.h"
#include "viewspec.h"
#include "workspace.h"

#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "apptestutil.h"

using namespace dnt;
using namespace dnt::test;

namespace {

QByteArray bytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// mail1.example: 50 from 10.0.0.1, 40 from 10.0.0.2, 5 from 192.0.2.9; other.example: 30 from
// 192.0.2.9, 10 from 10.0.0.1 — one a minute from 1 May 2016 00:00 UTC, interleaved.
QString writeLog(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write("#separator \\x09\n#fields\tts\tid.orig_h\tid.resp_h\tquery\tqtype\trcode\n");
    int minute = 0;
    auto rows = [&](int n, const char *client, const char *name) {
        for (int i = 0; i < n; ++i)
            f.write(QByteArray::number(1462060800 + (minute++) * 3600) + ".5\t" + client + "\t10.0.0.53\t" + name + "\t1\t0\n");
    };
    rows(50, "10.0.0.1", "mail1.example");
    rows(30, "192.0.2.9", "other.example");
    rows(40, "10.0.0.2", "mail1.example");
    rows(5, "192.0.2.9", "mail1.example");
    rows(10, "10.0.0.1", "other.example");
    return path;
}

int64_t statsTotal(const QString &tsv)
{
    int64_t total = 0;
    for (const QString &line : tsv.split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(1))
        total += line.section(QLatin1Char('\t'), 2, 2).toLongLong();
    return total;
}

} // namespace

class TstWorkspace : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_project;

private slots:
    void initTestCase()
    {
        const QString log = writeLog(m_dir.filePath(QStringLiteral("dns.log")));
        m_project = m_dir.filePath(QStringLiteral("ws.dnstimeline"));
        const Run r = cli({QStringLiteral("import"), m_project, log});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void groupsCli()
    {
        Run r = cli({"groups", m_project, "add", "Bank", "10.0.0.1", "10.0.0.2", "--color", "#D62728"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("group Bank: 2 members\n"));
        r = cli({"groups", m_project, "add", "Docs", "192.0.2.0/24"});
        QCOMPARE(r.exitCode, 0);
        r = cli({"groups", m_project, "add", "Spare", "2001:DB8::1"});
        QCOMPARE(r.exitCode, 0);
        r = cli({"groups", m_project, "add", "Spare", "2001:db8::1", "10.9.0.0/16"}); // adds to it
        QCOMPARE(r.out, QStringLiteral("group Spare: 2 members\n"));
        r = cli({"groups", m_project, "list"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("name\tcolor\tmembers\n"
                                       "Bank\t#d62728\t10.0.0.1,10.0.0.2\n"
                                       "Docs\t#ff7f0e\t192.0.2.0/24\n"
                                       "Spare\t#2ca02c\t2001:db8::1,10.9.0.0/16\n"));
        r = cli({"groups", m_project, "remove", "Spare"});
        QCOMPARE(r.exitCode, 0);
        r = cli({"groups", m_project, "remove", "Spare"});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("dnstimeline: %1: there is no group \"Spare\"\n").arg(m_project));
        r = cli({"groups", m_project, "add", "Bad", "10.0.0.300"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("\"10.0.0.300\" is not an IPv4/IPv6 address or CIDR range"));
        r = cli({"groups", m_project, "add", "Bad", "10.0.0.3", "--color", "red"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("group \"Bad\": colour \"red\" is not #rrggbb"));
        r = cli({"groups", m_project, "frobnicate"});
        QCOMPARE(r.exitCode, 1);
        // The project holds exactly what the CLI listed.
        QString error;
        auto store = Store::open(m_project, Store::Mode::ReadOnly, &error);
        QCOMPARE(store->groups().size(), 2);
        QCOMPARE(store->group(QStringLiteral("Bank"))->members, (QStringList{"10.0.0.1", "10.0.0.2"}));
    }

    void groupSelections()
    {
        Run r = cli({"stats", m_project, "--group", "Bank", "--name", "mail1.example", "--bucket", "month"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("bucket\tseries\tcount\n2016-05-01T00:00:00Z\tall\t90\n"));
        r = cli({"stats", m_project, "--group", "Bank", "--client", "192.0.2.9", "--bucket", "month"});
        QCOMPARE(statsTotal(r.out), 135);
        r = cli({"stats", m_project, "--group", "Nope", "--name", "mail1.example"});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("dnstimeline: %1: there is no source group \"Nope\" in this project (see groups "
                                       "PROJECT list)\n").arg(m_project));
        r = cli({"render", m_project, "-o", m_dir.filePath("nope.png"), "--group", "Nope"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("there is no source group \"Nope\""));
        QVERIFY(!QFile::exists(m_dir.filePath("nope.png")));
        r = cli({"stats", m_project, "--split", "group", "--name", "mail1.example", "--bucket", "month"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("bucket\tseries\tcount\n2016-05-01T00:00:00Z\tBank\t90\n2016-05-01T00:00:00Z\tDocs\t5\n"));
        r = cli({"stats", m_project, "--split", "server"});
        QCOMPARE(r.exitCode, 1);
    }

    void pairsCli()
    {
        Run r = cli({"pairs", m_project, "--top", "5"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("source\tname\tcount\tshare\n"
                                       "Bank\tmail1.example\t90\t0.9474\n"
                                       "Docs\tmail1.example\t5\t0.0526\n"
                                       "Docs\tother.example\t30\t0.7500\n"
                                       "Bank\tother.example\t10\t0.2500\n"));
        // One group: only its lookups, names by its count, shares still of everybody's lookups.
        r = cli({"pairs", m_project, "--group", "Bank"});
        QCOMPARE(r.out, QStringLiteral("source\tname\tcount\tshare\n"
                                       "Bank\tmail1.example\t90\t0.9474\n"
                                       "Bank\tother.example\t10\t0.2500\n"));
        // A range: the first 50 hours hold only 10.0.0.1's mail1 lookups (and, in a client's own right,
        // a client in no listed group is a source of its own).
        r = cli({"pairs", m_project, "--group", "Docs", "--client", "10.0.0.1", "--to", "2016-05-03T02:00:00Z", "--top", "1"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("source\tname\tcount\tshare\n10.0.0.1\tmail1.example\t50\t1.0000\n"));
        r = cli({"pairs", m_project, "--group", "Nope"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("there is no source group \"Nope\""));
        r = cli({"pairs", m_project, "--top", "0"});
        QCOMPARE(r.exitCode, 1);
    }

    void labelsCli()
    {
        const QString bad = m_dir.filePath(QStringLiteral("bad.hosts"));
        QFile b(bad);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write("10.0.0.1 Bank one\nnot-an-address x\n10.0.0.2\n");
        b.close();
        Run r = cli({"groups", m_project, "labels", bad});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("dnstimeline: %1:2: \"not-an-address\" is not an IPv4/IPv6 address (expected ADDRESS LABEL)\n"
                                       "dnstimeline: %1:3: 10.0.0.2 has no label (expected ADDRESS LABEL)\n"
                                       "dnstimeline: %1: 2 bad lines: no labels stored\n").arg(bad));
        r = cli({"groups", m_project, "labels"});
        QCOMPARE(r.out, QStringLiteral("address\tlabel\n")); // nothing stored
        const QString good = m_dir.filePath(QStringLiteral("good.hosts"));
        QFile g(good);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("# resolvers\n10.0.0.1 Bank one\n10.0.0.2 Bank two # backup\n");
        g.close();
        r = cli({"groups", m_project, "labels", good});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, good + QStringLiteral(": 2 labels stored\n"));
        r = cli({"groups", m_project, "labels"});
        QCOMPARE(r.out, QStringLiteral("address\tlabel\n10.0.0.1\tBank one\n10.0.0.2\tBank two\n"));
    }

    void viewsCli()
    {
        Run r = cli({"views", m_project, "save", "mail1", "--name", "mail1.example", "--split", "group", "--bucket", "day",
                     "--style", "lines"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("saved view mail1\n"));
        r = cli({"views", m_project, "save", "bad", "--group", "Nope"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("there is no source group \"Nope\""));
        r = cli({"views", m_project, "list"});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0), QStringLiteral("name\tspec\tstart"));
        QVERIFY(lines.at(1).startsWith(QStringLiteral("mail1\t{")));
        QString error;
        QVERIFY(lines.at(1).endsWith(QStringLiteral("}\t"))); // not the start view
        const auto spec = ViewSpec::fromJson(lines.at(1).section(QLatin1Char('\t'), 1, 1).toUtf8(), &error);
        QVERIFY2(spec, qPrintable(error));
        QCOMPARE(spec->selection.names, QStringList{"mail1.example"});
        QCOMPARE(spec->split, Split::Group);
        QCOMPARE(spec->bucket, std::optional<BucketUnit>(BucketUnit::Day));
        QCOMPARE(spec->style, QStringLiteral("lines"));

        const QString a = m_dir.filePath("view.png"), b = m_dir.filePath("explicit.png"), c = m_dir.filePath("nosplit.png");
        QCOMPARE(cli({"render", m_project, "--view", "mail1", "-o", a, "--size", "800x400"}).exitCode, 0);
        QCOMPARE(cli({"render", m_project, "-o", b, "--size", "800x400", "--name", "mail1.example", "--split", "group",
                      "--bucket", "day", "--style", "lines"}).exitCode, 0);
        QCOMPARE(cli({"render", m_project, "-o", c, "--size", "800x400", "--name", "mail1.example", "--bucket", "day",
                      "--style", "lines"}).exitCode, 0);
        QVERIFY(bytes(a).size() > 1000);
        QCOMPARE(bytes(a), bytes(b));
        QVERIFY(bytes(a) != bytes(c)); // the split shows
        r = cli({"render", m_project, "--view", "mail1", "-o", a, "--name", "x"});
        QCOMPARE(r.exitCode, 1);
        r = cli({"render", m_project, "--view", "nope", "-o", a});
        QCOMPARE(r.exitCode, 2);
        // (Qt may warn about XDG_RUNTIME_DIR first: the message is the last line.)
        QVERIFY2(r.err.endsWith(QStringLiteral("dnstimeline: %1: there is no view \"nope\" (see views PROJECT list)\n").arg(m_project)),
                 qPrintable(r.err));
        QCOMPARE(cli({"views", m_project, "remove", "mail1"}).exitCode, 0);
        QCOMPARE(cli({"views", m_project, "remove", "mail1"}).exitCode, 2);
        QCOMPARE(cli({"views", m_project, "list"}).out, QStringLiteral("name\tspec\tstart\n"));
    }

    // A view saved by the GUI's own code path renders, through the CLI, to the same bytes as the
    // equivalent explicit options; reopening it in the GUI restores the chart.
    void guiViewRendersLikeCli()
    {
        MainWindow window;
        window.setInteractive(false);
        window.resize(1200, 800);
        window.show();
        QVERIFY(window.openProject(m_project));
        ChartPane *pane = window.chartPane();
        QSignalSpy shown(pane, &ChartPane::seriesShown);
        pane->setSplit(Split::Group);
        pane->styleBox()->setCurrentIndex(pane->styleBox()->findData(int(ChartStyle::Steps)));
        Selection sel;
        sel.names << QStringLiteral("mail1.example");
        window.workspace()->setNameSelection(sel);
        QTRY_VERIFY_WITH_TIMEOUT(pane->shownSeries().series.size() == 2 && pane->selection().names == sel.names, 10000);
        QCOMPARE(pane->shownSeries().series.at(0).label, QStringLiteral("Bank"));
        QCOMPARE(pane->shownSeries().series.at(0).total, int64_t(90));
        QCOMPARE(pane->shownSeries().series.at(0).color, QStringLiteral("#d62728"));
        QString error;
        QVERIFY2(window.workspace()->saveView(QStringLiteral("from gui"), &error), qPrintable(error));
        const ViewSpec saved = pane->currentView();
        // Not zoomed: the view keeps the range choice (the project span), not the dates it showed.
        QVERIFY(!saved.bucket && !saved.fromUs && !saved.toUs);
        QCOMPARE(saved.range, RangeMode::Project);

        const QString a = m_dir.filePath("gui.png"), b = m_dir.filePath("gui-explicit.png");
        Run r = cli({"render", m_project, "--view", "from gui", "-o", a});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cli({"render", m_project, "-o", b, "--name", "mail1.example", "--split", "group", "--style", "steps", "--range",
                 "project"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(bytes(a).size() > 1000);
        QCOMPARE(bytes(a), bytes(b));

        // Change everything, then reopen the view: the chart is as saved.
        pane->setSplit(Split::None);
        pane->styleBox()->setCurrentIndex(0);
        window.workspace()->setNameSelection({});
        QTRY_VERIFY_WITH_TIMEOUT(pane->shownSeries().series.size() == 1 && pane->shownSeries().total() == 135, 10000);
        QVERIFY(window.workspace()->openView(QStringLiteral("from gui"), &error));
        QTRY_VERIFY_WITH_TIMEOUT(pane->shownSeries().series.size() == 2, 10000);
        QCOMPARE(pane->currentView().toJson(), saved.toJson());
        QVERIFY(!window.workspace()->openView(QStringLiteral("missing"), &error));
        QCOMPARE(error, QStringLiteral("There is no view “missing” in this project."));
    }

    // Select a pair cell: that name asked by that source is charted.
    void pairCellCharts()
    {
        MainWindow window;
        window.setInteractive(false);
        window.resize(1400, 900);
        window.show();
        PairView *pairs = window.workspace()->pairView();
        QSignalSpy tables(pairs, &PairView::tableShown);
        QVERIFY(window.openProject(m_project));
        QTRY_VERIFY_WITH_TIMEOUT(pairs->model()->rowCount() == 2, 10000);
        PairTableModel *model = pairs->model();
        QCOMPARE(model->headerData(1, Qt::Horizontal).toString(), QStringLiteral("mail1.example"));
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("Bank"));
        QVERIFY(model->index(0, 1).data(PairTableModel::HighlightRole).toBool()); // 94.7 %: the hotline
        QVERIFY(!model->index(1, 2).data(PairTableModel::HighlightRole).toBool()); // 75 %
        // Sort by share of other.example (header click): Docs (0.75) first.
        QTableView *view = pairs->view();
        view->horizontalHeader()->setSortIndicator(2, Qt::DescendingOrder);
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("Docs"));
        view->horizontalHeader()->setSortIndicator(1, Qt::DescendingOrder);
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("Bank"));

        QSignalSpy activated(pairs, &PairView::pairActivated);
        window.chartPane()->setSplit(Split::Group);
        const QRect cell = view->visualRect(model->index(0, 1));
        QVERIFY(cell.isValid());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(activated.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(window.chartPane()->selection().names == QStringList{"mail1.example"}
                                     && window.chartPane()->shownSeries().total() == 90,
                                 10000);
        QCOMPARE(window.chartPane()->selection().groups, QStringList{"Bank"});
        const VolumeSeries &v = window.chartPane()->chart()->series();
        QCOMPARE(v.series.size(), 1);
        QCOMPARE(v.series.first().label, QStringLiteral("Bank"));
        QCOMPARE(v.series.first().total, int64_t(90));
        if (qEnvironmentVariableIsSet("DNT_SCREENSHOT_DIR")) { // for looking at it, not for asserting
            window.findChild<QDockWidget *>(QStringLiteral("pairDock"))->raise();
            QTest::qWait(50);
            window.grab().save(qEnvironmentVariable("DNT_SCREENSHOT_DIR") + "/workspace-pair.png");
        }
    }

    // The sources panel: a group made from selected clients charts them; labels show; delete removes it.
    void sourcesPanel()
    {
        MainWindow window;
        window.setInteractive(false);
        window.show();
        QVERIFY(window.openProject(m_project));
        SourcesPanel *panel = window.workspace()->sourcesPanel();
        panel->setInteractive(false);
        QTRY_COMPARE_WITH_TIMEOUT(panel->clientsModel()->rowCount(), 3, 10000);
        QCOMPARE(panel->groupsModel()->rowCount(), 2);
        const auto &rows = panel->clientsModel()->rows();
        const auto one = std::find_if(rows.cbegin(), rows.cend(), [](const auto &r) { return r.address == "10.0.0.1"; });
        QCOMPARE(one->label, QStringLiteral("Bank one"));
        QCOMPARE(one->count, int64_t(60));
        QString error;
        QVERIFY(panel->saveGroup({QStringLiteral("Solo"), QStringLiteral("#123456"), {QStringLiteral("192.0.2.9")}}, &error));
        QTRY_COMPARE_WITH_TIMEOUT(panel->groupsModel()->rowCount(), 3, 10000);
        panel->selectGroups({QStringLiteral("Solo")});
        QTRY_VERIFY_WITH_TIMEOUT(window.chartPane()->selection().groups == QStringList{"Solo"}
                                     && window.chartPane()->shownSeries().total() == 35,
                                 10000);
        panel->selectGroups({});
        panel->selectClients({QStringLiteral("10.0.0.2")});
        QTRY_VERIFY_WITH_TIMEOUT(window.chartPane()->shownSeries().total() == 40, 10000);
        QVERIFY(!panel->saveGroup({QStringLiteral("Solo2"), QStringLiteral("#123456"), {QStringLiteral("nonsense")}}, &error));
        QCOMPARE(error, QStringLiteral("group \"Solo2\": \"nonsense\" is not an IPv4/IPv6 address or CIDR range"));
        QVERIFY(panel->removeGroup(QStringLiteral("Solo"), &error));
        QTRY_COMPARE_WITH_TIMEOUT(panel->groupsModel()->rowCount(), 2, 10000);
        const QString bad = m_dir.filePath(QStringLiteral("bad2.hosts"));
        QFile b(bad);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write("10.0.0.9 fine\n10.0.0.1/8 nope\n");
        b.close();
        QVERIFY(!panel->loadLabels(bad, &error));
        QCOMPARE(error, bad + QStringLiteral(":2: \"10.0.0.1/8\" is not an IPv4/IPv6 address (expected ADDRESS LABEL)\n"
                                             "1 bad lines: no labels stored"));
        auto store = Store::open(m_project, Store::Mode::ReadOnly, &error);
        QVERIFY(!store->labels().contains(QStringLiteral("10.0.0.9")));
    }
};

QTEST_MAIN(TstWorkspace)
#include "tst_workspace.moc"
