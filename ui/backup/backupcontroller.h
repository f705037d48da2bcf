#pragma once

#include "storage/databasebackup.h"
#include "storage/workerconnection.h"

#include <QObject>

class AutoBackup;
class Database;
class QAction;
class QWidget;

// The window's backups (issue 13; docs/BACKUP.md): File → Back Up Database… (a file chosen by the user, written
// on a worker thread), File → Restore From Backup… (pick a file, RestorePreviewDialog, then restoreConfirmed for
// the app to close, swap and reopen), and File → Back Up Daily (the user's setting, `backup/daily`, for the
// AutoBackup it owns, which the app starts once the first screen is up). On PostgreSQL the two commands say to use
// pg_dump and pg_restore, and there is no daily backup.
class BackupController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackupController)

public:
    BackupController(Database &db, QWidget *window);
    ~BackupController() override;

    QAction *backUpAction() const { return m_backUp; }
    QAction *restoreAction() const { return m_restore; }
    QAction *dailyAction() const { return m_daily; }
    AutoBackup *autoBackup() const { return m_auto; }
    bool isBackingUp() const { return m_job.isRunning(); }

    // The daily backup: due today and not turned off → on a worker thread now; then checked when idle.
    void startAutomaticBackups();
    // File → Back Up Database…: asks where (FileDialog), then writes there.
    void backUp();
    // Writes a backup to `path` on a worker thread; backupFinished tells how it went.
    void backUpTo(const QString &path);
    // File → Restore From Backup…: asks which file (in the backups folder first), then shows the preview.
    void chooseBackup();

Q_SIGNALS:
    void statusMessage(const QString &message, int timeoutMs);
    void backupFinished(bool ok, const QString &message);
    // The user confirmed restoring this file in the preview: the window must close before it can happen.
    void restoreConfirmed(const QString &backupFile);

private:
    void showPostgresNote();

    Database &m_db;
    QWidget *m_window;
    QAction *m_backUp = nullptr;
    QAction *m_restore = nullptr;
    QAction *m_daily = nullptr;
    AutoBackup *m_auto = nullptr;
    WorkerConnection m_job;
    bool m_autoFailureShown = false;
};
