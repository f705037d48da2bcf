#include "contactmerge.h"

#include <QCoreApplication>
#include <QLocale>

#include <functional>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ContactMerge)
};

using FieldInfo = FieldMerge::Field<Contact>;

QString emailsText(const Contact &c)
{
    QStringList out;
    for (const ContactEmail &e : c.emails)
        out << (e.label.isEmpty() ? e.email : e.label + u": " + e.email);
    return out.join(QStringLiteral(", "));
}

QString phonesText(const Contact &c)
{
    QStringList out;
    for (const ContactPhone &p : c.phones)
        out << (p.label.isEmpty() ? p.phone : p.label + u": " + p.phone);
    return out.join(QStringLiteral(", "));
}

QString handlesText(const Contact &c)
{
    QStringList out;
    for (const Handle &h : c.handles)
        out << h.network + u": " + h.handle;
    return out.join(QStringLiteral(", "));
}

#define RAPPORT_FIELD(key, label, member)                                                                              \
    FieldInfo                                                                                                          \
    {                                                                                                                  \
        QStringLiteral(key), "ContactMerge", label, [](const Contact &c) { return QVariant(c.member).toString(); },                   \
            [](Contact &t, const Contact &s) { t.member = s.member; }                                                 \
    }

} // namespace

const QList<FieldMerge::Field<Contact>> &ContactMerge::fields()
{
    static const QList<FieldInfo> list = {
        RAPPORT_FIELD("first_name", QT_TRANSLATE_NOOP("ContactMerge", "First name"), firstName),
        RAPPORT_FIELD("last_name", QT_TRANSLATE_NOOP("ContactMerge", "Last name"), lastName),
        RAPPORT_FIELD("display_name", QT_TRANSLATE_NOOP("ContactMerge", "Display name"), displayName),
        RAPPORT_FIELD("pronouns", QT_TRANSLATE_NOOP("ContactMerge", "Pronouns"), pronouns),
        RAPPORT_FIELD("title", QT_TRANSLATE_NOOP("ContactMerge", "Title"), title),
        FieldInfo { QStringLiteral("organization_id"), "ContactMerge", QT_TRANSLATE_NOOP("ContactMerge", "Organization"),
            [](const Contact &c) { return c.organizationName; },
            [](Contact &t, const Contact &s) {
                t.organizationId = s.organizationId;
                t.organizationName = s.organizationName;
            } },
        RAPPORT_FIELD("organization_role", QT_TRANSLATE_NOOP("ContactMerge", "Role at the outlet"), organizationRole),
        RAPPORT_FIELD("kind", QT_TRANSLATE_NOOP("ContactMerge", "Kind"), kind),
        RAPPORT_FIELD("owner_id", QT_TRANSLATE_NOOP("ContactMerge", "Account manager"), ownerId),
        RAPPORT_FIELD("city", QT_TRANSLATE_NOOP("ContactMerge", "City"), city),
        RAPPORT_FIELD("country", QT_TRANSLATE_NOOP("ContactMerge", "Country"), country),
        RAPPORT_FIELD("time_zone", QT_TRANSLATE_NOOP("ContactMerge", "Time zone"), timeZone),
        RAPPORT_FIELD("reach", QT_TRANSLATE_NOOP("ContactMerge", "Reach"), reach),
        RAPPORT_FIELD("preferred_channel", QT_TRANSLATE_NOOP("ContactMerge", "Preferred channel"), preferredChannel),
        RAPPORT_FIELD("notes", QT_TRANSLATE_NOOP("ContactMerge", "Notes"), notes),
        FieldInfo { QStringLiteral("do_not_contact"), "ContactMerge", QT_TRANSLATE_NOOP("ContactMerge", "Do not contact"),
            [](const Contact &c) { return c.doNotContact ? Tr::tr("Yes") : Tr::tr("No"); },
            [](Contact &t, const Contact &s) { t.doNotContact = s.doNotContact; } },
        RAPPORT_FIELD("do_not_contact_reason", QT_TRANSLATE_NOOP("ContactMerge", "Reason not to contact"),
            doNotContactReason),
        RAPPORT_FIELD("consent_basis", QT_TRANSLATE_NOOP("ContactMerge", "Consent basis"), consentBasis),
        FieldInfo { QStringLiteral("consent_at"), "ContactMerge", QT_TRANSLATE_NOOP("ContactMerge", "Consent given"),
            [](const Contact &c) {
                return c.consentAt.isValid() ? QLocale().toString(c.consentAt.toLocalTime(), QLocale::ShortFormat)
                                             : QString();
            },
            [](Contact &t, const Contact &s) { t.consentAt = s.consentAt; } },
        RAPPORT_FIELD("consent_source", QT_TRANSLATE_NOOP("ContactMerge", "Consent source"), consentSource),
        FieldInfo { QStringLiteral("emails"), "ContactMerge", QT_TRANSLATE_NOOP("ContactMerge", "Emails"), emailsText,
            [](Contact &t, const Contact &s) { t.emails = s.emails; } },
        FieldInfo { QStringLiteral("phones"), "ContactMerge", QT_TRANSLATE_NOOP("ContactMerge", "Phones"), phonesText,
            [](Contact &t, const Contact &s) { t.phones = s.phones; } },
        FieldInfo { QStringLiteral("handles"), "ContactMerge", QT_TRANSLATE_NOOP("ContactMerge", "Handles"), handlesText,
            [](Contact &t, const Contact &s) { t.handles = s.handles; } },
        FieldInfo { QStringLiteral("beats"), "ContactMerge", QT_TRANSLATE_NOOP("ContactMerge", "Beats"),
            [](const Contact &c) { return c.beats.join(QStringLiteral(", ")); },
            [](Contact &t, const Contact &s) { t.beats = s.beats; } },
        FieldInfo { QStringLiteral("tags"), "ContactMerge", QT_TRANSLATE_NOOP("ContactMerge", "Tags"),
            [](const Contact &c) { return c.tags.join(QStringLiteral(", ")); },
            [](Contact &t, const Contact &s) { t.tags = s.tags; } },
    };
    return list;
}

#undef RAPPORT_FIELD

ContactMerge::Outcome ContactMerge::merge(const Contact &original, const Contact &mine, const Contact &theirs)
{
    Outcome out = FieldMerge::merge(fields(), original, mine, theirs);
    out.merged.updatedAt = theirs.updatedAt;
    out.merged.lastContactedAt = theirs.lastContactedAt;
    return out;
}

void ContactMerge::take(Contact &target, const QString &field, const Contact &source)
{
    FieldMerge::take(fields(), target, field, source);
}

QString ContactMerge::label(const QString &field)
{
    return FieldMerge::label(fields(), field);
}
