#include "storage/erasurerepository.h"

#include "storage/auditlog.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSqlQuery>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ErasureRepository)
};

// The networks the sync brings items from, whose handles can go on the ignore list.
bool isSyncedNetwork(const QString &network)
{
    return network == u"mastodon" || network == u"bluesky";
}

// LIKE pattern for text that contains `value` anywhere, with LIKE's own characters taken literally.
QString containing(const QString &value)
{
    QString v = value.toLower();
    v.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    return u'%' + v + u'%';
}

} // namespace

Result<ErasureCounts> ErasureRepository::count(qint64 id)
{
    const QString doing = Tr::tr("counting what the erasure removes");
    Result<Contact> contact = ContactRepository(m_db).get(id);
    if (!contact)
        return contact.error();
    ErasureCounts counts;
    counts.displayName = contact->displayName;
    counts.emails = int(contact->emails.size());
    counts.phones = int(contact->phones.size());
    counts.handles = int(contact->handles.size());
    for (const Handle &h : std::as_const(contact->handles))
        if (isSyncedNetwork(h.network))
            counts.syncedHandles.append({ h.network, h.normalized });
    QSqlQuery q(m_db.connection());
    auto scalar = [&](const QString &sql, int &into) -> Status {
        q.prepare(sql);
        q.bindValue(u":id"_s, id);
        if (!q.exec() || !q.next())
            return m_db.errorFrom(q, doing);
        into = q.value(0).toInt();
        return {};
    };
    const QList<std::pair<QString, int *>> queries = {
        { u"SELECT count(*) FROM interactions WHERE contact_id = :id OR (contact_id IS NULL AND author_handle IN "
          "(SELECT normalized FROM handles WHERE contact_id = :id) AND source IN "
          "(SELECT network FROM handles WHERE contact_id = :id))"_s,
            &counts.interactions },
        { u"SELECT count(*) FROM pitches WHERE contact_id = :id"_s, &counts.pitches },
        { u"SELECT count(*) FROM follow_ups WHERE contact_id = :id"_s, &counts.followUps },
        { u"SELECT count(*) FROM coverage WHERE contact_id = :id"_s, &counts.coverage },
        { u"SELECT count(*) FROM engagement_events WHERE contact_id = :id OR (contact_id IS NULL AND actor_handle IN "
          "(SELECT normalized FROM handles WHERE contact_id = :id))"_s,
            &counts.engagementEvents },
        { u"SELECT count(*) FROM social_accounts WHERE contact_id = :id"_s, &counts.feeds },
    };
    for (const auto &[sql, into] : queries)
        if (Status s = scalar(sql, *into); !s)
            return s.error();
    return counts;
}

Result<ErasureCounts> ErasureRepository::preview(qint64 contactId)
{
    return count(contactId);
}

