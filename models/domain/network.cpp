#include "domain/network.h"

#include <QCoreApplication>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Network)
};

const QList<NetworkTraits> &table()
{
    static const QList<NetworkTraits> rows {
        { Network::Mastodon, QStringLiteral("mastodon"), QStringLiteral("access_token"),
            { QStringLiteral("access_token") }, QString(), QStringLiteral("agency@mastodon.social"),
            /*handleRequired*/ false, /*ownedByUser*/ true, /*serverIsFeedUrl*/ false, /*browserSignIn*/ true },
        { Network::Bluesky, QStringLiteral("bluesky"), QStringLiteral("app_password"),
            // The app password the user gives, and the session BlueskySession keeps between runs.
            { QStringLiteral("app_password"), QStringLiteral("access_jwt"), QStringLiteral("refresh_jwt") },
            QStringLiteral("https://bsky.social"), QStringLiteral("agency.bsky.social"), true, true, false, false },
        { Network::Feed, QStringLiteral("feed"), QString(), {}, QString(), QString(), false, false, true, false },
    };
    return rows;
}

} // namespace

namespace Networks {

const QList<Network> &all()
{
    static const QList<Network> networks { Network::Mastodon, Network::Bluesky, Network::Feed };
    return networks;
}

const NetworkTraits &traits(Network network)
{
    for (const NetworkTraits &row : table())
        if (row.network == network)
            return row;
    return table().constLast();
}

std::optional<Network> fromKey(QStringView key)
{
    const QStringView trimmed = key.trimmed();
    for (const NetworkTraits &row : table())
        if (trimmed.compare(row.key, Qt::CaseInsensitive) == 0)
            return row.network;
    return std::nullopt;
}

QString label(Network network)
{
    switch (network) {
    case Network::Mastodon:
        return Tr::tr("Mastodon");
    case Network::Bluesky:
        return Tr::tr("Bluesky");
    case Network::Feed:
        return Tr::tr("Feed", "an RSS or Atom feed");
    }
    return {};
}

QString keyList()
{
    return Tr::tr("%1, %2 or %3", "the kinds of accounts")
        .arg(key(Network::Feed), key(Network::Mastodon), key(Network::Bluesky));
}

} // namespace Networks
