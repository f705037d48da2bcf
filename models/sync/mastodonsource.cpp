// The Mastodon source: an agency account's notifications and direct conversations, paged with min_id from
// the newest id already stored, each page stored with its cursor in one transaction.
#include "storage/syncrepository.h"
#include "sync/mastodonmapping.h"
#include "sync/secretstore.h"
#include "sync/sources.h"

#include <QCoreApplication>
#include <QUrlQuery>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(MastodonSource)
};

constexpr int kPageLimit = 40; // Mastodon's default and the most /api/v1/conversations allows
constexpr int kFirstSyncMaxItems = 200; // a new account starts from its latest items, not its whole history
constexpr int kMaxPagesPerRun = 1000; // a safety net against a server that never says "no more"

enum class Stream { Notifications, Conversations };

QString streamName(Stream stream)
{
    return stream == Stream::Notifications ? QStringLiteral("notifications") : QStringLiteral("conversations");
}

QString streamPath(Stream stream)
{
    return stream == Stream::Notifications ? QStringLiteral("/api/v1/notifications")
                                           : QStringLiteral("/api/v1/conversations");
}

struct Session
{
    QUrl server; // scheme, host and port
    QString host; // for messages and engagement ids: the host of the address typed in
    QString domain; // for handles: the server's account domain (differs from `host` on a split domain)
    QByteArray token; // never logged, never in an error
    MastodonMapping::Account me;
};

Error cancelled()
{
    return Error { Tr::tr("The sync was cancelled."), Error::Code::Cancelled };
}

// A query parameter of a Link header target (min_id, max_id, since_id), or empty.
QString linkParam(const HttpResponse &response, const QByteArray &rel, const QString &key)
{
    const QUrl url = SyncHttp::linkUrl(response.header("link"), rel);
    if (!url.isValid())
        return {};
    return QUrlQuery(url).queryItemValue(key, QUrl::FullyDecoded);
}

// The newest id a page reached: what the next sync asks for with min_id.
QString newestIdOf(const HttpResponse &response, const MastodonMapping::Page &page)
{
    QString newest = linkParam(response, "prev", QStringLiteral("min_id"));
    if (newest.isEmpty())
        newest = linkParam(response, "prev", QStringLiteral("since_id")); // servers before 2.6
    for (const QString &id : page.ids)
        if (newest.isEmpty() || MastodonMapping::isNewerId(id, newest))
            newest = id;
    return newest;
}

class MastodonSource final : public SyncSource
{
public:
    Result<SyncOutcome> sync(SyncContext &ctx) override
    {
        Result<Session> session = open(ctx);
        if (!session)
            return session.error();
        SyncOutcome &outcome = ctx.outcome; // kept by the caller if a later stream fails
        for (Stream stream : { Stream::Notifications, Stream::Conversations }) {
            if (ctx.cancel.isCancelled())
                return cancelled();
            if (Status s = syncStream(ctx, *session, stream, outcome); !s)
                return s.error();
        }
        return outcome;
    }

    Result<QString> testConnection(SyncContext &ctx) override
    {
        Result<Session> session = open(ctx);
        if (!session)
            return session.error();
        return Tr::tr("Signed in as @%1").arg(session->me.handle);
    }

private:
    // Server URL and token from the account, then who we are (which also proves the token works).
    static Result<Session> open(SyncContext &ctx)
    {
        Session session;
        const QUrl url(ctx.account.serverUrl.trimmed(), QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"https" && url.scheme() != u"http"))
            return Error { Tr::tr("“%1” is not the address of a Mastodon server.").arg(ctx.account.serverUrl),
                Error::Code::Validation, QStringLiteral("serverUrl") };
        session.server.setScheme(url.scheme());
        session.server.setHost(url.host());
        session.server.setPort(url.port());
        session.host = url.host();

        Result<QString> token = ctx.secrets.read(ctx.account.secretKey(Networks::traits(Network::Mastodon).secretName));
        if (!token) {
            if (token.error().code == Error::Code::NotFound)
                return Error {
                    Tr::tr("Sign in to %1 again: Rapport has no access token for this account.").arg(session.host),
                    Error::Code::Auth
                };
            // No keyring, and not in this session's memory either: only signing in again brings it back.
            if (token.error().code == Error::Code::Unavailable)
                return Error { Tr::tr("Sign in to %1 again: the access token could not be read (%2)")
                                   .arg(session.host, token.error().message),
                    Error::Code::Auth };
            return token.error();
        }
        if (token->trimmed().isEmpty())
            return Error {
                Tr::tr("Sign in to %1 again: Rapport has no access token for this account.").arg(session.host),
                Error::Code::Auth
            };
        session.token = token->trimmed().toUtf8();

