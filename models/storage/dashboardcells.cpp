#include "dashboardcells.h"

#include "storage/dashboardsql.h"

namespace DashboardSql {

Slices::Level interactionLevel(const DashboardFilter &f, Slices::Level wanted)
{
    if (f.clientId > 0)
        return Slices::Level::Rows;
    if (wanted == Slices::Level::Months && f.campaignId > 0)
        return Slices::Level::Days;
    return wanted;
}

Status interactionCells(Database &db, const DashboardFilter &f, const Slices &s, const QString &doing,
    const InteractionCell &cell, Group group)
{
    const bool total = group == Group::Total;
    qint64 sign = 1;
    const auto row = [&](QSqlQuery &q) {
        cell(q.value(0).toInt(), q.value(1).toString(), q.value(2).toString() == u"inbound", q.value(3).toLongLong(),
            sign * q.value(4).toLongLong());
    };
    for (const Slices::Part &part : s.rollupParts(QStringLiteral("interaction_rollup"))) {
        Where w;
        w.add(QStringLiteral("r.with_contact = 1"));
        w.add(part.where);
        if (f.userId > 0)
            w.add(QStringLiteral("r.user_id = :user"), QStringLiteral(":user"), f.userId);
        if (f.campaignId > 0) // never the monthly rollup (interactionLevel)
            w.add(QStringLiteral("r.campaign_id = :campaign"), QStringLiteral(":campaign"), f.campaignId);
        if (!f.channel.isEmpty())
            w.add(QStringLiteral("r.channel = :channel"), QStringLiteral(":channel"), f.channel);
        const QString sql = total
            ? QStringLiteral("SELECT 0, '', '', 0, COALESCE(sum(r.n), 0) FROM %1 r WHERE %2").arg(part.table, w.sql())
            : QStringLiteral("SELECT %1, r.channel, r.direction, r.user_id, sum(r.n) FROM %2 r "
                             "WHERE %3 GROUP BY 1, r.channel, r.direction, r.user_id")
                  .arg(part.bucket, part.table, w.sql());
        sign = part.sign;
        if (Status st = run(db, sql, w.binds, doing, row); !st)
            return st;
    }
    if (!s.hasRaw())
        return {};
    sign = 1;
    Where w = interactionWhere(f, 0, 0, db.isPostgres());
    w.add(s.msSql(QStringLiteral("i.occurred_at")));
    const QString sql = total
        ? QStringLiteral("SELECT 0, '', '', 0, count(*) FROM interactions i WHERE %1").arg(w.sql())
        : QStringLiteral("SELECT %1, i.channel, i.direction, COALESCE(i.user_id, 0), count(*) FROM interactions i "
                         "WHERE %2 GROUP BY 1, i.channel, i.direction, COALESCE(i.user_id, 0)")
              .arg(s.msBucket(QStringLiteral("i.occurred_at")), w.sql());
    return run(db, sql, w.binds, doing, row);
}

Status pitchCells(
    Database &db, const DashboardFilter &f, const Slices &s, const QString &doing, const PitchCell &cell, Group group)
{
    const bool total = group == Group::Total;
    qint64 sign = 1;
    const auto row = [&](QSqlQuery &q) {
        if (total) {
            cell(0, QStringLiteral("pitched"), true, false, sign * q.value(0).toLongLong());
            cell(0, QStringLiteral("pitched"), true, true, sign * q.value(1).toLongLong());
            return;
        }
        cell(q.value(0).toInt(), q.value(1).toString(), q.value(2).toInt() != 0, q.value(3).toInt() != 0,
            sign * q.value(4).toLongLong());
    };
    for (const Slices::Part &part : s.rollupParts(QStringLiteral("pitch_rollup"))) {
        Where w;
        w.add(QStringLiteral("cp.deleted_at IS NULL"));
        w.add(part.where);
        if (f.userId > 0)
            w.add(QStringLiteral("r.user_id = :user"), QStringLiteral(":user"), f.userId);
        if (f.campaignId > 0)
            w.add(QStringLiteral("r.campaign_id = :campaign"), QStringLiteral(":campaign"), f.campaignId);
        if (f.clientId > 0)
            w.add(QStringLiteral("cp.client_id = :client"), QStringLiteral(":client"), f.clientId);
        const QString sql = total
            ? QStringLiteral("SELECT COALESCE(sum(CASE WHEN r.replied = 0 THEN r.n END), 0), "
                             "COALESCE(sum(CASE WHEN r.replied = 1 THEN r.n END), 0) FROM %1 r "
                             "JOIN campaigns cp ON cp.id = r.campaign_id WHERE %2 AND r.pitched = 1")
                  .arg(part.table, w.sql())
            : QStringLiteral("SELECT %1, r.status, r.pitched, r.replied, sum(r.n) FROM %2 r "
                             "JOIN campaigns cp ON cp.id = r.campaign_id WHERE %3 "
                             "GROUP BY 1, r.status, r.pitched, r.replied")
                  .arg(part.bucket, part.table, w.sql());
        sign = part.sign;
        if (Status st = run(db, sql, w.binds, doing, row); !st)
            return st;
    }
    if (!s.hasRaw())
        return {};
    sign = 1;
    Where w = pitchWhere(f);
    const QString day = QStringLiteral("COALESCE(p.pitched_at, p.created_at)");
    w.add(s.msSql(day));
    const QString pitched = QStringLiteral("CASE WHEN p.pitched_at IS NULL THEN 0 ELSE 1 END");
    const QString replied = QStringLiteral("CASE WHEN %1 THEN 1 ELSE 0 END").arg(pitchedWithin());
    if (total)
        return run(db,
            QStringLiteral("SELECT COALESCE(sum(1 - %1), 0), COALESCE(sum(%1), 0) FROM %2 WHERE %3 "
                           "AND p.pitched_at IS NOT NULL")
                .arg(replied, pitchFrom(), w.sql()),
            w.binds, doing, row);
    return run(db,
        QStringLiteral("SELECT %1, p.status, %2, %3, count(*) FROM %4 WHERE %5 GROUP BY 1, p.status, %2, %3")
            .arg(s.msBucket(day), pitched, replied, pitchFrom(), w.sql()),
        w.binds, doing, row);
}

Status coverageCells(
    Database &db, const DashboardFilter &f, const Slices &s, const QString &doing, const CoverageCell &cell)
{
    qint64 sign = 1;
    const auto row = [&](QSqlQuery &q) {
        cell(q.value(0).toInt(), q.value(1).toInt(), sign * q.value(2).toLongLong(), sign * q.value(3).toLongLong());
    };
    for (const Slices::Part &part : s.rollupParts(QStringLiteral("coverage_rollup"))) {
        Where w;
        w.add(QStringLiteral("(r.campaign_id = 0 OR cp.deleted_at IS NULL)"));
        w.add(part.where);
        // The pitch's account manager, else the campaign's owner (as coverageWhere).
        if (f.userId > 0)
            w.add(QStringLiteral("(CASE WHEN r.user_id <> 0 THEN r.user_id ELSE cp.owner_id END) = :user"),
                QStringLiteral(":user"), f.userId);
        if (f.campaignId > 0)
            w.add(QStringLiteral("r.campaign_id = :campaign"), QStringLiteral(":campaign"), f.campaignId);
        if (f.clientId > 0)
            w.add(QStringLiteral("cp.client_id = :client"), QStringLiteral(":client"), f.clientId);
        sign = part.sign;
        if (Status st = run(db,
                QStringLiteral("SELECT %1, r.sentiment, sum(r.n), sum(r.reach) FROM %2 r "
                               "LEFT JOIN campaigns cp ON cp.id = r.campaign_id WHERE %3 GROUP BY 1, r.sentiment")
                    .arg(part.bucket, part.table, w.sql()),
                w.binds, doing, row);
            !st)
            return st;
    }
    if (!s.hasRaw())
        return {};
    sign = 1;
    Where w = coverageWhere(f, 0, 0);
    w.add(s.msSql(QStringLiteral("cv.published_at")));
    return run(db,
        QStringLiteral("SELECT %1, COALESCE(cv.sentiment, 2), count(*), COALESCE(sum(cv.reach), 0) FROM %2 WHERE %3 "
                       "GROUP BY 1, COALESCE(cv.sentiment, 2)")
            .arg(s.msBucket(QStringLiteral("cv.published_at")), coverageFrom(f), w.sql()),
        w.binds, doing, row);
}

Status socialCells(Database &db, const Slices &s, const QString &doing, const SocialCell &cell)
{
    qint64 sign = 1;
    const auto row = [&](QSqlQuery &q) { cell(q.value(0).toInt(), q.value(1).toString(), sign * q.value(2).toLongLong()); };
    for (const Slices::Part &part : s.rollupParts(QStringLiteral("interaction_rollup"))) {
        sign = part.sign;
        if (Status st = run(db,
                QStringLiteral("SELECT %1, r.channel, sum(r.n) FROM %2 r WHERE r.synced = 1 "
                               "AND r.channel IN ('mention', 'reply') AND %3 GROUP BY 1, r.channel")
                    .arg(part.bucket, part.table, part.where),
                {}, doing, row);
            !st)
            return st;
    }
    for (const Slices::Part &part : s.rollupParts(QStringLiteral("engagement_rollup"))) {
        sign = part.sign;
        if (Status st = run(db,
                QStringLiteral("SELECT %1, r.kind, sum(r.n) FROM %2 r WHERE %3 GROUP BY 1, r.kind")
                    .arg(part.bucket, part.table, part.where),
                {}, doing, row);
            !st)
            return st;
    }
    if (!s.hasRaw())
        return {};
    sign = 1;
    const QString ranges = s.msSql(QStringLiteral("i.occurred_at"));
    if (Status st = run(db,
            QStringLiteral("SELECT %1, i.channel, count(*) FROM interactions i WHERE i.deleted_at IS NULL "
                           "AND i.source <> 'manual' AND i.channel IN ('mention', 'reply') AND %2 GROUP BY 1, i.channel")
                .arg(s.msBucket(QStringLiteral("i.occurred_at")), ranges),
            {}, doing, row);
        !st)
        return st;
    return run(db,
        QStringLiteral("SELECT %1, e.kind, count(*) FROM engagement_events e WHERE %2 GROUP BY 1, e.kind")
            .arg(s.msBucket(QStringLiteral("e.occurred_at")), s.msSql(QStringLiteral("e.occurred_at"))),
        {}, doing, row);
}

} // namespace DashboardSql
