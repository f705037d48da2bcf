// SyncHttp against a real HTTP server on loopback: statuses, retries, timeouts, broken connections, body
// limits, redirects, rate limits (Mastodon and Bluesky style) and cancellation from another thread.
// Back-off and rate-limit waits are checked against a SteppingClock (tests/support/steppingclock.h): they pass in no real time
// and the test reads how long they were. No test asserts how long something took on the wall clock.
#include "core/clock.h"
#include "steppingclock.h"
#include "loopbackhttpserver.h"
#include "sync/synchttp.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <atomic>
#include <thread>

using Reply = LoopbackHttpServer::Reply;
using Request = LoopbackHttpServer::Request;

namespace {

SyncHttp::Options fastOptions()
{
    SyncHttp::Options options;
    // Far beyond any answer of the loopback server: at load 10-15 on 2 cores a 2 s timeout fired on the
    // truncated-body test's healthy second request (3 requests instead of 2). The timeout tests set their own.
    options.timeoutMs = 15000;
    options.backoffBaseMs = 1000; // scaled by setTimeScale in the tests
    return options;
}

HttpRequest get(const QUrl &url)
{
    HttpRequest request;
    request.url = url;
    return request;
}

QUrl at(const LoopbackHttpServer &server, const QString &path)
{
    return server.baseUrl().resolved(QUrl(path));
}

// Cancels `token` after `ms` from another thread; joins on destruction.
class DelayedCancel
{
public:
    DelayedCancel(CancelToken &token, int ms)
        : m_thread([&token, ms] {
              std::this_thread::sleep_for(std::chrono::milliseconds(ms));
              token.cancel();
          })
    {
    }
    ~DelayedCancel() { m_thread.join(); }

private:
    std::thread m_thread;
};

// Answers every connection with a body of `bytes` and no Content-Length, ending it by closing the connection
// (what HTTP/1.0 servers and some feed hosts do). LoopbackHttpServer always announces the length.
class CloseDelimitedServer
{
public:
    explicit CloseDelimitedServer(qint64 bytes)
    {
        QSemaphore ready;
        m_thread.reset(QThread::create([this, bytes, &ready] {
            QTcpServer server;
            server.listen(QHostAddress::LocalHost, 0);
            m_port = server.serverPort();
            ready.release();
            while (!m_stop.load()) {
                if (!server.waitForNewConnection(50))
                    continue;
                std::unique_ptr<QTcpSocket> socket(server.nextPendingConnection());
                QByteArray head;
                while (!head.contains("\r\n\r\n") && socket->waitForReadyRead(2000))
                    head += socket->readAll();
                socket->write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n");
                const QByteArray chunk(64 * 1024, 'z');
                for (qint64 left = bytes; left > 0 && socket->state() == QAbstractSocket::ConnectedState;) {
                    const qint64 n = qMin<qint64>(left, chunk.size());
                    socket->write(chunk.constData(), n);
                    left -= n;
                    socket->waitForBytesWritten(2000);
                }
                socket->disconnectFromHost();
                if (socket->state() != QAbstractSocket::UnconnectedState)
                    socket->waitForDisconnected(2000);
            }
        }));
        m_thread->start();
        ready.acquire();
    }
    ~CloseDelimitedServer()
    {
        m_stop.store(true);
        m_thread->wait();
    }
    quint16 port() const { return m_port; }

private:
    std::unique_ptr<QThread> m_thread;
    std::atomic<bool> m_stop{false};
    quint16 m_port = 0;
};

QByteArray isoIn(qint64 ms)
{
    return QDateTime::currentDateTimeUtc().addMSecs(ms).toString(Qt::ISODateWithMs).toLatin1();
}

} // namespace

class TestSyncHttp final : public QObject
{
    Q_OBJECT

