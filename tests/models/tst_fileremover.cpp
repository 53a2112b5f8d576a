// Removing a file's lookups (and undoing it) runs on a thread of its own: the GUI thread's event loop
// keeps running meanwhile (a timer keeps ticking), and the project ends exactly as asked.
#include "../store/storetestutil.h"
#include "fileremover.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace dnt;
using namespace dnt::test;

class TstFileRemover : public QObject
{
    Q_OBJECT
private slots:
    void removalKeepsTheEventLoopRunning()
    {
        QTemporaryDir dir;
        QString error;
        const QString path = dir.filePath("p.dnstimeline");
        const int64_t t0 = *parseIso8601(QStringLiteral("2016-05-01T00:00:00Z"));
        std::vector<Rec> big, small;
        for (int i = 0; i < 600000; ++i)
            big.push_back({t0 + i * int64_t(1000003), "10.0.0." + std::to_string(i % 61), "10.0.0.53",
                           "n" + std::to_string(i % 997) + ".example.com", 1, 0, i + 1});
        for (int i = 0; i < 1000; ++i)
            small.push_back({t0 + i * int64_t(7000000), "10.0.1.1", "10.0.0.53", "small.example.org", 1, 0, i + 1});
        int64_t bigId = 0;
        {
            auto store = Store::open(path, Store::Mode::Create, &error);
            QVERIFY(store);
            QCOMPARE(importRecords(store.get(), big, QStringLiteral("/l/big.log"), fakeSha("big")), QString());
            QCOMPARE(importRecords(store.get(), small, QStringLiteral("/l/small.log"), fakeSha("small")), QString());
            bigId = store->files().at(0).id;
        }
        QUndoStack undo;
        FileRemover remover(&undo);
        remover.setProjectPath(path);
        QSignalSpy busy(&remover, &FileRemover::busyChanged);
        int ticks = 0;
        QTimer timer;
        timer.setInterval(5);
        QObject::connect(&timer, &QTimer::timeout, [&ticks] { ++ticks; });
        timer.start();
        QElapsedTimer clock;
        clock.start();
        FileRecord f;
        f.id = bigId;
        f.path = QStringLiteral("/l/big.log");
        QVERIFY(remover.removeFile(f));
        const qint64 ms = clock.elapsed();
        const int during = ticks;
        qInfo("removing 600,000 lookups took %lld ms; the 5 ms timer ticked %d times meanwhile", ms, during);
        QVERIFY2(during >= ms / 5 / 4, qPrintable(QStringLiteral("%1 ticks in %2 ms").arg(during).arg(ms)));
        QCOMPARE(busy.size(), 2);
        {
            auto store = Store::open(path, Store::Mode::ReadOnly, &error);
            QCOMPARE(store->totals().lookups, int64_t(1000));
        }
        undo.undo();
        {
            auto store = Store::open(path, Store::Mode::ReadOnly, &error);
            QCOMPARE(store->totals().lookups, int64_t(601000));
        }
    }
};

QTEST_GUILESS_MAIN(TstFileRemover)
#include "tst_fileremover.moc"
