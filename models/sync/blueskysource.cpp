// Placeholder until the Bluesky source is written: SyncSource::create("bluesky") returns nullptr.
#include "sync/sources.h"

std::unique_ptr<SyncSource> makeBlueskySource()
{
    return nullptr;
}
