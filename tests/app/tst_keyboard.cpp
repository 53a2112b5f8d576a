// The keyboard on the real main window, off screen: every shortcut the README and the user guide
// document, pressed with QTest::keyClick and checked by its effect; no "ambiguous shortcut" warning;
// Tab moves between panels, not between table cells; the span tool draws an event span without Alt.
#include "chartpane.h"
#include "domainbrowser.h"
#include "eventeditor.h"
#include "eventdialog.h"
#include "eventspanel.h"
#include "exportdialog.h"
#include "mainwindow.h"
#include "recordspanel.h"
#include "selectionpanel.h"
#include "settingsdialog.h"
#include "timelinechart.h"
#include "userguidewindow.h"
#include "workspacedocks.h"

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QPushButton>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <functional>

#include "apptestutil.h"

using namespace dnt;
using dnt::test::makeProject;

namespace {

QStringList g_ambiguous; // "Ambiguous shortcut overload" warnings seen while a test ran
QtMessageHandler g_previousHandler = nullptr;

void catchAmbiguous(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.contains(QLatin1String("Ambiguous shortcut overload")))
        g_ambiguous << message;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

// Sends the key to `target`; if that opens a modal dialog, closes it again and returns its class and
// title ("QFileDialog: Open project"). Empty when no dialog opened.
QString modalOpenedBy(QWidget *target, QKeyCombination key)
{
    QString seen;
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget())) {
            seen = QStringLiteral("%1: %2").arg(QLatin1String(dialog->metaObject()->className()),
                                                 dialog->windowTitle());
            dialog->reject();
        }
    });
    poll.start();
    QTest::keyClick(target, key.key(), key.keyboardModifiers());
    poll.stop();
    return seen;
}

// The rows of the "Keyboard" table in a Markdown document: the keys column, split at " / " and ", ".
QStringList documentedKeys(const QString &markdown)
{
    const int at = markdown.indexOf(QRegularExpression(QStringLiteral("^#+ .*Keyboard"), QRegularExpression::MultilineOption));
    if (at < 0)
        return {};
    QStringList keys;
    const QRegularExpression row(QStringLiteral("^\\| ((?:`[^`]+`(?:, | / )?)+) \\|"));
    bool inTable = false;
    for (const QString &line : markdown.mid(at).split(QLatin1Char('\n')).mid(1)) {
        const auto m = row.match(line);
        if (!m.hasMatch()) {
            if (inTable)
                break;
            continue;
        }
        inTable = true;
        for (const QString &k : m.captured(1).split(QRegularExpression(QStringLiteral(", | / "))))
            keys << k.mid(1, k.size() - 2);
    }
    return keys;
}

} // namespace

