// The reader-thread job runner: jobs run off the GUI thread, and a result that arrives after a newer
// request of the same channel is dropped (the chart's "a result that arrives after a newer request is
// dropped").
#include "readjobrunner.h"
#include "store.h"

#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace dnt;

class TestReadJobRunner : public QObject
{
    Q_OBJECT
private slots:
    void staleResultsAreDropped()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.dnstimeline"));
        QString error;
        QVERIFY2(Store::open(path, Store::Mode::Create, &error), qPrintable(error));
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
};

QTEST_GUILESS_MAIN(TestReadJobRunner)
#include "tst_readjobrunner.moc"
