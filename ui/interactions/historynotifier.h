#pragma once

#include <QList>
#include <QObject>

// One place that says "the conversation history changed", so the views that show it (a profile's timeline,
// the Follow-ups section, the sidebar's overdue count) reload however the change came: the quick log, an
// undo or a redo. Lives on the GUI thread; instance() is created on first use.
class HistoryNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryNotifier)

public:
    static HistoryNotifier *instance();

    void notifyInteractions(const QList<qint64> &contactIds) { Q_EMIT interactionsChanged(contactIds); }
    void notifyFollowUps() { Q_EMIT followUpsChanged(); }
    // An undo or redo could not write (a conflict, a lost connection): the window tells the user.
    void notifyChangeFailed(const QString &message) { Q_EMIT changeFailed(message); }

Q_SIGNALS:
    void interactionsChanged(const QList<qint64> &contactIds);
    void followUpsChanged();
    void changeFailed(const QString &message);

private:
    HistoryNotifier() = default;
};
