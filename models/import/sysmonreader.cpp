#include "sysmonreader.h"

#include "timeutil.h"

#include <QFile>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QXmlStreamReader>

#include <libevtx.h>

#include <functional>

namespace dnt
{

namespace
{

constexpr int kSysmonDnsQuery = 22;
constexpr int64_t kMaxEventBytes = 1 << 20; // one event object; real ones are a few KiB
constexpr std::string_view kSysmonProvider = "Microsoft-Windows-Sysmon";
// An .evtx file's first bytes: recognised so that it is refused with what to do instead of "unrecognised".
constexpr std::string_view kEvtxSignature{"ElfFile\0", 8};

// Cuts a byte stream of JSON into its event objects: top-level objects (one per line or pretty-printed,
// one after another) or the object elements of a top-level array. Only brackets and strings are
// tracked; each object is then parsed on its own, so memory stays bounded by one event.
class EventSplitter
{
public:
    // object: the event's text; line: where it starts (1-based). Return false to stop.
    using ObjectFn = std::function<bool(std::string_view object, int64_t line)>;
    using RejectFn = std::function<void(int64_t line, std::string_view reason)>;

    EventSplitter(ObjectFn onObject, RejectFn onReject) : m_onObject(std::move(onObject)), m_onReject(std::move(onReject)) {}

    bool feed(std::string_view bytes)
    {
        for (const char c : bytes) {
            if (c == '\n')
                ++m_line;
            if (m_skipLine) {
                m_skipLine = c != '\n';
                continue;
            }
            if (m_depth > m_base || (m_capturing && m_depth == m_base)) {
                if (!inObject(c))
                    return false;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',')
                continue;
            if (c == '{') {
                m_capturing = true;
                m_oversized = false;
                m_object.clear();
                m_startLine = m_line;
                if (!inObject(c))
                    return false;
            } else if (c == '[' && m_depth == 0 && m_base == 0) {
                m_depth = m_base = 1;
            } else if (c == ']' && m_base == 1 && m_depth == 1) {
                m_depth = m_base = 0;
            } else {
                m_onReject(m_line, "not a JSON event object");
                m_skipLine = c != '\n';
            }
        }
        return true;
    }

    void finish()
    {
        if (m_capturing)
            m_onReject(m_startLine, "the file ends inside an event object");
    }

private:
    bool inObject(char c)
    {
        if (!m_oversized) {
            if (int64_t(m_object.size()) >= kMaxEventBytes) {
                m_oversized = true;
                m_object.clear();
            } else {
                m_object.push_back(c);
            }
        }
        if (m_inString) {
            if (m_escape)
                m_escape = false;
            else if (c == '\\')
                m_escape = true;
            else if (c == '"')
                m_inString = false;
            return true;
        }
        if (c == '"') {
            m_inString = true;
        } else if (c == '{' || c == '[') {
            ++m_depth;
        } else if (c == '}' || c == ']') {
            if (--m_depth == m_base) {
                m_capturing = false;
                if (m_oversized) {
                    m_onReject(m_startLine, "event object larger than 1 MiB");
                    return true;
                }
                return m_onObject(m_object, m_startLine);
            }
        }
        return true;
    }

