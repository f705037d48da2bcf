#include "contentrepository.h"

#include "storage/database.h"
#include "storage/softdelete.h"
#include "storage/sqlhelpers.h"
#include "storage/versionedwrite.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSqlQuery>
#include <QUrl>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ContentRepository)
};

const QString kColumns
    = QStringLiteral("id, campaign_id, kind, title, status, url, published_at, created_at, updated_at, version");

ContentItem read(const QSqlQuery &q)
{
    ContentItem c;
    c.id = q.value(0).toLongLong();
    c.campaignId = q.value(1).toLongLong();
    c.kind = q.value(2).toString();
    c.title = q.value(3).toString();
    c.status = q.value(4).toString();
    c.url = q.value(5).toString();
    c.publishedAt = Sql::time(q.value(6));
    c.createdAt = Sql::time(q.value(7));
    c.updatedAt = Sql::time(q.value(8));
    c.version = q.value(9).toInt();
    return c;
}

SoftDelete::Entity entity()
{
    return { QStringLiteral("content_items"), QStringLiteral("content_item"),
        Tr::tr("moving the content item to the trash"), Tr::tr("restoring the content item"),
        Tr::tr("The content item no longer exists.") };
}

VersionedWrite::Write write(const ContentItem &c, const QString &doing)
{
    VersionedWrite::Write w;
    w.table = QStringLiteral("content_items");
    w.columns = QStringLiteral("campaign_id, kind, title, body, status, url, published_at");
    w.bind = [&c](QSqlQuery &q) {
        q.bindValue(QStringLiteral(":campaign_id"), c.campaignId);
        q.bindValue(QStringLiteral(":kind"), c.kind);
        q.bindValue(QStringLiteral(":title"), c.title);
        q.bindValue(QStringLiteral(":body"), Sql::text(c.body));
        q.bindValue(QStringLiteral(":status"), c.status);
        q.bindValue(QStringLiteral(":url"), Sql::text(c.url));
        q.bindValue(QStringLiteral(":published_at"), Sql::time(c.publishedAt));
    };
    w.auditEntity = QStringLiteral("content_item");
    w.auditDetails = c.title;
    w.doing = doing;
    return w;
}

} // namespace

Status ContentRepository::validate(ContentItem &c)
{
    c.title = c.title.trimmed();
    c.url = c.url.trimmed();
    if (c.campaignId <= 0)
        return Error::validation(QStringLiteral("campaign"), Tr::tr("A content item belongs to a campaign."));
    if (c.title.isEmpty())
        return Error::validation(QStringLiteral("title"), Tr::tr("Give the content item a title."));
    if (c.title.size() > kMaxTitle)
        return Error::validation(
            QStringLiteral("title"), Tr::tr("The title can be at most %1 characters long.").arg(kMaxTitle));
    if (!ContentItem::kinds().contains(c.kind))
        return Error::validation(QStringLiteral("kind"), Tr::tr("Unknown kind of content “%1”.").arg(c.kind));
    if (!ContentItem::statuses().contains(c.status))
        return Error::validation(QStringLiteral("status"), Tr::tr("Unknown content status “%1”.").arg(c.status));
    if (!c.url.isEmpty()) {
        const QUrl url(c.url, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (c.url.size() > kMaxUrl || !url.isValid() || (scheme != u"http" && scheme != u"https")
            || url.host().isEmpty())
            return Error::validation(QStringLiteral("url"),
                Tr::tr("The URL must be a web address starting with http:// or https://, for example "
                       "https://newsroom.example.com/launch."));
    }
    if (c.body.size() > kMaxBody) {
        const QLocale locale;
        return Error::validation(QStringLiteral("body"),
            Tr::tr("The text is too long to save: %1 characters, and a content item holds at most %2 (about 1 MB). "
                   "Shorten it, or put the full document on the web and enter its URL. Nothing was saved.")
                .arg(locale.toString(c.body.size()), locale.toString(kMaxBody)));
    }
    return {};
}

Result<QList<ContentItem>> ContentRepository::list(qint64 campaignId)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT ") + kColumns
        + QStringLiteral(" FROM content_items WHERE campaign_id = :campaign AND deleted_at IS NULL "
                         "ORDER BY updated_at DESC, id DESC"));
    q.bindValue(QStringLiteral(":campaign"), campaignId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("listing the campaign's content"));
    QList<ContentItem> out;
    while (q.next())
        out.append(read(q));
    return out;
}

