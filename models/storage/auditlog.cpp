#include "auditlog.h"

#include "storage/audittrail.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QSqlQuery>

Status AuditLog::record(Database &db, const QString &action, const QString &entity, qint64 entityId,
                        const QString &details)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("INSERT INTO audit_log (at, user_id, action, entity, entity_id, details) "
                             "VALUES (:at, :user, :action, :entity, :entity_id, :details) RETURNING id"));
    q.bindValue(QStringLiteral(":at"), Sql::nowMs());
    q.bindValue(QStringLiteral(":user"), Sql::id(db.currentUserId()));
    q.bindValue(QStringLiteral(":action"), action);
    q.bindValue(QStringLiteral(":entity"), entity);
    q.bindValue(QStringLiteral(":entity_id"), Sql::id(entityId));
    q.bindValue(QStringLiteral(":details"), Sql::text(details));
    if (!q.exec() || !q.next())
        return db.errorFrom(q, QCoreApplication::translate("AuditLog", "writing the audit log"));
    const qint64 auditId = q.value(0).toLongLong();
    q.finish();
    // The field changes the triggers wrote for this row in this transaction belong to this entry.
    return AuditTrail::claim(db, auditId, entity, entityId);
}
