// Opens a project in the main window (off screen) and reports the time until the first chart is drawn.
// With a LOG, it then imports that file through the window (ImportController, as a drop would) and
// reports the longest time the GUI thread's event loop was blocked while the import ran and until the
// chart was redrawn afterwards, measured by a 5 ms QTimer: each gap between two ticks beyond its
// interval is time the event loop could not run.
// usage: dnstimeline_bench_gui PROJECT [LOG]
#include "chartpane.h"
#include "importcontroller.h"
#include "mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QElapsedTimer timer;
    timer.start();
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s PROJECT [LOG]\n", argv[0]);
        return 1;
    }
    const QString log = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString();
    dnt::MainWindow window;
    window.setInteractive(false);
    window.show();

    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QElapsedTimer sinceTick, importClock;
    double maxGapMs = 0;
    QObject::connect(&probe, &QTimer::timeout, &app, [&] {
        maxGapMs = std::max(maxGapMs, sinceTick.nsecsElapsed() / 1e6 - probe.interval());
        sinceTick.restart();
    });
    enum class Phase { Opening, Importing, Redrawing } phase = Phase::Opening;
    double importMs = 0;
    QObject::connect(window.importController(), &dnt::ImportController::finished, &app, [&](const dnt::ImportReport &r) {
        importMs = importClock.nsecsElapsed() / 1e6;
        phase = Phase::Redrawing;
        std::printf("gui: import of %lld lookups finished after %.0f ms\n", static_cast<long long>(r.accepted()), importMs);
    });
    QObject::connect(window.chartPane(), &dnt::ChartPane::seriesShown, &app, [&](const dnt::VolumeSeries &v) {
        window.repaint(); // drawn, not only computed
        if (phase == Phase::Opening) {
            std::printf("gui: first chart drawn after %.0f ms (%lld lookups, %lld buckets)\n", timer.nsecsElapsed() / 1e6,
                        static_cast<long long>(v.total()), static_cast<long long>(v.bucketStarts.size()));
            if (log.isEmpty()) {
                app.quit();
                return;
            }
            phase = Phase::Importing;
            importClock.start();
            sinceTick.start();
            probe.start();
            window.importFiles({log});
        } else if (phase == Phase::Redrawing) {
            probe.stop();
            std::printf("gui: chart redrawn %.0f ms after the import (%lld lookups); event loop blocked at most %.0f ms "
                        "during the import and the redraw\n",
                        importClock.nsecsElapsed() / 1e6 - importMs, static_cast<long long>(v.total()), maxGapMs);
            app.quit();
        }
    });
    QTimer::singleShot(600000, &app, [&] {
        std::fprintf(stderr, "gui: no chart after 600 s\n");
        app.exit(2);
    });
    if (!window.openProject(QString::fromLocal8Bit(argv[1])))
        return 2;
    return app.exec();
}
