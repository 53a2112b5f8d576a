#include "windowsdnsreader.h"

#include "bindreader.h"
#include "docformatsupport.h"
#include "linereader.h"
#include "textparse.h"
#include "timeutil.h"

namespace dnt
{

namespace windowsdns
{

namespace
{

struct DateParts {
    int a = 0, b = 0, c = 0;
    char sep = 0;
    bool yearFirst = false;
};

const char *splitDate(std::string_view date, DateParts *d)
{
    size_t pos = 0;
    if (!docfmt::readNumber(date, &pos, -4, &d->a) || pos >= date.size())
        return "date is not a number";
    d->sep = date[pos];
    if (d->sep != '/' && d->sep != '.' && d->sep != '-')
        return "date separator is not / . or -";
    d->yearFirst = pos == 4;
    ++pos;
    if (!docfmt::readNumber(date, &pos, -2, &d->b) || pos >= date.size() || date[pos] != d->sep)
        return "date is not three numbers";
    ++pos;
    if (!docfmt::readNumber(date, &pos, d->yearFirst ? -2 : 4, &d->c) || pos != date.size())
        return d->yearFirst ? "date is not YYYY/M/D" : "date needs a four-digit year at one end";
    return nullptr;
}

} // namespace

std::optional<DateOrder> dateOrderOf(std::string_view date)
{
    DateParts d;
    if (splitDate(date, &d) || d.yearFirst || d.sep == '.')
        return std::nullopt;
    if (d.a > 12 && d.a <= 31 && d.b >= 1 && d.b <= 12)
        return DateOrder::DayFirst;
    if (d.b > 12 && d.b <= 31 && d.a >= 1 && d.a <= 12)
        return DateOrder::MonthFirst;
    return std::nullopt;
}

const char *parseLocalTime(std::string_view date, std::string_view time, std::string_view ampm, DateOrder order,
                           int64_t *us, bool *ambiguous)
{
    DateParts d;
    if (const char *why = splitDate(date, &d))
        return why;
    int year, month, day;
    if (d.yearFirst)
        year = d.a, month = d.b, day = d.c; // no locale writes year, day, month
    else if (d.sep == '.' || order == DateOrder::DayFirst)
        year = d.c, month = d.b, day = d.a;
    else
        year = d.c, month = d.a, day = d.b;
    if (ambiguous)
        *ambiguous = !d.yearFirst && d.sep != '.' && d.a != d.b && d.a <= 12 && d.b <= 12;
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return order == DateOrder::DayFirst ? "no such month or day (the file's dates are D/M/YYYY)"
                                            : "no such month or day (the file's dates are M/D/YYYY)";

    int h = 0, m = 0, s = 0;
    size_t pos = 0;
    if (!docfmt::readNumber(time, &pos, -2, &h) || pos >= time.size() || time[pos] != ':')
        return "time is not H:MM:SS";
    ++pos;
    if (!docfmt::readNumber(time, &pos, 2, &m) || pos >= time.size() || time[pos] != ':')
        return "time is not H:MM:SS";
    ++pos;
    if (!docfmt::readNumber(time, &pos, 2, &s) || pos != time.size())
        return "time is not H:MM:SS";
    if (!ampm.empty()) {
        if (h < 1 || h > 12)
            return "12-hour clock hour outside 1..12";
        const bool pm = ampm == "PM" || ampm == "pm";
        h = h % 12 + (pm ? 12 : 0);
    }
    if (h > 23 || m > 59 || s > 60)
        return "no such time of day";
    const int64_t days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    int64_t checkYear;
    unsigned checkMonth, checkDay;
    civilFromDays(days, &checkYear, &checkMonth, &checkDay);
    if (checkDay != static_cast<unsigned>(day))
        return "no such day in that month";
    *us = ((days * 24 + h) * 60 + m) * 60 * kUsPerSecond + s * kUsPerSecond;
    return nullptr;
}

const char *decodeName(std::string_view in, std::string *out)
{
    out->clear();
    size_t pos = 0;
    while (true) {
        if (pos >= in.size() || in[pos] != '(')
            return "name is not in (n)label form";
        ++pos;
        int length = 0;
        if (!docfmt::readNumber(in, &pos, -3, &length) || pos >= in.size() || in[pos] != ')')
            return "label length is not (number)";
        ++pos;
        if (length == 0)
            break;
        if (length > 63)
            return "label longer than 63 bytes";
        if (in.size() - pos < static_cast<size_t>(length))
            return "label shorter than its length";
        if (!out->empty())
            out->push_back('.');
        out->append(in.substr(pos, static_cast<size_t>(length)));
        pos += static_cast<size_t>(length);
    }
    if (pos != in.size())
        return "bytes after the (0) that ends the name";
    if (out->empty())
        out->push_back('.');
    return nullptr;
}

} // namespace windowsdns

namespace
{

bool startsWithDigit(std::string_view s)
{
    return !s.empty() && s.front() >= '0' && s.front() <= '9';
}

} // namespace

WindowsDnsReader::WindowsDnsReader(const ReaderOptions &options) : m_clock(options.zone), m_path(options.path) {}

bool WindowsDnsReader::findDateOrder(std::string_view line)
{
    if (!startsWithDigit(line))
        return false;
    size_t pos = 0;
    const auto order = windowsdns::dateOrderOf(docfmt::nextToken(line, &pos));
    if (!order)
        return false;
    m_orderKnown = true;
    m_dayFirst = *order == windowsdns::DateOrder::DayFirst;
    return true;
}

ReadStatus WindowsDnsReader::read(InputStream &stream, RecordSink &sink, QString *error)
{
    if (!m_clock.isValid()) {
        if (error)
            *error = QStringLiteral("unknown time zone \"%1\"").arg(m_clock.zoneName());
        return ReadStatus::Failed;
    }
    m_orderKnown = m_orderAssumed = m_sawAmbiguous = false;
    // The day/month order is one per file: look for a date that settles it, first in the bytes at
    // hand, then (for a file) through the whole file once more.
    const QByteArray head = stream.peek(64 * 1024);
    textlog::forEachHeadLine(std::string_view(head.constData(), static_cast<size_t>(head.size())),
                             [this](std::string_view line) { return !findDateOrder(line); });
    if (!m_orderKnown && !m_path.isEmpty()) {
        QString ignored; // unreadable now: the read below reports it
        if (auto again = InputStream::openFile(m_path, &ignored)) {
            LineReader lines(*again);
            std::string_view line;
            LineReader::Status status;
            while ((status = lines.next(&line)) != LineReader::Status::End && status != LineReader::Status::Error)
                if (status == LineReader::Status::Line && findDateOrder(line))
                    break;
        }
    }
    return LineBasedReader::read(stream, sink, error);
}

QStringList WindowsDnsReader::notes() const
{
    if (!m_orderAssumed || !m_sawAmbiguous)
        return {};
    return {m_dayFirst ? QStringLiteral("dates read as D/M/YYYY (day first, as 24-hour locales write them): no date "
                                        "in the file has a day above 12 to settle the order")
                       : QStringLiteral("dates read as M/D/YYYY (month first, as en-US writes them with AM/PM): no "
                                        "date in the file has a day above 12 to settle the order")};
}

int WindowsDnsReader::detect(std::string_view head)
{
    if (head.find("Message logging key") != std::string_view::npos &&
        head.find("PACKET") != std::string_view::npos)
        return 100;
    // Without the header (a cut log): a PACKET line with a direction and a (n)label name.
    size_t pos = 0;
    while (pos < head.size()) {
        const size_t nl = head.find('\n', pos);
        const std::string_view line =
            head.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? head.size() : nl + 1;
        if (startsWithDigit(line) && line.find(" PACKET ") != std::string_view::npos &&
            (line.find(" Rcv ") != std::string_view::npos || line.find(" Snd ") != std::string_view::npos) &&
            line.find("(0)") != std::string_view::npos)
            return 90;
    }
    return 0;
}

LineBasedReader::LineResult WindowsDnsReader::parseLine(std::string_view line, int64_t lineNumber,
                                                        RecordSink &sink)
{
    if (isBlankLine(line))
        return LineResult::Continue;
    if (!startsWithDigit(line)) {
        sink.onSkipped(lineNumber, "header or note line");
        return LineResult::Continue;
    }
    const auto reject = [&](std::string_view why) {
        sink.onRejected(lineNumber, why);
        return LineResult::Continue;
    };
    size_t pos = 0;
    const std::string_view date = docfmt::nextToken(line, &pos);
    const std::string_view time = docfmt::nextToken(line, &pos);
    std::string_view tok = docfmt::nextToken(line, &pos);
    std::string_view ampm;
    if (tok == "AM" || tok == "PM" || tok == "am" || tok == "pm") {
        ampm = tok;
        tok = docfmt::nextToken(line, &pos); // thread id
    }
    const std::string_view context = docfmt::nextToken(line, &pos);
    if (context != "PACKET") {
        sink.onSkipped(lineNumber, "not a PACKET line");
        return LineResult::Continue;
    }
    docfmt::nextToken(line, &pos); // internal packet identifier
    const std::string_view proto = docfmt::nextToken(line, &pos);
    const std::string_view direction = docfmt::nextToken(line, &pos);
    const std::string_view remote = docfmt::nextToken(line, &pos);
    const std::string_view xid = docfmt::nextToken(line, &pos);
    std::string_view marker = docfmt::nextToken(line, &pos);
    if (proto != "UDP" && proto != "TCP")
        return reject("protocol is not UDP or TCP");
    if (direction != "Rcv" && direction != "Snd")
        return reject("direction is not Rcv or Snd");
    if (remote.empty() || xid.empty() || marker.empty())
        return reject("line ends before the opcode");
    const bool response = marker == "R";
    if (response)
        marker = docfmt::nextToken(line, &pos);
    const size_t open = line.find('[', pos);
    const size_t close = open == std::string_view::npos ? open : line.find(']', open);
    if (close == std::string_view::npos)
        return reject("no [flags rcode] part");
    pos = close + 1;
    const std::string_view qtype = docfmt::nextToken(line, &pos);
    const std::string_view name = docfmt::nextToken(line, &pos);
    if (qtype.empty() || name.empty())
        return reject("no query type and name after the [flags rcode] part");

    if (direction == "Snd") {
        sink.onSkipped(lineNumber, "sent packet");
        return LineResult::Continue;
    }
    if (response) {
        sink.onSkipped(lineNumber, "received response");
        return LineResult::Continue;
    }
    if (marker != "Q") {
        sink.onSkipped(lineNumber, "not a standard query (notify, update or unknown opcode)");
        return LineResult::Continue;
    }

    LookupRecord record;
    record.line = lineNumber;
    int64_t local = 0;
    if (!m_orderKnown) {
        // Nothing in the file settles it: en-US (the default install) writes AM/PM with month first.
        m_orderKnown = m_orderAssumed = true;
        m_dayFirst = ampm.empty();
    }
    bool ambiguous = false;
    const auto order = m_dayFirst ? windowsdns::DateOrder::DayFirst : windowsdns::DateOrder::MonthFirst;
    const char *timeProblem = windowsdns::parseLocalTime(date, time, ampm, order, &local, &ambiguous);
    m_sawAmbiguous = m_sawAmbiguous || (!timeProblem && ambiguous);
    if (const char *why = timeProblem) {
        m_reason = "bad date/time ";
        appendQuoted(&m_reason, line.substr(0, static_cast<size_t>(time.data() + time.size() - line.data())));
        m_reason += ": ";
        m_reason += why;
        return reject(m_reason);
    }
    record.timeUs = m_clock.toUtc(local);
    if (!isPlausibleTime(record.timeUs))
        return reject("date out of range (before 1970 or after 2199)");
    for (char c : remote)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' ||
              c == ':' || c == '%'))
            return reject("remote is not an address");
    record.client = remote;
    const char *why = windowsdns::decodeName(name, &m_raw);
    if (!why && !normalizeDnsName(m_raw, &m_name, &why)) {
        // why set by normalizeDnsName
    } else if (!why) {
        record.name = m_name;
    }
    if (why) {
        m_reason = "bad name ";
        appendQuoted(&m_reason, name);
        m_reason += ": ";
        m_reason += why;
        return reject(m_reason);
    }
    record.qtype = qtypeFromName(qtype);
    return sink.onRecord(record) ? LineResult::Continue : LineResult::Stop;
}

} // namespace dnt
