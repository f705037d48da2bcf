#include "sync/blueskymapping.h"

#include "domain/validation.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QUrl>

namespace BlueskyMapping {
namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(BlueskyMapping)
};

const QString kSource = QStringLiteral("bluesky");

Error garbage(const QString &what)
{
    return Error { Tr::tr("The Bluesky server sent an answer Rapport does not understand (%1).").arg(what),
        Error::Code::Network };
}

Result<QJsonObject> parseObject(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return garbage(Tr::tr("not JSON: %1").arg(parseError.errorString()));
    if (!doc.isObject())
        return garbage(Tr::tr("not a JSON object"));
    return doc.object();
}

QString str(const QJsonObject &o, QLatin1String key);

// A listing answer ({"cursor": ..., "<key>": [...]}): its entries and the cursor of the next page; an answer
// that is not a JSON object, or has no such list, is not understood (`noList` says what was missing).
struct Listing
{
    QJsonArray entries;
    QString cursor;
};

Result<Listing> listingOf(const QByteArray &json, QLatin1String key, const QString &noList)
{
    Result<QJsonObject> root = parseObject(json);
    if (!root)
        return root.error();
    const QJsonValue list = root->value(key);
    if (!list.isArray())
        return garbage(noList);
    return Listing { list.toArray(), str(*root, QLatin1String("cursor")) };
}

QString str(const QJsonObject &o, QLatin1String key)
{
    return o.value(key).toString(); // empty for a missing key or another type
}

// The at:// URI parts: at://<authority>/<collection>/<rkey>. Empty parts for anything else.
struct AtUri
{
    QString authority, collection, rkey;
    bool valid() const { return !authority.isEmpty() && !collection.isEmpty() && !rkey.isEmpty(); }
};

AtUri splitAtUri(const QString &uri)
{
    static const QString prefix = QStringLiteral("at://");
    if (!uri.startsWith(prefix) || uri.size() > 8192)
        return {};
    const QStringList parts = uri.mid(prefix.size()).split(QLatin1Char('/'));
    if (parts.size() != 3 || parts.at(0).isEmpty() || parts.at(1).isEmpty() || parts.at(2).isEmpty())
        return {};
    return { parts.at(0), parts.at(1), parts.at(2) };
}

// Fills the author fields; false if the author has neither a usable handle nor a usable DID.
bool fillAuthor(SyncItem &item, const QJsonObject &author)
{
    const QString did = str(author, QLatin1String("did"));
    const QString handle = str(author, QLatin1String("handle"));
    const auto normalizedDid = Validation::normalizeHandle(kSource, did);
    const bool didOk = normalizedDid.ok() && did.startsWith(QLatin1String("did:"));
    // "handle.invalid" is what the AppView shows when a handle no longer resolves: match on the DID then.
    const auto normalizedHandle
        = handle == u"handle.invalid" ? Result<QString>(Error {}) : Validation::normalizeHandle(kSource, handle);
    if (normalizedHandle.ok() && !handle.startsWith(QLatin1String("did:"))) {
        item.authorHandle = normalizedHandle.value();
        item.authorAltHandle = didOk ? normalizedDid.value() : QString();
    } else if (didOk) {
        item.authorHandle = normalizedDid.value();
    } else {
        return false;
    }
    item.authorNetwork = kSource;
    item.authorName = author.value(QLatin1String("displayName")).toString().trimmed().left(300);
    return true;
}

QString postText(const QJsonObject &record)
{
    QString text = record.value(QLatin1String("text")).toString();
    if (text.size() > kMaxTextLength)
        text.truncate(kMaxTextLength);
    return text;
}

// When it happened: the record's createdAt (set by the author's client, so it may be anything) unless it is
// later than when the server saw it. The same rule as the AppView's sortAt.
QDateTime occurredAt(const QJsonObject &record, const QDateTime &indexedAt)
{
    const QDateTime created = parseTime(record.value(QLatin1String("createdAt")).toString());
    if (!created.isValid())
        return indexedAt;
    if (!indexedAt.isValid())
        return created;
    return created < indexedAt ? created : indexedAt;
}

QString profileUrl(const QString &actor)
{
    return QStringLiteral("https://bsky.app/profile/%1").arg(actor);
}

} // namespace

QDateTime parseTime(const QString &text)
{
    if (text.size() < 19 || text.size() > 64)
        return {};
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        return {};
    // Without a zone Qt takes local time; the protocol requires one, so treat a bare time as UTC.
    if (t.timeSpec() == Qt::LocalTime)
        t.setTimeSpec(Qt::UTC);
    t = t.toUTC();
    if (t.date().year() < 1970 || t.date().year() > 9999)
        return {};
    return t;
}

QString timeCursor(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QString postUrl(const QString &atUri, const QString &handle)
{
    const AtUri parts = splitAtUri(atUri);
    if (!parts.valid() || parts.collection != u"app.bsky.feed.post")
        return {};
    const QString actor = handle.isEmpty() ? parts.authority : handle;
    return QStringLiteral("https://bsky.app/profile/%1/post/%2")
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(actor, ":")),
            QString::fromLatin1(QUrl::toPercentEncoding(parts.rkey)));
}

