// The start view end to end: the demo project as resources/demo/makedemo.cmake builds it (the story's
// view, the bank's group, labels), `views start` / `views list`, `render` without a selection, the
// headless fallback of the app, and the main window: opening a project shows its start view, View ›
// Views › Set as Start View, the chart's "All lookups", and a new project that inherits nothing.
#include "chartpane.h"
#include "eventeditor.h"
#include "eventlabel.h"
#include "mainwindow.h"
#include "pairtablemodel.h"
#include "pairview.h"
#include "store.h"
#include "timelinechart.h"
#include "timeutil.h"
#include "viewspec.h"
#include "workspace.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "apptestutil.h"

using namespace dnt;
using namespace dnt::test;

namespace {

const QString kStory = QStringLiteral("The 2016 story");
const QString kWho = QStringLiteral("Who asked for mail1");
const QString kMail1 = QStringLiteral("mail1.trump-email.com");
const QString kTrump1 = QStringLiteral("trump1.contact-client.com");
const QStringList kKeyEvents{QStringLiteral("A newspaper contacts the bank"), QStringLiteral("mail1.trump-email.com removed"),
                             QStringLiteral("trump1.contact-client.com first looked up")};

QByteArray bytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Series name -> total over all buckets, from a render CSV (comment lines skipped).
QMap<QString, int64_t> csvTotals(const QString &path)
{
    QMap<QString, int64_t> out;
    QStringList header;
    for (const QByteArray &line : bytes(path).split('\n')) {
        const QString l = QString::fromUtf8(line).trimmed();
        if (l.isEmpty() || l.startsWith(QLatin1Char('#')))
            continue;
        const QStringList f = l.split(QLatin1Char(','));
        if (header.isEmpty()) {
            header = f;
            continue;
        }
        for (qsizetype i = 2; i < f.size() && i < header.size(); ++i)
            out[header.at(i)] += f.at(i).toLongLong();
    }
    return out;
}

QStringList seriesLabels(const VolumeSeries &v)
{
    QStringList out;
    for (const auto &s : v.series)
        out << s.label;
    return out;
}

QAction *findAction(const QList<QAction *> &actions, const QString &text)
{
    for (QAction *a : actions)
        if (a->text().remove(QLatin1Char('&')) == text)
            return a;
    return nullptr;
}

// View › Views, as the user opens it (its entries are made when it is about to show).
QMenu *viewsMenu(MainWindow &window)
{
    QAction *view = findAction(window.menuBar()->actions(), QStringLiteral("View"));
    if (!view)
        return nullptr;
    QAction *views = findAction(view->menu()->actions(), QStringLiteral("Views"));
    if (!views)
        return nullptr;
    emit views->menu()->aboutToShow();
    return views->menu();
}

} // namespace

class TstStartView : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_demo;
    QString m_small;

    // A project of 40 lookups: 30 of a.example from 10.0.0.1, then 10 of b.example from 10.0.0.2.
    QString makeSmall(const QString &name)
    {
        const QString log = m_dir.filePath(name + QStringLiteral(".log"));
        QFile f(log);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write("#separator \\x09\n#fields\tts\tid.orig_h\tid.resp_h\tquery\tqtype\trcode\n");
        for (int i = 0; i < 40; ++i)
            f.write(QByteArray::number(1462060800 + i * 3600) + ".5\t" + (i < 30 ? "10.0.0.1" : "10.0.0.2")
                    + "\t10.0.0.53\t" + (i < 30 ? "a.example" : "b.example") + "\t1\t0\n");
        f.close();
        const QString project = m_dir.filePath(name + QStringLiteral(".dnstimeline"));
        const Run r = cli({"import", project, log});
        return r.exitCode == 0 ? project : QString();
    }

    void waitForStory(MainWindow &window)
    {
        ChartPane *pane = window.chartPane();
        QTRY_VERIFY_WITH_TIMEOUT(seriesLabels(pane->shownSeries()) == (QStringList{kMail1, kTrump1}), 20000);
        // The panels' own late refreshes (names, clients, sources) must not take the view away again.
        QTest::qWait(1500);
        QCOMPARE(seriesLabels(pane->shownSeries()), (QStringList{kMail1, kTrump1}));
    }

