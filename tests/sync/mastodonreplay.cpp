#include "mastodonreplay.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QUrlQuery>

#ifndef RAPPORT_MASTODON_DATA_DIR
#error "RAPPORT_MASTODON_DATA_DIR must be defined by tests/sync/mastodon.cmake"
#endif

namespace {

const QByteArray kRecordedBase = "http://localhost:3000";

QByteArray normalizedPath(QByteArray path)
{
    while (path.size() > 1 && path.endsWith('/'))
        path.chop(1);
    return path;
}

QUrlQuery formOf(const LoopbackHttpServer::Request &request)
{
    if (request.headers.value("content-type").startsWith("application/json")) {
        QUrlQuery query;
        const QJsonObject object = QJsonDocument::fromJson(request.body).object();
        for (auto it = object.begin(); it != object.end(); ++it)
            query.addQueryItem(it.key(), it.value().toString());
        return query;
    }
    QByteArray body = request.body;
    body.replace('+', "%20");
    return QUrlQuery(QString::fromUtf8(body));
}

QString valueOf(const QUrlQuery &query, const QString &key)
{
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

LoopbackHttpServer::Reply jsonReply(const QJsonValue &value, int status = 200)
{
    const QByteArray body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return LoopbackHttpServer::Reply::json(body, status);
}

LoopbackHttpServer::Reply oauthError(const QString &error, const QString &description)
{
    return jsonReply(
        QJsonObject { { QStringLiteral("error"), error }, { QStringLiteral("error_description"), description } }, 400);
}

QPair<QByteArray, QByteArray> header(const QByteArray &name, const QByteArray &value)
{
    return { name, value };
}

QByteArray isoIn(qint64 seconds)
{
    return QDateTime::currentDateTimeUtc().addSecs(seconds).toString(Qt::ISODateWithMs).toLatin1();
}

} // namespace

MastodonReplay::MastodonReplay()
{
    m_server = std::make_unique<LoopbackHttpServer>(
        [this](const LoopbackHttpServer::Request &request) { return handle(request); });
}

MastodonReplay::~MastodonReplay()
{
    m_server.reset(); // stop the server thread before the state it reads goes away
}

QString MastodonReplay::dataDir()
{
    return QStringLiteral(RAPPORT_MASTODON_DATA_DIR);
}

QByteArray MastodonReplay::recordedBody(const QString &fileName, int index)
{
    QFile file(dataDir() + u'/' + fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonValue body = QJsonDocument::fromJson(file.readAll())
                                .array()
                                .at(index)
                                .toObject()
                                .value(QLatin1String("response"))
                                .toObject()
                                .value(QLatin1String("body"));
    if (body.isArray())
        return QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    if (body.isObject())
        return QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    return body.toString().toUtf8();
}

bool MastodonReplay::loadRecording(const QString &fileName, QString *error)
{
    const QString path = QFileInfo(fileName).isAbsolute() ? fileName : dataDir() + u'/' + fileName;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot open %1").arg(path);
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isArray()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, parseError.errorString());
        return false;
    }
    QList<Recorded> loaded;
    for (const QJsonValue &value : doc.array()) {
        const QJsonObject request = value.toObject().value(QLatin1String("request")).toObject();
        const QJsonObject response = value.toObject().value(QLatin1String("response")).toObject();
        Recorded r;
        r.method = request.value(QLatin1String("method")).toString().toLatin1();
        r.path
            = normalizedPath(QUrl(request.value(QLatin1String("uri")).toString()).path(QUrl::FullyEncoded).toLatin1());
        r.status = response.value(QLatin1String("status")).toInt();
        const QJsonObject headers = response.value(QLatin1String("headers")).toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it) {
            const QByteArray name = it.key().toLatin1();
            if (name == "content-length" || name == "transfer-encoding" || name == "content-encoding"
                || name == "connection")
                continue;
            r.headers.append({ name, it.value().toString().toUtf8() });
        }
        const QJsonValue body = response.value(QLatin1String("body"));
        if (body.isString())
            r.body = body.toString().toUtf8();
        else if (body.isArray())
            r.body = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
        else
            r.body = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
        r.isList = body.isArray();
        loaded.append(r);
    }
    QMutexLocker lock(&m_mutex);
    m_recorded += loaded;
    return true;
}

