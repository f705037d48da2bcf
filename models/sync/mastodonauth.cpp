#include "sync/mastodonauth.h"

#include "sync/mastodonmapping.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDesktopServices>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

namespace {

constexpr qsizetype kMaxRedirectRequest = 16 * 1024;
constexpr qint64 kMaxBody = 1024 * 1024;

QByteArray randomBase64Url(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator *rng = QRandomGenerator::system();
    for (int i = 0; i < bytes; ++i)
        raw[i] = char(rng->bounded(256));
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray formBody(const QList<QPair<QString, QString>> &form)
{
    QByteArray body;
    for (const auto &[key, value] : form) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

bool isLoopbackHost(const QString &host)
{
    const QHostAddress address(host);
    return host == u"localhost" || (!address.isNull() && address.isLoopback());
}

QByteArray browserPage(const QString &title, const QString &text)
{
    const QString html = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title></head>"
                                        "<body style=\"font-family: sans-serif; margin: 3em\"><h1>%1</h1><p>%2</p>"
                                        "</body></html>")
                             .arg(title.toHtmlEscaped(), text.toHtmlEscaped());
    return html.toUtf8();
}

} // namespace

MastodonAuth::MastodonAuth(QNetworkAccessManager &nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
{
    m_openBrowser = [](const QUrl &url) { return QDesktopServices::openUrl(url); };
}

MastodonAuth::~MastodonAuth()
{
    cleanUp();
}

void MastodonAuth::setTimeouts(int browserMs, int requestMs)
{
    m_browserTimeoutMs = browserMs;
    m_requestTimeoutMs = requestMs;
}

Result<QUrl> MastodonAuth::serverUrl(const QString &typed)
{
    QString text = typed.trimmed();
    if (text.startsWith(u'@')) // "@ana@example.social": the server is after the second @
        text = text.mid(text.indexOf(u'@', 1) + 1);
    else if (!text.contains(QStringLiteral("://")) && text.contains(u'@'))
        text = text.mid(text.lastIndexOf(u'@') + 1);
    if (text.isEmpty())
        return Error::validation(QStringLiteral("server"), tr("Enter the address of your Mastodon server."));
    if (!text.contains(QStringLiteral("://")))
        text.prepend(QStringLiteral("https://"));
    const QUrl url(text, QUrl::StrictMode);
    const bool https = url.scheme() == u"https";
    const bool http = url.scheme() == u"http";
    if (!url.isValid() || url.host().isEmpty() || (!https && !http) || !url.userInfo().isEmpty())
        return Error::validation(QStringLiteral("server"),
            tr("“%1” is not the address of a server (like mastodon.social).").arg(typed.trimmed()));
    if (http && !isLoopbackHost(url.host()))
        return Error::validation(QStringLiteral("server"),
            tr("“%1” does not use https://: Rapport only signs in over an encrypted "
               "connection.")
                .arg(typed.trimmed()));
    QUrl server;
    server.setScheme(url.scheme());
    server.setHost(url.host().toLower());
    server.setPort(url.port());
    return server;
}

QByteArray MastodonAuth::makeCodeVerifier()
{
    return randomBase64Url(32); // 43 characters, inside RFC 7636's 43…128
}

QByteArray MastodonAuth::codeChallenge(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

void MastodonAuth::signIn(const QString &server)
{
    cleanUp();
    m_step = Step::Idle;
    Result<QUrl> url = serverUrl(server);
    if (!url) {
        m_step = Step::RegisteringApp; // so fail() reports it
        fail(url.error().message, url.error().code);
        return;
    }
    m_server = *url;
    m_listener = new QTcpServer(this);
    if (!m_listener->listen(QHostAddress::LocalHost, 0)) {
        m_step = Step::RegisteringApp;
        fail(tr("Rapport could not wait for the browser's answer: %1").arg(m_listener->errorString()),
            Error::Code::Unavailable);
        return;
    }
    connect(m_listener, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_listener->nextPendingConnection()) {
            socket->setParent(this); // outlives the listener until its answer is written
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onRedirect(socket); });
        }
    });
    m_redirectUri = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_listener->serverPort()));
    m_verifier = makeCodeVerifier();
    m_state = randomBase64Url(16);

    m_step = Step::RegisteringApp;
    m_reply = post(QStringLiteral("/api/v1/apps"),
        { { QStringLiteral("client_name"), QStringLiteral("Rapport") },
            { QStringLiteral("redirect_uris"), m_redirectUri.toString() },
            { QStringLiteral("scopes"), QStringLiteral("read") },
            { QStringLiteral("website"), QStringLiteral("https://rapport.example") } });
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onAppRegistered(reply); });
}

void MastodonAuth::useAccessToken(const QString &server, const QString &accessToken)
{
    cleanUp();
    m_step = Step::VerifyingToken;
    Result<QUrl> url = serverUrl(server);
    if (!url) {
        fail(url.error().message, url.error().code);
        return;
    }
    const QString token = accessToken.trimmed();
    if (token.isEmpty() || token.contains(QRegularExpression(QStringLiteral("\\s")))) {
        fail(tr("Paste the access token exactly as the server shows it."), Error::Code::Validation);
        return;
    }
    m_server = *url;
    m_token = token;
    verify();
}

