#pragma once

#include "sync/feedparser.h"
#include "domain/syncitem.h"
#include "sync/syncsource.h"

// The SyncSource for network "feed": one RSS, Atom or JSON feed (account.serverUrl) attached to a contact or
// an organization. A run is one conditional GET (If-None-Match / If-Modified-Since from the stored cursor of
// stream "feed"): 304 stores nothing; 200 is parsed and stored in pages of at most PageSize items, the
// ETag/Last-Modified going with the last page only, so a run cut short fetches the whole feed again next
// time and the duplicates are skipped by their external id. A feed that broke off keeps its complete items
// but not its ETag (next time it is fetched in full).
class FeedSource final : public SyncSource
{
public:
    static constexpr int PageSize = 200;
    static inline const QString Stream = QStringLiteral("feed");

    Result<SyncOutcome> sync(SyncContext &ctx) override;
    Result<QString> testConnection(SyncContext &ctx) override;

    // The items of a parsed feed as Rapport stores them (pure; public for tests). Entries without a date
    // get `fetchedAt`; dates in the future are clamped to it.
    static QList<SyncItem> mapEntries(const SocialAccount &account, const ParsedFeed &feed, const QDateTime &fetchedAt);
    // "<feed url>#<entry id, else its URL, else sha1 of title and date>".
    static QString externalId(const QString &feedUrl, const FeedEntry &entry);
};
