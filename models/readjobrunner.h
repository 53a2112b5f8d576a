#pragma once

#include "store.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <memory>

namespace dnt {

// Runs read queries off the GUI thread. Each job opens its own read-only connection to the project
// (SQLite connections belong to one thread) and hands back a value. Jobs are grouped in channels
// ("chart", "names" …): when a result arrives after a newer job of the same channel was started, it is
// dropped, so a slow query never overwrites a fresher one.
// Create and use from the GUI thread; callbacks run on the GUI thread.
class ReadJobRunner : public QObject
{
    Q_OBJECT
public:
    explicit ReadJobRunner(QObject *parent = nullptr) : QObject(parent)
    {
        m_pool.setMaxThreadCount(QThread::idealThreadCount());
    }

    void setProjectPath(const QString &path)
    {
        m_path = path;
        // Results of queries against the previous project are stale, whatever their channel.
        for (auto it = m_latest.begin(); it != m_latest.end(); ++it)
            ++it.value();
    }
    QString projectPath() const { return m_path; }
    int runningJobs() const { return m_running; }

    template <typename T>
    quint64 run(const QString &channel, std::function<T(Store &)> query, std::function<void(const T &)> done,
                std::function<void(const QString &)> failed = {}, QThreadPool *pool = nullptr)
    {
        const quint64 id = ++m_latest[channel];
        const QString path = m_path;
        struct Outcome
        {
            T value{};
            QString error;
        };
        auto *watcher = new QFutureWatcher<Outcome>(this);
        ++m_running;
        emit busyChanged(true);
        connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, channel, id, done, failed] {
            const Outcome out = watcher->result();
            watcher->deleteLater();
            --m_running;
            emit busyChanged(m_running > 0);
            if (m_latest.value(channel) != id)
                return; // a newer request of this channel exists: drop the stale result
            if (!out.error.isEmpty()) {
                if (failed)
                    failed(out.error);
                return;
            }
            done(out.value);
        });
        watcher->setFuture(QtConcurrent::run(pool ? pool : &m_pool, [path, query]() {
            Outcome out;
            QString error;
            auto store = Store::open(path, Store::Mode::ReadOnly, &error);
            if (!store) {
                out.error = error;
                return out;
            }
            out.value = query(*store);
            return out;
        }));
        return id;
    }

signals:
    void busyChanged(bool busy);

private:
    // Not Qt's global pool: the raster paint engine hands parts of large paints to that pool and waits for
    // them, so a query holding its threads would stall the GUI thread's painting (seen: 580 ms).
    QThreadPool m_pool;
    QString m_path;
    QHash<QString, quint64> m_latest;
    int m_running = 0;
};

} // namespace dnt
