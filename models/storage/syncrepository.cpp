#include "syncrepository.h"

#include "domain/interaction.h"
#include "domain/validation.h"
#include "storage/auditlog.h"
#include "storage/database.h"
#include "storage/healthrepository.h"
#include "storage/sqlhelpers.h"
#include "storage/versionedwrite.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QSqlQuery>
#include <QUrl>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SyncRepository)
};

constexpr int kMinIntervalS = 60;
constexpr int kMaxIntervalS = 7 * 24 * 3600;

const QString kAccountSelect = QStringLiteral(
    "SELECT id, network, display_name, server_url, handle, contact_id, organization_id, user_id, sync_interval_s, "
    "enabled, sync_on_start, state, last_sync_at, last_success_at, last_fetched, last_error, version, created_at, "
    "updated_at, last_skipped, last_skip_note FROM social_accounts ");

SocialAccount readAccount(const QSqlQuery &q)
{
    SocialAccount a;
    int c = 0;
    a.id = q.value(c++).toLongLong();
    a.network = Networks::fromKey(q.value(c++).toString()).value_or(Network::Feed); // CHECKed in the schema
    a.displayName = q.value(c++).toString();
    a.serverUrl = q.value(c++).toString();
    a.handle = q.value(c++).toString();
    a.contactId = q.value(c++).toLongLong();
    a.organizationId = q.value(c++).toLongLong();
    a.userId = q.value(c++).toLongLong();
    a.syncIntervalS = q.value(c++).toInt();
    a.enabled = q.value(c++).toInt() != 0;
    a.syncOnStart = q.value(c++).toInt() != 0;
    a.state = SocialAccount::stateFromStorageKey(q.value(c++).toString());
    a.lastSyncAt = Sql::time(q.value(c++));
    a.lastSuccessAt = Sql::time(q.value(c++));
    a.lastFetched = q.value(c++).toInt();
    a.lastError = q.value(c++).toString();
    a.version = q.value(c++).toInt();
    a.createdAt = Sql::time(q.value(c++));
    a.updatedAt = Sql::time(q.value(c++));
    a.lastSkipped = q.value(c++).toInt();
    a.lastSkipNote = q.value(c++).toString();
    return a;
}

bool isHttpUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https") && !url.host().isEmpty();
}

// Checks an account and fills in what can be derived (trimmed fields, normalized handle, default server and
// name). Messages name the field the dialog should point at.
Status validateAccount(SocialAccount &a)
{
    a.displayName = a.displayName.trimmed();
    a.serverUrl = a.serverUrl.trimmed();
    a.handle = a.handle.trimmed();
    const NetworkTraits &traits = Networks::traits(a.network);
    if (a.serverUrl.isEmpty())
        a.serverUrl = traits.defaultServer;
    if (a.serverUrl.isEmpty())
        return Error::validation(QStringLiteral("serverUrl"),
            traits.serverIsFeedUrl ? Tr::tr("Enter the address of the feed.")
                                   : Tr::tr("Enter the address of the Mastodon server, like https://mastodon.social."));
    if (!isHttpUrl(a.serverUrl))
        return Error::validation(QStringLiteral("serverUrl"),
            Tr::tr("“%1” is not a web address starting with http:// or https://.").arg(a.serverUrl));
    if (a.serverUrl.endsWith(u'/') && !traits.serverIsFeedUrl)
        a.serverUrl.chop(1);
    if (traits.handleRequired && a.handle.isEmpty())
        return Error::validation(QStringLiteral("handle"),
            Tr::tr("Enter the Bluesky handle to sign in with, like name.bsky.social."));
    if (!a.handle.isEmpty() && !traits.handleExample.isEmpty()) {
        Result<QString> normalized = Validation::normalizeHandle(traits.key, a.handle);
        if (!normalized)
            return Error::validation(QStringLiteral("handle"), normalized.error().message);
        a.handle = *normalized;
    }
    if (!traits.ownedByUser) {
        a.handle.clear();
        if (a.contactId <= 0 && a.organizationId <= 0)
            return Error::validation(QStringLiteral("owner"),
                Tr::tr("Choose the contact or the organization this feed belongs to."));
    }
    if (a.displayName.isEmpty())
        a.displayName = a.handle.isEmpty() ? a.serverUrl : a.handle;
    if (a.displayName.size() > Validation::kMaxNameLength)
        return Error::validation(QStringLiteral("displayName"),
            Tr::tr("The name can be at most %1 characters long.").arg(Validation::kMaxNameLength));
    if (a.syncIntervalS < kMinIntervalS || a.syncIntervalS > kMaxIntervalS)
        return Error::validation(QStringLiteral("syncIntervalS"),
            Tr::tr("Sync at most every minute and at least once a week."));
    return {};
}