void MastodonReplay::addReply(const QByteArray &method, const QByteArray &path, int status, const QByteArray &body,
    const QList<QPair<QByteArray, QByteArray>> &headers)
{
    Recorded r;
    r.method = method;
    r.path = normalizedPath(path);
    r.status = status;
    r.headers = headers;
    bool hasType = false;
    for (const auto &h : headers)
        hasType = hasType || h.first.toLower() == "content-type";
    if (!hasType)
        r.headers.append(header("content-type", "application/json; charset=utf-8"));
    r.body = body;
    r.isList = QJsonDocument::fromJson(body).isArray();
    QMutexLocker lock(&m_mutex);
    m_recorded.append(r);
}

QList<LoopbackHttpServer::Request> MastodonReplay::requestsTo(const QByteArray &path) const
{
    QList<LoopbackHttpServer::Request> out;
    for (const auto &r : m_server->requests())
        if (normalizedPath(r.path()) == normalizedPath(path))
            out.append(r);
    return out;
}

void MastodonReplay::setUnauthorized(bool on)
{
    QMutexLocker lock(&m_mutex);
    m_unauthorized = on;
}

void MastodonReplay::failNextWithRateLimit(int count, int resetInSeconds)
{
    QMutexLocker lock(&m_mutex);
    m_rateLimited = count;
    m_rateLimitResetS = resetInSeconds;
}

void MastodonReplay::failNextWithServerError(int count, int status)
{
    QMutexLocker lock(&m_mutex);
    m_serverErrors = count;
    m_serverErrorStatus = status;
}

void MastodonReplay::requireToken(const QByteArray &token)
{
    QMutexLocker lock(&m_mutex);
    m_requiredToken = token;
}

void MastodonReplay::setFault(const LoopbackHttpServer::Reply &reply, const QByteArray &path, int after, int count)
{
    QMutexLocker lock(&m_mutex);
    m_fault = Fault { reply, normalizedPath(path), qMax(0, after), count };
}

void MastodonReplay::clearFault()
{
    QMutexLocker lock(&m_mutex);
    m_fault = Fault {};
}

void MastodonReplay::setDelayMs(int ms)
{
    QMutexLocker lock(&m_mutex);
    m_delayMs = qMax(0, ms);
}

void MastodonReplay::startSynthetic(int count, int authors)
{
    QMutexLocker lock(&m_mutex);
    m_syntheticOn = true;
    m_synthetic.count = count;
    m_synthetic.authors = qMax(1, authors);
}

void MastodonReplay::appendSynthetic(int count)
{
    QMutexLocker lock(&m_mutex);
    m_syntheticOn = true;
    m_synthetic.count += count;
}

int MastodonReplay::syntheticCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_synthetic.count;
}

QString MastodonReplay::syntheticAuthorHandle(int k, const QString &localHost)
{
    return k == 0 ? QStringLiteral("author0@") + localHost : QStringLiteral("author%1@remote.example").arg(k);
}

QString MastodonReplay::lastOAuthError() const
{
    QMutexLocker lock(&m_mutex);
    return m_oauthError;
}

QString MastodonReplay::registeredRedirectUri() const
{
    QMutexLocker lock(&m_mutex);
    return m_redirectUri;
}

QByteArray MastodonReplay::lastCodeChallenge() const
{
    QMutexLocker lock(&m_mutex);
    return m_challenge;
}

QByteArray MastodonReplay::base() const
{
    return m_server->baseUrl().toString().toLatin1();
}

QByteArray MastodonReplay::rewrite(const QByteArray &text) const
{
    QByteArray out = text;
    out.replace(kRecordedBase, base());
    return out;
}

LoopbackHttpServer::Reply MastodonReplay::handle(const LoopbackHttpServer::Request &request)
{
    const QByteArray path = normalizedPath(request.path());
    QMutexLocker lock(&m_mutex);
    if (path == "/oauth/authorize")
        return oauthAuthorize(request);
    if (path == "/oauth/token")
        return oauthToken(request);
    if (path == "/api/v1/apps" && request.method == "POST")
        return oauthApps(request);

    if (m_fault.count != 0 && (m_fault.path.isEmpty() || m_fault.path == path)) {
        if (m_fault.after > 0) {
            --m_fault.after;
        } else {
            if (m_fault.count > 0)
                --m_fault.count;
            return m_fault.reply;
        }
    }
    LoopbackHttpServer::Reply reply = answer(request, path);
    reply.delayMs = qMax(reply.delayMs, m_delayMs);
    return reply;
}

