#include "eventics.h"

#include "timeutil.h"
#include "usertime.h"

#include <QDate>
#include <QHash>
#include <QTime>

namespace dnt {

namespace {

struct LogicalLine
{
    int line = 0; // physical line where it begins
    QByteArray text;
};

// RFC 5545 §3.1: a line break followed by one space or tab continues the previous line. Folding may
// split a UTF-8 sequence, so unfolding works on bytes and decoding comes after. Bare LF is accepted
// too: calendars pass through tools that drop the CR.
QVector<LogicalLine> unfold(const QByteArray &data)
{
    QVector<LogicalLine> out;
    int lineNo = 0;
    qsizetype pos = 0;
    while (pos < data.size()) {
        qsizetype end = data.indexOf('\n', pos);
        if (end < 0)
            end = data.size();
        QByteArray line = data.mid(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (line.endsWith('\r'))
            line.chop(1);
        if ((line.startsWith(' ') || line.startsWith('\t')) && !out.isEmpty()) {
            out.last().text.append(line.constData() + 1, line.size() - 1);
            continue;
        }
        if (line.trimmed().isEmpty())
            continue; // not allowed by the RFC, but harmless and common at the end of files
        out.append({lineNo, line});
    }
    return out;
}

struct ContentLine
{
    int line = 0;
    QString name;                       // upper-case
    QHash<QString, QStringList> params; // upper-case names
    QString value;

    QString param(const char *p) const { return params.value(QLatin1String(p)).value(0); }
};

// NAME *(;PARAM=VALUE[,VALUE]) : VALUE, with double-quoted parameter values that may hold ; : and ,.
bool parseContentLine(const LogicalLine &l, ContentLine *c)
{
    const QString s = QString::fromUtf8(l.text);
    c->line = l.line;
    qsizetype i = 0;
    while (i < s.size() && s[i] != QLatin1Char(';') && s[i] != QLatin1Char(':'))
        ++i;
    c->name = s.left(i).trimmed().toUpper();
    if (c->name.isEmpty())
        return false;
    while (i < s.size() && s[i] == QLatin1Char(';')) {
        const qsizetype nameStart = ++i;
        while (i < s.size() && s[i] != QLatin1Char('=') && s[i] != QLatin1Char(';') && s[i] != QLatin1Char(':'))
            ++i;
        if (i >= s.size() || s[i] != QLatin1Char('='))
            return false;
        const QString pname = s.mid(nameStart, i - nameStart).trimmed().toUpper();
        ++i;
        QStringList values;
        for (;;) {
            if (i < s.size() && s[i] == QLatin1Char('"')) {
                const qsizetype close = s.indexOf(QLatin1Char('"'), i + 1);
                if (close < 0)
                    return false;
                values << s.mid(i + 1, close - i - 1);
                i = close + 1;
            } else {
                const qsizetype start = i;
                while (i < s.size() && s[i] != QLatin1Char(',') && s[i] != QLatin1Char(';') && s[i] != QLatin1Char(':'))
                    ++i;
                values << s.mid(start, i - start);
            }
            if (i < s.size() && s[i] == QLatin1Char(',')) {
                ++i;
                continue;
            }
            break;
        }
        c->params.insert(pname, values);
    }
    if (i >= s.size() || s[i] != QLatin1Char(':'))
        return false;
    c->value = s.mid(i + 1);
    return true;
}

// TEXT values (§3.3.11): \n or \N is a line break, \, \; \\ the character itself. Other backslashes
// are kept as written rather than guessed at.
QString unescapeText(const QString &v)
{
    QString out;
    out.reserve(v.size());
    for (qsizetype i = 0; i < v.size(); ++i) {
        const QChar c = v[i];
        if (c != QLatin1Char('\\') || i + 1 == v.size()) {
            out += c;
            continue;
        }
        const QChar n = v[i + 1];
        if (n == QLatin1Char('n') || n == QLatin1Char('N'))
            out += QLatin1Char('\n');
        else if (n == QLatin1Char(',') || n == QLatin1Char(';') || n == QLatin1Char('\\'))
            out += n;
        else {
            out += c;
            out += n;
        }
        ++i;
    }
    return out;
}

// The first value of a comma-separated TEXT list (CATEGORIES), where "\," is a comma inside a value.
QString firstListValue(const QString &v)
{
    for (qsizetype i = 0; i < v.size(); ++i) {
        if (v[i] == QLatin1Char('\\'))
            ++i;
        else if (v[i] == QLatin1Char(','))
            return unescapeText(v.left(i));
    }
    return unescapeText(v);
}

enum class TimeKind { Date, Utc, Zone, Floating };

struct IcsTime
{
    TimeKind kind = TimeKind::Utc;
    QDate date;
    QTime time;
    QTimeZone zone; // for TimeKind::Zone
    int64_t us = 0;
};

// The instant of a local wall-clock time in a zone, with the DST rules of usertime.h (which are those of
// RFC 5545 §3.3.5: a skipped time uses the offset before the gap, a repeated one its first occurrence).
std::optional<int64_t> localToUs(QDate date, QTime time, const QTimeZone &zone)
{
    return localTimeToUs(date, time, zone);
}

bool allDigits(const QString &s)
{
    return !s.isEmpty()
           && std::all_of(s.begin(), s.end(), [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); });
}

// DTSTART/DTEND. Returns an empty string or why the value cannot be used; an unknown TZID is also
// returned in *badTzid so that it can be named once in a warning.
QString parseIcsTime(const ContentLine &p, const QTimeZone &dateZone, IcsTime *t, QString *badTzid)
{
    const QString v = p.value.trimmed().toUpper();
    const QString type = p.param("VALUE").trimmed().toUpper();
    const bool looksLikeDate = v.size() == 8 && allDigits(v);
    if (type == QLatin1String("DATE") || (type.isEmpty() && looksLikeDate)) {
        t->date = looksLikeDate ? QDate::fromString(v, QStringLiteral("yyyyMMdd")) : QDate();
        if (!t->date.isValid())
            return QStringLiteral("expected a date like 20160727, got \"%1\"").arg(p.value.left(40));
        t->kind = TimeKind::Date;
        const auto us = localToUs(t->date, QTime(0, 0), dateZone);
        if (!us)
            return QStringLiteral("midnight of %1 does not exist in %2")
                .arg(t->date.toString(Qt::ISODate), QString::fromUtf8(dateZone.id()));
        t->us = *us;
        return {};
    }
    if (!type.isEmpty() && type != QLatin1String("DATE-TIME"))
        return QStringLiteral("VALUE=%1 is not supported (expected DATE or DATE-TIME)").arg(type.left(20));
    const bool z = v.endsWith(QLatin1Char('Z'));
    const QString body = z ? v.chopped(1) : v;
    const QString datePart = body.left(8), timePart = body.mid(9);
    if (body.size() != 15 || body[8] != QLatin1Char('T') || !allDigits(datePart) || !allDigits(timePart))
        return QStringLiteral("expected a date-time like 20160727T190000Z, got \"%1\"").arg(p.value.left(40));
    t->date = QDate::fromString(datePart, QStringLiteral("yyyyMMdd"));
    const int sec = std::min(timePart.mid(4, 2).toInt(), 59); // a leap second stays inside its minute
    t->time = QTime(timePart.left(2).toInt(), timePart.mid(2, 2).toInt(), sec);
    if (!t->date.isValid() || !t->time.isValid())
        return QStringLiteral("\"%1\" is not a valid date and time").arg(p.value.left(40));
    QString tzid = p.param("TZID").trimmed();
    if (z) {
        t->kind = TimeKind::Utc;
    } else if (!tzid.isEmpty()) {
        if (tzid.startsWith(QLatin1Char('/'))) // §3.2.19: a leading solidus marks a globally unique id
            tzid.remove(0, 1);
        const QTimeZone zone(tzid.toUtf8());
        if (!zone.isValid()) {
            *badTzid = tzid;
            return QStringLiteral("TZID \"%1\" is not an IANA time zone this system knows").arg(tzid.left(80));
        }
        t->kind = TimeKind::Zone;
        t->zone = zone;
    } else {
        t->kind = TimeKind::Floating;
    }
    const auto us = localToUs(t->date, t->time, t->kind == TimeKind::Zone ? t->zone : QTimeZone::utc());
    if (!us)
        return QStringLiteral("%1 does not exist in %2").arg(p.value, tzid);
    t->us = *us;
    return {};
}

struct Duration
{
    int64_t days = 0;    // nominal days (weeks included)
    int64_t seconds = 0; // exact
    bool negative = false;
};

// dur-value (§3.3.6): [+|-]P then nW, or nD and/or T with nH nM nS.
std::optional<Duration> parseDuration(const QString &text)
{
    const QString s = text.trimmed().toUpper();
    Duration d;
    qsizetype i = 0;
    if (i < s.size() && (s[i] == QLatin1Char('+') || s[i] == QLatin1Char('-')))
        d.negative = s[i++] == QLatin1Char('-');
    if (i >= s.size() || s[i] != QLatin1Char('P'))
        return std::nullopt;
    ++i;
    bool inTime = false, any = false;
    while (i < s.size()) {
        if (s[i] == QLatin1Char('T')) {
            if (inTime)
                return std::nullopt;
            inTime = true;
            ++i;
            continue;
        }
        const qsizetype start = i;
        while (i < s.size() && s[i].isDigit())
            ++i;
        // Nine digits are far beyond any calendar and keep the arithmetic below from overflowing.
        if (i == start || i - start > 9 || i >= s.size())
            return std::nullopt;
        const int64_t n = s.mid(start, i - start).toLongLong();
        const QChar unit = s[i++];
        if (!inTime && unit == QLatin1Char('W'))
            d.days += 7 * n;
        else if (!inTime && unit == QLatin1Char('D'))
            d.days += n;
        else if (inTime && unit == QLatin1Char('H'))
            d.seconds += 3600 * n;
        else if (inTime && unit == QLatin1Char('M'))
            d.seconds += 60 * n;
        else if (inTime && unit == QLatin1Char('S'))
            d.seconds += n;
        else
            return std::nullopt;
        any = true;
    }
    if (!any)
        return std::nullopt;
    return d;
}

// start + duration: days move the wall clock (in the TZID's zone, or the all-day zone), the rest is
// exact time.
std::optional<int64_t> addDuration(const IcsTime &start, const Duration &d, const QTimeZone &dateZone)
{
    if (start.kind == TimeKind::Date)
        return localToUs(start.date.addDays(d.days), QTime(0, 0), dateZone);
    if (start.kind == TimeKind::Zone) {
        const auto base = localToUs(start.date.addDays(d.days), start.time, start.zone);
        if (!base)
            return std::nullopt;
        return *base + d.seconds * kUsPerSecond;
    }
    return start.us + d.days * kUsPerDay + d.seconds * kUsPerSecond;
}

// What the reader learns across the file, reported once as warnings.
struct Context
{
    QTimeZone dateZone;
    QHash<QString, int> badTzids; // TZID -> first line
    QStringList badTzidOrder;
    int floating = 0;
    int firstFloatingLine = 0;
    QVector<EventFileProblem> warnings;
};

struct VEvent
{
    int beginLine = 0;
    QVector<ContentLine> props;
    QStringList reasons; // lines inside it that are not properties
};

// One VEVENT to an Event, or the reasons it cannot be one.
std::optional<Event> convert(const VEvent &v, Context *ctx, QStringList *reasons)
{
    auto all = [&](const char *name) {
        QVector<const ContentLine *> out;
        for (const auto &p : v.props)
            if (p.name == QLatin1String(name))
                out << &p;
        return out;
    };
    auto where = [](const ContentLine *p) { return QStringLiteral("%1 (line %2)").arg(p->name).arg(p->line); };
    *reasons = v.reasons;
    Event e;
    const auto summary = all("SUMMARY");
    if (summary.isEmpty())
        *reasons << QStringLiteral("SUMMARY is missing: an event needs a title");
    else if ((e.title = unescapeText(summary.first()->value).trimmed()).isEmpty())
        *reasons << QStringLiteral("%1 is empty: an event needs a title").arg(where(summary.first()));
    for (const char *once : {"DTSTART", "DTEND", "DURATION"}) {
        const auto found = all(once);
        if (found.size() > 1)
            *reasons << QStringLiteral("%1 appears %2 times (lines %3 and %4); it may appear once")
                            .arg(QLatin1String(once))
                            .arg(found.size())
                            .arg(found.at(0)->line)
                            .arg(found.at(1)->line);
    }
    int floatingLine = 0; // first property with a floating time
    auto readTime = [&](const ContentLine *p, IcsTime *t) {
        QString badTzid;
        const QString why = parseIcsTime(*p, ctx->dateZone, t, &badTzid);
        if (!badTzid.isEmpty() && !ctx->badTzids.contains(badTzid)) {
            ctx->badTzids.insert(badTzid, p->line);
            ctx->badTzidOrder << badTzid;
        }
        if (!why.isEmpty())
            *reasons << QStringLiteral("%1: %2").arg(where(p), why);
        else if (t->kind == TimeKind::Floating && !floatingLine)
            floatingLine = p->line;
        return why.isEmpty();
    };
    const auto dtstart = all("DTSTART"), dtend = all("DTEND"), duration = all("DURATION");
    IcsTime start;
    bool startOk = false;
    if (dtstart.isEmpty())
        *reasons << QStringLiteral("DTSTART is missing");
    else
        startOk = readTime(dtstart.first(), &start);
    if (!dtend.isEmpty() && !duration.isEmpty())
        *reasons << QStringLiteral("%1 and %2 are both given; only one may be")
                        .arg(where(dtend.first()), where(duration.first()));
    if (startOk) {
        e.startUs = start.us;
        if (!dtend.isEmpty()) {
            IcsTime end;
            if (readTime(dtend.first(), &end)) {
                if ((end.kind == TimeKind::Date) != (start.kind == TimeKind::Date))
                    *reasons << QStringLiteral("%1 is a %2 but DTSTART a %3; both must be dates or both date-times")
                                    .arg(where(dtend.first()),
                                         end.kind == TimeKind::Date ? QStringLiteral("date")
                                                                    : QStringLiteral("date-time"),
                                         start.kind == TimeKind::Date ? QStringLiteral("date")
                                                                      : QStringLiteral("date-time"));
                else if (end.us < start.us || (end.us == start.us && start.kind == TimeKind::Date))
                    *reasons << QStringLiteral("%1 (%2) is not after DTSTART (%3)")
                                    .arg(where(dtend.first()), formatIsoUtc(end.us), formatIsoUtc(start.us));
                else if (end.us > start.us) // equal date-times: an instant, i.e. a point event (§3.6.1)
                    e.endUs = end.us;
            }
        } else if (!duration.isEmpty()) {
            const auto d = parseDuration(duration.first()->value);
            if (!d)
                *reasons << QStringLiteral("%1: expected a duration like PT1H30M, P2D or P1W, got \"%2\"")
                                .arg(where(duration.first()), duration.first()->value.left(40));
            else if (d->negative)
                *reasons << QStringLiteral("%1 is negative").arg(where(duration.first()));
            else if (start.kind == TimeKind::Date && d->seconds)
                *reasons << QStringLiteral("%1: an all-day event lasts whole days (P1D, P2W), not \"%2\"")
                                .arg(where(duration.first()), duration.first()->value.left(40));
            else if (const auto end = addDuration(start, *d, ctx->dateZone); !end)
                *reasons << QStringLiteral("%1: the end does not exist in the zone").arg(where(duration.first()));
            else if (*end > start.us)
                e.endUs = *end;
            else if (start.kind == TimeKind::Date)
                *reasons << QStringLiteral("%1: an all-day event lasts at least a day").arg(where(duration.first()));
        } else if (start.kind == TimeKind::Date) {
            e.endUs = addDuration(start, Duration{1, 0, false}, ctx->dateZone); // §3.6.1: one day
        }
    }
    if (const auto desc = all("DESCRIPTION"); !desc.isEmpty())
        e.note = unescapeText(desc.first()->value);
    if (const auto url = all("URL"); !url.isEmpty())
        e.url = url.first()->value.trimmed(); // a URI, not TEXT: no escapes to undo
    if (const auto cats = all("CATEGORIES"); !cats.isEmpty())
        e.category = firstListValue(cats.first()->value).trimmed();
    if (!reasons->isEmpty())
        return std::nullopt;
    if (floatingLine) {
        if (!ctx->floating)
            ctx->firstFloatingLine = floatingLine;
        ++ctx->floating;
    }
    for (const char *rec : {"RRULE", "RDATE"}) {
        if (const auto r = all(rec); !r.isEmpty()) {
            ctx->warnings.append({v.beginLine,
                                  QStringLiteral("VEVENT \"%1\" repeats (%2); only its first occurrence is imported")
                                      .arg(e.title.left(80), where(r.first())),
                                  -1});
            break;
        }
    }
    return e;
}

} // namespace

EventFileResult readEventIcs(const QByteArray &input, const QTimeZone &dateZone)
{
    EventFileResult result;
    result.format = QStringLiteral("ics");
    const QByteArray data = input.startsWith("\xEF\xBB\xBF") ? input.mid(3) : input;
    const QVector<LogicalLine> lines = unfold(data);
    if (lines.isEmpty() || lines.first().text.trimmed().toUpper() != "BEGIN:VCALENDAR") {
        result.error = QStringLiteral("line %1: expected BEGIN:VCALENDAR: not an iCalendar file")
                           .arg(lines.isEmpty() ? 1 : lines.first().line);
        return result;
    }
    Context ctx;
    ctx.dateZone = dateZone.isValid() ? dateZone : QTimeZone::utc();
    struct Open
    {
        QString name;
        int line;
    };
    QVector<Open> stack;
    std::optional<VEvent> current;
    int vevents = 0;
    for (const LogicalLine &l : lines) {
        ContentLine c;
        if (!parseContentLine(l, &c)) {
            const QString why =
                QStringLiteral("line %1: not a property (expected NAME[;PARAM=VALUE]:VALUE), got \"%2\"")
                    .arg(l.line)
                    .arg(QString::fromUtf8(l.text.left(60)));
            if (current)
                current->reasons << why;
            else
                result.warnings.append(
                    {l.line, QStringLiteral("ignored: not a property (expected NAME[;PARAM=VALUE]:VALUE)"), -1});
            continue;
        }
        const QString component = c.value.trimmed().toUpper();
        if (c.name == QLatin1String("BEGIN")) {
            if (stack.isEmpty() && component != QLatin1String("VCALENDAR")) {
                result.error = QStringLiteral("line %1: BEGIN:%2 outside BEGIN:VCALENDAR … END:VCALENDAR")
                                   .arg(l.line)
                                   .arg(component.left(40));
                return result;
            }
            if (component == QLatin1String("VEVENT") && stack.size() == 1 && !current) {
                current = VEvent{l.line, {}, {}};
                ++vevents;
            }
            stack.append({component, l.line});
            continue;
        }
        if (c.name == QLatin1String("END")) {
            if (stack.isEmpty()) {
                result.error = QStringLiteral("line %1: END:%2 without a BEGIN").arg(l.line).arg(component.left(40));
                return result;
            }
            if (stack.last().name != component) {
                result.error = QStringLiteral("line %1: END:%2 does not close BEGIN:%3 of line %4")
                                   .arg(l.line)
                                   .arg(component.left(40), stack.last().name.left(40))
                                   .arg(stack.last().line);
                return result;
            }
            stack.removeLast();
            if (current && stack.size() == 1) {
                QStringList reasons;
                if (const auto e = convert(*current, &ctx, &reasons)) {
                    result.events.append(*e);
                } else {
                    QString label;
                    for (const auto &p : current->props)
                        if (p.name == QLatin1String("SUMMARY") && !p.value.trimmed().isEmpty()) {
                            label = QStringLiteral("VEVENT \"%1\": ").arg(unescapeText(p.value).trimmed().left(80));
                            break;
                        }
                    result.problems.append({current->beginLine, label + reasons.join(QStringLiteral("; ")), -1});
                }
                current.reset();
            }
            continue;
        }
        if (stack.isEmpty()) {
            result.error =
                QStringLiteral("line %1: %2 outside BEGIN:VCALENDAR … END:VCALENDAR").arg(l.line).arg(c.name.left(40));
            return result;
        }
        // Only the VEVENT's own properties count: those of a VALARM inside it describe the alarm.
        if (current && stack.size() == 2)
            current->props.append(c);
    }
    if (current) {
        result.error = QStringLiteral("line %1: BEGIN:VEVENT is never closed by END:VEVENT (is the file truncated?)")
                           .arg(current->beginLine);
        result.events.clear();
        result.problems.clear();
        return result;
    }
    if (!stack.isEmpty())
        result.warnings.append(
            {stack.first().line,
             QStringLiteral("BEGIN:%1 is never closed: the file may be truncated").arg(stack.first().name), -1});
    if (vevents == 0)
        result.warnings.append({0, QStringLiteral("the calendar has no VEVENT"), -1});
    for (const QString &tzid : std::as_const(ctx.badTzidOrder))
        result.warnings.append({ctx.badTzids.value(tzid),
                                QStringLiteral("TZID \"%1\" is not an IANA time zone this system knows (VTIMEZONE "
                                               "definitions are not used): its events are bad rows")
                                    .arg(tzid.left(80)),
                                -1});
    if (ctx.floating)
        result.warnings.append(
            {ctx.firstFloatingLine,
             QStringLiteral("%1 event(s) have times without a zone (floating: no TZID and no Z), taken as "
                            "UTC; the first is here")
                 .arg(ctx.floating),
             -1});
    result.warnings += ctx.warnings;
    return result;
}

} // namespace dnt
