#include "sync/syncmanager.h"

#include "sync/syncworker.h"

SyncManager::SyncManager(DatabaseLocation location, QString secretScope, Options options, QObject *parent)
    : QObject(parent), m_location(std::move(location)), m_scope(std::move(secretScope)), m_options(options)
{
    // Queued signals between the worker thread and this one carry these.
    qRegisterMetaType<SyncOutcome>();
    qRegisterMetaType<SocialAccount>();
    qRegisterMetaType<QList<qint64>>();
    m_thread.setObjectName(QStringLiteral("rapport-sync"));
}

SyncManager::SyncManager(DatabaseLocation location, QString secretScope, QObject *parent)
    : SyncManager(std::move(location), std::move(secretScope), Options(), parent)
{
}

SyncManager::~SyncManager()
{
    stop();
}

void SyncManager::start()
{
    if (m_worker)
        return;
    m_cancel.reset();
    m_worker = new SyncWorker(m_location, m_scope, m_options, m_cancel);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, m_worker, &SyncWorker::start);
    // Deleted on its own thread once the loop has ended (its Database and network manager with it).
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    connect(m_worker, &SyncWorker::syncStarted, this, [this](qint64 accountId) {
        m_syncing = true;
        emit syncStarted(accountId);
    });
    connect(m_worker, &SyncWorker::progress, this, &SyncManager::progress);
    connect(m_worker, &SyncWorker::accountSynced, this, &SyncManager::accountSynced);
    connect(m_worker, &SyncWorker::inboxChanged, this, &SyncManager::inboxChanged);
    connect(m_worker, &SyncWorker::timelinesChanged, this, &SyncManager::timelinesChanged);
    connect(m_worker, &SyncWorker::connectionTested, this, &SyncManager::connectionTested);
    connect(m_worker, &SyncWorker::idle, this, [this] {
        m_syncing = false;
        emit idle();
    });
    m_thread.start();
}

void SyncManager::stop()
{
    if (!m_worker)
        return;
    // No new run starts; the run in flight stops at its next cancel check (a page being stored finishes its
    // transaction first); then the worker quits the thread's loop itself, once nothing waits inside it.
    m_worker->requestStop();
    m_cancel.cancel();
    SyncWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->finish(); }, Qt::QueuedConnection);
    m_thread.wait();
    m_worker = nullptr; // deleted on QThread::finished
    m_syncing = false;
}

bool SyncManager::isRunning() const
{
    return m_worker && m_thread.isRunning();
}

void SyncManager::syncNow(qint64 accountId)
{
    if (!m_worker)
        return;
    SyncWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, accountId] { worker->syncNow(accountId); }, Qt::QueuedConnection);
}

void SyncManager::cancel()
{
    if (!m_worker)
        return;
    // Posted before the token is set, so the worker has it in its queue by the time the run stops.
    SyncWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->dropQueue(); }, Qt::QueuedConnection);
    m_cancel.cancel();
}

void SyncManager::accountsChanged()
{
    if (!m_worker)
        return;
    SyncWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->accountsChanged(); }, Qt::QueuedConnection);
}

void SyncManager::testConnection(int requestId, const SocialAccount &account, const QString &secretName,
                                 const QString &secret)
{
    if (!m_worker) {
        emit connectionTested(requestId, false, tr("Sync is not running."));
        return;
    }
    SyncWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, requestId, account, secretName, secret] {
            worker->testConnection(requestId, account, secretName, secret);
        },
        Qt::QueuedConnection);
}
