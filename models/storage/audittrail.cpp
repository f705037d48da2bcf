#include "audittrail.h"

#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(AuditTrail)
};

// SQLite has no transaction id: a claim takes the unclaimed changes of the last minute of its row (SQLite
// has one writer at a time, so they are this transaction's, or left by a write that had no audit entry).
constexpr qint64 kSqliteClaimWindowMs = 60'000;

QString sqliteTrigger(const AuditTrail::Tracked &t)
{
    QStringList selects;
    for (const QString &f : t.fields)
        selects << QStringLiteral("SELECT '%1' AS f, CAST(old.%1 AS TEXT) AS o, CAST(new.%1 AS TEXT) AS n").arg(f);
    return QStringLiteral("CREATE TRIGGER %1_audit_changes AFTER UPDATE OF %2 ON %1 BEGIN\n"
                          "INSERT INTO audit_changes (at, user_id, entity, entity_id, field, old_value, new_value)\n"
                          "SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),\n"
                          "    CASE WHEN new.updated_at IS NOT old.updated_at THEN new.updated_by END, '%3', new.id,\n"
                          "    f, o, n FROM (%4) WHERE o IS NOT n;\n"
                          "END")
        .arg(t.table, t.fields.join(QStringLiteral(", ")), t.entity, selects.join(QStringLiteral(" UNION ALL ")));
}

// PostgreSQL knows who writes (each person signs in as their own login role): a write that does not say who
// (a script with psql, another program) is recorded under the signed-in person, rapport_user_id() of v11.sql.
QStringList postgresTrigger(const AuditTrail::Tracked &t)
{
    QStringList values;
    for (const QString &f : t.fields)
        values << QStringLiteral("('%1', OLD.%1::text, NEW.%1::text)").arg(f);
    const QString function = QStringLiteral("rapport_%1_audit_changes").arg(t.table);
    return {
        QStringLiteral("CREATE OR REPLACE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                       "BEGIN\n"
                       "INSERT INTO audit_changes (at, user_id, entity, entity_id, field, old_value, new_value)\n"
                       "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint,\n"
                       "    coalesce(CASE WHEN NEW.updated_at IS DISTINCT FROM OLD.updated_at THEN NEW.updated_by END,\n"
                       "        rapport_user_id()),\n"
                       "    '%2', NEW.id, v.f, v.o, v.n\n"
                       "FROM (VALUES %3) AS v(f, o, n) WHERE v.o IS DISTINCT FROM v.n;\n"
                       "RETURN NULL;\n"
                       "END\n"
                       "$$")
            .arg(function, t.entity, values.join(QStringLiteral(", "))),
        QStringLiteral("CREATE TRIGGER %1_audit_changes AFTER UPDATE OF %2 ON %1 FOR EACH ROW EXECUTE FUNCTION %3()")
            .arg(t.table, t.fields.join(QStringLiteral(", ")), function),
    };
}

// The claim's condition on a change row besides its entity: only this transaction's changes.
QString ownChanges(const Database &db)
{
    return db.isPostgres() ? QStringLiteral("tx = txid_current()") : QStringLiteral("at >= :since");
}

} // namespace

const QList<AuditTrail::Tracked> &AuditTrail::tracked()
{
    static const QList<Tracked> list = {
        { QStringLiteral("contact"), QStringLiteral("contacts"),
            { QStringLiteral("display_name"), QStringLiteral("first_name"), QStringLiteral("last_name"),
                QStringLiteral("title"), QStringLiteral("organization_id"), QStringLiteral("organization_role"),
                QStringLiteral("kind"), QStringLiteral("city"), QStringLiteral("country"), QStringLiteral("time_zone"),
                QStringLiteral("reach"), QStringLiteral("preferred_channel"), QStringLiteral("pronouns"),
                QStringLiteral("notes"), QStringLiteral("do_not_contact"), QStringLiteral("do_not_contact_reason"),
                QStringLiteral("consent_basis"), QStringLiteral("consent_at"), QStringLiteral("consent_source"),
                QStringLiteral("owner_id"), QStringLiteral("deleted_at") } },
        { QStringLiteral("organization"), QStringLiteral("organizations"),
            { QStringLiteral("name"), QStringLiteral("kind"), QStringLiteral("website"), QStringLiteral("reach"),
                QStringLiteral("city"), QStringLiteral("country"), QStringLiteral("notes"),
                QStringLiteral("deleted_at") } },
        { QStringLiteral("campaign"), QStringLiteral("campaigns"),
            { QStringLiteral("name"), QStringLiteral("client_id"), QStringLiteral("description"),
                QStringLiteral("status"), QStringLiteral("starts_at"), QStringLiteral("ends_at"),
                QStringLiteral("owner_id"), QStringLiteral("goals"), QStringLiteral("key_messages"),
                QStringLiteral("topics"), QStringLiteral("deleted_at") } },
        { QStringLiteral("interaction"), QStringLiteral("interactions"),
            { QStringLiteral("contact_id"), QStringLiteral("campaign_id"), QStringLiteral("channel"),
                QStringLiteral("direction"), QStringLiteral("occurred_at"), QStringLiteral("subject"),
                QStringLiteral("body"), QStringLiteral("sentiment"), QStringLiteral("outcome"), QStringLiteral("url"),
                QStringLiteral("deleted_at") } },
    };
    return list;
}

const AuditTrail::Tracked *AuditTrail::trackedEntity(const QString &entity)
{
    for (const Tracked &t : tracked())
        if (t.entity == entity)
            return &t;
    return nullptr;
}

Status AuditTrail::installTriggers(Database &db)
{
    for (const Tracked &t : tracked()) {
        const QStringList statements = db.isPostgres() ? postgresTrigger(t) : QStringList { sqliteTrigger(t) };
        for (const QString &sql : statements)
            if (Status s = db.exec(sql, Tr::tr("updating the database schema")); !s)
                return s;
    }
    return {};
}

Status AuditTrail::claim(Database &db, qint64 auditId, const QString &entity, qint64 entityId)
{
    if (!trackedEntity(entity) || entityId <= 0)
        return {};
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("UPDATE audit_changes SET audit_id = :audit WHERE audit_id IS NULL AND entity = :entity "
                             "AND entity_id = :id AND ")
        + ownChanges(db));
    q.bindValue(QStringLiteral(":audit"), auditId);
    q.bindValue(QStringLiteral(":entity"), entity);
    q.bindValue(QStringLiteral(":id"), entityId);
    if (!db.isPostgres())
        q.bindValue(QStringLiteral(":since"), Sql::nowMs() - kSqliteClaimWindowMs);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("writing the audit log"));
    return {};
}

Status AuditTrail::claimMany(Database &db, const QString &entity, const QList<qint64> &entityIds)
{
    if (!trackedEntity(entity) || entityIds.isEmpty())
        return {};
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("UPDATE audit_changes SET audit_id = (SELECT max(a.id) FROM audit_log a "
                             "WHERE a.entity = audit_changes.entity AND a.entity_id = audit_changes.entity_id) "
                             "WHERE audit_id IS NULL AND entity = :entity AND ")
        + Sql::inIdArray(db.isPostgres(), QStringLiteral("entity_id")) + QStringLiteral(" AND ") + ownChanges(db));
    q.bindValue(QStringLiteral(":entity"), entity);
    q.bindValue(QStringLiteral(":ids"), Sql::idArray(db.isPostgres(), entityIds));
    if (!db.isPostgres())
        q.bindValue(QStringLiteral(":since"), Sql::nowMs() - kSqliteClaimWindowMs);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("writing the audit log"));
    return {};
}
