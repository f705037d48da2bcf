#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

// The places Rapport syncs from. Everything that differs between them is described once, in
// Networks::traits() (network.cpp): the account editor, the command line, SyncRepository, the worker and the
// sources read it instead of comparing strings.
enum class Network { Mastodon, Bluesky, Feed };

struct NetworkTraits
{
    Network network;
    QString key; // social_accounts.network, handles.network, SyncItem::source: "mastodon", …
    QString secretName; // the secret the user gives (access_token, app_password); empty: none (feeds)
    QStringList secretNames; // every secret Rapport may keep for such an account, all removed with it
    QString defaultServer; // used when the server is left empty (Bluesky: https://bsky.social); else empty
    QString handleExample; // how a handle looks (placeholder and messages); empty: no handle (feeds)
    bool handleRequired; // the account cannot work without its handle (Bluesky signs in with it)
    bool ownedByUser; // an agency account of a user; false: a feed, owned by a contact or organization
    bool serverIsFeedUrl; // the server field is the feed's own address (kept as typed); false: a server origin
    bool browserSignIn; // a "Sign in with the browser" flow exists (Mastodon's OAuth)
};

namespace Networks {

const QList<Network> &all();
const NetworkTraits &traits(Network network);
// The network stored or typed as `key` ("mastodon", "bluesky", "feed"; case-insensitive), if Rapport syncs it.
std::optional<Network> fromKey(QStringView key);
inline QString key(Network network)
{
    return traits(network).key;
}
// "Mastodon", "Bluesky", "Feed" (translated).
QString label(Network network);
// The keys joined for messages: "mastodon, bluesky or feed".
QString keyList();

} // namespace Networks