class TstKeyboard : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // Settings (window geometry, recent files) go to a file of this test only.
        QVERIFY(m_settingsDir.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("DNS Timeline Test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_keyboard"));
        g_previousHandler = qInstallMessageHandler(catchAmbiguous);
    }

    void init()
    {
        QSettings().clear();
        g_ambiguous.clear();
    }

    void cleanup() { QVERIFY2(g_ambiguous.isEmpty(), qPrintable(g_ambiguous.join(QLatin1Char('\n')))); }

    void documentedShortcutsWork()
    {
        QTemporaryDir dir;
        const QString project = makeProject(dir.filePath("keys.dnstimeline"), 40);
        QVERIFY(!project.isEmpty());
        MainWindow w;
        w.setInteractive(false);
        w.resize(1300, 800);
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(w.openProject(project));
        QTRY_COMPARE(w.chartPane()->shownSeries().total(), 40);

        TimelineChart *chart = w.chartPane()->chart();
        QWidget *records = w.docks()->recordsPanel()->view();
        QTableView *events = w.eventsPanel()->view();
        EventEditor *editor = w.eventEditor();
        const int64_t home0 = 1462060800LL * 1000000LL; // the first lookup; the last bucket ends 40 minutes later
        const int64_t hour = 3600LL * 1000000LL;
        auto range = [chart] { return chart->visibleRange(); };
        auto expectRange = [range](int64_t from, int64_t to) -> QString {
            const auto [f, t] = range();
            return f == from && t == to ? QString()
                                        : QStringLiteral("range %1..%2, expected %3..%4").arg(f).arg(t).arg(from).arg(to);
        };
        auto expect = [](bool ok, const QString &what) { return ok ? QString() : what; };
        auto dialog = [](const QString &expected) {
            return [expected](const QString &seen) {
                return seen == expected ? QString() : QStringLiteral("opened \"%1\", expected \"%2\"").arg(seen, expected);
            };
        };
        Event marker;
        marker.startUs = home0 + 10 * 60 * 1000000LL;
        marker.title = QStringLiteral("Keyboard event");
        auto noop = [] {};

        // One row per documented shortcut, in the order pressed: the keys as the README and the user guide
        // write them, where the focus is, what is set up first, and what the key must have done (given
        // the modal dialog it opened, if any; that dialog is closed again at once).
        struct Shortcut
        {
            QString documented;
            QKeyCombination key;
            QWidget *focus;
            std::function<void()> before;
            std::function<QString(const QString &dialogSeen)> check;
        };
        const QVector<Shortcut> table{
            {"Ctrl+Z", Qt::CTRL | Qt::Key_Z, chart, [&] { QVERIFY(editor->addEvent(marker)); },
             [&](auto) { return expect(editor->events().isEmpty(), "the event is still there"); }},
            {"Ctrl+Shift+Z", Qt::CTRL | Qt::SHIFT | Qt::Key_Z, chart, noop,
             [&](auto) { return expect(editor->events().size() == 1, "the event did not come back"); }},
            {"Home", Qt::Key_Home, chart, [&] { chart->setVisibleRange(home0 - 5 * hour, home0 + 5 * hour); },
             [&](auto) {
                 // The Reset view button's shortcut: a button clicks itself with a short animation.
                 QTest::qWaitFor([&] { return range().first == home0; }, 1000);
                 return expectRange(home0, home0 + 40 * 60 * 1000000LL);
             }},
            // + shows the middle three quarters, - a sixth more on either side, arrows pan by a tenth.
            {"+", Qt::Key_Plus, chart, [&] { chart->setVisibleRange(home0, home0 + 8 * hour); },
             [&](auto) { return expectRange(home0 + hour, home0 + 7 * hour); }},
            {"-", Qt::Key_Minus, chart, [&] { chart->setVisibleRange(home0, home0 + 6 * hour); },
             [&](auto) { return expectRange(home0 - hour, home0 + 7 * hour); }},
            {"←", Qt::Key_Left, chart, [&] { chart->setVisibleRange(home0, home0 + 10 * hour); },
             [&](auto) { return expectRange(home0 - hour, home0 + 9 * hour); }},
            {"→", Qt::Key_Right, chart, [&] { chart->setVisibleRange(home0, home0 + 10 * hour); },
             [&](auto) { return expectRange(home0 + hour, home0 + 11 * hour); }},
            {"S", Qt::Key_S, chart, [&] { QVERIFY(!chart->spanTool()); },
             [&](auto) {
                 const bool on = w.chartPane()->spanAction()->isChecked() && chart->spanTool();
                 w.chartPane()->spanAction()->setChecked(false);
                 return expect(on, "the span tool is not on");
             }},
            {"Ctrl+F", Qt::CTRL | Qt::Key_F, chart,
             [&] { w.selectionPanel()->domainBrowser()->searchEdit()->setText(QStringLiteral("exa")); },
             [&](auto) {
                 QLineEdit *search = w.selectionPanel()->domainBrowser()->searchEdit();
                 return expect(QApplication::focusWidget() == search && search->selectedText() == "exa",
                               "the name search has not got the focus with its text selected");
             }},
            {"Ctrl+C", Qt::CTRL | Qt::Key_C, records,
             [&] {
                 QApplication::clipboard()->clear();
                 QTRY_COMPARE(w.docks()->recordsPanel()->view()->model()->rowCount(), 40);
                 w.docks()->recordsPanel()->view()->selectRow(0);
             },
             [&](auto) {
                 const QString copied = QApplication::clipboard()->text();
                 // The one selected row, as tab-separated fields.
                 return expect(copied.count("a.example.com") == 1 && copied.count('\t') >= 6, "clipboard: " + copied);
             }},
            {"Delete", Qt::Key_Delete, events,
             [&] {
                 QTRY_COMPARE(events->model()->rowCount(), 1);
                 events->selectRow(0);
             },
             [&](auto) { return expect(editor->events().isEmpty(), "the event was not deleted"); }},
            {"F1", Qt::Key_F1, chart, noop,
             [&](auto) {
                 auto *guide = w.findChild<UserGuideWindow *>();
                 const bool shown = guide && guide->isVisible();
                 if (guide)
                     guide->close();
                 return expect(shown, "no user guide");
             }},
            {"Ctrl+,", Qt::CTRL | Qt::Key_Comma, chart, noop, dialog("dnt::SettingsDialog: Settings")},
            {"Ctrl+N", Qt::CTRL | Qt::Key_N, chart, noop, dialog("QFileDialog: New project")},
            {"Ctrl+O", Qt::CTRL | Qt::Key_O, chart, noop, dialog("QFileDialog: Open project")},
            {"Ctrl+I", Qt::CTRL | Qt::Key_I, chart, noop, dialog("QFileDialog: Import DNS logs")},
            {"Ctrl+E", Qt::CTRL | Qt::Key_E, chart, noop, dialog("dnt::ExportDialog: Export chart")},
            {"Ctrl+Shift+S", Qt::CTRL | Qt::SHIFT | Qt::Key_S, chart, noop, dialog("QInputDialog: Save view")},
            {"Ctrl+W", Qt::CTRL | Qt::Key_W, chart, noop,
             [&](auto) { return expect(w.projectPath().isEmpty(), "the project is still open"); }},
            {"Ctrl+Q", Qt::CTRL | Qt::Key_Q, chart, noop,
             [&](auto) { return expect(!w.isVisible(), "the window is still open"); }},
        };

        QStringList tested;
        for (const Shortcut &s : table) {
            s.before();
            if (QTest::currentTestFailed())
                QFAIL(qPrintable("setting up " + s.documented));
            for (QWidget *p = s.focus; p; p = p->parentWidget())
                if (auto *dock = qobject_cast<QDockWidget *>(p))
                    dock->raise();
            w.activateWindow(); // back from the dialog the key before opened
            QVERIFY(QTest::qWaitForWindowActive(&w));
            s.focus->setFocus(Qt::OtherFocusReason);
            QTRY_VERIFY2(QApplication::focusWidget() == s.focus, qPrintable(s.documented));
            const QString seen = modalOpenedBy(s.focus, s.key);
            const QString problem = s.check(seen);
            QVERIFY2(problem.isEmpty(), qPrintable(s.documented + ": " + problem));
            QVERIFY2(g_ambiguous.isEmpty(), qPrintable(s.documented + ": " + g_ambiguous.join(' ')));
            tested << s.documented;
        }

        // The table is the documented list: README and the user guide name exactly these keys.
        QFile readme(QStringLiteral(DNT_SOURCE_DIR "/README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        QStringList fromReadme = documentedKeys(QString::fromUtf8(readme.readAll()));
        QStringList fromGuide = documentedKeys(userGuideMarkdown());
        QStringList sortedTested = tested;
        for (QStringList *l : {&fromReadme, &fromGuide, &sortedTested}) {
            l->removeAll(QStringLiteral("Tab")); // tested by tabMovesBetweenPanels
            l->removeAll(QStringLiteral("Shift+Tab"));
            l->removeAll(QStringLiteral("Alt-drag")); // tested by spanToolDrawsLikeAltDrag
            l->sort();
        }
        QCOMPARE(fromReadme, sortedTested);
        QCOMPARE(fromGuide, sortedTested);
    }

    void tabMovesBetweenPanels()
    {
        QTemporaryDir dir;
        const QString project = makeProject(dir.filePath("tab.dnstimeline"), 40);
        QVERIFY(!project.isEmpty());
        MainWindow w;
        w.setInteractive(false);
        w.resize(1300, 800);
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(w.openProject(project));
        QTRY_COMPARE(w.chartPane()->shownSeries().total(), 40);
        QTRY_VERIFY(w.docks()->recordsPanel()->view()->model()->rowCount() == 40);

        int walked = 0;
        for (QAbstractItemView *view : w.findChildren<QAbstractItemView *>()) {
            // Headers are not focus stops; a combo box's list is a popup window of its own.
            if (qobject_cast<QHeaderView *>(view) || view->window() != &w)
                continue;
            QVERIFY2(!view->tabKeyNavigation(), view->metaObject()->className());
            for (QWidget *p = view; p; p = p->parentWidget())
                if (auto *dock = qobject_cast<QDockWidget *>(p))
                    dock->raise();
            QVERIFY2(view->isVisible(), qPrintable(view->objectName() + view->parentWidget()->metaObject()->className()));
            view->setFocus(Qt::TabFocusReason);
            QTRY_COMPARE(QApplication::focusWidget(), view);
            if (view->model() && view->model()->rowCount() > 0)
                view->setCurrentIndex(view->model()->index(0, 0));
            const QModelIndex current = view->currentIndex();
            QTest::keyClick(view, Qt::Key_Tab);
            QWidget *now = QApplication::focusWidget();
            QVERIFY2(now && now != view && !view->isAncestorOf(now), view->metaObject()->className());
            QCOMPARE(view->currentIndex(), current); // the cell did not move
            ++walked;
        }
        // Names, clients, sources, groups, pairs, records, files, events.
        QVERIFY2(walked >= 8, qPrintable(QString::number(walked)));
    }

    void spanToolDrawsLikeAltDrag()
    {
        QTemporaryDir dir;
        const QString project = makeProject(dir.filePath("span.dnstimeline"), 40);
        QVERIFY(!project.isEmpty());
        MainWindow w;
        w.setInteractive(false);
        w.resize(1300, 800);
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(w.openProject(project));
        QTRY_COMPARE(w.chartPane()->shownSeries().total(), 40);
        TimelineChart *chart = w.chartPane()->chart();
        const int64_t from = 1462060800LL * 1000000LL;
        chart->setVisibleRange(from, from + 40 * 60 * 1000000LL);
        chart->plot()->replot();
        const QRect area = chart->plot()->axisRect()->rect();
        const int y = area.center().y();
        const int x1 = area.left() + area.width() / 5, x2 = area.left() + area.width() * 3 / 5;
        auto usAt = [&](int x) { return int64_t(chart->plot()->xAxis->pixelToCoord(x) * 1e6); };
        const int64_t start = usAt(x1), end = usAt(x2);

        // Each drawn span opens the event dialog with its times; name it and accept.
        QStringList dialogs;
        QTimer poll;
        poll.setInterval(20);
        connect(&poll, &QTimer::timeout, this, [&] {
            if (auto *dialog = qobject_cast<EventDialog *>(QApplication::activeModalWidget())) {
                dialog->titleEdit()->setText(QStringLiteral("span %1").arg(dialogs.size() + 1));
                dialogs << dialog->startEdit()->text() + " – " + dialog->endEdit()->text();
                dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
            }
        });
        poll.start();
        auto drag = [&](Qt::KeyboardModifiers mods, int offset = 0) {
            QWidget *surface = chart->plot();
            QTest::mousePress(surface, Qt::LeftButton, mods, QPoint(x1 + offset, y));
            QTest::mouseMove(surface, QPoint((x1 + x2) / 2 + offset, y));
            QTest::mouseMove(surface, QPoint(x2 + offset, y));
            QTest::mouseRelease(surface, Qt::LeftButton, mods, QPoint(x2 + offset, y));
        };
        QSignalSpy drawn(chart, &TimelineChart::spanDrawn);

        // The toolbar's "Draw span", then a plain drag: the view does not pan, a span is drawn.
        QAction *tool = w.chartPane()->spanAction();
        QVERIFY(tool->isCheckable() && !tool->toolTip().isEmpty());
        QToolButton *button = nullptr;
        for (auto *b : w.chartPane()->findChildren<QToolButton *>())
            if (b->defaultAction() == tool)
                button = b;
        QVERIFY(button && button->isVisible());
        button->click();
        QVERIFY(tool->isChecked() && chart->spanTool());
        const auto before = chart->visibleRange();
        drag(Qt::NoModifier);
        QCOMPARE(drawn.size(), 1);
        QCOMPARE(drawn.at(0).at(0).value<int64_t>(), start);
        QCOMPARE(drawn.at(0).at(1).value<int64_t>(), end);
        QCOMPARE(chart->visibleRange(), before);
        QTRY_COMPARE(w.eventEditor()->events().size(), 1);

        // Off again: a plain drag pans and draws nothing; Alt-drag still draws the same span.
        button->click();
        QVERIFY(!chart->spanTool());
        drag(Qt::NoModifier, 30); // beside the new span's edges, which would be resized

        QCOMPARE(drawn.size(), 1);
        QVERIFY(chart->visibleRange() != before);
        // The pan re-queried the chart; once the new axis is laid out, the same pixels are measured again.
        QTest::qWait(TimelineChart::kRangeDebounceMs * 3);
        chart->setVisibleRange(before.first, before.second);
        chart->plot()->replot();
        const int64_t start2 = usAt(x1), end2 = usAt(x2);
        drag(Qt::AltModifier);
        QCOMPARE(drawn.size(), 2);
        QCOMPARE(drawn.at(1).at(0).value<int64_t>(), start2);
        QCOMPARE(drawn.at(1).at(1).value<int64_t>(), end2);
        poll.stop();

        // Both became events with the times drawn (the dialog shows them to the second).
        QTRY_COMPARE(w.eventEditor()->events().size(), 2);
        QCOMPARE(dialogs.size(), 2);
        const QVector<std::pair<int64_t, int64_t>> spans{{start, end}, {start2, end2}};
        for (int i = 0; i < 2; ++i) {
            const Event *e = nullptr;
            for (const Event &candidate : w.eventEditor()->events())
                if (candidate.title == QStringLiteral("span %1").arg(i + 1))
                    e = &candidate;
            QVERIFY(e && e->endUs.has_value());
            QVERIFY2(std::abs(e->startUs - spans[i].first) < 1000000, qPrintable(dialogs.at(i)));
            QVERIFY2(std::abs(*e->endUs - spans[i].second) < 1000000, qPrintable(dialogs.at(i)));
        }
    }

private:
    QTemporaryDir m_settingsDir;
};

QTEST_MAIN(TstKeyboard)
#include "tst_keyboard.moc"
