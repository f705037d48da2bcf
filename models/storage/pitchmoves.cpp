#include "pitchmoves.h"

#include "core/clock.h"
#include "domain/campaign.h"
#include "storage/auditlog.h"
#include "storage/database.h"
#include "storage/healthrepository.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PitchMoves)
};
} // namespace

Result<PitchMoves::Moved> PitchMoves::moveInTransaction(Database &db, qint64 pitchId, const QString &toStatus)
{
    if (!Pitch::statuses().contains(toStatus))
        return Error::validation(QStringLiteral("status"), Tr::tr("Unknown pitch status “%1”.").arg(toStatus));
    const QString doing = Tr::tr("moving the pitch");
    QSqlQuery q(db.connection());
    q.prepare(
        QStringLiteral("SELECT contact_id, campaign_id, status FROM pitches WHERE id = :id AND deleted_at IS NULL")
        + (db.isPostgres() ? QStringLiteral(" FOR UPDATE") : QString()));
    q.bindValue(QStringLiteral(":id"), pitchId);
    if (!q.exec())
        return db.errorFrom(q, doing);
    if (!q.next())
        return Error { Tr::tr("The pitch no longer exists or was taken off the media list."), Error::Code::NotFound,
            QStringLiteral("pitch") };
    Moved m;
    m.contactId = q.value(0).toLongLong();
    m.campaignId = q.value(1).toLongLong();
    const QString from = q.value(2).toString();
    q.finish();
    if (from == toStatus)
        return m;
    m.fromStatus = from;
    const qint64 now = Clock::nowMs();
    const QVariant user = Sql::id(db.currentUserId());
    q.prepare(QStringLiteral("UPDATE pitches SET status = :status, updated_at = :now, updated_by = :user, "
                             "version = version + 1 WHERE id = :id"));
    q.bindValue(QStringLiteral(":status"), toStatus);
    q.bindValue(QStringLiteral(":now"), now);
    q.bindValue(QStringLiteral(":user"), user);
    q.bindValue(QStringLiteral(":id"), pitchId);
    if (!q.exec())
        return db.errorFrom(q, doing);
    q.finish();
    q.prepare(QStringLiteral("INSERT INTO pitch_moves (pitch_id, from_status, to_status, moved_at, moved_by) "
                             "VALUES (:pitch, :from, :to, :now, :user)"));
    q.bindValue(QStringLiteral(":pitch"), pitchId);
    q.bindValue(QStringLiteral(":from"), from);
    q.bindValue(QStringLiteral(":to"), toStatus);
    q.bindValue(QStringLiteral(":now"), now);
    q.bindValue(QStringLiteral(":user"), user);
    if (!q.exec())
        return db.errorFrom(q, doing);
    q.finish();
    if (Status s = HealthRepository::recomputeContact(db, m.contactId); !s)
        return s.error();
    if (Status s = AuditLog::record(
            db, QStringLiteral("move"), QStringLiteral("pitch"), pitchId, from + QStringLiteral(" → ") + toStatus);
        !s)
        return s.error();
    return m;
}