void MastodonAuth::cancel()
{
    fail(tr("Signing in was cancelled."), Error::Code::Cancelled);
}

QNetworkReply *MastodonAuth::post(const QString &path, const QList<QPair<QString, QString>> &form)
{
    QUrl url = m_server;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_requestTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    return m_nam.post(request, formBody(form));
}

QString MastodonAuth::describeFailure(QNetworkReply *reply, const QByteArray &body) const
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString host = m_server.host();
    if (status == 0)
        return tr("Could not reach %1: %2").arg(host, reply->errorString());
    if (status == 404)
        return tr("%1 is not a Mastodon server (it does not know %2).").arg(host, reply->url().path());
    const QString error = MastodonMapping::errorText(body);
    if (!error.isEmpty())
        return tr("%1 refused: %2").arg(host, error);
    return tr("%1 answered with HTTP status %2.").arg(host).arg(status);
}

void MastodonAuth::onAppRegistered(QNetworkReply *reply)
{
    reply->deleteLater();
    if (m_step != Step::RegisteringApp || reply != m_reply)
        return;
    const QByteArray body = reply->read(kMaxBody);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || status != 200) {
        fail(describeFailure(reply, body), Error::Code::Network);
        return;
    }
    const QJsonObject app = QJsonDocument::fromJson(body).object();
    m_clientId = app.value(QLatin1String("client_id")).toString();
    m_clientSecret = app.value(QLatin1String("client_secret")).toString();
    if (m_clientId.isEmpty() || m_clientSecret.isEmpty()) {
        fail(tr("%1 answered something that is not Mastodon JSON.").arg(m_server.host()), Error::Code::Network);
        return;
    }

    QUrl authorize = m_server;
    authorize.setPath(QStringLiteral("/oauth/authorize"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("client_id"), QString::fromUtf8(QUrl::toPercentEncoding(m_clientId)));
    query.addQueryItem(
        QStringLiteral("redirect_uri"), QString::fromUtf8(QUrl::toPercentEncoding(m_redirectUri.toString())));
    query.addQueryItem(QStringLiteral("scope"), QStringLiteral("read"));
    query.addQueryItem(QStringLiteral("state"), QString::fromLatin1(m_state));
    query.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(codeChallenge(m_verifier)));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    authorize.setQuery(query);

    m_step = Step::WaitingForBrowser;
    m_browserTimer = new QTimer(this);
    m_browserTimer->setSingleShot(true);
    connect(m_browserTimer, &QTimer::timeout, this,
        [this] { fail(tr("No answer came from the browser. Try signing in again."), Error::Code::Network); });
    m_browserTimer->start(m_browserTimeoutMs);
    Q_EMIT browserOpened(authorize); // the UI shows the address too, in case no browser opens
    if (m_openBrowser)
        m_openBrowser(authorize);
}

void MastodonAuth::onRedirect(QTcpSocket *socket)
{
    QByteArray request = socket->property("rapportBuffer").toByteArray() + socket->readAll();
    if (request.size() > kMaxRedirectRequest) {
        socket->abort();
        return;
    }
    socket->setProperty("rapportBuffer", request);
    if (!request.contains("\r\n\r\n"))
        return;
    socket->disconnect(this);
    const QList<QByteArray> requestLine = request.left(request.indexOf("\r\n")).split(' ');
    const QUrl target(QStringLiteral("http://127.0.0.1") + QString::fromLatin1(requestLine.value(1)));
    auto answer = [socket](int status, const QByteArray &body) {
        socket->write("HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Not Found")
            + "\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n"
              "Connection: close\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket->disconnectFromHost();
    };
    const QUrlQuery query(target);
    if (requestLine.value(0) != "GET" || target.path() != u"/"
        || (!query.hasQueryItem(QStringLiteral("code")) && !query.hasQueryItem(QStringLiteral("error")))) {
        answer(404, QByteArray()); // a favicon, a probe: not the redirect
        return;
    }
    const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    if (m_step != Step::WaitingForBrowser || state.toLatin1() != m_state) {
        answer(200,
            browserPage(tr("Rapport"),
                tr("This sign-in link is out of date. Start signing in again in "
                   "Rapport.")));
        return;
    }
    if (query.hasQueryItem(QStringLiteral("error"))) {
        answer(200, browserPage(tr("Rapport"), tr("Signing in was not allowed. You can close this tab.")));
        const QString error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
        if (error == u"access_denied")
            fail(tr("Access was denied in the browser."), Error::Code::Cancelled);
        else
            fail(tr("%1 refused the sign-in: %2").arg(m_server.host(), error.left(200)), Error::Code::Auth);
        return;
    }
    answer(200, browserPage(tr("Rapport"), tr("You are signed in. You can close this tab and return to Rapport.")));
    if (m_browserTimer)
        m_browserTimer->stop();

    m_step = Step::RequestingToken;
    m_reply = post(QStringLiteral("/oauth/token"),
        { { QStringLiteral("grant_type"), QStringLiteral("authorization_code") },
            { QStringLiteral("code"), query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded) },
            { QStringLiteral("client_id"), m_clientId }, { QStringLiteral("client_secret"), m_clientSecret },
            { QStringLiteral("redirect_uri"), m_redirectUri.toString() },
            { QStringLiteral("code_verifier"), QString::fromLatin1(m_verifier) },
            { QStringLiteral("scope"), QStringLiteral("read") } });
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onTokenReceived(reply); });
}

