#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

// One item of a feed, in plain text with absolute URLs.
struct FeedEntry
{
    QString id; // guid / atom:id / rdf:about / JSON id, as written; may be empty
    QString title; // plain text
    QString url; // absolute http(s) URL of the item's web page, or empty
    QString summaryText; // plain text of the summary (or of the content when there is no summary)
    QDateTime published; // UTC; invalid if the feed gave none or it could not be read
    QString authorName;
    QString authorEmail;
    QString authorUri; // absolute
};

struct ParsedFeed
{
    enum class Format { Rss2, Rss1, Atom, JsonFeed };

    Format format = Format::Rss2;
    QString title; // plain text
    QString siteUrl; // absolute; the web site the feed belongs to
    QString author; // the feed's author or managing editor, if given
    QList<FeedEntry> entries; // in document order (usually newest first)
    // Set when the document ended early or broke off (a cut download): `entries` holds every item read
    // completely before that point. A caller should keep them but not remember the ETag.
    bool truncated = false;
    bool capped = false; // more than Limits::maxEntries items: the rest were dropped
    QStringList warnings; // in words, for the log and the account's status line
};

// Reads RSS 2.0 (and 0.9x), RSS 1.0 (RDF), Atom 1.0 and JSON Feed 1.0/1.1 into ParsedFeed. Pure: bytes and
// the URL they came from in, items out; no network, no database, safe to call from any thread.
//
// The format is recognised by content, never by the Content-Type (servers get it wrong). The character set
// is, in order: a byte-order mark, the charset of the Content-Type, the XML declaration, else UTF-8 — or
// windows-1252 when nothing was declared and the bytes are not UTF-8. ISO-8859-1 is read as windows-1252
// (what browsers do; real "Latin-1" feeds carry € and curly quotes in 0x80–0x9F).
//
// Lenient where real feeds are broken: HTML entities (&nbsp; &eacute;) in XML, a bare '&', and control
// characters are repaired before parsing; entities declared in a DTD are never expanded (no "billion
// laughs"), external ones are never fetched. Relative links are resolved against nested xml:base and the
// feed URL. A document that breaks off yields the complete items before the break (truncated = true), or an
// Error when there are none. An HTML page is an Error naming the feed it links to, if any.
class FeedParser
{
public:
    struct Limits
    {
        int maxEntries = 5000;
        int maxTitleChars = 1000;
        int maxSummaryChars = 10000; // plain text kept per item
        int maxRawChars = 512 * 1024; // markup read per field before conversion to text
    };

    static Result<ParsedFeed> parse(
        const QByteArray &bytes, const QUrl &feedUrl, const QByteArray &contentTypeHeader = {});
    static Result<ParsedFeed> parse(
        const QByteArray &bytes, const QUrl &feedUrl, const QByteArray &contentTypeHeader, const Limits &limits);

    // The text of `bytes` per the rules above (public for tests).
    static QString decode(const QByteArray &bytes, const QByteArray &contentTypeHeader);
};
