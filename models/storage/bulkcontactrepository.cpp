#include "bulkcontactrepository.h"

#include "domain/contact.h"
#include "storage/audittrail.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSqlQuery>

#include <functional>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(BulkContactRepository)
};

constexpr int kMaxTagLength = 100;

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

QString BulkContactRepository::idList(const Database &db, const QList<qint64> &ids)
{
    return Sql::idArray(db.isPostgres(), ids);
}

QString BulkContactRepository::idCondition(const Database &db, const QString &column)
{
    return Sql::inIdArray(db.isPostgres(), column);
}

Result<QList<qint64>> BulkContactRepository::selectIds(
    const QString &sql, const QList<qint64> &ids, const QList<std::pair<QString, QVariant>> &binds)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(sql);
    q.bindValue(QStringLiteral(":ids"), idList(m_db, ids));
    for (const auto &[name, value] : binds)
        q.bindValue(name, value);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("reading the selected contacts"));
    QList<qint64> result;
    while (q.next())
        result.append(q.value(0).toLongLong());
    return result;
}

Status BulkContactRepository::touch(const QList<qint64> &ids, const QString &set, const QVariant &value)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE contacts SET ") + set
        + QStringLiteral("version = version + 1, updated_at = :now, updated_by = :user WHERE ")
        + idCondition(m_db, QStringLiteral("id")));
    q.bindValue(QStringLiteral(":ids"), idList(m_db, ids));
    q.bindValue(QStringLiteral(":now"), Sql::nowMs());
    q.bindValue(QStringLiteral(":user"), Sql::id(m_db.currentUserId()));
    if (!set.isEmpty())
        q.bindValue(QStringLiteral(":value"), value);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("saving the selected contacts"));
    return {};
}

Status BulkContactRepository::audit(const QList<qint64> &ids, const QString &action, const QString &details)
{
    // CASTs: PostgreSQL types untyped literals in a SELECT list as text.
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO audit_log (at, user_id, action, entity, entity_id, details) "
                             "SELECT CAST(:at AS BIGINT), CAST(:user AS BIGINT), :action, 'contact', id, :details "
                             "FROM contacts WHERE ")
        + idCondition(m_db, QStringLiteral("id")));
    q.bindValue(QStringLiteral(":ids"), idList(m_db, ids));
    q.bindValue(QStringLiteral(":at"), Sql::nowMs());
    q.bindValue(QStringLiteral(":user"), Sql::id(m_db.currentUserId()));
    q.bindValue(QStringLiteral(":action"), action);
    q.bindValue(QStringLiteral(":details"), details);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("writing the audit log"));
    return AuditTrail::claimMany(m_db, QStringLiteral("contact"), ids);
}

Result<qint64> BulkContactRepository::tagId(const QString &name, const QString &kind, bool create)
{
    QSqlQuery q(m_db.connection());
    if (create) {
        q.prepare(QStringLiteral("INSERT INTO tags (name, kind) VALUES (:name, :kind) ON CONFLICT DO NOTHING"));
        q.bindValue(QStringLiteral(":name"), name);
        q.bindValue(QStringLiteral(":kind"), kind);
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("saving a tag"));
    }
    q.prepare(QStringLiteral("SELECT id FROM tags WHERE name = :name AND kind = :kind"));
    q.bindValue(QStringLiteral(":name"), name);
    q.bindValue(QStringLiteral(":kind"), kind);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("reading a tag"));
    return q.next() ? q.value(0).toLongLong() : 0;
}

Result<QList<qint64>> BulkContactRepository::addTag(const QList<qint64> &ids, const QString &name, const QString &kind)
{
    return setTag(ids, name, kind, true);
}

Result<QList<qint64>> BulkContactRepository::removeTag(
    const QList<qint64> &ids, const QString &name, const QString &kind)
{
    return setTag(ids, name, kind, false);
}

