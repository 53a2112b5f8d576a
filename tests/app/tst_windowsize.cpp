// The first window on small screens: a 1366 × 768 laptop and a 1920 × 1080 screen at 200 % (960 × 540
// logical pixels). The offscreen platform takes its screen from a JSON file, so each screen is a run of
// this test in a child process with that screen; the child checks the window it sees.
#include "chartpane.h"
#include "mainwindow.h"
#include "recordspanel.h"
#include "timelinechart.h"
#include "filespanel.h"
#include "workspacedocks.h"

#include <QAbstractButton>

#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QProcess>
#include <QScreen>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "apptestutil.h"

using namespace dnt;
using dnt::test::makeProject;

namespace {
// What a chart needs to be read: room for a few days of bars and the axis labels.
constexpr int kReadableChartWidth = 450;
constexpr int kReadableChartHeight = 160; // 960 × 540 leaves the chart 170 px beside the panels
} // namespace

class TstWindowSize : public QObject
{
    Q_OBJECT
private slots:
    void firstWindowFitsTheScreen_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<QByteArray>("scale");
        QTest::addColumn<int>("minRecordRows");
        QTest::addColumn<int>("widestMinimum"); // the window can be made this narrow
        QTest::newRow("1366x768 laptop") << 1366 << 768 << QByteArray("1") << 5 << 1000;
        QTest::newRow("1920x1080 at 200%") << 1920 << 1080 << QByteArray("2") << 3 << 960;
        QTest::newRow("1920x1080") << 1920 << 1080 << QByteArray("1") << 8 << 1200;
    }

    void firstWindowFitsTheScreen()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(QByteArray, scale);
        QFETCH(int, minRecordRows);
        QFETCH(int, widestMinimum);
        QTemporaryDir dir;
        const QString config = dir.filePath("screen.json");
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral(R"({"screens": [{"name": "test", "x": 0, "y": 0, "width": %1, "height": %2,
                                   "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})")
                    .arg(width)
                    .arg(height)
                    .toUtf8());
        f.close();
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen:configfile=") + config);
        env.insert(QStringLiteral("QT_SCALE_FACTOR"), QString::fromLatin1(scale));
        env.insert(QStringLiteral("DNT_FIT_SCREEN"), QStringLiteral("%1x%2@%3:%4:%5")
                                                         .arg(width)
                                                         .arg(height)
                                                         .arg(QString::fromLatin1(scale))
                                                         .arg(minRecordRows)
                                                         .arg(widestMinimum));
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("windowOnThisScreen")});
        QVERIFY(child.waitForFinished(120000));
        const QString out = QString::fromUtf8(child.readAll());
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("PASS   : TstWindowSize::windowOnThisScreen()")), qPrintable(out));
        for (const QString &line : out.split(QLatin1Char('\n')))
            if (line.startsWith(QLatin1String("QINFO")))
                qInfo().noquote() << line; // the sizes measured, for the log
    }

    void windowOnThisScreen()
    {
        const QString spec = qEnvironmentVariable("DNT_FIT_SCREEN");
        if (spec.isEmpty())
            QSKIP("run by firstWindowFitsTheScreen on a screen of a given size");
        const int minRecordRows = spec.section(QLatin1Char(':'), 1, 1).toInt();
        const int widestMinimum = spec.section(QLatin1Char(':'), 2, 2).toInt();
        QTemporaryDir dir;
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path()); // no saved geometry
        QCoreApplication::setOrganizationName(QStringLiteral("DNS Timeline Test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_windowsize"));
        const QString project = makeProject(dir.filePath("fit.dnstimeline"), 40);
        QVERIFY(!project.isEmpty());

        MainWindow w;
        w.setInteractive(false);
        w.show();

        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openProject(project));
        QTRY_COMPARE(w.chartPane()->shownSeries().total(), 40);
        QCoreApplication::processEvents();

        const QRect available = w.screen()->availableGeometry();
        const QSize min = w.minimumSizeHint().expandedTo(w.minimumSize());
        qInfo("%s: available %dx%d, window %dx%d, minimum %dx%d, chart %dx%d", qPrintable(spec), available.width(),
              available.height(), w.width(), w.height(), min.width(), min.height(), w.chartPane()->chart()->width(),
              w.chartPane()->chart()->height());
        for (QDockWidget *d : w.findChildren<QDockWidget *>())
            if (d->isVisible())
                qInfo("  dock %s: %dx%d, minimum %dx%d", qPrintable(d->objectName()), d->width(), d->height(),
                      d->minimumSizeHint().width(), d->minimumSizeHint().height());
        qInfo("  chart pane minimum %dx%d", w.chartPane()->minimumSizeHint().width(), w.chartPane()->minimumSizeHint().height());
        if (qEnvironmentVariableIsSet("DNT_SCREENSHOT_DIR"))
            w.grab().save(qEnvironmentVariable("DNT_SCREENSHOT_DIR") + QStringLiteral("/window-%1.png").arg(spec.section(':', 0, 0)));

        // The window and every control in it are on the screen, and it can be made narrow.
        QVERIFY2(available.contains(w.frameGeometry()), qPrintable(QStringLiteral("%1,%2 %3x%4")
                                                                    .arg(w.frameGeometry().x())
                                                                    .arg(w.frameGeometry().y())
                                                                    .arg(w.frameGeometry().width())
                                                                    .arg(w.frameGeometry().height())));
        QVERIFY2(min.width() <= widestMinimum && min.width() <= available.width() && min.height() <= available.height(),
                 qPrintable(QStringLiteral("minimum %1x%2").arg(min.width()).arg(min.height())));
        int controls = 0;
        for (QWidget *c : w.findChildren<QWidget *>()) {
            // A panel behind another's tab is "visible" but not shown anywhere.
            if (!c->isVisible() || c->window() != &w || c->visibleRegion().isEmpty())
                continue;
            const QRect onScreen(c->mapToGlobal(QPoint(0, 0)), c->size());
            QVERIFY2(available.contains(onScreen) || c->parentWidget() == nullptr,
                     qPrintable(QStringLiteral("%1 %2 at %3,%4 %5x%6")
                                    .arg(QLatin1String(c->metaObject()->className()), c->objectName())
                                    .arg(onScreen.x())
                                    .arg(onScreen.y())
                                    .arg(onScreen.width())
                                    .arg(onScreen.height())));
            ++controls;
        }
        QVERIFY(controls > 50);

        // The chart stays readable, and the bottom panel shows this many records.
        QVERIFY2(w.chartPane()->chart()->width() >= kReadableChartWidth
                     && w.chartPane()->chart()->height() >= kReadableChartHeight,
                 qPrintable(QStringLiteral("chart %1x%2")
                                .arg(w.chartPane()->chart()->width())
                                .arg(w.chartPane()->chart()->height())));
        w.findChild<QDockWidget *>(QStringLiteral("recordsDock"))->raise();
        QCoreApplication::processEvents();
        QTableView *records = w.docks()->recordsPanel()->view();
        QTRY_COMPARE(records->model()->rowCount(), 40);
        const int rows = records->viewport()->height() / records->verticalHeader()->defaultSectionSize();
        QVERIFY2(rows >= minRecordRows, qPrintable(QStringLiteral("%1 rows").arg(rows)));
        // Its buttons get their full width (Export CSV was cut), inside the panel.
        for (QAbstractButton *b : w.docks()->recordsPanel()->findChildren<QAbstractButton *>()) {
            if (!b->isVisible())
                continue;
            QVERIFY2(b->width() >= b->sizeHint().width(), qPrintable(b->text()));
            QVERIFY2(w.docks()->recordsPanel()->rect().contains(QRect(b->mapTo(w.docks()->recordsPanel(), QPoint()), b->size())),
                     qPrintable(b->text()));
        }
        if (qEnvironmentVariableIsSet("DNT_SCREENSHOT_DIR"))
            w.docks()->recordsPanel()->grab().save(qEnvironmentVariable("DNT_SCREENSHOT_DIR")
                                                   + QStringLiteral("/records-%1.png").arg(spec.section(':', 0, 0)));
        // The files table gives the file name the room.
        w.findChild<QDockWidget *>(QStringLiteral("filesDock"))->raise();
        QCoreApplication::processEvents();
        QTableView *files = w.docks()->filesPanel()->view();
        QTRY_COMPARE(files->model()->rowCount(), 1);
        QCOMPARE(files->horizontalHeader()->sectionResizeMode(0), QHeaderView::Stretch);
        const int nameWidth = files->fontMetrics().horizontalAdvance(QStringLiteral("fit.dnstimeline.log"));
        if (widestMinimum >= 1000) // at 960 px the name may be elided
            QVERIFY2(files->columnWidth(0) > nameWidth, qPrintable(QString::number(files->columnWidth(0))));
        if (qEnvironmentVariableIsSet("DNT_SCREENSHOT_DIR"))
            w.docks()->filesPanel()->grab().save(qEnvironmentVariable("DNT_SCREENSHOT_DIR")
                                                 + QStringLiteral("/files-%1.png").arg(spec.section(':', 0, 0)));
    }
};

QTEST_MAIN(TstWindowSize)
#include "tst_windowsize.moc"
