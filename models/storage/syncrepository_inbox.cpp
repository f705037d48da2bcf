// SyncRepository: the Inbox (synced items nobody matched, grouped by author) and its triage: link an author
// to a contact (and undo it), ignore an author (and undo it), suggest contacts.
#include "syncrepository.h"

#include "domain/text.h"
#include "storage/auditlog.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/healthrepository.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlQuery>
#include <QUrl>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SyncRepository)
};

// Inbox items are synced (source is the author's network: mastodon, bluesky, feed), live and unmatched.
const QString kInboxWhere = QStringLiteral("contact_id IS NULL AND deleted_at IS NULL AND source <> 'manual'");

// The audit entry of a link records whether the link added the handle and the time it moved the items, so
// unlinkFromContact() can undo exactly that.
const QString kLinkAction = QStringLiteral("inbox_link");

QString linkDetails(const QString &network, const QString &handle, bool handleAdded, qint64 at)
{
    return QStringLiteral("%1 %2 %3 %4").arg(network, handle, handleAdded ? QStringLiteral("+handle")
                                                                          : QStringLiteral("=handle"))
        .arg(at);
}

// Bumps the contact's version: an editor opened before the link must not save its stale list of handles over
// the new one. Done before the handle is added or removed, so that the history records the handle as a change
// of an existing contact (schema v21 leaves a contact's rows at version 1, its creation, out).
Status bumpContact(Database &db, qint64 contactId, const QString &doing)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("UPDATE contacts SET updated_at = :now, updated_by = :user, version = version + 1 "
                             "WHERE id = :id"));
    q.bindValue(QStringLiteral(":now"), Sql::nowMs());
    q.bindValue(QStringLiteral(":user"), Sql::id(db.currentUserId()));
    q.bindValue(QStringLiteral(":id"), contactId);
    if (!q.exec())
        return db.errorFrom(q, doing);
    return {};
}

// Refreshes the contact's search text (it lists handles), after the handle was added or removed.
Status refreshContactSearch(Database &db, qint64 contactId, const QString &doing)
{
    Result<Contact> c = ContactRepository(db).get(contactId);
    if (!c)
        return c.error();
    const QString extra = ContactRepository::searchExtra(*c, c->organizationName);
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("UPDATE contacts SET search_extra = :extra WHERE id = :id"));
    q.bindValue(QStringLiteral(":extra"), extra.isNull() ? QStringLiteral("") : extra);
    q.bindValue(QStringLiteral(":id"), contactId);
    if (!q.exec())
        return db.errorFrom(q, doing);
    return {};
}

// Letters and digits of a folded name, words separated by one space: "Ana Lima 🌻" -> "ana lima".
QString cleanName(const QString &name)
{
    QString out;
    bool space = false;
    for (const QChar ch : Text::fold(name)) {
        if (ch.isLetterOrNumber()) {
            if (space && !out.isEmpty())
                out += u' ';
            out += ch;
            space = false;
        } else {
            space = true;
        }
    }
    return out;
}

QString escapeLike(QString s)
{
    s.replace(u'\\', QStringLiteral("\\\\"));
    s.replace(u'%', QStringLiteral("\\%"));
    s.replace(u'_', QStringLiteral("\\_"));
    return s;
}

} // namespace

Result<QList<InboxEntry>> SyncRepository::inbox(int limit)
{
    // The newest item per author (window functions: SQLite ≥ 3.25 and PostgreSQL), newest authors first.
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "SELECT source, author_handle, author_name, n, occurred_at, body, subject, url FROM ("
        "SELECT source, author_handle, author_name, occurred_at, body, subject, url, id, "
        "row_number() OVER (PARTITION BY source, author_handle ORDER BY occurred_at DESC, id DESC) AS rn, "
        "count(*) OVER (PARTITION BY source, author_handle) AS n "
        "FROM interactions WHERE ") + kInboxWhere
        + QStringLiteral(") latest WHERE rn = 1 ORDER BY occurred_at DESC, id DESC LIMIT :limit"));
    q.bindValue(QStringLiteral(":limit"), limit);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("reading the Inbox"));
    QList<InboxEntry> out;
    while (q.next()) {
        InboxEntry e;
        e.network = q.value(0).toString();
        e.handle = q.value(1).toString();
        e.authorName = q.value(2).toString();
        e.itemCount = q.value(3).toInt();
        e.latestAt = Sql::time(q.value(4));
        const QString body = q.value(5).toString();
        e.latestText = (body.isEmpty() ? q.value(6).toString() : body).left(200);
        e.latestUrl = q.value(7).toString();
        out.append(e);
    }
    return out;
}