void bindAccount(QSqlQuery &q, const SocialAccount &a)
{
    q.bindValue(QStringLiteral(":network"), Networks::key(a.network));
    q.bindValue(QStringLiteral(":display_name"), a.displayName);
    q.bindValue(QStringLiteral(":server_url"), Sql::text(a.serverUrl));
    q.bindValue(QStringLiteral(":handle"), Sql::text(a.handle));
    q.bindValue(QStringLiteral(":contact_id"), Sql::id(a.contactId));
    q.bindValue(QStringLiteral(":organization_id"), Sql::id(a.organizationId));
    q.bindValue(QStringLiteral(":user_id"), Sql::id(a.userId));
    q.bindValue(QStringLiteral(":sync_interval_s"), a.syncIntervalS);
    q.bindValue(QStringLiteral(":enabled"), a.enabled ? 1 : 0);
    q.bindValue(QStringLiteral(":sync_on_start"), a.syncOnStart ? 1 : 0);
    q.bindValue(QStringLiteral(":state"), SocialAccount::stateStorageKey(a.state));
}

// What createAccount and updateAccount share: only what the user edits. The sync bookkeeping (last sync,
// error, fetched) is recordSyncResult()'s and does not change the version, so a sync finishing while the
// dialog is open is no conflict.
VersionedWrite::Write accountWrite(const SocialAccount &a, const QString &doing)
{
    VersionedWrite::Write w;
    w.table = QStringLiteral("social_accounts");
    w.columns = QStringLiteral("network, display_name, server_url, handle, contact_id, organization_id, user_id, "
                               "sync_interval_s, enabled, sync_on_start, state");
    w.bind = [&a](QSqlQuery &q) { bindAccount(q, a); };
    w.auditEntity = QStringLiteral("social_account");
    w.auditDetails = Networks::key(a.network) + u' ' + a.displayName;
    w.doing = doing;
    return w;
}

} // namespace

// --- accounts ---

Result<QList<SocialAccount>> SyncRepository::accounts()
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(kAccountSelect + QStringLiteral("WHERE deleted_at IS NULL ORDER BY network, display_name, id")))
        return m_db.errorFrom(q, Tr::tr("listing the synced accounts"));
    QList<SocialAccount> out;
    while (q.next())
        out.append(readAccount(q));
    return out;
}