    ObjectFn m_onObject;
    RejectFn m_onReject;
    std::string m_object;
    int64_t m_line = 1, m_startLine = 1;
    int m_depth = 0, m_base = 0; // m_base 1: inside a top-level array
    bool m_capturing = false, m_inString = false, m_escape = false, m_oversized = false, m_skipLine = false;
};

// A JSON value that Sysmon exporters write as a number or as a string ("22", 22).
std::optional<int64_t> intOf(const QJsonValue &v)
{
    if (v.isDouble())
        return v.toInteger();
    if (v.isString()) {
        bool ok = false;
        const qlonglong n = v.toString().trimmed().toLongLong(&ok);
        if (ok)
            return n;
    }
    return std::nullopt;
}

QString textOf(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toInteger());
    return {};
}

// The fields of one event, whatever the exporter's shape.
struct SysmonEvent
{
    std::optional<int64_t> eventId;
    QString provider, computer, utcTime, queryName, queryStatus, image, fallbackTime;
};

// "Dns query:\r\nRuleName: -\r\nUtcTime: 2024-…\r\n…": the rendered message of Get-WinEvent.
void fromMessage(const QString &message, SysmonEvent *e)
{
    const auto lines = QStringView(message).split(QLatin1Char('\n'));
    for (QStringView line : lines) {
        line = line.trimmed();
        const qsizetype colon = line.indexOf(QLatin1String(": "));
        if (colon <= 0)
            continue;
        const QStringView key = line.left(colon);
        const QString value = line.mid(colon + 2).toString();
        if (key == QLatin1String("UtcTime"))
            e->utcTime = value;
        else if (key == QLatin1String("QueryName"))
            e->queryName = value;
        else if (key == QLatin1String("QueryStatus"))
            e->queryStatus = value;
        else if (key == QLatin1String("Image"))
            e->image = value;
    }
}

// Sysmon's EventData, named (Winlogbeat's event_data, NXLog's flat fields).
void fromNamed(const QJsonObject &o, SysmonEvent *e)
{
    e->utcTime = textOf(o.value(QLatin1String("UtcTime")));
    e->queryName = textOf(o.value(QLatin1String("QueryName")));
    e->queryStatus = textOf(o.value(QLatin1String("QueryStatus")));
    e->image = textOf(o.value(QLatin1String("Image")));
}

SysmonEvent eventOf(const QJsonObject &o)
{
    SysmonEvent e;
    const QJsonValue winlog = o.value(QLatin1String("winlog"));
    if (winlog.isObject()) { // Winlogbeat
        const QJsonObject w = winlog.toObject();
        e.eventId = intOf(w.value(QLatin1String("event_id")));
        e.provider = w.value(QLatin1String("provider_name")).toString();
        e.computer = w.value(QLatin1String("computer_name")).toString();
        if (e.computer.isEmpty())
            e.computer = o.value(QLatin1String("host")).toObject().value(QLatin1String("name")).toString();
        fromNamed(w.value(QLatin1String("event_data")).toObject(), &e);
        e.fallbackTime = o.value(QLatin1String("@timestamp")).toString();
        return e;
    }
    if (o.contains(QLatin1String("EventID"))) { // NXLog (im_msvistalog + to_json)
        e.eventId = intOf(o.value(QLatin1String("EventID")));
        e.provider = o.value(QLatin1String("SourceName")).toString();
        if (e.provider.isEmpty())
            e.provider = o.value(QLatin1String("ProviderName")).toString();
        e.computer = o.value(QLatin1String("Hostname")).toString();
        if (e.computer.isEmpty())
            e.computer = o.value(QLatin1String("Computer")).toString();
        fromNamed(o, &e);
        return e;
    }
    // Get-WinEvent | ConvertTo-Json: an EventLogRecord's public properties.
    e.eventId = intOf(o.value(QLatin1String("Id")));
    e.provider = o.value(QLatin1String("ProviderName")).toString();
    e.computer = o.value(QLatin1String("MachineName")).toString();
    const QJsonArray props = o.value(QLatin1String("Properties")).toArray();
    // Event 22's data in manifest order: RuleName, UtcTime, ProcessGuid, ProcessId, QueryName,
    // QueryStatus, QueryResults, Image (and User since Sysmon 13).
    if (props.size() >= 8) {
        auto prop = [&props](int i) { return textOf(props.at(i).toObject().value(QLatin1String("Value"))); };
        e.utcTime = prop(1);
        e.queryName = prop(4);
        e.queryStatus = prop(5);
        e.image = prop(7);
    } else {
        fromMessage(o.value(QLatin1String("Message")).toString(), &e);
    }
    e.fallbackTime = o.value(QLatin1String("TimeCreated")).toString();
    return e;
}

// TimeCreated as ConvertTo-Json writes a DateTime: "/Date(1561386115823)/" (Windows PowerShell) or ISO
// 8601 with an offset (PowerShell 7).
std::optional<int64_t> parseTimeCreated(const QString &text)
{
    if (text.startsWith(QLatin1String("/Date(")) && text.endsWith(QLatin1String(")/"))) {
        bool ok = false;
        const QString inner = text.mid(6, text.size() - 8);
        const qsizetype sign = inner.indexOf(QLatin1Char('+'), 1);
        const qlonglong ms = (sign > 0 ? inner.left(sign) : inner).toLongLong(&ok);
        if (ok)
            return int64_t(ms) * 1000;
        return std::nullopt;
    }
    return parseIso8601(text, false);
}

} // namespace

SysmonReader::SysmonReader(const ReaderOptions &options) : m_options(options) {}

int SysmonReader::rcodeFromQueryStatus(int64_t status)
{
    if (status == 0 || status == 9501) // success; DNS_INFO_NO_RECORDS: the name exists without that type
        return 0;
    if (status >= 9001 && status <= 9018) // DNS_ERROR_RCODE_FORMAT_ERROR … DNS_ERROR_RCODE_BADTIME
        return int(status - 9000);
    return -1;
}

