// Cancels an import half-way through the GUI's code path (ImportController: worker thread, its own
// connection) and reports how long the job took to return after the cancel request, and whether the
// project is exactly as before (a fingerprint of every table's row count and sums, before and after).
// usage: dnstimeline_bench_cancel PROJECT LOG [PERMILLE]
#include "importcontroller.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <sqlite3.h>

#include <cstdio>

namespace {

QString fingerprint(const QString &project)
{
    sqlite3 *db = nullptr;
    QString out;
    if (sqlite3_open_v2(QFile::encodeName(project).constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        return QStringLiteral("cannot open");
    for (const char *sql :
         {"SELECT count(*), total(t), total(name_id), total(client_id), coalesce(max(rowid), 0) FROM lookups",
          "SELECT count(*), total(length(data)), total(name_id * 7 + day * 3), max(hex(data)) FROM name_days",
          "SELECT count(*), total(length(data)), total(client_id * 7 + day * 3), max(hex(data)) FROM client_days",
          "SELECT count(*), total(n), total(minute) FROM minute_total",
          "SELECT count(*), total(n), total(first_us), total(last_us) FROM name_totals",
          "SELECT count(*), total(n), total(first_us), total(last_us) FROM client_totals",
          "SELECT count(*), total(length(name)) FROM names", "SELECT count(*), total(length(address)) FROM clients",
          "SELECT count(*), total(accepted), group_concat(sha256) FROM files", "SELECT value FROM meta WHERE key = 'lookups'"}) {
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) {
            out += QStringLiteral("error;");
            continue;
        }
        while (sqlite3_step(s) == SQLITE_ROW)
            for (int c = 0; c < sqlite3_column_count(s); ++c)
                out += QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, c))) + QLatin1Char(',');
        sqlite3_finalize(s);
        out += QLatin1Char(';');
    }
    sqlite3_close(db);
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s PROJECT LOG [PERMILLE]\n", argv[0]);
        return 1;
    }
    const QString project = QString::fromLocal8Bit(argv[1]);
    const QString log = QString::fromLocal8Bit(argv[2]);
    const int at = argc > 3 ? std::atoi(argv[3]) : 500;
    const QString before = fingerprint(project);
    dnt::ImportController controller;
    QElapsedTimer sinceStart, sinceCancel;
    int cancelledAt = -1;
    QObject::connect(&controller, &dnt::ImportController::progress, &app, [&](int, int, int perMille) {
        if (cancelledAt < 0 && perMille >= at) {
            cancelledAt = perMille;
            sinceCancel.start();
            controller.cancel();
        }
    });
    double returnedMs = -1;
    bool cancelled = false;
    QObject::connect(&controller, &dnt::ImportController::finished, &app, [&](const dnt::ImportReport &r) {
        returnedMs = sinceCancel.isValid() ? sinceCancel.nsecsElapsed() / 1e6 : -1;
        cancelled = r.cancelled;
        app.quit();
    });
    sinceStart.start();
    controller.start(project, {log});
    app.exec();
    const bool same = fingerprint(project) == before;
    std::printf("cancel: requested at %d per mille after %.1f s, job returned %.0f ms later, %s, project %s\n",
                cancelledAt, (sinceStart.nsecsElapsed() / 1e9) - returnedMs / 1000, returnedMs,
                cancelled ? "cancelled" : "NOT cancelled", same ? "unchanged" : "CHANGED");
    return cancelled && same ? 0 : 2;
}
