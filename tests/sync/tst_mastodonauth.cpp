// MastodonAuth: OAuth 2 authorization code + PKCE (S256) against the replay server, whose /oauth/authorize
// insists on a code_challenge and whose /oauth/token only accepts the matching code_verifier; the browser is
// played by a QNetworkAccessManager following the authorize URL and its redirect to the loopback listener.
#include "mastodonreplay.h"
#include "sync/mastodonauth.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

#include <cctype>
#include <memory>
#include <optional>

namespace {

struct Outcome
{
    std::optional<MastodonAuth::SignedIn> signedIn;
    QString message;
    int code = -1;
    int count = 0;
};

void watch(MastodonAuth &auth, Outcome &outcome)
{
    QObject::connect(&auth, &MastodonAuth::finished, &auth, [&outcome](const MastodonAuth::SignedIn &result) {
        outcome.signedIn = result;
        ++outcome.count;
    });
    QObject::connect(&auth, &MastodonAuth::failed, &auth, [&outcome](const QString &message, int code) {
        outcome.message = message;
        outcome.code = code;
        ++outcome.count;
    });
}

QString queryValue(const QByteArray &formOrQuery, const QString &key)
{
    QByteArray text = formOrQuery;
    text.replace('+', "%20");
    return QUrlQuery(QString::fromLatin1(text)).queryItemValue(key, QUrl::FullyDecoded);
}

} // namespace

