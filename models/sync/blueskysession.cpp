#include "sync/blueskysession.h"

#include "core/logging.h"
#include "sync/secretstore.h"
#include "sync/synchttp.h"
#include "sync/syncsource.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(BlueskySession)
};

// The session kept between runs; Networks::traits(Network::Bluesky).secretNames lists them too, so removing
// the account removes them.
const QString kAccess = QStringLiteral("access_jwt");
const QString kRefresh = QStringLiteral("refresh_jwt");
const QString kAppPassword = Networks::traits(Network::Bluesky).secretName;

} // namespace

QUrl BlueskySession::defaultServer()
{
    return QUrl(Networks::traits(Network::Bluesky).defaultServer);
}

BlueskySession::BlueskySession(SyncContext &ctx)
    : m_ctx(ctx)
{
    m_server = ctx.account.serverUrl.trimmed().isEmpty() ? defaultServer() : QUrl(ctx.account.serverUrl.trimmed());
    QString path = m_server.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    m_server.setPath(path);
}

QString BlueskySession::secret(const QString &name) const
{
    const Result<QString> value = m_ctx.secrets.read(m_ctx.account.secretKey(name));
    return value.ok() ? value.value() : QString(); // NotFound or no keyring: as if none were stored
}

Status BlueskySession::store(const BlueskyMapping::Session &session)
{
    m_access = session.accessJwt;
    m_refresh = session.refreshJwt;
    m_did = session.did;
    // A failed write keeps the tokens for this run only; the next run signs in again, which is allowed.
    for (const auto &[name, value] : { std::pair { kAccess, m_access }, std::pair { kRefresh, m_refresh } })
        if (Status s = m_ctx.secrets.write(m_ctx.account.secretKey(name), value); !s)
            qCWarning(lcBluesky) << "could not keep the Bluesky session of account" << m_ctx.account.id << ":"
                                 << s.error().message;
    return {};
}

Result<HttpResponse> BlueskySession::send(
    const QByteArray &method, const QString &nsid, const Params &params, const QByteArray &body, const QString &bearer)
{
    HttpRequest request;
    request.method = method;
    QUrl url = m_server;
    url.setPath(m_server.path() + QStringLiteral("/xrpc/") + nsid);
    if (!params.isEmpty()) {
        // Encoded by hand: QUrlQuery leaves '+' alone, which servers read as a space.
        QByteArray query;
        for (const auto &[key, value] : params) {
            if (!query.isEmpty())
                query += '&';
            query += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
        }
        url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    }
    request.url = url;
    if (!bearer.isEmpty())
        request.headers.append(qMakePair(QByteArray("Authorization"), "Bearer " + bearer.toUtf8()));
    request.headers.append(qMakePair(QByteArray("Accept"), QByteArray("application/json")));
    if (!body.isEmpty())
        request.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    request.body = body;
    return m_ctx.http.send(request, RateLimitStyle::Bluesky);
}

bool BlueskySession::isTokenRefused(const HttpResponse &response)
{
    if (response.status == 401)
        return true;
    if (response.status != 400)
        return false;
    const QString name = BlueskyMapping::errorName(response.body);
    return name == u"ExpiredToken" || name == u"InvalidToken";
}

Error BlueskySession::failure(const HttpResponse &response, const QString &nsid) const
{
    const QString host = m_server.host();
    if (isTokenRefused(response))
        return Error { Tr::tr("Bluesky (%1) no longer accepts Rapport's sign-in for @%2. Sign in again with a new "
                              "app password.")
                           .arg(host, m_ctx.account.handle),
            Error::Code::Auth };
    const QString name = BlueskyMapping::errorName(response.body);
    // An actor that is gone, suspended or blocking us: NotFound, so a caller can skip just that one.
    static const QStringList gone { QStringLiteral("AccountTakedown"), QStringLiteral("AccountDeactivated"),
        QStringLiteral("BlockedActor"), QStringLiteral("BlockedByActor"), QStringLiteral("ActorNotFound"),
        QStringLiteral("NotFound") };
    const bool notFound = response.status == 404 || (response.status == 400 && gone.contains(name))
        || (response.status == 400
            && BlueskyMapping::errorMessage(response.body).contains(QLatin1String("not found"), Qt::CaseInsensitive));
    QString detail = BlueskyMapping::errorMessage(response.body);
    if (detail.isEmpty())
        detail = name;
    qCInfo(lcBluesky) << nsid << "answered" << response.status << name;
    const Error::Code code = notFound ? Error::Code::NotFound : Error::Code::Network;
    if (detail.isEmpty())
        return Error { Tr::tr("Bluesky (%1) answered with status %2.").arg(host).arg(response.status), code };
    return Error { Tr::tr("Bluesky (%1) answered with status %2: %3").arg(host).arg(response.status).arg(detail),
        code };
}

