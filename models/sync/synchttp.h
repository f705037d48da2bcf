#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QPair>
#include <QUrl>

#include <atomic>
#include <functional>

class QNetworkAccessManager;

// Set from any thread to stop a sync: every wait (a request in flight, a back-off, a rate-limit pause)
// notices within ~50 ms and returns Error::Code::Cancelled.
class CancelToken
{
public:
    void cancel() { m_cancelled.store(true); }
    void reset() { m_cancelled.store(false); }
    bool isCancelled() const { return m_cancelled.load(); }

private:
    std::atomic<bool> m_cancelled{false};
};

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers; // e.g. {"Authorization", "Bearer …"}; never logged
    QByteArray body;
};

struct HttpResponse
{
    int status = 0;                         // HTTP status; 0 if no response arrived
    QHash<QByteArray, QByteArray> headers;  // names lower-cased
    QByteArray body;
    QUrl url;                               // after redirects

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
};

// How a server announces its rate limit.
enum class RateLimitStyle {
    None,
    Mastodon, // X-RateLimit-Limit/-Remaining, X-RateLimit-Reset = ISO-8601 time; 429 without Retry-After
    Bluesky,  // RateLimit-Limit/-Remaining, RateLimit-Reset = epoch seconds
};

// The worker's HTTP: one request at a time, waited for in the calling thread (a local event loop, so the
// thread keeps serving its queued signals), with
//  - a transfer timeout (no bytes for `timeoutMs` → retried, then Error::Code::Network "did not answer"), and a
//    deadline for the whole exchange (`deadlineMs`: a server dripping its answer → "took more than 120 s"),
//  - a body limit (more than `maxBodyBytes` → aborted, Error::Code::Network "answered with more than 10 MB"),
//  - at most 5 redirects, never from https to http (a loop → Error::Code::Network "redirects in a loop"),
//  - politeness: before a request, if the last response for this host said Remaining == 0, it waits until
//    the reset; a 429 waits until the announced reset (or 60 s if none) and retries; 5xx, timeouts and
//    network errors are retried with exponential back-off and jitter (base 1 s, factor 2, up to
//    `maxAttempts`), then fail with Error::Code::Network naming the host and the last reason in words;
//    a wait longer than `maxWait` fails at once with Error::Code::RateLimited ("… until 14:05").
// send() returns the response for every status it does not retry (2xx, 3xx not followed such as 304, 4xx
// other than 429): deciding what a 401 or 404 means is the caller's job.
class SyncHttp
{
public:
    struct Options
    {
        int timeoutMs = 30000;
        // A whole exchange (request, headers, body) ends within this, however steadily a server drips bytes
        // (which keeps `timeoutMs` from ever firing); then as a timeout. 0: 4 × timeoutMs.
        int deadlineMs = 0;
        qint64 maxBodyBytes = 10 * 1024 * 1024;
        int maxAttempts = 4;
        int backoffBaseMs = 1000;
        qint64 maxWaitMs = 15 * 60 * 1000;
        QByteArray userAgent = "Rapport/1.0 (+https://rapport.example)";
    };

    SyncHttp(QNetworkAccessManager &nam, const CancelToken &cancel, Options options);
    SyncHttp(QNetworkAccessManager &nam, const CancelToken &cancel);

    Result<HttpResponse> send(const HttpRequest &request, RateLimitStyle style = RateLimitStyle::None);

    // Sleeps in the event loop, waking early on cancel. For callers that pace themselves.
    Status wait(qint64 ms);

    // Parsing helpers, public for tests.
    // When the budget resets, or an invalid QDateTime if the headers say nothing.
    static QDateTime rateLimitReset(const HttpResponse &response, RateLimitStyle style);
    static int rateLimitRemaining(const HttpResponse &response, RateLimitStyle style); // -1 if unknown
    // RFC 8288 Link header: the URL with rel=<rel>, or empty.
    static QUrl linkUrl(const QByteArray &linkHeader, const QByteArray &rel);
    // Back-off before attempt n (1-based), with ±25 % jitter: base·2^(n-1).
    static qint64 backoffMs(int attempt, int baseMs);

    // A test seam: how long waits are, in real milliseconds, per requested millisecond (default 1.0).
    void setTimeScale(double scale) { m_timeScale = scale; }
    const Options &options() const { return m_options; }

private:
    QNetworkAccessManager &m_nam;
    const CancelToken &m_cancel;
    Options m_options;
    double m_timeScale = 1.0;
    QHash<QString, QDateTime> m_blockedUntil; // host → no requests before this time
};
