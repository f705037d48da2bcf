#pragma once

#include <QDateTime>
#include <QStringView>

// Dates as feeds write them, to UTC.
//
// - W3C-DTF / RFC 3339 / ISO 8601 (Atom, dc:date, dcterms:*, JSON Feed), also at reduced precision:
//   "2003", "2003-12", "2003-12-13", "2003-12-13T18:30Z", "2003-12-13T18:30:02.25+01:00"; a space for the 'T',
//   no zone (read as UTC), "+0100" are tolerated.
// - RFC 822 / RFC 2822 as RSS uses it ("Tue, 05 Mar 2024 14:30:00 GMT") with what real servers write: no
//   weekday, no seconds, full month names, a comma after the month ("13 Feb, 2012"), 2- and 3-digit years
//   (RFC 2822 §4.3: 00–49 → 20xx, 50–99 → 19xx, 3 digits + 1900), day-month-year with dashes; JavaScript's
//   "Thu Aug 30 2012 17:26:16 GMT+0200 (CEST)" and asctime's "Sun Jan  4 16:29:06 2004".
// - Zones: numeric (+0000, -05:00, +01), UT/UTC/GMT/Z, "GMT+01:00"/"UTC-5", the US names (EST EDT CST CDT MST
//   MDT PST PDT) and others in common use, "Etc/GMT" (and POSIX "Etc/GMT+1", which is UTC−1), IANA names
//   ("Europe/Berlin"); military letters and unknown names of up to five letters count as UTC (RFC 2822 §4.3).
//
// Anything else, including forms that would need a guess ("2013-01-27-01", a weekday that is not one, an
// unknown "Area/City"), gives an invalid QDateTime; never a crash, and linear in the input (the input is cut
// at 100 characters).
namespace FeedDate {
QDateTime parse(QStringView text);
}