        QUrl verify = session.server;
        verify.setPath(QStringLiteral("/api/v1/accounts/verify_credentials"));
        HttpResponse raw;
        Result<QByteArray> body = getResponse(ctx, session, verify, &raw);
        if (!body)
            return body.error();
        Result<QString> domain = accountDomain(ctx, session);
        if (!domain)
            return domain.error();
        session.domain = *domain;
        Result<MastodonMapping::Account> me = MastodonMapping::account(*body, session.domain);
        if (!me)
            return notMastodon(session, raw, me.error());
        session.me = *me;
        return session;
    }

    // The domain in the handles of the server's own users. Usually the host of the address typed in, but a
    // split-domain server (users @ana@example.com, web and API on social.example.com) says otherwise: ask the
    // instance (/api/v2/instance `domain`, servers before 4.0: /api/v1/instance `uri`). A server that answers
    // neither (an HTTP error status, an answer without a domain) keeps the typed host; a network failure, a
    // rate limit or a cancel ends the run as any other request would.
    static Result<QString> accountDomain(SyncContext &ctx, const Session &session)
    {
        for (const QString &path : { QStringLiteral("/api/v2/instance"), QStringLiteral("/api/v1/instance") }) {
            if (ctx.cancel.isCancelled())
                return cancelled();
            QUrl url = session.server;
            url.setPath(path);
            HttpRequest request;
            request.url = url;
            // The same origin as every other request of the run, so the token goes along (servers in limited
            // federation mode answer the instance only to signed-in clients).
            request.headers = { { "Authorization", "Bearer " + session.token }, { "Accept", "application/json" } };
            Result<HttpResponse> response = ctx.http.send(request, RateLimitStyle::Mastodon);
            if (!response)
                return response.error();
            if (response->status < 200 || response->status >= 300)
                continue;
            const QString domain = MastodonMapping::instanceDomain(response->body);
            if (!domain.isEmpty())
                return domain;
        }
        return QString(session.host);
    }

    static Error notMastodon(const Session &session, const HttpResponse &response, const Error &detail)
    {
        // A web page where JSON was expected: a proxy's or hoster's error or welcome page, a captive portal,
        // or a site that is no Mastodon server. Its HTML says nothing useful to the user; say what it is.
        const QByteArray start = response.body.left(512).trimmed().toLower();
        if (response.header("content-type").toLower().contains("html") || start.startsWith("<!doctype html")
            || start.startsWith("<html"))
            return Error { Tr::tr("%1 answered with a web page instead of Mastodon data. Check that %1 is a Mastodon "
                                  "server; if it is, it may be down for maintenance.")
                               .arg(session.host),
                Error::Code::Network };
        // The mapping's message already says what was wrong; name the server in front of it.
        return Error { Tr::tr("%1: %2", "server: what was wrong with its answer").arg(session.host, detail.message),
            Error::Code::Network };
    }

    static QUrl pageUrl(const Session &session, Stream stream, const QString &key, const QString &id)
    {
        QUrl url = session.server;
        url.setPath(streamPath(stream));
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), QString::number(kPageLimit));
        if (!key.isEmpty())
            query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(id)));
        url.setQuery(query);
        return url;
    }

    static Result<MastodonMapping::Page> fetchPage(
        SyncContext &ctx, const Session &session, Stream stream, const QUrl &url, HttpResponse *raw)
    {
        Result<QByteArray> body = getResponse(ctx, session, url, raw);
        if (!body)
            return body.error();
        Result<MastodonMapping::Page> page = stream == Stream::Notifications
            ? MastodonMapping::notifications(*body, session.host, session.domain)
            : MastodonMapping::conversations(*body, session.domain, session.me.id);
        if (!page)
            return notMastodon(session, *raw, page.error());
        return page;
    }

    // One GET with the token: the body of a 2xx (the response, e.g. its Link header, in *raw), or what the status
    // means in words.
    static Result<QByteArray> getResponse(SyncContext &ctx, const Session &session, const QUrl &url, HttpResponse *raw)
    {
        HttpRequest request;
        request.method = "GET";
        request.url = url;
        request.headers = { { "Authorization", "Bearer " + session.token }, { "Accept", "application/json" } };
        Result<HttpResponse> response = ctx.http.send(request, RateLimitStyle::Mastodon);
        if (!response)
            return response.error();
        if (response->status >= 200 && response->status < 300) {
            *raw = *response;
            return response->body;
        }
        return statusError(session, *response, url);
    }

    static Error statusError(const Session &session, const HttpResponse &response, const QUrl &url);

    static Status ingest(
        SyncContext &ctx, Stream stream, const QList<SyncItem> &items, const QString &newest, SyncOutcome &outcome)
    {
        SyncCursor cursor;
        cursor.cursor = newest;
        Result<IngestReport> report = ctx.repo.ingestPage(ctx.account, streamName(stream), items, cursor);
        if (!report)
            return report.error();
        outcome.add(*report);
        return {};
    }

    static void progress(SyncContext &ctx, const SyncOutcome &outcome)
    {
        if (ctx.progress)
            ctx.progress(outcome.fetched);
    }

    static Status syncStream(SyncContext &ctx, const Session &session, Stream stream, SyncOutcome &outcome)
    {
        Result<SyncCursor> stored = ctx.repo.cursor(ctx.account.id, streamName(stream));
        if (!stored)
            return stored.error();
        if (stored->cursor.isEmpty())
            return firstSync(ctx, session, stream, outcome);

        // Newer than the stored id, oldest page first: min_id answers the page just above it; its newest id is
        // the next min_id, until a page comes back empty.
        QString cursor = stored->cursor;
        for (int pages = 0; pages < kMaxPagesPerRun; ++pages) {
            if (ctx.cancel.isCancelled())
                return cancelled();
            HttpResponse raw;
            Result<MastodonMapping::Page> page
                = fetchPage(ctx, session, stream, pageUrl(session, stream, QStringLiteral("min_id"), cursor), &raw);
            if (!page)
                return page.error();
            if (page->ids.isEmpty())
                return {};
            const QString newest = newestIdOf(raw, *page);
            if (!MastodonMapping::isNewerId(newest, cursor))
                return {}; // the server ignored min_id: stop instead of reading the same page forever
            outcome.fetched += int(page->ids.size());
            outcome.addSkipped(page->skipped, page->skipNotes);
            if (Status s = ingest(ctx, stream, page->items, newest, outcome); !s)
                return s;
            progress(ctx, outcome);
            cursor = newest;
        }
        return {};
    }

    // No cursor yet: the latest items only (up to kFirstSyncMaxItems, newest page first, following rel="next"),
    // stored in one transaction with the newest id as the cursor.
    static Status firstSync(SyncContext &ctx, const Session &session, Stream stream, SyncOutcome &outcome)
    {
        QList<SyncItem> items;
        QString newest;
        int received = 0;
        QUrl url = pageUrl(session, stream, QString(), QString());
        while (received < kFirstSyncMaxItems) {
            if (ctx.cancel.isCancelled())
                return cancelled();
            HttpResponse raw;
            Result<MastodonMapping::Page> page = fetchPage(ctx, session, stream, url, &raw);
            if (!page)
                return page.error();
            if (page->ids.isEmpty())
                break;
            if (newest.isEmpty())
                newest = newestIdOf(raw, *page);
            received += int(page->ids.size());
            items += page->items;
            outcome.fetched += int(page->ids.size());
            outcome.addSkipped(page->skipped, page->skipNotes);
            progress(ctx, outcome);
            const QString older = linkParam(raw, "next", QStringLiteral("max_id"));
            if (older.isEmpty())
                break;
            url = pageUrl(session, stream, QStringLiteral("max_id"), older);
        }
        if (newest.isEmpty())
            return {}; // nothing there yet: the next sync starts from scratch again
        return ingest(ctx, stream, items, newest, outcome);
    }
};

