#pragma once

#include <QHash>
#include <QWidget>

class Database;
class QLabel;
class QProgressBar;
class QToolButton;
class SyncManager;
struct SyncOutcome;

// The sync's place in the status bar: while a run is going, a small busy bar, "Syncing <account>… N items"
// and a Cancel button; afterwards one line with the result ("Synced 3 accounts: 42 new items, 5 in the
// Inbox", or what went wrong). Reads account names from the GUI thread's database; everything else comes
// from the SyncManager's signals.
class SyncStatusWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncStatusWidget)

public:
    SyncStatusWidget(Database &db, SyncManager *sync, QWidget *parent = nullptr);

    QString text() const;
    bool isBusy() const;

private:
    void started(qint64 accountId);
    void progressed(qint64 accountId, int fetched);
    void synced(qint64 accountId, bool ok, const QString &message, const SyncOutcome &outcome);
    void finished();
    QString accountName(qint64 accountId);

    Database &m_db;
    SyncManager *m_sync = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_label = nullptr;
    QToolButton *m_cancel = nullptr;
    QHash<qint64, QString> m_names;
    bool m_running = false;
    int m_accounts = 0;
    int m_failed = 0;
    int m_newItems = 0;
    int m_toInbox = 0;
    QString m_lastError;
};
