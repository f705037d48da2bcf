#include "interchange/csvreader.h"

#include <QCoreApplication>

#include <algorithm>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(CsvReader)
};

// Fields of one physical line for delimiter detection: quotes respected, a quote left open ends the count.
int countFields(const QString &line, QChar delimiter)
{
    int fields = 1;
    bool quoted = false;
    for (const QChar c : line) {
        if (c == u'"')
            quoted = !quoted;
        else if (!quoted && c == delimiter)
            ++fields;
    }
    return fields;
}

} // namespace

CsvReader::CsvReader(QIODevice *device)
    : CsvReader(device, Options())
{
}

CsvReader::CsvReader(QIODevice *device, Options options)
    : m_lines(device, TextLineReader::Options { options.encoding, options.maxRecordChars })
    , m_options(options)
{
}

QChar CsvReader::detectDelimiter(const QStringList &lines)
{
    static const QChar candidates[] = { u',', u';', u'\t', u'|' };
    QStringList sample;
    for (const QString &line : lines)
        if (!line.trimmed().isEmpty())
            sample.append(line);
    if (sample.isEmpty())
        return u',';
    QChar best = u',';
    double bestScore = 0;
    for (const QChar candidate : candidates) {
        const int first = countFields(sample.first(), candidate);
        if (first < 2)
            continue;
        int agree = 0;
        for (const QString &line : sample)
            agree += countFields(line, candidate) == first ? 1 : 0;
        // Consistency first (the share of lines with the header's field count), then more columns.
        const double score = double(agree) / double(sample.size()) * 1000.0 + std::min(first, 999);
        if (score > bestScore) {
            bestScore = score;
            best = candidate;
        }
    }
    return best;
}

Status CsvReader::open()
{
    if (m_opened)
        return m_openStatus;
    m_opened = true;
    if (const Status status = m_lines.open(); !status)
        return m_openStatus = status;
    m_delimiter = m_options.delimiter;
    if (m_delimiter.isNull()) {
        const auto head = m_lines.peekLines(20);
        if (!head.ok())
            return m_openStatus = head.error();
        m_delimiter = detectDelimiter(*head);
    }
    return m_openStatus;
}

Result<std::optional<QStringList>> CsvReader::next()
{
    if (const Status status = open(); !status)
        return status.error();
    QStringList fields;
    QString field;
    for (;;) {
        auto first = m_lines.readLine();
        if (!first.ok())
            return first.error();
        if (!first->has_value())
            return std::optional<QStringList>();
        if ((*first)->isEmpty())
            continue; // blank lines between records carry nothing
        m_recordLine = m_lines.lineNumber();
        QString line = std::move(**first);
        qsizetype recordChars = line.size();
        bool quoted = false;
        bool wasQuoted = false; // the field being read began with a quote
        qsizetype i = 0;
        fields.clear();
        field.clear();
        for (;;) {
            if (i >= line.size()) {
                if (quoted) {
                    // An embedded newline: the field continues on the next line.
                    auto more = m_lines.readLine();
                    if (!more.ok())
                        return more.error();
                    recordChars += more->has_value() ? (*more)->size() + 1 : 0;
                    if (!more->has_value() || recordChars > m_options.maxRecordChars)
                        return Error(Tr::tr("Line %1: a quoted field is never closed (a \" is missing). Check the "
                                            "file around that line.")
                                         .arg(m_recordLine),
                            Error::Code::Validation);
                    field += u'\n';
                    line = std::move(**more);
                    i = 0;
                    continue;
                }
                fields.append(field);
                break;
            }
            const QChar c = line.at(i);
            if (quoted) {
                if (c == u'"') {
                    if (i + 1 < line.size() && line.at(i + 1) == u'"') {
                        field += u'"';
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    ++i;
                    continue;
                }
                // The run up to the next quote in one append.
                qsizetype end = line.indexOf(u'"', i + 1);
                if (end < 0)
                    end = line.size();
                field += QStringView(line).sliced(i, end - i);
                i = end;
                continue;
            }
            if (c == m_delimiter) {
                fields.append(field);
                field.clear();
                wasQuoted = false;
                if (fields.size() >= m_options.maxColumns)
                    return Error(Tr::tr("Line %1 has more than %2 columns. A contacts file has far fewer: check the "
                                        "delimiter, or whether this is the right file.")
                                     .arg(m_recordLine)
                                     .arg(m_options.maxColumns),
                        Error::Code::Validation);
                ++i;
                continue;
            }
            if (c == u'"' && (field.isEmpty() || (!wasQuoted && field.trimmed().isEmpty()))) {
                // A quote opening a field (spaces before it, as some writers put after the delimiter, dropped).
                field.clear();
                quoted = true;
                wasQuoted = true;
                ++i;
                continue;
            }
            // A stray quote inside an unquoted field, or text after a closing quote: kept as written, with the run
            // up to the next delimiter or quote in one append.
            qsizetype end = i + 1;
            while (end < line.size() && line.at(end) != m_delimiter && line.at(end) != u'"')
                ++end;
            field += QStringView(line).sliced(i, end - i);
            i = end;
        }
        ++m_records;
        return std::optional<QStringList>(std::move(fields));
    }
}
