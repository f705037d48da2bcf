// The Bluesky source: an agency's Bluesky account (its notifications: mentions, replies, quotes, likes,
// reposts, follows) and the posts of contacts who have a Bluesky handle (their author feeds).
//
// Incremental sync, and why a killed sync loses and duplicates nothing: both listNotifications and
// getAuthorFeed page newest-first, their cursor going OLDER. A stream's stored cursor is the newest indexedAt
// it has stored. A run pages from the newest item down until it reaches an item older than that cursor
// (items AT the cursor are fetched again and skipped as duplicates, so two items indexed in the same
// millisecond are never split across runs). Every page is stored as it arrives (ingestPage, one
// transaction), but with the OLD cursor; only the last page of the run stores the new one, in the same
// transaction as its items. So if the run is killed or cancelled after page k, pages 1 … k are stored and
// the cursor has not moved: the next run reads the same pages again, finds pages 1 … k already stored
// (skipped by source + at:// URI, which the database keeps unique) and stores the rest. Nothing is lost,
// nothing is stored twice.
#include "sync/blueskysource.h"

#include "core/logging.h"
#include "storage/syncrepository.h"
#include "sync/blueskymapping.h"
#include "sync/blueskysession.h"
#include "sync/sources.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <atomic>
#include <functional>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(BlueskySource)
};

std::atomic<int> g_notificationPageSize { 0 };
std::atomic<int> g_authorPageSize { 0 };

int notificationPageSize()
{
    const int n = g_notificationPageSize.load();
    return n > 0 ? n : BlueskyLimits::kNotificationPageSize;
}

int authorPageSize()
{
    const int n = g_authorPageSize.load();
    return n > 0 ? n : BlueskyLimits::kAuthorPageSize;
}

Error cancelled()
{
    return Error { Tr::tr("The Bluesky sync was cancelled."), Error::Code::Cancelled };
}

// One stream to page through: the notifications, or one author's feed.
struct Stream
{
    QString name; // sync_state.stream: "notifications" or "author:<did>"
    QString nsid;
    BlueskySession::Params params; // besides limit and cursor
    int pageSize = 50;
    int firstSyncPages = 1;
    int maxPages = 10;
    std::function<Result<BlueskyMapping::Page>(const QByteArray &)> parse;
};

Status syncStream(SyncContext &ctx, BlueskySession &session, const Stream &stream, SyncOutcome &outcome)
{
    auto stored = ctx.repo.cursor(ctx.account.id, stream.name);
    if (!stored)
        return stored.error();
    const QDateTime storedNewest = BlueskyMapping::parseTime(stored->cursor);
    const bool firstSync = !storedNewest.isValid();
    QDateTime newest = storedNewest;
    QString pageCursor;
    for (int pages = 1;; ++pages) {
        if (ctx.cancel.isCancelled())
            return cancelled();
        BlueskySession::Params params = stream.params;
        params.append({ QStringLiteral("limit"), QString::number(stream.pageSize) });
        if (!pageCursor.isEmpty())
            params.append({ QStringLiteral("cursor"), pageCursor });
        auto body = session.get(stream.nsid, params);
        if (!body)
            return body.error();
        auto page = stream.parse(*body);
        if (!page)
            return page.error();

        bool reachedStored = false;
        for (const QDateTime &at : std::as_const(page->indexedAt)) {
            if (!at.isValid())
                continue;
            if (!newest.isValid() || at > newest)
                newest = at;
            if (storedNewest.isValid() && at < storedNewest)
                reachedStored = true;
        }
        QList<SyncItem> items;
        for (int i = 0; i < page->items.size(); ++i) {
            const QDateTime at = page->indexedAt.value(page->itemEntry.value(i));
            if (!storedNewest.isValid() || at >= storedNewest)
                items.append(page->items.at(i));
        }

        const bool last = reachedStored || page->cursor.isEmpty() || page->cursor == pageCursor || page->entries == 0
            || pages >= (firstSync ? stream.firstSyncPages : stream.maxPages);
        if (last && !firstSync && !reachedStored && !page->cursor.isEmpty())
            qCWarning(lcBluesky) << stream.name << "of account" << ctx.account.id << "had more than" << pages
                                 << "pages of new items; older ones are skipped";
        // Intermediate pages keep the old cursor (an empty SyncCursor leaves it as it is).
        SyncCursor newCursor;
        if (last && newest.isValid() && newest != storedNewest)
            newCursor.cursor = BlueskyMapping::timeCursor(newest);
        auto report = ctx.repo.ingestPage(ctx.account, stream.name, items, newCursor);
        if (!report)
            return report.error();
        outcome.fetched += int(items.size());
        outcome.add(*report);
        outcome.addSkipped(page->malformed, page->malformedNotes);
        if (ctx.progress)
            ctx.progress(outcome.fetched);
        if (last)
            return {};
        pageCursor = page->cursor;
    }
}

