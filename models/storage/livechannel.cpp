#include "livechannel.h"

#include "core/logging.h"
#include "storage/database.h"
#include "storage/livelistener.h"

#include <QDateTime>
#include <QTimer>

LiveChannel::LiveChannel(Database &db, QObject *parent)
    : LiveChannel(db, Options(), parent)
{
}

LiveChannel::LiveChannel(Database &db, Options options, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_options(options)
    , m_reopenWaitMs(options.firstRetryMs)
{
    qRegisterMetaType<Change>();
    qRegisterMetaType<QList<Change>>();
}

LiveChannel::~LiveChannel()
{
    if (m_listener) {
        // stop() closes the listener's connection on its own thread; the thread then ends.
        QMetaObject::invokeMethod(m_listener, &LiveListener::stop, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
}

void LiveChannel::start()
{
    if (m_listener || !m_db.isPostgres())
        return;
    LiveListener::Options o;
    o.heartbeatMs = m_options.heartbeatMs;
    o.firstRetryMs = m_options.firstRetryMs;
    o.maxRetryMs = m_options.maxRetryMs;
    m_listener = new LiveListener(m_db.location(), o);
    m_listener->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_listener, &QObject::deleteLater);
    connect(m_listener, &LiveListener::changesArrived, this, &LiveChannel::deliver);
    connect(m_listener, &LiveListener::connected, this, &LiveChannel::onConnected);
    connect(m_listener, &LiveListener::lost, this, [this] {
        m_listening = false;
        setState(State::Offline);
    });
    connect(m_listener, &LiveListener::caughtUp, this, [this](int entries) {
        m_lastCatchUp = entries;
        Q_EMIT caughtUp(entries);
    });
    m_thread.setObjectName(QStringLiteral("rapport-live"));
    m_thread.start();
    setState(State::Connecting);
    const qint64 pid = m_db.backendPid();
    QMetaObject::invokeMethod(m_listener, [listener = m_listener, pid] { listener->start(pid); }, Qt::QueuedConnection);

    // A query of the window that found its connection gone: open it again (with a doubling wait), and say
    // so meanwhile. Checks a flag, never the server, so it costs nothing while all is well.
    m_watch = new QTimer(this);
    m_watch->setInterval(250);
    connect(m_watch, &QTimer::timeout, this, &LiveChannel::checkWindowConnection);
    m_watch->start();
}

void LiveChannel::reconnectNow()
{
    if (!m_listener)
        return;
    m_nextReopenAt = 0;
    QMetaObject::invokeMethod(m_listener, &LiveListener::retryNow, Qt::QueuedConnection);
}

void LiveChannel::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void LiveChannel::deliver(const QList<Change> &changes, qint64 auditId)
{
    m_lastAuditId = std::max(m_lastAuditId, auditId);
    ChangeNotifier *notifier = ChangeNotifier::instance();
    for (const Change &change : changes) {
        if (change.origin == Change::Origin::Remote)
            ++m_received;
        notifier->publish(change);
    }
}

void LiveChannel::onConnected(bool afterLoss)
{
    m_listening = true;
    // After an outage the window's own connection is most likely gone too (a restarted server).
    if (afterLoss && !m_db.ping() && !reopenWindowConnection()) {
        setState(State::Offline);
        return;
    }
    setState(State::Live);
}

void LiveChannel::checkWindowConnection()
{
    if (!m_db.connectionLost())
        return;
    setState(State::Offline);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now < m_nextReopenAt)
        return;
    if (!reopenWindowConnection()) {
        m_nextReopenAt = now + m_reopenWaitMs;
        m_reopenWaitMs = std::min(m_reopenWaitMs * 2, m_options.maxRetryMs);
        return;
    }
    // Back; the listener, if it was cut as well, says Live itself once it is listening again.
    if (m_listening)
        setState(State::Live);
}

bool LiveChannel::reopenWindowConnection()
{
    if (Status s = m_db.reconnect(); !s) {
        qCInfo(lcStorage) << "live: the window's connection is not back yet:" << s.error().message;
        return false;
    }
    m_reopenWaitMs = m_options.firstRetryMs;
    m_nextReopenAt = 0;
    const qint64 pid = m_db.backendPid();
    QMetaObject::invokeMethod(m_listener, [listener = m_listener, pid] { listener->setIgnoredPid(pid); },
        Qt::QueuedConnection);
    // Whatever a view tried to read while the connection was gone failed (a list remembers a block that
    // failed as empty): the lists read what they show again, a profile without unsaved edits reloads.
    ChangeNotifier *notifier = ChangeNotifier::instance();
    notifier->publish(Change { Change::Table::Contacts, {}, {}, {}, false, Change::Origin::CatchUp });
    notifier->publish(Change { Change::Table::Organizations, {}, {}, {}, false, Change::Origin::CatchUp });
    return true;
}
