#pragma once

#include "interchange/textsource.h"
#include "interchange/vcard.h"

#include <QList>

// Reads vCard 2.1, 3.0 and 4.0 files card by card (streaming through TextLineReader): unfolds lines (3.0/4.0
// drop the CRLF and one space or tab; 2.1 keeps the whitespace, as its specification says), joins
// QUOTED-PRINTABLE soft line breaks and decodes them with the CHARSET given, reads bare 2.1 parameters
// (`TEL;CELL;PREF`) as TYPE values, `ENCODING=b`/`BASE64` and `data:` URIs into bytes (larger than
// `maxBinaryBytes` left out with a warning on the card), RFC 6868 parameter escapes, and skips cards nested
// in a 2.1 AGENT. A card without END:VCARD, or text that is not a vCard, is an error naming the line.
class VCardReader
{
public:
    struct Options
    {
        std::optional<TextEncoding> encoding; // empty: detect
        qsizetype maxBinaryBytes = 4 * 1024 * 1024; // a decoded photo; larger ones are left out
        qsizetype maxPropertyChars = 32 * 1024 * 1024; // one unfolded line
        int maxPropertiesPerCard = 10000;
    };

    explicit VCardReader(QIODevice *device);
    VCardReader(QIODevice *device, Options options);

    Status open(); // detects the encoding; an empty or binary file is an error
    TextEncoding encoding() const { return m_lines.encoding(); }
    bool hadByteOrderMark() const { return m_lines.hadByteOrderMark(); }

    // The next card; std::nullopt at the end of the file.
    Result<std::optional<VCard::Card>> next();
    int lineNumber() const { return m_lines.lineNumber(); }
    qint64 bytesRead() const { return m_lines.bytesRead(); }
    int cardNumber() const { return m_cards; }

    // Every card of `bytes` (tests, small files).
    static Result<QList<VCard::Card>> readAll(const QByteArray &bytes);
    static Result<QList<VCard::Card>> readAll(const QByteArray &bytes, Options options);
    // True when `head` (the first bytes of a file) looks like a vCard file.
    static bool looksLikeVCard(QByteArrayView head);

private:
    struct Logical
    {
        QString text;
        int line = 0;
        bool oversized = false;
    };
    Result<std::optional<Logical>> nextLogical();
    Result<std::optional<QString>> physical(int &lineNumber);

    TextLineReader m_lines;
    Options m_options;
    std::optional<QString> m_pending;
    int m_pendingLine = 0;
    QString m_version; // of the card being read: folding differs in 2.1
    int m_cards = 0;
};
