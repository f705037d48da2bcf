#include "softdelete.h"

#include "storage/auditlog.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SoftDelete)
};
} // namespace

Status SoftDelete::setTrashed(Database &db, const Entity &entity, qint64 id, bool trash)
{
    Transaction tx(db);
    if (!tx.status())
        return tx.status();
    QSqlQuery q(db.connection());
    // The table name comes from the repositories, never from input.
    q.prepare(QStringLiteral("UPDATE ") + entity.table
              + QStringLiteral(" SET deleted_at = :deleted, updated_at = :now, updated_by = :user, "
                               "version = version + 1 WHERE id = :id"));
    const qint64 now = Sql::nowMs();
    q.bindValue(QStringLiteral(":deleted"), trash ? QVariant(now) : QVariant(QMetaType::fromType<qint64>()));
    q.bindValue(QStringLiteral(":now"), now);
    q.bindValue(QStringLiteral(":user"), Sql::id(db.currentUserId()));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return db.errorFrom(q, trash ? entity.trashing : entity.restoring);
    if (q.numRowsAffected() != 1)
        return Error{entity.notFound, Error::Code::NotFound};
    if (Status s = AuditLog::record(db, trash ? QStringLiteral("trash") : QStringLiteral("restore"), entity.auditName, id);
        !s)
        return s;
    return tx.commit();
}

Result<qint64> SoftDelete::count(Database &db, const QString &table, bool includeTrash, const QString &doing)
{
    QSqlQuery q(db.connection());
    // The table name comes from the repositories, never from input.
    if (!q.exec(QStringLiteral("SELECT count(*) FROM ") + table
            + (includeTrash ? QString() : QStringLiteral(" WHERE deleted_at IS NULL")))
        || !q.next())
        return db.errorFrom(q, doing);
    return q.value(0).toLongLong();
}

Result<bool> SoftDelete::isTrashed(Database &db, const QString &table, qint64 id)
{
    QSqlQuery q(db.connection());
    // The table name comes from the repositories and views, never from input.
    q.prepare(QStringLiteral("SELECT deleted_at IS NOT NULL FROM ") + table + QStringLiteral(" WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return db.errorFrom(q, Tr::tr("checking the trash"));
    return q.next() && q.value(0).toBool();
}
