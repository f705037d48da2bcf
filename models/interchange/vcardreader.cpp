#include "interchange/vcardreader.h"

#include <QBuffer>
#include <QCoreApplication>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(VCardReader)
};

bool isBinaryProperty(QStringView name)
{
    return name == u"PHOTO" || name == u"LOGO" || name == u"SOUND" || name == u"KEY";
}

// "=C3=BC" and friends; `=` followed by something that is not hex is kept as written (Outlook writes a lone
// '=' now and then). Characters other than escapes are taken as UTF-8 bytes.
QByteArray decodeQuotedPrintable(QStringView text)
{
    QByteArray out;
    out.reserve(text.size());
    auto hex = [](QChar c) -> int {
        const char16_t u = c.unicode();
        if (u >= u'0' && u <= u'9')
            return u - u'0';
        if (u >= u'A' && u <= u'F')
            return u - u'A' + 10;
        if (u >= u'a' && u <= u'f')
            return u - u'a' + 10;
        return -1;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'=' && i + 2 < text.size() + 0 && hex(text.at(i + 1)) >= 0 && hex(text.at(i + 2)) >= 0) {
            out.append(char(hex(text.at(i + 1)) * 16 + hex(text.at(i + 2))));
            i += 2;
        } else if (c.unicode() < 0x80) {
            out.append(char(c.unicode()));
        } else {
            out.append(QString(c).toUtf8());
        }
    }
    return out;
}

// RFC 6868: ^n newline, ^^ caret, ^' double quote in parameter values.
QString decodeCaret(QStringView value)
{
    if (!value.contains(u'^'))
        return value.toString();
    QString out;
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value.at(i) == u'^' && i + 1 < value.size()) {
            const QChar n = value.at(i + 1);
            if (n == u'n' || n == u'N') {
                out += u'\n';
                ++i;
                continue;
            }
            if (n == u'^') {
                out += u'^';
                ++i;
                continue;
            }
            if (n == u'\'') {
                out += u'"';
                ++i;
                continue;
            }
        }
        out += value.at(i);
    }
    return out;
}

// Splits at `separator` outside double quotes.
QList<QStringView> splitUnquoted(QStringView text, QChar separator)
{
    QList<QStringView> parts;
    bool quoted = false;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == u'"')
            quoted = !quoted;
        else if (!quoted && text.at(i) == separator) {
            parts.append(text.mid(start, i - start));
            start = i + 1;
        }
    }
    parts.append(text.mid(start));
    return parts;
}

QString unquote(QStringView value)
{
    value = value.trimmed();
    if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"'))
        value = value.mid(1, value.size() - 2);
    return decodeCaret(value);
}

// The position of the ':' that ends the property's name and parameters (not one inside a quoted parameter).
qsizetype valueColon(QStringView line)
{
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == u'"')
            quoted = !quoted;
        else if (!quoted && c == u':')
            return i;
    }
    return -1;
}

bool isQuotedPrintableHeader(QStringView header)
{
    return header.contains(QLatin1String("QUOTED-PRINTABLE"), Qt::CaseInsensitive);
}

QString mediaTypeFromType(const QStringList &types)
{
    for (const QString &t : types) {
        const QString type = t.toLower();
        if (type.contains(u'/'))
            return type;
        if (type == u"jpeg" || type == u"jpg")
            return QStringLiteral("image/jpeg");
        if (type == u"png" || type == u"gif" || type == u"bmp" || type == u"tiff" || type == u"webp")
            return QStringLiteral("image/") + type;
    }
    return QString();
}

} // namespace

VCardReader::VCardReader(QIODevice *device)
    : VCardReader(device, Options())
{
}

VCardReader::VCardReader(QIODevice *device, Options options)
    : m_lines(device, TextLineReader::Options { options.encoding, options.maxPropertyChars, true })
    , m_options(options)
{
}

Status VCardReader::open()
{
    return m_lines.open();
}

bool VCardReader::looksLikeVCard(QByteArrayView head)
{
    const TextEncodings::Detected detected = TextEncodings::detect(head);
    QString text;
    const QByteArrayView body = head.sliced(std::min<qsizetype>(detected.bomLength, head.size()));
    switch (detected.encoding) {
    case TextEncoding::Utf16LE:
        text = QStringDecoder(QStringDecoder::Utf16LE).decode(body);
        break;
    case TextEncoding::Utf16BE:
        text = QStringDecoder(QStringDecoder::Utf16BE).decode(body);
        break;
    default:
        text = QString::fromLatin1(body.first(std::min<qsizetype>(body.size(), 4096)));
    }
    return text.trimmed().left(11).compare(QLatin1String("BEGIN:VCARD"), Qt::CaseInsensitive) == 0;
}

Result<std::optional<QString>> VCardReader::physical(int &lineNumber)
{
    if (m_pending) {
        std::optional<QString> line = std::move(m_pending);
        m_pending.reset();
        lineNumber = m_pendingLine;
        return line;
    }
    auto line = m_lines.readLine();
    lineNumber = m_lines.lineNumber();
    return line;
}

