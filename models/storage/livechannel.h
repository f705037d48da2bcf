#pragma once

#include "storage/changenotifier.h"

#include <QObject>
#include <QThread>

class Database;
class LiveListener;
class QTimer;

// Team mode's live view (issue 14; docs/ARCHITECTURE.md, "How views learn about changes"): other people's
// changes on a shared PostgreSQL database reach this window's ChangeNotifier, so every open list, profile,
// timeline and board shows them without a restart.
//
// The server announces every write (schema v12: a NOTIFY per statement with the table, the rows, the
// writer's backend pid and the newest audit id). A LiveListener on a thread of its own, with a connection of
// its own that only LISTENs, receives them; this object, on the GUI thread, publishes them to
// ChangeNotifier::instance() with Change::Origin::Remote. The window's own writes are skipped (it published
// them when they committed): the listener knows the window connection's backend pid.
//
// A lost connection (a restarted server, a cut network, pg_terminate_backend) is found by the listener's
// heartbeat or by a query of the window that failed with a lost connection. state() turns Offline, the
// listener reconnects with a doubling wait, the window's connection is opened again as well, and what was
// missed meanwhile is read from the audit log and published (Change::Origin::CatchUp). Nothing the user
// typed is touched: the views that show unsaved edits keep them (they reload only when not dirty).
//
// Nothing happens on SQLite (start() leaves the state Off): one file, one writer at a time.
class LiveChannel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveChannel)

public:
    enum class State { Off, Connecting, Live, Offline };
    Q_ENUM(State)

    struct Options
    {
        int heartbeatMs = 2000;
        int firstRetryMs = 500;
        int maxRetryMs = 30000;
    };

    LiveChannel(Database &db, Options options, QObject *parent = nullptr);
    explicit LiveChannel(Database &db, QObject *parent = nullptr);
    ~LiveChannel() override; // stops the listener and waits for its thread

    // Starts listening (PostgreSQL only). Returns at once; state() follows.
    void start();
    State state() const { return m_state; }
    // Offline: try to reconnect now rather than after the current wait (the wait doubles up to maxRetryMs).
    void reconnectNow();
    // Changes received from the server (not counting the window's own, which are skipped), and how many
    // audit entries the last catch-up read: for the status bar's tooltip and the tests.
    int receivedCount() const { return m_received; }
    int lastCatchUpEntries() const { return m_lastCatchUp; }
    qint64 lastAuditId() const { return m_lastAuditId; }

Q_SIGNALS:
    void stateChanged(LiveChannel::State state);
    // Reconnected and caught up on `entries` audit entries missed meanwhile.
    void caughtUp(int entries);

private:
    void setState(State state);
    void deliver(const QList<Change> &changes, qint64 auditId);
    void onConnected(bool afterLoss);
    void checkWindowConnection();
    bool reopenWindowConnection();

    Database &m_db;
    Options m_options;
    QThread m_thread;
    LiveListener *m_listener = nullptr;
    QTimer *m_watch = nullptr;
    State m_state = State::Off;
    bool m_listening = false;
    int m_received = 0;
    int m_lastCatchUp = 0;
    qint64 m_lastAuditId = -1;
    int m_reopenWaitMs = 0;
    qint64 m_nextReopenAt = 0;
};
