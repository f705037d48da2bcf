#include "sync/synchttp.h"

#include "core/clock.h"
#include "core/logging.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>

#include <cmath>
#include <memory>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SyncHttp)
};

constexpr int kMaxRedirects = 5;
constexpr int kPollMs = 50;               // how often a wait looks at the CancelToken
constexpr qint64 kDefaultRetryMs = 60000; // a 429 that does not say when to come back

// What one exchange (one request, no redirects followed) ended with.
struct Exchange
{
    enum class Failure {
        None,
        Cancelled,
        TooLarge,
        Timeout,
        Network, // refused, reset, closed early, truncated, TLS …: worth retrying
        Fatal,   // host not found, unsupported scheme …: retrying will not help
    };
    Failure failure = Failure::None;
    QString reason; // in words, naming the host
    HttpResponse response;
};

// The host as the user knows it (never with user info, path or query, which may carry secrets).
QString hostLabel(const QUrl &url)
{
    QString host = url.host();
    if (host.isEmpty())
        host = Tr::tr("the server");
    return host;
}

// Rate limits are per origin server: 127.0.0.1:8080 and 127.0.0.1:8081 are different budgets.
QString hostKey(const QUrl &url)
{
    return url.host().toLower() + QLatin1Char(':') + QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}

// For logs: scheme, host, port and path only. Queries may carry tokens (private feed URLs).
QString loggableUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

QString megabytes(qint64 bytes)
{
    return QLocale().toString(double(bytes) / (1024.0 * 1024.0), 'g', 3);
}

QString seconds(int ms)
{
    return QLocale().toString(double(ms) / 1000.0, 'g', 3);
}

Error cancelledError()
{
    return Error{Tr::tr("The sync was cancelled."), Error::Code::Cancelled};
}

