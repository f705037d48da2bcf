#include "sync/feedparser.h"

#include "sync/feedparser_p.h"
#include "sync/htmltext.h"

#include <QHash>
#include <QRegularExpression>
#include <QStringDecoder>

#include <optional>

using namespace FeedParsing;

namespace {

// WHATWG Encoding: labels of ISO-8859-1 and ASCII mean windows-1252.
QByteArray canonicalEncoding(QByteArray name)
{
    name = name.trimmed().toLower();
    static const char *const latin1[] = { "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1",
        "us-ascii", "ascii", "cp819", "ibm819", "iso-ir-100", "x-cp1252", "cp1252" };
    for (const char *l : latin1) {
        if (name == l)
            return QByteArrayLiteral("windows-1252");
    }
    if (name == "utf8")
        return QByteArrayLiteral("utf-8");
    return name;
}

QByteArray charsetOf(const QByteArray &contentType)
{
    static const QRegularExpression re(
        QStringLiteral(R"(charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40}))"), QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(QString::fromLatin1(contentType.left(300)));
    return m.hasMatch() ? m.captured(1).toLatin1() : QByteArray();
}

QByteArray prologEncoding(const QByteArray &bytes)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["'])"));
    const auto m = re.match(QString::fromLatin1(bytes.left(300)));
    return m.hasMatch() ? m.captured(1).toLatin1() : QByteArray();
}

bool isXmlChar(char32_t c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
}

// Appends `text[i]` (and its low surrogate) if it is a legal XML character; returns how many units it used.
qsizetype appendXmlChar(QString &out, const QString &text, qsizetype i)
{
    const QChar c = text.at(i);
    if (c.isHighSurrogate()) {
        if (i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            out += c;
            out += text.at(i + 1);
            return 2;
        }
        return 1; // a lone surrogate: dropped
    }
    if (!c.isLowSurrogate() && isXmlChar(c.unicode()))
        out += c;
    return 1;
}

// The general entities an internal DTD subset declares with a plain literal value (<!ENTITY id "42">), their
// values already as characters. Values holding markup or references to other entities are left out (so no
// entity ever expands into another one: "billion laughs" has nothing to multiply), as are external ones.
using DtdEntities = QHash<QString, QString>;

constexpr qsizetype maxEntityValueChars = 4096;
constexpr qsizetype maxExpandedChars = 1024 * 1024; // in all, per document

bool isXmlNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u'.' || c == u':';
}

// The value of a literal in an entity declaration as characters: character references and the five XML
// entities decoded. Empty optional if it refers to any other entity, holds markup, or is too long.
std::optional<QString> plainEntityValue(QStringView literal)
{
    if (literal.size() > maxEntityValueChars || literal.contains(u'<') || literal.contains(u'%'))
        return std::nullopt;
    QString out;
    for (qsizetype i = 0; i < literal.size(); ++i) {
        const QChar c = literal.at(i);
        if (c != u'&') {
            out += c;
            continue;
        }
        const qsizetype semi = literal.indexOf(u';', i + 1);
        if (semi < 0 || semi - i > 12)
            return std::nullopt;
        const QStringView ref = literal.mid(i + 1, semi - i - 1);
        static const QStringView names[] = { u"amp", u"lt", u"gt", u"quot", u"apos" };
        static const char16_t chars[] = { u'&', u'<', u'>', u'"', u'\'' };
        bool found = false;
        for (int k = 0; k < 5; ++k) {
            if (ref == names[k]) {
                out += QChar(chars[k]);
                found = true;
            }
        }
        if (!found && ref.startsWith(u'#')) {
            bool ok = false;
            const uint cp = ref.size() > 1 && (ref.at(1) == u'x' || ref.at(1) == u'X') ? ref.mid(2).toUInt(&ok, 16)
                                                                                       : ref.mid(1).toUInt(&ok, 10);
            if (!ok || !isXmlChar(cp))
                return std::nullopt;
            const char32_t one[1] = { cp };
            out += QString::fromUcs4(one, 1);
            found = true;
        }
        if (!found)
            return std::nullopt;
        i = semi;
    }
    return out;
}