Result<ErasureCounts> ErasureRepository::erase(qint64 id, bool ignoreHandles)
{
    const QString doing = Tr::tr("erasing the person");
    // SQLite: the pages the rows leave are overwritten with zeros (secure_delete) instead of lingering in the
    // file's free list; the setting is the connection's, put back afterwards.
    std::optional<int> secureDelete;
    if (!m_db.isPostgres()) {
        QSqlQuery pragma(m_db.connection());
        if (pragma.exec(u"PRAGMA secure_delete"_s) && pragma.next())
            secureDelete = pragma.value(0).toInt();
        pragma.finish();
        (void)pragma.exec(u"PRAGMA secure_delete = 1"_s); // best effort: the erasure itself does not depend on it
    }
    const auto restoreSecureDelete = qScopeGuard([&] {
        if (secureDelete) {
            QSqlQuery pragma(m_db.connection());
            (void)pragma.exec(u"PRAGMA secure_delete = %1"_s.arg(*secureDelete));
        }
    });
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status().error();
    Result<ErasureCounts> counted = count(id);
    if (!counted)
        return counted.error();
    ErasureCounts counts = *counted;
    Result<Contact> contact = ContactRepository(m_db).get(id);
    if (!contact)
        return contact.error();

    QSqlQuery q(m_db.connection());
    auto run = [&](const QString &sql, const QVariantMap &binds = {}) -> Result<int> {
        q.prepare(sql);
        if (sql.contains(u":id"_s))
            q.bindValue(u":id"_s, id);
        for (auto it = binds.begin(); it != binds.end(); ++it)
            q.bindValue(it.key(), it.value());
        if (!q.exec())
            return m_db.errorFrom(q, doing);
        const int affected = q.numRowsAffected();
        q.finish();
        return affected;
    };

    // What the person was called and reached at before: their names, emails and handles in their history.
    QStringList formerValues;
    q.prepare(u"SELECT old_value, new_value FROM audit_changes WHERE entity = 'contact' AND entity_id = :id AND "
              "(field IN ('display_name', 'email') OR field LIKE 'handle:%')"_s);
    q.bindValue(u":id"_s, id);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    while (q.next())
        formerValues << q.value(0).toString() << q.value(1).toString();
    q.finish();

    // 1. The audit log: entries about the person and their own rows go (they are read before the rows go).
    const QString ownRows
        = u"(entity = 'contact' AND entity_id = :id) "
          "OR (entity = 'interaction' AND entity_id IN (SELECT id FROM interactions WHERE contact_id = :id)) "
          "OR (entity = 'pitch' AND entity_id IN (SELECT id FROM pitches WHERE contact_id = :id)) "
          "OR (entity = 'follow_up' AND entity_id IN (SELECT id FROM follow_ups WHERE contact_id = :id))"_s;
    Result<int> removed = run(u"DELETE FROM audit_log WHERE "_s + ownRows);
    if (!removed)
        return removed.error();
    counts.auditEntries = *removed;
    // The history of those rows' fields and of the person's emails, phones, handles and tags (schema v11, v21).
    if (Result<int> r = run(u"DELETE FROM audit_changes WHERE "_s + ownRows); !r)
        return r.error();
    // Entries of other rows whose stored values name them keep their line (who did what, when) without values.
    QStringList needles { contact->displayName, contact->firstName + u' ' + contact->lastName };
    for (const ContactEmail &e : std::as_const(contact->emails))
        needles.append(e.email);
    for (const Handle &h : std::as_const(contact->handles))
        needles += { h.handle, h.normalized };
    needles += formerValues;
    needles.removeDuplicates();
    for (const QString &needle : std::as_const(needles)) {
        if (needle.trimmed().size() < 3) // "" or an initial would clear half the log
            continue;
        Result<int> cleared = run(u"UPDATE audit_log SET details = NULL WHERE lower(details) LIKE :needle ESCAPE '\\'"_s,
            { { u":needle"_s, containing(needle.trimmed()) } });
        if (!cleared)
            return cleared.error();
        counts.auditEntries += *cleared;
        // A field change of another row that holds the value (a duplicate merged into them, a colleague's
        // notes naming them) goes: its entry keeps its line.
        if (Result<int> r = run(u"DELETE FROM audit_changes WHERE lower(old_value) LIKE :needle ESCAPE '\\' "
                                "OR lower(new_value) LIKE :needle ESCAPE '\\'"_s,
                { { u":needle"_s, containing(needle.trimmed()) } });
            !r)
            return r.error();
    }

    // 2. Import records that kept their values for an undo.
    if (Result<int> r = run(u"DELETE FROM import_batch_items WHERE entity = 'contact' AND entity_id = :id"_s); !r)
        return r.error();

    // 3. Their rows. Inbox items and engagement by their handles go too, before the handles do.
    const QList<QString> deletes = {
        u"DELETE FROM interactions WHERE contact_id IS NULL AND author_handle IN "
        "(SELECT normalized FROM handles WHERE contact_id = :id) AND source IN "
        "(SELECT network FROM handles WHERE contact_id = :id)"_s,
        u"DELETE FROM engagement_events WHERE contact_id = :id OR (contact_id IS NULL AND actor_handle IN "
        "(SELECT normalized FROM handles WHERE contact_id = :id))"_s,
        u"DELETE FROM interactions WHERE contact_id = :id"_s,
        u"DELETE FROM pitches WHERE contact_id = :id"_s, // their moves follow (ON DELETE CASCADE)
        u"DELETE FROM follow_ups WHERE contact_id = :id"_s,
        u"UPDATE coverage SET contact_id = NULL WHERE contact_id = :id"_s,
        u"DELETE FROM social_accounts WHERE contact_id = :id"_s,
        // Emails, phones, handles, tags and media list places follow the contact (ON DELETE CASCADE).
        u"DELETE FROM contacts WHERE id = :id"_s,
    };
    for (const QString &sql : deletes)
        if (Result<int> r = run(sql); !r)
            return r.error();
    // Whatever a trigger recorded about the person while their rows went (nothing today: the child rows'
    // trail skips a contact that is gone) goes too.
    if (Result<int> r = run(u"DELETE FROM audit_changes WHERE entity = 'contact' AND entity_id = :id"_s); !r)
        return r.error();

    // 4. The ignore list, so the sync does not bring them back.
    if (ignoreHandles) {
        for (const auto &[network, handle] : std::as_const(counts.syncedHandles)) {
            Result<int> r = run(u"INSERT INTO ignored_handles (network, normalized, created_at) "
                                "VALUES (:network, :handle, :now) ON CONFLICT (network, normalized) DO NOTHING"_s,
                { { u":network"_s, network }, { u":handle"_s, handle }, { u":now"_s, Sql::nowMs() } });
            if (!r)
                return r.error();
            counts.ignoredHandles += *r;
        }
    }

    // 5. No old segment of SQLite's full-text indexes may keep a deleted term: merge them into one.
    if (!m_db.isPostgres())
        for (const QString &fts : { u"contacts_fts"_s, u"interactions_fts"_s })
            if (Result<int> r = run(u"INSERT INTO %1 (%1) VALUES ('optimize')"_s.arg(fts)); !r)
                return r.error();

    // 6. The one line that says an erasure happened: counts, no name, no id of the person.
    const QJsonObject details { { u"interactions"_s, counts.interactions }, { u"pitches"_s, counts.pitches },
        { u"follow_ups"_s, counts.followUps }, { u"handles"_s, counts.handles }, { u"emails"_s, counts.emails },
        { u"phones"_s, counts.phones }, { u"coverage_unlinked"_s, counts.coverage },
        { u"engagement_events"_s, counts.engagementEvents }, { u"feeds"_s, counts.feeds },
        { u"audit_entries"_s, counts.auditEntries }, { u"handles_ignored"_s, counts.ignoredHandles } };
    if (Status s = AuditLog::record(m_db, u"erase"_s, u"contact"_s, 0,
            QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
        !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    if (!m_db.isPostgres()) {
        // The write-ahead log still holds the old pages until a checkpoint copies the new ones over them.
        QSqlQuery checkpoint(m_db.connection());
        (void)checkpoint.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s); // best effort: a reader may hold it back
    }
    return counts;
}
