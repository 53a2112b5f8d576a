// End to end: the real CLI on the bundled (synthetic) demo log, with every figure compared to counts
// the test computes itself from the same file.
#include "bucket.h"
#include "eventeditor.h"
#include "store.h"
#include "timeutil.h"

#include <QColor>
#include <QCryptographicHash>
#include <QFileInfo>
#include <cstdlib>
#include <QFile>
#include <QDateTime>
#include <QImage>
#include <QProcessEnvironment>
#include <QTimeZone>
#include <QImageReader>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "apptestutil.h"

using namespace dnt;
using namespace dnt::test;

namespace {

struct Row
{
    int64_t us;
    QString client;
    QString name;
};

} // namespace

class TstCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_log;
    QString m_project;
    QVector<Row> m_rows;

    // bucket start -> count, for rows matching pred, with explicit zeros from first to last bucket
    template <typename Pred>
    QMap<int64_t, int64_t> expected(Pred pred, BucketUnit unit, int64_t from = INT64_MIN, int64_t to = INT64_MAX)
    {
        QMap<int64_t, int64_t> m;
        int64_t first = INT64_MAX, last = INT64_MIN;
        for (const Row &r : m_rows) {
            if (!pred(r) || r.us < from || r.us >= to)
                continue;
            const int64_t b = bucketFloor(r.us, unit);
            m[b] += 1;
            first = std::min(first, b);
            last = std::max(last, b);
        }
        if (from != INT64_MIN)
            first = bucketFloor(from, unit);
        if (to != INT64_MAX)
            last = bucketFloor(to - 1, unit);
        for (int64_t b = first; b <= last; b = bucketNext(b, unit))
            m.insert(b, m.value(b));
        return m;
    }

    static QMap<int64_t, int64_t> parseStats(const QString &tsv, const QString &series)
    {
        QMap<int64_t, int64_t> m;
        const QStringList lines = tsv.split('\n', Qt::SkipEmptyParts);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QStringList f = lines.at(i).split('\t');
            if (f.size() != 3 || f.at(1) != series)
                continue;
            m.insert(*parseIso8601(f.at(0)), f.at(2).toLongLong());
        }
        return m;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(QFile::exists(QStringLiteral(DNT_CLI_PATH)));
        // The demo log, decompressed by gzip (not by our code), is the fixture.
        QProcess gz;
        gz.start(QStringLiteral("gzip"), {QStringLiteral("-dc"), QStringLiteral(DNT_SOURCE_DIR "/resources/demo/dns.log.gz")});
        QVERIFY2(gz.waitForFinished(60000), "gzip must be installed (Debian package gzip)");
        const QByteArray data = gz.readAllStandardOutput();
        QVERIFY(data.size() > 1000000);
        m_log = m_dir.filePath(QStringLiteral("dns.log"));
        QFile f(m_log);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(data);
        f.close();
        // Independent parse: fixed column order of this file (ts, uid, id.orig_h, …, query at 8).
        for (const QByteArray &line : data.split('\n')) {
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const QList<QByteArray> f = line.split('\t');
            QCOMPARE(f.size(), 23);
            const QList<QByteArray> ts = f.at(0).split('.');
            m_rows.append({ts.at(0).toLongLong() * 1000000 + ts.at(1).toLongLong(), QString::fromLatin1(f.at(2)),
                           QString::fromLatin1(f.at(8))});
        }
        QCOMPARE(m_rows.size(), 29398);
        m_project = m_dir.filePath(QStringLiteral("case.dnstimeline"));
    }

    void importAndRefuseDuplicate()
    {
        Run r = cli({"import", m_project, m_log});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("29398 lookups")), qPrintable(r.out));
        // Same content under another name: refused, exit 2, nothing counted twice.
        const QString copy = m_dir.filePath(QStringLiteral("renamed.log"));
        QVERIFY(QFile::copy(m_log, copy));
        r = cli({"import", m_project, copy});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("already imported")), qPrintable(r.err));
        r = cli({"stats", m_project, "--bucket", "week"});
        QCOMPARE(r.exitCode, 0);
        int64_t total = 0;
        for (auto v : parseStats(r.out, QStringLiteral("all")))
            total += v;
        QCOMPARE(total, int64_t(29398));
    }

    void missingFileDoesNotStopOthers()
    {
        const QString other = m_dir.filePath(QStringLiteral("small.log"));
        QFile f(other);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#fields\tts\tid.orig_h\tquery\n1475000000.5\t10.9.9.9\tSmall.Example.\n");
        f.close();
        const QString project = m_dir.filePath(QStringLiteral("two.dnstimeline"));
        const Run r = cli({"import", project, m_dir.filePath(QStringLiteral("nope.log")), other});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("nope.log")));
        QVERIFY2(r.out.contains(QStringLiteral("small.log: 1 lookups")), qPrintable(r.out));
        const Run s = cli({"stats", project, "--name", "small.example", "--bucket", "day"});
        QCOMPARE(s.out, QStringLiteral("bucket\tseries\tcount\n2016-09-27T00:00:00Z\tall\t1\n"));
    }

    void statsPerDayForOneName()
    {
        const Run r = cli({"stats", m_project, "--name", "MAIL1.trump-email.com.", "--bucket", "day"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("bucket\tseries\tcount\n")));
        const auto want = expected([](const Row &x) { return x.name == QLatin1String("mail1.trump-email.com"); },
                                   BucketUnit::Day);
        QCOMPARE(parseStats(r.out, QStringLiteral("all")), want);
        QCOMPARE(want.firstKey(), *parseIso8601(QStringLiteral("2016-05-04")));
        QCOMPARE(want.lastKey(), *parseIso8601(QStringLiteral("2016-09-22")));
    }

    void statsSplitByClientForDomain()
    {
        const Run r = cli({"stats", m_project, "--domain", "trump-email.com", "--split", "client", "--bucket", "week"});
        QCOMPARE(r.exitCode, 0);
        for (const QString client : {"217.12.96.15", "217.12.97.15", "167.73.110.8", "198.51.100.23"}) {
            auto want = expected(
                [&](const Row &x) { return x.name.endsWith(QLatin1String("trump-email.com")) && x.client == client; },
                BucketUnit::Week);
            // The split shares one bucket range: that of the whole selection.
            const auto all = expected([](const Row &x) { return x.name.endsWith(QLatin1String("trump-email.com")); },
                                      BucketUnit::Week);
            for (auto it = all.begin(); it != all.end(); ++it)
                want.insert(it.key(), want.value(it.key()));
            QCOMPARE(parseStats(r.out, client), want);
        }
        // Weeks start on Monday.
        QCOMPARE(formatIsoUtc(parseStats(r.out, QStringLiteral("217.12.96.15")).firstKey()),
                 QStringLiteral("2016-05-02T00:00:00Z"));
    }

    void statsClientRangeAndTimeWindow()
    {
        const QString from = QStringLiteral("2016-07-01T00:00:00Z"), to = QStringLiteral("2016-07-02T06:00:00+02:00");
        const Run r = cli({"stats", m_project, "--client", "217.12.96.0/23", "--bucket", "hour", "--from", from, "--to", to});
        QCOMPARE(r.exitCode, 0);
        const auto want = expected([](const Row &x) { return x.client.startsWith(QLatin1String("217.12.9")); },
                                   BucketUnit::Hour, *parseIso8601(from), *parseIso8601(to));
        QCOMPARE(want.size(), 28); // 00:00Z on 1 July up to (excluding) 04:00Z on 2 July
        QCOMPARE(parseStats(r.out, QStringLiteral("all")), want);
    }

    void filesCommand()
    {
        const Run r = cli({"files", m_project});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0), QStringLiteral("id\tpath\tformat\tcompression\tsize\tsha256\taccepted\tskipped\trejected\tzone\tyear\tfirst\tlast"));
        const QStringList f = lines.at(1).split('\t');
        QCOMPARE(f.size(), 13);
        QCOMPARE(f.at(1), QFileInfo(m_log).absoluteFilePath());
        QCOMPARE(f.at(2), QStringLiteral("zeek"));
        QCOMPARE(f.at(3), QStringLiteral("none"));
        QCOMPARE(f.at(4).toLongLong(), QFileInfo(m_log).size());
        // The hash is that of the file's bytes (computed here independently).
        QFile file(m_log);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(f.at(5), QString::fromLatin1(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex()));
        QCOMPARE(f.at(6), QStringLiteral("29398"));
        QCOMPARE(f.at(11), formatIsoUtc(m_rows.first().us));
    }

    void statsInDisplayZone()
    {
        // Days in New York: an independent count by local date, with QDateTime's zone rules.
        const QTimeZone ny("America/New_York");
        const Run r = cli({"stats", m_project, "--name", "mail1.trump-email.com", "--bucket", "day", "--tz", "America/New_York"});
        QCOMPARE(r.exitCode, 0);
        QMap<QDate, int64_t> want;
        for (const Row &x : m_rows)
            if (x.name == QLatin1String("mail1.trump-email.com"))
                want[QDateTime::fromMSecsSinceEpoch(x.us / 1000, ny).date()] += 1;
        QMap<QDate, int64_t> got;
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QStringList f = lines.at(i).split('\t');
            QVERIFY2(f.at(0).endsWith("T00:00:00-04:00"), qPrintable(f.at(0))); // local midnight, EDT
            if (f.at(2) != QLatin1String("0"))
                got[QDate::fromString(f.at(0).left(10), Qt::ISODate)] = f.at(2).toLongLong();
        }
        QCOMPARE(got, want);
    }

    void renderIsTheSameInEveryMachineZone()
    {
        const QString a = m_dir.filePath(QStringLiteral("tz-utc.png")), b = m_dir.filePath(QStringLiteral("tz-ny.png"));
        const QStringList args{"render", m_project, "--name", "mail1.trump-email.com", "--bucket", "week", "--size", "900x500"};
        QCOMPARE(cli(args + QStringList{"-o", a}, "UTC").exitCode, 0);
        QCOMPARE(cli(args + QStringList{"-o", b}, "America/New_York").exitCode, 0);
        QFile fa(a), fb(b);
        QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
        const QByteArray da = fa.readAll();
        QVERIFY(da.size() > 1000);
        QCOMPARE(da, fb.readAll());
        // With a display zone, too.
        const QString c = m_dir.filePath(QStringLiteral("tz-c.png")), d = m_dir.filePath(QStringLiteral("tz-d.png"));
        QCOMPARE(cli(args + QStringList{"--tz", "Asia/Kolkata", "-o", c}, "UTC").exitCode, 0);
        QCOMPARE(cli(args + QStringList{"--tz", "Asia/Kolkata", "-o", d}, "America/New_York").exitCode, 0);
        QFile fc(c), fd(d);
        QVERIFY(fc.open(QIODevice::ReadOnly) && fd.open(QIODevice::ReadOnly));
        const QByteArray dc = fc.readAll();
        QCOMPARE(dc, fd.readAll());
        QVERIFY(dc != da); // the zone does change the picture
    }

    void usageErrors()
    {
        QCOMPARE(cli({"stats", m_project, "--tz", "Nowhere/Special"}).exitCode, 1);
        QCOMPARE(cli({"import", m_project, m_log, "--tz", "Mars/Olympus_Mons"}).exitCode, 1);
        QCOMPARE(cli({"import", m_project, m_log, "--year", "1800"}).exitCode, 1);
        QCOMPARE(cli({"import", m_project, m_log, "--format", "nonsense"}).exitCode, 1);
        QCOMPARE(cli({"import", m_project, m_log, "--ports", "53,99999"}).exitCode, 1);
        QCOMPARE(cli({"stats", m_project, "--bucket", "fortnight"}).exitCode, 1);
        QCOMPARE(cli({"stats", m_project, "--client", "bank"}).exitCode, 1);
        QCOMPARE(cli({"stats", m_project, "--from", "yesterday"}).exitCode, 1);
        QCOMPARE(cli({"frobnicate"}).exitCode, 1);
        QCOMPARE(cli({"stats"}).exitCode, 1);
        const Run help = cli({"--help"});
        QCOMPARE(help.exitCode, 0);
        for (const char *word : {"import", "stats", "render", "events", "--domain", "--split", "Exit status"})
            QVERIFY2(help.out.contains(QLatin1String(word)), word);
        QCOMPARE(cli({"stats", m_dir.filePath("absent.dnstimeline")}).exitCode, 2);
    }

    void events()
    {
        Run r = cli({"events", m_project, "import", DNT_SOURCE_DIR "/resources/demo/events.csv"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cli({"events", m_project, "list"});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 9);
        QCOMPARE(lines.at(0), QStringLiteral("id\tstart\tend\ttitle\tcategory\tnote\turl"));
        QVERIFY(lines.at(2).contains(QStringLiteral("\t2016-07-18T00:00:00Z\t2016-07-22T00:00:00Z\tRepublican National Convention\t")));

        const QString bad = m_dir.filePath(QStringLiteral("bad.csv"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("start,end,title,category,note,url\n2016-01-01,,ok,,,\nnot-a-date,,x,,,\n2016-01-02,,,,,\n");
        f.close();
        r = cli({"events", m_project, "import", bad});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("bad.csv: line 3")));
        QVERIFY(r.err.contains(QStringLiteral("bad.csv: line 4")));
        QCOMPARE(cli({"events", m_project, "list"}).out.split('\n', Qt::SkipEmptyParts).size(), 9); // nothing added

        const QString exported = m_dir.filePath(QStringLiteral("out.csv"));
        QCOMPARE(cli({"events", m_project, "export", exported}).exitCode, 0);
        QFile e(exported);
        QVERIFY(e.open(QIODevice::ReadOnly));
        QVERIFY(e.readAll().startsWith("start,end,title,category,note,url\r\n2016-06-07T00:00:00Z,,Primaries"));
    }

    void renderPng()
    {
        const QString png = m_dir.filePath(QStringLiteral("mail1.png"));
        const Run r = cli({"render", m_project, "-o", png, "--name", "mail1.trump-email.com", "--bucket", "week",
                           "--from", "2016-05-01", "--to", "2016-11-01", "--size", "1200x600"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QImageReader reader(png);
        QCOMPARE(reader.format(), QByteArray("png"));
        QCOMPARE(reader.size(), QSize(1200, 600));
        const QImage img = reader.read();
        // Columns that hold bars: saturated colour somewhere in the lower half of the plot.
        auto coloured = [&](int x) {
            for (int y = img.height() * 55 / 100; y < img.height() * 85 / 100; ++y) {
                const QColor c = img.pixelColor(x, y);
                if (c.hsvSaturation() > 80 && c.value() > 60)
                    return true;
            }
            return false;
        };
        int left = 0, right = 0;
        for (int x = img.width() * 20 / 100; x < img.width() * 60 / 100; ++x)
            left += coloured(x) ? 1 : 0;
        // October (about 84–97 % of the range) has no lookups of the name and no event marker.
        for (int x = img.width() * 86 / 100; x < img.width() * 94 / 100; ++x)
            right += coloured(x) ? 1 : 0;
        QVERIFY2(left > img.width() * 20 / 100, qPrintable(QString::number(left)));
        QCOMPARE(right, 0);

        // Event markers: vertical lines over most of the plot height, in their category's colour. The
        // bank is contacted on 21 Sep (Press), the name removed on 23 Sep and the new name seen on 27 Sep
        // (DNS): 77–81 % of the range from 1 May to 1 Nov, nothing between 86 and 95 %.
        // Their colours are the ones the project stored for the categories when the events came in.
        QList<QColor> markers;
        {
            QString error;
            const auto store = Store::open(m_project, Store::Mode::ReadOnly, &error);
            QVERIFY2(store, qPrintable(error));
            for (const EventCategory &c : store->categories())
                if (c.name == QLatin1String("Press") || c.name == QLatin1String("DNS"))
                    markers.append(QColor(c.color));
        }
        QCOMPARE(markers.size(), 2);
        auto markerColumn = [&](int x) {
            int run = 0;
            for (int y = 0; y < img.height(); ++y) {
                const QColor c = img.pixelColor(x, y);
                for (const QColor &marker : markers)
                    if (std::abs(c.red() - marker.red()) < 12 && std::abs(c.green() - marker.green()) < 12
                        && std::abs(c.blue() - marker.blue()) < 12) {
                        ++run;
                        break;
                    }
            }
            return run > img.height() / 2;
        };
        QVector<int> columns;
        for (int x = 0; x < img.width(); ++x)
            if (markerColumn(x))
                columns << x;
        int nearSept = 0, inOctober = 0;
        for (int x : columns) {
            nearSept += (x > img.width() * 70 / 100 && x < img.width() * 85 / 100) ? 1 : 0;
            inOctober += (x > img.width() * 86 / 100 && x < img.width() * 95 / 100) ? 1 : 0;
        }
        QVERIFY2(nearSept >= 3, qPrintable(QString::number(nearSept)));
        QCOMPARE(inOctober, 0);

        QCOMPARE(cli({"render", m_project, "-o", m_dir.filePath("x.gif")}).exitCode, 1);
        QCOMPARE(cli({"render", m_project, "-o", png, "--scale", "9"}).exitCode, 1);

        // The other formats, by extension.
        for (const char *ext : {"jpg", "pdf", "svg"}) {
            const QString out = m_dir.filePath(QStringLiteral("chart.") + QLatin1String(ext));
            QCOMPARE(cli({"render", m_project, "-o", out, "--name", "mail1.trump-email.com", "--footer"}).exitCode, 0);
            QVERIFY2(QFileInfo(out).size() > 1000, ext);
        }
        // The CSV holds exactly the buckets of `stats` for the same selection.
        const QString csv = m_dir.filePath(QStringLiteral("chart.csv"));
        // (--range selection: stats covers the selection's first to last lookup, render the project by default.)
        QCOMPARE(cli({"render", m_project, "-o", csv, "--name", "mail1.trump-email.com", "--bucket", "day", "--range",
                      "selection"})
                     .exitCode,
                 0);
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        QMap<int64_t, int64_t> fromCsv;
        bool header = false, sawProvenance = false;
        for (const QByteArray &line : csvFile.readAll().split('\n')) {
            const QString l = QString::fromUtf8(line).trimmed();
            if (l.startsWith('#')) {
                sawProvenance = sawProvenance || l.contains(QStringLiteral("sha256"));
                continue;
            }
            if (l.isEmpty())
                continue;
            if (!header) {
                header = true;
                QVERIFY2(l.startsWith(QStringLiteral("bucket_start,bucket_end,")), qPrintable(l));
                continue;
            }
            const QStringList f = l.split(',');
            fromCsv.insert(*parseIso8601(f.at(0)), f.at(2).toLongLong());
        }
        QVERIFY(sawProvenance);
        const Run stats = cli({"stats", m_project, "--name", "mail1.trump-email.com", "--bucket", "day"});
        QCOMPARE(fromCsv, parseStats(stats.out, QStringLiteral("all")));
        const Run fail = cli({"render", m_project, "-o", m_dir.filePath("no/such/dir/x.png")});
        QCOMPARE(fail.exitCode, 2);
        QVERIFY(!QFile::exists(m_dir.filePath("no/such/dir/x.png")));
    }

    // render --baseline: the CSV's baseline column is the unsplit `stats` of the baseline's selection over the
    // chart's buckets (all lookups, or a saved view's selection), checked against our own count of the log.
    void renderBaseline()
    {
        // Reads bucket_start -> (series column, baseline column) and the provenance lines of a chart CSV.
        const auto readCsv = [](const QString &path, QStringList *header, QStringList *comments) {
            QMap<int64_t, QPair<int64_t, int64_t>> rows;
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return rows;
            for (const QByteArray &line : file.readAll().split('\n')) {
                const QString l = QString::fromUtf8(line).trimmed();
                if (l.startsWith('#')) {
                    *comments << l;
                    continue;
                }
                if (l.isEmpty())
                    continue;
                if (header->isEmpty()) {
                    *header = l.split(',');
                    continue;
                }
                const QStringList f = l.split(',');
                rows.insert(*parseIso8601(f.at(0)), {f.at(2).toLongLong(), f.at(3).toLongLong()});
            }
            return rows;
        };
        const auto column = [](const QMap<int64_t, QPair<int64_t, int64_t>> &rows, bool baseline) {
            QMap<int64_t, int64_t> m;
            for (auto it = rows.cbegin(); it != rows.cend(); ++it)
                m.insert(it.key(), baseline ? it.value().second : it.value().first);
            return m;
        };
        const QString csv = m_dir.filePath(QStringLiteral("baseline-all.csv"));
        Run r = cli({"render", m_project, "-o", csv, "--name", "mail1.trump-email.com", "--bucket", "day", "--baseline", "all",
                  "--range", "selection"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QStringList header, comments;
        auto rows = readCsv(csv, &header, &comments);
        QCOMPARE(header, QStringList({"bucket_start", "bucket_end", "all", "baseline"}));
        QVERIFY2(comments.contains(QStringLiteral("# baseline: all lookups")), qPrintable(comments.join('\n')));
        // The chart's buckets are mail1's days, 2016-05-04 .. 2016-09-22; the baseline counts every lookup in them.
        const int64_t from = *parseIso8601(QStringLiteral("2016-05-04")), to = *parseIso8601(QStringLiteral("2016-09-23"));
        QCOMPARE(rows.size(), 142);
        QCOMPARE(rows.firstKey(), from);
        Run stats = cli({"stats", m_project, "--bucket", "day", "--from", "2016-05-04", "--to", "2016-09-23"});
        QCOMPARE(stats.exitCode, 0);
        QCOMPARE(column(rows, true), parseStats(stats.out, QStringLiteral("all")));
        const auto all = expected([](const Row &) { return true; }, BucketUnit::Day, from, to);
        QCOMPARE(column(rows, true), all);
        QVERIFY(all.value(*parseIso8601(QStringLiteral("2016-07-01"))) > 0);
        // The series itself is unchanged by the baseline.
        QCOMPARE(column(rows, false),
                 expected([](const Row &x) { return x.name == QLatin1String("mail1.trump-email.com"); }, BucketUnit::Day));

        // view:NAME: that view's selection (its own split and bucket do not matter), over the chart's buckets.
        r = cli({"views", m_project, "save", "bank", "--client", "217.12.96.15", "--split", "name", "--bucket", "week"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString viewCsv = m_dir.filePath(QStringLiteral("baseline-view.csv"));
        r = cli({"render", m_project, "-o", viewCsv, "--name", "mail1.trump-email.com", "--bucket", "day", "--baseline",
                 "view:bank", "--range", "selection"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        header.clear();
        comments.clear();
        rows = readCsv(viewCsv, &header, &comments);
        QCOMPARE(header.last(), QStringLiteral("baseline"));
        QVERIFY(comments.contains(QStringLiteral("# baseline: view bank")));
        stats = cli({"stats", m_project, "--client", "217.12.96.15", "--bucket", "day", "--from", "2016-05-04", "--to",
                     "2016-09-23"});
        QCOMPARE(column(rows, true), parseStats(stats.out, QStringLiteral("all")));
        const auto bank = expected([](const Row &x) { return x.client == QLatin1String("217.12.96.15"); }, BucketUnit::Day,
                                   from, to);
        QCOMPARE(column(rows, true), bank);
        QVERIFY(column(rows, true) != column(rows, false)); // one of the two resolvers, not mail1

        // An unknown view: a clear error, exit 2, no file. A malformed baseline: usage error.
        const QString none = m_dir.filePath(QStringLiteral("baseline-none.csv"));
        r = cli({"render", m_project, "-o", none, "--baseline", "view:nope"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("there is no view \"nope\" for the baseline")), qPrintable(r.err));
        QVERIFY(!QFile::exists(none));
        r = cli({"render", m_project, "-o", none, "--baseline", "everything"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("--baseline must be \"all\", \"view:NAME\" or \"none\", not \"everything\"")), qPrintable(r.err));
        // A PNG with a baseline says so in its metadata.
        const QString png = m_dir.filePath(QStringLiteral("baseline.png"));
        r = cli({"render", m_project, "-o", png, "--name", "mail1.trump-email.com", "--bucket", "day", "--baseline", "all",
                 "--size", "1200x600"});
        QCOMPARE(r.exitCode, 0);
        QImageReader reader(png);
        QVERIFY2(reader.text(QStringLiteral("Description")).contains(QStringLiteral("baseline: all lookups")),
                 qPrintable(reader.text(QStringLiteral("Description"))));
        QCOMPARE(cli({"views", m_project, "remove", "bank"}).exitCode, 0);
    }

    // render --chart raster: the CSV's cells equal a count made here from the log's own lines in the
    // display zone (Qt's zone conversion, not ours), and the PNG carries the raster's provenance.
    void renderRaster()
    {
        const QString csv = m_dir.filePath(QStringLiteral("raster.csv"));
        const Run r = cli({"render", m_project, "-o", csv, "--chart", "raster", "--raster-slot", "30", "--name",
                           "mail1.trump-email.com", "--tz", "America/New_York", "--range", "selection"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QTimeZone ny("America/New_York");
        QMap<QPair<QString, QString>, int64_t> expected;
        QDate first, last;
        for (const Row &row : m_rows) {
            if (row.name != QLatin1String("mail1.trump-email.com"))
                continue;
            const QDateTime local = QDateTime::fromMSecsSinceEpoch(row.us / 1000, ny);
            const QTime t = local.time();
            const QString slot = QStringLiteral("%1:%2").arg(t.hour(), 2, 10, QLatin1Char('0')).arg(t.minute() / 30 * 30, 2, 10, QLatin1Char('0'));
            ++expected[{local.date().toString(Qt::ISODate), slot}];
            first = first.isValid() ? std::min(first, local.date()) : local.date();
            last = last.isValid() ? std::max(last, local.date()) : local.date();
        }
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        int cells = 0;
        int64_t total = 0;
        bool header = false, provenance = false;
        for (const QString &line : lines) {
            if (line.startsWith('#')) {
                provenance = provenance || line.contains(QStringLiteral("bucket: day x 30-minute slot"));
                continue;
            }
            if (!header) {
                QCOMPARE(line, QStringLiteral("day,slot_start,count"));
                header = true;
                continue;
            }
            const QStringList f = line.split(',');
            QCOMPARE(f.size(), 3);
            QCOMPARE(f.at(2).toLongLong(), expected.value({f.at(0), f.at(1)}));
            total += f.at(2).toLongLong();
            ++cells;
        }
        QVERIFY(provenance);
        QCOMPARE(cells, int(first.daysTo(last) + 1) * 48); // every day, every slot, zeros included
        int64_t all = 0;
        for (int64_t c : expected)
            all += c;
        QCOMPARE(total, all);
        QVERIFY(all > 3000);

        const QString png = m_dir.filePath(QStringLiteral("raster.png"));
        QCOMPARE(cli({"render", m_project, "-o", png, "--chart", "raster", "--name", "mail1.trump-email.com", "--size",
                      "1000x700"})
                     .exitCode,
                 0);
        QImageReader reader(png);
        QCOMPARE(reader.size(), QSize(1000, 700));
        QVERIFY(reader.text(QStringLiteral("Description")).contains(QStringLiteral("bucket: day x 60-minute slot")));
        QVERIFY(reader.text(QStringLiteral("Source")).contains(QStringLiteral("sha256")));
        // The same bytes whatever the machine's zone.
        const QString a = m_dir.filePath(QStringLiteral("raster-a.png")), b = m_dir.filePath(QStringLiteral("raster-b.png"));
        const QStringList args{"render", m_project, "--chart", "raster", "--name", "mail1.trump-email.com", "--tz",
                               "Europe/Moscow", "--raster-slot", "10", "--size", "800x500", "-o"};
        QCOMPARE(cli(args + QStringList{a}, "UTC").exitCode, 0);
        QCOMPARE(cli(args + QStringList{b}, "America/New_York").exitCode, 0);
        QFile fa(a), fb(b);
        QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
        QVERIFY(fa.readAll() == fb.readAll());
        // Bad choices are usage errors.
        QCOMPARE(cli({"render", m_project, "-o", png, "--chart", "raster", "--raster-slot", "15"}).exitCode, 1);
        QCOMPARE(cli({"render", m_project, "-o", png, "--chart", "raster", "--raster-slot", "x"}).exitCode, 1);
        QCOMPARE(cli({"render", m_project, "-o", png, "--chart", "pie"}).exitCode, 1);
    }

    void refusesBadProjects()
    {
        const QString text = m_dir.filePath(QStringLiteral("notes.dnstimeline"));
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("just some notes, not a database\n");
        f.close();
        const Run r = cli({"stats", text});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("notes.dnstimeline")), qPrintable(r.err));
        QFile g(text);
        QVERIFY(g.open(QIODevice::ReadOnly));
        QCOMPARE(g.readAll(), QByteArray("just some notes, not a database\n"));
    }
};

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
