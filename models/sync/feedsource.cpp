#include "sync/feedsource.h"

#include "core/logging.h"
#include "domain/validation.h"
#include "storage/syncrepository.h"
#include "sync/sources.h"

#include <QCoreApplication>
#include <QCryptographicHash>

namespace {

constexpr qint64 kClockSkewSeconds = 3600;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(FeedSource)
};

QString feedHandle(const QString &url)
{
    Result<QString> normalized = Validation::normalizeHandle(QStringLiteral("feed"), url);
    return normalized ? *normalized : url.trimmed();
}

// Without user info, query or fragment: private feeds keep their tokens there, and messages are stored in
// the account's status and logged.
QString displayUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

QString reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("Bad Request");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("Not Found");
    case 405:
        return QStringLiteral("Method Not Allowed");
    case 406:
        return QStringLiteral("Not Acceptable");
    case 408:
        return QStringLiteral("Request Timeout");
    case 410:
        return QStringLiteral("Gone");
    case 451:
        return QStringLiteral("Unavailable For Legal Reasons");
    case 500:
        return QStringLiteral("Internal Server Error");
    case 502:
        return QStringLiteral("Bad Gateway");
    case 503:
        return QStringLiteral("Service Unavailable");
    case 504:
        return QStringLiteral("Gateway Timeout");
    default:
        return {};
    }
}

// GET the feed (conditionally when `cursor` has validators) and turn any answer other than 200 or 304 into
// an Error in words.
Result<HttpResponse> fetch(SyncContext &ctx, const QUrl &url, const SyncCursor &cursor)
{
    HttpRequest request;
    request.url = url;
    auto header = [&request](const char *name, const QByteArray &value) {
        request.headers.append(qMakePair(QByteArray(name), value));
    };
    header("Accept",
        QByteArrayLiteral("application/atom+xml, application/rss+xml, application/feed+json, "
                          "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, "
                          "application/json;q=0.8, */*;q=0.5"));
    if (!cursor.etag.isEmpty())
        header("If-None-Match", cursor.etag.toLatin1());
    if (!cursor.lastModified.isEmpty())
        header("If-Modified-Since", cursor.lastModified.toLatin1());
    Result<HttpResponse> response = ctx.http.send(request);
    if (!response)
        return response.error();
    const int status = response->status;
    if (status == 200 || status == 304)
        return response;
    const QString phrase = reasonPhrase(status);
    const QString answer = phrase.isEmpty() ? QString::number(status) : QString::number(status) + u' ' + phrase;
    QString message = Tr::tr("The feed at %1 answered %2.").arg(displayUrl(url), answer);
    if (status == 404 || status == 410)
        message += u' ' + Tr::tr("Check the address, or remove the feed if the site no longer has it.");
    else if (status == 401 || status == 403)
        message += u' ' + Tr::tr("The feed is not public.");
    return Error(message, Error::Code::Network);
}

Result<ParsedFeed> parseResponse(const HttpResponse &response, const QUrl &requested)
{
    const QUrl base = response.url.isValid() && !response.url.isEmpty() ? response.url : requested;
    Result<ParsedFeed> feed = FeedParser::parse(response.body, base, response.header("content-type"));
    if (feed)
        for (const QString &warning : std::as_const(feed->warnings))
            qCWarning(lcFeed) << "feed" << displayUrl(requested) << warning;
    return feed;
}

} // namespace

QString FeedSource::externalId(const QString &feedUrl, const FeedEntry &entry)
{
    QString key = entry.id.trimmed();
    if (key.isEmpty())
        key = entry.url;
    if (key.isEmpty()) {
        // Neither id nor link: the title and date identify it (never the fetch time, or every run would add
        // it again); without those, the text.
        const QString basis = entry.title.isEmpty() && !entry.published.isValid() ? entry.summaryText
                                                                                  : entry.title + u'\n'
                + (entry.published.isValid() ? entry.published.toString(Qt::ISODateWithMs) : QString());
        key = QString::fromLatin1(QCryptographicHash::hash(basis.toUtf8(), QCryptographicHash::Sha1).toHex());
    }
    return feedUrl + u'#' + key;
}

