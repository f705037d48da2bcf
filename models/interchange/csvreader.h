#pragma once

#include "interchange/textsource.h"

#include <QStringList>

// Reads CSV record by record (RFC 4180 and what spreadsheets really write): the delimiter (comma, semicolon or
// tab) detected from the first lines unless given, quoted fields with embedded newlines and doubled quotes,
// rows shorter or longer than the header kept as they are (the mapping decides), blank lines skipped. A quote
// that is never closed is an error naming the line it opened on; a row with more than `maxColumns` fields is
// refused (a wrong delimiter or not a contacts file). Streams through TextLineReader, so memory stays flat.
//
//     QFile file(path); file.open(QIODevice::ReadOnly);
//     CsvReader reader(&file);
//     while (auto row = reader.next(); row.ok() && row->has_value()) { ... reader.lineNumber() ... }
class CsvReader
{
public:
    struct Options
    {
        std::optional<TextEncoding> encoding; // empty: detect
        QChar delimiter; // null: detect
        int maxColumns = 1000;
        qsizetype maxRecordChars = 4 * 1024 * 1024; // one record (a quoted field may span lines)
    };

    explicit CsvReader(QIODevice *device);
    CsvReader(QIODevice *device, Options options);

    // Detects encoding and delimiter (reads the first lines ahead). Called by next() when not called before.
    Status open();
    TextEncoding encoding() const { return m_lines.encoding(); }
    bool hadByteOrderMark() const { return m_lines.hadByteOrderMark(); }
    QChar delimiter() const { return m_delimiter; }

    // The next record's fields; std::nullopt at the end.
    Result<std::optional<QStringList>> next();
    int lineNumber() const { return m_recordLine; } // the line the record last returned starts on
    int recordNumber() const { return m_records; }
    qint64 bytesRead() const { return m_lines.bytesRead(); }

    // The delimiter that splits `lines` most consistently (comma when nothing does better).
    static QChar detectDelimiter(const QStringList &lines);

private:
    TextLineReader m_lines;
    Options m_options;
    QChar m_delimiter;
    Status m_openStatus;
    bool m_opened = false;
    int m_recordLine = 0;
    int m_records = 0;
};