void MastodonAuth::onTokenReceived(QNetworkReply *reply)
{
    reply->deleteLater();
    if (m_step != Step::RequestingToken || reply != m_reply)
        return;
    const QByteArray body = reply->read(kMaxBody);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || status != 200) {
        fail(describeFailure(reply, body), status == 400 || status == 401 ? Error::Code::Auth : Error::Code::Network);
        return;
    }
    m_token = QJsonDocument::fromJson(body).object().value(QLatin1String("access_token")).toString();
    if (m_token.isEmpty()) {
        fail(tr("%1 answered something that is not Mastodon JSON.").arg(m_server.host()), Error::Code::Network);
        return;
    }
    m_step = Step::VerifyingToken;
    verify();
}

void MastodonAuth::verify()
{
    QUrl url = m_server;
    url.setPath(QStringLiteral("/api/v1/accounts/verify_credentials"));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_requestTimeoutMs);
    m_reply = m_nam.get(request);
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onVerified(reply); });
}

void MastodonAuth::onVerified(QNetworkReply *reply)
{
    reply->deleteLater();
    if (m_step != Step::VerifyingToken || reply != m_reply)
        return;
    const QByteArray body = reply->read(kMaxBody);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 401 || status == 403) {
        fail(tr("%1 did not accept the access token.").arg(m_server.host()), Error::Code::Auth);
        return;
    }
    if (reply->error() != QNetworkReply::NoError || status != 200) {
        fail(describeFailure(reply, body), Error::Code::Network);
        return;
    }
    m_account = body;
    readInstance(QStringLiteral("/api/v2/instance"));
}

// The domain in the account's handle: the server's account domain, which differs from the host typed in on a
// split-domain server (issue 9: @ana@example.com served from social.example.com). As the sync asks it
// (MastodonSource): /api/v2/instance `domain`, servers before 4.0 /api/v1/instance `uri`; a server that
// answers neither (or not at all) keeps the typed host rather than failing the sign-in.
void MastodonAuth::readInstance(const QString &path)
{
    m_step = Step::ReadingInstance;
    QUrl url = m_server;
    url.setPath(path);
    QNetworkRequest request(url);
    // With the token: servers in limited federation mode answer the instance only to signed-in clients.
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_requestTimeoutMs);
    m_reply = m_nam.get(request);
    QNetworkReply *reply = m_reply;
    const bool v2 = path.startsWith(u"/api/v2/");
    connect(reply, &QNetworkReply::finished, this, [this, reply, v2] { onInstance(reply, v2); });
}

void MastodonAuth::onInstance(QNetworkReply *reply, bool v2)
{
    reply->deleteLater();
    if (m_step != Step::ReadingInstance || reply != m_reply)
        return;
    m_reply = nullptr;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString domain = reply->error() == QNetworkReply::NoError && status >= 200 && status < 300
        ? MastodonMapping::instanceDomain(reply->read(kMaxBody))
        : QString();
    if (!domain.isEmpty())
        finish(domain);
    else if (v2)
        readInstance(QStringLiteral("/api/v1/instance"));
    else
        finish(m_server.host());
}

void MastodonAuth::finish(const QString &accountDomain)
{
    Result<MastodonMapping::Account> me = MastodonMapping::account(m_account, accountDomain);
    if (!me) {
        fail(me.error().message, Error::Code::Network);
        return;
    }
    SignedIn result;
    result.accessToken = m_token;
    result.accountId = me->id;
    result.handle = me->handle;
    result.displayName = me->displayName;
    result.serverUrl = m_server;
    cleanUp();
    m_step = Step::Idle;
    Q_EMIT finished(result);
}

void MastodonAuth::fail(const QString &message, Error::Code code)
{
    if (m_step == Step::Idle)
        return;
    cleanUp();
    m_step = Step::Idle;
    Q_EMIT failed(message, int(code));
}

void MastodonAuth::cleanUp()
{
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    if (m_browserTimer) {
        m_browserTimer->stop();
        m_browserTimer->deleteLater();
        m_browserTimer = nullptr;
    }
    if (m_listener) {
        m_listener->close();
        m_listener->deleteLater();
        m_listener = nullptr;
    }
    m_clientSecret.clear();
    m_verifier.clear();
    m_token.clear();
    m_account.clear();
}
