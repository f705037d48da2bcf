#pragma once

#include <QList>
#include <QMetaType>
#include <QObject>

// What changed, in the terms of the tables: one table, the changed rows, and the contacts and campaigns the
// change concerns (an interaction's contact, a pitch's campaign). An empty id list means "not known which":
// a reader treats it as "any" (ChangeNotifier::concerns). Made by the writers in this window, by the sync
// worker's reports, and by LiveChannel from the server's notifications (issue 14).
struct Change
{
    enum class Table : quint8 {
        Contacts,
        Organizations,
        Interactions,
        FollowUps,
        Campaigns, // a campaign's own row, its content items and members
        Pitches,
        Coverage,
        Inbox, // synced items without a contact, ignored handles
    };
    enum class Origin : quint8 {
        Local, // written through this window's connection (or its workers)
        Remote, // announced by the server: another person, another window, a sync elsewhere
        CatchUp, // read from the audit log after a lost connection (what was missed meanwhile)
    };

    Table table = Table::Contacts;
    QList<qint64> ids;
    QList<qint64> contactIds;
    QList<qint64> campaignIds;
    bool touchesInbox = false; // an interaction without a contact (the Inbox) was among the rows
    Origin origin = Origin::Local;

    // The table's name in the database ("follow_ups"), and back (false if it is not one of the above).
    static QString tableName(Table table);
    static bool tableFromName(const QString &name, Table *table);
};
Q_DECLARE_METATYPE(Change)

// The one channel through which views learn that data changed (STYLE.md, "Models and views"; issue 14):
// whoever writes publishes here after the write committed (the profile editor, the quick log, every undo and
// redo, Inbox triage, on the sync worker's behalf the window, and in team mode LiveChannel for the server's
// notifications of everybody else's writes), and the item models and views that show the data subscribe (the
// contact and organization lists update their rows in place, a profile's timeline and health reload, the
// Follow-ups, Inbox, Activity, Campaigns and Dashboard sections refresh).
//
// publish() is the general entry; it emits changed() and the signal of the table below, which is what most
// views connect to. An empty id list in a signal means "some, not known which" (after a catch-up or a bulk
// write): check with concerns(ids, id), never with ids.contains(id).
//
// Lives on the GUI thread: a worker thread reports through its own queued signals and the GUI thread
// publishes. instance() is created on first use.
class ChangeNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeNotifier)

public:
    static ChangeNotifier *instance();

    // True if a change of `ids` concerns `id`: it is listed, or the list is empty ("not known which").
    static bool concerns(const QList<qint64> &ids, qint64 id) { return ids.isEmpty() || ids.contains(id); }

    void publish(const Change &change);

    // Conversations of these contacts were logged, edited, trashed or restored (their last-contacted date
    // and health may have changed with them). Nothing is said for an empty list.
    void notifyInteractions(const QList<qint64> &contactIds);
    void notifyFollowUps() { Q_EMIT followUpsChanged(); }
    // These contacts' own fields changed (saved, merged, trashed, restored).
    void notifyContacts(const QList<qint64> &contactIds);
    // `otherId` was merged into `keptId` (and is in the trash now); an undo of the merge says it again with
    // notifyContacts().
    void notifyMerged(qint64 keptId, qint64 otherId) { Q_EMIT contactsMerged(keptId, otherId); }
    // Anything of these campaigns changed: the brief, content, pitches (the media list and the board), coverage.
    // Also said for the campaigns of a contact whose pitch or coverage changed from the profile.
    void notifyCampaigns(const QList<qint64> &campaignIds);
    // Contacts were created or removed in bulk (an import and its undo): the contact list reads its rows again;
    // `contactIds` are the contacts created, changed or removed.
    void notifyContactSetChanged(const QList<qint64> &contactIds) { Q_EMIT contactSetChanged(contactIds); }
    // These organizations changed; none given: some, not known which (an import and its undo).
    void notifyOrganizations(const QList<qint64> &organizationIds = {});
    void notifyInbox() { Q_EMIT inboxChanged(); }
    // An undo or redo could not write (a conflict, a lost connection): the window tells the user.
    void notifyChangeFailed(const QString &message) { Q_EMIT changeFailed(message); }

Q_SIGNALS:
    void changed(const Change &change);
    void interactionsChanged(const QList<qint64> &contactIds);
    void followUpsChanged();
    void contactsChanged(const QList<qint64> &contactIds);
    void contactsMerged(qint64 keptId, qint64 otherId);
    void campaignsChanged(const QList<qint64> &campaignIds);
    void contactSetChanged(const QList<qint64> &contactIds);
    void organizationsChanged(const QList<qint64> &organizationIds);
    void inboxChanged();
    void changeFailed(const QString &message);

private:
    ChangeNotifier() = default;
};