bool isRedirectStatus(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(a.scheme() == QLatin1String("https") ? 443 : 80) == b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

// One request, waited for in a local event loop, redirects not followed.
Exchange exchange(QNetworkAccessManager &nam, const CancelToken &cancel, const SyncHttp::Options &options,
                  const HttpRequest &request)
{
    Exchange result;
    const QString host = hostLabel(request.url);

    QNetworkRequest netRequest(request.url);
    // Redirects are followed by SyncHttp itself, so it can drop credentials when the origin changes (Qt 6.4
    // keeps every raw header on a cross-origin redirect) and refuse https → http.
    netRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    netRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    netRequest.setTransferTimeout(options.timeoutMs);
    netRequest.setHeader(QNetworkRequest::UserAgentHeader, options.userAgent);
    for (const auto &[name, value] : request.headers)
        netRequest.setRawHeader(name, value);

    QNetworkReply *raw = nullptr;
    if (request.method == "GET" && request.body.isEmpty())
        raw = nam.get(netRequest);
    else
        raw = nam.sendCustomRequest(netRequest, request.method, request.body);
    // Deleted directly once the local loop has ended: a deleteLater() would wait for the worker's outer event
    // loop, piling up every reply (and its body) of a long sync.
    std::unique_ptr<QNetworkReply> reply(raw);

    enum class Abort { None, Cancelled, TooLarge, Deadline };
    Abort aborted = Abort::None;
    const qint64 maxBody = options.maxBodyBytes;
    QEventLoop loop;
    QObject::connect(raw, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(raw, &QNetworkReply::metaDataChanged, &loop, [&] {
        bool ok = false;
        const qint64 announced = raw->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
        if (ok && announced > maxBody && aborted == Abort::None) {
            aborted = Abort::TooLarge;
            raw->abort();
        }
    });
    QObject::connect(raw, &QNetworkReply::downloadProgress, &loop, [&](qint64 received, qint64 total) {
        if ((received > maxBody || total > maxBody) && aborted == Abort::None) {
            aborted = Abort::TooLarge;
            raw->abort();
        }
    });
    QTimer poll;
    poll.setInterval(kPollMs);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (cancel.isCancelled() && aborted == Abort::None) {
            aborted = Abort::Cancelled;
            raw->abort();
        }
    });
    // The transfer timeout restarts with every byte: a server dripping its answer would never trip it.
    const int deadlineMs = options.deadlineMs > 0 ? options.deadlineMs : 4 * options.timeoutMs;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] {
        if (aborted == Abort::None) {
            aborted = Abort::Deadline;
            raw->abort();
        }
    });
    poll.start();
    deadline.start(deadlineMs);
    if (!raw->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    poll.stop();
    deadline.stop();

    if (aborted == Abort::Cancelled || (cancel.isCancelled() && raw->error() == QNetworkReply::OperationCanceledError)) {
        result.failure = Exchange::Failure::Cancelled;
        return result;
    }
    if (aborted == Abort::Deadline) {
        result.failure = Exchange::Failure::Timeout;
        result.reason = Tr::tr("%1 took more than %2 s to answer").arg(host, seconds(deadlineMs));
        qCInfo(lcHttp).noquote() << request.method << loggableUrl(request.url) << "exceeded its deadline";
        return result;
    }
    if (aborted == Abort::TooLarge) {
        result.failure = Exchange::Failure::TooLarge;
        result.reason = Tr::tr("%1 answered with more than %2 MB, more than Rapport accepts.")
                            .arg(host, megabytes(maxBody));
        return result;
    }

    const QNetworkReply::NetworkError error = raw->error();
    const int status = raw->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // Qt reports HTTP error statuses (4xx, 5xx) as errors from 200 up; those are answers, not failures.
    const bool transportError = error != QNetworkReply::NoError
        && (int(error) < 200 || error == QNetworkReply::ProtocolFailure || status == 0);
    if (transportError) {
        switch (error) {
        case QNetworkReply::OperationCanceledError: // what a transfer timeout looks like in Qt 6.4
        case QNetworkReply::TimeoutError:
            result.failure = Exchange::Failure::Timeout;
            result.reason = Tr::tr("%1 did not answer within %2 s").arg(host, seconds(options.timeoutMs));
            break;
        case QNetworkReply::ConnectionRefusedError:
            result.failure = Exchange::Failure::Network;
            result.reason = Tr::tr("%1 refused the connection").arg(host);
            break;
        case QNetworkReply::RemoteHostClosedError:
            result.failure = Exchange::Failure::Network;
            result.reason = status > 0 ? Tr::tr("%1 closed the connection before its answer was complete").arg(host)
                                       : Tr::tr("%1 closed the connection without answering").arg(host);
            break;
        case QNetworkReply::HostNotFoundError:
            result.failure = Exchange::Failure::Fatal;
            result.reason = Tr::tr("%1 could not be found. Check the address and the internet connection.").arg(host);
            break;
        case QNetworkReply::SslHandshakeFailedError:
            result.failure = Exchange::Failure::Fatal;
            result.reason = Tr::tr("The secure connection to %1 failed: its certificate is not valid.").arg(host);
            break;
        case QNetworkReply::ProtocolUnknownError:
            result.failure = Exchange::Failure::Fatal;
            result.reason = Tr::tr("The address for %1 is not a web address.").arg(host);
            break;
        case QNetworkReply::TemporaryNetworkFailureError:
        case QNetworkReply::NetworkSessionFailedError:
            result.failure = Exchange::Failure::Network;
            result.reason = Tr::tr("the network connection to %1 was lost").arg(host);
            break;
        case QNetworkReply::ProxyConnectionRefusedError:
        case QNetworkReply::ProxyConnectionClosedError:
        case QNetworkReply::ProxyNotFoundError:
        case QNetworkReply::ProxyTimeoutError:
        case QNetworkReply::ProxyAuthenticationRequiredError:
        case QNetworkReply::UnknownProxyError:
            result.failure = Exchange::Failure::Network;
            result.reason = Tr::tr("the proxy did not pass the request on to %1").arg(host);
            break;
        default:
            result.failure = Exchange::Failure::Network;
            result.reason = Tr::tr("the connection to %1 failed").arg(host);
            break;
        }
        qCInfo(lcHttp).noquote() << request.method << loggableUrl(request.url) << "failed:" << int(error);
        return result;
    }

    HttpResponse &response = result.response;
    response.status = status;
    response.url = raw->url();
    for (const auto &[name, value] : raw->rawHeaderPairs())
        response.headers.insert(name.toLower(), value);
    response.body = raw->readAll();
    if (response.body.size() > maxBody) {
        result.failure = Exchange::Failure::TooLarge;
        result.reason = Tr::tr("%1 answered with more than %2 MB, more than Rapport accepts.")
                            .arg(host, megabytes(maxBody));
        return result;
    }
    // A body shorter than announced: the connection broke and Qt did not notice (e.g. a proxy).
    bool lengthKnown = false;
    const qint64 announced = response.header("content-length").toLongLong(&lengthKnown);
    if (lengthKnown && response.header("content-encoding").isEmpty() && request.method != "HEAD"
        && status != 204 && status != 304 && announced != response.body.size()) {
        result.failure = Exchange::Failure::Network;
        result.reason = Tr::tr("%1 closed the connection before its answer was complete").arg(host);
        return result;
    }
    qCDebug(lcHttp).noquote() << request.method << loggableUrl(request.url) << status << response.body.size();
    return result;
}