// Reads the DOCTYPE starting at text[i] ("<!DOCTYPE") to its end, collecting the internal subset's plain
// general entities into `entities`. Quoted literals, comments and processing instructions may hold '>' and
// ']'. Returns the index just past the DOCTYPE (the end of the text if it never closes).
qsizetype readDoctype(const QString &text, qsizetype i, DtdEntities *entities)
{
    const qsizetype n = text.size();
    bool inSubset = false;
    auto skipQuoted = [&](qsizetype at) {
        const qsizetype close = text.indexOf(text.at(at), at + 1);
        return close < 0 ? n : close + 1;
    };
    for (i += 9; i < n;) {
        const QChar c = text.at(i);
        if (c == u'"' || c == u'\'') {
            i = skipQuoted(i);
            continue;
        }
        if (!inSubset) {
            if (c == u'[')
                inSubset = true;
            else if (c == u'>')
                return i + 1;
            ++i;
            continue;
        }
        if (c == u']') {
            inSubset = false;
            ++i;
            continue;
        }
        if (c != u'<') {
            ++i;
            continue;
        }
        const QStringView rest = QStringView(text).mid(i);
        if (rest.startsWith(u"<!--")) {
            const qsizetype end = text.indexOf(QStringLiteral("-->"), i + 4);
            i = end < 0 ? n : end + 3;
            continue;
        }
        if (rest.startsWith(u"<?")) {
            const qsizetype end = text.indexOf(QStringLiteral("?>"), i + 2);
            i = end < 0 ? n : end + 2;
            continue;
        }
        // A markup declaration: <!ENTITY name "value"> is the only kind read; the others are stepped over.
        qsizetype j = i + 2;
        QStringView words[4]; // the first few: "ENTITY", ["%",] name, literal or SYSTEM/PUBLIC
        bool quoted[4] = {};
        int count = 0;
        while (j < n && text.at(j) != u'>') {
            const QChar d = text.at(j);
            if (d.isSpace()) {
                ++j;
                continue;
            }
            qsizetype end = j;
            QStringView word;
            const bool isQuoted = d == u'"' || d == u'\'';
            if (isQuoted) {
                end = skipQuoted(j);
                word = QStringView(text).mid(j + 1, qMax<qsizetype>(0, end - j - 2));
            } else {
                while (end < n && !text.at(end).isSpace() && text.at(end) != u'>' && text.at(end) != u'"'
                    && text.at(end) != u'\'')
                    ++end;
                word = QStringView(text).mid(j, end - j);
            }
            if (count < 4) {
                words[count] = word;
                quoted[count] = isQuoted;
                ++count;
            }
            j = end;
        }
        i = j < n ? j + 1 : n;
        if (count < 3 || quoted[0] || words[0] != u"ENTITY" || quoted[1] || words[1] == u"%" || !quoted[2])
            continue; // not a general entity with a literal value (parameter and external entities included)
        const QString name = words[1].toString();
        if (entities->contains(name))
            continue; // the first declaration of a name binds (XML 1.0 §4.2)
        if (std::optional<QString> value = plainEntityValue(words[2]))
            entities->insert(name, *value);
    }
    return n;
}

