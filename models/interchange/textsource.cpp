#include "interchange/textsource.h"

#include <QCoreApplication>
#include <QFileDevice>
#include <QIODevice>

namespace {

constexpr qint64 kBlockSize = 64 * 1024;

// Windows-1252's 0x80–0x9F; 0 where it has no character (read as the Latin-1 control then).
constexpr char16_t kCp1252High[32] = { 0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030,
    0x0160, 0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
    0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178 };

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(TextLineReader)
};

// Removes CRLF/LF + one space or tab between a byte >= 0x80 and a continuation byte (10xxxxxx). Returns how
// many bytes at the end must wait for the next block (a break that may be such a fold).
qsizetype joinSplitUtf8(QByteArray &bytes, bool atEnd)
{
    QByteArray out;
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    qsizetype copied = 0;
    while (i < n) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c >= 0x80 && i + 1 < n && (bytes[i + 1] == '\r' || bytes[i + 1] == '\n')) {
            qsizetype j = i + 1;
            if (bytes[j] == '\r' && j + 1 < n && bytes[j + 1] == '\n')
                ++j;
            if (j + 2 < n || atEnd) {
                if (j + 2 < n && (bytes[j + 1] == ' ' || bytes[j + 1] == '\t')
                    && (static_cast<unsigned char>(bytes[j + 2]) & 0xC0) == 0x80) {
                    out.append(bytes.constData() + copied, i + 1 - copied);
                    copied = j + 2;
                    i = j + 2;
                    continue;
                }
            } else {
                // Not enough bytes to decide: hold back from the line break on.
                out.append(bytes.constData() + copied, i + 1 - copied);
                const qsizetype held = n - (i + 1);
                bytes = out + bytes.mid(i + 1);
                return held;
            }
        }
        ++i;
    }
    if (copied == 0)
        return 0;
    out.append(bytes.constData() + copied, n - copied);
    bytes = out;
    return 0;
}

} // namespace

namespace TextEncodings {

QString displayName(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8:
        return QStringLiteral("UTF-8");
    case TextEncoding::Utf16LE:
        return QStringLiteral("UTF-16 LE");
    case TextEncoding::Utf16BE:
        return QStringLiteral("UTF-16 BE");
    case TextEncoding::Windows1252:
        return QStringLiteral("Windows-1252 (Latin-1)");
    }
    return QString();
}

QString key(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8:
        return QStringLiteral("utf-8");
    case TextEncoding::Utf16LE:
        return QStringLiteral("utf-16le");
    case TextEncoding::Utf16BE:
        return QStringLiteral("utf-16be");
    case TextEncoding::Windows1252:
        return QStringLiteral("windows-1252");
    }
    return QString();
}

std::optional<TextEncoding> fromKey(QStringView key)
{
    const QString k = key.trimmed().toString().toLower().remove(QLatin1Char('_'));
    if (k == u"utf-8" || k == u"utf8")
        return TextEncoding::Utf8;
    if (k == u"utf-16le" || k == u"utf16le" || k == u"utf-16" || k == u"utf16")
        return TextEncoding::Utf16LE;
    if (k == u"utf-16be" || k == u"utf16be")
        return TextEncoding::Utf16BE;
    if (k == u"windows-1252" || k == u"cp1252" || k == u"latin1" || k == u"latin-1" || k == u"iso-8859-1"
        || k == u"iso8859-1" || k == u"ascii" || k == u"us-ascii")
        return TextEncoding::Windows1252;
    return std::nullopt;
}

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        char32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        for (int k = 1; k <= extra; ++k) {
            if (i + k >= n)
                return true; // cut off at the end of the sample: not evidence against UTF-8
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) || cp > 0x10FFFF
            || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

