#include "importcontroller.h"
#include "importer.h"
#include "store.h"
#include "timeutil.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace dnt;

namespace {

// n lookups, one per second from 2016-05-04T00:00:00Z, names n0..n99 round robin, clients 10.0.x.y.
QString writeZeek(const QString &path, int n, int firstSecond = 0)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    QByteArray buf = "#separator \\x09\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tquery\tqtype\trcode\n";
    const int64_t base = 1462320000;
    for (int i = 0; i < n; ++i) {
        buf += QByteArray::number(base + firstSecond + i) + ".000001\tC" + QByteArray::number(i) + "\t10.0."
               + QByteArray::number(i % 7) + "." + QByteArray::number(i % 5) + "\t5353\t10.1.1.1\t53\tn"
               + QByteArray::number(i % 100) + ".example.com\t1\t0\n";
        if (buf.size() > (1 << 20)) {
            f.write(buf);
            buf.clear();
        }
    }
    f.write(buf);
    return path;
}

struct Snapshot
{
    Totals totals;
    int files = 0;
    QVector<int64_t> counts;
    bool operator==(const Snapshot &o) const
    {
        return totals.lookups == o.totals.lookups && totals.names == o.totals.names
               && totals.clients == o.totals.clients && totals.files == o.totals.files && files == o.files
               && counts == o.counts;
    }
};

Snapshot snapshot(const QString &project)
{
    QString error;
    auto store = Store::open(project, Store::Mode::ReadOnly, &error);
    Snapshot s;
    if (!store)
        return s;
    s.totals = store->totals();
    s.files = static_cast<int>(store->files().size());
    VolumeQuery q;
    q.unit = BucketUnit::Hour;
    q.fromUs = *parseIso8601(QStringLiteral("2016-05-01"));
    q.toUs = *parseIso8601(QStringLiteral("2016-06-01"));
    const VolumeSeries v = store->volume(q);
    for (const auto &series : v.series)
        s.counts += series.counts;
    return s;
}

} // namespace

class TstImporter : public QObject
{
    Q_OBJECT
private slots:
    void importsAndReports()
    {
        QTemporaryDir dir;
        const QString log = writeZeek(dir.filePath("a.log"), 1000);
        QFile f(log);
        QVERIFY(f.open(QIODevice::Append));
        f.write("not\ta\tvalid\tline\n");
        f.write("1462320000.0\tCx\t10.0.0.1\t1\t10.1.1.1\t53\t-\t1\t0\n"); // response-only row: skipped
        f.close();
        QString error;
        auto store = Store::open(dir.filePath("p.dnstimeline"), Store::Mode::Create, &error);
        QVERIFY2(store, qPrintable(error));
        Importer importer(store.get());
        const FileImportReport r = importer.importFile(log);
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.format, QStringLiteral("zeek"));
        QCOMPARE(r.record.accepted, int64_t(1000));
        QCOMPARE(r.record.rejected, int64_t(1));
        QCOMPARE(r.record.skipped, int64_t(1));
        QCOMPARE(r.problems.size(), 1);
        QCOMPARE(r.problems.first().line, int64_t(1003));
        QCOMPARE(*r.record.firstUs, int64_t(1462320000000001));
        QCOMPARE(*r.record.lastUs, int64_t(1462320999000001));
        QCOMPARE(r.record.sha256.size(), 64);
        const auto files = store->files();
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.first().sha256, r.record.sha256);
        QCOMPARE(files.first().accepted, int64_t(1000));
        QCOMPARE(files.first().rejected, int64_t(1));
        QCOMPARE(files.first().size, QFileInfo(log).size());
        QVERIFY(r.summaryLine().contains("1000 lookups, 1 skipped, 1 rejected"));

        // The same content again (another name) is refused and changes nothing.
        QVERIFY(QFile::copy(log, dir.filePath("b.log")));
        const FileImportReport again = importer.importFile(dir.filePath("b.log"));
        QCOMPARE(again.outcome, FileImportReport::Outcome::Duplicate);
        QCOMPARE(store->totals().lookups, int64_t(1000));
        QCOMPARE(store->files().size(), 1);

        // Unknown format, missing file, a folder.
        QFile bin(dir.filePath("garbage.bin"));
        QVERIFY(bin.open(QIODevice::WriteOnly));
        bin.write(QByteArray(4096, '\x07'));
        bin.close();
        const FileImportReport unknown = importer.importFile(bin.fileName());
        QCOMPARE(unknown.outcome, FileImportReport::Outcome::Failed);
        QVERIFY(unknown.message.contains("garbage.bin"));
        QCOMPARE(importer.importFile(dir.filePath("missing.log")).outcome, FileImportReport::Outcome::Failed);
        QVERIFY(importer.importFile(dir.path()).message.contains("folder"));
        QCOMPARE(store->totals().lookups, int64_t(1000));
    }

    void cancelLeavesProjectUnchanged()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath("p.dnstimeline");
        const QString small = writeZeek(dir.filePath("small.log"), 500);
        const QString big = writeZeek(dir.filePath("big.log"), 600000, 5000);
        {
            QString error;
            auto store = Store::open(project, Store::Mode::Create, &error);
            Importer importer(store.get());
            QVERIFY(importer.importFile(small).ok());
        }
        const Snapshot before = snapshot(project);
        QCOMPARE(before.totals.lookups, int64_t(500));

        // Cancel from the progress callback, i.e. in the middle of the big file.
        QString error;
        auto store = Store::open(project, Store::Mode::ReadWrite, &error);
        std::atomic_bool cancel(false);
        int lastPerMille = -1;
        Importer importer(store.get());
        importer.setCancelFlag(&cancel);
        importer.setProgress([&](int, int, int perMille) {
            lastPerMille = perMille;
            cancel = true;
        });
        const FileImportReport r = importer.importFile(big);
        QCOMPARE(r.outcome, FileImportReport::Outcome::Cancelled);
        QVERIFY(lastPerMille >= 0 && lastPerMille < 1000);
        store.reset();
        QVERIFY(snapshot(project) == before);
    }

    void controllerRunsInBackgroundAndCancels()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath("p.dnstimeline");
        const QString big = writeZeek(dir.filePath("big.log"), 600000);
        const QString small = writeZeek(dir.filePath("small.log"), 10, 1000000);
        ImportController controller;
        QSignalSpy progress(&controller, &ImportController::progress);
        QSignalSpy finished(&controller, &ImportController::finished);
        QVERIFY(controller.start(project, {small}));
        QVERIFY(!controller.start(project, {small})); // one at a time
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().value<ImportReport>().accepted(), int64_t(10));
        const Snapshot before = snapshot(project);

        finished.clear();
        QVERIFY(controller.start(project, {big}));
        // The GUI thread is free while the import runs: cancel on the first progress report.
        QVERIFY(progress.wait(30000));
        controller.cancel();
        QVERIFY(finished.wait(30000));
        const ImportReport report = finished.first().first().value<ImportReport>();
        QVERIFY(report.cancelled);
        QCOMPARE(report.files.first().outcome, FileImportReport::Outcome::Cancelled);
        QVERIFY(snapshot(project) == before);
    }
};

QTEST_GUILESS_MAIN(TstImporter)
#include "tst_importer.moc"
