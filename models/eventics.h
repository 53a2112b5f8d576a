#pragma once

#include "eventfile.h"

#include <QByteArray>
#include <QTimeZone>

namespace dnt {

// Imports the VEVENTs of an iCalendar file (RFC 5545), the way news desks and researchers keep
// timelines in calendars:
// - folded lines (CRLF or LF followed by a space or tab) are unfolded before decoding UTF-8;
// - DTSTART/DTEND as UTC (…Z), as local time with TZID=Area/City (converted with the IANA zone that
//   QTimeZone knows; VTIMEZONE blocks are ignored; a time skipped by a DST change moves forward by the
//   gap and a repeated one takes its first occurrence, as RFC 5545 says), or floating (no zone: taken as
//   UTC, with a warning);
// - all-day events (VALUE=DATE) span whole days from midnight in `dateZone`; DTEND is exclusive and a
//   missing DTEND means one day;
// - DURATION when there is no DTEND (days and weeks are nominal: a day across a DST change in the
//   TZID's zone is 23 or 25 hours); a date-time event without either is a point event;
// - SUMMARY → title, DESCRIPTION → note, URL → url, the first of CATEGORIES → category, with the text
//   escapes \n \N \, \; \\ undone.
// A TZID that is not an IANA zone makes its event bad and is named in a warning; a recurring event
// (RRULE/RDATE) is imported as its first occurrence, with a warning. Every bad VEVENT is one problem on
// the line of its BEGIN:VEVENT, naming the property line that is wrong. A broken structure (no
// BEGIN:VCALENDAR, an END that closes nothing or the wrong thing, a VEVENT never closed) is a problem of
// the whole file. Pure: any thread.
EventFileResult readEventIcs(const QByteArray &data, const QTimeZone &dateZone = QTimeZone::utc());

} // namespace dnt
