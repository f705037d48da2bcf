#include "rollups.h"

#include "storage/database.h"

#include <QCoreApplication>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Rollups)
};

// The same keys as the triggers of schema v10 (14 days = DashboardQuery::kReplyDays).
const char *const kRebuild[] = {
    "INSERT INTO interaction_rollup (day, channel, direction, user_id, campaign_id, with_contact, synced, n) "
    "SELECT occurred_at / 86400000, channel, direction, COALESCE(user_id, 0), COALESCE(campaign_id, 0), "
    "CASE WHEN contact_id IS NULL THEN 0 ELSE 1 END, CASE WHEN source = 'manual' THEN 0 ELSE 1 END, count(*) "
    "FROM interactions WHERE deleted_at IS NULL "
    "GROUP BY occurred_at / 86400000, channel, direction, COALESCE(user_id, 0), COALESCE(campaign_id, 0), "
    "CASE WHEN contact_id IS NULL THEN 0 ELSE 1 END, CASE WHEN source = 'manual' THEN 0 ELSE 1 END",

    "INSERT INTO pitch_rollup (day, campaign_id, user_id, status, pitched, replied, n) "
    "SELECT COALESCE(pitched_at, created_at) / 86400000, campaign_id, COALESCE(user_id, 0), status, "
    "CASE WHEN pitched_at IS NULL THEN 0 ELSE 1 END, "
    "CASE WHEN replied_at >= pitched_at AND replied_at <= pitched_at + 1209600000 THEN 1 ELSE 0 END, count(*) "
    "FROM pitches WHERE deleted_at IS NULL "
    "GROUP BY COALESCE(pitched_at, created_at) / 86400000, campaign_id, COALESCE(user_id, 0), status, "
    "CASE WHEN pitched_at IS NULL THEN 0 ELSE 1 END, "
    "CASE WHEN replied_at >= pitched_at AND replied_at <= pitched_at + 1209600000 THEN 1 ELSE 0 END",

    "INSERT INTO coverage_rollup (day, campaign_id, user_id, sentiment, n, reach) "
    "SELECT cv.published_at / 86400000, COALESCE(cv.campaign_id, 0), COALESCE(p.user_id, 0), "
    "COALESCE(cv.sentiment, 2), count(*), COALESCE(sum(cv.reach), 0) "
    "FROM coverage cv LEFT JOIN pitches p ON p.id = cv.pitch_id "
    "WHERE cv.deleted_at IS NULL AND cv.published_at IS NOT NULL "
    "GROUP BY cv.published_at / 86400000, COALESCE(cv.campaign_id, 0), COALESCE(p.user_id, 0), "
    "COALESCE(cv.sentiment, 2)",

    "INSERT INTO engagement_rollup (day, kind, n) "
    "SELECT occurred_at / 86400000, kind, count(*) FROM engagement_events GROUP BY occurred_at / 86400000, kind",
};

} // namespace

QStringList Rollups::tables()
{
    return { QStringLiteral("interaction_rollup"), QStringLiteral("pitch_rollup"), QStringLiteral("coverage_rollup"),
        QStringLiteral("engagement_rollup") };
}

Status Rollups::rebuild(Database &db)
{
    const QString doing = Tr::tr("counting the dashboard's figures");
    for (const QString &table : tables())
        if (Status s = db.exec(QStringLiteral("DELETE FROM ") + table, doing); !s)
            return s;
    for (const char *sql : kRebuild)
        if (Status s = db.exec(QString::fromLatin1(sql), doing); !s)
            return s;
    return {};
}