// The normal answer (called with m_mutex held): forced statuses first, then synthetic pages or recordings.
LoopbackHttpServer::Reply MastodonReplay::answer(const LoopbackHttpServer::Request &request, const QByteArray &path)
{
    if (m_serverErrors > 0) {
        --m_serverErrors;
        return jsonReply(
            QJsonObject { { QStringLiteral("error"), QStringLiteral("We're sorry, but something went wrong") } },
            m_serverErrorStatus);
    }
    if (m_rateLimited > 0) {
        --m_rateLimited;
        LoopbackHttpServer::Reply reply
            = jsonReply(QJsonObject { { QStringLiteral("error"), QStringLiteral("Too many requests") } }, 429);
        reply.headers.append(header("x-ratelimit-limit", "300"));
        reply.headers.append(header("x-ratelimit-remaining", "0"));
        reply.headers.append(header("x-ratelimit-reset", isoIn(m_rateLimitResetS)));
        return reply;
    }
    const QByteArray authorization = request.headers.value("authorization");
    const bool tokenRefused = !m_requiredToken.isEmpty() && authorization != "Bearer " + m_requiredToken;
    if (m_unauthorized || tokenRefused) {
        LoopbackHttpServer::Reply reply = jsonReply(
            QJsonObject { { QStringLiteral("error"), QStringLiteral("The access token is invalid") } }, 401);
        reply.headers.append(header("www-authenticate",
            "Bearer realm=\"Doorkeeper\", error=\"invalid_token\", "
            "error_description=\"The access token is invalid\""));
        return reply;
    }
    if (m_syntheticOn && path == "/api/v1/notifications" && request.method == "GET")
        return synthetic(request);
    return replay(request);
}

LoopbackHttpServer::Reply MastodonReplay::replay(const LoopbackHttpServer::Request &request)
{
    const QByteArray path = normalizedPath(request.path());
    auto toReply = [this](const Recorded &r) {
        LoopbackHttpServer::Reply reply;
        reply.status = r.status;
        for (const auto &[name, value] : r.headers)
            reply.headers.append({ name, name == "link" ? rewrite(value) : value });
        reply.body = rewrite(r.body);
        return reply;
    };
    const Recorded *last = nullptr;
    for (Recorded &r : m_recorded) {
        if (r.method != request.method || r.path != path)
            continue;
        if (!r.used) {
            r.used = true;
            return toReply(r);
        }
        last = &r;
    }
    if (last) {
        if (!last->isList)
            return toReply(*last);
        return LoopbackHttpServer::Reply::json("[]");
    }
    if (request.method == "GET" && path == "/api/v1/accounts/verify_credentials") {
        return jsonReply(QJsonObject { { QStringLiteral("id"), QStringLiteral("1") },
            { QStringLiteral("username"), QStringLiteral("agency") },
            { QStringLiteral("acct"), QStringLiteral("agency") },
            { QStringLiteral("display_name"), QStringLiteral("Agency") },
            { QStringLiteral("url"), QString::fromLatin1(base() + "/@agency") } });
    }
    if (request.method == "GET" && (path == "/api/v1/notifications" || path == "/api/v1/conversations"))
        return LoopbackHttpServer::Reply::json("[]");
    return jsonReply(QJsonObject { { QStringLiteral("error"), QStringLiteral("Record not found") } }, 404);
}