// The DIDs of the contacts' Bluesky handles that exist (app.bsky.actor.getProfiles, 25 at a time),
// without the agency's own account.
Result<QStringList> trackedAuthors(SyncContext &ctx, BlueskySession &session)
{
    auto handles = ctx.repo.contactHandles(QStringLiteral("bluesky"), BlueskyLimits::kMaxTrackedAuthors * 2);
    if (!handles)
        return handles.error();
    QStringList dids;
    QSet<QString> seen;
    for (qsizetype start = 0; start < handles->size(); start += BlueskyLimits::kProfilesPerRequest) {
        if (ctx.cancel.isCancelled())
            return cancelled();
        BlueskySession::Params params;
        for (const QString &actor : handles->mid(start, BlueskyLimits::kProfilesPerRequest))
            params.append({ QStringLiteral("actors"), actor });
        auto body = session.get(QStringLiteral("app.bsky.actor.getProfiles"), params);
        if (!body) {
            if (body.error().code != Error::Code::NotFound)
                return body.error();
            qCInfo(lcBluesky) << "skipping a batch of tracked handles:" << body.error().message;
            continue;
        }
        const QJsonArray profiles = QJsonDocument::fromJson(*body).object().value(QLatin1String("profiles")).toArray();
        for (const QJsonValue &p : profiles) {
            const QJsonObject profile = p.toObject();
            const QString did = profile.value(QLatin1String("did")).toString();
            const QString handle = profile.value(QLatin1String("handle")).toString();
            if (!did.startsWith(QLatin1String("did:")) || did.size() > 2048 || seen.contains(did))
                continue;
            if (did == session.did() || handle.compare(ctx.account.handle.trimmed(), Qt::CaseInsensitive) == 0)
                continue;
            seen.insert(did);
            dids.append(did);
            if (dids.size() >= BlueskyLimits::kMaxTrackedAuthors)
                return dids;
        }
    }
    return dids;
}

class BlueskySource final : public SyncSource
{
public:
    Result<SyncOutcome> sync(SyncContext &ctx) override
    {
        BlueskySession session(ctx);
        SyncOutcome &outcome = ctx.outcome; // kept by the caller if a later stream fails

        Stream notifications;
        notifications.name = QStringLiteral("notifications");
        notifications.nsid = QStringLiteral("app.bsky.notification.listNotifications");
        notifications.pageSize = notificationPageSize();
        notifications.firstSyncPages = BlueskyLimits::kFirstSyncNotificationPages;
        notifications.maxPages = BlueskyLimits::kMaxNotificationPages;
        notifications.parse = [](const QByteArray &json) { return BlueskyMapping::parseNotifications(json); };
        if (Status s = syncStream(ctx, session, notifications, outcome); !s)
            return s.error();

        auto authors = trackedAuthors(ctx, session);
        if (!authors)
            return authors.error();
        for (const QString &did : std::as_const(*authors)) {
            Stream feed;
            feed.name = QStringLiteral("author:") + did;
            feed.nsid = QStringLiteral("app.bsky.feed.getAuthorFeed");
            feed.params = { { QStringLiteral("actor"), did },
                { QStringLiteral("filter"), QStringLiteral("posts_with_replies") } };
            feed.pageSize = authorPageSize();
            feed.firstSyncPages = BlueskyLimits::kFirstSyncAuthorPages;
            feed.maxPages = BlueskyLimits::kMaxAuthorPages;
            feed.parse = [did](const QByteArray &json) { return BlueskyMapping::parseAuthorFeed(json, did); };
            if (Status s = syncStream(ctx, session, feed, outcome); !s) {
                // A deactivated, suspended or blocking author: the others still sync.
                if (s.error().code != Error::Code::NotFound)
                    return s.error();
                qCInfo(lcBluesky) << "skipping the posts of" << did << ":" << s.error().message;
            }
        }
        qCInfo(lcBluesky) << "account" << ctx.account.id << "synced:" << outcome.fetched << "fetched,"
                          << outcome.inserted << "new," << outcome.engagements << "engagement," << authors->size()
                          << "authors followed;" << session.refreshes() << "refreshes," << session.signIns()
                          << "sign-ins";
        return outcome;
    }

    Result<QString> testConnection(SyncContext &ctx) override
    {
        BlueskySession session(ctx);
        auto who = session.whoAmI();
        if (!who)
            return who.error();
        return Tr::tr("Signed in as @%1").arg(who->handle);
    }
};

} // namespace

void BlueskyLimits::setPageSizeForTesting(int notifications, int authorFeed)
{
    g_notificationPageSize.store(notifications);
    g_authorPageSize.store(authorFeed);
}

std::unique_ptr<SyncSource> makeBlueskySource()
{
    return std::make_unique<BlueskySource>();
}
