// RSS 2.0/0.9x, RSS 1.0 (RDF), Atom 1.0 and 0.3 with QXmlStreamReader. See FeedParser for the rules.

#include "sync/feeddate.h"
#include "sync/feedparser_p.h"

#include <QStringDecoder>
#include <QXmlStreamReader>

#include <algorithm>
#include <iterator>

using namespace FeedParsing;

namespace {

const QString nsAtom = QStringLiteral("http://www.w3.org/2005/Atom");
const QString nsAtom03 = QStringLiteral("http://purl.org/atom/ns#");
const QString nsRdf = QStringLiteral("http://www.w3.org/1999/02/22-rdf-syntax-ns#");
const QString nsRss1 = QStringLiteral("http://purl.org/rss/1.0/");
const QString nsRss090 = QStringLiteral("http://my.netscape.com/rdf/simple/0.9/");
const QString nsDc = QStringLiteral("http://purl.org/dc/elements/1.1/");
const QString nsDcTerms = QStringLiteral("http://purl.org/dc/terms/");
const QString nsXhtml = QStringLiteral("http://www.w3.org/1999/xhtml");
// RSS 2.0 has no namespace, but UserLand's own feeds and some others put one on <rss>.
const QString nsRssUserland = QStringLiteral("http://backend.userland.com/rss2");
const QString nsRssUserlandOld = QStringLiteral("http://backend.userland.com/rss");
const QString nsRss2Purl = QStringLiteral("http://purl.org/rss/2.0/");
const QString nsContent = QStringLiteral("http://purl.org/rss/1.0/modules/content/");
const QString nsXml = QStringLiteral("http://www.w3.org/XML/1998/namespace");

// Atom 1.0, 0.3 and the drafts between ("http://purl.org/atom/ns#draft-ietf-atompub-format-…").
bool isAtomNs(QStringView ns)
{
    return ns == nsAtom || ns.startsWith(nsAtom03);
}

bool isRss2Ns(QStringView ns)
{
    return ns.isEmpty() || ns == nsRssUserland || ns == nsRssUserlandOld || ns == nsRss2Purl;
}

// The text of base64 content (RFC 4287 §4.1.3.3, Atom 0.3 mode="base64") if it is UTF-8 text; empty for
// anything binary (an image, a PDF: nothing to show as text) or not base64 at all.
QString base64Text(const QString &raw)
{
    QByteArray encoded = raw.toLatin1();
    encoded.replace(' ', "").replace('\n', "").replace('\r', "").replace('\t', "");
    const auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return {};
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8(*decoded);
    if (utf8.hasError())
        return {};
    for (const QChar c : text) {
        if (c.unicode() < 0x20 && c != u'\n' && c != u'\r' && c != u'\t')
            return {};
    }
    return text;
}

class XmlFeedReader
{
public:
    XmlFeedReader(const QString &text, const QUrl &feedUrl, const FeedParser::Limits &limits)
        : m_xml(text)
        , m_feedUrl(feedUrl)
        , m_limits(limits)
    {
        m_xml.setNamespaceProcessing(true);
    }

    Result<ParsedFeed> run();

private:
    enum class TextKind { Text, Html, Xhtml };

    // The element's key: its local name, prefixed for the extension namespaces we read.
    QString key() const;
    QUrl baseFor(const QUrl &parent) const;
    // Reads the current element to its end: its character data, or (xhtml) its children as markup.
    QString readRaw(bool asMarkup);
    // An Atom text construct (title, summary, rights) or content → plain text, by its type (and mode in 0.3).
    QString readAtomText(int maxChars);
    bool entriesFull();
    void addEntry(FeedEntry entry);

    void readRss(const QUrl &base);
    void readRssChannel(const QUrl &base);
    void readRssItem(const QUrl &base);
    void readRdf(const QUrl &base);
    void readAtomFeed(const QUrl &base);
    void readAtomEntry(const QUrl &base);
    void readAtomPerson(const QUrl &base, QString *name, QString *email, QString *uri);
    // An Atom link: keeps the first rel="alternate" (or rel-less) href, preferring text/html.
    void readAtomLink(const QUrl &base, QString *url, bool *urlIsHtml);

