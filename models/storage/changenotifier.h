#pragma once

#include <QList>
#include <QObject>

// The one channel through which views learn that data changed (STYLE.md, "Models and views"): whoever
// writes publishes here after the write committed (the profile editor, the quick log, every undo and redo,
// Inbox triage, and on the sync worker's behalf the window), and the item models and views that show the
// data subscribe (the contact list updates the rows in place, a profile's timeline and health reload, the
// Follow-ups and Activity sections refresh). Lives on the GUI thread: a worker thread reports through its
// own queued signals and the GUI thread publishes. instance() is created on first use.
class ChangeNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeNotifier)

public:
    static ChangeNotifier *instance();

    // Conversations of these contacts were logged, edited, trashed or restored (their last-contacted date
    // and health may have changed with them).
    void notifyInteractions(const QList<qint64> &contactIds) { Q_EMIT interactionsChanged(contactIds); }
    void notifyFollowUps() { Q_EMIT followUpsChanged(); }
    // These contacts' own fields changed (saved, merged, trashed, restored).
    void notifyContacts(const QList<qint64> &contactIds) { Q_EMIT contactsChanged(contactIds); }
    // `otherId` was merged into `keptId` (and is in the trash now); an undo of the merge says it again with
    // notifyContacts().
    void notifyMerged(qint64 keptId, qint64 otherId) { Q_EMIT contactsMerged(keptId, otherId); }
    // Anything of these campaigns changed: the brief, content, pitches (the media list and the board), coverage.
    // Also said for the campaigns of a contact whose pitch or coverage changed from the profile.
    void notifyCampaigns(const QList<qint64> &campaignIds) { Q_EMIT campaignsChanged(campaignIds); }
    // Contacts were created or removed in bulk (an import and its undo): the contact list reads its rows again;
    // `contactIds` are the contacts created, changed or removed.
    void notifyContactSetChanged(const QList<qint64> &contactIds) { Q_EMIT contactSetChanged(contactIds); }
    // Organizations were created or removed outside the Organizations section (an import and its undo).
    void notifyOrganizations() { Q_EMIT organizationsChanged(); }
    // An undo or redo could not write (a conflict, a lost connection): the window tells the user.
    void notifyChangeFailed(const QString &message) { Q_EMIT changeFailed(message); }

Q_SIGNALS:
    void interactionsChanged(const QList<qint64> &contactIds);
    void followUpsChanged();
    void contactsChanged(const QList<qint64> &contactIds);
    void contactsMerged(qint64 keptId, qint64 otherId);
    void campaignsChanged(const QList<qint64> &campaignIds);
    void contactSetChanged(const QList<qint64> &contactIds);
    void organizationsChanged();
    void changeFailed(const QString &message);

private:
    ChangeNotifier() = default;
};
