#pragma once

#include <QByteArray>

// The content lines of vCard (RFC 6350 3.2, RFC 2426 2.6) and iCalendar (RFC 5545 3.1): a logical line longer
// than 75 octets is folded by inserting CRLF and one space; every physical line ends in CRLF. Folding never
// splits a UTF-8 sequence, so each physical line is valid UTF-8 on its own.
namespace ContentLine {

constexpr int kMaxOctets = 75;

// Appends `line` (UTF-8, without its CRLF) to `out`, folded, with the final CRLF.
void append(QByteArray &out, const QByteArray &line);
QByteArray folded(const QByteArray &line);

} // namespace ContentLine
