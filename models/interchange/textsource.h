#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>
#include <QStringDecoder>
#include <QStringList>

#include <optional>

class QIODevice;

// The encodings an import file can come in. Detected from a byte-order mark or, without one, from whether the
// first 64 KiB are valid UTF-8; anything else is read as Windows-1252 (a superset of Latin-1 for the printable
// characters, which is what Excel and Outlook write on Western systems). The user can override the guess.
enum class TextEncoding {
    Utf8,
    Utf16LE,
    Utf16BE,
    Windows1252,
};

namespace TextEncodings {
QString displayName(TextEncoding encoding); // "UTF-8", "UTF-16 LE", ... (not translated: these are names)
QString key(TextEncoding encoding); // "utf-8", "utf-16le", "utf-16be", "windows-1252"
std::optional<TextEncoding> fromKey(QStringView key); // also accepts "latin1", "iso-8859-1", "cp1252", "utf8"
// The encoding of `head` (the first bytes of a file) and the length of its byte-order mark (0 without one).
struct Detected
{
    TextEncoding encoding = TextEncoding::Utf8;
    int bomLength = 0;
};
Detected detect(QByteArrayView head);
// Windows-1252 bytes to text (0x81, 0x8D, 0x8F, 0x90, 0x9D, which it leaves undefined, read as Latin-1).
QString decodeWindows1252(QByteArrayView bytes);
// Bytes named by a vCard 2.1 CHARSET parameter or a MIME charset; unknown charsets fall back to UTF-8 when the
// bytes are valid UTF-8 and Windows-1252 otherwise.
QString decodeCharset(const QByteArray &bytes, QStringView charset);
bool isValidUtf8(QByteArrayView bytes);
} // namespace TextEncodings

// Reads a text file line by line without holding it in memory: bytes are read in blocks of 64 KiB, decoded
// (a multi-byte character split between blocks is carried over) and cut at LF, CRLF or a lone CR. Each line
// comes without its terminator, with its 1-based number. A line longer than `maxLineChars` is an error naming
// it (a binary file or a runaway quote, not a contact). Used by CsvReader and VCardReader.
class TextLineReader
{
public:
    struct Options
    {
        std::optional<TextEncoding> encoding; // empty: detect
        qsizetype maxLineChars = 4 * 1024 * 1024;
        // vCard 4.0 folds at 75 octets and may split a UTF-8 character (RFC 6350 3.2: unfold before decoding):
        // a line break plus one space or tab between the bytes of one UTF-8 character is removed before
        // decoding. Never matches in valid text, where a line break cannot follow a lead byte.
        bool joinSplitUtf8 = false;
    };

    explicit TextLineReader(QIODevice *device);
    TextLineReader(QIODevice *device, Options options);

    // Reads the first block and detects the encoding; an empty or binary file is an error. Called by the
    // first readLine() when not called before.
    Status open();
    TextEncoding encoding() const { return m_encoding; }
    bool hadByteOrderMark() const { return m_bomLength > 0; }

    // The next line; std::nullopt at the end of the file. The Result is an error when the device fails or a
    // line is too long.
    Result<std::optional<QString>> readLine();
    int lineNumber() const { return m_lineNumber; } // of the line last returned
    qint64 bytesRead() const { return m_bytesRead; }
    // The first lines (up to `count`) without consuming them, for delimiter and header detection.
    Result<QStringList> peekLines(int count);

private:
    bool fill(); // decodes one more block into m_text; false at the end of the device
    Result<std::optional<QString>> rawLine();
    Status m_openStatus;
    bool m_opened = false;
    QIODevice *m_device;
    Options m_options;
    TextEncoding m_encoding = TextEncoding::Utf8;
    int m_bomLength = 0;
    QStringDecoder m_decoder;
    QString m_text; // decoded, not yet returned
    qsizetype m_pos = 0; // into m_text
    bool m_atEnd = false;
    bool m_joinSplitUtf8 = false;
    bool m_skipLf = false; // the last line ended with CR: a following LF belongs to it
    int m_lineNumber = 0;
    qint64 m_bytesRead = 0;
    QByteArray m_pendingHead; // the first block, read by open()
    QByteArray m_carry; // the end of a block held back (a fold that may continue in the next block)
    QList<QString> m_peeked;
};
