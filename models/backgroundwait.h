#pragma once

#include <QEventLoop>
#include <QFutureWatcher>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

namespace dnt {

// For the few writes a window must finish before it goes on (removing a file's lookups, upgrading a
// project when it is opened): the work runs on a thread of its own while the GUI thread waits in a local
// event loop that keeps painting and timers going but takes no user input, so the window never freezes
// and nothing can start another write meanwhile. GUI thread; the work must not touch widgets.
template <typename T>
T waitInBackground(std::function<T()> work)
{
    static QThreadPool pool; // not Qt's global pool (see ReadJobRunner)
    QFutureWatcher<T> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run(&pool, std::move(work)));
    if (!watcher.isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    watcher.waitForFinished();
    return watcher.result();
}

} // namespace dnt
