#pragma once

#include "storage/databaselocation.h"
#include "sync/syncsource.h"

#include <QObject>
#include <QThread>

class SyncWorker;

// The window's (and `rapport sync`'s) handle on the background sync. Owns a QThread running a SyncWorker,
// which has its own QNetworkAccessManager, its own Database connection and its own SecretStore; the two
// talk only through queued signals. Periodic sync per account (its interval), "Sync now", cancel, and a
// clean stop: stop() cancels the run in flight, lets the current page's transaction finish, quits the
// thread and waits for it (never terminates it mid-write).
class SyncManager final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool periodic = true;      // run accounts when their interval is due (the window); false for the CLI
        bool syncOnStart = true;   // honour each account's sync-on-start flag
        SyncHttp::Options http;
        double timeScale = 1.0;    // tests: shorten back-off and rate-limit waits
    };

    SyncManager(DatabaseLocation location, QString secretScope, Options options, QObject *parent = nullptr);
    explicit SyncManager(DatabaseLocation location, QString secretScope, QObject *parent = nullptr);
    ~SyncManager() override; // stop()

    void start();
    void stop();
    bool isRunning() const;
    bool isSyncing() const { return m_syncing; }

public slots:
    void syncNow(qint64 accountId = 0); // 0: every enabled account
    void cancel();                      // the run in flight; queued runs are dropped
    void accountsChanged();             // re-read accounts and intervals (after Settings → Accounts)
    // Tests the connection of an account not necessarily saved yet, with a secret given directly (the
    // dialog's "Test connection"); answers with connectionTested(requestId, …).
    void testConnection(int requestId, const SocialAccount &account, const QString &secretName,
                        const QString &secret);

signals:
    void syncStarted(qint64 accountId);
    void progress(qint64 accountId, int fetchedSoFar);
    // ok: result.ok(); message in words for the status bar and the account list.
    void accountSynced(qint64 accountId, bool ok, const QString &message, const SyncOutcome &outcome);
    void idle();                        // nothing running or queued
    void inboxChanged();
    void timelinesChanged(const QList<qint64> &contactIds);
    void connectionTested(int requestId, bool ok, const QString &message);

private:
    DatabaseLocation m_location;
    QString m_scope;
    Options m_options;
    QThread m_thread;
    SyncWorker *m_worker = nullptr;
    CancelToken m_cancel;
    bool m_syncing = false;
};

Q_DECLARE_METATYPE(SyncOutcome)
Q_DECLARE_METATYPE(SocialAccount)