Detected detect(QByteArrayView head)
{
    if (head.startsWith("\xEF\xBB\xBF"))
        return { TextEncoding::Utf8, 3 };
    if (head.startsWith("\xFF\xFE"))
        return { TextEncoding::Utf16LE, 2 };
    if (head.startsWith("\xFE\xFF"))
        return { TextEncoding::Utf16BE, 2 };
    // UTF-16 without a mark: ASCII text has a zero in every other byte.
    if (head.size() >= 4) {
        const qsizetype n = std::min<qsizetype>(head.size() & ~qsizetype(1), 512);
        int zeroEven = 0;
        int zeroOdd = 0;
        for (qsizetype i = 0; i < n; ++i)
            if (head[i] == '\0')
                ++((i % 2) ? zeroOdd : zeroEven);
        if (zeroOdd > n / 4 && zeroEven == 0)
            return { TextEncoding::Utf16LE, 0 };
        if (zeroEven > n / 4 && zeroOdd == 0)
            return { TextEncoding::Utf16BE, 0 };
    }
    return { isValidUtf8(head) ? TextEncoding::Utf8 : TextEncoding::Windows1252, 0 };
}

QString decodeWindows1252(QByteArrayView bytes)
{
    QString out(bytes.size(), Qt::Uninitialized);
    QChar *d = out.data();
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c >= 0x80 && c <= 0x9F && kCp1252High[c - 0x80] != 0)
            d[i] = QChar(kCp1252High[c - 0x80]);
        else
            d[i] = QChar(char16_t(c));
    }
    return out;
}

QString decodeCharset(const QByteArray &bytes, QStringView charset)
{
    const QString name = charset.trimmed().toString().toLower();
    if (name.isEmpty() || name == u"utf-8" || name == u"utf8")
        return QString::fromUtf8(bytes);
    if (const auto known = fromKey(name)) {
        if (*known == TextEncoding::Windows1252)
            return decodeWindows1252(bytes);
        if (*known == TextEncoding::Utf16BE)
            return QStringDecoder(QStringDecoder::Utf16BE).decode(bytes);
        if (*known == TextEncoding::Utf16LE)
            return QStringDecoder(QStringDecoder::Utf16LE).decode(bytes);
    }
    QStringDecoder decoder(name.toLatin1().constData());
    if (decoder.isValid()) {
        const QString text = decoder.decode(bytes);
        if (!decoder.hasError())
            return text;
    }
    return isValidUtf8(bytes) ? QString::fromUtf8(bytes) : decodeWindows1252(bytes);
}

} // namespace TextEncodings

TextLineReader::TextLineReader(QIODevice *device)
    : TextLineReader(device, Options())
{
}

TextLineReader::TextLineReader(QIODevice *device, Options options)
    : m_device(device)
    , m_options(options)
{
}

Status TextLineReader::open()
{
    if (m_opened)
        return m_openStatus;
    m_opened = true;
    if (!m_device || !m_device->isReadable())
        return m_openStatus = Error(Tr::tr("The file cannot be read."), Error::Code::Unavailable);
    m_pendingHead = m_device->read(kBlockSize);
    m_bytesRead = m_pendingHead.size();
    if (m_pendingHead.isEmpty())
        return m_openStatus = Error(Tr::tr("The file is empty."), Error::Code::Validation);
    TextEncodings::Detected detected = TextEncodings::detect(m_pendingHead);
    const bool maybeUtf8 = m_options.encoding
        ? *m_options.encoding == TextEncoding::Utf8
        : detected.encoding == TextEncoding::Utf8 || detected.encoding == TextEncoding::Windows1252;
    m_joinSplitUtf8 = m_options.joinSplitUtf8 && maybeUtf8;
    if (m_joinSplitUtf8) {
        const qsizetype held = joinSplitUtf8(m_pendingHead, m_device->atEnd());
        m_carry = m_pendingHead.right(held);
        m_pendingHead.chop(held);
        detected = TextEncodings::detect(m_pendingHead);
        m_joinSplitUtf8 = m_options.encoding.value_or(detected.encoding) == TextEncoding::Utf8;
    }
    m_bomLength = detected.bomLength;
    m_encoding = m_options.encoding.value_or(detected.encoding);
    // A BOM of another encoding than the one forced is still not text.
    if (m_options.encoding && *m_options.encoding != detected.encoding)
        m_bomLength = 0;
    if (m_encoding == TextEncoding::Utf8 || m_encoding == TextEncoding::Windows1252) {
        // A NUL in the first block of an 8-bit text means a binary file (images, spreadsheets, archives).
        if (m_pendingHead.indexOf('\0') >= 0)
            return m_openStatus = Error(Tr::tr("This is not a text file (it contains binary data). Save the contacts "
                                               "as CSV or vCard and import that file."),
                       Error::Code::Validation);
    }
    switch (m_encoding) {
    case TextEncoding::Utf8:
        m_decoder = QStringDecoder(QStringDecoder::Utf8);
        break;
    case TextEncoding::Utf16LE:
        m_decoder = QStringDecoder(QStringDecoder::Utf16LE);
        break;
    case TextEncoding::Utf16BE:
        m_decoder = QStringDecoder(QStringDecoder::Utf16BE);
        break;
    case TextEncoding::Windows1252:
        break;
    }
    m_pendingHead.remove(0, m_bomLength);
    return m_openStatus;
}