LoopbackHttpServer::Reply MastodonReplay::synthetic(const LoopbackHttpServer::Request &request)
{
    const QUrlQuery query(request.url());
    const int limit = qBound(
        1, query.hasQueryItem(QStringLiteral("limit")) ? valueOf(query, QStringLiteral("limit")).toInt() : 40, 80);
    const int count = m_synthetic.count;
    auto param = [&](const QString &key, int fallback) {
        return query.hasQueryItem(key) ? valueOf(query, key).toInt() : fallback;
    };
    const int maxId = param(QStringLiteral("max_id"), count + 1);
    const int sinceId = param(QStringLiteral("since_id"), 0);
    const bool hasMin = query.hasQueryItem(QStringLiteral("min_id"));
    const int minId = param(QStringLiteral("min_id"), 0);
    const int top = qMin(count, maxId - 1);

    QList<int> ids; // newest first
    if (hasMin) {
        for (int id = qMax(minId, sinceId) + 1; id <= top && ids.size() < limit; ++id)
            ids.prepend(id);
    } else {
        for (int id = top; id > sinceId && ids.size() < limit; --id)
            ids.append(id);
    }

    const QDateTime epoch(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    const QString host = m_server->baseUrl().host();
    QJsonArray array;
    for (int id : std::as_const(ids)) {
        const int k = (id - 1) % m_synthetic.authors;
        const QString username = QStringLiteral("author%1").arg(k);
        const bool local = k == 0;
        const QString home = local ? QString::fromLatin1(base()) : QStringLiteral("https://remote.example");
        const QJsonObject account { { QStringLiteral("id"), QString::number(1000 + k) },
            { QStringLiteral("username"), username },
            { QStringLiteral("acct"), local ? username : QString(username + QStringLiteral("@remote.example")) },
            { QStringLiteral("display_name"), QStringLiteral("Author %1").arg(k) },
            { QStringLiteral("url"), QString(home + QStringLiteral("/@") + username) } };
        const QString statusId = QString::number(500000000LL + id);
        const QString created = epoch.addSecs(60LL * id).toString(Qt::ISODateWithMs);
        const QJsonObject status { { QStringLiteral("id"), statusId }, { QStringLiteral("created_at"), created },
            { QStringLiteral("in_reply_to_id"), QJsonValue::Null },
            { QStringLiteral("visibility"), QStringLiteral("public") }, { QStringLiteral("spoiler_text"), QString() },
            { QStringLiteral("uri"), QString(home + QStringLiteral("/users/%1/statuses/%2").arg(username, statusId)) },
            { QStringLiteral("url"), QString(home + QStringLiteral("/@%1/%2").arg(username, statusId)) },
            { QStringLiteral("content"), QStringLiteral("<p>Synthetic mention <b>%1</b> &amp; more</p>").arg(id) },
            { QStringLiteral("account"), account } };
        array.append(QJsonObject { { QStringLiteral("id"), QString::number(id) },
            { QStringLiteral("type"), QStringLiteral("mention") }, { QStringLiteral("created_at"), created },
            { QStringLiteral("account"), account }, { QStringLiteral("status"), status } });
    }
    LoopbackHttpServer::Reply reply = jsonReply(array);
    reply.headers.append(header("x-ratelimit-limit", "300"));
    reply.headers.append(header("x-ratelimit-remaining", "299"));
    reply.headers.append(header("x-ratelimit-reset", isoIn(300)));
    if (!ids.isEmpty()) {
        const QByteArray endpoint = base() + "/api/v1/notifications?limit=" + QByteArray::number(limit);
        reply.headers.append(header("link",
            "<" + endpoint + "&max_id=" + QByteArray::number(ids.last()) + ">; rel=\"next\", <" + endpoint
                + "&min_id=" + QByteArray::number(ids.first()) + ">; rel=\"prev\""));
    }
    return reply;
}

LoopbackHttpServer::Reply MastodonReplay::oauthApps(const LoopbackHttpServer::Request &request)
{
    const QUrlQuery form = formOf(request);
    const QString redirect = valueOf(form, QStringLiteral("redirect_uris"));
    if (valueOf(form, QStringLiteral("client_name")).isEmpty() || redirect.isEmpty()) {
        return jsonReply(QJsonObject { { QStringLiteral("error"),
                             QStringLiteral("Validation failed: Application name can't be blank") } },
            422);
    }
    m_redirectUri = redirect;
    return jsonReply(QJsonObject { { QStringLiteral("id"), QStringLiteral("7") },
        { QStringLiteral("name"), valueOf(form, QStringLiteral("client_name")) },
        { QStringLiteral("website"), QJsonValue::Null },
        { QStringLiteral("scopes"), QJsonArray { valueOf(form, QStringLiteral("scopes")) } },
        { QStringLiteral("redirect_uri"), redirect }, { QStringLiteral("redirect_uris"), QJsonArray { redirect } },
        { QStringLiteral("client_id"), QString::fromLatin1(clientId()) },
        { QStringLiteral("client_secret"), QStringLiteral("replay-client-secret") } });
}

LoopbackHttpServer::Reply MastodonReplay::oauthAuthorize(const LoopbackHttpServer::Request &request)
{
    const QUrlQuery query(request.url());
    auto refuse = [this](const QString &why) {
        m_oauthError = why;
        return LoopbackHttpServer::Reply::text(
            "<html><body>" + why.toUtf8() + "</body></html>", "text/html; charset=utf-8", 400);
    };
    if (valueOf(query, QStringLiteral("client_id")).toLatin1() != clientId())
        return refuse(QStringLiteral("unknown client_id"));
    if (m_redirectUri.isEmpty() || valueOf(query, QStringLiteral("redirect_uri")) != m_redirectUri)
        return refuse(QStringLiteral("redirect_uri does not match the registered one"));
    if (valueOf(query, QStringLiteral("response_type")) != u"code")
        return refuse(QStringLiteral("response_type is not code"));
    const QString challenge = valueOf(query, QStringLiteral("code_challenge"));
    if (challenge.isEmpty())
        return refuse(QStringLiteral("code_challenge missing"));
    if (valueOf(query, QStringLiteral("code_challenge_method")) != u"S256")
        return refuse(QStringLiteral("code_challenge_method is not S256"));
    m_challenge = challenge.toLatin1();
    m_state = valueOf(query, QStringLiteral("state")).toUtf8();
    m_code = "replay-code-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    QUrl target(m_redirectUri);
    QUrlQuery back;
    back.addQueryItem(QStringLiteral("code"), QString::fromLatin1(m_code));
    if (query.hasQueryItem(QStringLiteral("state")))
        back.addQueryItem(QStringLiteral("state"), valueOf(query, QStringLiteral("state")));
    target.setQuery(back);
    return LoopbackHttpServer::Reply::redirect(target.toEncoded());
}

LoopbackHttpServer::Reply MastodonReplay::oauthToken(const LoopbackHttpServer::Request &request)
{
    const QUrlQuery form = formOf(request);
    auto refuse = [this](const QString &error, const QString &why) {
        m_oauthError = why;
        return oauthError(error, why);
    };
    if (valueOf(form, QStringLiteral("grant_type")) != u"authorization_code")
        return refuse(QStringLiteral("unsupported_grant_type"), QStringLiteral("grant_type is not authorization_code"));
    if (valueOf(form, QStringLiteral("client_id")).toLatin1() != clientId()
        || valueOf(form, QStringLiteral("client_secret")) != u"replay-client-secret")
        return refuse(QStringLiteral("invalid_client"), QStringLiteral("client authentication failed"));
    if (m_code.isEmpty() || valueOf(form, QStringLiteral("code")).toLatin1() != m_code)
        return refuse(QStringLiteral("invalid_grant"), QStringLiteral("unknown code"));
    if (valueOf(form, QStringLiteral("redirect_uri")) != m_redirectUri)
        return refuse(QStringLiteral("invalid_grant"), QStringLiteral("redirect_uri does not match"));
    const QByteArray verifier = valueOf(form, QStringLiteral("code_verifier")).toLatin1();
    if (verifier.isEmpty())
        return refuse(QStringLiteral("invalid_grant"), QStringLiteral("code_verifier missing"));
    const QByteArray hashed = QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
                                  .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (hashed != m_challenge)
        return refuse(QStringLiteral("invalid_grant"), QStringLiteral("code_verifier does not match the challenge"));
    m_code.clear(); // a code is good once
    m_oauthError.clear();
    return jsonReply(QJsonObject { { QStringLiteral("access_token"), QString::fromLatin1(issuedToken()) },
        { QStringLiteral("token_type"), QStringLiteral("Bearer") }, { QStringLiteral("scope"), QStringLiteral("read") },
        { QStringLiteral("created_at"), QDateTime::currentSecsSinceEpoch() } });
}
