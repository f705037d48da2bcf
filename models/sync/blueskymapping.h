#pragma once

#include "core/result.h"
#include "domain/syncitem.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// Pure functions from Bluesky's XRPC JSON (app.bsky.notification.listNotifications,
// app.bsky.feed.getAuthorFeed, com.atproto.server.createSession/refreshSession, error bodies) to Rapport's
// SyncItems. No network, no database: fed anything (truncated, hostile, huge numbers, wrong types), they
// return an Error or skip the entry, never crash. Fuzzed by tests/fuzz/fuzz_blueskyjson.cpp.
//
// Mapping (docs/SYNC.md, "Bluesky"):
//   notification reason mention / reply → Conversation, channel "mention" / "reply";
//   reason quote → Conversation, channel "mention" (the quote's words are about the agency and belong in the
//     timeline) AND an Engagement "quote" with the same at:// URI (counted like a boost);
//   reason like / repost / follow → Engagement like / boost / follow, externalId = the like/repost/follow
//     record's URI; other reasons (starterpack-joined, verified, …) are skipped;
//   a tracked author's post (getAuthorFeed) → Conversation, channel "post"; reposts in the feed are skipped.
namespace BlueskyMapping {

// One mapped page. `indexedAt` lists every entry's indexedAt (also the skipped ones, in server order,
// newest first) so the caller can tell where the stored cursor is reached.
struct Page
{
    QList<SyncItem> items;
    QList<QDateTime> indexedAt; // per entry of the page, in order; invalid if the entry had none
    QList<int> itemEntry; // items[i] came from entry itemEntry[i]
    QString cursor; // the server's cursor for the next (older) page; empty at the end
    int entries = 0; // entries in the page, mapped or not
    int skipped = 0; // entries that were not mapped (unknown reason, repost, malformed)
    int malformed = 0; // of those, the ones Rapport would keep but could not read (no valid URI, time or author)
    QStringList malformedNotes; // why, one line per malformed entry
};

struct Session
{
    QString did;
    QString handle;
    QString accessJwt;
    QString refreshJwt;
};

// listNotifications → items. Error only when the body is not the expected object at all.
Result<Page> parseNotifications(const QByteArray &json);
// getAuthorFeed → the posts written by `authorDid` (reposts of others' posts are skipped).
Result<Page> parseAuthorFeed(const QByteArray &json, const QString &authorDid);
// createSession / refreshSession / getSession (the last has no tokens).
Result<Session> parseSession(const QByteArray &json, bool requireTokens = true);
// The "error" name of an XRPC error body ("ExpiredToken", "InvalidToken", "AuthenticationRequired"), or
// empty. Also the "message", for logs and user messages (never contains a secret).
QString errorName(const QByteArray &json);
QString errorMessage(const QByteArray &json);

// at://did:plc:abc/app.bsky.feed.post/3kxyz + handle → https://bsky.app/profile/<handle>/post/3kxyz; empty
// for anything that is not a post URI.
QString postUrl(const QString &atUri, const QString &handle);
// The ISO-8601 times Bluesky sends ("2024-05-01T10:00:00.123Z", also with offsets or without fraction),
// as UTC; invalid for anything else.
QDateTime parseTime(const QString &text);
// The cursor form of a time: ISO-8601 UTC with milliseconds, so cursors compare as text and as times.
QString timeCursor(const QDateTime &time);

// Text is capped so one hostile post cannot bloat the database (Bluesky limits posts to 300 graphemes).
constexpr int kMaxTextLength = 10000;

} // namespace BlueskyMapping