QList<SyncItem> FeedSource::mapEntries(const SocialAccount &account, const ParsedFeed &feed, const QDateTime &fetchedAt)
{
    const QString handle = feedHandle(account.serverUrl);
    const QDateTime now = fetchedAt.toUTC();
    QList<SyncItem> items;
    items.reserve(feed.entries.size());
    for (const FeedEntry &entry : feed.entries) {
        SyncItem item;
        item.kind = SyncItem::Kind::Conversation;
        item.source = QStringLiteral("feed");
        item.externalId = externalId(handle, entry);
        item.channel = QStringLiteral("post");
        item.direction = QStringLiteral("inbound");
        // A date a little ahead is clock skew between the servers: now is as good. No date, or one further
        // ahead, is no date: the item keeps the time it was first seen and is marked as such.
        const bool usable = entry.published.isValid() && entry.published <= now.addSecs(kClockSkewSeconds);
        item.occurredAt = usable ? qMin(entry.published.toUTC(), now) : now;
        item.dateUnknown = !usable;
        item.subject = entry.title;
        item.text = entry.summaryText;
        item.url = entry.url;
        item.authorNetwork = QStringLiteral("feed");
        item.authorHandle = handle;
        item.authorName = entry.authorName.isEmpty() ? feed.author : entry.authorName;
        if (item.authorName.isEmpty())
            item.authorName = feed.title;
        item.contactId = account.contactId;
        items.append(std::move(item));
    }
    return items;
}

Result<SyncOutcome> FeedSource::sync(SyncContext &ctx)
{
    const SocialAccount &account = ctx.account;
    const QUrl url(account.serverUrl.trimmed());
    Result<SyncCursor> stored = ctx.repo.cursor(account.id, Stream);
    if (!stored)
        return stored.error();

    Result<HttpResponse> response = fetch(ctx, url, *stored);
    if (!response)
        return response.error();
    SyncOutcome &outcome = ctx.outcome; // what stored pages did, kept by the caller if a later page fails
    if (response->status == 304) { // nothing new since the stored ETag / Last-Modified
        qCDebug(lcFeed) << "feed" << displayUrl(url) << "not modified";
        return outcome;
    }

    Result<ParsedFeed> feed = parseResponse(*response, url);
    if (!feed)
        return feed.error();
    const QList<SyncItem> items = mapEntries(account, *feed, QDateTime::currentDateTimeUtc());
    outcome.fetched = int(items.size());
    if (ctx.progress)
        ctx.progress(outcome.fetched);

    // The validators of this answer are only worth remembering if everything in it gets stored: a cut-off
    // document must be fetched in full next time, not answered with 304.
    SyncCursor next = *stored;
    if (!feed->truncated) {
        next.etag = QString::fromLatin1(response->header("etag")).left(1000);
        next.lastModified = QString::fromLatin1(response->header("last-modified")).left(200);
    }

    qsizetype start = 0;
    do {
        if (ctx.cancel.isCancelled())
            return Error(Tr::tr("The sync was cancelled."), Error::Code::Cancelled);
        const QList<SyncItem> page = items.mid(start, PageSize);
        start += page.size();
        const bool last = start >= items.size();
        // Only the last page moves the cursor: a crash in between re-fetches and skips what is stored.
        Result<IngestReport> stored = ctx.repo.ingestPage(account, Stream, page, last ? next : SyncCursor());
        if (!stored)
            return stored.error();
        outcome.add(*stored);
    } while (start < items.size());
    std::sort(outcome.contactIds.begin(), outcome.contactIds.end());
    return outcome;
}

Result<QString> FeedSource::testConnection(SyncContext &ctx)
{
    const QUrl url(ctx.account.serverUrl.trimmed());
    Result<HttpResponse> response = fetch(ctx, url, SyncCursor());
    if (!response)
        return response.error();
    Result<ParsedFeed> feed = parseResponse(*response, url);
    if (!feed)
        return feed.error();
    const QString title = feed->title.isEmpty() ? displayUrl(url) : feed->title;
    // Singular and plural as separate sentences: the project ships no English numerus translation.
    const qsizetype n = feed->entries.size();
    QString line = n == 1 ? Tr::tr("Feed “%1”, 1 item").arg(title) : Tr::tr("Feed “%1”, %L2 items").arg(title).arg(n);
    if (feed->truncated)
        line += u' ' + Tr::tr("(the feed breaks off; only the complete items were read)");
    return line;
}

std::unique_ptr<SyncSource> makeFeedSource()
{
    return std::make_unique<FeedSource>();
}