Result<int> SyncRepository::inboxCount()
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM (SELECT DISTINCT source, author_handle FROM interactions WHERE ")
            + kInboxWhere + QStringLiteral(") authors"))
        || !q.next())
        return m_db.errorFrom(q, Tr::tr("counting the Inbox"));
    return q.value(0).toInt();
}

Result<QList<ContactSuggestion>> SyncRepository::suggestions(const InboxEntry &entry, int limit)
{
    QList<ContactSuggestion> out;
    QSet<qint64> seen;
    const QString doing = Tr::tr("looking for matching contacts");
    const QString select = QStringLiteral("SELECT c.id, c.display_name, o.name FROM contacts c "
                                          "LEFT JOIN organizations o ON o.id = c.organization_id "
                                          "WHERE c.deleted_at IS NULL AND ");
    // where: a condition on c with one parameter :v.
    auto run = [&](const QString &where, const QString &v, const QString &reason) -> Status {
        if (out.size() >= limit)
            return {};
        QSqlQuery q(m_db.connection());
        q.prepare(select + where + QStringLiteral(" ORDER BY c.sort_name, c.id LIMIT :limit"));
        q.bindValue(QStringLiteral(":v"), v);
        q.bindValue(QStringLiteral(":limit"), limit);
        if (!q.exec())
            return m_db.errorFrom(q, doing);
        while (q.next() && out.size() < limit) {
            const qint64 id = q.value(0).toLongLong();
            if (seen.contains(id))
                continue;
            seen.insert(id);
            out.append({id, q.value(1).toString(), q.value(2).toString(), reason});
        }
        return {};
    };

    // 1. The same name (sort_name is the folded display name: the contacts_live_sort_name index answers).
    const QString name = cleanName(entry.authorName);
    if (name.size() >= 3) {
        if (Status s = run(QStringLiteral("c.sort_name = :v"), name,
                Tr::tr("same name"));
            !s)
            return s.error();
        if (Status s = run(QStringLiteral("c.sort_name LIKE :v ESCAPE '\\'"), escapeLike(name) + u'%',
                Tr::tr("similar name"));
            !s)
            return s.error();
    }

    // 2. The handle's local part (ana@mastodon.social, ana.bsky.social) is an email's local part.
    QString local;
    if (entry.network == u"mastodon")
        local = entry.handle.section(u'@', 0, 0);
    else if (entry.network == u"bluesky" && !entry.handle.startsWith(u"did:"))
        local = entry.handle.section(u'.', 0, 0);
    if (local.size() >= 3) {
        if (Status s = run(QStringLiteral("c.id IN (SELECT contact_id FROM contact_emails WHERE normalized LIKE "
                                          ":v ESCAPE '\\')"),
                escapeLike(local) + QStringLiteral("@%"), Tr::tr("handle matches email"));
            !s)
            return s.error();
    }

    // 3. A feed: contacts with an email at the feed's domain.
    if (entry.network == u"feed") {
        QString host = QUrl(entry.handle).host().toLower();
        if (host.startsWith(u"www."))
            host = host.mid(4);
        if (host.contains(u'.')) {
            if (Status s = run(QStringLiteral("c.id IN (SELECT contact_id FROM contact_emails WHERE normalized LIKE "
                                              ":v ESCAPE '\\')"),
                    QStringLiteral("%@") + escapeLike(host), Tr::tr("email at the feed's site"));
                !s)
                return s.error();
        }
    }
    return out;
}

