// The records table on a project of a million lookups: pages by key range (a page near the end reads
// only its own rows, proven with SQLite's statement counters), exact counts, exact row values, and the
// Qt model under QAbstractItemModelTester with pages from the reader thread.
#include "readjobrunner.h"
#include "recordtablemodel.h"
#include "store.h"
#include "timeutil.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <string>

#include <sqlite3.h>

using namespace dnt;

namespace {

constexpr int kRows = 1000000;
constexpr int kFirstFile = 700000;                  // rows of part1.log; the rest are part2.log
const int64_t kT0 = 1462060800LL * kUsPerSecond;    // 2016-05-01T00:00:00Z
constexpr int64_t kStepUs = 37000;                  // 37 ms between lookups

int64_t timeOf(int i) { return kT0 + int64_t(i) * kStepUs; }
std::string nameOf(int i) { return "h" + std::to_string(i % 1000) + ".d" + std::to_string(i % 13) + ".example.com"; }
std::string clientOf(int i) { return "10.1.0." + std::to_string(i % 97); }

QString importFile(Store *store, const QString &path, int from, int to)
{
    FileRecord f;
    f.path = path;
    f.format = QStringLiteral("zeek");
    f.compression = QStringLiteral("none");
    QString error;
    auto imp = store->beginFileImport(f, &error);
    if (!imp)
        return error;
    for (int i = from; i < to; ++i) {
        const std::string name = nameOf(i), client = clientOf(i);
        LookupRecord r;
        r.timeUs = timeOf(i);
        r.client = client;
        r.server = "10.1.0.53";
        r.name = name;
        r.qtype = i % 5 == 0 ? 28 : 1;
        r.rcode = i % 11 == 0 ? 3 : 0;
        r.line = i - from + 1;
        if (!imp->add(r, &error))
            return error;
    }
    f.sha256 = path; // unique per file
    f.accepted = to - from;
    return imp->commit(f, &error) ? QString() : error;
}

} // namespace

class TstRecordTableModel : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_path;