Result<QList<qint64>> BulkContactRepository::setTag(
    const QList<qint64> &ids, const QString &rawName, const QString &kind, bool present)
{
    const QString name = rawName.simplified();
    if (name.isEmpty())
        return Error::validation(QStringLiteral("tag"), Tr::tr("Enter the name of a tag."));
    if (name.size() > kMaxTagLength)
        return Error::validation(
            QStringLiteral("tag"), Tr::tr("A tag can have at most %1 characters.").arg(kMaxTagLength));
    if (kind != u"tag" && kind != u"beat")
        return Error::validation(QStringLiteral("kind"), Tr::tr("Unknown kind of tag: %1").arg(kind));
    if (ids.isEmpty())
        return QList<qint64>();

    Transaction tx(m_db);
    if (!tx.status())
        return tx.status().error();
    Result<qint64> tag = tagId(name, kind, present);
    if (!tag)
        return tag.error();
    if (*tag == 0) // removing a tag that does not exist: nobody has it
        return QList<qint64>();
    const QString has = QStringLiteral("EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.contact_id = c.id AND "
                                       "ct.tag_id = :tag)");
    Result<QList<qint64>> changed = selectIds(QStringLiteral("SELECT c.id FROM contacts c WHERE ")
            + idCondition(m_db, QStringLiteral("c.id")) + QStringLiteral(" AND c.deleted_at IS NULL AND ")
            + (present ? QStringLiteral("NOT ") : QString()) + has + QStringLiteral(" ORDER BY c.id"),
        ids, { { QStringLiteral(":tag"), *tag } });
    if (!changed)
        return changed.error();
    if (changed->isEmpty())
        return changed;

    // The version first: the history records tags of existing contacts only (schema v21), and a contact an
    // import created and nobody edited is still at version 1 until this write.
    if (Status s = touch(*changed); !s)
        return s.error();
    QSqlQuery q(m_db.connection());
    q.prepare(present ? QStringLiteral("INSERT INTO contact_tags (contact_id, tag_id) SELECT id, CAST(:tag AS BIGINT) "
                                       "FROM contacts WHERE ")
                + idCondition(m_db, QStringLiteral("id"))
                      : QStringLiteral("DELETE FROM contact_tags WHERE tag_id = :tag AND ")
                + idCondition(m_db, QStringLiteral("contact_id")));
    q.bindValue(QStringLiteral(":ids"), idList(m_db, *changed));
    q.bindValue(QStringLiteral(":tag"), *tag);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("saving the tags of the selected contacts"));
    // Adding: append the name to the search text in one statement (the words are what matter to the index;
    // the next full save writes them in ContactRepository::searchExtra's order). Removing: recompute.
    if (present) {
        q.prepare(QStringLiteral("UPDATE contacts SET search_extra = CASE WHEN search_extra = '' THEN :name "
                                 "ELSE search_extra || ' ' || :name END WHERE ")
                  + idCondition(m_db, QStringLiteral("id")));
        q.bindValue(QStringLiteral(":ids"), idList(m_db, *changed));
        q.bindValue(QStringLiteral(":name"), name);
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("updating the search index"));
    } else if (Status s = refreshSearchExtra(*changed); !s) {
        return s.error();
    }
    const QJsonObject details { { QStringLiteral("tag"), name }, { QStringLiteral("kind"), kind },
        { QStringLiteral("batch"), changed->size() } };
    if (Status s = audit(*changed, present ? QStringLiteral("bulk_tag") : QStringLiteral("bulk_untag"), json(details));
        !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return changed;
}

