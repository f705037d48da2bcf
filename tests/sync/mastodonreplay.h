#pragma once

#include "loopbackhttpserver.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>
#include <QUrl>

#include <memory>

// A stand-in Mastodon server on loopback for tests and benchmarks (no Mastodon server can run here).
//
// - Replays recordings (tests/sync/data/mastodon/*.json, see its README): each recorded answer is served
//   once, in recorded order, to the first request with the same method and path (the query is not
//   compared; a trailing slash does not matter). "http://localhost:3000" in bodies and `link` headers
//   becomes this server's base URL; x-ratelimit-* and the other recorded headers are kept. When a path's
//   recordings are used up, a list endpoint answers an empty page (`[]`, no Link header, as Mastodon does)
//   and any other endpoint repeats its last recording.
// - Synthetic notifications: startSynthetic(N) serves N generated mention notifications (ids "1".."N")
//   on GET /api/v1/notifications with Mastodon's paging (limit, max_id, min_id, since_id) and Link headers.
// - Switches: every API request answered 401 (invalid token), the next N requests answered 429 with an
//   ISO-8601 x-ratelimit-reset S seconds ahead, the next N answered 5xx.
// - OAuth with PKCE: POST /api/v1/apps, GET /oauth/authorize (redirects to the registered redirect_uri with
//   ?code=&state= only when code_challenge and code_challenge_method=S256 are present), POST /oauth/token
//   (accepts only a code_verifier whose S256 hash is the challenge). See lastOAuthError().
// - setFault(): answers chosen API requests with a misbehaving reply; setDelayMs(): a slow server.
// - requireToken(t): API requests without "Authorization: Bearer t" get 401.
// - Without recordings, GET /api/v1/accounts/verify_credentials answers a built-in account "agency".
class MastodonReplay final
{
public:
    MastodonReplay();
    ~MastodonReplay();
    Q_DISABLE_COPY_MOVE(MastodonReplay)

    // The folder holding the recordings (tests/sync/data/mastodon in the source tree).
    static QString dataDir();
    // Queues the interactions of one recording file (name relative to dataDir(), or an absolute path).
    bool loadRecording(const QString &fileName, QString *error = nullptr);
    // The response body of interaction `index` of a recording, re-serialized as compact JSON, with
    // "http://localhost:3000" left as recorded (for mapping tests).
    static QByteArray recordedBody(const QString &fileName, int index);
    // Queues one answer by hand (body with "http://localhost:3000" rewritten like the recordings).
    void addReply(const QByteArray &method, const QByteArray &path, int status, const QByteArray &body,
        const QList<QPair<QByteArray, QByteArray>> &headers = {});

    QUrl baseUrl() const { return m_server->baseUrl(); }
    QString host() const { return baseUrl().host(); }
    LoopbackHttpServer &server() { return *m_server; }
    QList<LoopbackHttpServer::Request> requests() const { return m_server->requests(); }
    // The requests whose path is `path`, in order.
    QList<LoopbackHttpServer::Request> requestsTo(const QByteArray &path) const;

    // --- switches ---
    void setUnauthorized(bool on); // every API request → 401 invalid_token
    void failNextWithRateLimit(int count, int resetInSeconds); // the next `count` API requests → 429
    void failNextWithServerError(int count, int status = 503);
    void requireToken(const QByteArray &token); // empty: any token
    // Faults (tests/sync/tst_syncfaults.cpp): API requests whose path is `path` (empty: every API path) are
    // answered with `reply` instead (a hang, a reset, garbage, a huge body, a redirect …), after the first
    // `after` such requests were served normally, `count` times (-1: until clearFault()).
    void setFault(const LoopbackHttpServer::Reply &reply, const QByteArray &path = {}, int after = 0, int count = -1);
    void clearFault();
    // Every API answer is sent `ms` later (a slow server; lets a test kill its client mid-run).
    void setDelayMs(int ms);

    // --- synthetic notifications ---
    // Replaces the synthetic set with `count` mentions (ids "1".."count", one minute apart, newest last)
    // by `authors` different accounts: "author0" is local to this server, the others are
    // "authorK@remote.example".
    void startSynthetic(int count, int authors = 20);
    // Adds `count` newer mentions to the synthetic set.
    void appendSynthetic(int count);
    int syntheticCount() const;
    static QString syntheticAuthorHandle(int k, const QString &localHost); // normalized

    // --- OAuth ---
    QByteArray clientId() const { return "replay-client-id"; }
    QByteArray issuedToken() const { return "replay-access-token"; }
    QString lastOAuthError() const;
    QString registeredRedirectUri() const;
    QByteArray lastCodeChallenge() const;

private:
    struct Recorded
    {
        QByteArray method;
        QByteArray path;
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        bool isList = false;
        bool used = false;
    };
    struct Synthetic
    {
        int count = 0;
        int authors = 20;
    };

    LoopbackHttpServer::Reply handle(const LoopbackHttpServer::Request &request);
    LoopbackHttpServer::Reply answer(const LoopbackHttpServer::Request &request, const QByteArray &path); // no fault
    LoopbackHttpServer::Reply replay(const LoopbackHttpServer::Request &request);
    LoopbackHttpServer::Reply synthetic(const LoopbackHttpServer::Request &request);
    LoopbackHttpServer::Reply oauthApps(const LoopbackHttpServer::Request &request);
    LoopbackHttpServer::Reply oauthAuthorize(const LoopbackHttpServer::Request &request);
    LoopbackHttpServer::Reply oauthToken(const LoopbackHttpServer::Request &request);
    QByteArray rewrite(const QByteArray &text) const;
    QByteArray base() const;

    mutable QMutex m_mutex; // guards everything below (the handler runs in the server thread)
    QList<Recorded> m_recorded;
    bool m_unauthorized = false;
    int m_rateLimited = 0;
    int m_rateLimitResetS = 0;
    int m_serverErrors = 0;
    int m_serverErrorStatus = 503;
    QByteArray m_requiredToken;
    struct Fault
    {
        LoopbackHttpServer::Reply reply;
        QByteArray path;
        int after = 0;
        int count = 0; // 0: off; -1: until cleared
    };
    Fault m_fault;
    int m_delayMs = 0;
    Synthetic m_synthetic;
    bool m_syntheticOn = false;
    QString m_redirectUri;
    QByteArray m_challenge;
    QByteArray m_state;
    QByteArray m_code;
    QString m_oauthError;
    std::unique_ptr<LoopbackHttpServer> m_server; // last: stopped first
};