Result<Page> parseNotifications(const QByteArray &json)
{
    Result<Listing> listing = listingOf(json, QLatin1String("notifications"), Tr::tr("no list of notifications"));
    if (!listing)
        return listing.error();
    Page page;
    page.cursor = listing->cursor;
    const QJsonArray &entries = listing->entries;
    for (const QJsonValue &value : entries) {
        const int entryIndex = page.entries++;
        const QJsonObject n = value.toObject();
        const QDateTime indexedAt = parseTime(str(n, QLatin1String("indexedAt")));
        page.indexedAt.append(indexedAt);

        const QString reason = str(n, QLatin1String("reason"));
        const QString uri = str(n, QLatin1String("uri"));
        const QJsonObject record = n.value(QLatin1String("record")).toObject();
        SyncItem item;
        item.source = kSource;
        item.externalId = uri;
        if (!splitAtUri(uri).valid() || !indexedAt.isValid()
            || !fillAuthor(item, n.value(QLatin1String("author")).toObject())) {
            ++page.skipped;
            ++page.malformed;
            page.malformedNotes.append(Tr::tr("notification %1 (%2) without a valid URI, time or author")
                                           .arg(entryIndex + 1)
                                           .arg(reason.left(40)));
            continue;
        }
        item.occurredAt = occurredAt(record, indexedAt);
        const QString actor = item.authorHandle;

        auto add = [&](const SyncItem &i) {
            page.items.append(i);
            page.itemEntry.append(entryIndex);
        };
        if (reason == u"mention" || reason == u"reply" || reason == u"quote") {
            item.kind = SyncItem::Kind::Conversation;
            item.channel = reason == u"reply" ? QStringLiteral("reply") : QStringLiteral("mention");
            item.text = postText(record);
            item.url = postUrl(uri, actor);
            add(item);
            if (reason == u"quote") {
                SyncItem engagement = item;
                engagement.kind = SyncItem::Kind::Engagement;
                engagement.engagement = QStringLiteral("quote");
                engagement.text.clear();
                add(engagement);
            }
        } else if (reason == u"like" || reason == u"repost" || reason == u"follow") {
            item.kind = SyncItem::Kind::Engagement;
            item.engagement = reason == u"repost" ? QStringLiteral("boost") : reason;
            // The liked or reposted post (the agency's own), or the follower's profile.
            item.url
                = reason == u"follow" ? profileUrl(actor) : postUrl(str(n, QLatin1String("reasonSubject")), QString());
            add(item);
        } else {
            ++page.skipped; // starterpack-joined, verified, unverified, like-via-repost, … : nothing to keep
        }
    }
    return page;
}

Result<Page> parseAuthorFeed(const QByteArray &json, const QString &authorDid)
{
    Result<Listing> listing = listingOf(json, QLatin1String("feed"), Tr::tr("no list of posts"));
    if (!listing)
        return listing.error();
    Page page;
    page.cursor = listing->cursor;
    const QJsonArray &entries = listing->entries;
    for (const QJsonValue &value : entries) {
        const int entryIndex = page.entries++;
        const QJsonObject entry = value.toObject();
        const QJsonObject post = entry.value(QLatin1String("post")).toObject();
        const QJsonObject reason = entry.value(QLatin1String("reason")).toObject();
        // A repost is placed in the feed when it was reposted; a post when it was indexed.
        const QDateTime indexedAt = parseTime(
            reason.isEmpty() ? str(post, QLatin1String("indexedAt")) : str(reason, QLatin1String("indexedAt")));
        page.indexedAt.append(indexedAt);

        const QJsonObject author = post.value(QLatin1String("author")).toObject();
        const QString uri = str(post, QLatin1String("uri"));
        SyncItem item;
        item.kind = SyncItem::Kind::Conversation;
        item.source = kSource;
        item.channel = QStringLiteral("post");
        item.externalId = uri;
        const AtUri parts = splitAtUri(uri);
        if (!reason.isEmpty() || !parts.valid() || parts.collection != u"app.bsky.feed.post" || !indexedAt.isValid()
            || str(author, QLatin1String("did")) != authorDid || authorDid.isEmpty() || !fillAuthor(item, author)) {
            ++page.skipped;
            // A repost, or someone else's post in the feed, is not for Rapport; a post it cannot read is.
            if (reason.isEmpty() && str(author, QLatin1String("did")) == authorDid && !authorDid.isEmpty()) {
                ++page.malformed;
                page.malformedNotes.append(
                    Tr::tr("post %1 of %2 without a valid URI, time or author").arg(entryIndex + 1).arg(authorDid));
            }
            continue;
        }
        const QJsonObject record = post.value(QLatin1String("record")).toObject();
        item.occurredAt = occurredAt(record, indexedAt);
        item.text = postText(record);
        item.url = postUrl(uri, item.authorHandle);
        page.items.append(item);
        page.itemEntry.append(entryIndex);
    }
    return page;
}

Result<Session> parseSession(const QByteArray &json, bool requireTokens)
{
    auto root = parseObject(json);
    if (!root)
        return root.error();
    Session s;
    s.did = str(*root, QLatin1String("did"));
    s.handle = str(*root, QLatin1String("handle"));
    s.accessJwt = str(*root, QLatin1String("accessJwt"));
    s.refreshJwt = str(*root, QLatin1String("refreshJwt"));
    if (s.did.isEmpty() || s.handle.isEmpty())
        return garbage(Tr::tr("a session without an account"));
    if (requireTokens && (s.accessJwt.isEmpty() || s.refreshJwt.isEmpty()))
        return garbage(Tr::tr("a session without tokens"));
    return s;
}

QString errorName(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    return doc.object().value(QLatin1String("error")).toString().left(100);
}

QString errorMessage(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    return doc.object().value(QLatin1String("message")).toString().left(300);
}

} // namespace BlueskyMapping
