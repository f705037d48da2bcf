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

Reader::Reader(QString path, Options options)
    : m_path(std::move(path))
    , m_options(std::move(options))
{
}

Reader::~Reader() = default;

qint64 Reader::bytesRead() const
{
    return m_csv ? m_csv->bytesRead() : m_vcard ? m_vcard->bytesRead() : 0;
}

Status Reader::open()
{
    m_file = std::make_unique<QFile>(m_path);
    if (!m_file->exists())
        return Error(Tr::tr("The file %1 does not exist.").arg(m_path), Error::Code::NotFound);
    if (!m_file->open(QIODevice::ReadOnly))
        return Error(
            Tr::tr("The file %1 cannot be opened: %2").arg(m_path, m_file->errorString()), Error::Code::Unavailable);
    m_total = m_file->size();
    Contents &contents = m_contents;
    contents.format = m_options.format.value_or(detectFormat(m_path).value_or(Format::Csv));

    if (contents.format == Format::VCard) {
        VCardReader::Options o;
        o.encoding = m_options.encoding;
        m_vcard = std::make_unique<VCardReader>(m_file.get(), o);
        if (Status s = m_vcard->open(); !s)
            return s;
        contents.encoding = m_vcard->encoding();
        contents.byteOrderMark = m_vcard->hadByteOrderMark();
        contents.description = u"vCard"_s;
        return {};
    }

    CsvReader::Options o;
    o.encoding = m_options.encoding;
    o.delimiter = m_options.delimiter;
    m_csv = std::make_unique<CsvReader>(m_file.get(), o);
    CsvReader &reader = *m_csv;
    if (Status s = reader.open(); !s)
        return s;
    contents.encoding = reader.encoding();
    contents.byteOrderMark = reader.hadByteOrderMark();
    contents.delimiter = reader.delimiter();
    for (int skip = 1; skip < m_options.headerRow; ++skip) {
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
        return Error(Tr::tr("The file %1 has no rows.").arg(QFileInfo(m_path).fileName()), Error::Code::Validation);
    if (m_options.headerRow <= 0) {
        m_firstData = **header;
        for (qsizetype i = 0; i < m_firstData->size(); ++i)
            contents.header.append(Tr::tr("Column %1").arg(i + 1));
    } else {
        contents.header = **header;
    }
    m_firstDataLine = reader.lineNumber();
    if (m_options.mapping) {
        contents.mapping = *m_options.mapping;
        contents.mapping.header = contents.header;
        contents.mapping.targets.resize(contents.header.size());
    } else if (m_options.mappingJson) {
        auto mapping = ColumnMapping::fromJson(*m_options.mappingJson, contents.header);
        if (!mapping)
            return mapping.error();
        contents.mapping = *mapping;
        contents.mapping.preset = m_options.mappingName;
    } else if (!m_options.presetName.isEmpty()) {
        auto loaded = ImportPresets::load(m_options.presetName, contents.header);
        if (!loaded)
            return loaded.error();
        contents.mapping = *loaded;
    } else {
        contents.mapping = ImportPresets::guess(contents.header);
    }
    contents.description = ImportPresets::describe(contents.header);
    if (m_options.requireName && !contents.mapping.mapsAnyName())
        return Error(Tr::tr("No column of %1 holds a name. Map the columns (--mapping FILE) or check that the first "
                            "row is the header.")
                         .arg(QFileInfo(m_path).fileName()),
            Error::Code::Validation);
    return {};
}

Result<QList<ImportRecord>> Reader::next(int max, QList<QStringList> *rawRows)
{
    QList<ImportRecord> records;
    if (m_atEnd || (!m_csv && !m_vcard))
        return records;
    records.reserve(max);
    while (records.size() < max) {
        if (m_options.maxRecords > 0 && m_row >= m_options.maxRecords) {
            m_contents.complete = false;
            m_atEnd = true;
            break;
        }
        if (m_vcard) {
            auto card = m_vcard->next();
            if (!card.ok())
                return card.error();
            if (!card->has_value()) {
                m_atEnd = true;
                break;
            }
            if (m_row == 0 && !(*card)->version.isEmpty())
                m_contents.description = u"vCard "_s + (*card)->version;
            records.append(ImportRecords::fromVCard(**card, ++m_row));
            continue;
        }
        QStringList values;
        int line = 0;
        if (m_row == 0 && m_firstData) {
            values = *std::exchange(m_firstData, std::nullopt);
            line = m_firstDataLine;
        } else {
            auto fields = m_csv->next();
            if (!fields.ok())
                return fields.error();
            if (!fields->has_value()) {
                m_atEnd = true;
                break;
            }
            values = std::move(**fields);
            line = m_csv->lineNumber();
        }
        records.append(ImportRecords::fromRow(m_contents.mapping, values, ++m_row, line));
        if (rawRows)
            rawRows->append(std::move(values));
    }
    return records;
}

Result<Contents> read(const QString &path, const Options &options, const std::function<bool(qint64, qint64)> &progress)
{
    Reader reader(path, options);
    if (Status s = reader.open(); !s)
        return s.error();
    const Error cancelled(Tr::tr("Reading the file was cancelled."), Error::Code::Cancelled);
    QList<ImportRecord> records;
    QList<QStringList> rawRows;
    while (true) {
        Result<QList<ImportRecord>> chunk = reader.next(500, options.maxRecords > 0 ? &rawRows : nullptr);
        if (!chunk)
            return chunk.error();
        if (chunk->isEmpty())
            break;
        records.append(std::move(*chunk));
        if (progress && !progress(reader.bytesRead(), reader.totalBytes()))
            return cancelled;
    }
    Contents contents = reader.contents();
    contents.records = std::move(records);
    contents.rawRows = std::move(rawRows);
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
