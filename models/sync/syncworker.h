#pragma once

#include "storage/databaselocation.h"
#include "sync/syncmanager.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>

#include <atomic>
#include <memory>

class Database;
class QNetworkAccessManager;
class QTimer;
class SecretStore;
class SyncHttp;
class SyncRepository;

// The background half of SyncManager: lives in the manager's QThread and owns everything a sync touches
// there (its own Database connection, QNetworkAccessManager, SyncHttp and SecretStore, all created in
// start() on that thread). Runs one account at a time from a queue ("Sync now", sync-on-start, and a timer
// that checks which accounts are due), and reports through signals the manager re-emits in the GUI thread.
//
// Nested event loops: SyncHttp waits for replies in a local event loop, so queued calls (syncNow, cancel,
// testConnection) arrive while a run is in flight. They only queue work; a run never starts inside another
// run or inside a connection test, and a connection test may run inside a sync's wait (it uses its own
// SyncHttp and never writes).
class SyncWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncWorker)
public:
    SyncWorker(DatabaseLocation location, QString secretScope, SyncManager::Options options,
               CancelToken &cancel);
    ~SyncWorker() override;

    // Thread-safe: from now on no run starts; the one in flight ends at its next cancel check.
    void requestStop()
    {
        m_stopping.store(true);
        m_testCancel.cancel();
    }

public slots:
    void start();
    void syncNow(qint64 accountId);
    void dropQueue();
    void accountsChanged();
    void testConnection(int requestId, const SocialAccount &account, const QString &secretName,
                        const QString &secret);
    // Quits the thread as soon as no run is in flight (the manager called requestStop() first).
    void finish();

signals:
    void syncStarted(qint64 accountId);
    void progress(qint64 accountId, int fetchedSoFar);
    void accountSynced(qint64 accountId, bool ok, const QString &message, const SyncOutcome &outcome);
    void idle();
    void inboxChanged();
    void timelinesChanged(const QList<qint64> &contactIds);
    void connectionTested(int requestId, bool ok, const QString &message);

private:
    struct PendingTest
    {
        int requestId;
        SocialAccount account;
        QString secretName;
        QString secret;
    };

    void schedule();
    void runNext();
    void runAccount(qint64 accountId);
    void runTest(const PendingTest &test);
    void checkDue();
    void enqueue(qint64 accountId);
    Status openResources();
    void maybeQuit();

    DatabaseLocation m_location;
    QString m_scope;
    SyncManager::Options m_options;
    CancelToken &m_cancel;      // the manager's: cancel() and stop() set it; reset when a run starts
    CancelToken m_testCancel;   // connection tests only, so a cancelled sync does not fail the next test
    std::atomic<bool> m_stopping{false};

    std::unique_ptr<Database> m_db;
    std::unique_ptr<SyncRepository> m_repo;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<SyncHttp> m_http;
    std::unique_ptr<SecretStore> m_secrets;
    QTimer *m_dueTimer = nullptr;
    QString m_openError; // why the database could not be opened, reported per run

    QHash<qint64, QDateTime> m_lastAttempt; // this session's runs, cancelled ones included
    QList<qint64> m_queue;
    QList<PendingTest> m_tests;
    qint64 m_current = 0; // the account being synced, 0 if none
    bool m_testing = false;
    bool m_kickPending = false;
    bool m_reportedIdle = true;
};