Result<ContentItem> ContentRepository::get(qint64 id)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(", body FROM content_items WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the content item"));
    if (!q.next())
        return Error { Tr::tr("The content item no longer exists."), Error::Code::NotFound };
    ContentItem c = read(q);
    c.body = q.value(10).toString();
    return c;
}

Status ContentRepository::create(ContentItem &c)
{
    if (Status s = validate(c); !s)
        return s;
    return VersionedWrite::create(m_db, c, write(c, Tr::tr("adding the content item")));
}

Status ContentRepository::update(ContentItem &c)
{
    if (c.id <= 0)
        return Error { Tr::tr("This content item has not been saved yet."), Error::Code::NotFound };
    if (Status s = validate(c); !s)
        return s;
    VersionedWrite::Write w = write(c, Tr::tr("saving the content item"));
    w.conflict = Tr::tr("“%1” was changed or deleted by someone else since you opened it. Your text is still in "
                        "the editor; copy it, reload the item to see their changes, and save again.")
                     .arg(c.title);
    w.liveOnly = true;
    // The state as last saved becomes a version, in the same transaction. When the version is stale the
    // SELECT copies nothing and the UPDATE then fails with the conflict, which rolls back both.
    w.before = [this, &c]() -> Status {
        QSqlQuery q(m_db.connection());
        q.prepare(QStringLiteral(
            "INSERT INTO content_item_versions (content_item_id, version, title, body, status, url, published_at, "
            "saved_at, saved_by) SELECT id, version, title, body, status, url, published_at, updated_at, updated_by "
            "FROM content_items WHERE id = :id AND version = :version AND deleted_at IS NULL"));
        q.bindValue(QStringLiteral(":id"), c.id);
        q.bindValue(QStringLiteral(":version"), c.version);
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("keeping the previous version of the content item"));
        return {};
    };
    return VersionedWrite::update(m_db, c, w);
}

Result<QList<ContentItemVersion>> ContentRepository::versions(qint64 itemId)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id, content_item_id, version, title, body, status, url, published_at, saved_at, "
                             "saved_by FROM content_item_versions WHERE content_item_id = :id ORDER BY version DESC"));
    q.bindValue(QStringLiteral(":id"), itemId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("listing earlier versions of the content item"));
    QList<ContentItemVersion> out;
    while (q.next())
        out.append(ContentItemVersion { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toInt(),
            q.value(3).toString(), q.value(4).toString(), q.value(5).toString(), q.value(6).toString(),
            Sql::time(q.value(7)), Sql::time(q.value(8)), q.value(9).toLongLong() });
    return out;
}

Status ContentRepository::restoreVersion(ContentItem &item, qint64 versionId)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT content_item_id, title, body, status, url, published_at "
                             "FROM content_item_versions WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), versionId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the earlier version"));
    if (!q.next() || q.value(0).toLongLong() != item.id)
        return Error { Tr::tr("That earlier version no longer exists."), Error::Code::NotFound };
    ContentItem restored = item;
    restored.title = q.value(1).toString();
    restored.body = q.value(2).toString();
    restored.status = q.value(3).toString();
    restored.url = q.value(4).toString();
    restored.publishedAt = Sql::time(q.value(5));
    q.finish();
    if (Status s = update(restored); !s)
        return s;
    item = restored;
    return {};
}

Status ContentRepository::moveToTrash(qint64 id)
{
    return SoftDelete::setTrashed(m_db, entity(), id, true);
}

Status ContentRepository::restore(qint64 id)
{
    return SoftDelete::setTrashed(m_db, entity(), id, false);
}