    // Installed for every test; the tests that cancel a real wait from another thread remove it.
    std::unique_ptr<SteppingClock> m_clock;

private slots:
    void init() { m_clock = std::make_unique<SteppingClock>(QDateTime::currentDateTimeUtc()); }
    void cleanup() { m_clock.reset(); }
    void okWithHeadersAndUserAgent()
    {
        LoopbackHttpServer server([](const Request &) {
            Reply reply = Reply::json(R"({"hello":"world"})");
            reply.headers.append(QPair<QByteArray, QByteArray>{"X-RateLimit-Remaining", "299"});
            reply.headers.append(QPair<QByteArray, QByteArray>{"ETag", "W/\"abc\""});
            return reply;
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        HttpRequest request = get(at(server, QStringLiteral("/api/v1/x?a=1")));
        request.headers.append(QPair<QByteArray, QByteArray>{"Authorization", "Bearer secret-token"});
        request.headers.append(QPair<QByteArray, QByteArray>{"Accept", "application/json"});
        const auto result = http.send(request, RateLimitStyle::Mastodon);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->status, 200);
        QCOMPARE(result->body, QByteArray(R"({"hello":"world"})"));
        QCOMPARE(result->header("x-ratelimit-remaining"), QByteArray("299"));
        QCOMPARE(result->header("etag"), QByteArray("W/\"abc\""));
        QCOMPARE(result->header("content-type"), QByteArray("application/json; charset=utf-8"));
        QCOMPARE(SyncHttp::rateLimitRemaining(*result, RateLimitStyle::Mastodon), 299);
        QCOMPARE(result->url, request.url);
        const QList<Request> seen = server.requests();
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen.first().target, QByteArray("/api/v1/x?a=1"));
        QCOMPARE(seen.first().headers.value("authorization"), QByteArray("Bearer secret-token"));
        QCOMPARE(seen.first().headers.value("accept"), QByteArray("application/json"));
        QCOMPARE(seen.first().headers.value("user-agent"), fastOptions().userAgent);
    }

    void postWithBody()
    {
        LoopbackHttpServer server([](const Request &request) { return Reply::json(request.body, 201); });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        HttpRequest request = get(at(server, QStringLiteral("/xrpc/com.atproto.server.createSession")));
        request.method = "POST";
        request.headers.append(QPair<QByteArray, QByteArray>{"Content-Type", "application/json"});
        request.body = R"({"identifier":"a.test"})";
        const auto result = http.send(request);
        QVERIFY(result.ok());
        QCOMPARE(result->status, 201);
        QCOMPARE(result->body, request.body);
        QCOMPARE(server.requests().first().method, QByteArray("POST"));
    }

