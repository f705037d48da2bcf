#include "interchange/importfile.h"

#include "interchange/csvreader.h"
#include "interchange/vcardreader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ImportFile)
};

} // namespace

namespace ImportFile {

QString formatKey(Format format)
{
    return format == Format::VCard ? u"vcard"_s : u"csv"_s;
}

std::optional<Format> formatFromKey(QStringView key)
{
    if (key.compare(u"csv", Qt::CaseInsensitive) == 0)
        return Format::Csv;
    if (key.compare(u"vcard", Qt::CaseInsensitive) == 0 || key.compare(u"vcf", Qt::CaseInsensitive) == 0)
        return Format::VCard;
    return std::nullopt;
}

std::optional<Format> detectFormat(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"vcf" || suffix == u"vcard")
        return Format::VCard;
    QFile file(path);
    if (file.open(QIODevice::ReadOnly) && VCardReader::looksLikeVCard(file.read(4096)))
        return Format::VCard;
    if (suffix == u"csv" || suffix == u"tsv" || suffix == u"txt")
        return Format::Csv;
    return Format::Csv;
}

Result<Contents> read(const QString &path, const Options &options, const std::function<bool(qint64, qint64)> &progress)
{
    QFile file(path);
    if (!file.exists())
        return Error(Tr::tr("The file %1 does not exist.").arg(path), Error::Code::NotFound);
    if (!file.open(QIODevice::ReadOnly))
        return Error(
            Tr::tr("The file %1 cannot be opened: %2").arg(path, file.errorString()), Error::Code::Unavailable);
    const qint64 total = file.size();
    Contents contents;
    contents.format = options.format.value_or(detectFormat(path).value_or(Format::Csv));
    auto stop = [&](qint64 done) { return progress && !progress(done, total); };
    const Error cancelled(Tr::tr("Reading the file was cancelled."), Error::Code::Cancelled);

    if (contents.format == Format::VCard) {
        VCardReader::Options o;
        o.encoding = options.encoding;
        VCardReader reader(&file, o);
        if (Status s = reader.open(); !s)
            return s.error();
        contents.encoding = reader.encoding();
        contents.byteOrderMark = reader.hadByteOrderMark();
        QString version;
        for (int row = 1;; ++row) {
            auto card = reader.next();
            if (!card.ok())
                return card.error();
            if (!card->has_value())
                break;
            if (version.isEmpty())
                version = (*card)->version;
            contents.records.append(ImportRecords::fromVCard(**card, row));
            if (row % 500 == 0 && stop(reader.bytesRead()))
                return cancelled;
            if (options.maxRecords > 0 && row >= options.maxRecords) {
                contents.complete = false;
                break;
            }
        }
        contents.description = version.isEmpty() ? u"vCard"_s : u"vCard "_s + version;
        return contents;
    }

    CsvReader::Options o;
    o.encoding = options.encoding;
    o.delimiter = options.delimiter;
    CsvReader reader(&file, o);
    if (Status s = reader.open(); !s)
        return s.error();
    contents.encoding = reader.encoding();
    contents.byteOrderMark = reader.hadByteOrderMark();
    contents.delimiter = reader.delimiter();
    for (int skip = 1; skip < options.headerRow; ++skip) {
        auto above = reader.next();
        if (!above.ok())
            return above.error();
        if (!above->has_value())
            break;
    }
    auto header = reader.next();
    if (!header.ok())
        return header.error();
    if (!header->has_value())
        return Error(Tr::tr("The file %1 has no rows.").arg(QFileInfo(path).fileName()), Error::Code::Validation);
    std::optional<QStringList> firstData; // without a header row, the first row is data
    if (options.headerRow <= 0) {
        firstData = **header;
        for (qsizetype i = 0; i < firstData->size(); ++i)
            contents.header.append(Tr::tr("Column %1").arg(i + 1));
    } else {
        contents.header = **header;
    }
    const int firstDataLine = reader.lineNumber();
    if (options.mapping) {
        contents.mapping = *options.mapping;
        contents.mapping.header = contents.header;
        contents.mapping.targets.resize(contents.header.size());
    } else if (options.mappingJson) {
        auto mapping = ColumnMapping::fromJson(*options.mappingJson, contents.header);
        if (!mapping)
            return mapping.error();
        contents.mapping = *mapping;
        contents.mapping.preset = options.mappingName;
    } else if (!options.presetName.isEmpty()) {
        auto loaded = ImportPresets::load(options.presetName, contents.header);
        if (!loaded)
            return loaded.error();
        contents.mapping = *loaded;
    } else {
        contents.mapping = ImportPresets::guess(contents.header);
    }
    contents.description = ImportPresets::describe(contents.header);
    if (options.requireName && !contents.mapping.mapsAnyName())
        return Error(Tr::tr("No column of %1 holds a name. Map the columns (--mapping FILE) or check that the first "
                            "row is the header.")
                         .arg(QFileInfo(path).fileName()),
            Error::Code::Validation);
    for (int row = 1;; ++row) {
        QStringList values;
        int line = 0;
        if (row == 1 && firstData) {
            values = *firstData;
            line = firstDataLine;
        } else {
            auto fields = reader.next();
            if (!fields.ok())
                return fields.error();
            if (!fields->has_value())
                break;
            values = **fields;
            line = reader.lineNumber();
        }
        contents.records.append(ImportRecords::fromRow(contents.mapping, values, row, line));
        if (options.maxRecords > 0)
            contents.rawRows.append(values);
        if (row % 1000 == 0 && stop(reader.bytesRead()))
            return cancelled;
        if (options.maxRecords > 0 && row >= options.maxRecords) {
            contents.complete = false;
            break;
        }
    }
    return contents;
}

QList<ImportRecord> remap(const Contents &contents, const ColumnMapping &mapping)
{
    QList<ImportRecord> records;
    for (qsizetype i = 0; i < contents.rawRows.size() && i < contents.records.size(); ++i)
        records.append(ImportRecords::fromRow(
            mapping, contents.rawRows.at(i), contents.records.at(i).row, contents.records.at(i).line));
    return records;
}

} // namespace ImportFile
