// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/) with QJsonDocument.

#include "sync/feeddate.h"
#include "sync/feedparser_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace FeedParsing;

namespace {

QString jsonString(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble()) // ids are strings by the spec, but numbers are seen in the wild
        return QString::number(v.toDouble(), 'g', 17);
    return {};
}

// 1.1 "authors": [{name, url}], 1.0 "author": {name, url}.
void readAuthor(const QJsonObject &o, const QUrl &base, const FeedParser::Limits &limits, QString *name, QString *uri)
{
    QJsonObject author = o.value(QStringLiteral("author")).toObject();
    const QJsonArray authors = o.value(QStringLiteral("authors")).toArray();
    if (!authors.isEmpty())
        author = authors.first().toObject();
    *name = nameText(jsonString(author.value(QStringLiteral("name"))), limits.maxTitleChars);
    if (uri)
        *uri = resolveUrl(base, jsonString(author.value(QStringLiteral("url"))));
}

} // namespace

Result<ParsedFeed> FeedParsing::parseJson(const QString &text, const QUrl &feedUrl, const FeedParser::Limits &limits)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (doc.isNull()) {
        return Error(Tr::tr("The feed at %1 is not valid JSON: %2 (at character %L3).")
                         .arg(displayUrl(feedUrl), error.errorString())
                         .arg(error.offset),
            Error::Code::Network);
    }
    const QJsonObject root = doc.object();
    const QString version = root.value(QStringLiteral("version")).toString();
    const QJsonValue items = root.value(QStringLiteral("items"));
    if (!version.startsWith(u"https://jsonfeed.org/version/") && !items.isArray())
        return Error(Tr::tr("%1 sends JSON, but not a JSON Feed.").arg(displayUrl(feedUrl)), Error::Code::Network);

    ParsedFeed feed;
    feed.format = ParsedFeed::Format::JsonFeed;
    feed.title = lineText(jsonString(root.value(QStringLiteral("title"))), limits.maxTitleChars);
    feed.siteUrl = resolveUrl(feedUrl, jsonString(root.value(QStringLiteral("home_page_url"))));
    readAuthor(root, feedUrl, limits, &feed.author, nullptr);

    const QJsonArray list = items.toArray();
    for (const QJsonValue &value : list) {
        if (feed.entries.size() >= limits.maxEntries) {
            feed.capped = true;
            feed.warnings
                << Tr::tr("The feed has more than %L1 items; only the first %L1 were read.").arg(limits.maxEntries);
            break;
        }
        const QJsonObject o = value.toObject();
        if (o.isEmpty())
            continue;
        FeedEntry e;
        e.id = jsonString(o.value(QStringLiteral("id"))).trimmed().left(2000);
        e.title = lineText(jsonString(o.value(QStringLiteral("title"))), limits.maxTitleChars);
        e.url = resolveUrl(feedUrl, jsonString(o.value(QStringLiteral("url"))));
        if (e.url.isEmpty())
            e.url = resolveUrl(feedUrl, jsonString(o.value(QStringLiteral("external_url"))));
        const QString summary = jsonString(o.value(QStringLiteral("summary")));
        const QString contentText = jsonString(o.value(QStringLiteral("content_text")));
        if (!summary.trimmed().isEmpty())
            e.summaryText = plainText(summary, limits.maxSummaryChars);
        else if (!contentText.trimmed().isEmpty())
            e.summaryText = plainText(contentText, limits.maxSummaryChars);
        else
            e.summaryText = htmlToText(
                jsonString(o.value(QStringLiteral("content_html"))).left(limits.maxRawChars), limits.maxSummaryChars);
        e.published = FeedDate::parse(jsonString(o.value(QStringLiteral("date_published"))));
        if (!e.published.isValid())
            e.published = FeedDate::parse(jsonString(o.value(QStringLiteral("date_modified"))));
        readAuthor(o, feedUrl, limits, &e.authorName, &e.authorUri);
        feed.entries.append(std::move(e));
    }
    return feed;
}
