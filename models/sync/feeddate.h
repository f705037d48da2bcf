#pragma once

#include <QDateTime>
#include <QStringView>

// Dates as feeds write them, to UTC. Accepts RFC 3339 / ISO 8601 ("2024-03-05T14:30:00+01:00", with or without
// seconds, fractions, a zone or the 'T') and RFC 822/2822 as RSS uses it ("Tue, 05 Mar 2024 14:30:00 GMT"),
// with the usual deviations: no weekday, no seconds, full month names, 2-digit years (00–49 → 20xx,
// 50–99 → 19xx, as RFC 2822 §4.3 says), named zones (UT, GMT, Z, EST/EDT … PST/PDT, a few European and
// Asian ones; an unknown zone name counts as UTC) and numeric zones (+0000, -05:00). Anything else gives an
// invalid QDateTime; never a crash, and linear in the input (the input is cut at 100 characters).
namespace FeedDate {
QDateTime parse(QStringView text);
}