QString resetTimeText(const QDateTime &when)
{
    const QDateTime local = when.toLocalTime();
    if (local.date() == QDate::currentDate())
        return QLocale().toString(local.time(), QLocale::ShortFormat);
    return QLocale().toString(local, QLocale::ShortFormat);
}

} // namespace

SyncHttp::SyncHttp(QNetworkAccessManager &nam, const CancelToken &cancel, Options options)
    : m_nam(nam), m_cancel(cancel), m_options(std::move(options))
{
}

SyncHttp::SyncHttp(QNetworkAccessManager &nam, const CancelToken &cancel) : SyncHttp(nam, cancel, Options{}) {}

Result<HttpResponse> SyncHttp::send(const HttpRequest &original, RateLimitStyle style)
{
    // Before a request to `host`: honour what its last answer said about the budget.
    auto waitForHost = [this](const QUrl &url) -> Status {
        const QString key = hostKey(url);
        const QString host = hostLabel(url);
        const auto it = m_blockedUntil.constFind(key);
        if (it == m_blockedUntil.constEnd())
            return {};
        const QDateTime until = it.value();
        const qint64 ms = Clock::now().msecsTo(until);
        if (ms <= 0) {
            m_blockedUntil.remove(key);
            return {};
        }
        if (ms > m_options.maxWaitMs)
            return Error{Tr::tr("%1 asks Rapport to wait before the next request, until %2. Rapport will try again "
                                "then.")
                             .arg(host, resetTimeText(until)),
                         Error::Code::RateLimited};
        qCInfo(lcHttp).noquote() << "waiting" << ms << "ms for the rate limit of" << host;
        Status waited = wait(ms);
        if (!waited)
            return waited;
        m_blockedUntil.remove(key);
        return {};
    };

    int attempt = 0;
    int rateLimitRetries = 0;
    for (;;) {
        if (m_cancel.isCancelled())
            return cancelledError();

        // One attempt: the request and the redirects it leads to.
        HttpRequest request = original;
        Exchange result;
        int redirects = 0;
        for (;;) {
            const QString host = hostLabel(request.url);
            if (Status ready = waitForHost(request.url); !ready)
                return ready.error();
            result = exchange(m_nam, m_cancel, m_options, request);
            if (result.failure != Exchange::Failure::None)
                break;

            const HttpResponse &response = result.response;
            if (rateLimitRemaining(response, style) == 0 || response.status == 429) {
                QDateTime reset = rateLimitReset(response, style);
                if (response.status == 429 && !reset.isValid())
                    reset = Clock::now().addMSecs(kDefaultRetryMs);
                if (reset.isValid() && reset > Clock::now())
                    m_blockedUntil.insert(hostKey(request.url), reset);
            }

            const QByteArray location = response.header("location");
            if (!isRedirectStatus(response.status) || location.isEmpty())
                break;
            const QUrl target = request.url.resolved(QUrl::fromEncoded(location));
            if (++redirects > kMaxRedirects) {
                result.failure = Exchange::Failure::Fatal;
                result.reason = Tr::tr("%1 sends Rapport from one address to the next without end (redirects in a "
                                       "loop).")
                                    .arg(hostLabel(original.url));
                break;
            }
            const QString scheme = target.scheme();
            if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
                result.failure = Exchange::Failure::Fatal;
                result.reason = Tr::tr("%1 redirected to an address that is not a web address.").arg(host);
                break;
            }
            if (request.url.scheme() == QLatin1String("https") && scheme == QLatin1String("http")) {
                result.failure = Exchange::Failure::Fatal;
                result.reason =
                    Tr::tr("%1 redirected from a secure to an insecure address; Rapport does not follow that.")
                        .arg(host);
                break;
            }
            if (!sameOrigin(request.url, target)) {
                // Credentials are for the origin they were issued by, never for the one it redirects to.
                request.headers.removeIf([](const QPair<QByteArray, QByteArray> &header) {
                    const QByteArray name = header.first.toLower();
                    return name == "authorization" || name == "cookie";
                });
            }
            if (response.status == 303 || ((response.status == 301 || response.status == 302) && request.method == "POST")) {
                request.method = "GET";
                request.body.clear();
                request.headers.removeIf([](const QPair<QByteArray, QByteArray> &header) {
                    return header.first.toLower() == "content-type";
                });
            }
            request.url = target;
        }

        switch (result.failure) {
        case Exchange::Failure::None:
            break;
        case Exchange::Failure::Cancelled:
            return cancelledError();
        case Exchange::Failure::TooLarge:
        case Exchange::Failure::Fatal:
            return Error{result.reason, Error::Code::Network};
        case Exchange::Failure::Timeout:
        case Exchange::Failure::Network:
            break;
        }

        if (result.failure == Exchange::Failure::None) {
            const int status = result.response.status;
            if (status == 429) {
                // The wait itself happens in waitForHost() before the retry; it fails if the wait is too long.
                if (++rateLimitRetries > m_options.maxAttempts)
                    return Error{Tr::tr("%1 keeps asking Rapport to slow down. Rapport will try again later.")
                                     .arg(hostLabel(result.response.url.isEmpty() ? original.url : result.response.url)),
                                 Error::Code::RateLimited};
                const QString key = hostKey(result.response.url.isEmpty() ? original.url : result.response.url);
                if (!m_blockedUntil.contains(key)) // the announced reset is already past: a short pause
                    m_blockedUntil.insert(
                        key, Clock::now().addMSecs(backoffMs(rateLimitRetries, m_options.backoffBaseMs)));
                continue;
            }
            if (status < 500 || status > 599)
                return std::move(result.response);
            result.reason = Tr::tr("%1 answered with server error %2").arg(hostLabel(result.response.url))
                                .arg(status);
        }

        ++attempt;
        qCInfo(lcHttp).noquote() << "attempt" << attempt << "of" << m_options.maxAttempts << "failed:" << result.reason;
        if (attempt >= m_options.maxAttempts)
            return Error{Tr::tr("%1 (%n attempts)", nullptr, attempt).arg(result.reason), Error::Code::Network};
        if (Status waited = wait(backoffMs(attempt, m_options.backoffBaseMs)); !waited)
            return waited.error();
    }
}