Result<int> SyncRepository::linkToContact(const QString &network, const QString &handle, qint64 contactId)
{
    const QString doing = Tr::tr("moving the Inbox items to the contact");
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status().error();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT display_name FROM contacts WHERE id = :id AND deleted_at IS NULL")
        + (m_db.isPostgres() ? QStringLiteral(" FOR UPDATE") : QString()));
    q.bindValue(QStringLiteral(":id"), contactId);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    if (!q.next())
        return Error { Tr::tr("The contact no longer exists."), Error::Code::NotFound };
    q.finish();

    q.prepare(QStringLiteral("SELECT h.contact_id, c.display_name, o.name FROM handles h "
                             "LEFT JOIN contacts c ON c.id = h.contact_id "
                             "LEFT JOIN organizations o ON o.id = h.organization_id "
                             "WHERE h.network = :network AND h.normalized = :handle"));
    q.bindValue(QStringLiteral(":network"), network);
    q.bindValue(QStringLiteral(":handle"), handle);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    bool handleAdded = false;
    if (q.next()) {
        if (q.value(0).toLongLong() != contactId) {
            const QString owner = q.value(1).isNull() ? q.value(2).toString() : q.value(1).toString();
            return Error { Tr::tr("%1 already belongs to %2. Remove it there first if it was wrong.")
                               .arg(handle, owner),
                Error::Code::Conflict, QStringLiteral("handle") };
        }
        q.finish();
    } else {
        q.finish();
        if (Status s = bumpContact(m_db, contactId, doing); !s)
            return s.error();
        q.prepare(QStringLiteral("INSERT INTO handles (contact_id, network, handle, normalized) "
                                 "VALUES (:contact, :network, :handle, :handle)"));
        q.bindValue(QStringLiteral(":contact"), contactId);
        q.bindValue(QStringLiteral(":network"), network);
        q.bindValue(QStringLiteral(":handle"), handle);
        if (!q.exec())
            return m_db.errorFrom(q, doing);
        handleAdded = true;
        if (Status s = refreshContactSearch(m_db, contactId, doing); !s)
            return s.error();
    }

    const qint64 now = Sql::nowMs();
    q.prepare(QStringLiteral("UPDATE interactions SET contact_id = :contact, updated_at = :now, updated_by = :user, "
                             "version = version + 1 WHERE ") + kInboxWhere
        + QStringLiteral(" AND source = :network AND author_handle = :handle"));
    q.bindValue(QStringLiteral(":contact"), contactId);
    q.bindValue(QStringLiteral(":now"), now);
    q.bindValue(QStringLiteral(":user"), Sql::id(m_db.currentUserId()));
    q.bindValue(QStringLiteral(":network"), network);
    q.bindValue(QStringLiteral(":handle"), handle);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    const int moved = q.numRowsAffected();
    q.prepare(QStringLiteral("UPDATE engagement_events SET contact_id = :contact WHERE contact_id IS NULL "
                             "AND source = :network AND actor_handle = :handle"));
    q.bindValue(QStringLiteral(":contact"), contactId);
    q.bindValue(QStringLiteral(":network"), network);
    q.bindValue(QStringLiteral(":handle"), handle);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    q.finish();

    if (Status s = HealthRepository::recomputeContact(m_db, contactId); !s)
        return s.error();
    if (Status s = AuditLog::record(m_db, kLinkAction, QStringLiteral("contact"), contactId,
            linkDetails(network, handle, handleAdded, now));
        !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return moved;
}

Status SyncRepository::unlinkFromContact(const QString &network, const QString &handle, qint64 contactId)
{
    const QString doing = Tr::tr("putting the items back in the Inbox");
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    // What the link did: whether it added the handle, and when it moved the items.
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT details FROM audit_log WHERE action = :action AND entity = 'contact' "
                             "AND entity_id = :contact AND (details LIKE :added ESCAPE '\\' "
                             "OR details LIKE :kept ESCAPE '\\') ORDER BY id DESC LIMIT 1"));
    q.bindValue(QStringLiteral(":action"), kLinkAction);
    q.bindValue(QStringLiteral(":contact"), contactId);
    const QString prefix = escapeLike(network + u' ' + handle + u' ');
    q.bindValue(QStringLiteral(":added"), QString(prefix + QStringLiteral("+handle %")));
    q.bindValue(QStringLiteral(":kept"), QString(prefix + QStringLiteral("=handle %")));
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    if (!q.next())
        return Error { Tr::tr("%1 was not linked to this contact from the Inbox, so there is nothing to undo.")
                           .arg(handle),
            Error::Code::NotFound };
    const QStringList parts = q.value(0).toString().split(u' ');
    const bool handleAdded = parts.value(2) == u"+handle";
    const qint64 linkedAt = parts.value(3).toLongLong();
    q.finish();

    // Back to the Inbox: the items the link moved (stamped with its time) and, if the link added the handle,
    // everything matched through that handle since (it would not have matched without the link).
    q.prepare(QStringLiteral("UPDATE interactions SET contact_id = NULL, updated_at = :now, updated_by = :user, "
                             "version = version + 1 WHERE contact_id = :contact AND source = :network "
                             "AND source <> 'manual' AND author_handle = :handle AND deleted_at IS NULL "
                             "AND (updated_at = :linked OR (:added = 1 AND created_at >= :linked))"));
    q.bindValue(QStringLiteral(":now"), Sql::nowMs());
    q.bindValue(QStringLiteral(":user"), Sql::id(m_db.currentUserId()));
    q.bindValue(QStringLiteral(":contact"), contactId);
    q.bindValue(QStringLiteral(":network"), network);
    q.bindValue(QStringLiteral(":handle"), handle);
    q.bindValue(QStringLiteral(":linked"), linkedAt);
    q.bindValue(QStringLiteral(":added"), handleAdded ? 1 : 0);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    if (handleAdded) {
        // Engagement is only ever matched by handle: with the handle gone it is unmatched again.
        q.prepare(QStringLiteral("UPDATE engagement_events SET contact_id = NULL WHERE contact_id = :contact "
                                 "AND source = :network AND actor_handle = :handle"));
        q.bindValue(QStringLiteral(":contact"), contactId);
        q.bindValue(QStringLiteral(":network"), network);
        q.bindValue(QStringLiteral(":handle"), handle);
        if (!q.exec())
            return m_db.errorFrom(q, doing);
        if (Status s = bumpContact(m_db, contactId, doing); !s)
            return s;
        q.prepare(QStringLiteral("DELETE FROM handles WHERE contact_id = :contact AND network = :network "
                                 "AND normalized = :handle"));
        q.bindValue(QStringLiteral(":contact"), contactId);
        q.bindValue(QStringLiteral(":network"), network);
        q.bindValue(QStringLiteral(":handle"), handle);
        if (!q.exec())
            return m_db.errorFrom(q, doing);
        q.finish();
        if (Status s = refreshContactSearch(m_db, contactId, doing); !s)
            return s;
    }
    q.finish();
    if (Status s = HealthRepository::recomputeContact(m_db, contactId); !s)
        return s;
    if (Status s = AuditLog::record(m_db, QStringLiteral("inbox_unlink"), QStringLiteral("contact"), contactId,
            network + u' ' + handle);
        !s)
        return s;
    return tx.commit();
}

