#include "contactrepository.h"

#include "domain/text.h"
#include "domain/validation.h"
#include "storage/auditlog.h"
#include "storage/database.h"
#include "storage/softdelete.h"
#include "storage/sqlhelpers.h"
#include "storage/versionedwrite.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlQuery>

#include <functional>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ContactRepository)
};

const QString kColumns = QStringLiteral(
    "first_name, last_name, display_name, title, organization_id, organization_role, kind, city, country, "
    "time_zone, reach, preferred_channel, pronouns, notes, do_not_contact, do_not_contact_reason, consent_basis, "
    "consent_at, consent_source, owner_id");

void bindContact(QSqlQuery &q, const Contact &c)
{
    q.bindValue(QStringLiteral(":first_name"), Sql::text(c.firstName));
    q.bindValue(QStringLiteral(":last_name"), Sql::text(c.lastName));
    q.bindValue(QStringLiteral(":display_name"), c.displayName);
    q.bindValue(QStringLiteral(":title"), Sql::text(c.title));
    q.bindValue(QStringLiteral(":organization_id"), Sql::id(c.organizationId));
    q.bindValue(QStringLiteral(":organization_role"), Sql::text(c.organizationRole));
    q.bindValue(QStringLiteral(":kind"), c.kind);
    q.bindValue(QStringLiteral(":city"), Sql::text(c.city));
    q.bindValue(QStringLiteral(":country"), Sql::text(c.country));
    q.bindValue(QStringLiteral(":time_zone"), Sql::text(c.timeZone));
    q.bindValue(QStringLiteral(":reach"), c.reach > 0 ? QVariant(c.reach) : QVariant(QMetaType::fromType<qint64>()));
    q.bindValue(QStringLiteral(":preferred_channel"), Sql::text(c.preferredChannel));
    q.bindValue(QStringLiteral(":pronouns"), Sql::text(c.pronouns));
    q.bindValue(QStringLiteral(":notes"), Sql::text(c.notes));
    q.bindValue(QStringLiteral(":do_not_contact"), c.doNotContact ? 1 : 0);
    q.bindValue(QStringLiteral(":do_not_contact_reason"), Sql::text(c.doNotContactReason));
    q.bindValue(QStringLiteral(":consent_basis"), Sql::text(c.consentBasis));
    q.bindValue(QStringLiteral(":consent_at"), Sql::time(c.consentAt));
    q.bindValue(QStringLiteral(":consent_source"), Sql::text(c.consentSource));
    q.bindValue(QStringLiteral(":owner_id"), Sql::id(c.ownerId));
}

// What create and update share; `c` is validated (and normalized) before.
VersionedWrite::Write write(const Contact &c, const QString &doing)
{
    VersionedWrite::Write w;
    w.doing = doing;
    w.table = QStringLiteral("contacts");
    w.columns = kColumns;
    w.bind = [&c](QSqlQuery &q) { bindContact(q, c); };
    w.auditEntity = QStringLiteral("contact");
    w.auditDetails = c.displayName;
    return w;
}

} // namespace

QString ContactRepository::searchExtra(const Contact &c, const QString &organizationName)
{
    QStringList parts;
    for (const ContactEmail &e : c.emails)
        parts << e.email;
    for (const Handle &h : c.handles)
        parts << h.handle;
    parts << organizationName << c.beats << c.tags << c.city << c.country;
    parts.removeAll(QString());
    return parts.join(u' ');
}

Status ContactRepository::create(Contact &c)
{
    if (Status s = Validation::validateContact(c); !s)
        return s;
    VersionedWrite::Write w = write(c, Tr::tr("adding the contact"));
    w.after = [this, &c]() -> Status {
        if (Status s = writeChildren(c); !s)
            return s;
        return refreshSearchExtra(c.id);
    };
    return VersionedWrite::create(m_db, c, w);
}

Status ContactRepository::update(Contact &c)
{
    if (c.id <= 0)
        return Error { Tr::tr("This contact has not been saved yet."), Error::Code::NotFound };
    if (Status s = Validation::validateContact(c); !s)
        return s;
    VersionedWrite::Write w = write(c, Tr::tr("saving the contact"));
    w.conflict = Tr::tr("“%1” was changed or deleted by someone else since you opened it. Reload it to see their "
                        "changes; yours were not saved.")
                     .arg(c.displayName);
    w.after = [this, &c]() -> Status {
        if (Status s = updateChildren(c); !s)
            return s;
        return refreshSearchExtra(c.id);
    };
    return VersionedWrite::update(m_db, c, w);
}

