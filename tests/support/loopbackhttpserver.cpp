#include "loopbackhttpserver.h"

#include <QMutexLocker>
#include <QPointer>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

class LoopbackHttpServer::Worker final : public QObject
{
public:
    explicit Worker(LoopbackHttpServer &owner) : m_owner(owner) {}

    quint16 listen()
    {
        m_server = new QTcpServer(this);
        if (!m_server->listen(QHostAddress::LocalHost, 0))
            return 0;
        QObject::connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // no Nagle delay per reply
                QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        return m_server->serverPort();
    }

private:
    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            Request request;
            const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.target = first.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon > 0)
                    request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
            }
            const qsizetype length = request.headers.value("content-length", "0").toLongLong();
            if (buffer.size() < headerEnd + 4 + length)
                return;
            request.body = buffer.mid(headerEnd + 4, length);
            buffer.remove(0, headerEnd + 4 + length);
            {
                QMutexLocker lock(&m_owner.m_mutex);
                m_owner.m_requests.append(request);
            }
            const Reply reply = m_owner.m_handler(request);
            if (reply.delayMs > 0) {
                QPointer<QTcpSocket> guard(socket);
                QTimer::singleShot(reply.delayMs, this, [this, guard, reply] {
                    if (guard)
                        respond(guard, reply);
                });
            } else {
                respond(socket, reply);
            }
        }
    }

    void respond(QTcpSocket *socket, const Reply &reply)
    {
        switch (reply.behaviour) {
        case Reply::Behaviour::Hang:
            return; // keep the connection open, say nothing
        case Reply::Behaviour::Reset:
            socket->abort();
            return;
        case Reply::Behaviour::Normal:
        case Reply::Behaviour::Truncate:
            break;
        }
        const qint64 total = reply.repeatBodyTo > 0 ? reply.repeatBodyTo : reply.body.size();
        QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + " " + reasonPhrase(reply.status) + "\r\n";
        for (const auto &[name, value] : reply.headers)
            head += name + ": " + value + "\r\n";
        if (reply.behaviour == Reply::Behaviour::Truncate)
            head += "Content-Length: " + QByteArray::number(total * 2 + 100) + "\r\nConnection: close\r\n";
        else
            head += "Content-Length: " + QByteArray::number(total) + "\r\n";
        head += "\r\n";
        socket->write(head);
        if (reply.trickleMs > 0 && reply.behaviour == Reply::Behaviour::Normal) {
            trickle(socket, reply.body, 0, reply.trickleMs);
            return;
        }
        if (reply.repeatBodyTo > 0 && !reply.body.isEmpty()) {
            qint64 left = total;
            while (left > 0) {
                const qint64 chunk = qMin<qint64>(left, reply.body.size());
                socket->write(reply.body.constData(), chunk);
                left -= chunk;
                if (socket->bytesToWrite() > 4 * 1024 * 1024)
                    socket->waitForBytesWritten(1000);
                if (socket->state() != QAbstractSocket::ConnectedState)
                    return;
            }
        } else {
            socket->write(reply.body);
        }
        if (reply.behaviour == Reply::Behaviour::Truncate) {
            socket->flush();
            socket->disconnectFromHost();
        }
    }

    // One byte of `body` from `at`, then the rest later, until it is all sent or the client has gone.
    void trickle(QTcpSocket *socket, const QByteArray &body, qsizetype at, int everyMs)
    {
        if (at >= body.size())
            return;
        socket->write(body.constData() + at, 1);
        socket->flush();
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(everyMs, this, [this, guard, body, at, everyMs] {
            if (guard && guard->state() == QAbstractSocket::ConnectedState)
                trickle(guard, body, at + 1, everyMs);
        });
    }

    static QByteArray reasonPhrase(int status)
    {
        switch (status) {
        case 200: return "OK";
        case 201: return "Created";
        case 204: return "No Content";
        case 301: return "Moved Permanently";
        case 302: return "Found";
        case 304: return "Not Modified";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 422: return "Unprocessable Entity";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        default: return "Status";
        }
    }

    LoopbackHttpServer &m_owner;
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

QUrl LoopbackHttpServer::Request::url() const
{
    return QUrl(QStringLiteral("http://") + QString::fromLatin1(headers.value("host")) + QString::fromLatin1(target));
}

LoopbackHttpServer::Reply LoopbackHttpServer::Reply::json(const QByteArray &json, int status)
{
    return text(json, "application/json; charset=utf-8", status);
}

LoopbackHttpServer::Reply LoopbackHttpServer::Reply::text(const QByteArray &text, const QByteArray &contentType,
                                                          int status)
{
    Reply reply;
    reply.status = status;
    reply.headers.append({"Content-Type", contentType});
    reply.body = text;
    return reply;
}

LoopbackHttpServer::Reply LoopbackHttpServer::Reply::redirect(const QByteArray &location, int status)
{
    Reply reply;
    reply.status = status;
    reply.headers.append({"Location", location});
    return reply;
}

LoopbackHttpServer::LoopbackHttpServer(Handler handler) : m_handler(std::move(handler))
{
    m_worker = new Worker(*this);
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QSemaphore ready;
    QMetaObject::invokeMethod(m_worker, [this, &ready] {
        m_port = m_worker->listen();
        ready.release();
    });
    ready.acquire();
}

LoopbackHttpServer::~LoopbackHttpServer()
{
    m_thread.quit();
    m_thread.wait();
}

QUrl LoopbackHttpServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

QList<LoopbackHttpServer::Request> LoopbackHttpServer::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

int LoopbackHttpServer::requestCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_requests.size());
}

void LoopbackHttpServer::clearRequests()
{
    QMutexLocker lock(&m_mutex);
    m_requests.clear();
}
