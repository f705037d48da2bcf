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

// A child trail's SQL for one row: "%1" in `sql` stands for the row (a constant field has none).
QString forRow(const QString &sql, const QString &row)
{
    return sql.contains(u"%1") ? sql.arg(row) : sql;
}

// The child rows' triggers (schema version 21). SQLite: one row trigger per table and operation; the WHEN of
// the insert and delete triggers is one lookup of the contact by its key, which a new contact (version 1)
// fails, so an import or a new contact's save pays no more than that. (A large import's DeferredIndexes drops
// and recreates these triggers with the tables' others.)
const QString kSqliteNow = QStringLiteral("CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)");

QString sqliteChildInsert(const AuditTrail::ChildTrail &t, const QString &row, bool added, const QString &extraWhere)
{
    const QString contact = row + QStringLiteral(".contact_id");
    return QStringLiteral("INSERT INTO audit_changes (at, user_id, entity, entity_id, field, old_value, new_value)\n"
                          "SELECT %1, (SELECT updated_by FROM contacts WHERE id = %2), 'contact', %2, x.f, %3, %4\n"
                          "FROM (SELECT %5 AS f, %6 AS v) x WHERE x.v IS NOT NULL%7;\n")
        .arg(kSqliteNow, contact, added ? QStringLiteral("NULL") : QStringLiteral("x.v"),
            added ? QStringLiteral("x.v") : QStringLiteral("NULL"), forRow(t.field, row), forRow(t.value, row), extraWhere);
}

QStringList sqliteChildTriggers(const AuditTrail::ChildTrail &t)
{
    auto versioned = [](const QString &row) {
        return QStringLiteral("(SELECT version FROM contacts WHERE id = %1.contact_id) > 1").arg(row);
    };
    QStringList changed;
    changed << QStringLiteral("old.contact_id IS NOT new.contact_id")
            << QStringLiteral("%1 IS NOT %2").arg(forRow(t.field, QStringLiteral("old")), forRow(t.field, QStringLiteral("new")))
            << QStringLiteral("%1 IS NOT %2").arg(forRow(t.value, QStringLiteral("old")), forRow(t.value, QStringLiteral("new")));
    return {
        QStringLiteral("CREATE TRIGGER %1_audit_insert AFTER INSERT ON %1 WHEN %2 BEGIN\n%3END")
            .arg(t.table, versioned(QStringLiteral("new")), sqliteChildInsert(t, QStringLiteral("new"), true, {})),
        QStringLiteral("CREATE TRIGGER %1_audit_delete AFTER DELETE ON %1 WHEN %2 BEGIN\n%3END")
            .arg(t.table, versioned(QStringLiteral("old")), sqliteChildInsert(t, QStringLiteral("old"), false, {})),
        QStringLiteral("CREATE TRIGGER %1_audit_update AFTER UPDATE OF %2 ON %1 WHEN %3 BEGIN\n%4%5END")
            .arg(t.table, t.watched.join(QStringLiteral(", ")), changed.join(QStringLiteral(" OR ")),
                sqliteChildInsert(
                    t, QStringLiteral("old"), false, QStringLiteral(" AND ") + versioned(QStringLiteral("old"))),
                sqliteChildInsert(
                    t, QStringLiteral("new"), true, QStringLiteral(" AND ") + versioned(QStringLiteral("new")))),
    };
}

