// The rcode / qtype / server filters narrow every store query (chart volume, time range, records, record
// count, pairs, top clients, raster) exactly as a brute-force count over the imported records does, and
// the facets list every value with its count.
#include "../store/storetestutil.h"
#include "rastergrid.h"
#include "readjobrunner.h"
#include "recordtablemodel.h"
#include "store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace dnt;
using namespace dnt::test;

namespace {

const std::vector<std::string> kNames = {"mail1.trump-email.com", "mail.trump-email.com", "www.example.org",
                                         "example.org", "cdn.example.net", "x.y.z.test"};
const std::vector<std::string> kClients = {"217.12.96.15", "217.12.96.16", "217.12.104.100", "2001:db8::15",
                                           "10.1.2.3"};
const std::vector<std::string> kServers = {"66.216.133.29", "8.8.8.8", "2001:db8::53", ""};
const std::vector<uint16_t> kTypes = {1, 28, 32, 15, 65534, 1, 28};
const std::vector<int16_t> kRcodes = {0, 3, 2, -1, 0, 0};

int64_t iso(const char *text)
{
    return *parseIso8601(QString::fromLatin1(text));
}

Selection sel(std::initializer_list<int> rcodes, std::initializer_list<int> qtypes, QStringList servers,
              QStringList domains = {}, QStringList clients = {})
{
    Selection s;
    s.domains = domains;
    s.clients = clients;
    s.rcodes = QVector<int>(rcodes);
    s.qtypes = QVector<int>(qtypes);
    s.servers = servers;
    return s;
}

} // namespace

