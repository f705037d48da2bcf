#include "sync/syncsource.h"

#include "sync/sources.h"

namespace {
SyncSource::Factory &testFactory()
{
    static SyncSource::Factory factory;
    return factory;
}
} // namespace

void SyncSource::setFactoryForTesting(Factory factory)
{
    testFactory() = std::move(factory);
}

std::unique_ptr<SyncSource> SyncSource::create(const QString &network)
{
    if (testFactory())
        return testFactory()(network);
    if (network == u"mastodon")
        return makeMastodonSource();
    if (network == u"bluesky")
        return makeBlueskySource();
    if (network == u"feed")
        return makeFeedSource();
    return nullptr;
}