Result<QHash<qint64, QVariant>> BulkContactRepository::setField(
    const QList<qint64> &ids, Field field, const QVariant &value)
{
    const bool owner = field == Field::Owner;
    if (!owner && !Contact::kinds().contains(value.toString()))
        return Error::validation(QStringLiteral("kind"), Tr::tr("Unknown kind of contact: %1").arg(value.toString()));
    QHash<qint64, QVariant> previous;
    if (ids.isEmpty())
        return previous;
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status().error();
    const QString column = owner ? QStringLiteral("owner_id") : QStringLiteral("kind");
    if (owner && value.toLongLong() > 0) {
        QSqlQuery u(m_db.connection());
        u.prepare(QStringLiteral("SELECT 1 FROM users WHERE id = :id AND deleted_at IS NULL"));
        u.bindValue(QStringLiteral(":id"), value.toLongLong());
        if (!u.exec())
            return m_db.errorFrom(u, Tr::tr("reading the users"));
        if (!u.next())
            return Error { Tr::tr("That account manager no longer exists."), Error::Code::NotFound,
                QStringLiteral("owner") };
    }
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, ") + column + QStringLiteral(" FROM contacts WHERE ")
        + idCondition(m_db, QStringLiteral("id")) + QStringLiteral(" AND deleted_at IS NULL"));
    q.bindValue(QStringLiteral(":ids"), idList(m_db, ids));
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("reading the selected contacts"));
    QList<qint64> changed;
    while (q.next()) {
        const QVariant old = owner ? QVariant(q.value(1).toLongLong()) : QVariant(q.value(1).toString());
        if (owner ? old.toLongLong() != value.toLongLong() : old.toString() != value.toString()) {
            previous.insert(q.value(0).toLongLong(), old);
            changed.append(q.value(0).toLongLong());
        }
    }
    q.finish();
    if (changed.isEmpty())
        return previous;
    const QVariant stored = owner ? Sql::id(value.toLongLong()) : value;
    if (Status s = touch(changed, column + QStringLiteral(" = :value, "), stored); !s)
        return s.error();
    const QJsonObject details { { QStringLiteral("to"),
                                    QJsonValue::fromVariant(owner ? QVariant(value.toLongLong()) : value) },
        { QStringLiteral("batch"), changed.size() } };
    if (Status s = audit(changed, owner ? QStringLiteral("bulk_owner") : QStringLiteral("bulk_kind"), json(details));
        !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return previous;
}

Status BulkContactRepository::restoreField(Field field, const QHash<qint64, QVariant> &previous)
{
    if (previous.isEmpty())
        return {};
    const bool owner = field == Field::Owner;
    // One UPDATE per distinct previous value: a handful of owners or kinds, however many contacts.
    QMap<QString, QList<qint64>> byValue;
    for (auto it = previous.cbegin(); it != previous.cend(); ++it)
        byValue[it.value().toString()].append(it.key());
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    const QString column = owner ? QStringLiteral("owner_id") : QStringLiteral("kind");
    for (auto it = byValue.cbegin(); it != byValue.cend(); ++it) {
        const QVariant stored = owner ? Sql::id(it.key().toLongLong()) : QVariant(it.key());
        if (Status s = touch(it.value(), column + QStringLiteral(" = :value, "), stored); !s)
            return s;
        const QJsonObject details { { QStringLiteral("to"), QJsonValue::fromVariant(stored) },
            { QStringLiteral("undo"), true } };
        if (Status s
            = audit(it.value(), owner ? QStringLiteral("bulk_owner") : QStringLiteral("bulk_kind"), json(details));
            !s)
            return s;
    }
    return tx.commit();
}

Result<QList<qint64>> BulkContactRepository::moveToTrash(const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return QList<qint64>();
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status().error();
    Result<QList<qint64>> live = selectIds(QStringLiteral("SELECT id FROM contacts WHERE ")
            + idCondition(m_db, QStringLiteral("id")) + QStringLiteral(" AND deleted_at IS NULL ORDER BY id"),
        ids);
    if (!live || live->isEmpty())
        return live;
    if (Status s = touch(*live, QStringLiteral("deleted_at = :value, "), Sql::nowMs()); !s)
        return s.error();
    if (Status s = audit(*live, QStringLiteral("trash"), json({ { QStringLiteral("batch"), live->size() } })); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return live;
}

Status BulkContactRepository::restoreFromTrash(const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return {};
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    if (Status s = touch(ids, QStringLiteral("deleted_at = :value, "), QVariant(QMetaType::fromType<qint64>())); !s)
        return s;
    if (Status s = audit(ids, QStringLiteral("restore"), json({ { QStringLiteral("batch"), ids.size() } })); !s)
        return s;
    return tx.commit();
}

Result<QStringList> BulkContactRepository::tagNames(const QString &kind)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT name FROM tags WHERE kind = :kind ORDER BY name"));
    q.bindValue(QStringLiteral(":kind"), kind);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("reading the tags"));
    QStringList names;
    while (q.next())
        names.append(q.value(0).toString());
    return names;
}

