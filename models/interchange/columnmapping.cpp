#include "interchange/columnmapping.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ImportPresets)
};

bool has(const QStringList &header, const char *name)
{
    return header.contains(QLatin1String(name), Qt::CaseInsensitive);
}

// "E-mail 2 - Value" -> (2, "Value") for prefix "E-mail".
bool numbered(const QString &column, const QString &prefix, int &group, QString &rest)
{
    static const QRegularExpression re(QStringLiteral("^(.+?) (\\d+) - (.+)$"));
    const QRegularExpressionMatch m = re.match(column);
    if (!m.hasMatch() || m.captured(1).compare(prefix, Qt::CaseInsensitive) != 0)
        return false;
    group = m.captured(2).toInt();
    rest = m.captured(3).trimmed().toLower();
    return true;
}

ColumnTarget target(ImportField field, const QString &option = QString(), int group = 0)
{
    return ColumnTarget { field, option, group };
}

ColumnTarget google(const QString &column, bool legacy)
{
    const QString c = column.trimmed().toLower();
    int group = 0;
    QString rest;
    if (numbered(column, QStringLiteral("E-mail"), group, rest)) {
        if (rest == u"value")
            return target(ImportField::Email, QString(), group);
        if (rest == u"label" || rest == u"type")
            return target(ImportField::EmailLabel, QString(), group);
        return {};
    }
    if (numbered(column, QStringLiteral("Phone"), group, rest)) {
        if (rest == u"value")
            return target(ImportField::Phone, QString(), group);
        if (rest == u"label" || rest == u"type")
            return target(ImportField::PhoneLabel, QString(), group);
        return {};
    }
    if (numbered(column, QStringLiteral("Website"), group, rest))
        return rest == u"value" ? target(ImportField::Website) : ColumnTarget {};
    if (numbered(column, QStringLiteral("Address"), group, rest)) {
        if (group != 1)
            return {};
        if (rest == u"city")
            return target(ImportField::City);
        if (rest == u"country")
            return target(ImportField::Country);
        return {};
    }
    if (numbered(column, QStringLiteral("Organization"), group, rest)) {
        if (group != 1)
            return {};
        if (rest == u"name")
            return target(ImportField::Organization);
        if (rest == u"title")
            return target(ImportField::Title);
        return {};
    }
    if (legacy) {
        if (c == u"name")
            return target(ImportField::DisplayName);
        if (c == u"given name")
            return target(ImportField::FirstName);
        if (c == u"additional name")
            return target(ImportField::MiddleName);
        if (c == u"family name")
            return target(ImportField::LastName);
        if (c == u"group membership")
            return target(ImportField::Tags);
    } else {
        if (c == u"first name")
            return target(ImportField::FirstName);
        if (c == u"middle name")
            return target(ImportField::MiddleName);
        if (c == u"last name")
            return target(ImportField::LastName);
        if (c == u"organization name")
            return target(ImportField::Organization);
        if (c == u"organization title")
            return target(ImportField::Title);
        if (c == u"labels")
            return target(ImportField::Tags);
    }
    if (c == u"notes")
        return target(ImportField::Notes);
    return {};
}

ColumnTarget outlook(const QString &column)
{
    const QString c = column.trimmed().toLower();
    static const QList<std::pair<QString, ColumnTarget>> table = {
        { QStringLiteral("first name"), target(ImportField::FirstName) },
        { QStringLiteral("middle name"), target(ImportField::MiddleName) },
        { QStringLiteral("last name"), target(ImportField::LastName) },
        // Outlook's "Title" is the name prefix (Mr., Dr.); the job is "Job Title".
        { QStringLiteral("job title"), target(ImportField::Title) },
        { QStringLiteral("company"), target(ImportField::Organization) },
        { QStringLiteral("e-mail address"), target(ImportField::Email, QStringLiteral("work")) },
        { QStringLiteral("e-mail 2 address"), target(ImportField::Email, QStringLiteral("other")) },
        { QStringLiteral("e-mail 3 address"), target(ImportField::Email, QStringLiteral("other")) },
        { QStringLiteral("primary phone"), target(ImportField::Phone, QStringLiteral("work")) },
        { QStringLiteral("business phone"), target(ImportField::Phone, QStringLiteral("work")) },
        { QStringLiteral("business phone 2"), target(ImportField::Phone, QStringLiteral("work")) },
        { QStringLiteral("company main phone"), target(ImportField::Phone, QStringLiteral("work")) },
        { QStringLiteral("mobile phone"), target(ImportField::Phone, QStringLiteral("mobile")) },
        { QStringLiteral("home phone"), target(ImportField::Phone, QStringLiteral("home")) },
        { QStringLiteral("home phone 2"), target(ImportField::Phone, QStringLiteral("home")) },
        { QStringLiteral("other phone"), target(ImportField::Phone, QStringLiteral("other")) },
        { QStringLiteral("web page"), target(ImportField::Website) },
        { QStringLiteral("business city"), target(ImportField::City) },
        { QStringLiteral("business country/region"), target(ImportField::Country) },
        { QStringLiteral("business country"), target(ImportField::Country) },
        { QStringLiteral("notes"), target(ImportField::Notes) },
        { QStringLiteral("categories"), target(ImportField::Tags) },
    };
    for (const auto &[name, t] : table)
        if (name == c)
            return t;
    return {};
}

