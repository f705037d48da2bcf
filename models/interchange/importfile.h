#pragma once

#include "core/result.h"
#include "interchange/columnmapping.h"
#include "interchange/importrecord.h"
#include "interchange/textsource.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class CsvReader;
class QFile;
class VCardReader;

// Reads an import file into ImportRecords: the format from the name or the first bytes, then CsvReader with a
// mapping (a given one, or the preset recognised from the header) or VCardReader. Reader hands the records
// over a chunk at a time (memory flat whatever the file's size: `rapport import` and bench_import store each
// chunk before reading the next); read() collects them all (the import wizard's preview, tests). Both stream
// the file's bytes, so a 20 MB photo is skipped as it passes.
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

// The file opened, its format, encoding, header and mapping known (Contents without records), then the records
// a chunk at a time:
//
//     ImportFile::Reader reader(path, options);
//     if (Status s = reader.open(); !s) ...
//     while (true) { auto chunk = reader.next(5000); if (!chunk) ...; if (chunk->isEmpty()) break; ... }
class Reader final
{
public:
    Reader(QString path, Options options);
    ~Reader();
    Q_DISABLE_COPY_MOVE(Reader)

    Status open();
    // Format, encoding, delimiter, header, mapping and description (records and rawRows stay empty). For a
    // vCard file the description names the version once the first card was read.
    const Contents &contents() const { return m_contents; }
    // Up to `max` more records (and, with Options::maxRecords, their raw CSV fields in `rawRows`); an empty
    // list at the end of the file or after maxRecords.
    Result<QList<ImportRecord>> next(int max, QList<QStringList> *rawRows = nullptr);
    bool atEnd() const { return m_atEnd; }
    qint64 bytesRead() const;
    qint64 totalBytes() const { return m_total; }
    int recordsRead() const { return m_row; }

private:
    QString m_path;
    Options m_options;
    Contents m_contents;
    std::unique_ptr<QFile> m_file;
    std::unique_ptr<CsvReader> m_csv;
    std::unique_ptr<VCardReader> m_vcard;
    std::optional<QStringList> m_firstData; // CSV without a header row: the first row is data
    int m_firstDataLine = 0;
    int m_row = 0;
    qint64 m_total = 0;
    bool m_atEnd = false;
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