Status BlueskySession::signIn()
{
    if (m_ctx.account.handle.trimmed().isEmpty())
        return Error { Tr::tr("The Bluesky account has no handle to sign in with."), Error::Code::Auth };
    const QString password = secret(kAppPassword);
    if (password.isEmpty())
        return Error { Tr::tr("Rapport has no app password for @%1 (the keyring may have been reset). Sign in "
                              "again with an app password.")
                           .arg(m_ctx.account.handle),
            Error::Code::Auth };
    ++m_signIns;
    qCInfo(lcBluesky) << "signing in account" << m_ctx.account.id << "with its app password";
    const QByteArray body = QJsonDocument(
        QJsonObject { { QStringLiteral("identifier"), m_ctx.account.handle.trimmed() },
            { QStringLiteral("password"),
                password } }).toJson(QJsonDocument::Compact);
    auto response = send("POST", QStringLiteral("com.atproto.server.createSession"), {}, body, {});
    if (!response)
        return response.error();
    if (response->status == 200) {
        auto session = BlueskyMapping::parseSession(response->body);
        if (!session)
            return session.error();
        return store(*session);
    }
    const QString name = BlueskyMapping::errorName(response->body);
    if (response->status == 401 || name == u"AuthenticationRequired" || name == u"AccountTakedown"
        || name == u"AuthFactorTokenRequired")
        return Error { name == u"AccountTakedown"
                ? Tr::tr("Bluesky has suspended the account @%1.").arg(m_ctx.account.handle)
                : Tr::tr("Bluesky refused the app password for @%1. Create a new app password in "
                         "Bluesky's settings and sign in again.")
                      .arg(m_ctx.account.handle),
            Error::Code::Auth };
    return failure(*response, QStringLiteral("com.atproto.server.createSession"));
}

Status BlueskySession::renew()
{
    m_renewed = true;
    if (!m_refresh.isEmpty()) {
        ++m_refreshes;
        // No body: the PDS rejects refreshSession with one.
        auto response = send("POST", QStringLiteral("com.atproto.server.refreshSession"), {}, {}, m_refresh);
        if (!response)
            return response.error();
        if (response->status == 200) {
            auto session = BlueskyMapping::parseSession(response->body);
            if (session)
                return store(*session);
        }
        qCInfo(lcBluesky) << "refreshing the session of account" << m_ctx.account.id << "failed with"
                          << response->status << BlueskyMapping::errorName(response->body);
    }
    return signIn();
}

Result<QByteArray> BlueskySession::call(const QString &nsid, const Params &params)
{
    if (!m_loaded) {
        m_loaded = true;
        m_access = secret(kAccess);
        m_refresh = secret(kRefresh);
    }
    if (m_access.isEmpty() && !m_renewed)
        if (Status s = renew(); !s)
            return s.error();
    auto response = send("GET", nsid, params, {}, m_access);
    if (!response)
        return response.error();
    if (isTokenRefused(*response) && !m_renewed) {
        if (Status s = renew(); !s)
            return s.error();
        response = send("GET", nsid, params, {}, m_access);
        if (!response)
            return response.error();
    }
    if (response->status != 200)
        return failure(*response, nsid);
    return response->body;
}

Result<QByteArray> BlueskySession::get(const QString &nsid, const Params &params)
{
    return call(nsid, params);
}

Result<BlueskyMapping::Session> BlueskySession::whoAmI()
{
    auto body = call(QStringLiteral("com.atproto.server.getSession"), {});
    if (!body)
        return body.error();
    auto session = BlueskyMapping::parseSession(*body, false);
    if (session)
        m_did = session->did;
    return session;
}
