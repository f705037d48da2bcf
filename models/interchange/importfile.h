#pragma once

#include "core/result.h"
#include "interchange/columnmapping.h"
#include "interchange/importrecord.h"
#include "interchange/textsource.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

// Reads a whole import file into ImportRecords, streaming (memory grows with the records, not with the file's
// bytes: a 20 MB photo is skipped as it passes): the format from the name or the first bytes, then CsvReader
// with a mapping (a given one, or the preset recognised from the header) or VCardReader. Shared by
// `rapport import`, the import wizard and bench_import.
namespace ImportFile {

enum class Format { Csv, VCard };

struct Options
{
    std::optional<Format> format; // empty: from the extension or the content
    std::optional<TextEncoding> encoding; // empty: detect
    QChar delimiter; // null: detect
    std::optional<ColumnMapping> mapping; // CSV: empty means the preset recognised from the header
    QString presetName; // CSV: a built-in or saved preset, applied to the header
    std::optional<QJsonObject> mappingJson; // CSV: a mapping file's content (ColumnMapping::toJson)
    QString mappingName; // its name, shown as the preset
    int maxRecords = 0; // > 0: stop after this many (the wizard's first look)
    // CSV: the row that holds the column names (1: the first; rows above it are skipped); 0: none, the
    // columns are called "Column 1", "Column 2", ... and the first row is data.
    int headerRow = 1;
    // CSV: a mapping that maps no name is an error (the command line); the wizard lets the user map first.
    bool requireName = true;
};

struct Contents
{
    Format format = Format::Csv;
    TextEncoding encoding = TextEncoding::Utf8;
    bool byteOrderMark = false;
    QChar delimiter;
    QStringList header; // CSV
    ColumnMapping mapping; // CSV
    QString description; // "Google Contacts CSV", "vCard 3.0", ...
    QList<ImportRecord> records;
    QList<QStringList> rawRows; // CSV: the fields of each record, for the mapping page's sample
    bool complete = true; // false when maxRecords stopped the reading
};

QString formatKey(Format format); // "csv", "vcard"
std::optional<Format> formatFromKey(QStringView key);
std::optional<Format> detectFormat(const QString &path); // by extension, then by the first bytes

// `progress(bytesRead, totalBytes)` returns false to stop (a Cancelled error).
Result<Contents> read(
    const QString &path, const Options &options, const std::function<bool(qint64, qint64)> &progress = {});
// Applies another mapping to the rows read before (the mapping page changed), without reading again.
QList<ImportRecord> remap(const Contents &contents, const ColumnMapping &mapping);

} // namespace ImportFile
