#pragma once

#include "core/result.h"
#include "sync/blueskymapping.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

struct SyncContext;
struct HttpResponse;

// XRPC calls to an account's PDS with a kept session, for one sync run in the worker thread.
//
// Tokens live in the SecretStore under the account's keys "access_jwt" and "refresh_jwt"; the app password
// under "app_password". A call uses the access token; when the server refuses it (401, or 400 ExpiredToken /
// InvalidToken) the session is refreshed ONCE per run (com.atproto.server.refreshSession: POST with no body,
// Authorization: Bearer <refresh token>) and the call repeated. Only if that fails is the app password used
// (createSession), because logins are limited to 30 per 5 minutes and 300 a day per account: a run never
// signs in when its tokens still work. New tokens are stored at once (refresh tokens are single-use).
// A refused app password is Error::Code::Auth: the user must create a new one.
class BlueskySession
{
public:
    using Params = QList<QPair<QString, QString>>;

    explicit BlueskySession(SyncContext &ctx);

    // GET /xrpc/<nsid>?params with the session; the body of a 200, or an error in words.
    Result<QByteArray> get(const QString &nsid, const Params &params = {});
    // The account behind the session (com.atproto.server.getSession), signing in if no tokens are stored.
    Result<BlueskyMapping::Session> whoAmI();
    // The DID of the signed-in account, once a call has succeeded (empty before).
    QString did() const { return m_did; }

    // How many times this run signed in with the app password / refreshed (for tests and logs).
    int signIns() const { return m_signIns; }
    int refreshes() const { return m_refreshes; }

    static QUrl defaultServer(); // https://bsky.social

private:
    Result<HttpResponse> send(const QByteArray &method, const QString &nsid, const Params &params,
        const QByteArray &body, const QString &bearer);
    Result<QByteArray> call(const QString &nsid, const Params &params);
    Status renew(); // refresh once, else sign in
    Status signIn(); // createSession with the app password
    Status store(const BlueskyMapping::Session &session);
    QString secret(const QString &name) const;
    Error failure(const HttpResponse &response, const QString &nsid) const;
    static bool isTokenRefused(const HttpResponse &response);

    SyncContext &m_ctx;
    QUrl m_server;
    QString m_access;
    QString m_refresh;
    QString m_did;
    bool m_loaded = false;
    bool m_renewed = false;
    int m_signIns = 0;
    int m_refreshes = 0;
};