Status SyncHttp::wait(qint64 ms)
{
    if (m_cancel.isCancelled())
        return cancelledError();
    const qint64 realMs = qint64(std::llround(double(ms) * m_timeScale));
    if (realMs <= 0)
        return {};
    if (Clock::passTime(realMs)) // a test clock: the time has passed
        return m_cancel.isCancelled() ? Status(cancelledError()) : Status();
    QDeadlineTimer deadline(realMs);
    QEventLoop loop;
    QTimer tick;
    tick.setSingleShot(true);
    QObject::connect(&tick, &QTimer::timeout, &loop, &QEventLoop::quit);
    for (;;) {
        const qint64 left = deadline.remainingTime();
        if (left <= 0)
            return {};
        tick.start(int(qMin<qint64>(left, kPollMs)));
        loop.exec(QEventLoop::ExcludeUserInputEvents);
        if (m_cancel.isCancelled())
            return cancelledError();
    }
}

QDateTime SyncHttp::rateLimitReset(const HttpResponse &response, RateLimitStyle style)
{
    switch (style) {
    case RateLimitStyle::Mastodon: {
        const QByteArray value = response.header("x-ratelimit-reset").trimmed();
        if (!value.isEmpty()) {
            QDateTime when = QDateTime::fromString(QString::fromLatin1(value), Qt::ISODateWithMs);
            if (!when.isValid())
                when = QDateTime::fromString(QString::fromLatin1(value), Qt::ISODate);
            if (when.isValid())
                return when.toUTC();
        }
        break;
    }
    case RateLimitStyle::Bluesky: {
        bool ok = false;
        const qint64 epoch = response.header("ratelimit-reset").trimmed().toLongLong(&ok);
        if (ok && epoch > 0)
            return QDateTime::fromSecsSinceEpoch(epoch, Qt::UTC);
        break;
    }
    case RateLimitStyle::None:
        break;
    }
    // RFC 9110 Retry-After: seconds, or an HTTP date. Any server may send it with a 429 or 503.
    const QByteArray retryAfter = response.header("retry-after").trimmed();
    if (!retryAfter.isEmpty()) {
        bool ok = false;
        const qint64 secondsAfter = retryAfter.toLongLong(&ok);
        if (ok && secondsAfter >= 0)
            return Clock::now().addSecs(secondsAfter);
        const QDateTime when = QDateTime::fromString(QString::fromLatin1(retryAfter), Qt::RFC2822Date);
        if (when.isValid())
            return when.toUTC();
    }
    return {};
}

