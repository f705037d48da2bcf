#pragma once

#include "domain/interaction.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

// Writes follow-ups as an iCalendar file (RFC 5545) that calendars and task lists open: one VTODO per follow-up
// with DUE, STATUS (COMPLETED with its time once done), SUMMARY naming the contact or campaign, the note as
// DESCRIPTION, and a VALARM that reminds at the due time. CRLF line ends, lines folded at 75 octets
// (ContentLine), TEXT escaped (\\ \; \, \n), times in UTC.
//
// The UID is made of the follow-up's id and creation time, so exporting again (after an edit, a snooze or on
// another day) gives the same UID and a calendar updates its task instead of adding a second one; DTSTAMP is
// the follow-up's last change, so an unchanged follow-up is written byte for byte the same.
namespace IcsWriter {

QByteArray begin(); // BEGIN:VCALENDAR, VERSION, PRODID
QByteArray todo(const FollowUp &followUp);
QByteArray end(); // END:VCALENDAR

QString uid(const FollowUp &followUp);
QString escape(const QString &text); // RFC 5545 3.3.11
QByteArray utc(const QDateTime &time); // 20250102T090000Z
QString summary(const FollowUp &followUp); // "Follow up with Anna Müller" (translated)

} // namespace IcsWriter
