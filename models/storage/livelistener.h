#pragma once

#include "storage/changenotifier.h"
#include "storage/databaselocation.h"

#include <QObject>
#include <QSqlDriver>

class QTimer;

// LiveChannel's worker (models/storage/livechannel.h), on its own thread with its own QPSQL connection,
// which does nothing but LISTEN: QSqlDriver::subscribeToNotification("rapport_changes") delivers the
// server's notifications (schema v12) to this thread's event loop. It parses their JSON payloads into
// Changes, skips those written by the window's own connection (ignoredPid), batches a burst for a few
// milliseconds and reports them with the newest audit id seen. A heartbeat (SELECT 1) finds a lost
// connection; it then reconnects with a doubling wait and, once back, catches up from the audit log
// (entries after the last audit id seen, less a small margin for transactions that were still open), since
// the server never replays a notification. Talks to LiveChannel only through queued signals and calls.
class LiveListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveListener)

public:
    struct Options
    {
        int heartbeatMs = 2000; // how often the connection is checked
        int firstRetryMs = 500; // the first wait before reconnecting; doubles up to maxRetryMs
        int maxRetryMs = 30000;
        int batchMs = 20; // notifications arriving within this time are reported together
    };

    LiveListener(DatabaseLocation location, Options options);
    ~LiveListener() override;

    // The payload of one notification as a Change (false if it is not one of ours). `pid` and `auditId`
    // come from the payload. Public for the tests.
    static bool parsePayload(const QString &payload, Change *change, qint64 *pid, qint64 *auditId);

public Q_SLOTS:
    void start(qint64 ignoredPid);
    void stop();
    void setIgnoredPid(qint64 pid) { m_ignoredPid = pid; }
    // Offline: try again now instead of after the current wait.
    void retryNow();

Q_SIGNALS:
    void connected(bool afterLoss); // listening (again)
    void lost(const QString &reason); // the connection is gone; reconnecting
    void changesArrived(const QList<Change> &changes, qint64 auditId);
    void caughtUp(int entries);

private:
    void connectNow();
    void dropConnection();
    void scheduleRetry();
    void heartbeat();
    void onNotification(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload);
    void flush();
    // Reads the audit log after `from` and reports what it names; the number of entries read, or -1.
    int catchUp(qint64 from);
    bool readNewestAuditId(qint64 *id);

    DatabaseLocation m_location;
    Options m_options;
    QString m_connectionName;
    QTimer *m_heartbeat = nullptr;
    QTimer *m_retry = nullptr;
    QTimer *m_flush = nullptr;
    QList<Change> m_pending;
    qint64 m_ignoredPid = 0;
    qint64 m_lastAuditId = -1; // -1: never connected
    int m_retryMs = 0;
    bool m_open = false;
    bool m_stopped = false;
    bool m_wasLost = false;
    bool m_sawNotification = false;
};
