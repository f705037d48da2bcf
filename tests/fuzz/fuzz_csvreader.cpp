// libFuzzer target: CsvReader (and TextLineReader under it: encoding detection, block decoding, line ends).
// Besides crashes and sanitizer reports it aborts when a promise breaks: at most maxColumns fields, record
// lines increasing, a record never longer than the limit, errors in words naming a line or the file.

#include "interchange/csvreader.h"

#include <QBuffer>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void check(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "broken promise: %s\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    // The input's length picks forced options, so those paths run without a format byte in the corpus.
    CsvReader::Options options;
    options.maxColumns = 64;
    options.maxRecordChars = 4096;
    switch (size % 5) {
    case 1:
        options.encoding = TextEncoding::Windows1252;
        break;
    case 2:
        options.encoding = TextEncoding::Utf16LE;
        break;
    case 3:
        options.delimiter = u';';
        break;
    default:
        break;
    }
    CsvReader reader(&buffer, options);
    int lastLine = 0;
    for (int records = 0; records < 100000; ++records) {
        auto row = reader.next();
        if (!row.ok()) {
            check(!row.error().message.isEmpty(), "an error has a message");
            break;
        }
        if (!row->has_value())
            break;
        check((*row)->size() >= 1 && (*row)->size() <= options.maxColumns, "fields within the column limit");
        check(reader.lineNumber() > lastLine, "record lines increase");
        lastLine = reader.lineNumber();
        qsizetype chars = 0;
        for (const QString &field : **row)
            chars += field.size();
        check(chars <= options.maxRecordChars + 16, "a record within the size limit");
    }
    return 0;
}