Result<std::optional<VCardReader::Logical>> VCardReader::nextLogical()
{
    Logical logical;
    for (;;) {
        auto first = physical(logical.line);
        if (!first.ok())
            return first.error();
        if (!first->has_value())
            return std::optional<Logical>();
        if ((*first)->trimmed().isEmpty())
            continue;
        logical.text = std::move(**first);
        break;
    }
    const bool v21 = m_version == u"2.1";
    const qsizetype colon = valueColon(logical.text);
    const bool qp = colon > 0 && isQuotedPrintableHeader(QStringView(logical.text).left(colon));
    for (;;) {
        // A QUOTED-PRINTABLE soft line break: the value goes on whatever the next line starts with.
        const bool softBreak = qp && logical.text.endsWith(u'=');
        int line = 0;
        auto next = physical(line);
        if (!next.ok())
            return next.error();
        if (!next->has_value())
            break;
        QString &text = **next;
        if (softBreak) {
            logical.text.chop(1);
        } else if (!text.isEmpty() && (text.at(0) == u' ' || text.at(0) == u'\t')) {
            if (!v21)
                text.remove(0, 1);
        } else {
            m_pending = std::move(text);
            m_pendingLine = line;
            break;
        }
        if (logical.oversized)
            continue;
        if (logical.text.size() + text.size() > m_options.maxPropertyChars) {
            logical.oversized = true;
            continue;
        }
        logical.text += text;
    }
    return std::optional<Logical>(std::move(logical));
}

