#include "sync/syncsource.h"

#include "sync/sources.h"

std::unique_ptr<SyncSource> SyncSource::create(const QString &network)
{
    if (network == u"mastodon")
        return makeMastodonSource();
    if (network == u"bluesky")
        return makeBlueskySource();
    if (network == u"feed")
        return makeFeedSource();
    return nullptr;
}