private slots:
    void initTestCase()
    {
        m_path = m_dir.filePath("million.dnstimeline");
        QString error;
        auto store = Store::open(m_path, Store::Mode::Create, &error);
        QVERIFY2(store, qPrintable(error));
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(importFile(store.get(), QStringLiteral("/logs/part1.log"), 0, kFirstFile), QString());
        QCOMPARE(importFile(store.get(), QStringLiteral("/logs/part2.log"), kFirstFile, kRows), QString());
        const qint64 importMs = timer.restart();
        QVERIFY(!store->hasRecordIndex());
        QVERIFY2(store->ensureRecordIndex(&error), qPrintable(error));
        QVERIFY(store->hasRecordIndex());
        qInfo("imported %d lookups in %lld ms; records index built in %lld ms", kRows, importMs, timer.elapsed());
        QCOMPARE(store->totals().lookups, int64_t(kRows));
    }

    void pageNearTheEndReadsOnlyItself()
    {
        QString error;
        auto store = Store::open(m_path, Store::Mode::ReadOnly, &error);
        QVERIFY(store);
        RecordQuery newest;
        newest.descending = true;
        const RecordPage last = store->recordPage(newest, std::nullopt, 500);
        QCOMPARE(last.rows.size(), 500);
        QVERIFY(!last.atEnd);
        QCOMPARE(last.rows.first().timeUs, timeOf(kRows - 1));
        QCOMPARE(last.rows.last().timeUs, timeOf(kRows - 500));
        QCOMPARE(last.fullScanSteps, int64_t(0));
        // From the key of the 500th row from the end, ascending: the last 499 rows, and nothing before
        // them is read: a few index rows and VM steps, not a million.
        const RecordRow &k = last.rows.last();
        RecordQuery oldest;
        const RecordPage tail = store->recordPage(oldest, RecordKey{k.timeUs, k.nameId, k.clientId, k.rowid}, 1000);
        QCOMPARE(tail.rows.size(), 499);
        QVERIFY(tail.atEnd);
        QCOMPARE(tail.fullScanSteps, int64_t(0));
        QVERIFY2(tail.indexRowsRead <= 500, qPrintable(QString::number(tail.indexRowsRead)));
        QVERIFY2(tail.vmSteps < 50000, qPrintable(QString::number(tail.vmSteps)));
        qInfo("page of 499 rows at the end: %lld index rows, %lld VM steps, %lld full-scan steps", qlonglong(tail.indexRowsRead),
              qlonglong(tail.vmSteps), qlonglong(tail.fullScanSteps));
        // Exact values of a known row: i = 999,900 is the 400th of the tail.
        const int i = 999900;
        const RecordRow &r = tail.rows.at(i - (kRows - 499));
        QCOMPARE(r.timeUs, timeOf(i));
        QCOMPARE(r.client, QString::fromStdString(clientOf(i)));
        QCOMPARE(r.server, QStringLiteral("10.1.0.53"));
        QCOMPARE(r.name, QString::fromStdString(nameOf(i)));
        QCOMPARE(r.qtype, 28);
        QCOMPARE(r.rcode, 3); // 999,900 is a multiple of 11
        QCOMPARE(r.file, QStringLiteral("part2.log"));
        QCOMPARE(r.line, int64_t(i - kFirstFile + 1));
        QCOMPARE(tail.rows.last().timeUs, timeOf(kRows - 1));
    }

    void selectionAndRange()
    {
        QString error;
        auto store = Store::open(m_path, Store::Mode::ReadOnly, &error);
        RecordQuery q;
        q.selection.names = {QStringLiteral("h7.d7.example.com")}; // i ≡ 7 (mod 13000)
        const int expected = (kRows - 7 + 12999) / 13000;
        QCOMPARE(store->recordCount(q), int64_t(expected));
        const RecordPage page = store->recordPage(q, std::nullopt, 1000);
        QCOMPARE(page.rows.size(), expected);
        QVERIFY(page.atEnd);
        for (int k = 0; k < page.rows.size(); ++k)
            QCOMPARE(page.rows[k].timeUs, timeOf(7 + 13000 * k));
        // A time range (as selected on the chart): exact count to the microsecond, first row.
        RecordQuery range;
        range.fromUs = timeOf(500000) - 1;
        range.toUs = timeOf(600000);
        QCOMPARE(store->recordCount(range), int64_t(100000));
        const RecordPage first = store->recordPage(range, std::nullopt, 10);
        QCOMPARE(first.rows.first().timeUs, timeOf(500000));
        QCOMPARE(first.rows.first().file, QStringLiteral("part1.log"));
        QCOMPARE(first.rows.first().line, int64_t(500001));
        // A domain with its subdomains, a client filter.
        RecordQuery d;
        d.selection.domains = {QStringLiteral("d3.example.com")};
        d.selection.clients = {QStringLiteral("10.1.0.5")};
        int64_t brute = 0;
        for (int i = 0; i < kRows; ++i)
            brute += (i % 13 == 3 && i % 97 == 5);
        QCOMPARE(store->recordCount(d), brute);
    }

    void modelUnderTester()
    {
        // The tester asks for more after every page (as a view that is never full) and walks all rows
        // each time: a query of the last 3,000 lookups of the million keeps that affordable.
        ReadJobRunner runner;
        runner.setProjectPath(m_path);
        RecordTableModel model(&runner);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        RecordQuery tail;
        tail.fromUs = timeOf(kRows - 3000);
        model.setQuery(tail);
        QTRY_VERIFY_WITH_TIMEOUT(model.atEnd() && !model.isLoading(), 60000);
        QCOMPARE(model.rowCount(), 3000);
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), int64_t(3000), 20000);
        for (int r = 0; r < model.rowCount(); r += 499)
            QCOMPARE(model.recordAt(r).timeUs, timeOf(kRows - 3000 + r));
        QCOMPARE(model.recordAt(2999).line, int64_t(kRows - kFirstFile));

        // A newer query wins: the pages of the older one are dropped.
        RecordQuery a;
        a.selection.names = {QStringLiteral("h1.d1.example.com")};
        RecordQuery b;
        b.selection.names = {QStringLiteral("h7.d7.example.com")};
        model.setQuery(a);
        model.setQuery(b);
        QTRY_VERIFY_WITH_TIMEOUT(model.atEnd() && !model.isLoading(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), int64_t((kRows - 7 + 12999) / 13000), 20000);
        QCOMPARE(model.rowCount(), int((kRows - 7 + 12999) / 13000));
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.recordAt(r).name, QStringLiteral("h7.d7.example.com"));
        QVERIFY(!model.canFetchMore({}));
    }

    void modelPagesAMillion()
    {
        ReadJobRunner runner;
        runner.setProjectPath(m_path);
        RecordTableModel model(&runner);
        RecordQuery q;
        q.descending = true;
        model.setQuery(q);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), RecordTableModel::kPageSize, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), int64_t(kRows), 20000);
        QCOMPARE(model.data(model.index(0, RecordTableModel::TimeColumn)).toString(),
                 QStringLiteral("2016-05-01 10:16:39.963000")); // t0 + 999999 × 37 ms
        QCOMPARE(model.data(model.index(0, RecordTableModel::NameColumn)).toString(),
                 QString::fromStdString(nameOf(kRows - 1)));
        QCOMPARE(model.data(model.index(0, RecordTableModel::FileColumn)).toString(), QStringLiteral("part2.log"));
        QCOMPARE(model.data(model.index(0, RecordTableModel::LineColumn)).toLongLong(), qlonglong(kRows - kFirstFile));
        QCOMPARE(model.data(model.index(0, RecordTableModel::TypeColumn)).toString(), QStringLiteral("A"));
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2 * RecordTableModel::kPageSize, 20000);
        QCOMPARE(model.recordAt(2 * RecordTableModel::kPageSize - 1).timeUs, timeOf(kRows - 1000));
        // rcode mnemonic: i = 999,009 is a multiple of 11 → NXDOMAIN
        const int row = kRows - 1 - 999009;
        QCOMPARE(model.data(model.index(row, RecordTableModel::RcodeColumn)).toString(), QStringLiteral("NXDOMAIN"));
        QCOMPARE(model.rowCount(), 2 * RecordTableModel::kPageSize); // nothing read ahead of the view

        RecordQuery b;
        b.selection.names = {QStringLiteral("h7.d7.example.com")};
        model.setQuery(b);
        QTRY_VERIFY_WITH_TIMEOUT(model.atEnd() && !model.isLoading(), 20000);

        // Copy and CSV: header and the exact rows; a name starting with '=' is neutralised in CSV.
        const QString tsv = model.rowsAsTsv({0});
        QCOMPARE(tsv.section(QLatin1Char('\n'), 0, 0), QStringLiteral("Time\tClient\tSource\tServer\tName\tType\tRcode\tFile\tLine\tProcess"));
        QCOMPARE(tsv.section(QLatin1Char('\n'), 1, 1),
                 QStringLiteral("2016-05-01 00:00:00.259000\t10.1.0.7\t\t10.1.0.53\th7.d7.example.com\tA\tNOERROR\tpart1.log\t8\t"));
        const QString exportPath = m_dir.filePath("all.csv");
        bool done = false;
        int64_t written = -1;
        model.exportAllCsv(exportPath, [&](int64_t n, const QString &error) {
            QVERIFY2(error.isEmpty(), qPrintable(error));
            written = n;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        QCOMPARE(written, int64_t(model.rowCount()));
        QFile f(exportPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QCOMPARE(lines.size(), model.rowCount() + 2); // header, rows, empty after the last CRLF
        QCOMPARE(lines.at(1).trimmed(), QByteArray("2016-05-01 00:00:00.259000,10.1.0.7,,10.1.0.53,h7.d7.example.com,A,NOERROR,part1.log,8,"));
    }

    // The Source column says who a client is: its label and the groups it is in.
    void sourceShowsLabelAndGroups()
    {
        QString error;
        {
            auto store = Store::open(m_path, Store::Mode::ReadWrite, &error);
            QVERIFY2(store, qPrintable(error));
            QVERIFY2(store->setLabels({{QStringLiteral("10.1.0.7"), QStringLiteral("NS7")}}, &error), qPrintable(error));
            QVERIFY2(store->saveGroup({QStringLiteral("Lab"), QStringLiteral("#112233"), {QStringLiteral("10.1.0.0/24")}}, &error),
                     qPrintable(error));
            QVERIFY2(store->saveGroup({QStringLiteral("Seven"), QStringLiteral("#445566"), {QStringLiteral("10.1.0.7")}}, &error),
                     qPrintable(error));
        }
        ReadJobRunner runner;
        runner.setProjectPath(m_path);
        RecordTableModel model(&runner);
        RecordQuery q;
        q.selection.names = {QStringLiteral("h7.d7.example.com")};
        model.setQuery(q);
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 0 && !model.isLoading(), 20000);
        QCOMPARE(model.data(model.index(0, RecordTableModel::ClientColumn)).toString(), QStringLiteral("10.1.0.7"));
        QCOMPARE(model.data(model.index(0, RecordTableModel::SourceColumn)).toString(), QStringLiteral("NS7 · Lab, Seven"));
        QVERIFY(model.rowsAsTsv({0}).section(QLatin1Char('\n'), 1, 1).contains(QStringLiteral("\t10.1.0.7\tNS7 · Lab, Seven\t")));
        {
            auto store = Store::open(m_path, Store::Mode::ReadWrite, &error);
            QVERIFY2(store, qPrintable(error));
            QVERIFY(store->removeGroup(QStringLiteral("Lab"), &error));
            QVERIFY(store->removeGroup(QStringLiteral("Seven"), &error));
            QVERIFY(store->setLabels({{QStringLiteral("10.1.0.7"), QString()}}, &error));
        }
    }

    // Sysmon's process image is the last column, in the table and in what is copied.
    void processColumnShowsTheImage()
    {
        const QString path = m_dir.filePath("sysmon.dnstimeline");
        QString error;
        {
            auto store = Store::open(path, Store::Mode::Create, &error);
            QVERIFY2(store, qPrintable(error));
            FileRecord f;
            f.path = QStringLiteral("/logs/sysmon.json");
            f.format = QStringLiteral("sysmon");
            f.compression = QStringLiteral("none");
            auto imp = store->beginFileImport(f, &error);
            QVERIFY2(imp, qPrintable(error));
            for (int i = 0; i < 2; ++i) {
                LookupRecord r;
                r.timeUs = 1718031234000000 + i;
                r.client = "ws7";
                r.name = "mail1.trump-email.com";
                r.line = i + 1;
                if (i == 0)
                    r.image = R"(C:\Windows\System32\nslookup.exe)";
                QVERIFY2(imp->add(r, &error), qPrintable(error));
            }
            f.sha256 = QStringLiteral("ab");
            f.accepted = 2;
            QVERIFY2(imp->commit(f, &error), qPrintable(error));
        }
        ReadJobRunner runner;
        runner.setProjectPath(path);
        RecordTableModel model(&runner);
        model.setQuery(RecordQuery());
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() == 2 && !model.isLoading(), 20000);
        QCOMPARE(model.headerData(RecordTableModel::ProcessColumn, Qt::Horizontal).toString(), QStringLiteral("Process"));
        QCOMPARE(model.data(model.index(0, RecordTableModel::ProcessColumn)).toString(), QStringLiteral(R"(C:\Windows\System32\nslookup.exe)"));
        QCOMPARE(model.data(model.index(1, RecordTableModel::ProcessColumn)).toString(), QString());
        QVERIFY(model.rowsAsTsv({0}).section(QLatin1Char('\n'), 1, 1).endsWith(QStringLiteral("\tsysmon.json\t1\tC:\\Windows\\System32\\nslookup.exe")));
    }

    // Without the time index the model builds it on its idle-priority thread, says so, then shows the
    // first page; a model destroyed while it builds cancels the build and leaves the project as it was.
    void indexBuiltOnItsOwnThreadAndCancelled()
    {
        const QString small = m_dir.filePath("small.dnstimeline");
        QString error;
        {
            auto store = Store::open(small, Store::Mode::Create, &error);
            QVERIFY2(store, qPrintable(error));
            QCOMPARE(importFile(store.get(), QStringLiteral("/logs/small.log"), 0, 20000), QString());
            QVERIFY(!store->hasRecordIndex());
        }
        {
            ReadJobRunner runner;
            runner.setProjectPath(small);
            RecordTableModel model(&runner);
            QSignalSpy building(&model, &RecordTableModel::indexBuilding);
            model.setQuery({});
            QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 0 && !model.isLoading(), 20000);
            QCOMPARE(building.size(), 2);
            QCOMPARE(building.at(0).at(0).toBool(), true);
            QCOMPARE(building.at(1).at(0).toBool(), false);
            QCOMPARE(model.recordAt(0).timeUs, timeOf(0));
            QCOMPARE(model.rowCount(), RecordTableModel::kPageSize);
        }
        auto check = Store::open(small, Store::Mode::ReadOnly, &error);
        QVERIFY(check->hasRecordIndex());

        // The million, without its index: cancelled as soon as the build starts.
        const QString copy = m_dir.filePath("cancel.dnstimeline");
        QVERIFY(QFile::copy(m_path, copy));
        {
            auto store = Store::open(copy, Store::Mode::ReadWrite, &error);
            QVERIFY2(store, qPrintable(error));
            QCOMPARE(sqlite3_exec(store->handle(), "DROP INDEX lookups_t", nullptr, nullptr, nullptr), SQLITE_OK);
        }
        QElapsedTimer timer;
        {
            ReadJobRunner runner;
            runner.setProjectPath(copy);
            auto model = std::make_unique<RecordTableModel>(&runner);
            QSignalSpy building(model.get(), &RecordTableModel::indexBuilding);
            model->setQuery({});
            QTRY_VERIFY_WITH_TIMEOUT(building.size() == 1, 20000);
            QTest::qWait(50); // the build has begun (or is about to)
            timer.start();
            model.reset();
        }
        qInfo("cancelled the records index build; the model was gone after %lld ms", timer.elapsed());
        auto after = Store::open(copy, Store::Mode::ReadOnly, &error);
        QVERIFY2(after, qPrintable(error));
        QVERIFY(!after->hasRecordIndex());
        QCOMPARE(after->totals().lookups, int64_t(kRows));
    }
};

QTEST_GUILESS_MAIN(TstRecordTableModel)
#include "tst_recordtablemodel.moc"