class TestMastodonAuth final : public QObject
{
    Q_OBJECT

private slots:
    void pkceHelpers()
    {
        // RFC 7636, appendix B.
        QCOMPARE(MastodonAuth::codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        const QByteArray a = MastodonAuth::makeCodeVerifier();
        const QByteArray b = MastodonAuth::makeCodeVerifier();
        QCOMPARE(a.size(), 43);
        QVERIFY(a != b);
        for (char c : a)
            QVERIFY2(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_', a.constData());
    }

    void serverUrls_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("expected"); // empty: refused
        QTest::newRow("bare host") << QStringLiteral(" Mastodon.Social ") << QStringLiteral("https://mastodon.social");
        QTest::newRow("with path") << QStringLiteral("https://example.social/about/")
                                   << QStringLiteral("https://example.social");
        QTest::newRow("handle") << QStringLiteral("@ana@news.example") << QStringLiteral("https://news.example");
        QTest::newRow("user@host") << QStringLiteral("ana@news.example") << QStringLiteral("https://news.example");
        QTest::newRow("port") << QStringLiteral("https://example.social:8443")
                              << QStringLiteral("https://example.social:8443");
        QTest::newRow("loopback http") << QStringLiteral("http://127.0.0.1:3000")
                                       << QStringLiteral("http://127.0.0.1:3000");
        QTest::newRow("remote http") << QStringLiteral("http://example.social") << QString();
        QTest::newRow("ftp") << QStringLiteral("ftp://example.social") << QString();
        QTest::newRow("empty") << QStringLiteral("  ") << QString();
        QTest::newRow("spaces") << QStringLiteral("not a server") << QString();
    }
    void serverUrls()
    {
        QFETCH(QString, typed);
        QFETCH(QString, expected);
        Result<QUrl> url = MastodonAuth::serverUrl(typed);
        if (expected.isEmpty()) {
            QVERIFY(!url.ok());
            QCOMPARE(url.error().code, Error::Code::Validation);
            QVERIFY(!url.error().message.isEmpty());
        } else {
            QVERIFY2(url.ok(), url.ok() ? "" : qPrintable(url.error().message));
            QCOMPARE(url->toString(), expected);
        }
    }

    void signInWithPkce()
    {
        MastodonReplay replay;
        replay.requireToken(replay.issuedToken()); // verify_credentials must carry the issued token
        QNetworkAccessManager nam;
        QNetworkAccessManager browser;
        MastodonAuth auth(nam);
        QUrl opened;
        auth.setOpenBrowser([&](const QUrl &url) {
            opened = url;
            QNetworkReply *reply = browser.get(QNetworkRequest(url)); // follows the redirect to 127.0.0.1
            QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
            return true;
        });
        Outcome outcome;
        watch(auth, outcome);
        auth.signIn(replay.baseUrl().toString());
        QTRY_COMPARE_WITH_TIMEOUT(outcome.count, 1, 10000);
        QVERIFY2(outcome.signedIn.has_value(), qPrintable(outcome.message + u' ' + replay.lastOAuthError()));
        QCOMPARE(outcome.signedIn->accessToken, QString::fromLatin1(replay.issuedToken()));
        QCOMPARE(outcome.signedIn->accountId, QStringLiteral("1"));
        QCOMPARE(outcome.signedIn->handle, QStringLiteral("agency@127.0.0.1"));
        QCOMPARE(outcome.signedIn->displayName, QStringLiteral("Agency"));
        QCOMPARE(outcome.signedIn->serverUrl, replay.baseUrl());

        // The app was registered for the loopback listener, with read scope only.
        const auto apps = replay.requestsTo("/api/v1/apps");
        QCOMPARE(apps.size(), 1);
        QCOMPARE(queryValue(apps.first().body, QStringLiteral("client_name")), QStringLiteral("Rapport"));
        QCOMPARE(queryValue(apps.first().body, QStringLiteral("scopes")), QStringLiteral("read"));
        const QString redirect = queryValue(apps.first().body, QStringLiteral("redirect_uris"));
        QVERIFY(redirect.startsWith(QStringLiteral("http://127.0.0.1:")));
        QCOMPARE(redirect, replay.registeredRedirectUri());

        // The browser was sent to /oauth/authorize with an S256 challenge, and the token request carried
        // the verifier that hashes to it (the replay server refuses anything else).
        const QUrlQuery authorize(opened);
        QCOMPARE(opened.path(), QStringLiteral("/oauth/authorize"));
        QCOMPARE(authorize.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
        const QByteArray challenge = authorize.queryItemValue(QStringLiteral("code_challenge")).toLatin1();
        QCOMPARE(challenge, replay.lastCodeChallenge());
        const auto token = replay.requestsTo("/oauth/token");
        QCOMPARE(token.size(), 1);
        const QByteArray verifier = queryValue(token.first().body, QStringLiteral("code_verifier")).toLatin1();
        QCOMPARE(verifier.size(), 43);
        QCOMPARE(MastodonAuth::codeChallenge(verifier), challenge);
        QCOMPARE(queryValue(token.first().body, QStringLiteral("grant_type")), QStringLiteral("authorization_code"));
        QCOMPARE(replay.lastOAuthError(), QString());
        const auto verify = replay.requestsTo("/api/v1/accounts/verify_credentials");
        QCOMPARE(verify.size(), 1);
        QCOMPARE(verify.first().headers.value("authorization"), QByteArray("Bearer ") + replay.issuedToken());

        // The listener is closed afterwards.
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, quint16(QUrl(redirect).port()));
        QVERIFY(!probe.waitForConnected(1000));
    }

    void replayRefusesAWrongVerifier()
    {
        // The check the previous test relies on can fail: a verifier that does not hash to the challenge.
        MastodonReplay replay;
        QNetworkAccessManager nam;
        auto post = [&](const QByteArray &path, const QByteArray &form) {
            QNetworkRequest request(replay.baseUrl().resolved(QUrl(QString::fromLatin1(path))));
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
            std::unique_ptr<QNetworkReply> reply(nam.post(request, form));
            QSignalSpy done(reply.get(), &QNetworkReply::finished);
            done.wait(5000);
            return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        };
        QCOMPARE(post("/api/v1/apps", "client_name=x&redirect_uris=http%3A%2F%2F127.0.0.1%3A9%2F&scopes=read"), 200);
        const QByteArray verifier = MastodonAuth::makeCodeVerifier();
        QUrl authorize = replay.baseUrl().resolved(QUrl(QStringLiteral("/oauth/authorize")));
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
        query.addQueryItem(QStringLiteral("client_id"), QString::fromLatin1(replay.clientId()));
        query.addQueryItem(QStringLiteral("redirect_uri"), QStringLiteral("http%3A%2F%2F127.0.0.1%3A9%2F"));
        query.addQueryItem(
            QStringLiteral("code_challenge"), QString::fromLatin1(MastodonAuth::codeChallenge(verifier)));
        query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
        authorize.setQuery(query);
        QNetworkRequest request(authorize);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        std::unique_ptr<QNetworkReply> reply(nam.get(request));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        QVERIFY(done.wait(5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 302);
        const QString code
            = QUrlQuery(QUrl(QString::fromLatin1(reply->rawHeader("Location")))).queryItemValue(QStringLiteral("code"));
        QVERIFY(!code.isEmpty());
        const QByteArray base = "grant_type=authorization_code&client_id=" + replay.clientId()
            + "&client_secret=replay-client-secret&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2F&code=" + code.toLatin1();
        QCOMPARE(post("/oauth/token", base + "&code_verifier=" + MastodonAuth::makeCodeVerifier()), 400);
        QCOMPARE(replay.lastOAuthError(), QStringLiteral("code_verifier does not match the challenge"));
        QCOMPARE(post("/oauth/token", base), 400);
        QCOMPARE(replay.lastOAuthError(), QStringLiteral("code_verifier missing"));
        QCOMPARE(post("/oauth/token", base + "&code_verifier=" + verifier), 200);

        // And /oauth/authorize refuses a request without a challenge.
        query.removeAllQueryItems(QStringLiteral("code_challenge"));
        authorize.setQuery(query);
        request.setUrl(authorize);
        std::unique_ptr<QNetworkReply> plain(nam.get(request));
        QSignalSpy plainDone(plain.get(), &QNetworkReply::finished);
        QVERIFY(plainDone.wait(5000));
        QCOMPARE(plain->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
        QCOMPARE(replay.lastOAuthError(), QStringLiteral("code_challenge missing"));
    }

    void deniedInTheBrowser()
    {
        MastodonReplay replay;
        QNetworkAccessManager nam;
        QNetworkAccessManager browser;
        MastodonAuth auth(nam);
        auth.setOpenBrowser([&](const QUrl &url) {
            // The user clicks "Deny": Mastodon redirects with error=access_denied and the state.
            QUrl back(QUrlQuery(url).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
            QUrlQuery query;
            query.addQueryItem(QStringLiteral("error"), QStringLiteral("access_denied"));
            query.addQueryItem(QStringLiteral("state"), QUrlQuery(url).queryItemValue(QStringLiteral("state")));
            back.setQuery(query);
            QNetworkReply *reply = browser.get(QNetworkRequest(back));
            QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
            return true;
        });
        Outcome outcome;
        watch(auth, outcome);
        auth.signIn(replay.baseUrl().toString());
        QTRY_COMPARE_WITH_TIMEOUT(outcome.count, 1, 10000);
        QVERIFY(!outcome.signedIn);
        QCOMPARE(outcome.code, int(Error::Code::Cancelled));
        QVERIFY(outcome.message.contains(QStringLiteral("denied")));
        QCOMPARE(replay.requestsTo("/oauth/token").size(), 0);
    }

    void forgedStateIsIgnored()
    {
        MastodonReplay replay;
        QNetworkAccessManager nam;
        QNetworkAccessManager browser;
        MastodonAuth auth(nam);
        auth.setTimeouts(1500, 5000);
        QByteArray page;
        auth.setOpenBrowser([&](const QUrl &url) {
            QUrl back(QUrlQuery(url).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
            back.setQuery(QStringLiteral("code=stolen&state=forged"));
            QNetworkReply *reply = browser.get(QNetworkRequest(back));
            QObject::connect(reply, &QNetworkReply::finished, reply, [reply, &page] {
                page = reply->readAll();
                reply->deleteLater();
            });
            return true;
        });
        Outcome outcome;
        watch(auth, outcome);
        auth.signIn(replay.baseUrl().toString());
        QTRY_VERIFY_WITH_TIMEOUT(!page.isEmpty(), 5000);
        QVERIFY(page.contains("out of date"));
        QCOMPARE(outcome.count, 0); // still waiting for the real redirect…
        QTRY_COMPARE_WITH_TIMEOUT(outcome.count, 1, 5000); // …until the browser timeout
        QCOMPARE(outcome.code, int(Error::Code::Network));
        QCOMPARE(replay.requestsTo("/oauth/token").size(), 0);
    }

    void notAMastodonServer()
    {
        LoopbackHttpServer web([](const LoopbackHttpServer::Request &) {
            return LoopbackHttpServer::Reply::text("<html>Not here</html>", "text/html", 404);
        });
        QNetworkAccessManager nam;
        MastodonAuth auth(nam);
        bool browserOpened = false;
        auth.setOpenBrowser([&](const QUrl &) { return browserOpened = true; });
        Outcome outcome;
        watch(auth, outcome);
        auth.signIn(web.baseUrl().toString());
        QTRY_COMPARE_WITH_TIMEOUT(outcome.count, 1, 10000);
        QVERIFY(!browserOpened);
        QCOMPARE(outcome.code, int(Error::Code::Network));
        QVERIFY2(outcome.message.contains(QStringLiteral("is not a Mastodon server")), qPrintable(outcome.message));
    }

    void unreachableServer()
    {
        quint16 port = 0;
        {
            LoopbackHttpServer gone([](const LoopbackHttpServer::Request &) { return LoopbackHttpServer::Reply(); });
            port = gone.port();
        }
        QNetworkAccessManager nam;
        MastodonAuth auth(nam);
        Outcome outcome;
        watch(auth, outcome);
        auth.signIn(QStringLiteral("http://127.0.0.1:%1").arg(port));
        QTRY_COMPARE_WITH_TIMEOUT(outcome.count, 1, 10000);
        QCOMPARE(outcome.code, int(Error::Code::Network));
        QVERIFY2(outcome.message.startsWith(QStringLiteral("Could not reach 127.0.0.1")), qPrintable(outcome.message));
    }

    void cancelWhileWaitingForTheBrowser()
    {
        MastodonReplay replay;
        QNetworkAccessManager nam;
        MastodonAuth auth(nam);
        auth.setOpenBrowser([](const QUrl &) { return true; }); // the user never comes back
        QSignalSpy opened(&auth, &MastodonAuth::browserOpened);
        Outcome outcome;
        watch(auth, outcome);
        auth.signIn(replay.baseUrl().toString());
        QVERIFY(opened.wait(5000));
        const quint16 port = quint16(auth.redirectUri().port());
        auth.cancel();
        QCOMPARE(outcome.count, 1);
        QCOMPARE(outcome.code, int(Error::Code::Cancelled));
        auth.cancel(); // nothing running: no second signal
        QCOMPARE(outcome.count, 1);
        QTest::qWait(50);
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!probe.waitForConnected(1000));
    }

    // Issue 9: on a split-domain server (users @name@example.com, served from another host) the signed-in
    // account's handle takes the domain the server announces (/api/v2/instance `domain`; before Mastodon 4.0
    // /api/v1/instance `uri`), as the sync does, not the host of the address typed in.
    void splitDomainHandle_data()
    {
        QTest::addColumn<bool>("browser");
        QTest::addColumn<bool>("v2");
        QTest::newRow("browser sign-in, v2 instance") << true << true;
        QTest::newRow("pasted token, v2 instance") << false << true;
        QTest::newRow("pasted token, v1 instance only") << false << false;
    }
    void splitDomainHandle()
    {
        QFETCH(bool, browser);
        QFETCH(bool, v2);
        MastodonReplay replay;
        replay.requireToken(browser ? replay.issuedToken() : QByteArray("pasted-token"));
        // The recorded /api/v2/instance of the development server, answering for a split domain.
        QJsonObject instance
            = QJsonDocument::fromJson(MastodonReplay::recordedBody(QStringLiteral("instance.json"), 0)).object();
        QCOMPARE(instance.value(QLatin1String("domain")).toString(), QStringLiteral("localhost:3000"));
        if (v2) {
            instance.insert(QLatin1String("domain"), QStringLiteral("example.com"));
            replay.addReply("GET", "/api/v2/instance", 200, QJsonDocument(instance).toJson(QJsonDocument::Compact));
        } else {
            replay.addReply("GET", "/api/v2/instance", 404, R"({"error":"Record not found"})");
            replay.addReply("GET", "/api/v1/instance", 200, R"({"uri":"example.com","title":"Old server"})");
        }
        QVERIFY(replay.host() != u"example.com");
        QNetworkAccessManager nam;
        QNetworkAccessManager web;
        MastodonAuth auth(nam);
        auth.setOpenBrowser([&](const QUrl &url) {
            QNetworkReply *reply = web.get(QNetworkRequest(url));
            QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
            return true;
        });
        Outcome outcome;
        watch(auth, outcome);
        if (browser)
            auth.signIn(replay.baseUrl().toString());
        else
            auth.useAccessToken(replay.baseUrl().toString(), QStringLiteral("pasted-token"));
        QTRY_COMPARE_WITH_TIMEOUT(outcome.count, 1, 10000);
        QVERIFY2(outcome.signedIn.has_value(), qPrintable(outcome.message));
        QCOMPARE(outcome.signedIn->handle, QStringLiteral("agency@example.com"));
        QCOMPARE(outcome.signedIn->serverUrl, replay.baseUrl()); // the API stays on the host typed in
        QCOMPARE(replay.requestsTo("/api/v2/instance").size(), 1);
        QCOMPARE(replay.requestsTo("/api/v1/instance").size(), v2 ? 0 : 1);
        const QByteArray token = browser ? replay.issuedToken() : QByteArray("pasted-token");
        QCOMPARE(replay.requestsTo("/api/v2/instance").first().headers.value("authorization"),
            QByteArray("Bearer ") + token);
    }

    void pastedAccessToken()
    {
        MastodonReplay replay;
        replay.requireToken("pasted-token");
        QNetworkAccessManager nam;
        MastodonAuth auth(nam);
        Outcome good;
        watch(auth, good);
        auth.useAccessToken(replay.baseUrl().toString(), QStringLiteral("  pasted-token\n"));
        QTRY_COMPARE_WITH_TIMEOUT(good.count, 1, 10000);
        QVERIFY2(good.signedIn.has_value(), qPrintable(good.message));
        QCOMPARE(good.signedIn->accessToken, QStringLiteral("pasted-token"));
        QCOMPARE(good.signedIn->handle, QStringLiteral("agency@127.0.0.1"));

        MastodonAuth other(nam);
        Outcome bad;
        watch(other, bad);
        other.useAccessToken(replay.baseUrl().toString(), QStringLiteral("wrong-token"));
        QTRY_COMPARE_WITH_TIMEOUT(bad.count, 1, 10000);
        QVERIFY(!bad.signedIn);
        QCOMPARE(bad.code, int(Error::Code::Auth));
        QVERIFY(!bad.message.contains(QStringLiteral("wrong-token"))); // never echo a secret

        MastodonAuth blank(nam);
        Outcome empty;
        watch(blank, empty);
        blank.useAccessToken(replay.baseUrl().toString(), QStringLiteral("two words"));
        QCOMPARE(empty.count, 1);
        QCOMPARE(empty.code, int(Error::Code::Validation));
    }
};

QTEST_GUILESS_MAIN(TestMastodonAuth)
#include "tst_mastodonauth.moc"
