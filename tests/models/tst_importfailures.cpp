// A file that fails part-way through its import leaves the project exactly as it was: a gzip or zstd
// file cut short after many lines were already handed to the store, and a capture whose last record
// is cut short. The report names the file, where reading stopped (line or packet) and why.
#include "../import/importtestsupport.h"
#include "importer.h"
#include "store.h"
#include "timeutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace dnt;
using dnt::test::gzip;
using dnt::test::zstd;

namespace {

constexpr int kBigLines = 60000;

// n Zeek TSV lookups, one per second from 2016-05-04T00:00:00Z + firstSecond.
QByteArray zeekLog(int n, int firstSecond)
{
    QByteArray buf = "#separator \\x09\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tquery\tqtype\trcode\n";
    for (int i = 0; i < n; ++i)
        buf += QByteArray::number(int64_t(1462320000) + firstSecond + i) + ".000001\tC" + QByteArray::number(i)
               + "\t10.0." + QByteArray::number(i % 7) + "." + QByteArray::number(i % 5) + "\t5353\t10.1.1.1\t53\tn"
               + QByteArray::number(i % 100) + ".example.com\t1\t0\n";
    return buf;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Everything a user can see of a project: totals, the file list, and a chart query's answer.
struct Snapshot
{
    int64_t lookups = -1, names = -1, clients = -1, files = -1;
    std::optional<int64_t> firstUs, lastUs;
    QStringList fileList; // path, format, sha256, counts per file
    QVector<int64_t> hourly;
    QStringList topNames;

    bool operator==(const Snapshot &o) const
    {
        return lookups == o.lookups && names == o.names && clients == o.clients && files == o.files &&
               firstUs == o.firstUs && lastUs == o.lastUs && fileList == o.fileList && hourly == o.hourly &&
               topNames == o.topNames;
    }
};

Snapshot snapshot(const QString &project)
{
    QString error;
    auto store = Store::open(project, Store::Mode::ReadOnly, &error);
    Snapshot s;
    if (!store)
        return s;
    const Totals t = store->totals();
    s.lookups = t.lookups;
    s.names = t.names;
    s.clients = t.clients;
    s.files = t.files;
    s.firstUs = t.firstUs;
    s.lastUs = t.lastUs;
    for (const FileRecord &f : store->files())
        s.fileList << QStringLiteral("%1 %2 %3 %4/%5/%6")
                          .arg(f.path, f.format, f.sha256)
                          .arg(f.accepted)
                          .arg(f.skipped)
                          .arg(f.rejected);
    VolumeQuery q;
    q.unit = BucketUnit::Hour;
    q.fromUs = *parseIso8601(QStringLiteral("2016-05-01T00:00:00Z"));
    q.toUs = *parseIso8601(QStringLiteral("2016-06-01T00:00:00Z"));
    for (const auto &series : store->volume(q).series)
        s.hourly += series.counts;
    for (const NameCount &n : store->topNames(20))
        s.topNames << QStringLiteral("%1=%2").arg(n.name).arg(n.count);
    return s;
}

// Opens the project, imports one file, closes the project (so the next snapshot sees the file's state).
FileImportReport importInto(const QString &project, const QString &path)
{
    QString error;
    auto store = Store::open(project, Store::Mode::ReadWrite, &error);
    if (!store) {
        FileImportReport r;
        r.message = error;
        return r;
    }
    Importer importer(store.get());
    return importer.importFile(path);
}

// "…after line N: …" / "…packet N: …": the number N in the message, or -1.
int64_t numberAfter(const QString &message, const QString &word)
{
    const qsizetype at = message.indexOf(word);
    if (at < 0)
        return -1;
    qsizetype end = at + word.size();
    while (end < message.size() && message[end].isDigit())
        ++end;
    bool ok = false;
    const int64_t n = message.mid(at + word.size(), end - at - word.size()).toLongLong(&ok);
    return ok ? n : -1;
}

} // namespace

class TstImportFailures : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath(QStringLiteral("p%1.dnstimeline").arg(++m_run));
        QString error;
        auto store = Store::open(m_project, Store::Mode::Create, &error);
        QVERIFY2(store, qPrintable(error));
        const QString first = m_dir.filePath(QStringLiteral("first%1.log").arg(m_run));
        QVERIFY(writeFile(first, zeekLog(500, 0)));
        Importer importer(store.get());
        const FileImportReport r = importer.importFile(first);
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.record.accepted, int64_t(500));
    }

    void truncatedCompressedFile_data()
    {
        QTest::addColumn<QString>("compression");
        QTest::addColumn<QString>("reason");
        QTest::newRow("gzip") << "gzip" << "truncated gzip data";
        QTest::newRow("zstd") << "zstd" << "truncated zstd data";
    }

    void truncatedCompressedFile()
    {
        QFETCH(QString, compression);
        QFETCH(QString, reason);
        const Snapshot before = snapshot(m_project);
        QCOMPARE(before.lookups, int64_t(500));
        QCOMPARE(before.fileList.size(), 1);

        // Other seconds than the first file, so that a partial import would change every figure.
        const QByteArray plain = zeekLog(kBigLines, 10000);
        const QByteArray packed = compression == QLatin1String("gzip") ? gzip(plain) : zstd(plain);
        QVERIFY(packed.size() > 1000);
        const QString path = m_dir.filePath(QStringLiteral("cut%1.log.%2").arg(m_run).arg(compression));
        QVERIFY(writeFile(path, packed.left(packed.size() * 2 / 3)));

        const FileImportReport r = importInto(m_project, path);
        QCOMPARE(r.outcome, FileImportReport::Outcome::Failed);
        QCOMPARE(r.format, QStringLiteral("zeek"));
        QVERIFY2(r.message.startsWith(path + QLatin1String(": ")), qPrintable(r.message));
        QVERIFY2(r.message.contains(reason), qPrintable(r.message));
        QVERIFY2(r.message.contains(QLatin1String("nothing from this file was imported")), qPrintable(r.message));
        // It failed mid-way: well after the first lines (so records had reached the store), before the end.
        const int64_t line = numberAfter(r.message, QStringLiteral("after line "));
        QVERIFY2(line > 1000 && line < kBigLines, qPrintable(r.message));
        QVERIFY(snapshot(m_project) == before);
    }

    void readerFailsMidway()
    {
        // The real capture with its last record cut short: libpcap stops at that packet.
        QFile fixture(QStringLiteral(DNT_TEST_DATA "/realdns/capture.pcap"));
        QVERIFY(fixture.open(QIODevice::ReadOnly));
        const QByteArray capture = fixture.readAll();
        QVERIFY(capture.size() > 1000);
        const QString path = m_dir.filePath(QStringLiteral("cut%1.pcap").arg(m_run));
        QVERIFY(writeFile(path, capture.left(capture.size() - 5)));
        const QString whole = m_dir.filePath(QStringLiteral("whole%1.pcap").arg(m_run));
        QVERIFY(writeFile(whole, capture));

        const Snapshot before = snapshot(m_project);
        const FileImportReport r = importInto(m_project, path);
        QCOMPARE(r.outcome, FileImportReport::Outcome::Failed);
        QCOMPARE(r.format, QStringLiteral("pcap"));
        QVERIFY2(r.message.startsWith(path + QLatin1String(": packet ")), qPrintable(r.message));
        QVERIFY2(r.message.contains(QLatin1String("truncated")), qPrintable(r.message));
        QVERIFY2(r.message.contains(QLatin1String("nothing from this file was imported")), qPrintable(r.message));
        QVERIFY(snapshot(m_project) == before);

        // The same capture whole imports, which shows the cut file had lookups before its bad packet.
        const FileImportReport good = importInto(m_project, whole);
        QVERIFY2(good.ok(), qPrintable(good.message));
        const int64_t packet = numberAfter(r.message, QStringLiteral("packet "));
        QVERIFY2(packet > 1, qPrintable(r.message));
        QVERIFY(good.record.accepted > 0);
        const Snapshot after = snapshot(m_project);
        QCOMPARE(after.lookups, before.lookups + good.record.accepted);
        QCOMPARE(after.fileList.size(), 2);
    }

    void failureInABatchKeepsTheOthers()
    {
        // importFiles: a good file after a failing one still comes in; the failing one adds nothing.
        const QString cut = m_dir.filePath(QStringLiteral("batch%1.log.gz").arg(m_run));
        const QByteArray packed = gzip(zeekLog(kBigLines, 20000));
        QVERIFY(writeFile(cut, packed.left(packed.size() / 2)));
        const QString ok = m_dir.filePath(QStringLiteral("ok%1.log").arg(m_run));
        QVERIFY(writeFile(ok, zeekLog(300, 90000)));
        const Snapshot before = snapshot(m_project);
        ImportReport report;
        {
            QString error;
            auto store = Store::open(m_project, Store::Mode::ReadWrite, &error);
            Importer importer(store.get());
            report = importer.importFiles({cut, ok});
        }
        QCOMPARE(report.files.size(), 2);
        QCOMPARE(report.files[0].outcome, FileImportReport::Outcome::Failed);
        QVERIFY2(report.files[0].message.contains(QLatin1String("truncated gzip data")),
                 qPrintable(report.files[0].message));
        QVERIFY(report.files[1].ok());
        QVERIFY(!report.allOk());
        QCOMPARE(report.accepted(), int64_t(300));
        const Snapshot after = snapshot(m_project);
        QCOMPARE(after.lookups, before.lookups + 300);
        QCOMPARE(after.fileList.size(), 2);
        QVERIFY(after.fileList.last().startsWith(ok + QLatin1Char(' ')));
    }

private:
    QTemporaryDir m_dir;
    QString m_project;
    int m_run = 0;
};

QTEST_GUILESS_MAIN(TstImportFailures)
#include "tst_importfailures.moc"