Status ContactRepository::writeChildren(const Contact &c)
{
    QSqlQuery q(m_db.connection());
    int position = 0;
    q.prepare(QStringLiteral("INSERT INTO contact_emails (contact_id, label, email, normalized, position) "
                             "VALUES (:contact, :label, :email, :normalized, :position)"));
    for (const ContactEmail &e : c.emails) {
        q.bindValue(QStringLiteral(":contact"), c.id);
        q.bindValue(QStringLiteral(":label"), e.label.isEmpty() ? QStringLiteral("work") : e.label);
        q.bindValue(QStringLiteral(":email"), e.email);
        q.bindValue(QStringLiteral(":normalized"), Validation::normalizeEmail(e.email));
        q.bindValue(QStringLiteral(":position"), position++);
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("saving the contact's email addresses"));
    }
    position = 0;
    q.prepare(QStringLiteral("INSERT INTO contact_phones (contact_id, label, phone, position) "
                             "VALUES (:contact, :label, :phone, :position)"));
    for (const ContactPhone &p : c.phones) {
        q.bindValue(QStringLiteral(":contact"), c.id);
        q.bindValue(QStringLiteral(":label"), p.label.isEmpty() ? QStringLiteral("work") : p.label);
        q.bindValue(QStringLiteral(":phone"), p.phone.trimmed());
        q.bindValue(QStringLiteral(":position"), position++);
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("saving the contact's phone numbers"));
    }
    q.prepare(QStringLiteral("INSERT INTO handles (contact_id, network, handle, normalized) "
                             "VALUES (:contact, :network, :handle, :normalized)"));
    for (const Handle &h : c.handles) {
        q.bindValue(QStringLiteral(":contact"), c.id);
        q.bindValue(QStringLiteral(":network"), h.network);
        q.bindValue(QStringLiteral(":handle"), h.handle);
        q.bindValue(QStringLiteral(":normalized"), h.normalized);
        if (!q.exec()) {
            Error e = m_db.errorFrom(q, Tr::tr("saving the contact's handles"));
            if (e.code == Error::Code::Conflict)
                e = Error { Tr::tr("The handle %1 already belongs to another contact.").arg(h.handle),
                    Error::Code::Conflict, QStringLiteral("handles") };
            return e;
        }
    }
    auto writeTags = [&](const QStringList &names, const QString &kind) -> Status {
        for (const QString &name : names) {
            const QString trimmed = name.trimmed();
            if (trimmed.isEmpty())
                continue;
            Result<qint64> tag = tagId(trimmed, kind);
            if (!tag)
                return tag.error();
            QSqlQuery t(m_db.connection());
            t.prepare(QStringLiteral("INSERT INTO contact_tags (contact_id, tag_id) VALUES (:contact, :tag) "
                                     "ON CONFLICT DO NOTHING"));
            t.bindValue(QStringLiteral(":contact"), c.id);
            t.bindValue(QStringLiteral(":tag"), *tag);
            if (!t.exec())
                return m_db.errorFrom(t, Tr::tr("saving the contact's tags"));
        }
        return {};
    };
    if (Status s = writeTags(c.beats, QStringLiteral("beat")); !s)
        return s;
    return writeTags(c.tags, QStringLiteral("tag"));
}

Result<qint64> ContactRepository::tagId(const QString &name, const QString &kind)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO tags (name, kind) VALUES (:name, :kind) ON CONFLICT DO NOTHING"));
    q.bindValue(QStringLiteral(":name"), name);
    q.bindValue(QStringLiteral(":kind"), kind);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("saving a tag"));
    q.prepare(QStringLiteral("SELECT id FROM tags WHERE name = :name AND kind = :kind"));
    q.bindValue(QStringLiteral(":name"), name);
    q.bindValue(QStringLiteral(":kind"), kind);
    if (!q.exec() || !q.next())
        return m_db.errorFrom(q, Tr::tr("saving a tag"));
    return q.value(0).toLongLong();
}