bool SysmonReader::handleEvent(const QJsonObject &object, int64_t line, RecordSink &sink, bool *stop)
{
    *stop = false;
    const SysmonEvent e = eventOf(object);
    if (!e.eventId) {
        sink.onRejected(line, "no event ID (not a Windows event export)");
        return false;
    }
    if (!e.provider.isEmpty() && !e.provider.startsWith(QLatin1String(kSysmonProvider.data(), qsizetype(kSysmonProvider.size())))) {
        sink.onSkipped(line, "not a Sysmon event");
        return false;
    }
    if (*e.eventId != kSysmonDnsQuery) {
        sink.onSkipped(line, "not a DNS query event (Sysmon event ID other than 22)");
        return false;
    }
    std::optional<int64_t> t = e.utcTime.isEmpty() ? std::nullopt : parseIso8601(e.utcTime, true);
    if (!t && e.utcTime.isEmpty() && !e.fallbackTime.isEmpty())
        t = parseTimeCreated(e.fallbackTime);
    if (!t) {
        sink.onRejected(line, e.utcTime.isEmpty() ? "no UtcTime" : "UtcTime is not a time");
        return false;
    }
    if (e.computer.isEmpty()) {
        sink.onRejected(line, "no computer name");
        return false;
    }
    const QByteArray rawName = e.queryName.trimmed().toUtf8();
    const char *reason = nullptr;
    if (rawName.isEmpty()) {
        sink.onRejected(line, "no QueryName");
        return false;
    }
    if (!normalizeDnsName(std::string_view(rawName.constData(), size_t(rawName.size())), &m_name, &reason)) {
        sink.onRejected(line, reason);
        return false;
    }
    m_client = e.computer.toLower().toStdString();
    m_image = e.image.trimmed().toStdString();
    LookupRecord r;
    r.timeUs = *t;
    r.client = m_client;
    r.name = m_name;
    r.image = m_image;
    r.line = line;
    if (!e.queryStatus.isEmpty()) {
        bool ok = false;
        const qlonglong status = e.queryStatus.trimmed().toLongLong(&ok);
        if (ok)
            r.rcode = int16_t(rcodeFromQueryStatus(status));
    }
    if (!sink.onRecord(r)) {
        *stop = true;
        return false;
    }
    return true;
}

ReadStatus SysmonReader::read(InputStream &stream, RecordSink &sink, QString *error)
{
    if (stream.peek(qsizetype(kEvtxSignature.size())) == QByteArrayView(kEvtxSignature.data(), qsizetype(kEvtxSignature.size())))
        return readEvtx(sink, error);
    const QByteArray start = stream.peek(3);
    const bool utf16 = start.size() >= 2 && uchar(start[0]) == 0xFF && uchar(start[1]) == 0xFE;
    bool utf8Bom = start.startsWith("\xEF\xBB\xBF");
    QStringDecoder decoder(QStringDecoder::Utf16LE); // stateful: a chunk may end inside a character
    bool stopped = false;
    QJsonParseError parseError;
    EventSplitter splitter(
        [&](std::string_view text, int64_t line) {
            const QJsonDocument doc =
                QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), qsizetype(text.size())), &parseError);
            if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
                const QByteArray why = parseError.errorString().toUtf8();
                sink.onRejected(line, std::string_view(why.constData(), size_t(why.size())));
                return true;
            }
            bool stop = false;
            handleEvent(doc.object(), line, sink, &stop);
            stopped = stop;
            return !stop;
        },
        [&](int64_t line, std::string_view reason) { sink.onRejected(line, reason); });

    QByteArray buffer(64 * 1024, Qt::Uninitialized);
    bool first = true;
    while (true) {
        const int64_t n = stream.read(buffer.data(), buffer.size());
        if (n < 0) {
            *error = stream.errorString();
            return ReadStatus::Failed;
        }
        if (n == 0)
            break;
        std::string_view chunk(buffer.constData(), size_t(n));
        QByteArray converted;
        if (utf16) {
            QString text = decoder.decode(QByteArrayView(buffer.constData(), n));
            if (first && text.startsWith(QChar(0xFEFF)))
                text.remove(0, 1);
            converted = text.toUtf8();
            chunk = std::string_view(converted.constData(), size_t(converted.size()));
        } else if (first && utf8Bom) {
            chunk.remove_prefix(std::min<size_t>(3, chunk.size()));
            utf8Bom = false;
        }
        first = false;
        if (!splitter.feed(chunk))
            return stopped ? ReadStatus::Stopped : ReadStatus::Finished;
    }
    if (decoder.hasError()) {
        *error = QStringLiteral("%1: not valid UTF-16").arg(m_options.path);
        return ReadStatus::Failed;
    }
    splitter.finish();
    return ReadStatus::Finished;
}

