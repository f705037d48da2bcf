#pragma once

#include "core/result.h"
#include "domain/socialaccount.h"

#include <QList>
#include <QString>

// What a person gave to add or change an account: the fields of the window's account editor, or the
// arguments of `rapport accounts add`. Both turn it into a SocialAccount with makeAccount(), so the rules
// (server address completed, default server, handle normalized and required where the network needs one, a
// secret for a new account, a feed's owner, the interval's range, the default name) exist once.
struct AccountInput
{
    QString server; // as typed; Mastodon/Bluesky: "https://" is added and trailing slashes dropped
    QString handle; // as typed, with or without "@"
    QString name; // empty: the handle, else the server's host (feeds: host and path)
    QString secret; // the network's secret (Networks::traits().secretName); empty when editing keeps it
    qint64 contactId = 0; // feeds: exactly one of contactId and organizationId
    qint64 organizationId = 0;
    int intervalMinutes = 15;
    bool enabled = true;
    bool syncOnStart = false;
};

struct AccountDraft
{
    SocialAccount account; // ready for SyncRepository::createAccount() / updateAccount()
    QString secret; // trimmed; to be written under account.secretKey(traits.secretName)
    // Everything wrong, each naming its field: "serverUrl", "handle", "secret", "owner", "syncInterval".
    QList<Error> problems;
    bool ok() const { return problems.isEmpty(); }
    // The problem of one field, if any.
    const Error *problem(const QString &field) const;
};

// `base` is the account being edited (network and id set; a new one has id 0). The owning user (userId) is
// the caller's to set.
AccountDraft makeAccount(const SocialAccount &base, const AccountInput &input);
