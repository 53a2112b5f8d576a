// Sysmon Event ID 22 (DNS query) as Windows endpoint exports write it: Winlogbeat and NXLog JSON lines,
// `Get-WinEvent | ConvertTo-Json` arrays (UTF-8 and Windows PowerShell's UTF-16LE). The fixtures in
// tests/data/docs/sysmon-* follow the documented shapes (see tests/data/README.md).
#include "importtestsupport.h"
#include "reader.h"
#include "sysmonreader.h"
#include "evtxtestwriter.h"

#include <QFile>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

using namespace dnt;
using namespace dnt::test;

namespace
{

// Like CollectSink, with the process image: "timeUs client name rcode image @line".
class ImageSink : public RecordSink
{
public:
    QStringList records, rejected, skipped;
    int unexpectedFields = 0;
    bool onRecord(const LookupRecord &r) override
    {
        records.append(QStringLiteral("%1 %2 %3 %4 %5 @%6")
                           .arg(r.timeUs)
                           .arg(toQ(r.client), toQ(r.name))
                           .arg(r.rcode)
                           .arg(toQ(r.image))
                           .arg(r.line));
        if (r.qtype != 0 || !r.server.empty()) // Sysmon logs neither the type nor the server
            ++unexpectedFields;
        return true;
    }
    void onRejected(int64_t line, std::string_view reason) override { rejected.append(QStringLiteral("%1: %2").arg(line).arg(toQ(reason))); }
    void onSkipped(int64_t line, std::string_view reason) override { skipped.append(QStringLiteral("%1: %2").arg(line).arg(toQ(reason))); }

private:
    static QString toQ(std::string_view v) { return QString::fromUtf8(v.data(), qsizetype(v.size())); }
};

QByteArray fixture(const char *name)
{
    QFile f(QStringLiteral(DNT_TEST_DATA "/docs/") + QLatin1String(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

ReadStatus run(const QByteArray &bytes, ImageSink *sink, QString *error = nullptr)
{
    auto reader = createReader(QStringLiteral("sysmon"));
    if (!reader)
        return ReadStatus::Failed;
    auto stream = InputStream::fromBytes(bytes);
    QString e;
    return reader->read(*stream, *sink, error ? error : &e);
}

QByteArray utf16WithBom(const QByteArray &utf8)
{
    QStringEncoder enc(QStringEncoder::Utf16LE, QStringEncoder::Flag::WriteBom);
    return enc.encode(QString::fromUtf8(utf8));
}

const char *const kSkippedNot22 = "not a DNS query event (Sysmon event ID other than 22)";

} // namespace

class TstSysmon : public QObject
{
    Q_OBJECT
private slots:
    void winlogbeat()
    {
        const QByteArray log = fixture("sysmon-winlogbeat.ndjson");
        QVERIFY(!log.isEmpty());
        QCOMPARE(detectFormat(log), QStringLiteral("sysmon"));
        ImageSink sink;
        QCOMPARE(run(log, &sink), ReadStatus::Finished);
        QCOMPARE(sink.rejected, QStringList());
        QCOMPARE(sink.unexpectedFields, 0);
        QCOMPARE(sink.skipped, QStringList{QStringLiteral("2: %1").arg(QLatin1String(kSkippedNot22))});
        // event_id as a number and as a string ("22"); 9003 = NXDOMAIN; 1460 (a timeout) has no rcode.
        QCOMPARE(sink.records,
                 QStringList({
                     R"(1560301075254000 ws-0042.corp.example chrome.google.com 0 C:\Program Files (x86)\Google\Chrome\Application\chrome.exe @1)",
                     R"(1560301087718000 ws-0042.corp.example totallynotmalware.evil 3 C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe @3)",
                     R"(1560301089120000 ws-0042.corp.example wpad -1 C:\Windows\System32\svchost.exe @4)",
                 }));
    }

    void nxlog()
    {
        const QByteArray log = fixture("sysmon-nxlog.json");
        QVERIFY(!log.isEmpty());
        QCOMPARE(detectFormat(log), QStringLiteral("sysmon"));
        ImageSink sink;
        QCOMPARE(run(log, &sink), ReadStatus::Finished);
        QCOMPARE(sink.rejected, QStringList());
        QCOMPARE(sink.skipped, QStringList{QStringLiteral("2: %1").arg(QLatin1String(kSkippedNot22))});
        // UtcTime is the time (EventTime is the collector's local time, an hour later here); 9002 = SERVFAIL.
        QCOMPARE(sink.records,
                 QStringList({
                     R"(1678785301870000 laptop-7q2.example.org login.microsoftonline.com 0 C:\Program Files\Microsoft Office\root\Office16\OUTLOOK.EXE @1)",
                     R"(1678785319004000 laptop-7q2.example.org update.nonexistent-vendor.example 3 C:\Users\alice\AppData\Local\Temp\updater.exe @3)",
                     R"(1678785320511000 laptop-7q2.example.org cdn.example.net 2 C:\Users\alice\AppData\Local\Temp\updater.exe @4)",
                 }));
    }

    void getWinEvent()
    {
        const QByteArray log = fixture("sysmon-getwinevent.json");
        QVERIFY(!log.isEmpty());
        const QStringList expected({
            // From Properties (by position), the line where the event's object starts.
            R"(1718031234567000 ws7.lab.example mail1.trump-email.com 3 C:\Windows\System32\nslookup.exe @2)",
            // Select-Object without Properties: the fields come from the rendered Message.
            R"(1718031250002000 ws7.lab.example www.example.com 0 C:\Program Files\Mozilla Firefox\firefox.exe @72)",
        });
        // UTF-8 (PowerShell 7) and UTF-16LE with a BOM (Windows PowerShell 5.1's `>`), and UTF-8 with a BOM.
        for (const QByteArray &bytes : {log, utf16WithBom(log), QByteArray("\xEF\xBB\xBF") + log}) {
            QCOMPARE(detectFormat(bytes.left(64 * 1024)), QStringLiteral("sysmon"));
            ImageSink sink;
            QCOMPARE(run(bytes, &sink), ReadStatus::Finished);
            QCOMPARE(sink.rejected, QStringList());
            QCOMPARE(sink.skipped, QStringList{QStringLiteral("65: %1").arg(QLatin1String(kSkippedNot22))});
            QCOMPARE(sink.records, expected);
        }
    }

    void manyEventsAcrossReadChunks()
    {
        // 3,000 copies of the Winlogbeat file (about 3.7 MB, events cut at every 64 KiB read) and the same
        // as one UTF-16 array: every event is found once, at its line.
        const QByteArray one = fixture("sysmon-winlogbeat.ndjson");
        QByteArray many;
        for (int i = 0; i < 3000; ++i)
            many += one;
        ImageSink sink;
        QCOMPARE(run(many, &sink), ReadStatus::Finished);
        QCOMPARE(sink.records.size(), 9000);
        QCOMPARE(sink.skipped.size(), 3000);
        QCOMPARE(sink.rejected, QStringList());
        QVERIFY(sink.records.last().endsWith(QLatin1String("@12000")));

        QByteArray array = "[\r\n";
        const QList<QByteArray> lines = one.trimmed().split('\n');
        for (int i = 0; i < 750; ++i)
            for (int j = 0; j < lines.size(); ++j)
                array += lines.at(j) + (i == 749 && j == lines.size() - 1 ? "\r\n" : ",\r\n");
        array += "]\r\n";
        ImageSink wide;
        QCOMPARE(run(utf16WithBom(array), &wide), ReadStatus::Finished);
        QCOMPARE(wide.records.size(), 2250);
        QCOMPARE(wide.skipped.size(), 750);
        QCOMPARE(wide.rejected, QStringList());
        QVERIFY(wide.records.last().endsWith(QLatin1String("@3001")));
    }

    void rcodeFromQueryStatus_data()
    {
        QTest::addColumn<qint64>("status");
        QTest::addColumn<int>("rcode");
        QTest::newRow("success") << qint64(0) << 0;
        QTest::newRow("DNS_ERROR_RCODE_FORMAT_ERROR") << qint64(9001) << 1;
        QTest::newRow("DNS_ERROR_RCODE_SERVER_FAILURE") << qint64(9002) << 2;
        QTest::newRow("DNS_ERROR_RCODE_NAME_ERROR") << qint64(9003) << 3;
        QTest::newRow("DNS_ERROR_RCODE_REFUSED") << qint64(9005) << 5;
        QTest::newRow("DNS_ERROR_RCODE_BADTIME") << qint64(9018) << 18;
        QTest::newRow("DNS_INFO_NO_RECORDS") << qint64(9501) << 0;
        QTest::newRow("ERROR_TIMEOUT") << qint64(1460) << -1;
        QTest::newRow("9019") << qint64(9019) << -1;
        QTest::newRow("9000") << qint64(9000) << -1;
    }
    void rcodeFromQueryStatus()
    {
        QFETCH(qint64, status);
        QFETCH(int, rcode);
        QCOMPARE(SysmonReader::rcodeFromQueryStatus(status), rcode);
    }

    void skipsAndRejects()
    {
        const QByteArray log =
            // A Security-log event with ID 22 is not Sysmon's: skipped.
            R"({"EventID":22,"SourceName":"Microsoft-Windows-Security-Auditing","Hostname":"h","UtcTime":"2024-01-01 00:00:00.000","QueryName":"a.example"})" "\n"
            // Sysmon 22 without a query name, with a bad time, without a host: rejected with the reason.
            R"({"EventID":22,"SourceName":"Microsoft-Windows-Sysmon","Hostname":"h","UtcTime":"2024-01-01 00:00:00.000"})" "\n"
            R"({"EventID":22,"SourceName":"Microsoft-Windows-Sysmon","Hostname":"h","UtcTime":"yesterday","QueryName":"a.example"})" "\n"
            R"({"EventID":22,"SourceName":"Microsoft-Windows-Sysmon","UtcTime":"2024-01-01 00:00:00.000","QueryName":"a.example"})" "\n"
            R"({"EventID":22,"SourceName":"Microsoft-Windows-Sysmon","Hostname":"h","UtcTime":"2024-01-01 00:00:00.000","QueryName":"a..example"})" "\n"
            // Not JSON, then a broken object, then a good event: reading goes on.
            "garbage line\n"
            R"({"EventID":22,"Hostname":"h","UtcTime":tru})" "\n"
            R"({"EventID":"22","SourceName":"Microsoft-Windows-Sysmon","Hostname":"H","UtcTime":"2024-01-01 00:00:01.500","QueryName":"B.Example.","QueryStatus":"9003"})" "\n"
            // No event ID at all: not a Windows event.
            R"({"QueryName":"c.example"})" "\n"
            // The file ends inside an object.
            R"({"EventID":22,"Hostname":"h")";
        ImageSink sink;
        QCOMPARE(run(log, &sink), ReadStatus::Finished);
        QCOMPARE(sink.skipped, QStringList{"1: not a Sysmon event"});
        QCOMPARE(sink.records, QStringList{"1704067201500000 h b.example 3  @8"});
        QCOMPARE(sink.rejected.size(), 8);
        QCOMPARE(sink.rejected.at(0), QStringLiteral("2: no QueryName"));
        QCOMPARE(sink.rejected.at(1), QStringLiteral("3: UtcTime is not a time"));
        QCOMPARE(sink.rejected.at(2), QStringLiteral("4: no computer name"));
        QVERIFY(sink.rejected.at(3).startsWith(QLatin1String("5: ")));
        QCOMPARE(sink.rejected.at(4), QStringLiteral("6: not a JSON event object"));
        QVERIFY(sink.rejected.at(5).startsWith(QLatin1String("7: ")));
        QCOMPARE(sink.rejected.at(6), QStringLiteral("9: no event ID (not a Windows event export)"));
        QCOMPARE(sink.rejected.at(7), QStringLiteral("10: the file ends inside an event object"));
    }

    void evtx()
    {
        // A file written after the libyal EVTX description (tests/import/evtxtestwriter.h); libevtx reads it
        // back as the XML below, the form in which the reader takes every record.
        using evtx::Event;
        Event dns;
        dns.computer = "WS7.lab.example";
        dns.writtenFiletime = 133625048345670000ULL;
        dns.data = {{"RuleName", "-"}, {"UtcTime", "2024-06-10 14:53:54.567"}, {"ProcessGuid", "{3F1A8B2C-1D2E-6667-8A00-000000002B00}"},
                    {"ProcessId", "6044"}, {"QueryName", "mail1.trump-email.com"}, {"QueryStatus", "9003"},
                    {"QueryResults", ""}, {"Image", R"(C:\Windows\System32\nslookup.exe)"}, {"User", R"(WS7\bob)"}};
        Event network = dns;
        network.eventId = 3;
        Event second = dns;
        second.data[1].second = "2024-06-10 14:54:10.002";
        second.data[4].second = "www.example.com";
        second.data[5].second = "0";
        second.data[7].second = R"(C:\Program Files\Mozilla Firefox\firefox.exe)";
        const std::string bytes = evtx::Writer::file({dns, network, second});
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("Microsoft-Windows-Sysmon%4Operational.evtx"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes.data(), qint64(bytes.size()));
        }
        QByteArray head = QByteArray::fromStdString(bytes.substr(0, 4096));
        QCOMPARE(detectFormat(head), QStringLiteral("sysmon"));
        ReaderOptions options;
        options.path = path;
        auto reader = createReader(QStringLiteral("sysmon"), options);
        QString error;
        auto stream = InputStream::openFile(path, &error);
        QVERIFY2(stream, qPrintable(error));
        ImageSink sink;
        QCOMPARE(reader->read(*stream, sink, &error), ReadStatus::Finished);
        QCOMPARE(error, QString());
        QCOMPARE(sink.rejected, QStringList());
        QCOMPARE(sink.skipped, QStringList{QStringLiteral("2: %1").arg(QLatin1String(kSkippedNot22))});
        QCOMPARE(sink.records, QStringList({
                                   R"(1718031234567000 ws7.lab.example mail1.trump-email.com 3 C:\Windows\System32\nslookup.exe @1)",
                                   R"(1718031250002000 ws7.lab.example www.example.com 0 C:\Program Files\Mozilla Firefox\firefox.exe @3)",
                               }));
        // From bytes (no path) the reader says it needs the file; a damaged file is a read error.
        ImageSink none;
        QCOMPARE(run(QByteArray::fromStdString(bytes), &none, &error), ReadStatus::Failed);
        QVERIFY2(error.contains(QLatin1String("can only be read from a file")), qPrintable(error));
        const QString broken = dir.filePath(QStringLiteral("broken.evtx"));
        {
            QFile f(broken);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes.data(), 200); // the header cut short
        }
        options.path = broken;
        auto reader2 = createReader(QStringLiteral("sysmon"), options);
        auto stream2 = InputStream::openFile(broken, &error);
        QVERIFY(stream2);
        error.clear();
        QCOMPARE(reader2->read(*stream2, none, &error), ReadStatus::Failed);
        QVERIFY2(error.contains(QLatin1String("cannot read the event log")), qPrintable(error));
    }

    void detection()
    {
        // Other JSON formats stay theirs; Sysmon is not claimed by a JSON file that only mentions QueryName.
        QCOMPARE(detectFormat(fixture("suricata-eve.json")), QStringLiteral("suricata"));
        QCOMPARE(detectFormat(fixture("route53-resolver.json")), QStringLiteral("route53"));
        QCOMPARE(SysmonReader::detect(R"({"QueryName":"a.example"})"), 0);
        QCOMPARE(SysmonReader::detect("QueryName: a.example EventID 22"), 0);
        QVERIFY(knownFormats().contains(QStringLiteral("sysmon")));
    }
};

QTEST_GUILESS_MAIN(TstSysmon)
#include "tst_sysmon.moc"
