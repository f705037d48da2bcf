#include "versionedwrite.h"

#include "storage/auditlog.h"
#include "storage/database.h"

#include <QSqlQuery>
#include <QStringList>

#include <optional>

Result<qint64> VersionedWrite::detail::write(
    Database &db, const Write &w, Kind kind, qint64 id, int version, const std::function<void(qint64)> &created)
{
    const bool update = kind == Kind::Update;
    std::optional<Transaction> tx;
    if (kind != Kind::CreateInTransaction) {
        tx.emplace(db);
        if (!tx->status())
            return tx->status().error();
    }
    if (w.before)
        if (Status s = w.before(); !s)
            return s.error();

    const qint64 now = Sql::nowMs();
    const QStringList columns = w.columns.split(QStringLiteral(", "));
    QStringList placeholders, assignments;
    for (const QString &column : columns) {
        placeholders << u':' + column;
        assignments << column + QStringLiteral(" = :") + column;
    }
    QSqlQuery q(db.connection());
    // Table and column names come from the repositories, never from input.
    if (update)
        q.prepare(QStringLiteral("UPDATE ") + w.table + QStringLiteral(" SET ") + assignments.join(QStringLiteral(", "))
            + QStringLiteral(", updated_at = :now, updated_by = :user, version = version + 1 "
                             "WHERE id = :id AND version = :version")
            + (w.liveOnly ? QStringLiteral(" AND deleted_at IS NULL") : QString()));
    else
        q.prepare(QStringLiteral("INSERT INTO ") + w.table + QStringLiteral(" (") + w.columns
            + QStringLiteral(", created_at, updated_at, updated_by, version) VALUES (")
            + placeholders.join(QStringLiteral(", ")) + QStringLiteral(", :now, :now, :user, 1) RETURNING id"));
    if (w.bind)
        w.bind(q);
    q.bindValue(QStringLiteral(":now"), now);
    q.bindValue(QStringLiteral(":user"), Sql::id(db.currentUserId()));
    if (update) {
        q.bindValue(QStringLiteral(":id"), id);
        q.bindValue(QStringLiteral(":version"), version);
        if (!q.exec())
            return db.errorFrom(q, w.doing);
        if (q.numRowsAffected() != 1)
            return Error { w.conflict, Error::Code::Conflict };
    } else {
        if (!q.exec() || !q.next())
            return db.errorFrom(q, w.doing);
        id = q.value(0).toLongLong();
        if (created)
            created(id);
    }
    q.finish();

    if (w.after)
        if (Status s = w.after(); !s)
            return s.error();
    if (Status s = AuditLog::record(
            db, update ? QStringLiteral("update") : QStringLiteral("create"), w.auditEntity, id, w.auditDetails);
        !s)
        return s.error();
    if (tx)
        if (Status s = tx->commit(); !s)
            return s.error();
    return now;
}
