#pragma once

#include "core/result.h"
#include "domain/syncitem.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

class QJsonObject;

// Mastodon's REST JSON → Rapport's SyncItems. Pure functions (no network, no database), so they are unit
// tested on the recorded server answers and fuzzed (tests/fuzz/fuzz_mastodonjson.cpp). Anything that is not
// the JSON they expect (not JSON, wrong types, missing ids, bad dates) is an Error, never a crash.
namespace MastodonMapping {

// One page of a list endpoint, mapped.
struct Page
{
    QList<SyncItem> items; // the items Rapport keeps, in the server's order (newest first)
    QStringList ids; // the id of every entry on the page (kept or not), in the server's order
    int ignored = 0; // entries of a kind Rapport does not keep (poll, update, admin.*, …)
};

// Who an account is, from /api/v1/accounts/verify_credentials (or any Account entity).
struct Account
{
    QString id;
    QString handle; // normalized user@server
    QString displayName; // display_name, or the username when that is empty
};

// A v1 notifications array (GET /api/v1/notifications). `serverHost` is the host of the account's server:
// local accounts have an `acct` without "@server" and get it appended.
//   mention   → Conversation: channel direct_message (visibility direct), reply (in_reply_to_id set) or
//               mention; externalId = status.uri; text = spoiler_text + content as plain text
//   favourite → Engagement like, reblog → boost, follow → follow, quote → quote;
//               externalId = "notification:<serverHost>/<notification id>"
//   anything else (poll, update, status, follow_request, admin.*, severed_relationships, …) → ignored
Result<Page> notifications(const QByteArray &json, const QString &serverHost);

// A conversations array (GET /api/v1/conversations): each conversation's last_status becomes a
// direct_message. A status written by `ownAccountId` (the signed-in account) is outbound and attributed to
// the other participant, so it lands in that person's timeline. Conversations without a last status are
// skipped. Page::ids holds the last_status ids (what the endpoint pages by).
Result<Page> conversations(const QByteArray &json, const QString &serverHost, const QString &ownAccountId);

// An Account entity (verify_credentials).
Result<Account> account(const QByteArray &json, const QString &serverHost);

// `acct` ("user" or "user@other.server") as a normalized Mastodon handle "user@server".
QString handleFor(const QString &acct, const QString &serverHost);

// The `error` (and `error_description`) of a Mastodon error body, or an empty string.
QString errorText(const QByteArray &body);

// The newer of two ids. Mastodon ids are opaque strings, but every server issues them as decimal numbers
// that grow (snowflakes or serials): a longer id is newer, equal lengths compare as text.
bool isNewerId(const QString &a, const QString &b);

} // namespace MastodonMapping