QString squeeze(const QString &column)
{
    QString out;
    for (const QChar ch : column.toLower())
        if (ch.isLetterOrNumber())
            out += ch;
    return out;
}

// Column names people give their own spreadsheets (English, German, French, Spanish).
ColumnTarget byName(const QString &column)
{
    if (const auto field = ImportFields::fromKey(column); field && *field != ImportField::Ignore) {
        // Rapport's own columns; handles are written as "handle:<network>".
        return target(*field);
    }
    if (column.startsWith(QLatin1String("handle:"), Qt::CaseInsensitive))
        return target(ImportField::Handle, column.mid(7).trimmed().toLower());
    const QString c = squeeze(column);
    static const QList<std::pair<QStringList, ColumnTarget>> table = {
        { { u"firstname"_s, u"givenname"_s, u"first"_s, u"forename"_s, u"vorname"_s, u"prenom"_s, u"prénom"_s,
              u"nombre"_s },
            target(ImportField::FirstName) },
        { { u"middlename"_s, u"additionalname"_s }, target(ImportField::MiddleName) },
        { { u"lastname"_s, u"surname"_s, u"familyname"_s, u"last"_s, u"nachname"_s, u"nom"_s, u"apellido"_s,
              u"apellidos"_s },
            target(ImportField::LastName) },
        { { u"name"_s, u"fullname"_s, u"displayname"_s, u"contact"_s, u"contactname"_s, u"person"_s },
            target(ImportField::DisplayName) },
        { { u"title"_s, u"jobtitle"_s, u"position"_s, u"role"_s, u"titel"_s, u"funktion"_s, u"poste"_s, u"cargo"_s },
            target(ImportField::Title) },
        { { u"organization"_s, u"organisation"_s, u"company"_s, u"outlet"_s, u"publication"_s, u"medium"_s, u"media"_s,
              u"firma"_s, u"unternehmen"_s, u"redaktion"_s, u"societe"_s, u"société"_s, u"empresa"_s, u"medio"_s },
            target(ImportField::Organization) },
        { { u"kind"_s, u"type"_s, u"category"_s, u"art"_s, u"typ"_s }, target(ImportField::Kind) },
        { { u"email"_s, u"emailaddress"_s, u"mail"_s, u"emails"_s, u"courriel"_s, u"correo"_s },
            target(ImportField::Email) },
        { { u"phone"_s, u"telephone"_s, u"tel"_s, u"phonenumber"_s, u"mobile"_s, u"cell"_s, u"telefon"_s, u"handy"_s,
              u"téléphone"_s, u"telefono"_s, u"teléfono"_s },
            target(ImportField::Phone) },
        { { u"website"_s, u"url"_s, u"web"_s, u"homepage"_s, u"site"_s, u"webseite"_s, u"sitioweb"_s },
            target(ImportField::Website) },
        { { u"beats"_s, u"beat"_s, u"topics"_s, u"topic"_s, u"ressort"_s, u"themen"_s, u"rubrique"_s, u"temas"_s },
            target(ImportField::Beats) },
        { { u"tags"_s, u"tag"_s, u"labels"_s, u"label"_s, u"categories"_s, u"groups"_s, u"schlagworte"_s,
              u"etiquettes"_s, u"etiquetas"_s },
            target(ImportField::Tags) },
        { { u"city"_s, u"town"_s, u"stadt"_s, u"ort"_s, u"ville"_s, u"ciudad"_s }, target(ImportField::City) },
        { { u"country"_s, u"land"_s, u"pays"_s, u"pais"_s, u"país"_s }, target(ImportField::Country) },
        { { u"timezone"_s, u"tz"_s, u"zeitzone"_s }, target(ImportField::TimeZone) },
        { { u"reach"_s, u"audience"_s, u"followers"_s, u"circulation"_s, u"reichweite"_s, u"audiencia"_s },
            target(ImportField::Reach) },
        { { u"notes"_s, u"note"_s, u"comments"_s, u"comment"_s, u"notizen"_s, u"notiz"_s, u"bemerkungen"_s,
              u"remarques"_s, u"notas"_s },
            target(ImportField::Notes) },
        { { u"owner"_s, u"accountmanager"_s, u"manager"_s, u"betreuer"_s }, target(ImportField::Owner) },
        { { u"donotcontact"_s, u"dnc"_s, u"optout"_s, u"nichtkontaktieren"_s }, target(ImportField::DoNotContact) },
        { { u"consent"_s, u"consentbasis"_s, u"einwilligung"_s, u"consentement"_s, u"consentimiento"_s },
            target(ImportField::Consent) },
        { { u"twitter"_s, u"x"_s, u"twitterhandle"_s }, target(ImportField::Handle, QStringLiteral("x")) },
        { { u"mastodon"_s, u"fediverse"_s }, target(ImportField::Handle, QStringLiteral("mastodon")) },
        { { u"bluesky"_s, u"bsky"_s }, target(ImportField::Handle, QStringLiteral("bluesky")) },
        { { u"linkedin"_s }, target(ImportField::Handle, QStringLiteral("linkedin")) },
        { { u"feed"_s, u"rss"_s, u"blogfeed"_s }, target(ImportField::Handle, QStringLiteral("feed")) },
    };
    for (const auto &[names, t] : table)
        for (const QString &name : names)
            if (c == name)
                return t;
    return {};
}

} // namespace