Status ContactRepository::refreshSearchExtra(qint64 contactId)
{
    Result<Contact> c = get(contactId);
    if (!c)
        return c.error();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE contacts SET search_extra = :extra, sort_name = :sort WHERE id = :id"));
    q.bindValue(QStringLiteral(":sort"), Text::sortKey(c->displayName));
    const QString extra = searchExtra(*c, c->organizationName);
    q.bindValue(QStringLiteral(":extra"), extra.isNull() ? QStringLiteral("") : extra); // NOT NULL column
    q.bindValue(QStringLiteral(":id"), contactId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("updating the search index"));
    return {};
}

namespace {

// The columns get() and getMany() read after kColumns, and the contact they make.
const QString kReadColumns = QStringLiteral(
    ", last_contacted_at, created_at, contacts.updated_at, contacts.version, contacts.deleted_at, "
    "(SELECT name FROM organizations o WHERE o.id = contacts.organization_id)");

Contact contactFrom(const QSqlQuery &q, qint64 id, int i = 0)
{
    Contact c;
    c.id = id;
    c.firstName = q.value(i++).toString();
    c.lastName = q.value(i++).toString();
    c.displayName = q.value(i++).toString();
    c.title = q.value(i++).toString();
    c.organizationId = q.value(i++).toLongLong();
    c.organizationRole = q.value(i++).toString();
    c.kind = q.value(i++).toString();
    c.city = q.value(i++).toString();
    c.country = q.value(i++).toString();
    c.timeZone = q.value(i++).toString();
    c.reach = q.value(i++).toLongLong();
    c.preferredChannel = q.value(i++).toString();
    c.pronouns = q.value(i++).toString();
    c.notes = q.value(i++).toString();
    c.doNotContact = q.value(i++).toInt() != 0;
    c.doNotContactReason = q.value(i++).toString();
    c.consentBasis = q.value(i++).toString();
    c.consentAt = Sql::time(q.value(i++));
    c.consentSource = q.value(i++).toString();
    c.ownerId = q.value(i++).toLongLong();
    c.lastContactedAt = Sql::time(q.value(i++));
    c.createdAt = Sql::time(q.value(i++));
    c.updatedAt = Sql::time(q.value(i++));
    c.version = q.value(i++).toInt();
    c.inTrash = !q.value(i++).isNull();
    c.organizationName = q.value(i++).toString();
    return c;
}

} // namespace

Result<Contact> ContactRepository::get(qint64 id)
{
    Result<QList<Contact>> list = getMany({ id });
    if (!list)
        return list.error();
    if (list->isEmpty())
        return Error { Tr::tr("The contact no longer exists."), Error::Code::NotFound };
    return list->takeFirst();
}

Result<QList<Contact>> ContactRepository::getMany(const QList<qint64> &ids)
{
    QList<Contact> result;
    if (ids.isEmpty())
        return result;
    const bool pg = m_db.isPostgres();
    const QString ids_ = Sql::idArray(pg, ids);
    const QString doing = Tr::tr("loading the contact");
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, ") + kColumns + kReadColumns + QStringLiteral(" FROM contacts WHERE ")
        + Sql::inIdArray(pg, QStringLiteral("id")));
    q.bindValue(QStringLiteral(":ids"), ids_);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    QHash<qint64, Contact> byId;
    byId.reserve(ids.size());
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        byId.insert(id, contactFrom(q, id, 1));
    }
    auto children = [&](const QString &sql, const std::function<void(Contact &, const QSqlQuery &)> &add) -> Status {
        q.prepare(sql.arg(Sql::inIdArray(pg, QStringLiteral("contact_id"))));
        q.bindValue(QStringLiteral(":ids"), ids_);
        if (!q.exec())
            return m_db.errorFrom(q, doing);
        while (q.next())
            if (auto it = byId.find(q.value(0).toLongLong()); it != byId.end())
                add(*it, q);
        return {};
    };
    if (Status s = children(QStringLiteral("SELECT contact_id, label, email FROM contact_emails WHERE %1 "
                                           "ORDER BY contact_id, position, id"),
            [](Contact &c, const QSqlQuery &r) { c.emails.append({ r.value(1).toString(), r.value(2).toString() }); });
        !s)
        return s.error();
    if (Status s = children(QStringLiteral("SELECT contact_id, label, phone FROM contact_phones WHERE %1 "
                                           "ORDER BY contact_id, position, id"),
            [](Contact &c, const QSqlQuery &r) { c.phones.append({ r.value(1).toString(), r.value(2).toString() }); });
        !s)
        return s.error();
    if (Status s = children(QStringLiteral("SELECT contact_id, network, handle, normalized FROM handles WHERE %1 "
                                           "ORDER BY contact_id, id"),
            [](Contact &c, const QSqlQuery &r) {
                c.handles.append({ r.value(1).toString(), r.value(2).toString(), r.value(3).toString() });
            });
        !s)
        return s.error();
    if (Status s = children(QStringLiteral("SELECT ct.contact_id, t.name, t.kind FROM contact_tags ct "
                                           "JOIN tags t ON t.id = ct.tag_id WHERE ct.%1 ORDER BY ct.contact_id, t.name"),
            [](Contact &c, const QSqlQuery &r) {
                (r.value(2).toString() == u"beat" ? c.beats : c.tags).append(r.value(1).toString());
            });
        !s)
        return s.error();
    result.reserve(byId.size());
    for (qint64 id : ids)
        if (auto it = byId.find(id); it != byId.end())
            result.append(std::move(*it));
    return result;
}

