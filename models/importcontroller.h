#pragma once

#include "importer.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace dnt {

// Runs one import job (a list of files) on a worker thread with its own read-write connection to
// the project, reports throttled progress and can be cancelled. A cancelled or failed file is rolled
// back completely. Create and call from the GUI thread; signals arrive on the GUI thread.
class ImportController : public QObject
{
    Q_OBJECT
public:
    explicit ImportController(QObject *parent = nullptr);
    ~ImportController() override;

    // Starts importing; false if an import is already running.
    bool start(const QString &projectPath, const QStringList &files, const ImportOptions &options = {});
    bool isRunning() const;
    // Asks the running import to stop; the current file is rolled back. Returns at once.
    void cancel();
    // Blocks until the running import has finished (used on shutdown and in tests).
    void waitForFinished();

signals:
    void progress(int fileIndex, int fileCount, int perMille);
    void finished(const dnt::ImportReport &report);

private:
    std::unique_ptr<std::atomic_bool> m_cancel;
    QFutureWatcher<ImportReport> *m_watcher = nullptr;
    QThreadPool m_pool; // one thread of its own, not Qt's global pool (see ReadJobRunner)
};

} // namespace dnt
