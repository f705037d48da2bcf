// Placeholder until the Mastodon source is written: SyncSource::create("mastodon") returns nullptr.
#include "sync/sources.h"

std::unique_ptr<SyncSource> makeMastodonSource()
{
    return nullptr;
}
