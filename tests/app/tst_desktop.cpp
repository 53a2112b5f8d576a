// The desktop-application parts of the main window: Open Recent, Close, settings (zone, bucket, theme),
// window geometry, Help › About and the user guide, tooltips.
#include "aboutdialog.h"
#include "appsettings.h"
#include "chartpane.h"
#include "countlistmodel.h"
#include "domaintreemodel.h"
#include "importcontroller.h"
#include "importui.h"
#include "mainwindow.h"
#include "pairtablemodel.h"
#include "pairview.h"
#include "workspace.h"
#include "reader.h"
#include "recentprojects.h"
#include "settingsdialog.h"
#include "store.h"
#include "timelinechart.h"
#include "timeutil.h"
#include "userguidewindow.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>

#include "apptestutil.h"

using namespace dnt;
using dnt::test::makeProject;

namespace
{

QAction *menuAction(QMainWindow &w, const QString &menuTitle, const QString &text)
{
    for (QAction *m : w.menuBar()->actions())
        if (m->text().remove(QLatin1Char('&')) == menuTitle && m->menu())
            for (QAction *a : m->menu()->actions())
                if (a->text().remove(QLatin1Char('&')) == text)
                    return a;
    return nullptr;
}

} // namespace

class TstDesktop : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // Settings go to a file of this test only, never to the user's configuration.
        QVERIFY(m_settingsDir.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("DNS Timeline Test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_desktop"));
    }

    void init() { QSettings().clear(); }

    void aboutNamesTheVersionsInUse()
    {
        const ComponentVersions v = componentVersions();
        QCOMPARE(v.app, QStringLiteral(DNT_VERSION));
        QCOMPARE(v.qtRuntime, QString::fromLatin1(qVersion()));
        QCOMPARE(v.qtBuild, QStringLiteral(QT_VERSION_STR));
        // Debian 12 ships QCustomPlot 2.1.0 and SQLite 3.40; the version comes from the linked library.
        QCOMPARE(v.qcustomplot, QStringLiteral("2.1.0"));
        QVERIFY2(QRegularExpression(QStringLiteral("^3\\.\\d+\\.\\d+$")).match(v.sqlite).hasMatch(),
                 qPrintable(v.sqlite));
    }

    void userGuideCoversEveryFormatAndCommand()
    {
        const QString guide = userGuideMarkdown();
        QVERIFY(guide.size() > 4000);
        for (const QString &format : knownFormats()) {
            // Each format is a row of the formats table: its name, what it is, an example line.
            const QRegularExpression row(
                QStringLiteral("^\\| `%1` \\|[^|]+\\|[^|]+\\|$").arg(QRegularExpression::escape(format)),
                QRegularExpression::MultilineOption);
            QVERIFY2(row.match(guide).hasMatch(), qPrintable(format));
        }
        for (const char *command : {"import", "files", "stats", "render", "events", "groups", "pairs", "views"})
            QVERIFY2(guide.contains(QStringLiteral("dnstimeline %1 ").arg(QLatin1String(command))), command);
        UserGuideWindow window;
        const QString shown = window.browser()->toPlainText();
        QVERIFY(shown.contains(QStringLiteral("User guide")));
        QVERIFY(shown.contains(QStringLiteral("mail1.trump-email.com")));
        QVERIFY(!shown.contains(QStringLiteral("| `zeek`"))); // rendered as a table, not as raw Markdown
    }

    void openRecentKeepsOrderAndDropsMissingFiles()
    {
        QTemporaryDir dir;
        const QString a = makeProject(dir.filePath("a.dnstimeline"), 0);
        const QString b = makeProject(dir.filePath("b.dnstimeline"), 0);
        const QString c = makeProject(dir.filePath("c.dnstimeline"), 0);
        QVERIFY(!a.isEmpty() && !b.isEmpty() && !c.isEmpty());
        MainWindow w;
        w.setInteractive(false);
        for (const QString &p : {a, b, c, a})
            QVERIFY(w.openProject(p));
        QCOMPARE(w.recentProjects()->paths(), (QStringList{a, c, b}));

        QVERIFY(QFile::remove(c));
        QCOMPARE(w.recentProjects()->paths(), (QStringList{a, b}));
        QCOMPARE(QSettings().value(QStringLiteral("recentProjects")).toStringList(), (QStringList{a, b}));

        // The menu offers the remaining projects; choosing one opens it.
        QAction *recentMenu = menuAction(w, QStringLiteral("File"), QStringLiteral("Open Recent"));
        QVERIFY(recentMenu && recentMenu->menu());
        emit recentMenu->menu()->aboutToShow();
        QStringList entries;
        QAction *bEntry = nullptr;
        for (QAction *act : recentMenu->menu()->actions()) {
            if (act->data().toString().isEmpty())
                continue;
            entries << act->data().toString();
            if (act->data().toString() == b)
                bEntry = act;
        }
        QCOMPARE(entries, (QStringList{a, b}));
        QVERIFY(bEntry);
        bEntry->trigger();
        QCOMPARE(w.projectPath(), b);
        QCOMPARE(w.recentProjects()->paths(), (QStringList{b, a}));

        // A second window (the next start of the program) sees the same list.
        MainWindow again;
        QCOMPARE(again.recentProjects()->paths(), (QStringList{b, a}));
    }

    void closeProjectEmptiesTheWindow()
    {
        QTemporaryDir dir;
        const QString p = makeProject(dir.filePath("case.dnstimeline"), 40);
        QVERIFY(!p.isEmpty());
        MainWindow w;
        w.setInteractive(false);
        QSignalSpy shown(w.chartPane(), &ChartPane::seriesShown);
        QVERIFY(w.openProject(p));
        QTRY_VERIFY(!shown.isEmpty() && w.chartPane()->shownSeries().total() == 40);
        QTRY_COMPARE(w.domainModel()->rowCount(), 1);
        QCOMPARE(w.windowTitle(), QStringLiteral("case — DNS Timeline"));
        QTRY_VERIFY(w.workspace()->pairView()->model()->rowCount() > 0); // 10.0.0.1 × a.example.com

        QAction *close = menuAction(w, QStringLiteral("File"), QStringLiteral("Close Project"));
        QVERIFY(close);
        close->trigger();
        QCOMPARE(w.projectPath(), QString());
        QCOMPARE(w.windowTitle(), QStringLiteral("DNS Timeline"));
        QCOMPARE(w.domainModel()->rowCount(), 0);
        QCOMPARE(w.clientsModel()->rowCount(), 0);
        QCOMPARE(w.workspace()->pairView()->model()->rowCount(), 0);
        QCOMPARE(w.chartPane()->shownSeries().total(), 0);
        QVERIFY(w.chartPane()->shownSeries().bucketStarts.isEmpty());
        // Results of the closed project that were still on their way never reach the empty window.
        QTest::qWait(200);
        QCOMPARE(w.domainModel()->rowCount(), 0);
        // The project file itself is untouched and opens again.
        QVERIFY(w.openProject(p));
        QTRY_COMPARE(w.chartPane()->shownSeries().total(), 40);
    }

    void settingsRoundTripAndApply()
    {
        AppSettings defaults = AppSettings::load();
        QVERIFY(isUtc(defaults.displayZone));
        QVERIFY(!defaults.defaultBucket);
        QCOMPARE(defaults.theme, AppSettings::Theme::System);

        SettingsDialog dialog(defaults);
        dialog.zoneBox()->setCurrentText(QStringLiteral("America/New_York"));
        dialog.bucketBox()->setCurrentIndex(dialog.bucketBox()->findData(QStringLiteral("day")));
        dialog.themeBox()->setCurrentIndex(dialog.themeBox()->findData(QStringLiteral("dark")));
        const AppSettings chosen = dialog.settings();
        QCOMPARE(zoneName(chosen.displayZone), QStringLiteral("America/New_York"));
        QCOMPARE(chosen.defaultBucket, std::optional<BucketUnit>(BucketUnit::Day));
        QCOMPARE(chosen.theme, AppSettings::Theme::Dark);
        chosen.save();
        QVERIFY(AppSettings::load() == chosen);
        QCOMPARE(QSettings().value(QStringLiteral("defaultBucket")).toString(), QStringLiteral("day"));

        // A zone name that is not a zone keeps the current zone.
        dialog.zoneBox()->setCurrentText(QStringLiteral("Mars/Olympus_Mons"));
        QCOMPARE(zoneName(dialog.settings().displayZone), QStringLiteral("UTC"));

        // A new window starts with the saved zone and theme: the chart is drawn dark on screen.
        MainWindow w;
        QCOMPARE(zoneName(w.chartPane()->displayZone()), QStringLiteral("America/New_York"));
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 128);
        w.resize(800, 500);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_VERIFY(w.chartPane()->chart()->grab().toImage().pixelColor(3, 3).lightness() < 80);
        applyAppTheme(AppSettings::Theme::System);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() >= 128);
        QTRY_VERIFY(w.chartPane()->chart()->grab().toImage().pixelColor(3, 3).lightness() > 200);
    }

    void defaultBucketAndFixedBuckets()
    {
        QTemporaryDir dir;
        const QString p = makeProject(dir.filePath("minutes.dnstimeline"), 40);
        QVERIFY(!p.isEmpty());
        AppSettings settings;
        settings.defaultBucket = BucketUnit::Day;
        settings.save();

        MainWindow w;
        w.setInteractive(false);
        QCOMPARE(w.chartPane()->bucket(), std::optional<BucketUnit>(BucketUnit::Day));
        QVERIFY(w.openProject(p));
        // 40 lookups, one a minute from 00:00 on 1 May 2016: one day bucket holds them all.
        QTRY_VERIFY(w.chartPane()->shownSeries().total() == 40 &&
                    w.chartPane()->shownSeries().unit == BucketUnit::Day);
        QCOMPARE(w.chartPane()->shownSeries().bucketStarts.size(), 1);
        QCOMPARE(w.chartPane()->shownSeries().bucketStarts.first(), 1462060800LL * 1000000LL);

        w.chartPane()->setBucket(BucketUnit::Minute);
        QTRY_VERIFY(w.chartPane()->shownSeries().unit == BucketUnit::Minute);
        const VolumeSeries &minutes = w.chartPane()->shownSeries();
        // The view keeps the day it showed: 1,440 minute buckets, the first 40 with one lookup each.
        QCOMPARE(minutes.bucketStarts.size(), 1440);
        QCOMPARE(minutes.total(), 40);
        for (int i = 0; i < 1440; ++i)
            QCOMPARE(minutes.series.first().counts.at(i), i < 40 ? 1 : 0);

        // Back to automatic: the chart is queried again and the box says so.
        QSignalSpy again(w.chartPane(), &ChartPane::seriesShown);
        w.chartPane()->setBucket(std::nullopt);
        QTRY_VERIFY(!again.isEmpty());
        QCOMPARE(w.chartPane()->bucket(), std::nullopt);
        QCOMPARE(w.chartPane()->bucketBox()->currentIndex(), 0);
        QCOMPARE(w.chartPane()->shownSeries().total(), 40);
    }

    void importProgressInTheStatusBarWithCancel()
    {
        QTemporaryDir dir;
        const QString project = makeProject(dir.filePath("big.dnstimeline"), 0);
        QVERIFY(!project.isEmpty());
        // A log large enough to be cancelled in the middle: 400,000 lookups.
        QFile log(dir.filePath("big.log"));
        QVERIFY(log.open(QIODevice::WriteOnly));
        log.write("#separator \\x09\n#fields\tts\tid.orig_h\tid.resp_h\tquery\tqtype\trcode\n");
        QByteArray chunk;
        for (int i = 0; i < 400000; ++i) {
            chunk += QByteArray::number(1462060800 + i) + ".0\t10.0.0." + QByteArray::number(i % 200) +
                     "\t10.0.0.53\tn" + QByteArray::number(i % 5000) + ".example.com\t1\t0\n";
            if (chunk.size() > (1 << 20)) {
                log.write(chunk);
                chunk.clear();
            }
        }
        log.write(chunk);
        log.close();

        MainWindow w;
        w.setInteractive(false);
        QVERIFY(w.openProject(project));
        ImportUi *ui = w.findChild<ImportUi *>();
        QVERIFY(ui);
        QVERIFY(ui->statusWidget()->isHidden());
        QSignalSpy progress(w.importController(), &ImportController::progress);
        QSignalSpy finished(w.importController(), &ImportController::finished);
        w.importFiles({log.fileName()});
        // Not modal: the window stays usable, the progress is in the status bar.
        QVERIFY(!ui->statusWidget()->isHidden());
        QCOMPARE(QApplication::activeModalWidget(), nullptr);
        QCOMPARE(ui->progressText(), QStringLiteral("Importing file 1 of 1…"));
        QTRY_VERIFY(progress.size() >= 2 || !finished.isEmpty());
        if (finished.isEmpty()) {
            QVERIFY(ui->progressBar()->value() > 0);
            QVERIFY(ui->progressBar()->value() < 1000);
            ui->cancelButton()->click();
            QCOMPARE(ui->progressText(), QStringLiteral("Cancelling: rolling back the current file…"));
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QVERIFY(ui->statusWidget()->isHidden());
        QString error;
        auto store = Store::open(project, Store::Mode::ReadOnly, &error);
        QVERIFY2(store, qPrintable(error));
        const auto report = finished.first().first().value<ImportReport>();
        // Either cancelled (nothing stored) or — on a very fast machine — finished before the click.
        qInfo("import %s", report.cancelled ? "cancelled in the middle" : "finished before the cancel");
        if (report.cancelled)
            QCOMPARE(store->totals().lookups, 0);
        else
            QCOMPARE(store->totals().lookups, 400000);
    }

    void windowFitsALaptopScreen()
    {
        // 1366 × 768 is the smallest common laptop screen: the window must be able to shrink to it.
        QTemporaryDir dir;
        const QString p = makeProject(dir.filePath("laptop.dnstimeline"), 40);
        QVERIFY(!p.isEmpty());
        MainWindow w;
        w.setInteractive(false);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openProject(p));
        // With a chart shown, the toolbar's status text is at its longest.
        QTRY_COMPARE(w.chartPane()->shownSeries().total(), 40);
        QCoreApplication::processEvents();
        const QSize min = w.minimumSizeHint().expandedTo(w.minimumSize());
        QVERIFY2(min.width() <= 1366 && min.height() <= 740,
                 qPrintable(QStringLiteral("%1x%2").arg(min.width()).arg(min.height())));
        w.resize(1366, 740);
        QCOMPARE(w.size(), QSize(1366, 740));
    }

    void windowGeometryIsRestored()
    {
        {
            MainWindow w;
            w.resize(1320, 900);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.close();
        }
        MainWindow again;
        QCOMPARE(again.size(), QSize(1320, 900));
    }

    void everyToolbarControlExplainsItself()
    {
        MainWindow w;
        int checked = 0;
        for (QToolBar *bar : w.findChildren<QToolBar *>())
            for (QAction *a : bar->actions()) {
                if (a->isSeparator())
                    continue;
                QVERIFY2(!a->toolTip().isEmpty() && a->toolTip() != a->text(), qPrintable(a->text()));
                ++checked;
            }
        for (QAbstractButton *b : w.chartPane()->findChildren<QAbstractButton *>()) {
            QVERIFY2(!b->toolTip().isEmpty(), qPrintable(b->text()));
            ++checked;
        }
        for (QComboBox *c : w.chartPane()->findChildren<QComboBox *>()) {
            QVERIFY2(!c->toolTip().isEmpty(), qPrintable(c->currentText()));
            ++checked;
        }
        QVERIFY(checked >= 8);
    }

private:
    QTemporaryDir m_settingsDir;
};

QTEST_MAIN(TstDesktop)
#include "tst_desktop.moc"