    void statusesReturnedAsIs_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("304") << 304;
        QTest::newRow("400") << 400;
        QTest::newRow("401") << 401;
        QTest::newRow("403") << 403;
        QTest::newRow("404") << 404;
        QTest::newRow("422") << 422;
    }

    void statusesReturnedAsIs()
    {
        QFETCH(int, status);
        LoopbackHttpServer server([status](const Request &) {
            return status == 304 ? Reply::text({}, "text/plain", 304) : Reply::json(R"({"error":"no"})", status);
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        http.setTimeScale(0.001);
        HttpRequest request = get(at(server, QStringLiteral("/thing")));
        if (status == 304)
            request.headers.append(QPair<QByteArray, QByteArray>{"If-None-Match", "W/\"abc\""});
        const auto result = http.send(request);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->status, status);
        if (status != 304)
            QCOMPARE(result->body, QByteArray(R"({"error":"no"})"));
        QCOMPARE(server.requestCount(), 1); // never retried
    }

    void serverErrorsRetriedThenSuccess()
    {
        std::atomic<int> calls{0};
        LoopbackHttpServer server([&calls](const Request &) {
            return ++calls <= 2 ? Reply::json("{}", 500) : Reply::json(R"({"ok":true})");
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        const auto result = http.send(get(at(server, QStringLiteral("/flaky"))));
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->status, 200);
        QCOMPARE(server.requestCount(), 3);
        // Back-off 1 s, then 2 s, each ±25 %.
        const QList<qint64> waits = m_clock->waits();
        QCOMPARE(waits.size(), 2);
        QVERIFY2(waits.at(0) >= 750 && waits.at(0) <= 1250, qPrintable(QString::number(waits.at(0))));
        QVERIFY2(waits.at(1) >= 1500 && waits.at(1) <= 2500, qPrintable(QString::number(waits.at(1))));
    }

    void alwaysUnavailableFailsAfterMaxAttempts()
    {
        LoopbackHttpServer server([](const Request &) { return Reply::json("{}", 503); });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp::Options options = fastOptions();
        options.maxAttempts = 3;
        SyncHttp http(nam, cancel, options);
        http.setTimeScale(0.001);
        const auto result = http.send(get(at(server, QStringLiteral("/down"))));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Network);
        QCOMPARE(server.requestCount(), 3);
        QVERIFY2(result.error().message.contains(QStringLiteral("127.0.0.1")), qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(QStringLiteral("503")), qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(QStringLiteral("3 attempts")), qPrintable(result.error().message));
    }

    void hangingServerTimesOut()
    {
        LoopbackHttpServer server([](const Request &) {
            Reply reply;
            reply.behaviour = Reply::Behaviour::Hang;
            return reply;
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp::Options options = fastOptions();
        options.timeoutMs = 300;
        options.maxAttempts = 2;
        SyncHttp http(nam, cancel, options);
        const auto result = http.send(get(at(server, QStringLiteral("/hang"))));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Network);
        QVERIFY2(result.error().message.contains(QStringLiteral("did not answer within")),
                 qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(QStringLiteral("2 attempts")), qPrintable(result.error().message));
        QCOMPARE(server.requestCount(), 2);
        QCOMPARE(m_clock->waits().size(), 1); // one back-off between the two attempts
    }

    void slowButSteadyAnswerIsNotATimeout()
    {
        LoopbackHttpServer server([](const Request &) {
            Reply reply = Reply::json("{}");
            reply.delayMs = 150;
            return reply;
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp::Options options = fastOptions();
        options.timeoutMs = 400;
        SyncHttp http(nam, cancel, options);
        const auto result = http.send(get(at(server, QStringLiteral("/slow"))));
        QVERIFY(result.ok());
        QCOMPARE(server.requestCount(), 1);
    }

    // A byte every 100 ms never leaves the connection idle for the transfer timeout; the deadline ends it.
    void drippingServerHitsTheDeadline()
    {
        LoopbackHttpServer server([](const Request &) {
            Reply reply = Reply::json("[" + QByteArray(1000, ' ') + "]");
            reply.trickleMs = 100;
            return reply;
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp::Options options = fastOptions();
        options.timeoutMs = 300;
        options.deadlineMs = 800;
        options.maxAttempts = 2;
        SyncHttp http(nam, cancel, options);
        const auto result = http.send(get(at(server, QStringLiteral("/drip"))));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Network);
        QVERIFY2(result.error().message.contains(QStringLiteral("took more than")), qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(QStringLiteral("2 attempts")), qPrintable(result.error().message));
        QCOMPARE(server.requestCount(), 2);
        QCOMPARE(m_clock->waits().size(), 1);
    }

    void connectionResetIsRetried()
    {
        std::atomic<int> calls{0};
        LoopbackHttpServer server([&calls](const Request &) {
            Reply reply = Reply::json(R"({"ok":true})");
            if (++calls == 1)
                reply.behaviour = Reply::Behaviour::Reset;
            return reply;
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        http.setTimeScale(0.001);
        const auto result = http.send(get(at(server, QStringLiteral("/reset"))));
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->body, QByteArray(R"({"ok":true})"));
        QCOMPARE(server.requestCount(), 2);
    }

    void connectionResetEveryTime()
    {
        LoopbackHttpServer server([](const Request &) {
            Reply reply;
            reply.behaviour = Reply::Behaviour::Reset;
            return reply;
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp::Options options = fastOptions();
        options.maxAttempts = 2;
        SyncHttp http(nam, cancel, options);
        http.setTimeScale(0.001);
        const auto result = http.send(get(at(server, QStringLiteral("/reset"))));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Network);
        QVERIFY2(result.error().message.contains(QStringLiteral("closed the connection")),
                 qPrintable(result.error().message));
        // Qt itself resends once when a kept-alive connection closes under a request; what counts is that
        // SyncHttp tried again and then gave up.
        QVERIFY2(server.requestCount() >= 2 && server.requestCount() <= 4, qPrintable(QString::number(server.requestCount())));
    }

    void connectionRefused()
    {
        quint16 port = 0;
        {
            LoopbackHttpServer closed([](const Request &) { return Reply::json("{}"); });
            port = closed.port();
        } // nobody listens on `port` any more
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp::Options options = fastOptions();
        options.maxAttempts = 2;
        SyncHttp http(nam, cancel, options);
        http.setTimeScale(0.001);
        const auto result = http.send(get(QUrl(QStringLiteral("http://127.0.0.1:%1/x").arg(port))));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Network);
        QVERIFY2(result.error().message.contains(QStringLiteral("refused")), qPrintable(result.error().message));
    }

    void truncatedBodyIsRetried()
    {
        std::atomic<int> calls{0};
        LoopbackHttpServer server([&calls](const Request &) {
            Reply reply = Reply::json(R"({"items":[1,2,3]})");
            if (++calls == 1)
                reply.behaviour = Reply::Behaviour::Truncate;
            return reply;
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        http.setTimeScale(0.001);
        const auto result = http.send(get(at(server, QStringLiteral("/short"))));
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->body, QByteArray(R"({"items":[1,2,3]})"));
        QCOMPARE(server.requestCount(), 2);
    }

    void truncatedBodyEveryTime()
    {
        LoopbackHttpServer server([](const Request &) {
            Reply reply = Reply::json(R"({"items":[1,2,3]})");
            reply.behaviour = Reply::Behaviour::Truncate;
            return reply;
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp::Options options = fastOptions();
        options.maxAttempts = 2;
        SyncHttp http(nam, cancel, options);
        http.setTimeScale(0.001);
        const auto result = http.send(get(at(server, QStringLiteral("/short"))));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Network);
        QVERIFY2(result.error().message.contains(QStringLiteral("before its answer was complete")),
                 qPrintable(result.error().message));
    }

    void hugeBodyRefused()
    {
        LoopbackHttpServer server([](const Request &) {
            Reply reply = Reply::text(QByteArray(64 * 1024, 'x'), "text/plain");
            reply.repeatBodyTo = 12 * 1024 * 1024;
            return reply;
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions()); // the default limit: 10 MB
        http.setTimeScale(0.001);
        const auto result = http.send(get(at(server, QStringLiteral("/huge"))));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Network);
        QVERIFY2(result.error().message.contains(QStringLiteral("more than 10 MB")), qPrintable(result.error().message));
        QCOMPARE(server.requestCount(), 1); // not retried
    }

    void bigBodyUnderTheLimitAccepted()
    {
        LoopbackHttpServer server([](const Request &) {
            Reply reply = Reply::text(QByteArray(64 * 1024, 'x'), "text/plain");
            reply.repeatBodyTo = 12 * 1024 * 1024;
            return reply;
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp::Options options = fastOptions();
        options.maxBodyBytes = 20 * 1024 * 1024;
        SyncHttp http(nam, cancel, options);
        const auto result = http.send(get(at(server, QStringLiteral("/huge"))));
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->body.size(), 12 * 1024 * 1024);
    }

    void hugeBodyWithoutLengthRefused()
    {
        // An HTTP/1.0-style answer that ends when the connection closes: no Content-Length to refuse it by, so
        // the limit must be enforced while the body streams in.
        CloseDelimitedServer server(3 * 1024 * 1024);
        QVERIFY(server.port() != 0);
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp::Options options = fastOptions();
        options.maxBodyBytes = 1024 * 1024;
        SyncHttp http(nam, cancel, options);
        const auto result = http.send(get(QUrl(QStringLiteral("http://127.0.0.1:%1/stream").arg(server.port()))));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Network);
        QVERIFY2(result.error().message.contains(QStringLiteral("more than 1 MB")), qPrintable(result.error().message));
    }

    void closeDelimitedBodyAccepted()
    {
        CloseDelimitedServer server(512 * 1024);
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        const auto result = http.send(get(QUrl(QStringLiteral("http://127.0.0.1:%1/stream").arg(server.port()))));
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->body.size(), 512 * 1024);
    }

    void redirectChainFollowed()
    {
        LoopbackHttpServer server([](const Request &request) {
            if (request.path() == "/a")
                return Reply::redirect("/b", 301);
            if (request.path() == "/b")
                return Reply::redirect("/final?x=1", 302);
            return Reply::json(R"({"at":"final"})");
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        HttpRequest request = get(at(server, QStringLiteral("/a")));
        request.headers.append(QPair<QByteArray, QByteArray>{"Authorization", "Bearer same-origin"});
        const auto result = http.send(request);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->status, 200);
        QCOMPARE(result->body, QByteArray(R"({"at":"final"})"));
        QCOMPARE(result->url, at(server, QStringLiteral("/final?x=1")));
        const QList<Request> seen = server.requests();
        QCOMPARE(seen.size(), 3);
        QCOMPARE(seen.last().target, QByteArray("/final?x=1"));
        QCOMPARE(seen.last().headers.value("authorization"), QByteArray("Bearer same-origin"));
    }

    void crossOriginRedirectDropsCredentials()
    {
        LoopbackHttpServer other([](const Request &) { return Reply::json(R"({"other":true})"); });
        const QByteArray target = at(other, QStringLiteral("/landing")).toEncoded();
        LoopbackHttpServer server([target](const Request &) { return Reply::redirect(target, 307); });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        HttpRequest request = get(at(server, QStringLiteral("/start")));
        request.headers.append(QPair<QByteArray, QByteArray>{"Authorization", "Bearer must-not-leak"});
        const auto result = http.send(request);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->body, QByteArray(R"({"other":true})"));
        QCOMPARE(server.requests().first().headers.value("authorization"), QByteArray("Bearer must-not-leak"));
        QCOMPARE(other.requestCount(), 1);
        QVERIFY(!other.requests().first().headers.contains("authorization"));
    }

    void redirectAfterPostBecomesGet()
    {
        LoopbackHttpServer server([](const Request &request) {
            if (request.path() == "/form")
                return Reply::redirect("/done", 303);
            return Reply::json("\"" + request.method + "\"");
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        HttpRequest request = get(at(server, QStringLiteral("/form")));
        request.method = "POST";
        request.headers.append(QPair<QByteArray, QByteArray>{"Content-Type", "application/json"});
        request.body = "{}";
        const auto result = http.send(request);
        QVERIFY(result.ok());
        QCOMPARE(result->body, QByteArray("\"GET\""));
    }

    void redirectLoopFails()
    {
        LoopbackHttpServer server([](const Request &request) {
            return Reply::redirect(request.path() == "/ping" ? "/pong" : "/ping");
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        http.setTimeScale(0.001);
        const auto result = http.send(get(at(server, QStringLiteral("/ping"))));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Network);
        QVERIFY2(result.error().message.contains(QStringLiteral("redirects in a loop")),
                 qPrintable(result.error().message));
        QCOMPARE(server.requestCount(), 6); // the request and 5 redirects, no retries
    }

    void redirectToOtherSchemeRefused()
    {
        LoopbackHttpServer server([](const Request &) { return Reply::redirect("file:///etc/passwd"); });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        const auto result = http.send(get(at(server, QStringLiteral("/x"))));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Network);
        QCOMPARE(server.requestCount(), 1);
    }

    void mastodon429WaitsForIsoReset()
    {
        std::atomic<int> calls{0};
        LoopbackHttpServer server([&calls](const Request &) {
            if (++calls == 1) {
                Reply reply = Reply::json(R"({"error":"Too many requests"})", 429);
                reply.headers.append(QPair<QByteArray, QByteArray>{"X-RateLimit-Limit", "300"});
                reply.headers.append(QPair<QByteArray, QByteArray>{"X-RateLimit-Remaining", "0"});
                reply.headers.append(QPair<QByteArray, QByteArray>{"X-RateLimit-Reset", isoIn(2000)});
                return reply;
            }
            return Reply::json("[]");
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        const auto result = http.send(get(at(server, QStringLiteral("/api/v1/notifications"))),
                                      RateLimitStyle::Mastodon);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->status, 200);
        QCOMPARE(server.requestCount(), 2);
        // Until the announced reset: 2 s after the server answered (the test clock stands where the test began).
        QCOMPARE(m_clock->waits().size(), 1);
        QVERIFY2(m_clock->waitedMs() >= 2000 && m_clock->waitedMs() < 10000,
            qPrintable(QString::number(m_clock->waitedMs())));
    }

    void retryAfterWithoutStyle()
    {
        std::atomic<int> calls{0};
        LoopbackHttpServer server([&calls](const Request &) {
            if (++calls == 1) {
                Reply reply = Reply::json("{}", 429);
                reply.headers.append(QPair<QByteArray, QByteArray>{"Retry-After", "3"});
                return reply;
            }
            return Reply::json("{}");
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        const auto result = http.send(get(at(server, QStringLiteral("/feed.xml"))));
        QVERIFY(result.ok());
        QCOMPARE(server.requestCount(), 2);
        QCOMPARE(m_clock->waits(), QList<qint64> { 3000 }); // Retry-After: 3
    }

    void rateLimitWithoutResetWaitsAMinute()
    {
        std::atomic<int> calls{0};
        LoopbackHttpServer server([&calls](const Request &) {
            return ++calls == 1 ? Reply::json("{}", 429) : Reply::json("{}");
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        const auto result = http.send(get(at(server, QStringLiteral("/x"))), RateLimitStyle::Mastodon);
        QVERIFY(result.ok());
        QCOMPARE(server.requestCount(), 2);
        QCOMPARE(m_clock->waits(), QList<qint64> { 60000 });
    }

    void blueskyRemainingZeroDelaysNextRequest()
    {
        const qint64 resetEpoch = QDateTime::currentSecsSinceEpoch() + 3; // 2–3 s ahead
        LoopbackHttpServer server([resetEpoch](const Request &) {
            Reply reply = Reply::json("{}");
            reply.headers.append(QPair<QByteArray, QByteArray>{"RateLimit-Limit", "3000"});
            reply.headers.append(QPair<QByteArray, QByteArray>{"RateLimit-Remaining", "0"});
            reply.headers.append(QPair<QByteArray, QByteArray>{"RateLimit-Reset", QByteArray::number(resetEpoch)});
            reply.headers.append(QPair<QByteArray, QByteArray>{"RateLimit-Policy", "3000;w=300"});
            return reply;
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        const auto first = http.send(get(at(server, QStringLiteral("/xrpc/a"))), RateLimitStyle::Bluesky);
        QVERIFY(first.ok());
        QVERIFY2(m_clock->waits().isEmpty(), "the first request must not wait");
        QCOMPARE(SyncHttp::rateLimitRemaining(*first, RateLimitStyle::Bluesky), 0);
        QCOMPARE(SyncHttp::rateLimitReset(*first, RateLimitStyle::Bluesky).toSecsSinceEpoch(), resetEpoch);
        const auto second = http.send(get(at(server, QStringLiteral("/xrpc/b"))), RateLimitStyle::Bluesky);
        QVERIFY(second.ok());
        QCOMPARE(m_clock->waits().size(), 1); // until the reset, 2–3 s ahead
        QVERIFY2(m_clock->waitedMs() > 1000 && m_clock->waitedMs() < 10000,
            qPrintable(QString::number(m_clock->waitedMs())));
        QCOMPARE(server.requestCount(), 2);
    }

    void resetTooFarAheadIsRateLimited()
    {
        LoopbackHttpServer server([](const Request &) {
            Reply reply = Reply::json("{}");
            reply.headers.append(QPair<QByteArray, QByteArray>{"RateLimit-Remaining", "0"});
            reply.headers.append(QPair<QByteArray, QByteArray>{"RateLimit-Reset", QByteArray::number(QDateTime::currentSecsSinceEpoch() + 3600)});
            return reply;
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions()); // maxWait 15 min
        const auto first = http.send(get(at(server, QStringLiteral("/xrpc/a"))), RateLimitStyle::Bluesky);
        QVERIFY(first.ok()); // the answer that used the budget up is still a good answer
        const auto second = http.send(get(at(server, QStringLiteral("/xrpc/b"))), RateLimitStyle::Bluesky);
        QVERIFY(!second.ok());
        QCOMPARE(second.error().code, Error::Code::RateLimited);
        QVERIFY2(m_clock->waits().isEmpty(), "a wait too long must fail at once");
        QCOMPARE(server.requestCount(), 1); // the second request never went out
        const QString resetAt = QLocale().toString(QDateTime::currentDateTime().addSecs(3600).time(),
                                                   QLocale::ShortFormat);
        QVERIFY2(second.error().message.contains(resetAt) || QTime::currentTime().hour() == 23,
                 qPrintable(second.error().message + QStringLiteral(" / ") + resetAt));
    }

    void mastodon429TooFarAheadIsRateLimited()
    {
        LoopbackHttpServer server([](const Request &) {
            Reply reply = Reply::json("{}", 429);
            reply.headers.append(QPair<QByteArray, QByteArray>{"X-RateLimit-Remaining", "0"});
            reply.headers.append(QPair<QByteArray, QByteArray>{"X-RateLimit-Reset", isoIn(20 * 60 * 1000)});
            return reply;
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        const auto result = http.send(get(at(server, QStringLiteral("/api/v1/x"))), RateLimitStyle::Mastodon);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::RateLimited);
        QCOMPARE(server.requestCount(), 1);
    }

    void cancelMidRequest()
    {
        LoopbackHttpServer server([](const Request &) {
            Reply reply;
            reply.behaviour = Reply::Behaviour::Hang;
            return reply;
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions()); // timeout 15 s, far beyond the cancel
        Result<HttpResponse> result = Error{};
        {
            DelayedCancel canceller(cancel, 300);
            result = http.send(get(at(server, QStringLiteral("/hang"))));
        }
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Cancelled);
        QCOMPARE(server.requestCount(), 1); // not retried after the cancel
    }

    void cancelMidBackoff()
    {
        LoopbackHttpServer server([](const Request &) { return Reply::json("{}", 502); });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp::Options options = fastOptions();
        options.backoffBaseMs = 10000; // the first back-off is 7.5–12.5 s of real time: the cancel comes first
        SyncHttp http(nam, cancel, options);
        m_clock.reset(); // a real wait, for the other thread to cancel
        Result<HttpResponse> result = Error{};
        {
            DelayedCancel canceller(cancel, 300);
            result = http.send(get(at(server, QStringLiteral("/bad-gateway"))));
        }
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Cancelled);
        QCOMPARE(server.requestCount(), 1);
    }

    void cancelMidRateLimitWait()
    {
        LoopbackHttpServer server([](const Request &) {
            Reply reply = Reply::json("{}", 429);
            reply.headers.append(QPair<QByteArray, QByteArray>{"RateLimit-Remaining", "0"});
            reply.headers.append(QPair<QByteArray, QByteArray>{"RateLimit-Reset", QByteArray::number(QDateTime::currentSecsSinceEpoch() + 60)});
            return reply;
        });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        m_clock.reset(); // a real wait, for the other thread to cancel
        Result<HttpResponse> result = Error{};
        {
            DelayedCancel canceller(cancel, 300);
            result = http.send(get(at(server, QStringLiteral("/xrpc/x"))), RateLimitStyle::Bluesky);
        }
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Cancelled);
        QCOMPARE(server.requestCount(), 1);
    }

    void alreadyCancelledSendsNothing()
    {
        LoopbackHttpServer server([](const Request &) { return Reply::json("{}"); });
        QNetworkAccessManager nam;
        CancelToken cancel;
        cancel.cancel();
        SyncHttp http(nam, cancel, fastOptions());
        const auto result = http.send(get(at(server, QStringLiteral("/x"))));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Cancelled);
        QCOMPARE(server.requestCount(), 0);
        QCOMPARE(http.wait(10).error().code, Error::Code::Cancelled);
    }

    void sendFromWorkerThread()
    {
        // The real caller: a worker thread with its own QNetworkAccessManager and no running event loop.
        LoopbackHttpServer server([](const Request &) { return Reply::json(R"({"from":"worker"})"); });
        const QUrl url = at(server, QStringLiteral("/w"));
        QByteArray body;
        std::unique_ptr<QThread> thread(QThread::create([&body, url] {
            QNetworkAccessManager nam;
            CancelToken cancel;
            SyncHttp http(nam, cancel, fastOptions());
            const auto result = http.send(get(url));
            if (result.ok())
                body = result->body;
        }));
        thread->start();
        QVERIFY(thread->wait(10000));
        QCOMPARE(body, QByteArray(R"({"from":"worker"})"));
    }

    void waitHonoursScale()
    {
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp http(nam, cancel, fastOptions());
        http.setTimeScale(0.05);
        const QDateTime before = Clock::now();
        QVERIFY(http.wait(4000).ok());
        QCOMPARE(m_clock->waits(), QList<qint64> { 200 });
        QCOMPARE(before.msecsTo(Clock::now()), 200);
    }

    void authorizationNeverInMessages()
    {
        LoopbackHttpServer server([](const Request &) { return Reply::json("{}", 500); });
        QNetworkAccessManager nam;
        CancelToken cancel;
        SyncHttp::Options options = fastOptions();
        options.maxAttempts = 2;
        SyncHttp http(nam, cancel, options);
        http.setTimeScale(0.001);
        HttpRequest request = get(at(server, QStringLiteral("/x?access_token=query-secret")));
        request.headers.append(QPair<QByteArray, QByteArray>{"Authorization", "Bearer header-secret"});
        const auto result = http.send(request);
        QVERIFY(!result.ok());
        QVERIFY(!result.error().message.contains(QStringLiteral("header-secret")));
        QVERIFY(!result.error().message.contains(QStringLiteral("query-secret")));
    }

    void rateLimitHeaders_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("style");
        QTest::addColumn<QDateTime>("expected");
        const int mastodon = int(RateLimitStyle::Mastodon);
        const int bluesky = int(RateLimitStyle::Bluesky);
        // The value from the recordings in /work/shared/fixtures/mastodon: six fraction digits.
        QTest::newRow("mastodon micro") << QByteArray("x-ratelimit-reset") << QByteArray("2026-08-01T13:55:00.029100Z")
                                        << mastodon
                                        << QDateTime(QDate(2026, 8, 1), QTime(13, 55, 0, 29), Qt::UTC);
        QTest::newRow("mastodon ms") << QByteArray("x-ratelimit-reset") << QByteArray("2026-08-01T13:55:00.500Z")
                                     << mastodon << QDateTime(QDate(2026, 8, 1), QTime(13, 55, 0, 500), Qt::UTC);
        QTest::newRow("mastodon offset") << QByteArray("x-ratelimit-reset") << QByteArray("2026-08-01T15:55:00+02:00")
                                         << mastodon << QDateTime(QDate(2026, 8, 1), QTime(13, 55), Qt::UTC);
        QTest::newRow("mastodon garbage") << QByteArray("x-ratelimit-reset") << QByteArray("soon") << mastodon
                                          << QDateTime();
        QTest::newRow("bluesky") << QByteArray("ratelimit-reset") << QByteArray("1785592500") << bluesky
                                 << QDateTime::fromSecsSinceEpoch(1785592500, Qt::UTC);
        QTest::newRow("bluesky header, mastodon style") << QByteArray("ratelimit-reset") << QByteArray("1785592500")
                                                        << mastodon << QDateTime();
        QTest::newRow("none") << QByteArray("x-ratelimit-reset") << QByteArray("2026-08-01T13:55:00Z")
                              << int(RateLimitStyle::None) << QDateTime();
    }

    void rateLimitHeaders()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(int, style);
        QFETCH(QDateTime, expected);
        HttpResponse response;
        response.headers.insert(name, value);
        const QDateTime reset = SyncHttp::rateLimitReset(response, RateLimitStyle(style));
        QCOMPARE(reset.isValid(), expected.isValid());
        if (expected.isValid())
            QCOMPARE(reset.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
    }

    void rateLimitRemaining()
    {
        HttpResponse response;
        QCOMPARE(SyncHttp::rateLimitRemaining(response, RateLimitStyle::Mastodon), -1);
        response.headers.insert("x-ratelimit-remaining", "0");
        response.headers.insert("ratelimit-remaining", "17");
        QCOMPARE(SyncHttp::rateLimitRemaining(response, RateLimitStyle::Mastodon), 0);
        QCOMPARE(SyncHttp::rateLimitRemaining(response, RateLimitStyle::Bluesky), 17);
        QCOMPARE(SyncHttp::rateLimitRemaining(response, RateLimitStyle::None), -1);
        response.headers.insert("ratelimit-remaining", "many");
        QCOMPARE(SyncHttp::rateLimitRemaining(response, RateLimitStyle::Bluesky), -1);
    }

    void linkHeaderFromMastodonRecording()
    {
        QFile file(QStringLiteral("/work/shared/fixtures/mastodon/fetch_next_previous.json"));
        QByteArray link;
        if (file.open(QIODevice::ReadOnly)) {
            const QJsonArray exchanges = QJsonDocument::fromJson(file.readAll()).array();
            for (const QJsonValue &e : exchanges) {
                const QString value = e[QLatin1String("response")][QLatin1String("headers")][QLatin1String("link")].toString();
                if (!value.isEmpty()) {
                    link = value.toUtf8();
                    break;
                }
            }
        }
        if (link.isEmpty()) // the recording as it is in the fixtures, if they are not on this machine
            link = "<http://localhost:3000/api/v1/accounts/117020565966271181/statuses?limit=5&max_id=117020580489281910>;"
                   " rel=\"next\", <http://localhost:3000/api/v1/accounts/117020565966271181/statuses?limit=5&"
                   "min_id=117020580518794573>; rel=\"prev\"";
        QCOMPARE(SyncHttp::linkUrl(link, "next"),
                 QUrl(QStringLiteral("http://localhost:3000/api/v1/accounts/117020565966271181/statuses?limit=5&"
                                     "max_id=117020580489281910")));
        QCOMPARE(SyncHttp::linkUrl(link, "prev"),
                 QUrl(QStringLiteral("http://localhost:3000/api/v1/accounts/117020565966271181/statuses?limit=5&"
                                     "min_id=117020580518794573")));
        QCOMPARE(SyncHttp::linkUrl(link, "next").query(QUrl::FullyDecoded),
                 QStringLiteral("limit=5&max_id=117020580489281910"));
        QVERIFY(SyncHttp::linkUrl(link, "last").isEmpty());
    }

    void linkHeaderCases_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("rel");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << QByteArray("next") << QString();
        QTest::newRow("only prev") << QByteArray("<https://a.example/p?min_id=5>; rel=\"prev\"") << QByteArray("next")
                                   << QString();
        QTest::newRow("unquoted rel") << QByteArray("<https://a.example/n>; rel=next") << QByteArray("next")
                                      << QStringLiteral("https://a.example/n");
        QTest::newRow("case and spaces") << QByteArray("  <https://a.example/n> ;  REL = \"Next\"  ")
                                         << QByteArray("next") << QStringLiteral("https://a.example/n");
        QTest::newRow("several rels") << QByteArray("<https://a.example/z>; rel=\"last next\"") << QByteArray("next")
                                      << QStringLiteral("https://a.example/z");
        QTest::newRow("comma in url") << QByteArray("<https://a.example/n?ids=1,2>; rel=\"next\"") << QByteArray("next")
                                      << QStringLiteral("https://a.example/n?ids=1,2");
        QTest::newRow("comma in quoted param")
            << QByteArray("<https://a.example/a>; title=\"a, b\"; rel=\"prev\", <https://a.example/b>; rel=\"next\"")
            << QByteArray("next") << QStringLiteral("https://a.example/b");
        QTest::newRow("second of three")
            << QByteArray("<https://a.example/1>; rel=\"first\", <https://a.example/2>; rel=\"next\", "
                          "<https://a.example/3>; rel=\"last\"")
            << QByteArray("next") << QStringLiteral("https://a.example/2");
        QTest::newRow("garbage") << QByteArray("rel=next, <oops") << QByteArray("next") << QString();
    }

    void linkHeaderCases()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, rel);
        QFETCH(QString, expected);
        QCOMPARE(SyncHttp::linkUrl(header, rel), expected.isEmpty() ? QUrl() : QUrl(expected));
    }

    void backoffGrowsWithJitter()
    {
        for (int attempt = 1; attempt <= 5; ++attempt) {
            const qint64 nominal = 1000LL << (attempt - 1);
            for (int i = 0; i < 50; ++i) {
                const qint64 ms = SyncHttp::backoffMs(attempt, 1000);
                QVERIFY2(ms >= nominal * 3 / 4 && ms <= nominal * 5 / 4, qPrintable(QString::number(ms)));
            }
        }
        QSet<qint64> values;
        for (int i = 0; i < 50; ++i)
            values.insert(SyncHttp::backoffMs(3, 1000));
        QVERIFY2(values.size() > 10, "no jitter");
    }
};

QTEST_GUILESS_MAIN(TestSyncHttp)
#include "tst_synchttp.moc"