bool ColumnMapping::mapsAnyName() const
{
    for (const ColumnTarget &t : targets)
        if (t.field == ImportField::FirstName || t.field == ImportField::LastName
            || t.field == ImportField::DisplayName)
            return true;
    return false;
}

QJsonObject ColumnMapping::toJson() const
{
    QJsonArray columns;
    for (qsizetype i = 0; i < header.size(); ++i) {
        const ColumnTarget t = targets.value(i);
        if (t.field == ImportField::Ignore)
            continue;
        QJsonObject column { { QStringLiteral("column"), header.at(i) },
            { QStringLiteral("field"), ImportFields::key(t.field) } };
        if (!t.option.isEmpty())
            column.insert(QStringLiteral("option"), t.option);
        if (t.group != 0)
            column.insert(QStringLiteral("group"), t.group);
        columns.append(column);
    }
    return QJsonObject { { QStringLiteral("preset"), preset }, { QStringLiteral("columns"), columns } };
}

Result<ColumnMapping> ColumnMapping::fromJson(const QJsonObject &json, const QStringList &header)
{
    ColumnMapping mapping;
    mapping.preset = json.value(QStringLiteral("preset")).toString();
    mapping.header = header;
    mapping.targets = QList<ColumnTarget>(header.size());
    const QJsonArray columns = json.value(QStringLiteral("columns")).toArray();
    if (columns.isEmpty())
        return Error(Tr::tr("The mapping has no columns: it needs a \"columns\" list of {\"column\", \"field\"}."),
            Error::Code::Validation);
    for (const QJsonValue &value : columns) {
        const QJsonObject column = value.toObject();
        const QString name = column.value(QStringLiteral("column")).toString();
        const QString fieldKey = column.value(QStringLiteral("field")).toString();
        const auto field = ImportFields::fromKey(fieldKey);
        if (!field)
            return Error(Tr::tr("The mapping names an unknown field “%1” for the column “%2”.").arg(fieldKey, name),
                Error::Code::Validation);
        const qsizetype index = header.indexOf(name);
        if (index < 0)
            continue; // a column this file does not have
        mapping.targets[index] = ColumnTarget { *field, column.value(QStringLiteral("option")).toString(),
            column.value(QStringLiteral("group")).toInt() };
    }
    return mapping;
}

