// Opens a project in the main window (off screen) and reports the time until the first chart is drawn.
// usage: dnstimeline_bench_gui PROJECT
#include "chartpane.h"
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
        std::fprintf(stderr, "usage: %s PROJECT\n", argv[0]);
        return 1;
    }
    dnt::MainWindow window;
    window.setInteractive(false);
    window.show();
    QObject::connect(window.chartPane(), &dnt::ChartPane::seriesShown, &app, [&](const dnt::VolumeSeries &v) {
        window.repaint(); // drawn, not only computed
        std::printf("gui: first chart drawn after %.0f ms (%lld lookups, %lld buckets)\n", timer.nsecsElapsed() / 1e6,
                    static_cast<long long>(v.total()), static_cast<long long>(v.bucketStarts.size()));
        app.quit();
    });
    QTimer::singleShot(60000, &app, [&] {
        std::fprintf(stderr, "gui: no chart after 60 s\n");
        app.exit(2);
    });
    if (!window.openProject(QString::fromLocal8Bit(argv[1])))
        return 2;
    return app.exec();
}