Result<SocialAccount> SyncRepository::account(qint64 id)
{
    QSqlQuery q(m_db.connection());
    q.prepare(kAccountSelect + QStringLiteral("WHERE id = :id AND deleted_at IS NULL"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the synced account"));
    if (!q.next())
        return Error { Tr::tr("The synced account no longer exists."), Error::Code::NotFound };
    return readAccount(q);
}

Status SyncRepository::createAccount(SocialAccount &a)
{
    if (Status s = validateAccount(a); !s)
        return s;
    VersionedWrite::Write w = accountWrite(a, Tr::tr("adding the synced account"));
    w.columns += QStringLiteral(", last_fetched");
    w.bind = [&a](QSqlQuery &q) {
        bindAccount(q, a);
        q.bindValue(QStringLiteral(":last_fetched"), 0);
    };
    return VersionedWrite::create(m_db, a, w);
}

Status SyncRepository::updateAccount(SocialAccount &a)
{
    if (a.id <= 0)
        return Error { Tr::tr("This account has not been saved yet."), Error::Code::NotFound };
    if (Status s = validateAccount(a); !s)
        return s;
    VersionedWrite::Write w = accountWrite(a, Tr::tr("saving the synced account"));
    w.liveOnly = true;
    w.conflict = Tr::tr("“%1” was changed or removed by someone else since you opened it. Reload it to see "
                        "their changes; yours were not saved.")
                     .arg(a.displayName);
    return VersionedWrite::update(m_db, a, w);
}

Status SyncRepository::removeAccount(qint64 id)
{
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    QSqlQuery q(m_db.connection());
    // Engagement stays counted for its contacts (the FK would cascade it away with the account).
    q.prepare(QStringLiteral("UPDATE engagement_events SET account_id = NULL WHERE account_id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("removing the synced account"));
    q.prepare(QStringLiteral("DELETE FROM social_accounts WHERE id = :id RETURNING network, display_name"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("removing the synced account"));
    if (!q.next())
        return Error { Tr::tr("The synced account no longer exists."), Error::Code::NotFound };
    const QString details = q.value(0).toString() + u' ' + q.value(1).toString();
    q.finish();
    if (Status s = AuditLog::record(m_db, QStringLiteral("delete"), QStringLiteral("social_account"), id, details);
        !s)
        return s;
    return tx.commit();
}

Status SyncRepository::recordSyncResult(qint64 accountId, const Status &result, int fetched, SocialAccount::State state,
    int skipped, const QString &skipNote)
{
    if (!result.ok() && state == SocialAccount::State::Ok)
        state = SocialAccount::State::Error;
    const qint64 now = Sql::nowMs();
    QSqlQuery q(m_db.connection());
    if (result.ok()) {
        q.prepare(QStringLiteral("UPDATE social_accounts SET last_sync_at = :now, last_success_at = :now, "
                                 "last_fetched = :fetched, last_error = NULL, state = :state, last_skipped = :skipped, "
                                 "last_skip_note = :note WHERE id = :id"));
        q.bindValue(QStringLiteral(":fetched"), fetched);
    } else {
        q.prepare(QStringLiteral("UPDATE social_accounts SET last_sync_at = :now, last_error = :error, state = :state, "
                                 "last_skipped = :skipped, last_skip_note = :note WHERE id = :id"));
        q.bindValue(QStringLiteral(":error"), result.error().message);
    }
    q.bindValue(QStringLiteral(":skipped"), std::max(0, skipped));
    q.bindValue(QStringLiteral(":note"), Sql::text(skipNote));
    q.bindValue(QStringLiteral(":now"), now);
    q.bindValue(QStringLiteral(":state"), SocialAccount::stateStorageKey(state));
    q.bindValue(QStringLiteral(":id"), accountId);
    // One statement: autocommits on its own, no transaction needed.
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("recording the sync result"));
    if (q.numRowsAffected() != 1)
        return Error { Tr::tr("The synced account no longer exists."), Error::Code::NotFound };
    return {};
}

// --- cursors ---

Result<SyncCursor> SyncRepository::cursor(qint64 accountId, const QString &stream)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT cursor, etag, last_modified FROM sync_state "
                             "WHERE account_id = :account AND stream = :stream"));
    q.bindValue(QStringLiteral(":account"), accountId);
    q.bindValue(QStringLiteral(":stream"), stream);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("reading where the last sync stopped"));
    SyncCursor c;
    if (q.next()) {
        c.cursor = q.value(0).toString();
        c.etag = q.value(1).toString();
        c.lastModified = q.value(2).toString();
    }
    return c;
}

// --- ingest ---

namespace {

// The prepared statements of one ingestPage() call, each prepared once and re-executed per item.
class PageWriter
{
public:
    explicit PageWriter(Database &db)
        : m_db(db), m_ignored(db.connection()), m_handle(db.connection()), m_interaction(db.connection()),
          m_engagement(db.connection())
    {
    }

    Status prepare()
    {
        const QString doing = Tr::tr("storing synced items");
        if (!m_ignored.prepare(QStringLiteral("SELECT 1 FROM ignored_handles WHERE network = :network AND "
                                              "(normalized = :handle OR normalized = :alt)")))
            return m_db.errorFrom(m_ignored, doing);
        if (!m_handle.prepare(QStringLiteral("SELECT h.contact_id FROM handles h JOIN contacts c ON c.id = h.contact_id "
                                             "WHERE h.network = :network AND h.normalized = :handle "
                                             "AND c.deleted_at IS NULL")))
            return m_db.errorFrom(m_handle, doing);
        if (!m_interaction.prepare(QStringLiteral(
                "INSERT INTO interactions (contact_id, user_id, channel, direction, occurred_at, subject, body, url, "
                "source, external_id, author_handle, author_name, date_unknown, created_at, updated_at, updated_by, "
                "version) VALUES (:contact, :owner, :channel, :direction, :at, :subject, :body, :url, :source, "
                ":external, :author, :author_name, :date_unknown, :now, :now, :user, 1) "
                "ON CONFLICT (source, external_id) DO NOTHING")))
            return m_db.errorFrom(m_interaction, doing);
        if (!m_engagement.prepare(QStringLiteral(
                "INSERT INTO engagement_events (account_id, contact_id, kind, actor_handle, occurred_at, source, "
                "external_id) VALUES (:account, :contact, :kind, :actor, :at, :source, :external) "
                "ON CONFLICT (source, external_id) DO NOTHING")))
            return m_db.errorFrom(m_engagement, doing);
        return {};
    }

