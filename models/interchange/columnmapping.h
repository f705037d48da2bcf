#pragma once

#include "core/result.h"
#include "interchange/importfield.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// What one column of a CSV file becomes. Email and Phone columns take their label from the EmailLabel /
// PhoneLabel column of the same `group` (Google's "E-mail 1 - Label" / "E-mail 1 - Value"), else `option`
// ("work", "home", "mobile"); a Handle column's `option` is its network.
struct ColumnTarget
{
    ImportField field = ImportField::Ignore;
    QString option;
    int group = 0;
    bool operator==(const ColumnTarget &) const = default;
};

// The whole mapping of a file: one target per header column, and the preset it came from.
struct ColumnMapping
{
    QString preset; // a built-in preset's key ("google", "outlook", ...), a saved preset's name, or empty
    QStringList header;
    QList<ColumnTarget> targets; // same length as header

    ColumnTarget target(int column) const { return targets.value(column); }
    bool mapsAnyName() const;
    // A mapping file (rapport import --mapping, saved presets): targets by column name, so it applies to any
    // file with the same header names, in any order.
    QJsonObject toJson() const;
    static Result<ColumnMapping> fromJson(const QJsonObject &json, const QStringList &header);
};

// The presets recognised from a header: Google Contacts (the current "Google CSV" and the older form with
// Given Name / Group Membership), Outlook (the desktop export, outlook.com's export and the "Outlook CSV"
// Google writes share their column names) and Rapport's own export (columns named by ImportFields keys).
// Saved presets are JSON files in a folder (the data folder's "import-presets").
namespace ImportPresets {

struct Preset
{
    QString key;
    QString name; // translated
};

QList<Preset> builtIn();
// The key of the preset `header` is written in, or empty when none fits.
QString detect(const QStringList &header);
// The variant's name for the file page ("Google Contacts CSV", "Outlook (desktop export)", ...).
QString describe(const QStringList &header);
// The mapping of `header` by a built-in preset (an empty key: guessed from the column names).
ColumnMapping mapping(const QString &presetKey, const QStringList &header);
// detect() and mapping() together.
ColumnMapping guess(const QStringList &header);

QString savedPresetsFolder(); // override with RAPPORT_IMPORT_PRESETS_DIR (tests)
QStringList savedNames();
Status save(const QString &name, const ColumnMapping &mapping);
// A saved preset (or a built-in one by key or name) applied to `header`.
Result<ColumnMapping> load(const QString &name, const QStringList &header);

} // namespace ImportPresets