    QXmlStreamReader m_xml;
    QUrl m_feedUrl;
    FeedParser::Limits m_limits;
    ParsedFeed m_feed;
    bool m_stopped = false;
};

QString XmlFeedReader::key() const
{
    const QStringView ns = m_xml.namespaceUri();
    const QString name = m_xml.name().toString();
    if (ns == nsDc)
        return QStringLiteral("dc:") + name;
    if (ns == nsDcTerms)
        return QStringLiteral("dcterms:") + name;
    if (ns == nsXhtml)
        return QStringLiteral("xhtml:") + name;
    if (ns == nsContent)
        return QStringLiteral("content:") + name;
    if (ns == nsRdf)
        return QStringLiteral("rdf:") + name;
    if (isAtomNs(ns) && m_feed.format != ParsedFeed::Format::Atom)
        return QStringLiteral("atom:") + name;
    if (isRss2Ns(ns) || ns == nsRss1 || ns == nsRss090 || isAtomNs(ns))
        return name;
    return ns.toString() + u' ' + name; // some other extension: never matches
}

QUrl XmlFeedReader::baseFor(const QUrl &parent) const
{
    const QStringView xmlBase = m_xml.attributes().value(nsXml, QStringLiteral("base"));
    if (xmlBase.isEmpty())
        return parent;
    return parent.resolved(QUrl(xmlBase.trimmed().toString()));
}

QString XmlFeedReader::readRaw(bool asMarkup)
{
    QString out;
    int depth = 1;
    const qsizetype cap = m_limits.maxRawChars;
    auto append = [&](QStringView s) {
        if (out.size() < cap)
            out += s.left(cap - out.size());
    };
    while (depth > 0 && !m_xml.atEnd()) {
        switch (m_xml.readNext()) {
        case QXmlStreamReader::Characters:
        case QXmlStreamReader::EntityReference:
            if (asMarkup) {
                QString escaped = m_xml.text().left(cap).toString();
                escaped.replace(u'&', QStringLiteral("&amp;")).replace(u'<', QStringLiteral("&lt;"));
                append(escaped);
            } else {
                append(m_xml.text());
            }
            break;
        case QXmlStreamReader::StartElement:
            ++depth;
            if (asMarkup)
                append(QString(QStringLiteral("<") + m_xml.name() + u'>'));
            break;
        case QXmlStreamReader::EndElement:
            --depth;
            if (asMarkup && depth > 0)
                append(QString(QStringLiteral("</") + m_xml.name() + u'>'));
            break;
        default:
            break;
        }
    }
    return out;
}

QString XmlFeedReader::readAtomText(int maxChars)
{
    const QXmlStreamAttributes attributes = m_xml.attributes();
    // A media type may carry parameters ("text/html; charset=utf-8"); Atom 0.3 always uses media types.
    const QString type = attributes.value(QStringLiteral("type")).toString().section(u';', 0, 0).trimmed().toLower();
    const QString mode = attributes.value(QStringLiteral("mode")).trimmed().toString().toLower(); // Atom 0.3
    enum class Kind { Text, Html, Xhtml, Xml, Base64 };
    Kind kind = Kind::Base64; // RFC 4287 §4.1.3.3: any other media type is base64-encoded
    if (type.isEmpty() || type == u"text" || type.startsWith(u"text/"))
        kind = type == u"text/html" ? Kind::Html : Kind::Text;
    else if (type == u"html")
        kind = Kind::Html;
    else if (type == u"xhtml" || type == u"application/xhtml+xml")
        kind = Kind::Xhtml;
    else if (type.endsWith(u"+xml") || type.endsWith(u"/xml"))
        kind = Kind::Xml;

    if (mode == u"base64" || (mode.isEmpty() && kind == Kind::Base64)) {
        const QString text = base64Text(readRaw(false).left(m_limits.maxRawChars));
        return kind == Kind::Html || kind == Kind::Xhtml ? htmlToText(text, maxChars) : plainText(text, maxChars);
    }
    if (mode == u"escaped") // Atom 0.3: the markup is escaped character data
        return kind == Kind::Html || kind == Kind::Xhtml ? htmlToText(readRaw(false), maxChars)
                                                         : plainText(readRaw(false), maxChars);
    switch (kind) {
    case Kind::Xhtml:
        return htmlToText(readRaw(true), maxChars);
    case Kind::Html:
        return htmlToText(readRaw(false), maxChars);
    case Kind::Xml: // XML of some other kind: its character data
    case Kind::Base64: // mode="xml" with a binary type: nothing sensible, so the character data
    case Kind::Text:
        break;
    }
    return plainText(readRaw(false), maxChars); // "text" or absent (RFC 4287 §3.1.1)
}

bool XmlFeedReader::entriesFull()
{
    if (m_feed.entries.size() < m_limits.maxEntries)
        return false;
    if (!m_feed.capped) {
        m_feed.capped = true;
        m_feed.warnings
            << Tr::tr("The feed has more than %L1 items; only the first %L1 were read.").arg(m_limits.maxEntries);
    }
    m_stopped = true;
    return true;
}

void XmlFeedReader::addEntry(FeedEntry entry)
{
    if (m_xml.hasError() || entriesFull()) // an item cut short is not kept
        return;
    m_feed.entries.append(std::move(entry));
}

// --- RSS 2.0 / 0.9x ---

void XmlFeedReader::readRss(const QUrl &base)
{
    while (!m_stopped && m_xml.readNextStartElement()) {
        const QUrl here = baseFor(base);
        const QString k = key();
        if (k == u"channel")
            readRssChannel(here);
        else if (k == u"item") // RSS 0.9x sometimes puts items beside the channel
            readRssItem(here);
        else
            m_xml.skipCurrentElement();
    }
}

void XmlFeedReader::readRssChannel(const QUrl &base)
{
    QString editor;
    QString creator;
    while (!m_stopped && m_xml.readNextStartElement()) {
        const QUrl here = baseFor(base);
        const QString k = key();
        if (k == u"item") {
            readRssItem(here);
        } else if ((k == u"title" || k == u"dc:title") && m_feed.title.isEmpty()) {
            m_feed.title = htmlLine(readRaw(false), m_limits.maxTitleChars);
        } else if (k == u"link" && m_feed.siteUrl.isEmpty()) {
            m_feed.siteUrl = resolveUrl(here, readRaw(false));
        } else if (k == u"managingEditor" || k == u"author") {
            QString email;
            splitRssAuthor(readRaw(false), &editor, &email);
            if (editor.isEmpty())
                editor = email;
        } else if (k == u"dc:creator" || k == u"dc:publisher") {
            if (creator.isEmpty()) {
                QString email;
                splitRssAuthor(readRaw(false), &creator, &email);
                if (creator.isEmpty())
                    creator = email;
            } else {
                m_xml.skipCurrentElement();
            }
        } else {
            m_xml.skipCurrentElement();
        }
    }
    m_feed.author = creator.isEmpty() ? editor : creator;
}

void XmlFeedReader::readRssItem(const QUrl &base)
{
    if (entriesFull()) {
        m_xml.skipCurrentElement();
        return;
    }
    FeedEntry e;
    QString guid;
    bool guidIsPermaLink = false;
    QString dcTitle;
    QString description;
    QString dcDescription;
    QString encoded;
    QString xhtmlBody;
    QString atomLink;
    bool atomLinkIsHtml = false;
    // In this order of preference: pubDate, dc:date, dcterms:issued, dcterms:created, dcterms:modified.
    static const QStringView dateKeys[]
        = { u"pubDate", u"dc:date", u"dcterms:issued", u"dcterms:created", u"dcterms:modified" };
    QDateTime dates[std::size(dateKeys)];
    const QString about = m_xml.attributes().value(nsRdf, QStringLiteral("about")).trimmed().toString();
    QUrl linkBase = base;
    while (m_xml.readNextStartElement()) {
        const QUrl here = baseFor(base);
        const QString k = key();
        if (k == u"title" && e.title.isEmpty()) {
            e.title = htmlLine(readRaw(false), m_limits.maxTitleChars);
        } else if (k == u"link" && e.url.isEmpty()) {
            e.url = resolveUrl(here, readRaw(false));
        } else if (k == u"guid") {
            const QStringView perma = m_xml.attributes().value(QStringLiteral("isPermaLink")).trimmed();
            guidIsPermaLink = perma.isEmpty() || perma.compare(u"true", Qt::CaseInsensitive) == 0;
            linkBase = here;
            guid = readRaw(false).trimmed().left(2000);
        } else if (k == u"dc:title" && dcTitle.isEmpty()) {
            dcTitle = htmlLine(readRaw(false), m_limits.maxTitleChars);
        } else if (k == u"description") {
            description = readRaw(false);
        } else if (k == u"dc:description") {
            dcDescription = readRaw(false);
        } else if (k == u"content:encoded") {
            encoded = readRaw(false);
        } else if (k == u"xhtml:body") {
            xhtmlBody = readRaw(true);
        } else if (const auto date = std::find(std::begin(dateKeys), std::end(dateKeys), k);
                   date != std::end(dateKeys)) {
            QDateTime &slot = dates[date - std::begin(dateKeys)];
            const QDateTime parsed = FeedDate::parse(readRaw(false));
            if (!slot.isValid())
                slot = parsed;
        } else if (k == u"author") {
            QString name;
            QString email;
            splitRssAuthor(readRaw(false), &name, &email);
            if (!name.isEmpty())
                e.authorName = name;
            if (!email.isEmpty())
                e.authorEmail = email;
        } else if (k == u"dc:creator" && e.authorName.isEmpty()) {
            QString email;
            splitRssAuthor(readRaw(false), &e.authorName, &email);
            if (e.authorEmail.isEmpty())
                e.authorEmail = email;
        } else if (k == u"atom:link") {
            readAtomLink(here, &atomLink, &atomLinkIsHtml);
        } else {
            m_xml.skipCurrentElement();
        }
    }
    e.id = guid.isEmpty() ? about.left(2000) : guid;
    if (e.url.isEmpty())
        e.url = atomLink;
    if (e.url.isEmpty() && guidIsPermaLink)
        e.url = resolveUrl(linkBase, guid);
    if (e.url.isEmpty() && !about.isEmpty())
        e.url = resolveUrl(base, about);
    if (e.title.isEmpty())
        e.title = dcTitle;
    for (const QDateTime &date : dates) {
        if (date.isValid()) {
            e.published = date;
            break;
        }
    }
    // The RSS element first; the Dublin Core and XHTML ones stand in where it is missing.
    QString summary = description;
    for (const QString *other : { &dcDescription, &encoded, &xhtmlBody }) {
        if (summary.trimmed().isEmpty())
            summary = *other;
    }
    e.summaryText = htmlToText(summary, m_limits.maxSummaryChars);
    addEntry(std::move(e));
}

// --- RSS 1.0 / 0.90 (RDF): channel and items are siblings under rdf:RDF ---

void XmlFeedReader::readRdf(const QUrl &base)
{
    while (!m_stopped && m_xml.readNextStartElement()) {
        const QUrl here = baseFor(base);
        const QString k = key();
        if (k == u"channel")
            readRssChannel(here);
        else if (k == u"item")
            readRssItem(here);
        else
            m_xml.skipCurrentElement();
    }
}

// --- Atom 1.0 (RFC 4287) ---

void XmlFeedReader::readAtomLink(const QUrl &base, QString *url, bool *urlIsHtml)
{
    const QXmlStreamAttributes a = m_xml.attributes();
    const QString rel = a.value(QStringLiteral("rel")).trimmed().toString();
    const QString type = a.value(QStringLiteral("type")).trimmed().toString();
    const QString href = a.value(QStringLiteral("href")).toString();
    m_xml.skipCurrentElement();
    if (!rel.isEmpty() && rel != u"alternate" && rel != u"http://www.iana.org/assignments/relation/alternate")
        return;
    const bool isHtml = type.isEmpty() || type.startsWith(u"text/html") || type.contains(u"xhtml");
    if (!url->isEmpty() && (*urlIsHtml || !isHtml))
        return;
    const QString resolved = resolveUrl(base, href);
    if (resolved.isEmpty())
        return;
    *url = resolved;
    *urlIsHtml = isHtml;
}

void XmlFeedReader::readAtomPerson(const QUrl &base, QString *name, QString *email, QString *uri)
{
    while (m_xml.readNextStartElement()) {
        const QUrl here = baseFor(base);
        const QString k = key();
        if (k == u"name")
            *name = nameText(readRaw(false), m_limits.maxTitleChars);
        else if (k == u"email" && email)
            *email = lineText(readRaw(false), m_limits.maxTitleChars);
        else if ((k == u"uri" || k == u"url") && uri) // url: Atom 0.3
            *uri = resolveUrl(here, readRaw(false));
        else
            m_xml.skipCurrentElement();
    }
}

void XmlFeedReader::readAtomFeed(const QUrl &base)
{
    bool siteIsHtml = false;
    while (!m_stopped && m_xml.readNextStartElement()) {
        const QUrl here = baseFor(base);
        const QString k = key();
        if (k == u"entry") {
            readAtomEntry(here);
        } else if (k == u"title" && m_feed.title.isEmpty()) {
            m_feed.title = lineText(readAtomText(m_limits.maxTitleChars), m_limits.maxTitleChars);
        } else if (k == u"link") {
            readAtomLink(here, &m_feed.siteUrl, &siteIsHtml);
        } else if (k == u"author" && m_feed.author.isEmpty()) {
            readAtomPerson(here, &m_feed.author, nullptr, nullptr);
        } else {
            m_xml.skipCurrentElement();
        }
    }
}

void XmlFeedReader::readAtomEntry(const QUrl &base)
{
    if (entriesFull()) {
        m_xml.skipCurrentElement();
        return;
    }
    FeedEntry e;
    bool urlIsHtml = false;
    QString summary;
    QString content;
    // In this order of preference; issued, created and modified are Atom 0.3's.
    static const QStringView dateKeys[] = { u"published", u"issued", u"created", u"updated", u"modified", u"dc:date",
        u"dcterms:issued", u"dcterms:created", u"dcterms:modified" };
    QDateTime dates[std::size(dateKeys)];
    while (m_xml.readNextStartElement()) {
        const QUrl here = baseFor(base);
        const QString k = key();
        if (k == u"id") {
            e.id = readRaw(false).trimmed().left(2000);
        } else if (k == u"title" && e.title.isEmpty()) {
            e.title = lineText(readAtomText(m_limits.maxTitleChars), m_limits.maxTitleChars);
        } else if (k == u"link") {
            readAtomLink(here, &e.url, &urlIsHtml);
        } else if (k == u"summary") {
            summary = readAtomText(m_limits.maxSummaryChars);
        } else if (k == u"content") {
            if (m_xml.attributes().hasAttribute(QStringLiteral("src")))
                m_xml.skipCurrentElement(); // out-of-line content: nothing to show
            else
                content = readAtomText(m_limits.maxSummaryChars);
        } else if (const auto date = std::find(std::begin(dateKeys), std::end(dateKeys), k);
                   date != std::end(dateKeys)) {
            QDateTime &slot = dates[date - std::begin(dateKeys)];
            const QDateTime parsed = FeedDate::parse(readRaw(false));
            if (!slot.isValid())
                slot = parsed;
        } else if (k == u"author" && e.authorName.isEmpty()) {
            readAtomPerson(here, &e.authorName, &e.authorEmail, &e.authorUri);
        } else {
            m_xml.skipCurrentElement();
        }
    }
    for (const QDateTime &date : dates) {
        if (date.isValid()) {
            e.published = date;
            break;
        }
    }
    e.summaryText = summary.isEmpty() ? content : summary;
    addEntry(std::move(e));
}

Result<ParsedFeed> XmlFeedReader::run()
{
    const QUrl base = m_feedUrl;
    if (m_xml.readNextStartElement()) {
        const QUrl here = baseFor(base);
        const QStringView name = m_xml.name();
        const QStringView ns = m_xml.namespaceUri();
        if (name == u"rss" && isRss2Ns(ns)) {
            m_feed.format = ParsedFeed::Format::Rss2;
            readRss(here);
        } else if (name == u"RDF" && ns == nsRdf) {
            m_feed.format = ParsedFeed::Format::Rss1;
            readRdf(here);
        } else if (name == u"feed" && (isAtomNs(ns) || ns.isEmpty())) { // Atom without a namespace: seen
            m_feed.format = ParsedFeed::Format::Atom;
            readAtomFeed(here);
        } else if (name.compare(u"html", Qt::CaseInsensitive) == 0) {
            return Error(Tr::tr("%1 is a web page, not a feed.").arg(displayUrl(m_feedUrl)), Error::Code::Network);
        } else {
            return Error(Tr::tr("%1 is an XML document but not a feed (it starts with <%2>).")
                             .arg(displayUrl(m_feedUrl), m_xml.qualifiedName().left(40).toString()),
                Error::Code::Network);
        }
    }
    if (m_xml.hasError() && !m_stopped) {
        const QString where = Tr::tr("line %1").arg(m_xml.lineNumber());
        if (m_feed.entries.isEmpty()) {
            if (m_xml.error() == QXmlStreamReader::PrematureEndOfDocumentError)
                return Error(Tr::tr("The feed at %1 ended before its first complete item (the download was cut "
                                    "short, or the server sent an incomplete file).")
                                 .arg(displayUrl(m_feedUrl)),
                    Error::Code::Network);
            return Error(Tr::tr("The feed at %1 cannot be read: %2 (%3).")
                             .arg(displayUrl(m_feedUrl), m_xml.errorString(), where),
                Error::Code::Network);
        }
        m_feed.truncated = true;
        m_feed.warnings << (m_feed.entries.size() == 1
                ? Tr::tr("The feed breaks off at %1 (%2); the one complete item before that was read.")
                      .arg(where, m_xml.errorString())
                : Tr::tr("The feed breaks off at %1 (%2); the %L3 complete items before that were read.")
                      .arg(where, m_xml.errorString())
                      .arg(m_feed.entries.size()));
    }
    return std::move(m_feed);
}

} // namespace

Result<ParsedFeed> FeedParsing::parseXml(const QString &text, const QUrl &feedUrl, const FeedParser::Limits &limits)
{
    XmlFeedReader reader(text, feedUrl, limits);
    return reader.run();
}
