#include "sync/feedparser.h"

#include "sync/feedparser_p.h"
#include "sync/htmltext.h"

#include <QRegularExpression>
#include <QStringDecoder>

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

// The entity reference at text[i] == '&', rewritten so that an XML parser accepts it and never expands
// anything a DTD declared: numeric references that name a legal character and the five XML entities stay;
// known HTML entities become numeric references; anything else, or a bare '&', becomes "&amp;".
qsizetype appendEntity(QString &out, const QString &text, qsizetype i)
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
            if (ok && isXmlChar(cp)) {
                out += QStringView(text).mid(i, j - i + 1);
                return j - i + 1;
            }
        }
        out += QStringLiteral("&amp;");
        return 1;
    }
    const qsizetype nameStart = j;
    while (j < n && j - nameStart < 32 && text.at(j).unicode() < 0x80
        && (text.at(j).isLetterOrNumber() || text.at(j) == u'_'))
        ++j;
    if (j > nameStart && j < n && text.at(j) == u';') {
        const QStringView name = QStringView(text).mid(nameStart, j - nameStart);
        if (name == u"amp" || name == u"lt" || name == u"gt" || name == u"quot" || name == u"apos") {
            out += QStringView(text).mid(i, j - i + 1);
            return j - i + 1;
        }
        const QString reference = QStringView(text).mid(i, j - i + 1).toString();
        const QString decoded = HtmlText::decodeEntities(reference);
        if (decoded != reference && !decoded.isEmpty()) {
            const char32_t cp = decoded.toUcs4().value(0);
            if (isXmlChar(cp)) {
                out += QStringLiteral("&#%1;").arg(uint(cp));
                return j - i + 1;
            }
        }
    }
    out += QStringLiteral("&amp;");
    return 1;
}

// Makes real-world XML parseable without giving its DTD any power: the DOCTYPE (with any internal subset and
// its entity declarations) is removed, entity references are repaired (appendEntity), and characters XML
// forbids (control characters, lone surrogates, U+FFFE/U+FFFF) are dropped. CDATA sections are copied as they
// are, apart from forbidden characters. Linear in the input.
QString sanitizeXml(const QString &text)
{
    QString out;
    out.reserve(text.size() + text.size() / 16);
    const qsizetype n = text.size();
    qsizetype i = 0;
    const QString cdataOpen = QStringLiteral("<![CDATA[");
    const QString doctype = QStringLiteral("<!DOCTYPE");
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
            if (QStringView(text).mid(i, doctype.size()).compare(doctype, Qt::CaseInsensitive) == 0) {
                int depth = 0;
                for (i += doctype.size(); i < n; ++i) {
                    const QChar d = text.at(i);
                    if (d == u'[')
                        ++depth;
                    else if (d == u']')
                        depth = qMax(0, depth - 1);
                    else if (d == u'>' && depth == 0)
                        break;
                }
                ++i;
                continue;
            }
        }
        if (c == u'&') {
            i += appendEntity(out, text, i);
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
        const QString url = resolveUrl(pageUrl, HtmlText::decodeEntities(value));
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

QString FeedParsing::lineText(const QString &text, int maxChars)
{
    return capped(text.left(qsizetype(maxChars) * 4).simplified(), maxChars);
}

void FeedParsing::splitRssAuthor(const QString &raw, QString *name, QString *email)
{
    const QString t = HtmlText::toPlainText(raw.left(2000)).simplified();
    static const QRegularExpression emailThenName(QStringLiteral(R"(^([^\s()<>]+@[^\s()<>]+)\s*\((.*)\)$)"));
    static const QRegularExpression nameThenEmail(QStringLiteral(R"(^(.*?)\s*<([^\s<>]+@[^\s<>]+)>$)"));
    if (const auto m = emailThenName.match(t); m.hasMatch()) {
        *email = m.captured(1);
        *name = m.captured(2).simplified();
    } else if (const auto m2 = nameThenEmail.match(t); m2.hasMatch()) {
        *name = m2.captured(1);
        *email = m2.captured(2);
    } else if (t.contains(u'@') && !t.contains(u' ')) {
        *email = t;
    } else {
        *name = capped(t, 500);
    }
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
