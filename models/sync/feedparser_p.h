#pragma once

// Internals shared by the feed parser's files (feedparser.cpp, feedxmlreader.cpp, feedjsonreader.cpp).

#include "sync/feedparser.h"

#include <QCoreApplication>

namespace FeedParsing {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(FeedParser)
};

// `href` resolved against `base`; empty unless the result is an absolute http(s) URL (no javascript:,
// data: or file: links reach the user).
QString resolveUrl(const QUrl &base, const QString &href);
// HTML (or text with entities) → plain text, at most `maxChars` characters (an ellipsis marks a cut).
QString htmlToText(const QString &html, int maxChars);
// Text that is plain already: whitespace collapsed per line, trimmed, capped.
QString plainText(const QString &text, int maxChars);
// One line of plain text (titles, names): any markup and entities removed, whitespace collapsed, capped.
QString lineText(const QString &text, int maxChars);
// A person's name given as plain text (Atom <name>, JSON Feed author name) → lineText, with character
// references decoded: producers escape names twice ("Fran&amp;ccedil;ois") and no real name contains one.
QString nameText(const QString &text, int maxChars);
// HTML that should be one line (RSS titles, often entity-escaped HTML) → lineText.
QString htmlLine(const QString &html, int maxChars);
// RSS <author>: "jo@example.com (Jo Smith)" → name and email.
void splitRssAuthor(const QString &raw, QString *name, QString *email);
// The feed URL for messages and logs: without user info, query or fragment (where private feeds keep tokens).
QString displayUrl(const QUrl &url);

Result<ParsedFeed> parseXml(const QString &text, const QUrl &feedUrl, const FeedParser::Limits &limits);
Result<ParsedFeed> parseJson(const QString &text, const QUrl &feedUrl, const FeedParser::Limits &limits);

} // namespace FeedParsing