// PostgreSQL: statement triggers with transition tables (as v12's notifications), so a bulk statement (an
// import, tagging 5,000 contacts) is one join instead of a function call per row. An update records what
// left a contact and what came to one: rows of one side that the other side lacks.
QString postgresChildSelect(const AuditTrail::ChildTrail &t, bool added, bool againstOther)
{
    const QString from = added ? QStringLiteral("new_rows") : QStringLiteral("old_rows");
    const QString other = added ? QStringLiteral("old_rows") : QStringLiteral("new_rows");
    QString sql = QStringLiteral("INSERT INTO audit_changes (at, user_id, entity, entity_id, field, old_value, new_value)\n"
                                 "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint,\n"
                                 "    coalesce(p.updated_by, rapport_user_id()), 'contact', p.id, x.f, %1, %2\n"
                                 "FROM (SELECT r.contact_id AS id, %3 AS f, %4 AS v FROM %5 r) x\n"
                                 "JOIN contacts p ON p.id = x.id WHERE p.version > 1 AND x.v IS NOT NULL")
                      .arg(added ? QStringLiteral("NULL") : QStringLiteral("x.v"),
                          added ? QStringLiteral("x.v") : QStringLiteral("NULL"), forRow(t.field, QStringLiteral("r")),
                          forRow(t.value, QStringLiteral("r")), from);
    if (againstOther)
        sql += QStringLiteral("\n    AND NOT EXISTS (SELECT 1 FROM %1 s WHERE s.contact_id = x.id AND %2 = x.f AND %3 = x.v)")
                   .arg(other, forRow(t.field, QStringLiteral("s")), forRow(t.value, QStringLiteral("s")));
    return sql + QStringLiteral(";\n");
}

QStringList postgresChildTriggers(const AuditTrail::ChildTrail &t)
{
    const QString function = QStringLiteral("rapport_%1_audit_children").arg(t.table);
    return {
        QStringLiteral("CREATE OR REPLACE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                       "BEGIN\n"
                       "IF TG_OP = 'INSERT' THEN\n%2"
                       "ELSIF TG_OP = 'DELETE' THEN\n%3"
                       "ELSE\n%4%5"
                       "END IF;\n"
                       "RETURN NULL;\n"
                       "END\n"
                       "$$")
            .arg(function, postgresChildSelect(t, true, false), postgresChildSelect(t, false, false),
                postgresChildSelect(t, false, true), postgresChildSelect(t, true, true)),
        QStringLiteral("CREATE TRIGGER %1_audit_insert AFTER INSERT ON %1 REFERENCING NEW TABLE AS new_rows "
                       "FOR EACH STATEMENT EXECUTE FUNCTION %2()")
            .arg(t.table, function),
        QStringLiteral("CREATE TRIGGER %1_audit_update AFTER UPDATE ON %1 REFERENCING OLD TABLE AS old_rows "
                       "NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %2()")
            .arg(t.table, function),
        QStringLiteral("CREATE TRIGGER %1_audit_delete AFTER DELETE ON %1 REFERENCING OLD TABLE AS old_rows "
                       "FOR EACH STATEMENT EXECUTE FUNCTION %2()")
            .arg(t.table, function),
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

const QList<AuditTrail::ChildTrail> &AuditTrail::childTrails()
{
    // A tag's name and kind are read through its id: the kind names the field ("beat" or "tag").
    static const QList<ChildTrail> list = {
        { QStringLiteral("contact_emails"), QStringLiteral("'email'"), QStringLiteral("%1.email"),
            { QStringLiteral("contact_id"), QStringLiteral("email") } },
        { QStringLiteral("contact_phones"), QStringLiteral("'phone'"), QStringLiteral("%1.phone"),
            { QStringLiteral("contact_id"), QStringLiteral("phone") } },
        { QStringLiteral("handles"), QStringLiteral("'handle:' || %1.network"), QStringLiteral("%1.handle"),
            { QStringLiteral("contact_id"), QStringLiteral("network"), QStringLiteral("handle") } },
        { QStringLiteral("contact_tags"), QStringLiteral("(SELECT t.kind FROM tags t WHERE t.id = %1.tag_id)"),
            QStringLiteral("(SELECT t.name FROM tags t WHERE t.id = %1.tag_id)"),
            { QStringLiteral("contact_id"), QStringLiteral("tag_id") } },
    };
    return list;
}

bool AuditTrail::isChildField(const QString &field)
{
    return field == u"email" || field == u"phone" || field == u"beat" || field == u"tag"
        || field.startsWith(u"handle:");
}

Status AuditTrail::installChildTriggers(Database &db)
{
    for (const ChildTrail &t : childTrails()) {
        const QStringList statements = db.isPostgres() ? postgresChildTriggers(t) : sqliteChildTriggers(t);
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
