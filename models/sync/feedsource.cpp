// Placeholder until the Feed source is written: SyncSource::create("feed") returns nullptr.
#include "sync/sources.h"

std::unique_ptr<SyncSource> makeFeedSource()
{
    return nullptr;
}