    Result<bool> isIgnored(const SyncItem &item)
    {
        const QString key = item.authorNetwork + u'\n' + item.authorHandle + u'\n' + item.authorAltHandle;
        if (auto it = m_ignoredCache.constFind(key); it != m_ignoredCache.constEnd())
            return *it;
        m_ignored.bindValue(QStringLiteral(":network"), item.authorNetwork);
        m_ignored.bindValue(QStringLiteral(":handle"), item.authorHandle);
        m_ignored.bindValue(QStringLiteral(":alt"), item.authorAltHandle.isEmpty() ? item.authorHandle
                                                                                     : item.authorAltHandle);
        if (!m_ignored.exec())
            return m_db.errorFrom(m_ignored, Tr::tr("storing synced items"));
        const bool ignored = m_ignored.next();
        m_ignored.finish();
        m_ignoredCache.insert(key, ignored);
        return ignored;
    }

    // The live contact whose handle (or alternative handle, e.g. a Bluesky DID) wrote the item; 0 if none.
    Result<qint64> contactFor(const SyncItem &item)
    {
        if (item.contactId > 0)
            return item.contactId;
        qint64 found = 0;
        // The alternative handle first: a DID survives a change of handle.
        for (const QString &handle : { item.authorAltHandle, item.authorHandle }) {
            if (handle.isEmpty() || item.authorNetwork.isEmpty())
                continue;
            const QString key = item.authorNetwork + u'\n' + handle;
            if (auto it = m_contactCache.constFind(key); it != m_contactCache.constEnd()) {
                found = *it;
            } else {
                m_handle.bindValue(QStringLiteral(":network"), item.authorNetwork);
                m_handle.bindValue(QStringLiteral(":handle"), handle);
                if (!m_handle.exec())
                    return m_db.errorFrom(m_handle, Tr::tr("storing synced items"));
                found = m_handle.next() ? m_handle.value(0).toLongLong() : 0;
                m_handle.finish();
                m_contactCache.insert(key, found);
            }
            if (found > 0)
                return found;
        }
        return qint64(0);
    }

    // True if stored, false if it was there already.
    Result<bool> insertInteraction(const SyncItem &item, qint64 contactId, qint64 ownerId, qint64 now)
    {
        QSqlQuery &q = m_interaction;
        q.bindValue(QStringLiteral(":contact"), Sql::id(contactId));
        q.bindValue(QStringLiteral(":owner"), Sql::id(ownerId));
        q.bindValue(QStringLiteral(":channel"), item.channel);
        q.bindValue(QStringLiteral(":direction"), item.direction);
        q.bindValue(QStringLiteral(":at"), Sql::time(item.occurredAt));
        q.bindValue(QStringLiteral(":subject"), Sql::text(item.subject.left(Interaction::kMaxSubject)));
        q.bindValue(QStringLiteral(":body"), Sql::text(item.text.left(Interaction::kMaxBody)));
        q.bindValue(QStringLiteral(":url"), Sql::text(item.url));
        q.bindValue(QStringLiteral(":source"), item.source);
        q.bindValue(QStringLiteral(":external"), item.externalId);
        q.bindValue(QStringLiteral(":author"), Sql::text(item.authorHandle));
        q.bindValue(QStringLiteral(":author_name"), Sql::text(item.authorName));
        q.bindValue(QStringLiteral(":date_unknown"), item.dateUnknown ? 1 : 0);
        q.bindValue(QStringLiteral(":now"), now);
        q.bindValue(QStringLiteral(":user"), Sql::id(m_db.currentUserId()));
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("storing the synced item %1").arg(item.externalId));
        return q.numRowsAffected() > 0;
    }

    Result<bool> insertEngagement(const SyncItem &item, qint64 contactId, qint64 accountId)
    {
        QSqlQuery &q = m_engagement;
        q.bindValue(QStringLiteral(":account"), Sql::id(accountId));
        q.bindValue(QStringLiteral(":contact"), Sql::id(contactId));
        q.bindValue(QStringLiteral(":kind"), item.engagement);
        q.bindValue(QStringLiteral(":actor"), Sql::text(item.authorHandle));
        q.bindValue(QStringLiteral(":at"), Sql::time(item.occurredAt));
        q.bindValue(QStringLiteral(":source"), item.source);
        q.bindValue(QStringLiteral(":external"), item.externalId);
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("storing the synced item %1").arg(item.externalId));
        return q.numRowsAffected() > 0;
    }

private:
    Database &m_db;
    QSqlQuery m_ignored;
    QSqlQuery m_handle;
    QSqlQuery m_interaction;
    QSqlQuery m_engagement;
    QHash<QString, bool> m_ignoredCache;
    QHash<QString, qint64> m_contactCache;
};