class TestLookupFilters : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    std::vector<Rec> m_recs;
    int64_t m_base = 0;

    QVector<Selection> selections() const
    {
        return {sel({3}, {}, {}),
                sel({}, {28}, {}),
                sel({}, {32}, {}),
                sel({}, {}, {QStringLiteral("8.8.8.8")}),
                sel({}, {}, {QStringLiteral("2001:db8::/32")}),
                sel({3, 2}, {1, 28}, {}),
                sel({-1}, {}, {}), // lookups whose log has no response code
                sel({3}, {}, {}, {QStringLiteral("trump-email.com")}),
                sel({}, {1}, {QStringLiteral("66.216.133.29")}, {}, {QStringLiteral("217.12.96.0/24")}),
                sel({}, {}, {QStringLiteral("192.0.2.1")})}; // no such server: nothing
    }

    int64_t brute(const Selection &s, int64_t from = INT64_MIN, int64_t to = INT64_MAX) const
    {
        int64_t n = 0;
        for (const Rec &r : m_recs)
            n += testSelects(s, r) && r.t >= from && r.t < to;
        return n;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_store = Store::open(m_dir.filePath(QStringLiteral("p.dnstimeline")), Store::Mode::Create, &error);
        QVERIFY2(m_store, qPrintable(error));
        m_base = iso("2016-07-26T00:00:00Z");
        uint32_t seed = 11;
        auto next = [&seed] {
            seed = seed * 1664525u + 1013904223u;
            return seed >> 8;
        };
        for (int i = 0; i < 4000; ++i) {
            Rec r;
            r.t = m_base + int64_t(next() % (3u * 86400u)) * kUsPerSecond + int64_t(next() % 1000000u);
            r.name = kNames[next() % kNames.size()];
            r.client = kClients[next() % kClients.size()];
            r.server = kServers[next() % kServers.size()];
            r.qtype = kTypes[next() % kTypes.size()];
            r.rcode = kRcodes[next() % kRcodes.size()];
            r.line = i + 1;
            m_recs.push_back(r);
        }
        // Two files, so that the filtered reads cross the blocks of both.
        const std::vector<Rec> a(m_recs.begin(), m_recs.begin() + 2500), b(m_recs.begin() + 2500, m_recs.end());
        QCOMPARE(importRecords(m_store.get(), a, QStringLiteral("a.log"), fakeSha(QStringLiteral("a"))), QString());
        QCOMPARE(importRecords(m_store.get(), b, QStringLiteral("b.log"), fakeSha(QStringLiteral("b"))), QString());
        QVERIFY2(m_store->ensureRecordIndex(&error), qPrintable(error));
    }

    void volume()
    {
        for (const Selection &s : selections()) {
            for (Split split : {Split::None, Split::Client, Split::Name}) {
                VolumeQuery q;
                q.selection = s;
                q.unit = BucketUnit::Hour;
                q.split = split;
                q.maxSeries = 0;
                const VolumeSeries got = m_store->volume(q);
                const VolumeSeries want = expectedVolume(q, m_recs);
                QCOMPARE(got.bucketStarts, want.bucketStarts);
                QCOMPARE(got.series.size(), want.series.size());
                for (qsizetype i = 0; i < want.series.size(); ++i) {
                    QCOMPARE(got.series.at(i).label, want.series.at(i).label);
                    QCOMPARE(got.series.at(i).counts, want.series.at(i).counts);
                }
                // A range that cuts minutes at both ends.
                q.fromUs = m_base + 3 * 3600 * kUsPerSecond + 1234567;
                q.toUs = m_base + 2 * 86400 * kUsPerSecond + 33 * kUsPerSecond + 5;
                const VolumeSeries cut = m_store->volume(q);
                const VolumeSeries wantCut = expectedVolume(q, m_recs);
                QCOMPARE(cut.series.size(), wantCut.series.size());
                for (qsizetype i = 0; i < wantCut.series.size(); ++i)
                    QCOMPARE(cut.series.at(i).counts, wantCut.series.at(i).counts);
            }
        }
        // Some selections must select something, or the comparison above proves little.
        QVERIFY(brute(sel({3}, {}, {})) > 300);
        QVERIFY(brute(sel({}, {32}, {})) > 300);
        QCOMPARE(brute(sel({}, {}, {QStringLiteral("192.0.2.1")})), int64_t(0));
    }

    void timeRangeAndCount()
    {
        for (const Selection &s : selections()) {
            int64_t first = INT64_MAX, last = INT64_MIN;
            for (const Rec &r : m_recs)
                if (testSelects(s, r)) {
                    first = std::min(first, r.t);
                    last = std::max(last, r.t);
                }
            const auto range = m_store->timeRange(s);
            QCOMPARE(bool(range), first <= last);
            if (range) {
                QCOMPARE(range->first, first);
                QCOMPARE(range->second, last);
            }
            RecordQuery rq;
            rq.selection = s;
            QCOMPARE(m_store->recordCount(rq), brute(s));
            rq.fromUs = m_base + 86400 * kUsPerSecond + 17;
            rq.toUs = m_base + 2 * 86400 * kUsPerSecond - 5;
            QCOMPARE(m_store->recordCount(rq), brute(s, *rq.fromUs, *rq.toUs));
        }
    }

    void records()
    {
        for (const Selection &s : selections()) {
            for (bool descending : {false, true}) {
                RecordQuery rq;
                rq.selection = s;
                rq.descending = descending;
                rq.fromUs = m_base + 3600 * kUsPerSecond;
                std::optional<RecordKey> after;
                int64_t rows = 0, previous = descending ? INT64_MAX : INT64_MIN;
                for (int pages = 0; pages < 100; ++pages) {
                    const RecordPage page = m_store->recordPage(rq, after, 97);
                    QVERIFY2(page.error.isEmpty(), qPrintable(page.error));
                    for (const RecordRow &r : page.rows) {
                        QVERIFY(descending ? r.timeUs <= previous : r.timeUs >= previous);
                        previous = r.timeUs;
                        // Each row shows what the filter asked for.
                        if (!s.rcodes.isEmpty())
                            QVERIFY(s.rcodes.contains(r.rcode));
                        if (!s.qtypes.isEmpty())
                            QVERIFY(s.qtypes.contains(r.qtype));
                        if (!s.servers.isEmpty())
                            QVERIFY(AddressFilter::parse(s.servers.first())->matches(r.server) || s.servers.size() > 1);
                    }
                    rows += page.rows.size();
                    if (page.atEnd)
                        break;
                    const RecordRow &k = page.rows.last();
                    after = RecordKey{k.timeUs, k.nameId, k.clientId, k.rowid};
                }
                QCOMPARE(rows, brute(s, *rq.fromUs));
            }
        }
    }

    void pairs()
    {
        for (const Selection &s : selections()) {
            PairQuery q;
            q.selection = s;
            q.top = 50;
            const PairTable t = m_store->pairs(q);
            QVERIFY(t.error.isEmpty());
            Selection anyClient = s;
            anyClient.clients.clear();
            int64_t namesTotal = 0;
            for (qsizetype i = 0; i < t.names.size(); ++i) {
                Selection one = s;
                one.domains.clear();
                one.names = {t.names.at(i)};
                Selection oneAll = anyClient;
                oneAll.domains.clear();
                oneAll.names = {t.names.at(i)};
                QCOMPARE(t.nameSelected.at(i), brute(one));
                QCOMPARE(t.nameAll.at(i), brute(oneAll));
                namesTotal += t.nameSelected.at(i);
            }
            QCOMPARE(namesTotal, brute(s));
            int64_t cells = 0;
            for (const auto &row : t.counts)
                for (int64_t c : row)
                    cells += c;
            QCOMPARE(cells, brute(s)); // no groups: every client is its own source, all kept (top 50)
            // A range: the same, within it.
            q.fromUs = m_base + 86400 * kUsPerSecond + 999;
            q.toUs = m_base + 2 * 86400 * kUsPerSecond;
            const PairTable r = m_store->pairs(q);
            int64_t inRange = 0;
            for (int64_t n : r.nameSelected)
                inRange += n;
            QCOMPARE(inRange, brute(s, *q.fromUs, *q.toUs));
        }
    }

    void topClientsAndRaster()
    {
        for (const Selection &s : selections()) {
            const auto clients = m_store->topClients(0, s);
            int64_t sum = 0;
            for (const ClientCount &c : clients) {
                Selection one = s;
                one.clients = {c.address};
                QCOMPARE(c.count, brute(one));
                sum += c.count;
            }
            QCOMPARE(sum, brute(s));
            const int64_t from = m_base + 7 * 3600 * kUsPerSecond, to = m_base + 2 * 86400 * kUsPerSecond;
            const RasterGrid g = RasterGrid::query(*m_store, s, QTimeZone::utc(), from, to, 10);
            // The raster covers the whole UTC days of the range.
            QCOMPARE(g.total, brute(s, m_base, to));
        }
    }

    void recordsTableShowsNimloc()
    {
        // The records table, as the GUI fills it: type 32 rows read NIMLOC, the count is the filtered one.
        ReadJobRunner runner;
        runner.setProjectPath(m_store->path());
        RecordTableModel model(&runner);
        QSignalSpy pages(&model, &RecordTableModel::pageLoaded);
        QSignalSpy total(&model, &RecordTableModel::totalCountChanged);
        RecordQuery q;
        q.selection = sel({3}, {32}, {});
        model.setQuery(q);
        QVERIFY(pages.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(model.totalCount() >= 0, 10000);
        QCOMPARE(model.totalCount(), brute(q.selection));
        QVERIFY(model.rowCount() > 0);
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.data(model.index(row, RecordTableModel::TypeColumn)).toString(), QStringLiteral("NIMLOC"));
            QCOMPARE(model.data(model.index(row, RecordTableModel::RcodeColumn)).toString(), QStringLiteral("NXDOMAIN"));
        }
    }

    void facets()
    {
        const LookupFacets f = m_store->lookupFacets();
        std::map<int, int64_t> rcodes, qtypes;
        std::map<QString, int64_t> servers;
        for (const Rec &r : m_recs) {
            ++rcodes[r.rcode];
            ++qtypes[r.qtype];
            ++servers[canonicalAddress(r.server)];
        }
        QCOMPARE(size_t(f.rcodes.size()), rcodes.size());
        for (const CodeCount &c : f.rcodes)
            QCOMPARE(c.count, rcodes[c.value]);
        QCOMPARE(size_t(f.qtypes.size()), qtypes.size());
        for (const CodeCount &c : f.qtypes)
            QCOMPARE(c.count, qtypes[c.value]);
        QCOMPARE(size_t(f.servers.size()), servers.size());
        for (const ServerCount &c : f.servers)
            QCOMPARE(c.count, servers[c.value]);
        // Busiest first.
        for (qsizetype i = 1; i < f.qtypes.size(); ++i)
            QVERIFY(f.qtypes.at(i - 1).count >= f.qtypes.at(i).count);
    }
};

QTEST_GUILESS_MAIN(TestLookupFilters)
#include "tst_lookupfilters.moc"
