#pragma once

#include "storage/databasebackup.h"
#include "storage/databaselocation.h"
#include "storage/workerconnection.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

// The daily automatic backup of the embedded database (issue 13): at most one a day into the `backups`
// folder beside the database (BackupFolder, the newest seven kept), taken on a worker thread with its own
// connection (WorkerConnection), so the window never waits for it.
//
// start() looks once at once (the app calls it when the first screen is up) and then every checkInterval:
// when no backup was taken on today's date and nobody touched a key or the mouse for idleTime, it backs up.
// Nothing happens on PostgreSQL, on a read-only database, or while disabled (the user's setting).
class AutoBackup final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AutoBackup)

public:
    explicit AutoBackup(DatabaseLocation location, QObject *parent = nullptr);
    ~AutoBackup() override;

    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled);
    // Whether this database can be backed up this way at all (SQLite).
    bool isSupported() const { return !m_location.isPostgres(); }

    // Checks now whether a backup is due (the start-up check), then every checkInterval when idle.
    void start();
    // Starts a backup on the worker if one is due; false when none is due, one runs, or it is disabled.
    bool runIfDue();
    bool isRunning() const { return m_job.isRunning(); }
    BackupFolder folder() const { return BackupFolder(m_location.path); }

    void setCheckInterval(int ms) { m_timer.setInterval(ms); }
    void setIdleTime(int ms) { m_idleMs = ms; }

Q_SIGNALS:
    void backupStarted();
    void backupWritten(const BackupSummary &summary);
    void backupFailed(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void check();

    DatabaseLocation m_location;
    WorkerConnection m_job;
    QTimer m_timer;
    QElapsedTimer m_sinceInput;
    int m_idleMs = 120000;
    bool m_enabled = true;
};