private slots:
    void initTestCase()
    {
        // The demo project exactly as `ninja demo_project` builds it.
        const QString cmake = QStandardPaths::findExecutable(QStringLiteral("cmake"));
        QVERIFY2(!cmake.isEmpty(), "cmake must be on PATH");
        m_demo = m_dir.filePath(QStringLiteral("demo/demo.dnstimeline"));
        QProcess p;
        p.start(cmake, {QStringLiteral("-DCLI=" DNT_CLI_PATH), QStringLiteral("-DOUT=") + m_demo, QStringLiteral("-P"),
                        QStringLiteral(DNT_SOURCE_DIR "/resources/demo/makedemo.cmake")});
        QVERIFY(p.waitForFinished(300000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        m_small = makeSmall(QStringLiteral("small"));
        QVERIFY(!m_small.isEmpty());
    }

    void demoProjectTellsTheStory()
    {
        QString error;
        auto store = Store::open(m_demo, Store::Mode::ReadOnly, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->startView(), std::optional<QString>(kStory));
        const auto saved = store->view(kStory);
        QVERIFY(saved);
        const auto spec = ViewSpec::fromJson(saved->spec, &error);
        QVERIFY2(spec, qPrintable(error));
        QCOMPARE(spec->split, Split::Name);
        QCOMPARE(spec->selection.names, (QStringList{kMail1, kTrump1}));
        QVERIFY(spec->selection.clients.isEmpty() && spec->selection.groups.isEmpty());
        QCOMPARE(spec->bucket, std::optional<BucketUnit>(BucketUnit::Day));
        QCOMPARE(spec->fromUs, parseIso8601(QStringLiteral("2016-05-01T00:00:00Z")));
        QCOMPARE(spec->toUs, parseIso8601(QStringLiteral("2016-12-01T00:00:00Z")));
        // The range reaches beyond the last lookup of the project (6 November) and of the new name.
        QVERIFY(*spec->toUs > store->totals().lastUs.value_or(INT64_MAX));
        QVERIFY(spec->title.contains(QStringLiteral("synthetic")));

        const auto bank = store->group(QStringLiteral("Bank resolvers"));
        QVERIFY(bank);
        QCOMPARE(bank->members, (QStringList{"217.12.96.15", "217.12.97.15"}));
        const QHash<QString, QString> labels = store->labels();
        QCOMPARE(labels.value(QStringLiteral("167.73.110.8")), QStringLiteral("Spectrum Health"));
        QCOMPARE(labels.value(QStringLiteral("217.12.96.15")), QStringLiteral("Bank resolver 1"));
        QCOMPARE(labels.value(QStringLiteral("217.12.97.15")), QStringLiteral("Bank resolver 2"));

        const Run list = cli({"views", m_demo, "list"});
        QCOMPARE(list.exitCode, 0);
        const QStringList lines = list.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0), QStringLiteral("name\tspec\tstart"));
        QVERIFY(lines.at(1).startsWith(kStory + QStringLiteral("\t{")) && lines.at(1).endsWith(QStringLiteral("}\t*")));
        QVERIFY(lines.at(2).startsWith(kWho + QStringLiteral("\t{")) && lines.at(2).endsWith(QStringLiteral("}\t")));

        // The published shares: the bank's resolvers ~80 % of mail1, Spectrum Health ~20 %, and every
        // lookup of the new name (the share the pair view highlights).
        const Run pairs = cli({"pairs", m_demo, "--top", "3"});
        QCOMPARE(pairs.exitCode, 0);
        QVERIFY2(pairs.out.contains(QStringLiteral("Bank resolvers\tmail1.trump-email.com\t2820\t0.7962\n")), qPrintable(pairs.out));
        QVERIFY(pairs.out.contains(QStringLiteral("167.73.110.8\tmail1.trump-email.com\t714\t0.2016\n")));
    }

    void pairsHighlightTheBank()
    {
        MainWindow window;
        window.setInteractive(false);
        window.resize(1400, 900);
        window.show();
        QVERIFY(window.openProject(m_demo));
        PairTableModel *model = window.workspace()->pairView()->model();
        // The pairs of the start view's two names.
        QTRY_VERIFY_WITH_TIMEOUT(model->table().names == (QStringList{kMail1, kTrump1}), 20000);
        QCOMPARE(model->rowCount(), 4); // the bank's group, Spectrum Health and the two other clients
        int column = -1, bankRow = -1;
        for (int c = 1; c < model->columnCount(); ++c)
            if (model->headerData(c, Qt::Horizontal).toString() == kTrump1)
                column = c;
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->index(r, 0).data().toString() == QStringLiteral("Bank resolvers"))
                bankRow = r;
        QVERIFY(column > 0 && bankRow >= 0);
        QCOMPARE(model->index(bankRow, column).data(PairTableModel::CountRole).toLongLong(), 180);
        QCOMPARE(model->index(bankRow, column).data(PairTableModel::ShareRole).toDouble(), 1.0);
        QVERIFY(model->index(bankRow, column).data(PairTableModel::HighlightRole).toBool());
        QVERIFY(model->index(bankRow, column).data(Qt::BackgroundRole).isValid());
        int highlighted = 0;
        for (int r = 0; r < model->rowCount(); ++r)
            for (int c = 1; c < model->columnCount(); ++c)
                highlighted += model->index(r, c).data(PairTableModel::HighlightRole).toBool() ? 1 : 0;
        QVERIFY(highlighted >= 1);
        // mail1: the bank's 79.6 % is not highlighted.
        for (int c = 1; c < model->columnCount(); ++c)
            if (model->headerData(c, Qt::Horizontal).toString() == kMail1)
                QVERIFY(!model->index(bankRow, c).data(PairTableModel::HighlightRole).toBool());
    }

    void viewsStartCli()
    {
        QCOMPARE(cli({"views", m_small, "save", "a", "--name", "a.example"}).exitCode, 0);
        QCOMPARE(cli({"views", m_small, "save", "b", "--name", "b.example", "--split", "client"}).exitCode, 0);
        Run r = cli({"views", m_small, "list"});
        QVERIFY(r.out.startsWith(QStringLiteral("name\tspec\tstart\na\t{")));
        QVERIFY(!r.out.contains(QStringLiteral("\t*\n")));
        r = cli({"views", m_small, "start", "nope"});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("dnstimeline: %1: there is no view \"nope\" (see views PROJECT list)\n").arg(m_small));
        r = cli({"views", m_small, "start", "b"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("start view b\n"));
        r = cli({"views", m_small, "list"});
        QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.at(1).startsWith(QStringLiteral("a\t")) && lines.at(1).endsWith(QStringLiteral("}\t")));
        QVERIFY(lines.at(2).startsWith(QStringLiteral("b\t")) && lines.at(2).endsWith(QStringLiteral("}\t*")));
        // Saving the start view again keeps the mark; another start view moves it.
        QCOMPARE(cli({"views", m_small, "save", "b", "--name", "b.example"}).exitCode, 0);
        QCOMPARE(*Store::open(m_small, Store::Mode::ReadOnly, nullptr)->startView(), QStringLiteral("b"));
        QCOMPARE(cli({"views", m_small, "start", "a"}).exitCode, 0);
        QCOMPARE(*Store::open(m_small, Store::Mode::ReadOnly, nullptr)->startView(), QStringLiteral("a"));
        // start alone clears the mark.
        r = cli({"views", m_small, "start"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("no start view\n"));
        QVERIFY(!Store::open(m_small, Store::Mode::ReadOnly, nullptr)->startView());
        // Removing the start view clears the mark: a later view of the same name is not the start view.
        QCOMPARE(cli({"views", m_small, "start", "b"}).exitCode, 0);
        QCOMPARE(cli({"views", m_small, "remove", "b"}).exitCode, 0);
        QVERIFY(!Store::open(m_small, Store::Mode::ReadOnly, nullptr)->startView());
        QCOMPARE(cli({"views", m_small, "save", "b", "--name", "b.example"}).exitCode, 0);
        QVERIFY(!Store::open(m_small, Store::Mode::ReadOnly, nullptr)->startView());
        lines = cli({"views", m_small, "list"}).out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.at(2).endsWith(QStringLiteral("}\t")));
        QCOMPARE(cli({"views", m_small, "start", "a", "b"}).exitCode, 1);
        QCOMPARE(cli({"views", m_small, "start", "a", "--name", "x"}).exitCode, 1);
    }

    void renderDrawsTheStartView()
    {
        const QString start = m_dir.filePath("start.csv"), named = m_dir.filePath("named.csv"),
                      all = m_dir.filePath("all.csv"), explicitAll = m_dir.filePath("explicit-all.csv");
        Run r = cli({"render", m_demo, "-o", start});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("dnstimeline: %1: drawing the start view \"The 2016 story\" (--no-view draws all lookups)\n").arg(m_demo)),
                 qPrintable(r.err));
        QCOMPARE(cli({"render", m_demo, "--view", kStory, "-o", named}).exitCode, 0);
        QCOMPARE(bytes(start), bytes(named));
        // Split per name: the old name's 3,542 lookups (2,820 + 714 + 8 others) and the new one's 180.
        const QMap<QString, int64_t> story = csvTotals(start);
        QCOMPARE(story.value(kMail1), int64_t(3542));
        QCOMPARE(story.value(kTrump1), int64_t(180));
        QCOMPARE(story.size(), 2);

        r = cli({"render", m_demo, "--no-view", "-o", all});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!r.err.contains(QStringLiteral("start view")));
        QVERIFY(bytes(all) != bytes(start));
        const QMap<QString, int64_t> totals = csvTotals(all);
        QCOMPARE(totals.size(), 1);
        QCOMPARE(totals.first(), int64_t(29398));
        // Any selection or chart option also means "not the start view".
        r = cli({"render", m_demo, "-o", explicitAll, "--style", "bars"});
        QVERIFY(!r.err.contains(QStringLiteral("start view")));
        QCOMPARE(bytes(explicitAll), bytes(all));
        QCOMPARE(cli({"render", m_demo, "--no-view", "--view", kStory, "-o", all}).exitCode, 1);
    }

    // No display: the app renders the project's chart — its start view — to a PNG and prints the path.
    void headlessFallbackDrawsTheStartView()
    {
        QTemporaryDir tmp;
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.insert(QStringLiteral("TMPDIR"), tmp.path());
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(DNT_CLI_PATH), {m_demo});
        QVERIFY(p.waitForFinished(120000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0, qPrintable(err));
        QVERIFY(err.contains(QStringLiteral("drawing the start view \"The 2016 story\"")));
        const QString png = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
        QCOMPARE(png, tmp.filePath(QStringLiteral("demo-chart.png")));
        const QString expected = m_dir.filePath("story.png");
        QCOMPARE(cli({"render", m_demo, "--view", kStory, "-o", expected}).exitCode, 0);
        QVERIFY(bytes(png).size() > 1000);
        QCOMPARE(bytes(png), bytes(expected));
    }

    void openingShowsTheStartView()
    {
        MainWindow window;
        window.setInteractive(false);
        window.resize(1400, 900);
        window.show();
        QVERIFY(window.openProject(m_demo));
        waitForStory(window);
        ChartPane *pane = window.chartPane();
        QCOMPARE(pane->split(), Split::Name);
        QCOMPARE(pane->shownSeries().series.at(0).total, int64_t(3542));
        QCOMPARE(pane->shownSeries().series.at(1).total, int64_t(180));
        QCOMPARE(pane->chart()->visibleRange(),
                 std::make_pair(*parseIso8601(QStringLiteral("2016-05-01")), *parseIso8601(QStringLiteral("2016-12-01"))));
        QVERIFY(pane->chart()->title().startsWith(QStringLiteral("mail1.trump-email.com until its removal")));
        QMenu *views = viewsMenu(window);
        QVERIFY(views);
        QVERIFY(findAction(views->actions(), QStringLiteral("The 2016 story (start view)")));

        // One click back to everything.
        QToolButton *all = pane->allLookupsButton();
        QVERIFY(all->isVisible());
        QTest::mouseClick(all, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(seriesLabels(pane->shownSeries()) == QStringList{QStringLiteral("all")}, 20000);
        QCOMPARE(pane->shownSeries().total(), int64_t(29398));
        QCOMPARE(pane->split(), Split::None);
        QVERIFY(pane->selection().isEmpty());
        QCOMPARE(pane->chart()->visibleRange(), std::make_pair(pane->shownSeries().fromUs, pane->shownSeries().toUs));
        QTest::qWait(500);
        QCOMPARE(pane->shownSeries().total(), int64_t(29398));
    }

    // The three key events are labels, not numbered badges, in the start view at both screen sizes.
    void keyEventsAreLabels_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1366x768") << QSize(1366, 768);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
    }
    void keyEventsAreLabels()
    {
        QFETCH(QSize, size);
        MainWindow window;
        window.setInteractive(false);
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openProject(m_demo));
        waitForStory(window);
        TimelineChart *chart = window.chartPane()->chart();
        chart->plot()->replot();
        QVERIFY2(window.width() <= size.width() && window.height() <= size.height(),
                 qPrintable(QStringLiteral("%1x%2").arg(window.width()).arg(window.height())));
        QStringList labelled, badged;
        const QVector<Event> events = window.eventEditor()->events(); // what the chart was given
        for (const EventLabel &l : chart->eventLabels()) {
            const QString title = events.at(l.eventIndex).title;
            (l.badge ? badged : labelled) << title;
        }
        for (const QString &key : kKeyEvents)
            QVERIFY2(labelled.contains(key), qPrintable(QStringLiteral("%1 not a label; labels: %2; badges: %3")
                                                          .arg(key, labelled.join(QStringLiteral(" | ")),
                                                               badged.join(QStringLiteral(" | ")))));
        if (qEnvironmentVariableIsSet("DNT_SCREENSHOT_DIR"))
            window.grab().save(qEnvironmentVariable("DNT_SCREENSHOT_DIR")
                               + QStringLiteral("/startview-%1x%2.png").arg(size.width()).arg(size.height()));
    }

    void setStartViewFromTheMenu()
    {
        MainWindow window;
        window.setInteractive(false);
        window.resize(1200, 800);
        window.show();
        QVERIFY(window.openProject(m_small));
        QTRY_COMPARE_WITH_TIMEOUT(window.chartPane()->shownSeries().total(), int64_t(40), 10000);
        QMenu *views = viewsMenu(window);
        QVERIFY(views);
        QAction *startItem = findAction(views->actions(), QStringLiteral("Set as Start View"));
        QVERIFY(startItem && startItem->menu());
        QMenu *startMenu = startItem->menu();
        QAction *none = findAction(startMenu->actions(), QStringLiteral("(none: all lookups)"));
        QAction *b = findAction(startMenu->actions(), QStringLiteral("b"));
        QVERIFY(none && b);
        QVERIFY(none->isChecked() && !b->isChecked());
        b->trigger();
        QCOMPARE(window.workspace()->startView(), QStringLiteral("b"));
        QCOMPARE(cli({"views", m_small, "list"}).out.split(QLatin1Char('\n')).at(2).right(2), QStringLiteral("\t*"));
        // Reopening the project shows b: b.example's 10 lookups.
        QVERIFY(window.openProject(m_small));
        QTRY_VERIFY_WITH_TIMEOUT(window.chartPane()->selection().names == QStringList{"b.example"}
                                     && window.chartPane()->shownSeries().total() == 10,
                                 10000);
        views = viewsMenu(window);
        QVERIFY(findAction(views->actions(), QStringLiteral("b (start view)")));
        startMenu = findAction(views->actions(), QStringLiteral("Set as Start View"))->menu();
        QVERIFY(findAction(startMenu->actions(), QStringLiteral("b"))->isChecked());
        findAction(startMenu->actions(), QStringLiteral("(none: all lookups)"))->trigger();
        QCOMPARE(window.workspace()->startView(), QString());
        QVERIFY(!Store::open(m_small, Store::Mode::ReadOnly, nullptr)->startView());
    }

    // A new empty project shows the defaults and an empty status line, not what the previous one had.
    void newProjectInheritsNothing()
    {
        MainWindow window;
        window.setInteractive(false);
        window.resize(1200, 800);
        window.show();
        QVERIFY(window.openProject(m_demo));
        waitForStory(window);
        ChartPane *pane = window.chartPane();
        pane->styleBox()->setCurrentIndex(pane->styleBox()->findData(int(ChartStyle::Lines)));
        pane->valuesBox()->setCurrentIndex(pane->valuesBox()->findData(int(ValueMode::Share)));
        pane->logBox()->setChecked(true);
        auto *totals = window.statusBar()->findChild<QLabel *>(QStringLiteral("totals"));
        QVERIFY(totals);
        QTRY_VERIFY_WITH_TIMEOUT(totals->text().contains(QStringLiteral(" lookups · ")), 10000);

        const QString empty = m_dir.filePath("empty.dnstimeline");
        QString error;
        QVERIFY2(Store::open(empty, Store::Mode::Create, &error), qPrintable(error));
        QVERIFY(window.openProject(empty));
        QTRY_VERIFY_WITH_TIMEOUT(pane->chart()->isShowingEmptyMessage(), 10000);
        QTest::qWait(500);
        QCOMPARE(pane->split(), Split::None);
        QCOMPARE(pane->styleBox()->currentData().toInt(), int(ChartStyle::StackedBars));
        QCOMPARE(pane->valuesBox()->currentData().toInt(), int(ValueMode::Count));
        QVERIFY(!pane->logBox()->isChecked());
        QCOMPARE(pane->chart()->style(), ChartStyle::StackedBars);
        QCOMPARE(pane->chart()->valueMode(), ValueMode::Count);
        QVERIFY(!pane->chart()->logScale());
        QVERIFY(pane->selection().isEmpty());
        QCOMPARE(pane->chart()->title(), Selection{}.describe());
        QCOMPARE(pane->chart()->emptyMessage(), QStringLiteral("This project has no lookups yet: import a log file"));
        QCOMPARE(totals->text(), QString());
        QCOMPARE(window.statusBar()->currentMessage(), QString());
    }
};

QTEST_MAIN(TstStartView)
#include "tst_startview.moc"