Status ContactRepository::setTrash(qint64 id, bool trash)
{
    return SoftDelete::setTrashed(m_db,
        { QStringLiteral("contacts"), QStringLiteral("contact"), Tr::tr("moving the contact to the trash"),
            Tr::tr("restoring the contact"), Tr::tr("The contact no longer exists.") },
        id, trash);
}

Status ContactRepository::moveToTrash(qint64 id)
{
    return setTrash(id, true);
}

Status ContactRepository::restore(qint64 id)
{
    return setTrash(id, false);
}

Result<qint64> ContactRepository::count(bool includeTrash)
{
    return SoftDelete::count(m_db, QStringLiteral("contacts"), includeTrash, Tr::tr("counting contacts"));
}

Result<QList<qint64>> ContactRepository::findSharingIdentity(const Contact &c)
{
    QList<qint64> ids;
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("SELECT DISTINCT contact_id FROM contact_emails WHERE normalized = :n AND contact_id <> :id"));
    for (const ContactEmail &e : c.emails) {
        q.bindValue(QStringLiteral(":n"), Validation::normalizeEmail(e.email));
        q.bindValue(QStringLiteral(":id"), c.id);
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("looking for duplicates"));
        while (q.next())
            if (!ids.contains(q.value(0).toLongLong()))
                ids.append(q.value(0).toLongLong());
    }
    q.prepare(QStringLiteral("SELECT contact_id FROM handles WHERE network = :network AND normalized = :n "
                             "AND contact_id <> :id"));
    for (const Handle &h : c.handles) {
        Result<QString> n = Validation::normalizeHandle(h.network, h.handle);
        if (!n)
            continue;
        q.bindValue(QStringLiteral(":network"), h.network);
        q.bindValue(QStringLiteral(":n"), *n);
        q.bindValue(QStringLiteral(":id"), c.id);
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("looking for duplicates"));
        while (q.next())
            if (!ids.contains(q.value(0).toLongLong()))
                ids.append(q.value(0).toLongLong());
    }
    return ids;
}

Result<QStringList> ContactRepository::tagNames(const QString &kind)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT name FROM tags WHERE kind = :kind ORDER BY name"));
    q.bindValue(QStringLiteral(":kind"), kind);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading tags"));
    QStringList names;
    while (q.next())
        names << q.value(0).toString();
    return names;
}

Result<QList<ContactRepository::TrashedContact>> ContactRepository::trashed(int limit)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id, display_name, deleted_at FROM contacts WHERE deleted_at IS NOT NULL "
                             "ORDER BY deleted_at DESC, id DESC LIMIT :limit"));
    q.bindValue(QStringLiteral(":limit"), limit);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the trash"));
    QList<TrashedContact> rows;
    while (q.next())
        rows.append({ q.value(0).toLongLong(), q.value(1).toString(), Sql::time(q.value(2)) });
    return rows;
}
