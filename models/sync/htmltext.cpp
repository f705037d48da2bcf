#include "sync/htmltext.h"

#include "sync/htmlentitytable_p.h"

#include <algorithm>

namespace {

static_assert(std::is_sorted(HtmlEntityTable::entries.begin(), HtmlEntityTable::entries.end(),
                  [](const HtmlEntityTable::Entry &a, const HtmlEntityTable::Entry &b) { return a.name < b.name; }),
    "the generated entity table must be sorted for binary search");

bool isAsciiAlpha(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z');
}

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

bool isAsciiAlnum(QChar c)
{
    return isAsciiAlpha(c) || isAsciiDigit(c);
}

bool isHtmlSpace(QChar c)
{
    const char16_t u = c.unicode();
    return u == u' ' || u == u'\t' || u == u'\n' || u == u'\f' || u == u'\r';
}

// `name` (ASCII letters and digits only) in the standard's table, or nullptr.
const HtmlEntityTable::Entry *findEntity(QStringView name)
{
    if (name.isEmpty() || std::size_t(name.size()) > HtmlEntityTable::longestName)
        return nullptr;
    char key[HtmlEntityTable::longestName];
    for (qsizetype k = 0; k < name.size(); ++k) {
        if (!isAsciiAlnum(name.at(k)))
            return nullptr;
        key[k] = char(name.at(k).unicode());
    }
    const std::string_view wanted(key, std::size_t(name.size()));
    const auto &table = HtmlEntityTable::entries;
    const auto it = std::lower_bound(table.begin(), table.end(), wanted,
        [](const HtmlEntityTable::Entry &e, std::string_view w) { return e.name < w; });
    return it != table.end() && it->name == wanted ? &*it : nullptr;
}

void appendCodePoint(QString &out, char32_t cp)
{
    const char32_t one[1] = { cp };
    out += QString::fromUcs4(one, 1);
}

void appendEntity(QString &out, const HtmlEntityTable::Entry &e)
{
    appendCodePoint(out, e.first);
    if (e.second != 0)
        appendCodePoint(out, e.second);
}

// HTML §13.2.5.80 "numeric character reference end state".
char32_t numericReferenceValue(quint32 value)
{
    // 0x80–0x9F name the windows-1252 characters there (0 where windows-1252 has none: kept as the C1 control).
    static const char16_t c1[32] = { 0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161,
        0x203A, 0x0153, 0, 0x017E, 0x0178 };
    if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return 0xFFFD;
    if (value >= 0x80 && value <= 0x9F && c1[value - 0x80] != 0)
        return c1[value - 0x80];
    return value;
}

bool isBlockTag(QStringView name)
{
    static const char *const blocks[] = { "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "ul", "ol", "table", "hr", "section", "article" };
    for (const char *b : blocks) {
        if (name.compare(QLatin1String(b), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// The end of the tag whose name ends at `i`: the index of its '>' (quoted attribute values may hold '>'), or
// the input's size when it never ends (the tokenizer then drops the tag).
qsizetype tagEnd(const QString &html, qsizetype i)
{
    const qsizetype n = html.size();
    while (i < n) {
        const QChar ch = html.at(i);
        if (ch == u'>')
            return i;
        if (ch == u'=') {
            qsizetype k = i + 1;
            while (k < n && isHtmlSpace(html.at(k)))
                ++k;
            if (k < n && (html.at(k) == u'"' || html.at(k) == u'\'')) {
                const qsizetype close = html.indexOf(html.at(k), k + 1);
                if (close < 0)
                    return n;
                i = close + 1;
                continue;
            }
            i = k;
            continue;
        }
        ++i;
    }
    return n;
}

// The index just past the bogus comment or DOCTYPE starting at `i`: after its first '>', or the end.
qsizetype pastGreaterThan(const QString &html, qsizetype i)
{
    const qsizetype close = html.indexOf(u'>', i);
    return close < 0 ? html.size() : close + 1;
}

// The index just past the comment whose "<!--" is at `i` (§13.2.5.43–52: "<!-->" and "<!--->" are empty
// comments, "--!>" also ends one, an unterminated one runs to the end).
qsizetype pastComment(const QString &html, qsizetype i)
{
    const QStringView rest = QStringView(html).mid(i + 4);
    if (rest.startsWith(u'>'))
        return i + 5;
    if (rest.startsWith(u"->"))
        return i + 6;
    const qsizetype n = html.size();
    for (qsizetype k = i + 4; k + 2 < n; ++k) {
        if (html.at(k) != u'-' || html.at(k + 1) != u'-')
            continue;
        if (html.at(k + 2) == u'>')
            return k + 3;
        if (html.at(k + 2) == u'!' && k + 3 < n && html.at(k + 3) == u'>')
            return k + 4;
    }
    return n;
}

} // namespace

QString HtmlText::namedEntity(QStringView name)
{
    QString out;
    if (const HtmlEntityTable::Entry *e = findEntity(name))
        appendEntity(out, *e);
    return out;
}

QString HtmlText::decodeEntities(const QString &text, EntityContext context)
{
    if (!text.contains(u'&'))
        return text;
    QString out;
    out.reserve(text.size());
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c != u'&' || i + 1 >= n) {
            out += c;
            ++i;
            continue;
        }
        const QChar next = text.at(i + 1);
        if (next == u'#') {
            qsizetype j = i + 2;
            const bool hex = j < n && (text.at(j) == u'x' || text.at(j) == u'X');
            if (hex)
                ++j;
            const qsizetype digitsStart = j;
            quint32 value = 0;
            for (; j < n; ++j) {
                const char16_t u = text.at(j).unicode();
                int digit = -1;
                if (u >= u'0' && u <= u'9')
                    digit = u - u'0';
                else if (hex && u >= u'a' && u <= u'f')
                    digit = u - u'a' + 10;
                else if (hex && u >= u'A' && u <= u'F')
                    digit = u - u'A' + 10;
                if (digit < 0)
                    break;
                value = qMin<quint32>(value * (hex ? 16 : 10) + quint32(digit), 0x110000); // stays out of range
            }
            if (j == digitsStart) { // "&#" or "&#x" without digits: not a reference
                out += c;
                ++i;
                continue;
            }
            if (j < n && text.at(j) == u';')
                ++j; // a missing ';' is a parse error, but the reference still counts
            appendCodePoint(out, numericReferenceValue(value));
            i = j;
            continue;
        }
        if (!isAsciiAlnum(next)) {
            out += c;
            ++i;
            continue;
        }
        // The longest name in the table that the text starts with. Names are ASCII letters and digits, so
        // the ';' can only follow the whole run; without it only the legacy names (at most 6 characters) count.
        qsizetype j = i + 1;
        while (j < n && j - (i + 1) <= qsizetype(HtmlEntityTable::longestName) && isAsciiAlnum(text.at(j)))
            ++j;
        const QStringView run = QStringView(text).mid(i + 1, j - i - 1);
        if (j < n && text.at(j) == u';') {
            if (const HtmlEntityTable::Entry *e = findEntity(run)) {
                appendEntity(out, *e);
                i = j + 1;
                continue;
            }
        }
        bool decoded = false;
        for (qsizetype len = qMin<qsizetype>(run.size(), HtmlEntityTable::longestLegacyName); len >= 2; --len) {
            const HtmlEntityTable::Entry *e = findEntity(run.left(len));
            if (!e || !e->legacy)
                continue;
            const qsizetype after = i + 1 + len;
            if (context == EntityContext::Attribute && after < n
                && (text.at(after) == u'=' || isAsciiAlnum(text.at(after))))
                break; // "&copy=…" in a URL's query stays as written
            appendEntity(out, *e);
            i = after;
            decoded = true;
            break;
        }
        if (!decoded) {
            out += c;
            ++i;
        }
    }
    return out;
}

QString HtmlText::toPlainText(const QString &html)
{
    QString raw;
    raw.reserve(html.size());
    const qsizetype n = html.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = html.at(i);
        const QChar next = i + 1 < n ? html.at(i + 1) : QChar();
        // HTML §13.2.5.6 "tag open state": only '<' + ASCII letter, '/', '!' or '?' is markup.
        if (c != u'<' || !(isAsciiAlpha(next) || next == u'/' || next == u'!' || next == u'?')) {
            raw += c;
            ++i;
            continue;
        }
        if (next == u'!') {
            i = QStringView(html).mid(i, 4) == u"<!--" ? pastComment(html, i) : pastGreaterThan(html, i);
            continue;
        }
        if (next == u'?') {
            i = pastGreaterThan(html, i);
            continue;
        }
        const bool closing = next == u'/';
        const qsizetype nameStart = closing ? i + 2 : i + 1;
        if (closing && (nameStart >= n || !isAsciiAlpha(html.at(nameStart)))) {
            if (nameStart >= n) { // "</" at the very end is text
                raw += QStringView(html).mid(i);
                break;
            }
            i = pastGreaterThan(html, i); // "</>" is dropped, "</3" and the like are bogus comments
            continue;
        }
        qsizetype nameEnd = nameStart;
        while (nameEnd < n && !isHtmlSpace(html.at(nameEnd)) && html.at(nameEnd) != u'/' && html.at(nameEnd) != u'>')
            ++nameEnd;
        const QStringView name = QStringView(html).mid(nameStart, nameEnd - nameStart);
        const qsizetype end = tagEnd(html, nameEnd);
        i = end < n ? end + 1 : n;
        if (!closing
            && (name.compare(u"script", Qt::CaseInsensitive) == 0 || name.compare(u"style", Qt::CaseInsensitive) == 0
                || name.compare(u"head", Qt::CaseInsensitive) == 0)) {
            const QString endTag = QStringLiteral("</") + name.toString();
            const qsizetype e = html.indexOf(endTag, i, Qt::CaseInsensitive);
            i = e < 0 ? n : pastGreaterThan(html, e);
            continue;
        }
        if (isBlockTag(name))
            raw += u'\n';
    }

    const QString decoded = decodeEntities(raw);
    // Collapse spaces within lines and blank-line runs to one empty line.
    QString out;
    out.reserve(decoded.size());
    bool pendingSpace = false;
    int newlines = 0;
    for (const QChar ch : decoded) {
        if (ch == u'\n') {
            pendingSpace = false;
            ++newlines;
            continue;
        }
        if (ch.isSpace() && ch != QChar(0xA0)) {
            pendingSpace = true;
            continue;
        }
        if (!out.isEmpty()) {
            if (newlines > 0)
                out += newlines > 1 ? QStringLiteral("\n\n") : QStringLiteral("\n");
            else if (pendingSpace)
                out += u' ';
        }
        newlines = 0;
        pendingSpace = false;
        out += ch == QChar(0xA0) ? QChar(u' ') : ch;
    }
    return out;
}
