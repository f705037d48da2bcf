#include "organizationrepository.h"

#include "domain/validation.h"
#include "storage/auditlog.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/softdelete.h"
#include "storage/sqlhelpers.h"
#include "storage/versionedwrite.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(OrganizationRepository)
};

void bind(QSqlQuery &q, const Organization &o)
{
    q.bindValue(QStringLiteral(":name"), o.name);
    q.bindValue(QStringLiteral(":kind"), o.kind);
    q.bindValue(QStringLiteral(":website"), Sql::text(o.website));
    q.bindValue(QStringLiteral(":reach"), o.reach > 0 ? QVariant(o.reach) : QVariant(QMetaType::fromType<qint64>()));
    q.bindValue(QStringLiteral(":city"), Sql::text(o.city));
    q.bindValue(QStringLiteral(":country"), Sql::text(o.country));
    q.bindValue(QStringLiteral(":notes"), Sql::text(o.notes));
}

// What create and update share; `o` is validated (and normalized) before.
VersionedWrite::Write write(const Organization &o, const QString &doing)
{
    VersionedWrite::Write w;
    w.doing = doing;
    w.table = QStringLiteral("organizations");
    w.columns = QStringLiteral("name, kind, website, reach, city, country, notes");
    w.bind = [&o](QSqlQuery &q) { bind(q, o); };
    w.auditEntity = QStringLiteral("organization");
    w.auditDetails = o.name;
    return w;
}

} // namespace

Status OrganizationRepository::create(Organization &o)
{
    if (Status s = Validation::validateOrganization(o); !s)
        return s;
    return VersionedWrite::create(m_db, o, write(o, Tr::tr("adding the organization")));
}

Status OrganizationRepository::update(Organization &o)
{
    if (o.id <= 0)
        return Error { Tr::tr("This organization has not been saved yet."), Error::Code::NotFound };
    if (Status s = Validation::validateOrganization(o); !s)
        return s;
    VersionedWrite::Write w = write(o, Tr::tr("saving the organization"));
    w.conflict = Tr::tr("“%1” was changed or deleted by someone else since you opened it. Reload it to see "
                        "their changes; yours were not saved.")
                     .arg(o.name);
    w.after = [this, &o] { return refreshPeopleSearchText(o.id); };
    return VersionedWrite::update(m_db, o, w);
}

Status OrganizationRepository::refreshPeopleSearchText(qint64 organizationId)
{
    // The outlet's name is part of each person's search text: keep it true after a rename.
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id FROM contacts WHERE organization_id = :id"));
    q.bindValue(QStringLiteral(":id"), organizationId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("updating the search index"));
    QList<qint64> ids;
    while (q.next())
        ids << q.value(0).toLongLong();
    q.finish();
    ContactRepository contacts(m_db);
    for (qint64 id : std::as_const(ids)) {
        Result<Contact> c = contacts.get(id);
        if (!c)
            return c.error();
        QSqlQuery u(m_db.connection());
        u.prepare(QStringLiteral("UPDATE contacts SET search_extra = :extra WHERE id = :id"));
        const QString extra = ContactRepository::searchExtra(*c, c->organizationName);
        u.bindValue(QStringLiteral(":extra"), extra.isNull() ? QStringLiteral("") : extra);
        u.bindValue(QStringLiteral(":id"), id);
        if (!u.exec())
            return m_db.errorFrom(u, Tr::tr("updating the search index"));
    }
    return {};
}

Result<Organization> OrganizationRepository::get(qint64 id)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT name, kind, website, reach, city, country, notes, created_at, updated_at, version "
                             "FROM organizations WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the organization"));
    if (!q.next())
        return Error { Tr::tr("The organization no longer exists."), Error::Code::NotFound };
    Organization o;
    o.id = id;
    o.name = q.value(0).toString();
    o.kind = q.value(1).toString();
    o.website = q.value(2).toString();
    o.reach = q.value(3).toLongLong();
    o.city = q.value(4).toString();
    o.country = q.value(5).toString();
    o.notes = q.value(6).toString();
    o.createdAt = Sql::time(q.value(7));
    o.updatedAt = Sql::time(q.value(8));
    o.version = q.value(9).toInt();
    return o;
}

Status OrganizationRepository::setTrash(qint64 id, bool trash)
{
    return SoftDelete::setTrashed(m_db,
        { QStringLiteral("organizations"), QStringLiteral("organization"),
            Tr::tr("moving the organization to the trash"), Tr::tr("restoring the organization"),
            Tr::tr("The organization no longer exists.") },
        id, trash);
}

Status OrganizationRepository::moveToTrash(qint64 id)
{
    return setTrash(id, true);
}

Status OrganizationRepository::restore(qint64 id)
{
    return setTrash(id, false);
}

Result<qint64> OrganizationRepository::count(bool includeTrash)
{
    return SoftDelete::count(m_db, QStringLiteral("organizations"), includeTrash, Tr::tr("counting organizations"));
}

Result<QList<OrganizationRepository::NameHit>> OrganizationRepository::findByName(const QString &prefix, int limit)
{
    QList<NameHit> hits;
    const QString p = prefix.trimmed().toLower();
    if (p.isEmpty())
        return hits;
    QSqlQuery q(m_db.connection());
    // Names starting with the prefix first, then names with a later word starting with it.
    q.prepare(QStringLiteral("SELECT id, name, kind FROM organizations WHERE deleted_at IS NULL AND "
                             "(lower(name) LIKE :start ESCAPE '\\' OR lower(name) LIKE :word ESCAPE '\\') "
                             "ORDER BY CASE WHEN lower(name) LIKE :startAgain ESCAPE '\\' THEN 0 ELSE 1 END, name, id "
                             "LIMIT :limit"));
    QString escaped = p;
    escaped.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'%', QStringLiteral("\\%"))
        .replace(u'_', QStringLiteral("\\_"));
    // Each placeholder once: the PostgreSQL driver does not bind a name used twice.
    q.bindValue(QStringLiteral(":start"), QString(escaped + u'%'));
    q.bindValue(QStringLiteral(":startAgain"), QString(escaped + u'%'));
    q.bindValue(QStringLiteral(":word"), QString(QStringLiteral("% ") + escaped + u'%'));
    q.bindValue(QStringLiteral(":limit"), limit);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("looking up organizations"));
    while (q.next())
        hits.append({ q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString() });
    return hits;
}

Result<qint64> OrganizationRepository::idByName(const QString &name)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id FROM organizations WHERE deleted_at IS NULL AND lower(name) = lower(:name) "
                             "ORDER BY id LIMIT 1"));
    q.bindValue(QStringLiteral(":name"), name.trimmed());
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("looking up organizations"));
    return q.next() ? q.value(0).toLongLong() : qint64(0);
}

Result<QList<OrganizationRepository::Person>> OrganizationRepository::people(qint64 organizationId)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, display_name, title, organization_role FROM contacts "
                             "WHERE organization_id = :id AND deleted_at IS NULL ORDER BY sort_name, id"));
    q.bindValue(QStringLiteral(":id"), organizationId);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("loading the people of the organization"));
    QList<Person> people;
    while (q.next())
        people.append({ q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString() });
    return people;
}

Result<qint64> OrganizationRepository::peopleCount(qint64 organizationId)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM contacts WHERE organization_id = :id AND deleted_at IS NULL"));
    q.bindValue(QStringLiteral(":id"), organizationId);
    if (!q.exec() || !q.next())
        return m_db.errorFrom(q, Tr::tr("counting the people of the organization"));
    return q.value(0).toLongLong();
}
