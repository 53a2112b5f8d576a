// The reader-thread job runner: jobs run off the GUI thread, and a result that arrives after a newer
// request of the same channel is dropped (the chart's "a result that arrives after a newer request is
// dropped").
#include "importcontroller.h"
#include "readjobrunner.h"
#include "store.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <atomic>

using namespace dnt;

class TestReadJobRunner : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_path;

private slots:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("p.dnstimeline"));
        QString error;
        QVERIFY2(Store::open(m_path, Store::Mode::Create, &error), qPrintable(error));
    }

    void staleResultsAreDropped()
    {
        const QString path = m_path;
        ReadJobRunner runner;
        runner.setProjectPath(path);
        QVector<int> delivered;
        QThread *gui = QThread::currentThread();
        QThread *worker = nullptr;
        // The first (slow) request finishes after the second: its result must not be shown.
        runner.run<int>(
            QStringLiteral("chart"),
            [&worker](Store &) {
                worker = QThread::currentThread();
                QThread::msleep(400);
                return 1;
            },
            [&](const int &v) { delivered.append(v); });
        runner.run<int>(QStringLiteral("chart"), [](Store &) { return 2; }, [&](const int &v) {
            QCOMPARE(QThread::currentThread(), gui); // callbacks on the GUI thread
            delivered.append(v);
        });
        // Another channel is independent.
        runner.run<int>(QStringLiteral("raster"), [](Store &) { return 3; }, [&](const int &v) { delivered.append(v); });
        QVERIFY(delivered.isEmpty()); // nothing runs on the calling thread
        QTRY_COMPARE_WITH_TIMEOUT(runner.runningJobs(), 0, 5000);
        std::sort(delivered.begin(), delivered.end());
        QCOMPARE(delivered, (QVector<int>{2, 3}));
        QVERIFY(worker != nullptr && worker != gui);

        // A new project makes every pending result stale.
        delivered.clear();
        runner.run<int>(QStringLiteral("chart"), [](Store &) {
            QThread::msleep(200);
            return 4;
        }, [&](const int &v) { delivered.append(v); });
        runner.setProjectPath(path);
        QTRY_COMPARE_WITH_TIMEOUT(runner.runningJobs(), 0, 5000);
        QVERIFY(delivered.isEmpty());
    }

    // Reader jobs and imports keep out of Qt's global pool, which the raster paint engine uses for parts
    // of large paints and waits for: a busy global pool stalled the GUI thread's painting for 580 ms.
    void jobsStayOutOfTheGlobalPool()
    {
        const QString path = m_path;
        ReadJobRunner runner;
        runner.setProjectPath(path);
        std::atomic<bool> release{false};
        std::atomic<int> started{0};
        for (int i = 0; i < 3; ++i)
            runner.run<int>(
                QStringLiteral("busy-%1").arg(i),
                [&](Store &) {
                    ++started;
                    while (!release)
                        QThread::msleep(5);
                    return 0;
                },
                [](const int &) {});
        QTRY_VERIFY_WITH_TIMEOUT(started.load() >= 1, 5000);
        QCOMPARE(QThreadPool::globalInstance()->activeThreadCount(), 0);
        release = true;
        QTRY_COMPARE_WITH_TIMEOUT(runner.runningJobs(), 0, 5000);

        ImportController imports;
        QTemporaryDir logs;
        const QString log = logs.filePath(QStringLiteral("dns.log"));
        QFile f(log);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#separator \\x09\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\n");
        for (int i = 0; i < 200000; ++i)
            f.write(QStringLiteral("%1.5\tC\t10.0.0.%2\t5353\t10.0.0.53\t53\tudp\t1\t-\tn%3.example.com\n")
                        .arg(1462060800 + i).arg(i % 200).arg(i % 999).toUtf8());
        f.close();
        QSignalSpy done(&imports, &ImportController::finished);
        QVERIFY(imports.start(path, {log}, {}));
        QTRY_VERIFY_WITH_TIMEOUT(imports.isRunning() || done.size() == 1, 5000);
        if (imports.isRunning())
            QCOMPARE(QThreadPool::globalInstance()->activeThreadCount(), 0);
        QVERIFY(done.wait(60000) || done.size() == 1);
        QCOMPARE(done.first().first().value<ImportReport>().accepted(), int64_t(200000));
    }
};

QTEST_GUILESS_MAIN(TestReadJobRunner)
#include "tst_readjobrunner.moc"