Status BulkContactRepository::refreshSearchExtra(const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return {};
    struct Parts
    {
        Contact contact;
        QString oldExtra;
    };
    QHash<qint64, Parts> byId;
    byId.reserve(ids.size());
    const QString ids1 = idList(m_db, ids);
    auto run = [&](const QString &sql, const std::function<void(QSqlQuery &)> &row) -> Status {
        QSqlQuery q(m_db.connection());
        q.setForwardOnly(true);
        q.prepare(sql);
        q.bindValue(QStringLiteral(":ids"), ids1);
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("updating the search index"));
        while (q.next())
            row(q);
        return {};
    };
    QHash<qint64, QString> outlet;
    Status s = run(QStringLiteral("SELECT c.id, c.city, c.country, o.name, c.search_extra FROM contacts c "
                                  "LEFT JOIN organizations o ON o.id = c.organization_id WHERE ")
            + idCondition(m_db, QStringLiteral("c.id")),
        [&](QSqlQuery &q) {
            Parts &p = byId[q.value(0).toLongLong()];
            p.contact.city = q.value(1).toString();
            p.contact.country = q.value(2).toString();
            outlet.insert(q.value(0).toLongLong(), q.value(3).toString());
            p.oldExtra = q.value(4).toString();
        });
    if (s)
        s = run(QStringLiteral("SELECT contact_id, email FROM contact_emails WHERE ")
                + idCondition(m_db, QStringLiteral("contact_id"))
                + QStringLiteral(" ORDER BY contact_id, position, id"),
            [&](QSqlQuery &q) {
                byId[q.value(0).toLongLong()].contact.emails.append({ {}, q.value(1).toString() });
            });
    if (s)
        s = run(QStringLiteral("SELECT contact_id, handle FROM handles WHERE ")
                + idCondition(m_db, QStringLiteral("contact_id")) + QStringLiteral(" ORDER BY contact_id, id"),
            [&](QSqlQuery &q) {
                byId[q.value(0).toLongLong()].contact.handles.append({ {}, q.value(1).toString(), {} });
            });
    if (s)
        s = run(
            QStringLiteral("SELECT ct.contact_id, t.name, t.kind FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id "
                           "WHERE ")
                + idCondition(m_db, QStringLiteral("ct.contact_id"))
                + QStringLiteral(" ORDER BY ct.contact_id, t.name"),
            [&](QSqlQuery &q) {
                Contact &c = byId[q.value(0).toLongLong()].contact;
                (q.value(2).toString() == u"beat" ? c.beats : c.tags).append(q.value(1).toString());
            });
    if (!s)
        return s;

    QSqlQuery update(m_db.connection());
    update.prepare(QStringLiteral("UPDATE contacts SET search_extra = :extra WHERE id = :id"));
    for (auto it = byId.cbegin(); it != byId.cend(); ++it) {
        const QString extra = ContactRepository::searchExtra(it->contact, outlet.value(it.key()));
        if (extra == it->oldExtra)
            continue; // spares the full-text index a delete and insert
        update.bindValue(QStringLiteral(":extra"), extra.isNull() ? QStringLiteral("") : extra);
        update.bindValue(QStringLiteral(":id"), it.key());
        if (!update.exec())
            return m_db.errorFrom(update, Tr::tr("updating the search index"));
    }
    return {};
}