bool TextLineReader::fill()
{
    QByteArray block;
    if (!m_pendingHead.isNull()) {
        block = std::move(m_pendingHead);
        m_pendingHead = QByteArray();
    } else {
        if (m_atEnd)
            return false;
        block = m_device->read(kBlockSize);
        m_bytesRead += block.size();
        if (block.isEmpty() && m_carry.isEmpty()) {
            m_atEnd = true;
            return false;
        }
        if (!m_carry.isEmpty()) {
            block.prepend(m_carry);
            m_carry.clear();
        }
        if (m_joinSplitUtf8) {
            const qsizetype held = joinSplitUtf8(block, m_device->atEnd());
            m_carry = block.right(held);
            block.chop(held);
        }
    }
    if (m_pos > 0) {
        m_text.remove(0, m_pos);
        m_pos = 0;
    }
    if (m_encoding == TextEncoding::Windows1252)
        m_text += TextEncodings::decodeWindows1252(block);
    else
        m_text += m_decoder.decode(block);
    return true;
}

Result<std::optional<QString>> TextLineReader::rawLine()
{
    for (;;) {
        if (m_skipLf && m_pos < m_text.size()) {
            if (m_text.at(m_pos) == u'\n')
                ++m_pos;
            m_skipLf = false;
        }
        qsizetype end = -1;
        const QChar *data = m_text.constData();
        for (qsizetype i = m_pos; i < m_text.size(); ++i) {
            if (data[i] == u'\n' || data[i] == u'\r') {
                end = i;
                break;
            }
        }
        if (end >= 0 && end - m_pos > m_options.maxLineChars)
            return Error(Tr::tr("Line %1 is longer than %2 characters: this is not a contacts file, or it is "
                                "damaged.")
                             .arg(m_lineNumber + int(m_peeked.size()) + 1)
                             .arg(m_options.maxLineChars),
                Error::Code::Validation);
        if (end >= 0) {
            QString line = m_text.mid(m_pos, end - m_pos);
            m_skipLf = data[end] == u'\r';
            m_pos = end + 1;
            return std::optional<QString>(std::move(line));
        }
        if (m_text.size() - m_pos > m_options.maxLineChars)
            return Error(Tr::tr("Line %1 is longer than %2 characters: this is not a contacts file, or it is "
                                "damaged.")
                             .arg(m_lineNumber + int(m_peeked.size()) + 1)
                             .arg(m_options.maxLineChars),
                Error::Code::Validation);
        if (!fill()) {
            const auto *file = qobject_cast<QFileDevice *>(m_device);
            if (file && file->error() != QFileDevice::NoError)
                return Error(Tr::tr("The file could not be read to the end: %1").arg(m_device->errorString()),
                    Error::Code::Unavailable);
            if (m_pos >= m_text.size())
                return std::optional<QString>();
            QString line = m_text.mid(m_pos);
            m_pos = m_text.size();
            return std::optional<QString>(std::move(line));
        }
    }
}

Result<std::optional<QString>> TextLineReader::readLine()
{
    if (const Status opened = open(); !opened)
        return opened.error();
    if (!m_peeked.isEmpty()) {
        ++m_lineNumber;
        return std::optional<QString>(m_peeked.takeFirst());
    }
    auto line = rawLine();
    if (line.ok() && line->has_value())
        ++m_lineNumber;
    return line;
}

Result<QStringList> TextLineReader::peekLines(int count)
{
    if (const Status opened = open(); !opened)
        return opened.error();
    while (m_peeked.size() < count) {
        auto line = rawLine();
        if (!line.ok())
            return line.error();
        if (!line->has_value())
            break;
        m_peeked.append(std::move(**line));
    }
    return QStringList(m_peeked.mid(0, count));
}