Error MastodonSource::statusError(const Session &session, const HttpResponse &response, const QUrl &url)
{
    const QString error = MastodonMapping::errorText(response.body);
    const QString host = session.host;
    switch (response.status) {
    case 401:
        return Error { Tr::tr("%1 no longer accepts Rapport's access (the token is invalid or was revoked). Sign in to "
                              "%1 again.")
                           .arg(host),
            Error::Code::Auth };
    case 403:
        return Error { error.isEmpty()
                ? Tr::tr("%1 does not allow Rapport to read this account. Sign in to %1 again.").arg(host)
                : Tr::tr("%1 does not allow Rapport to read this account: %2. Sign in to %1 again.").arg(host, error),
            Error::Code::Auth };
    case 404:
    case 405:
    case 410:
        return Error { Tr::tr("%1 is not a Mastodon server (it does not know %2).").arg(host, url.path()),
            Error::Code::Network };
    case 422:
        return Error { error.isEmpty() ? Tr::tr("%1 refused the request.").arg(host)
                                       : Tr::tr("%1 refused the request: %2").arg(host, error),
            Error::Code::Network };
    default:
        return Error { error.isEmpty()
                ? Tr::tr("%1 answered with HTTP status %2.").arg(host).arg(response.status)
                : Tr::tr("%1 answered with HTTP status %2: %3").arg(host).arg(response.status).arg(error),
            Error::Code::Network };
    }
}

} // namespace

std::unique_ptr<SyncSource> makeMastodonSource()
{
    return std::make_unique<MastodonSource>();
}