namespace ImportPresets {

QList<Preset> builtIn()
{
    return {
        { QStringLiteral("google"), Tr::tr("Google Contacts") },
        { QStringLiteral("google-legacy"), Tr::tr("Google Contacts (older form)") },
        { QStringLiteral("outlook"), Tr::tr("Outlook") },
        { QStringLiteral("rapport"), Tr::tr("Rapport") },
    };
}

QString detect(const QStringList &header)
{
    if (has(header, "Given Name") && has(header, "Group Membership"))
        return QStringLiteral("google-legacy");
    if (has(header, "First Name") && (has(header, "E-mail 1 - Value") || has(header, "Organization Name")))
        return QStringLiteral("google");
    if (has(header, "First Name") && has(header, "E-mail Address"))
        return QStringLiteral("outlook");
    int keys = 0;
    for (const QString &column : header)
        if (ImportFields::fromKey(column) || column.startsWith(QLatin1String("handle:")))
            ++keys;
    if (keys >= 3 && has(header, "display_name"))
        return QStringLiteral("rapport");
    return QString();
}

QString describe(const QStringList &header)
{
    const QString key = detect(header);
    if (key == u"google")
        return Tr::tr("Google Contacts CSV");
    if (key == u"google-legacy")
        return Tr::tr("Google Contacts CSV (older form)");
    if (key == u"outlook") {
        if (has(header, "Internet Free Busy") && has(header, "Initials"))
            return Tr::tr("Outlook CSV written by Google Contacts");
        if (has(header, "E-mail Type") || has(header, "E-mail Display Name"))
            return Tr::tr("Outlook (desktop export)");
        return Tr::tr("Outlook.com export");
    }
    if (key == u"rapport")
        return Tr::tr("Rapport export");
    return QString();
}

ColumnMapping mapping(const QString &presetKey, const QStringList &header)
{
    ColumnMapping result;
    result.preset = presetKey;
    result.header = header;
    for (const QString &column : header) {
        ColumnTarget t;
        if (presetKey == u"google")
            t = google(column, false);
        else if (presetKey == u"google-legacy")
            t = google(column, true);
        else if (presetKey == u"outlook")
            t = outlook(column);
        else
            t = byName(column);
        result.targets.append(t);
    }
    return result;
}

ColumnMapping guess(const QStringList &header)
{
    return mapping(detect(header), header);
}

QString savedPresetsFolder()
{
    const QString overridden = qEnvironmentVariable("RAPPORT_IMPORT_PRESETS_DIR");
    if (!overridden.isEmpty())
        return overridden;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/import-presets");
}

namespace {

QString fileFor(const QString &name)
{
    QString safe;
    for (const QChar c : name)
        safe += c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u' ' ? c : u'_';
    return savedPresetsFolder() + u'/' + safe.trimmed() + QStringLiteral(".json");
}

} // namespace

QStringList savedNames()
{
    QStringList names;
    const QDir dir(savedPresetsFolder());
    for (const QString &file : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QString name = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("name")).toString();
        if (!name.isEmpty())
            names.append(name);
    }
    return names;
}

Status save(const QString &name, const ColumnMapping &mapping)
{
    if (name.trimmed().isEmpty())
        return Error::validation(QStringLiteral("name"), Tr::tr("Give the preset a name."));
    if (!QDir().mkpath(savedPresetsFolder()))
        return Error(
            Tr::tr("The folder for presets cannot be created: %1").arg(savedPresetsFolder()), Error::Code::Storage);
    QJsonObject json = mapping.toJson();
    json.insert(QStringLiteral("name"), name.trimmed());
    QSaveFile file(fileFor(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(json).toJson()) < 0 || !file.commit())
        return Error(Tr::tr("The preset could not be saved: %1").arg(file.errorString()), Error::Code::Storage);
    return {};
}

Result<ColumnMapping> load(const QString &name, const QStringList &header)
{
    for (const Preset &preset : builtIn())
        if (preset.key.compare(name, Qt::CaseInsensitive) == 0 || preset.name.compare(name, Qt::CaseInsensitive) == 0)
            return mapping(preset.key, header);
    QFile file(fileFor(name));
    if (!file.open(QIODevice::ReadOnly))
        return Error(Tr::tr("There is no import preset called “%1”.").arg(name), Error::Code::NotFound);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (!doc.isObject())
        return Error(Tr::tr("The preset “%1” is damaged: %2").arg(name, error.errorString()), Error::Code::Validation);
    auto result = ColumnMapping::fromJson(doc.object(), header);
    if (result.ok())
        result->preset = name;
    return result;
}

} // namespace ImportPresets