// The entity reference at text[i] == '&', rewritten so that an XML parser accepts it and never expands
// anything the DTD could make dangerous: numeric references that name a legal character and the five XML
// entities stay (0x80–0x9F are read as windows-1252, as HTML does: "&#150;" means "–" in every real feed);
// a plain entity the internal subset declared becomes its text (within a budget for the whole document);
// HTML's named references become numeric ones; anything else, or a bare '&', becomes "&amp;".
qsizetype appendEntity(
    QString &out, const QString &text, qsizetype i, const DtdEntities &entities, qsizetype *expandedBudget)
{
    const qsizetype n = text.size();
    qsizetype j = i + 1;
    if (j < n && text.at(j) == u'#') {
        ++j;
        const bool hex = j < n && (text.at(j) == u'x' || text.at(j) == u'X');
        if (hex)
            ++j;
        const qsizetype digitsStart = j;
        auto isDigit = [hex](QChar d) {
            const char16_t u = d.unicode();
            return (u >= u'0' && u <= u'9') || (hex && ((u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F')));
        };
        while (j < n && j - digitsStart < 8 && isDigit(text.at(j)))
            ++j;
        if (j > digitsStart && j < n && text.at(j) == u';') {
            bool ok = false;
            const uint cp = QStringView(text).mid(digitsStart, j - digitsStart).toUInt(&ok, hex ? 16 : 10);
            if (ok && cp >= 0x80 && cp <= 0x9F) {
                const QString mapped = HtmlText::decodeEntities(QStringLiteral("&#%1;").arg(cp));
                out += QStringLiteral("&#%1;").arg(uint(mapped.at(0).unicode()));
                return j - i + 1;
            }
            if (ok && isXmlChar(cp)) {
                out += QStringView(text).mid(i, j - i + 1);
                return j - i + 1;
            }
        }
        out += QStringLiteral("&amp;");
        return 1;
    }
    const qsizetype nameStart = j;
    while (j < n && j - nameStart < 64 && isXmlNameChar(text.at(j)))
        ++j;
    if (j > nameStart && j < n && text.at(j) == u';') {
        const QStringView name = QStringView(text).mid(nameStart, j - nameStart);
        if (name == u"amp" || name == u"lt" || name == u"gt" || name == u"quot" || name == u"apos") {
            out += QStringView(text).mid(i, j - i + 1);
            return j - i + 1;
        }
        if (const auto declared = entities.constFind(name.toString()); declared != entities.constEnd()) {
            if (declared->size() <= *expandedBudget) {
                *expandedBudget -= declared->size();
                for (const QChar ch : *declared) {
                    if (ch == u'&')
                        out += QStringLiteral("&amp;");
                    else if (ch == u'<')
                        out += QStringLiteral("&lt;");
                    else if (ch == u'"')
                        out += QStringLiteral("&quot;");
                    else if (ch == u'\'') // the reference may stand in an attribute value in either quotes
                        out += QStringLiteral("&apos;");
                    else
                        out += ch;
                }
                return j - i + 1;
            }
        } else if (const QString decoded = HtmlText::namedEntity(name); !decoded.isEmpty()) {
            for (const char32_t cp : decoded.toUcs4())
                out += QStringLiteral("&#%1;").arg(uint(cp));
            return j - i + 1;
        }
    }
    out += QStringLiteral("&amp;");
    return 1;
}

// Makes real-world XML parseable without giving its DTD any power: comments are dropped (a comment may hold
// anything, "<!DOCTYPE" or "--" included), the DOCTYPE is removed after its plain entities are noted,
// entity references are repaired (appendEntity), and characters XML forbids (control characters, lone
// surrogates, U+FFFE/U+FFFF) are dropped. CDATA sections are copied as they are, apart from forbidden
// characters. Linear in the input.
QString sanitizeXml(const QString &text)
{
    QString out;
    out.reserve(text.size() + text.size() / 16);
    const qsizetype n = text.size();
    qsizetype i = 0;
    const QString cdataOpen = QStringLiteral("<![CDATA[");
    const QString doctype = QStringLiteral("<!DOCTYPE");
    DtdEntities entities;
    qsizetype expandedBudget = maxExpandedChars;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == u'<' && i + 1 < n && text.at(i + 1) == u'!') {
            if (QStringView(text).mid(i, cdataOpen.size()) == cdataOpen) {
                qsizetype end = text.indexOf(QStringLiteral("]]>"), i + cdataOpen.size());
                end = end < 0 ? n : end + 3;
                while (i < end)
                    i += appendXmlChar(out, text, i);
                continue;
            }
            if (QStringView(text).mid(i, 4) == u"<!--") {
                const qsizetype end = text.indexOf(QStringLiteral("-->"), i + 4);
                i = end < 0 ? n : end + 3;
                continue;
            }
            if (QStringView(text).mid(i, doctype.size()).compare(doctype, Qt::CaseInsensitive) == 0) {
                i = readDoctype(text, i, &entities);
                continue;
            }
        }
        if (c == u'&') {
            i += appendEntity(out, text, i, entities, &expandedBudget);
            continue;
        }
        i += appendXmlChar(out, text, i);
    }
    return out;
}

bool looksLikeHtml(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral(
            R"(^\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*){0,5}(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]))"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    return re.match(QStringView(text).left(8192)).hasMatch();
}

// A feed the page announces with <link rel="alternate" type="application/rss+xml" href="…">.
QString announcedFeed(const QString &html, const QUrl &pageUrl)
{
    static const QRegularExpression link(
        QStringLiteral(R"(<link\b[^>]{0,2000}>)"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression alternate(
        QStringLiteral(R"(\brel\s*=\s*["']?[^"'>]*\balternate\b)"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression feedType(
        QStringLiteral(R"(\btype\s*=\s*["']?application/(?:rss\+xml|atom\+xml|feed\+json|rdf\+xml))"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression href(QStringLiteral(R"re(\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))re"),
        QRegularExpression::CaseInsensitiveOption);
    auto it = link.globalMatch(QStringView(html).left(256 * 1024));
    while (it.hasNext()) {
        const QString tag = it.next().captured(0);
        if (!alternate.match(tag).hasMatch() || !feedType.match(tag).hasMatch())
            continue;
        const auto h = href.match(tag);
        if (!h.hasMatch())
            continue;
        const QString value = h.captured(1) + h.captured(2) + h.captured(3);
        const QString url = resolveUrl(pageUrl, HtmlText::decodeEntities(value, HtmlText::EntityContext::Attribute));
        if (!url.isEmpty())
            return url;
    }
    return {};
}

QString capped(QString s, int maxChars)
{
    if (maxChars <= 0 || s.size() <= maxChars)
        return s;
    qsizetype keep = qMax(0, maxChars - 1);
    if (keep > 0 && s.at(keep - 1).isHighSurrogate())
        --keep;
    s.truncate(keep);
    s += QChar(0x2026);
    return s;
}

} // namespace

QString FeedParsing::resolveUrl(const QUrl &base, const QString &href)
{
    const QString h = href.trimmed();
    if (h.isEmpty() || h.size() > 4000)
        return {};
    const QUrl relative(h, QUrl::TolerantMode);
    if (!relative.isValid())
        return {};
    const QUrl absolute = base.resolved(relative);
    const QString scheme = absolute.scheme().toLower();
    if ((scheme != u"http" && scheme != u"https") || absolute.host().isEmpty() || !absolute.isValid())
        return {};
    return absolute.toString();
}

QString FeedParsing::htmlToText(const QString &html, int maxChars)
{
    return capped(HtmlText::toPlainText(html), maxChars);
}

QString FeedParsing::plainText(const QString &text, int maxChars)
{
    // Whitespace runs within a line collapse; more than one empty line collapses to one.
    QString out;
    out.reserve(qMin<qsizetype>(text.size(), qsizetype(maxChars) + 1));
    bool pendingSpace = false;
    int newlines = 0;
    for (const QChar ch : text) {
        if (out.size() > maxChars)
            break;
        if (ch == u'\n') {
            pendingSpace = false;
            ++newlines;
            continue;
        }
        if (ch.isSpace()) {
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
        out += ch;
    }
    return capped(out, maxChars);
}

QString FeedParsing::htmlLine(const QString &html, int maxChars)
{
    return lineText(HtmlText::toPlainText(html.left(qsizetype(maxChars) * 4)), maxChars);
}

QString FeedParsing::nameText(const QString &text, int maxChars)
{
    return lineText(HtmlText::decodeEntities(text.left(qsizetype(maxChars) * 4)), maxChars);
}

QString FeedParsing::lineText(const QString &text, int maxChars)
{
    return capped(text.left(qsizetype(maxChars) * 4).simplified(), maxChars);
}

void FeedParsing::splitRssAuthor(const QString &raw, QString *name, QString *email)
{
    // Entities decoded but not read as HTML: "Jo <jo@example.com>" is an address, not a tag.
    const QString t = HtmlText::decodeEntities(raw.left(2000)).simplified();
    static const QString address = QStringLiteral(R"((?:mailto:)?([^\s()<>]+@[^\s()<>]+))");
    // "jo@example.com (Jo Smith)" (RSS 2.0), "Jo Smith (jo@example.com)", "Jo Smith <jo@example.com>".
    static const QRegularExpression emailThenName(u'^' + address + QStringLiteral(R"(\s*\((.*)\)$)"));
    static const QRegularExpression nameThenParenEmail(
        QStringLiteral(R"(^(.*?)\s*\(\s*)") + address + QStringLiteral(R"(\s*\)$)"));
    static const QRegularExpression nameThenEmail(
        QStringLiteral(R"(^(.*?)\s*<\s*)") + address + QStringLiteral(R"(\s*>$)"));
    static const QRegularExpression emailOnly(u'^' + address + u'$');
    QString foundName = t;
    if (const auto m = emailThenName.match(t); m.hasMatch()) {
        *email = m.captured(1);
        foundName = m.captured(2);
    } else if (const auto m2 = nameThenParenEmail.match(t); m2.hasMatch()) {
        foundName = m2.captured(1);
        *email = m2.captured(2);
    } else if (const auto m3 = nameThenEmail.match(t); m3.hasMatch()) {
        foundName = m3.captured(1);
        *email = m3.captured(2);
    } else if (const auto m4 = emailOnly.match(t); m4.hasMatch()) {
        *email = m4.captured(1);
        foundName.clear();
    }
    // What is left may still carry markup ("<b>Jo</b>"); the name is one line of plain text. Its entities are
    // decoded already, so an '&' left in it is text.
    *name = capped(HtmlText::toPlainText(foundName.replace(u'&', QStringLiteral("&amp;"))).simplified(), 500);
}

QString FeedParsing::displayUrl(const QUrl &url)
{
    // Private feed URLs carry tokens in the query or the user info: messages end up in the account's status
    // (stored) and in logs, so they name the address without them.
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

QString FeedParser::decode(const QByteArray &bytes, const QByteArray &contentTypeHeader)
{
    if (const auto bom = QStringConverter::encodingForData(bytes)) {
        QStringDecoder decoder(*bom);
        QString text = decoder(bytes);
        if (text.startsWith(QChar(0xFEFF)))
            text.remove(0, 1);
        return text;
    }
    QByteArray declared = charsetOf(contentTypeHeader);
    if (declared.isEmpty())
        declared = prologEncoding(bytes);
    declared = canonicalEncoding(declared);
    if (!declared.isEmpty()) {
        QStringDecoder decoder(declared.constData());
        if (decoder.isValid())
            return decoder(bytes);
    }
    QStringDecoder utf8(QStringDecoder::Utf8);
    QString text = utf8(bytes);
    if (!utf8.hasError() || !declared.isEmpty())
        return text;
    QStringDecoder legacy("windows-1252"); // undeclared and not UTF-8: what a browser would guess
    return legacy.isValid() ? legacy(bytes) : QString::fromLatin1(bytes);
}

Result<ParsedFeed> FeedParser::parse(const QByteArray &bytes, const QUrl &feedUrl, const QByteArray &contentTypeHeader)
{
    return parse(bytes, feedUrl, contentTypeHeader, Limits());
}

Result<ParsedFeed> FeedParser::parse(
    const QByteArray &bytes, const QUrl &feedUrl, const QByteArray &contentTypeHeader, const Limits &limits)
{
    const QString text = decode(bytes, contentTypeHeader);
    qsizetype first = 0;
    while (first < text.size() && (text.at(first).isSpace() || text.at(first) == QChar(0xFEFF)))
        ++first;
    if (first == text.size())
        return Error(Tr::tr("The server sent an empty document instead of the feed at %1.").arg(displayUrl(feedUrl)),
            Error::Code::Network);
    const QChar c = text.at(first);
    if (c == u'{' || c == u'[')
        return parseJson(text, feedUrl, limits);
    if (c != u'<')
        return Error(
            Tr::tr("%1 is not a feed: it is neither XML nor JSON.").arg(displayUrl(feedUrl)), Error::Code::Network);
    if (looksLikeHtml(text)) {
        const QString feed = announcedFeed(text, feedUrl);
        if (!feed.isEmpty())
            return Error(Tr::tr("%1 is a web page, not a feed. The page names a feed at %2: use that address "
                                "instead.")
                             .arg(displayUrl(feedUrl), feed),
                Error::Code::Network);
        return Error(Tr::tr("%1 is a web page, not a feed.").arg(displayUrl(feedUrl)), Error::Code::Network);
    }
    return parseXml(sanitizeXml(text), feedUrl, limits);
}