int SyncHttp::rateLimitRemaining(const HttpResponse &response, RateLimitStyle style)
{
    QByteArray value;
    switch (style) {
    case RateLimitStyle::Mastodon:
        value = response.header("x-ratelimit-remaining");
        break;
    case RateLimitStyle::Bluesky:
        value = response.header("ratelimit-remaining");
        break;
    case RateLimitStyle::None:
        return -1;
    }
    bool ok = false;
    const int remaining = value.trimmed().toInt(&ok);
    return ok && remaining >= 0 ? remaining : -1;
}

QUrl SyncHttp::linkUrl(const QByteArray &linkHeader, const QByteArray &rel)
{
    // RFC 8288: link-value = "<" URI-Reference ">" *( OWS ";" OWS link-param ), separated by commas. A comma
    // may appear inside <…> or a quoted string, so scan instead of splitting.
    const QByteArray wanted = rel.trimmed().toLower();
    qsizetype i = 0;
    const qsizetype n = linkHeader.size();
    while (i < n) {
        const qsizetype open = linkHeader.indexOf('<', i);
        if (open < 0)
            break;
        const qsizetype close = linkHeader.indexOf('>', open + 1);
        if (close < 0)
            break;
        const QByteArray target = linkHeader.mid(open + 1, close - open - 1).trimmed();
        // Parameters up to the next comma outside quotes.
        qsizetype j = close + 1;
        bool quoted = false;
        QList<QByteArray> params;
        QByteArray current;
        for (; j < n; ++j) {
            const char c = linkHeader.at(j);
            if (c == '"') {
                quoted = !quoted;
                current += c;
            } else if (!quoted && c == ';') {
                params.append(current);
                current.clear();
            } else if (!quoted && c == ',') {
                break;
            } else {
                current += c;
            }
        }
        params.append(current);
        i = j + 1;
        for (const QByteArray &param : std::as_const(params)) {
            const qsizetype eq = param.indexOf('=');
            if (eq < 0)
                continue;
            if (param.left(eq).trimmed().toLower() != "rel")
                continue;
            QByteArray value = param.mid(eq + 1).trimmed();
            if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
                value = value.mid(1, value.size() - 2);
            // rel may hold several space-separated relation types: rel="next last".
            const QList<QByteArray> types = value.simplified().toLower().split(' ');
            if (types.contains(wanted))
                return QUrl::fromEncoded(target);
        }
    }
    return {};
}

qint64 SyncHttp::backoffMs(int attempt, int baseMs)
{
    const int exponent = qBound(0, attempt - 1, 20);
    const double nominal = double(baseMs) * std::pow(2.0, exponent);
    const double jitter = 0.75 + 0.5 * QRandomGenerator::global()->generateDouble(); // ±25 %
    return qint64(std::llround(nominal * jitter));
}
