#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QPair>
#include <QThread>
#include <QUrl>

#include <functional>
#include <memory>

// A real HTTP/1.1 server on 127.0.0.1 (random free port) for tests, running in its own thread so that the
// code under test may block or spin its own event loop. Every request goes to the handler (called in the
// server thread: keep shared state behind the server's mutex or atomics). Besides normal replies it can
// misbehave the ways real servers do: hang without answering, reset the connection, send a body slowly,
// send a huge body, or cut the body short.
class LoopbackHttpServer final
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray target;                     // path and query as sent, e.g. "/api/v1/notifications?min_id=3"
        QHash<QByteArray, QByteArray> headers; // names lower-cased
        QByteArray body;
        QUrl url() const; // http://127.0.0.1:<port><target>
        QByteArray path() const { return target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?')); }
    };

    struct Reply
    {
        enum class Behaviour { Normal, Hang, Reset, Truncate };
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers; // Content-Length is added unless Truncate
        QByteArray body;
        Behaviour behaviour = Behaviour::Normal;
        int delayMs = 0;              // wait before answering
        qint64 repeatBodyTo = 0;      // Normal: stream `body` repeated until this many bytes (a huge body)
        int trickleMs = 0;            // Normal: send the body one byte every trickleMs (never idle long enough
                                      // for a transfer timeout, yet never done)

        static Reply json(const QByteArray &json, int status = 200);
        static Reply text(const QByteArray &text, const QByteArray &contentType, int status = 200);
        static Reply redirect(const QByteArray &location, int status = 302);
    };

    using Handler = std::function<Reply(const Request &)>;

    explicit LoopbackHttpServer(Handler handler);
    ~LoopbackHttpServer(); // stops the thread

    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    QUrl baseUrl() const; // http://127.0.0.1:<port>

    // Every request received so far, in order (for assertions).
    QList<Request> requests() const;
    int requestCount() const;
    void clearRequests();

private:
    class Worker;
    friend class Worker;
    Handler m_handler;
    QThread m_thread;
    Worker *m_worker = nullptr;
    quint16 m_port = 0;
    mutable QMutex m_mutex;
    QList<Request> m_requests;
};
