#pragma once

#include "domain/network.h"

#include <QDateTime>
#include <QString>

// A place Rapport syncs from: an agency Mastodon or Bluesky account (owned by a user), or a feed attached
// to a contact or an organization. Secrets (tokens, app passwords, refresh tokens) are never in this struct
// nor in the database: they live in the OS keyring under SocialAccount::secretKey().
struct SocialAccount
{
    // Where an account stands after its last sync. Each state is spelled once, in socialaccount.cpp's table:
    // its key in social_accounts.state, its key on the command line and in JSON, and its label.
    enum class State { Ok, Error, SignInRequired, Disabled };

    qint64 id = 0;
    Network network = Network::Mastodon; // what the rest depends on: Networks::traits(network)
    QString displayName; // what the user calls it; defaults to the handle or the feed title
    QString serverUrl; // Mastodon: https://server; Bluesky: PDS URL (default https://bsky.social); feed: feed URL
    QString handle; // Mastodon user@server; Bluesky handle; feed: empty
    qint64 contactId = 0; // feed: the contact it belongs to
    qint64 organizationId = 0; // feed: the organization it belongs to
    qint64 userId = 0; // Mastodon/Bluesky: the account manager who added it
    int syncIntervalS = 900;
    bool enabled = true;
    bool syncOnStart = false;
    State state = State::Ok;
    QDateTime lastSyncAt; // last attempt
    QDateTime lastSuccessAt; // last sync that finished without error
    int lastFetched = 0; // items fetched by the last successful sync
    QString lastError; // in words; empty when the last sync succeeded
    int lastSkipped = 0; // items the last sync could not read and left out (the rest was stored)
    QString lastSkipNote; // why, in words (the first few reasons, one per line)
    int version = 0;
    QDateTime createdAt;
    QDateTime updatedAt;

    QDateTime nextSyncAt() const
    {
        const QDateTime base = lastSyncAt.isValid() ? lastSyncAt : QDateTime::currentDateTimeUtc();
        return base.addSecs(syncIntervalS);
    }
    // The keyring key of one of this account's secrets ("access_token", "refresh_token", "app_password").
    QString secretKey(const QString &name) const { return QStringLiteral("rapport/account/%1/%2").arg(id).arg(name); }
    // The state's key in the database ("ok", "error", "signin", "disabled").
    static QString stateStorageKey(State state);
    // Reads a stored key; anything unknown reads as Ok (the next sync sets it right).
    static State stateFromStorageKey(QStringView key);
    // The state's key for `rapport accounts list --json` and scripts ("ok", "error", "sign_in_required",
    // "disabled").
    static QString stateCliKey(State state);
    // The state in words ("OK", "Error", "Sign in again", "Paused"), translated.
    static QString stateLabel(State state);
    // What the accounts list (window and command line) shows: the state's label, except "Paused" for an
    // account switched off and "Not synced yet" for one that never ran.
    QString statusLabel() const;
    // What went wrong last time, in words: the error, else how many items were skipped and why; empty when
    // all went well.
    QString problemText() const;
};
