#pragma once

#include "core/result.h"
#include "domain/syncitem.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

class QJsonObject;

// Mastodon's REST JSON → Rapport's SyncItems. Pure functions (no network, no database), so they are unit
// tested on the recorded server answers and fuzzed (tests/fuzz/fuzz_mastodonjson.cpp). An answer that is not
// the JSON they expect (not JSON, not a list) is an Error, never a crash; on a list, one entry that cannot be
// mapped (a mention whose status was deleted meanwhile, wrong types, a missing id or date) is skipped and
// counted in Page::skipped, with why in Page::skipNotes: one bad entry never costs the rest of its page.
namespace MastodonMapping {

// One page of a list endpoint, mapped.
struct Page
{
    QList<SyncItem> items; // the items Rapport keeps, in the server's order (newest first)
    QStringList ids; // the id of every entry on the page (kept or not), in the server's order
    int ignored = 0; // entries of a kind Rapport does not keep (poll, update, admin.*, …)
    int skipped = 0; // entries Rapport keeps but could not map (their ids are in `ids` when they had one)
    QStringList skipNotes; // why, one line per skipped entry ("notification 12 without a status")
};

// Who an account is, from /api/v1/accounts/verify_credentials (or any Account entity).
struct Account
{
    QString id;
    QString handle; // normalized user@server
    QString displayName; // display_name, or the username when that is empty
};

// A v1 notifications array (GET /api/v1/notifications). `serverHost` is the host of the account's server
// (part of engagement ids); `localDomain` is the server's account domain (the instance's `domain`, which
// differs from the web host on a split-domain server: @ana@example.com served by social.example.com): local
// accounts have an `acct` without "@domain" and get it appended. Empty: `serverHost`.
//   mention   → Conversation: channel direct_message (visibility direct), reply (in_reply_to_id set) or
//               mention; externalId = status.uri; text = spoiler_text + content as plain text
//   favourite → Engagement like, reblog → boost, follow → follow, quote → quote;
//               externalId = "notification:<serverHost>/<notification id>"
//   anything else (poll, update, status, follow_request, admin.*, severed_relationships, …) → ignored
Result<Page> notifications(const QByteArray &json, const QString &serverHost, const QString &localDomain = {});

// A conversations array (GET /api/v1/conversations): each conversation's last_status becomes a
// direct_message. A status written by `ownAccountId` (the signed-in account) is outbound and attributed to
// the other participant, so it lands in that person's timeline. Conversations without a last status are
// skipped. Page::ids holds the last_status ids (what the endpoint pages by).
Result<Page> conversations(const QByteArray &json, const QString &localDomain, const QString &ownAccountId);

// An Account entity (verify_credentials).
Result<Account> account(const QByteArray &json, const QString &localDomain);

// The account domain of a server from its /api/v2/instance (`domain`) or /api/v1/instance (`uri`) answer;
// empty when the answer has neither.
QString instanceDomain(const QByteArray &json);

// `acct` ("user" or "user@other.server") as a normalized Mastodon handle "user@domain".
QString handleFor(const QString &acct, const QString &localDomain);

// The `error` (and `error_description`) of a Mastodon error body, or an empty string.
QString errorText(const QByteArray &body);

// The newer of two ids. Mastodon ids are opaque strings, but every server issues them as decimal numbers
// that grow (snowflakes or serials): a longer id is newer, equal lengths compare as text.
bool isNewerId(const QString &a, const QString &b);

} // namespace MastodonMapping