namespace
{

// libevtx's error text, freed.
QString evtxError(libevtx_error_t **e)
{
    char text[1024] = {};
    if (*e) {
        libevtx_error_sprint(*e, text, sizeof text);
        libevtx_error_free(e);
    }
    return QString::fromUtf8(text).trimmed();
}

// An event's XML (as libevtx renders its binary XML) as the named fields NXLog writes: EventID,
// SourceName, Hostname and each EventData/Data by its Name. Works whatever the record's templates.
bool eventFromXml(const QByteArray &xml, QJsonObject *out)
{
    QXmlStreamReader r(xml);
    QJsonObject o;
    while (!r.atEnd()) {
        if (r.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QStringView name = r.name();
        if (name == QLatin1String("Provider")) {
            o.insert(QStringLiteral("SourceName"), r.attributes().value(QLatin1String("Name")).toString());
        } else if (name == QLatin1String("EventID")) {
            o.insert(QStringLiteral("EventID"), r.readElementText().trimmed());
        } else if (name == QLatin1String("Computer")) {
            o.insert(QStringLiteral("Hostname"), r.readElementText().trimmed());
        } else if (name == QLatin1String("Data")) {
            const QString key = r.attributes().value(QLatin1String("Name")).toString();
            const QString value = r.readElementText();
            if (!key.isEmpty())
                o.insert(key, value);
        }
    }
    if (r.hasError() || !o.contains(QLatin1String("EventID")))
        return false;
    *out = o;
    return true;
}

} // namespace

ReadStatus SysmonReader::readEvtx(RecordSink &sink, QString *error)
{
    if (m_options.path.isEmpty()) {
        *error = QStringLiteral("a Windows event log file (.evtx) can only be read from a file");
        return ReadStatus::Failed;
    }
    libevtx_error_t *e = nullptr;
    libevtx_file_t *file = nullptr;
    const QByteArray native = QFile::encodeName(m_options.path);
    if (libevtx_file_initialize(&file, &e) != 1 || libevtx_file_open(file, native.constData(), LIBEVTX_OPEN_READ, &e) != 1) {
        *error = QStringLiteral("%1: cannot read the event log: %2").arg(m_options.path, evtxError(&e));
        libevtx_file_free(&file, nullptr);
        return ReadStatus::Failed;
    }
    int count = 0;
    libevtx_file_get_number_of_records(file, &count, nullptr);
    ReadStatus status = ReadStatus::Finished;
    QByteArray xml;
    for (int i = 0; i < count; ++i) {
        const int64_t number = i + 1; // the record's place in the file stands for a line number
        libevtx_record_t *record = nullptr;
        size_t size = 0;
        bool ok = libevtx_file_get_record_by_index(file, i, &record, &e) == 1
                  && libevtx_record_get_utf8_xml_string_size(record, &size, &e) == 1 && size > 0;
        if (ok) {
            xml.resize(qsizetype(size));
            ok = libevtx_record_get_utf8_xml_string(record, reinterpret_cast<uint8_t *>(xml.data()), size, &e) == 1;
            xml.resize(qsizetype(qstrnlen(xml.constData(), size_t(xml.size()))));
        }
        libevtx_record_free(&record, nullptr);
        QJsonObject event;
        if (!ok || !eventFromXml(xml, &event)) {
            const QByteArray why = ("unreadable event record: " + evtxError(&e)).toUtf8();
            sink.onRejected(number, std::string_view(why.constData(), size_t(why.size())));
            continue;
        }
        bool stop = false;
        handleEvent(event, number, sink, &stop);
        if (stop) {
            status = ReadStatus::Stopped;
            break;
        }
    }
    libevtx_file_close(file, nullptr);
    libevtx_file_free(&file, nullptr);
    return status;
}

int SysmonReader::detect(std::string_view head)
{
    if (head.substr(0, kEvtxSignature.size()) == kEvtxSignature)
        return 100;
    QByteArray text;
    std::string_view view = head;
    if (view.size() >= 2 && uchar(view[0]) == 0xFF && uchar(view[1]) == 0xFE) {
        // Windows PowerShell's default: UTF-16LE with a BOM. An odd byte at the cut is dropped.
        QStringDecoder decoder(QStringDecoder::Utf16LE);
        text = QString(decoder.decode(QByteArrayView(head.data(), qsizetype(head.size() & ~size_t(1))))).toUtf8();
        view = std::string_view(text.constData(), size_t(text.size()));
    }
    if (view.size() >= 3 && view.substr(0, 3) == "\xEF\xBB\xBF")
        view.remove_prefix(3);
    const size_t first = view.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || (view[first] != '{' && view[first] != '['))
        return 0;
    const bool sysmon = view.find(kSysmonProvider) != std::string_view::npos;
    const bool dnsEvent = view.find("\"QueryName\"") != std::string_view::npos
                          || view.find("QueryName: ") != std::string_view::npos;
    const bool windowsEvent = view.find("\"EventID\"") != std::string_view::npos || view.find("\"event_id\"") != std::string_view::npos
                              || view.find("\"Id\"") != std::string_view::npos;
    if (sysmon && windowsEvent)
        return 110;
    return dnsEvent && windowsEvent ? 90 : 0;
}

} // namespace dnt
