#pragma once

#include <QList>
#include <QString>

#include <optional>

// What a column of an import file (or a vCard property) can become: one row per field in ImportFields::all(),
// so the mapping page, the command line's --mapping files and the presets share one table.
enum class ImportField {
    Ignore,
    FirstName,
    MiddleName,
    LastName,
    DisplayName,
    Title,
    Organization,
    Kind,
    Email, // option: a fixed label ("work"); group: pairs it with an EmailLabel column
    EmailLabel,
    Phone, // as Email
    PhoneLabel,
    Handle, // option: the network ("mastodon", "bluesky", "x", "linkedin", "feed")
    Website,
    Beats,
    Tags,
    City,
    Country,
    TimeZone,
    Reach,
    Notes,
    Owner, // an account manager's name or login
    DoNotContact, // yes/no
    Consent, // the basis of consent, free text
};

struct ImportFieldInfo
{
    ImportField field;
    QString key; // stable, in --mapping files: "first_name", "email", ...
    QString label; // translated, for the mapping page
};

namespace ImportFields {
QList<ImportFieldInfo> all();
QString key(ImportField field);
QString label(ImportField field);
std::optional<ImportField> fromKey(QStringView key);
// Fields that take several values from one cell (split at " ::: ", and for beats and tags also at ',' ';').
bool isMultiValued(ImportField field);
} // namespace ImportFields
