#pragma once

// Limits of the Bluesky source (models/sync/blueskysource.cpp), documented in docs/SYNC.md. The setters
// are a seam for tests only (small pages make a 6-item world span several pages); 0 restores the default.
namespace BlueskyLimits {

constexpr int kNotificationPageSize = 50; // listNotifications allows 1 … 100
constexpr int kFirstSyncNotificationPages = 10; // a new account starts with its newest 500 notifications
constexpr int kMaxNotificationPages = 100; // one run never reads more than 5,000 notifications
constexpr int kAuthorPageSize = 30; // getAuthorFeed allows 1 … 100
constexpr int kFirstSyncAuthorPages = 1; // a newly tracked author starts with their newest 30 posts
constexpr int kMaxAuthorPages = 10;
constexpr int kMaxTrackedAuthors = 500; // contacts with a Bluesky handle followed per run
constexpr int kProfilesPerRequest = 25; // app.bsky.actor.getProfiles allows 25

void setPageSizeForTesting(int notifications, int authorFeed);

} // namespace BlueskyLimits
