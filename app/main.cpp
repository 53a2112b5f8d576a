#include "cli.h"
#include "mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

#include <cstdio>

namespace {

bool hasDisplay()
{
    // The off-screen platforms draw nowhere: a window there is as good as none.
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (platform.startsWith("offscreen") || platform.startsWith("minimal"))
        return false;
    return !platform.isEmpty() || !qgetenv("DISPLAY").isEmpty() || !qgetenv("WAYLAND_DISPLAY").isEmpty();
}

} // namespace

int main(int argc, char **argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    const QString first = args.value(1);

    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        std::printf("dnstimeline %s\n", DNT_VERSION);
        return 0;
    }
    if (first == QLatin1String("--help") || first == QLatin1String("-h")) {
        QTextStream(stdout) << dnt::cliUsage();
        return 0;
    }
    if (dnt::isCliCommand(first)) {
        if (first == QLatin1String("render")) {
            // Charts are drawn off screen so that the same command gives the same pixels everywhere.
            qputenv("QT_QPA_PLATFORM", "offscreen");
            QApplication app(argc, argv);
            return dnt::runCli(args);
        }
        QCoreApplication app(argc, argv);
        return dnt::runCli(args);
    }
    if (first.startsWith(QLatin1String("--"))) {
        QTextStream(stderr) << "dnstimeline: unknown option " << first << "\nTry 'dnstimeline --help'.\n";
        return 1;
    }

    const QStringList files = args.mid(1);
    for (const auto &f : files) {
        if (!QFileInfo::exists(f)) {
            QTextStream(stderr) << "dnstimeline: \"" << f << "\" is neither a command nor an existing file\n"
                                << "Try 'dnstimeline --help'.\n";
            return 1;
        }
    }
    if (!hasDisplay()) {
        // No screen to open a window on: say so, and draw the chart of a given project instead.
        QTextStream err(stderr);
        err << "dnstimeline: no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so no window can open.\n";
        QString project;
        for (const auto &f : files)
            if (f.endsWith(QLatin1String(".dnstimeline")))
                project = f;
        if (project.isEmpty()) {
            err << "Use 'dnstimeline render PROJECT -o OUT.png' to draw a chart without a display.\n";
            return 1;
        }
        const QString png = QDir::temp().filePath(QFileInfo(project).completeBaseName() + QStringLiteral("-chart.png"));
        err << "Rendering the chart of " << project << " to a PNG instead.\n";
        err.flush();
        qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        return dnt::runCli({args.first(), QStringLiteral("render"), project, QStringLiteral("-o"), png});
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("DNS Timeline"));
    QApplication::setOrganizationName(QStringLiteral("DNS Timeline"));
    QApplication::setApplicationVersion(QStringLiteral(DNT_VERSION));
    dnt::MainWindow window;
    window.show();
    QStringList logs;
    for (const auto &f : files) {
        if (f.endsWith(QLatin1String(".dnstimeline")))
            window.openProject(f);
        else
            logs << f;
    }
    window.importFiles(logs);
    return app.exec();
}
