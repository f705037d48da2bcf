#pragma once

#include <QDateTime>
#include <QString>

// A place Rapport syncs from: an agency Mastodon or Bluesky account (owned by a user), or a feed attached
// to a contact or an organization. Secrets (tokens, app passwords, refresh tokens) are never in this struct
// nor in the database: they live in the OS keyring under SocialAccount::secretKey().
struct SocialAccount
{
    enum class State { Ok, Error, SignInRequired, Disabled };

    qint64 id = 0;
    QString network;        // "mastodon", "bluesky" or "feed"
    QString displayName;    // what the user calls it; defaults to the handle or the feed title
    QString serverUrl;      // Mastodon: https://server; Bluesky: PDS URL (default https://bsky.social); feed: feed URL
    QString handle;         // Mastodon user@server; Bluesky handle; feed: empty
    qint64 contactId = 0;   // feed: the contact it belongs to
    qint64 organizationId = 0; // feed: the organization it belongs to
    qint64 userId = 0;      // Mastodon/Bluesky: the account manager who added it
    int syncIntervalS = 900;
    bool enabled = true;
    bool syncOnStart = false;
    State state = State::Ok;
    QDateTime lastSyncAt;      // last attempt
    QDateTime lastSuccessAt;   // last sync that finished without error
    int lastFetched = 0;       // items fetched by the last successful sync
    QString lastError;         // in words; empty when the last sync succeeded
    int version = 0;
    QDateTime createdAt;
    QDateTime updatedAt;

    QDateTime nextSyncAt() const
    {
        const QDateTime base = lastSyncAt.isValid() ? lastSyncAt : QDateTime::currentDateTimeUtc();
        return base.addSecs(syncIntervalS);
    }
    // The keyring key of one of this account's secrets ("access_token", "refresh_token", "app_password").
    QString secretKey(const QString &name) const
    {
        return QStringLiteral("rapport/account/%1/%2").arg(id).arg(name);
    }
    static QString networkLabel(const QString &network); // "Mastodon", "Bluesky", "Feed" (translated)
};
