#include "interchange/importfield.h"

#include <QCoreApplication>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ImportFields)
};

} // namespace

namespace ImportFields {

QList<ImportFieldInfo> all()
{
    return {
        { ImportField::Ignore, QStringLiteral("ignore"), Tr::tr("(ignore)") },
        { ImportField::FirstName, QStringLiteral("first_name"), Tr::tr("First name") },
        { ImportField::MiddleName, QStringLiteral("middle_name"), Tr::tr("Middle name") },
        { ImportField::LastName, QStringLiteral("last_name"), Tr::tr("Last name") },
        { ImportField::DisplayName, QStringLiteral("display_name"), Tr::tr("Full name") },
        { ImportField::Title, QStringLiteral("title"), Tr::tr("Job title") },
        { ImportField::Organization, QStringLiteral("organization"), Tr::tr("Organization") },
        { ImportField::Kind, QStringLiteral("kind"), Tr::tr("Kind") },
        { ImportField::Email, QStringLiteral("email"), Tr::tr("Email") },
        { ImportField::EmailLabel, QStringLiteral("email_label"), Tr::tr("Email label") },
        { ImportField::Phone, QStringLiteral("phone"), Tr::tr("Phone") },
        { ImportField::PhoneLabel, QStringLiteral("phone_label"), Tr::tr("Phone label") },
        { ImportField::Handle, QStringLiteral("handle"), Tr::tr("Handle") },
        { ImportField::Website, QStringLiteral("website"), Tr::tr("Website") },
        { ImportField::Beats, QStringLiteral("beats"), Tr::tr("Beats") },
        { ImportField::Tags, QStringLiteral("tags"), Tr::tr("Tags") },
        { ImportField::City, QStringLiteral("city"), Tr::tr("City") },
        { ImportField::Country, QStringLiteral("country"), Tr::tr("Country") },
        { ImportField::TimeZone, QStringLiteral("time_zone"), Tr::tr("Time zone") },
        { ImportField::Reach, QStringLiteral("reach"), Tr::tr("Reach") },
        { ImportField::Notes, QStringLiteral("notes"), Tr::tr("Notes") },
        { ImportField::Owner, QStringLiteral("owner"), Tr::tr("Owner") },
        { ImportField::DoNotContact, QStringLiteral("do_not_contact"), Tr::tr("Do not contact") },
        { ImportField::Consent, QStringLiteral("consent"), Tr::tr("Consent") },
    };
}

QString key(ImportField field)
{
    for (const ImportFieldInfo &info : all())
        if (info.field == field)
            return info.key;
    return QString();
}

QString label(ImportField field)
{
    for (const ImportFieldInfo &info : all())
        if (info.field == field)
            return info.label;
    return QString();
}

std::optional<ImportField> fromKey(QStringView key)
{
    for (const ImportFieldInfo &info : all())
        if (info.key.compare(key.trimmed(), Qt::CaseInsensitive) == 0)
            return info.field;
    return std::nullopt;
}

bool isMultiValued(ImportField field)
{
    switch (field) {
    case ImportField::Email:
    case ImportField::EmailLabel:
    case ImportField::Phone:
    case ImportField::PhoneLabel:
    case ImportField::Handle:
    case ImportField::Website:
    case ImportField::Beats:
    case ImportField::Tags:
        return true;
    default:
        return false;
    }
}

} // namespace ImportFields
