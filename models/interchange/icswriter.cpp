#include "interchange/icswriter.h"

#include "interchange/contentline.h"
#include "interchange/vcard.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(IcsWriter)
};

void add(QByteArray &out, const QString &name, const QString &value)
{
    ContentLine::append(out, (name + u':' + value).toUtf8());
}

void add(QByteArray &out, const char *name, const QByteArray &value)
{
    ContentLine::append(out, QByteArray(name) + ':' + value);
}

} // namespace

namespace IcsWriter {

QString escape(const QString &text)
{
    // RFC 5545's TEXT escapes are vCard's: backslash, semicolon, comma and newline.
    return VCard::escape(text);
}

QByteArray utc(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyyMMdd'T'HHmmss'Z'"_s).toLatin1();
}

QString uid(const FollowUp &f)
{
    return u"rapport-follow-up-%1-%2@rapport.invalid"_s.arg(f.id).arg(
        f.createdAt.isValid() ? f.createdAt.toMSecsSinceEpoch() : 0);
}

QString summary(const FollowUp &f)
{
    if (!f.contactName.isEmpty() && !f.campaignName.isEmpty())
        return Tr::tr("Follow up with %1 (%2)").arg(f.contactName, f.campaignName);
    if (!f.contactName.isEmpty())
        return Tr::tr("Follow up with %1").arg(f.contactName);
    if (!f.campaignName.isEmpty())
        return Tr::tr("Follow up on %1").arg(f.campaignName);
    return Tr::tr("Follow up");
}

QByteArray begin()
{
    QByteArray out;
    add(out, "BEGIN", "VCALENDAR");
    add(out, "VERSION", "2.0");
    add(out, "PRODID", "-//Rapport//Rapport follow-ups//EN");
    add(out, "CALSCALE", "GREGORIAN");
    return out;
}

QByteArray todo(const FollowUp &f)
{
    QByteArray out;
    out.reserve(512);
    const QDateTime stamp = f.updatedAt.isValid() ? f.updatedAt : f.createdAt;
    add(out, "BEGIN", "VTODO");
    add(out, u"UID"_s, uid(f));
    add(out, "DTSTAMP", utc(stamp.isValid() ? stamp : f.dueAt));
    if (f.createdAt.isValid())
        add(out, "CREATED", utc(f.createdAt));
    if (f.updatedAt.isValid())
        add(out, "LAST-MODIFIED", utc(f.updatedAt));
    const QString title = summary(f);
    add(out, u"SUMMARY"_s, escape(title));
    if (!f.note.isEmpty())
        add(out, u"DESCRIPTION"_s, escape(f.note));
    add(out, "DUE", utc(f.dueAt));
    if (f.doneAt.isValid()) {
        add(out, "STATUS", "COMPLETED");
        add(out, "COMPLETED", utc(f.doneAt));
        add(out, "PERCENT-COMPLETE", "100");
    } else {
        add(out, "STATUS", "NEEDS-ACTION");
        // A reminder at the due time (RELATED=END: relative to DUE for a VTODO, RFC 5545 3.8.6.3).
        add(out, "BEGIN", "VALARM");
        add(out, "ACTION", "DISPLAY");
        add(out, u"DESCRIPTION"_s, escape(title));
        add(out, "TRIGGER;RELATED=END", "PT0S");
        add(out, "END", "VALARM");
    }
    add(out, "END", "VTODO");
    return out;
}

QByteArray end()
{
    QByteArray out;
    add(out, "END", "VCALENDAR");
    return out;
}

} // namespace IcsWriter
