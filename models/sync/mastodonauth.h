#pragma once

#include "core/result.h"
#include "domain/socialaccount.h"
#include "sync/secretstore.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QTcpServer;
class QTcpSocket;
class QTimer;

// Signing in to a Mastodon server, in the GUI thread, without blocking it (signals, no nested event loop).
//
// signIn(): OAuth 2 authorization code flow with PKCE (S256), as Mastodon 4.3+ supports it:
//   1. listen on http://127.0.0.1:<random port>/ for the browser's redirect;
//   2. POST /api/v1/apps (client_name Rapport, that redirect URI, scopes "read") → client id and secret;
//   3. open <server>/oauth/authorize?response_type=code&…&state=…&code_challenge=…&code_challenge_method=S256
//      in the browser (through the OpenBrowser function: QDesktopServices::openUrl by default, tests follow
//      the URL themselves);
//   4. the redirect brings ?code=…&state=… (state checked) and the browser gets a "return to Rapport" page;
//   5. POST /oauth/token with the code and the code_verifier → access token;
//   6. GET /api/v1/accounts/verify_credentials → who signed in.
// Qt 6.4's QOAuth2AuthorizationCodeFlow has no PKCE and listens on every interface, so the three calls are
// made directly with QNetworkAccessManager and a QTcpServer bound to 127.0.0.1 only.
//
// useAccessToken(): "paste an access token" (from the server's Preferences → Development): only step 6.
//
// Either ends with exactly one finished() or failed(). The token is handed over in finished() and never
// logged; storeAccessToken() puts it in the keyring for an account.
class MastodonAuth final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MastodonAuth)

public:
    using OpenBrowser = std::function<bool(const QUrl &)>;

    struct SignedIn
    {
        QString accessToken; // a secret: into SecretStore only
        QString accountId;
        QString handle; // normalized user@domain: the server's account domain (instance `domain`), not the typed host
        QString displayName;
        QUrl serverUrl; // normalized https://server
    };

    explicit MastodonAuth(QNetworkAccessManager &nam, QObject *parent = nullptr);
    ~MastodonAuth() override;

    void setOpenBrowser(OpenBrowser openBrowser) { m_openBrowser = std::move(openBrowser); }
    // How long the user may take in the browser (default 10 minutes) and each HTTP call (default 30 s).
    void setTimeouts(int browserMs, int requestMs);
    // The redirect listener's scheme+host+port once signIn() started (for tests).
    QUrl redirectUri() const { return m_redirectUri; }

    // `server` as typed by the user: "example.social", "https://example.social/", or an http:// loopback
    // URL in tests.
    void signIn(const QString &server);
    void useAccessToken(const QString &server, const QString &accessToken);
    void cancel(); // emits failed(Cancelled) if a sign-in was running

    // Normalizes what a user typed into a server URL (https:// added, path and slash dropped), or says why not.
    static Result<QUrl> serverUrl(const QString &typed);
    // RFC 7636: a fresh code_verifier (43 characters of base64url) and its S256 challenge.
    static QByteArray makeCodeVerifier();
    static QByteArray codeChallenge(const QByteArray &verifier);
    // Writes the token under account.secretKey("access_token").
    static Status storeAccessToken(SecretStore &secrets, const SocialAccount &account, const QString &token)
    {
        return secrets.write(account.secretKey(Networks::traits(Network::Mastodon).secretName), token);
    }

Q_SIGNALS:
    void browserOpened(const QUrl &authorizeUrl);
    void finished(const MastodonAuth::SignedIn &result);
    void failed(const QString &message, int errorCode); // errorCode: int(Error::Code)

private:
    enum class Step { Idle, RegisteringApp, WaitingForBrowser, RequestingToken, VerifyingToken, ReadingInstance };

    QNetworkReply *post(const QString &path, const QList<QPair<QString, QString>> &form);
    void onAppRegistered(QNetworkReply *reply);
    void onRedirect(QTcpSocket *socket);
    void onTokenReceived(QNetworkReply *reply);
    void verify();
    void onVerified(QNetworkReply *reply);
    void readInstance(const QString &path);
    void onInstance(QNetworkReply *reply, bool v2);
    void finish(const QString &accountDomain);
    void fail(const QString &message, Error::Code code);
    void cleanUp();
    QString describeFailure(QNetworkReply *reply, const QByteArray &body) const;

    QNetworkAccessManager &m_nam;
    OpenBrowser m_openBrowser;
    int m_browserTimeoutMs = 10 * 60 * 1000;
    int m_requestTimeoutMs = 30000;
    Step m_step = Step::Idle;
    QUrl m_server;
    QUrl m_redirectUri;
    QString m_clientId;
    QString m_clientSecret;
    QByteArray m_verifier;
    QByteArray m_state;
    QString m_token;
    QByteArray m_account; // the verify_credentials answer, mapped once the account domain is known
    QTcpServer *m_listener = nullptr;
    QTimer *m_browserTimer = nullptr;
    QPointer<QNetworkReply> m_reply;
};
