#pragma once

#include "sync/syncsource.h"

#include <memory>

// The network sources behind SyncSource::create(); each lives in its own file.
std::unique_ptr<SyncSource> makeMastodonSource(); // mastodonsource.cpp
std::unique_ptr<SyncSource> makeBlueskySource();  // blueskysource.cpp
std::unique_ptr<SyncSource> makeFeedSource();     // feedsource.cpp
