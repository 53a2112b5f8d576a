// Imports one log file into a new project and prints wall time, lookups per second and peak memory.
// usage: dnstimeline_bench_import LOG [PROJECT]
#include "importer.h"
#include "store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <sys/resource.h>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s LOG [PROJECT]\n", argv[0]);
        return 1;
    }
    const QString log = QString::fromLocal8Bit(argv[1]);
    const QString project = argc > 2 ? QString::fromLocal8Bit(argv[2]) : log + QStringLiteral(".bench.dnstimeline");
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(project + QLatin1String(suffix));
    QElapsedTimer timer;
    timer.start();
    QString error;
    auto store = dnt::Store::open(project, dnt::Store::Mode::Create, &error);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    dnt::Importer importer(store.get());
    const dnt::FileImportReport r = importer.importFile(log);
    const double seconds = timer.nsecsElapsed() / 1e9;
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("%s\n", qPrintable(r.summaryLine()));
    std::printf("import: %.2f s, %.0f lookups/s, peak RSS %.0f MB, project %.0f MB\n", seconds,
                r.record.accepted / seconds, usage.ru_maxrss / 1024.0, QFileInfo(project).size() / 1048576.0);
    return r.ok() ? 0 : 2;
}