// What the database cannot check itself; channel, direction and engagement kind are left to its CHECK
// constraints (a page with one bad item is refused whole either way).
Status checkItem(const SyncItem &item)
{
    if (item.source.isEmpty() || item.externalId.isEmpty())
        return Error { Tr::tr("A synced item came without an identity (source and id); the page was not stored."),
            Error::Code::Validation };
    if (!item.occurredAt.isValid())
        return Error { Tr::tr("The synced item %1 has no valid date; the page was not stored.").arg(item.externalId),
            Error::Code::Validation };
    return {};
}

Status saveCursor(Database &db, qint64 accountId, const QString &stream, const SyncCursor &c, qint64 now)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO sync_state (account_id, stream, cursor, etag, last_modified, updated_at) "
        "VALUES (:account, :stream, :cursor, :etag, :modified, :now) ON CONFLICT (account_id, stream) DO UPDATE "
        "SET cursor = excluded.cursor, etag = excluded.etag, last_modified = excluded.last_modified, "
        "updated_at = excluded.updated_at"));
    q.bindValue(QStringLiteral(":account"), accountId);
    q.bindValue(QStringLiteral(":stream"), stream);
    q.bindValue(QStringLiteral(":cursor"), Sql::text(c.cursor));
    q.bindValue(QStringLiteral(":etag"), Sql::text(c.etag));
    q.bindValue(QStringLiteral(":modified"), Sql::text(c.lastModified));
    q.bindValue(QStringLiteral(":now"), now);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("saving where the sync stopped"));
    return {};
}

} // namespace

Result<IngestReport> SyncRepository::ingestPage(const SocialAccount &account, const QString &stream,
                                                const QList<SyncItem> &items, const SyncCursor &newCursor)
{
    for (const SyncItem &item : items)
        if (Status s = checkItem(item); !s)
            return s.error();

    Transaction tx(m_db);
    if (!tx.status())
        return tx.status().error();
    PageWriter writer(m_db);
    if (Status s = writer.prepare(); !s)
        return s.error();

    const qint64 now = Sql::nowMs();
    IngestReport report;
    QSet<qint64> touched;
    for (const SyncItem &item : items) {
        Result<bool> ignored = writer.isIgnored(item);
        if (!ignored)
            return ignored.error();
        if (*ignored) {
            ++report.ignored;
            continue;
        }
        Result<qint64> contact = writer.contactFor(item);
        if (!contact)
            return contact.error();
        if (item.kind == SyncItem::Kind::Engagement) {
            Result<bool> stored = writer.insertEngagement(item, *contact, account.id);
            if (!stored)
                return stored.error();
            if (*stored)
                ++report.engagements;
            else
                ++report.duplicates;
            continue;
        }
        Result<bool> stored = writer.insertInteraction(item, *contact, account.userId, now);
        if (!stored)
            return stored.error();
        if (!*stored) {
            ++report.duplicates;
            continue;
        }
        ++report.inserted;
        if (*contact > 0)
            touched.insert(*contact);
        else
            ++report.toInbox;
    }

    // An empty cursor means "the stream did not move" (e.g. a feed without ETag or Last-Modified).
    if (!newCursor.isEmpty())
        if (Status s = saveCursor(m_db, account.id, stream, newCursor, now); !s)
            return s.error();

    // last_contacted_at and health the way InteractionRepository keeps them.
    report.contactIds = QList<qint64>(touched.cbegin(), touched.cend());
    std::sort(report.contactIds.begin(), report.contactIds.end());
    if (Status s = HealthRepository::recomputeContacts(m_db, report.contactIds); !s)
        return s.error();

    // One entry per page that changed something; an incremental sync with nothing new leaves no trace.
    if (report.inserted > 0 || report.engagements > 0)
        if (Status s = AuditLog::record(m_db, QStringLiteral("sync"), QStringLiteral("social_account"), account.id,
                QStringLiteral("%1: %2 new, %3 to the Inbox, %4 engagement, %5 duplicates, %6 ignored")
                    .arg(stream)
                    .arg(report.inserted)
                    .arg(report.toInbox)
                    .arg(report.engagements)
                    .arg(report.duplicates)
                    .arg(report.ignored));
            !s)
            return s.error();

    if (Status s = tx.commit(); !s)
        return s.error();
    return report;
}

Result<int> SyncRepository::engagementCount(qint64 contactId, const QDateTime &since)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM engagement_events WHERE contact_id = :contact "
                             "AND occurred_at >= :since"));
    q.bindValue(QStringLiteral(":contact"), contactId);
    q.bindValue(QStringLiteral(":since"), since.isValid() ? since.toMSecsSinceEpoch() : qint64(0));
    if (!q.exec() || !q.next())
        return m_db.errorFrom(q, Tr::tr("counting engagement"));
    return q.value(0).toInt();
}