Result<std::optional<VCard::Card>> VCardReader::next()
{
    if (const Status status = open(); !status)
        return status.error();
    VCard::Card card;
    bool inCard = false;
    int nested = 0; // cards inside a 2.1 AGENT, skipped
    bool previousWasAgent = false;
    m_version.clear();
    for (;;) {
        auto logicalResult = nextLogical();
        if (!logicalResult.ok())
            return logicalResult.error();
        if (!logicalResult->has_value()) {
            if (inCard)
                return Error(Tr::tr("The card that begins on line %1 has no END:VCARD: the file is cut off or "
                                    "damaged.")
                                 .arg(card.firstLine),
                    Error::Code::Validation);
            return std::optional<VCard::Card>();
        }
        Logical &logical = **logicalResult;
        const QString &line = logical.text;
        const qsizetype colon = valueColon(line);
        if (colon <= 0) {
            if (!inCard)
                return Error(
                    Tr::tr("Line %1 is not part of a vCard (a card begins with BEGIN:VCARD).").arg(logical.line),
                    Error::Code::Validation);
            // A line without a colon inside a card (a broken writer's wrapped note): not a property; skipped.
            card.warnings.append(Tr::tr("Line %1 is not a vCard property and was left out.").arg(logical.line));
            continue;
        }
        const QStringView header = QStringView(line).left(colon);
        QStringView valueView = QStringView(line).mid(colon + 1);
        const QList<QStringView> headerParts = splitUnquoted(header, u';');
        QString fullName = headerParts.first().trimmed().toString();
        QString group;
        if (const qsizetype dot = fullName.lastIndexOf(u'.'); dot >= 0) {
            group = fullName.left(dot);
            fullName = fullName.mid(dot + 1);
        }
        const QString name = fullName.toUpper();

        if (name == u"BEGIN" && valueView.trimmed().compare(u"VCARD", Qt::CaseInsensitive) == 0) {
            if (inCard) {
                if (previousWasAgent || nested > 0) {
                    ++nested;
                    continue;
                }
                return Error(Tr::tr("The card that begins on line %1 has no END:VCARD before the next card begins on "
                                    "line %2.")
                                 .arg(card.firstLine)
                                 .arg(logical.line),
                    Error::Code::Validation);
            }
            inCard = true;
            card.firstLine = logical.line;
            continue;
        }
        if (!inCard)
            return Error(Tr::tr("Line %1 is not part of a vCard (a card begins with BEGIN:VCARD).").arg(logical.line),
                Error::Code::Validation);
        if (name == u"END" && valueView.trimmed().compare(u"VCARD", Qt::CaseInsensitive) == 0) {
            if (nested > 0) {
                --nested;
                continue;
            }
            ++m_cards;
            return std::optional<VCard::Card>(std::move(card));
        }
        previousWasAgent = name == u"AGENT" && valueView.trimmed().isEmpty();
        if (nested > 0)
            continue;
        if (name == u"VERSION") {
            card.version = valueView.trimmed().toString();
            m_version = card.version;
            continue;
        }
        if (card.properties.size() >= m_options.maxPropertiesPerCard)
            return Error(Tr::tr("The card that begins on line %1 has more than %2 properties: the file is damaged.")
                             .arg(card.firstLine)
                             .arg(m_options.maxPropertiesPerCard),
                Error::Code::Validation);

        VCard::Property property;
        property.group = group;
        property.name = name;
        property.line = logical.line;
        QString encoding;
        QString charset;
        for (qsizetype i = 1; i < headerParts.size(); ++i) {
            const QStringView part = headerParts.at(i).trimmed();
            if (part.isEmpty())
                continue;
            const qsizetype eq = part.indexOf(u'=');
            VCard::Parameter parameter;
            if (eq < 0) {
                // vCard 2.1's bare parameters: TEL;CELL;PREF, PHOTO;JPEG;ENCODING... and bare encodings.
                const QString bare = part.toString().toUpper();
                if (bare == u"QUOTED-PRINTABLE" || bare == u"BASE64" || bare == u"8BIT" || bare == u"7BIT"
                    || bare == u"B")
                    parameter = VCard::Parameter { QStringLiteral("ENCODING"), { bare } };
                else
                    parameter = VCard::Parameter { QStringLiteral("TYPE"), { part.toString() } };
            } else {
                parameter.name = part.left(eq).trimmed().toString().toUpper();
                const QStringView raw = part.mid(eq + 1);
                // TYPE="work,voice" (4.0) means two values; other parameters keep commas inside quotes.
                if (parameter.name == u"TYPE") {
                    for (const QStringView v : splitUnquoted(raw, u','))
                        for (const QString &t : unquote(v).split(u',', Qt::SkipEmptyParts))
                            parameter.values.append(t.trimmed());
                } else {
                    for (const QStringView v : splitUnquoted(raw, u','))
                        parameter.values.append(unquote(v));
                }
            }
            if (parameter.name == u"ENCODING" && !parameter.values.isEmpty())
                encoding = parameter.values.first().toUpper();
            if (parameter.name == u"CHARSET" && !parameter.values.isEmpty())
                charset = parameter.values.first();
            property.parameters.append(std::move(parameter));
        }

        if (logical.oversized) {
            card.warnings.append(
                Tr::tr("Line %1: the %2 property is too long and was left out.").arg(logical.line).arg(name));
            continue;
        }

        if (encoding == u"QUOTED-PRINTABLE") {
            property.value = TextEncodings::decodeCharset(decodeQuotedPrintable(valueView), charset);
        } else if (encoding == u"B" || encoding == u"BASE64") {
            QByteArray base64 = valueView.toLatin1();
            base64.replace(' ', QByteArray()).replace('\t', QByteArray());
            const qsizetype decodedSize = base64.size() / 4 * 3;
            if (decodedSize > m_options.maxBinaryBytes) {
                card.warnings.append(Tr::tr("Line %1: the %2 property is larger than %3 MB and was left out.")
                                         .arg(logical.line)
                                         .arg(name)
                                         .arg(m_options.maxBinaryBytes / (1024 * 1024)));
                continue;
            }
            property.data = QByteArray::fromBase64(base64);
            property.mediaType = property.parameterValues(u"MEDIATYPE").value(0);
            if (property.mediaType.isEmpty())
                property.mediaType = mediaTypeFromType(property.parameterValues(u"TYPE"));
        } else if (isBinaryProperty(name) && valueView.startsWith(QLatin1String("data:"), Qt::CaseInsensitive)) {
            // RFC 2397: data:[<mediatype>][;base64],<data>
            const qsizetype comma = valueView.indexOf(u',');
            if (comma > 0) {
                const QStringView meta = valueView.mid(5, comma - 5);
                const QStringView payload = valueView.mid(comma + 1);
                const bool base64 = meta.endsWith(QLatin1String(";base64"), Qt::CaseInsensitive);
                const qsizetype decodedSize = base64 ? payload.size() / 4 * 3 : payload.size();
                if (decodedSize > m_options.maxBinaryBytes) {
                    card.warnings.append(Tr::tr("Line %1: the %2 property is larger than %3 MB and was left out.")
                                             .arg(logical.line)
                                             .arg(name)
                                             .arg(m_options.maxBinaryBytes / (1024 * 1024)));
                    continue;
                }
                property.data = base64 ? QByteArray::fromBase64(payload.toLatin1())
                                       : QByteArray::fromPercentEncoding(payload.toUtf8());
                property.mediaType = meta.split(u';').value(0).toString().toLower();
            } else {
                property.value = valueView.toString();
            }
        } else {
            property.value = valueView.toString();
        }
        card.properties.append(std::move(property));
    }
}

Result<QList<VCard::Card>> VCardReader::readAll(const QByteArray &bytes)
{
    return readAll(bytes, Options());
}

Result<QList<VCard::Card>> VCardReader::readAll(const QByteArray &bytes, Options options)
{
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    VCardReader reader(&buffer, options);
    QList<VCard::Card> cards;
    for (;;) {
        auto card = reader.next();
        if (!card.ok())
            return card.error();
        if (!card->has_value())
            return cards;
        cards.append(std::move(**card));
    }
}