Status SyncRepository::ignore(const QString &network, const QString &handle)
{
    const QString doing = Tr::tr("ignoring %1").arg(handle);
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    const qint64 now = Sql::nowMs();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO ignored_handles (network, normalized, created_at) "
                             "VALUES (:network, :handle, :now) ON CONFLICT (network, normalized) DO NOTHING"));
    q.bindValue(QStringLiteral(":network"), network);
    q.bindValue(QStringLiteral(":handle"), handle);
    q.bindValue(QStringLiteral(":now"), now);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    if (q.numRowsAffected() == 0)
        return {}; // already ignored
    // The Inbox items go to the trash stamped with the ignore's time, so unignore() restores exactly these.
    q.prepare(QStringLiteral("UPDATE interactions SET deleted_at = :now, updated_at = :now, updated_by = :user, "
                             "version = version + 1 WHERE ") + kInboxWhere
        + QStringLiteral(" AND source = :network AND author_handle = :handle"));
    q.bindValue(QStringLiteral(":now"), now);
    q.bindValue(QStringLiteral(":user"), Sql::id(m_db.currentUserId()));
    q.bindValue(QStringLiteral(":network"), network);
    q.bindValue(QStringLiteral(":handle"), handle);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    q.finish();
    if (Status s = AuditLog::record(m_db, QStringLiteral("ignore"), QStringLiteral("handle"), 0,
            network + u' ' + handle);
        !s)
        return s;
    return tx.commit();
}

Status SyncRepository::unignore(const QString &network, const QString &handle)
{
    const QString doing = Tr::tr("no longer ignoring %1").arg(handle);
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM ignored_handles WHERE network = :network AND normalized = :handle "
                             "RETURNING created_at"));
    q.bindValue(QStringLiteral(":network"), network);
    q.bindValue(QStringLiteral(":handle"), handle);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    if (!q.next())
        return {}; // not ignored
    const qint64 ignoredAt = q.value(0).toLongLong();
    q.finish();
    q.prepare(QStringLiteral("UPDATE interactions SET deleted_at = NULL, updated_at = :now, updated_by = :user, "
                             "version = version + 1 WHERE contact_id IS NULL AND deleted_at = :ignored "
                             "AND source = :network AND author_handle = :handle"));
    q.bindValue(QStringLiteral(":now"), Sql::nowMs());
    q.bindValue(QStringLiteral(":user"), Sql::id(m_db.currentUserId()));
    q.bindValue(QStringLiteral(":ignored"), ignoredAt);
    q.bindValue(QStringLiteral(":network"), network);
    q.bindValue(QStringLiteral(":handle"), handle);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    q.finish();
    if (Status s = AuditLog::record(m_db, QStringLiteral("unignore"), QStringLiteral("handle"), 0,
            network + u' ' + handle);
        !s)
        return s;
    return tx.commit();
}
