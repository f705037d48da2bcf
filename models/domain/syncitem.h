#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

// One thing a sync fetched, already mapped from the network's JSON or XML into Rapport's terms, before it is
// stored. A Conversation item becomes an interaction (in a contact's timeline, or in the Inbox when nobody
// matches its author); an Engagement item (like, boost, follow, quote) is only counted.
//
// `source` + `externalId` are globally unique, so the same item seen twice (two syncs, two agency
// accounts, a page replayed after a crash) is stored once:
//   Mastodon: source "mastodon", externalId = the status URI (or "notification:<server>/<id>" for an
//             engagement without a status);
//   Bluesky:  source "bluesky",  externalId = the at:// URI (engagement: the like/repost/follow record URI);
//   feeds:    source "feed",     externalId = "<feed URL>#<item id or link or hash of title+date>".
struct SyncItem
{
    enum class Kind { Conversation, Engagement };

    Kind kind = Kind::Conversation;
    QString source;             // "mastodon", "bluesky" or "feed"
    QString externalId;
    QString channel = QStringLiteral("mention"); // Conversation: mention, reply, direct_message or post
    QString engagement;          // Engagement: like, boost, follow or quote
    QString direction = QStringLiteral("inbound");
    QDateTime occurredAt;        // UTC
    // The source gave no usable date (none, unreadable, or far in the future): occurredAt is when Rapport
    // first saw the item, and the timeline says so ("date unknown, first seen …").
    bool dateUnknown = false;
    QString subject;             // a feed item's title; empty for social posts
    QString text;                // plain text (HtmlText::toPlainText for HTML sources)
    QString url;                 // the web page of the item, if any

    // Who wrote it. `authorNetwork` is a handles.network name ("mastodon", "bluesky", "feed");
    // `authorHandle` is already normalized with normalizeHandle(authorNetwork, …) (Mastodon user@server,
    // Bluesky handle; for feeds the feed URL). `authorAltHandle` is a second identity to match on
    // (Bluesky DID); `authorName` the display name, for the Inbox and for new contacts.
    QString authorNetwork;
    QString authorHandle;
    QString authorAltHandle;
    QString authorName;

    // Set when the source already knows whose item it is (a feed attached to a contact): no matching.
    qint64 contactId = 0;
};

// Where a stream stands: what the next incremental sync starts from. Saved in the same transaction as the
// items of the page that moved it, so a crash or a kill never loses or duplicates anything.
struct SyncCursor
{
    QString cursor;        // Mastodon: newest id seen (min_id); Bluesky: newest indexedAt/cursor; feeds: unused
    QString etag;          // feeds: ETag of the last 200
    QString lastModified;  // feeds: Last-Modified of the last 200
    bool isEmpty() const { return cursor.isEmpty() && etag.isEmpty() && lastModified.isEmpty(); }
};

// What storing one page did.
struct IngestReport
{
    int inserted = 0;      // new interactions (timeline or Inbox)
    int toInbox = 0;       // of those, how many nobody matched
    int duplicates = 0;    // already stored (same source + externalId), skipped
    int ignored = 0;       // from an ignored handle, skipped
    int engagements = 0;   // new engagement events
    QList<qint64> contactIds; // contacts whose timeline gained something
    IngestReport &operator+=(const IngestReport &o)
    {
        inserted += o.inserted; toInbox += o.toInbox; duplicates += o.duplicates; ignored += o.ignored;
        engagements += o.engagements; contactIds += o.contactIds;
        return *this;
    }
};
