#pragma once

#include "core/result.h"
#include "domain/socialaccount.h"
#include "domain/syncitem.h"

#include <QList>
#include <QString>
#include <QStringList>

class Database;

// One author in the Inbox: synced items nobody in the contacts matched, grouped by who wrote them.
struct InboxEntry
{
    QString network;        // handles.network: mastodon, bluesky, feed
    QString handle;         // normalized
    QString authorName;
    int itemCount = 0;
    QDateTime latestAt;
    QString latestText;     // first 200 characters of the newest item
    QString latestUrl;
};

// A contact the Inbox suggests for an author: same handle local part, same name, or same outlet domain.
struct ContactSuggestion
{
    qint64 contactId = 0;
    QString displayName;
    QString organizationName;
    QString reason;          // in words: "same name", "handle matches email"
};

// Social accounts, their sync cursors, ingesting synced pages, and Inbox triage. Every write is one
// transaction; ingestPage() stores a page's items and its new cursor together.
class SyncRepository final
{
public:
    explicit SyncRepository(Database &db) : m_db(db) {}

    // --- accounts (social_accounts) ---
    Result<QList<SocialAccount>> accounts();
    Result<SocialAccount> account(qint64 id);
    // Validates (network known, URL http(s), feed owner set, interval 60 s … 1 week) and inserts.
    Status createAccount(SocialAccount &account);
    Status updateAccount(SocialAccount &account); // Conflict on a stale version
    // Deletes the account and its cursors (its synced interactions stay in the timelines). The caller
    // removes its secrets from the SecretStore.
    Status removeAccount(qint64 id);
    // After a sync run: last_sync_at = now; on success also last_success_at, last_fetched, error cleared. Always
    // what the run skipped (count and reasons; 0 and empty clear it).
    Status recordSyncResult(qint64 accountId, const Status &result, int fetched,
        SocialAccount::State state = SocialAccount::State::Ok, int skipped = 0, const QString &skipNote = {});

    // --- cursors (sync_state) ---
    Result<SyncCursor> cursor(qint64 accountId, const QString &stream);
    // Stores the items (matched to contacts by handle, else to the Inbox; ignored handles skipped;
    // duplicates skipped by source + external id) and the stream's new cursor in one transaction.
    Result<IngestReport> ingestPage(const SocialAccount &account, const QString &stream,
                                    const QList<SyncItem> &items, const SyncCursor &newCursor);

    // --- tracked authors ---
    // The normalized handles live contacts have on a network (for Bluesky both handles and DIDs), at most
    // `limit`, in a stable order: the authors whose own posts a sync follows (Bluesky's author feeds).
    // Defined in syncrepository_tracked.cpp.
    Result<QStringList> contactHandles(const QString &network, int limit = 1000);

    // --- Inbox ---
    Result<QList<InboxEntry>> inbox(int limit = 500);
    Result<int> inboxCount(); // authors waiting
    Result<QList<ContactSuggestion>> suggestions(const InboxEntry &entry, int limit = 5);
    // Adds the handle to the contact and moves every Inbox item of that author into its timeline.
    // Returns how many items moved.
    Result<int> linkToContact(const QString &network, const QString &handle, qint64 contactId);
    // Undo of linkToContact: puts the items back in the Inbox and removes the handle again.
    Status unlinkFromContact(const QString &network, const QString &handle, qint64 contactId);
    // From now on items by this handle are skipped; its Inbox items go to the trash. unignore() undoes.
    Status ignore(const QString &network, const QString &handle);
    Status unignore(const QString &network, const QString &handle);

    // Engagement counted for a contact (likes, boosts, follows, quotes) since a time.
    Result<int> engagementCount(qint64 contactId, const QDateTime &since = {});

private:
    Database &m_db;
};
