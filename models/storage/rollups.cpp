#include "rollups.h"

#include "storage/database.h"

#include <QCoreApplication>
#include <QSqlQuery>

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

// The monthly rollups (schema v13) from the daily ones; %1 is the first day of the month of `day`.
const char *const kFillMonthly[] = {
    "INSERT INTO interaction_rollup_month (month, channel, direction, user_id, with_contact, synced, n) "
    "SELECT %1, channel, direction, user_id, with_contact, synced, sum(n) FROM interaction_rollup "
    "GROUP BY %1, channel, direction, user_id, with_contact, synced",

    "INSERT INTO pitch_rollup_month (month, campaign_id, user_id, status, pitched, replied, n) "
    "SELECT %1, campaign_id, user_id, status, pitched, replied, sum(n) FROM pitch_rollup "
    "GROUP BY %1, campaign_id, user_id, status, pitched, replied",

    "INSERT INTO coverage_rollup_month (month, campaign_id, user_id, sentiment, n, reach) "
    "SELECT %1, campaign_id, user_id, sentiment, sum(n), sum(reach) FROM coverage_rollup "
    "GROUP BY %1, campaign_id, user_id, sentiment",

    "INSERT INTO engagement_rollup_month (month, kind, n) "
    "SELECT %1, kind, sum(n) FROM engagement_rollup GROUP BY %1, kind",
};

// The conversations per contact and UTC month (schema v16), from the rows: grouped by day first, so that the month
// is worked out once per contact and day; %1 is the first day of the month of `day`.
const char *const kFillContacts
    = "INSERT INTO contact_rollup_month (contact_id, month, n) "
      "SELECT contact_id, %1, sum(n) FROM (SELECT contact_id, occurred_at / 86400000 AS day, count(*) AS n "
      "FROM interactions WHERE deleted_at IS NULL AND contact_id IS NOT NULL "
      "GROUP BY contact_id, occurred_at / 86400000) d GROUP BY contact_id, %1";

const char *const kContactTable = "contact_rollup_month";

const char *const kDailyTables[]
    = { "interaction_rollup", "pitch_rollup", "coverage_rollup", "engagement_rollup" };

// The first day of the UTC month of the day number `day` (as in v13.sql's triggers).
QString monthOfDay(const Database &db)
{
    return db.isPostgres() ? QStringLiteral("day - extract(day FROM DATE '1970-01-01' + day::integer)::bigint + 1")
                           : QStringLiteral("day - CAST(strftime('%d', day * 86400, 'unixepoch') AS INTEGER) + 1");
}

} // namespace

QStringList Rollups::tables(Levels levels)
{
    QStringList list;
    for (const char *table : kDailyTables)
        list << QString::fromLatin1(table);
    if (levels == Levels::All) {
        for (const char *table : kDailyTables)
            list << QString::fromLatin1(table) + QStringLiteral("_month");
        list << QString::fromLatin1(kContactTable);
    }
    return list;
}

Status Rollups::fillMonthly(Database &db)
{
    const QString doing = Tr::tr("counting the dashboard's figures");
    const QString month = monthOfDay(db);
    for (const char *sql : kFillMonthly)
        if (Status s = db.exec(QString::fromLatin1(sql).arg(month), doing); !s)
            return s;
    return {};
}

Status Rollups::fillContacts(Database &db)
{
    return db.exec(QString::fromLatin1(kFillContacts).arg(monthOfDay(db)), Tr::tr("counting the dashboard's figures"));
}

Status Rollups::rebuild(Database &db, Levels levels)
{
    const QString doing = Tr::tr("counting the dashboard's figures");
    const bool monthly = levels == Levels::All;
    // The triggers on the daily rollups that keep the monthly ones (v13) would add each of the hundreds of
    // thousands of daily rows deleted and inserted here to its month one by one: off meanwhile, and the months
    // are counted in one pass at the end.
    QStringList off, on;
    if (monthly) {
        QStringList names;
        for (const char *table : kDailyTables)
            names << QStringLiteral("'%1'").arg(QString::fromLatin1(table));
        QSqlQuery q(db.connection());
        const QString sql = db.isPostgres()
            ? QStringLiteral("SELECT quote_ident(tgname), tgrelid::regclass::text FROM pg_trigger "
                             "WHERE tgrelid IN (SELECT to_regclass(t) FROM unnest(ARRAY[%1]) AS t) AND NOT tgisinternal "
                             "AND tgenabled <> 'D' ORDER BY tgname")
                  .arg(names.join(u','))
            : QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (%1) "
                             "ORDER BY name")
                  .arg(names.join(u','));
        if (!q.exec(sql))
            return db.errorFrom(q, doing);
        while (q.next()) {
            const QString name = q.value(0).toString(), second = q.value(1).toString();
            if (db.isPostgres()) {
                off << QStringLiteral("ALTER TABLE %1 DISABLE TRIGGER %2").arg(second, name);
                on << QStringLiteral("ALTER TABLE %1 ENABLE TRIGGER %2").arg(second, name);
            } else {
                off << QStringLiteral("DROP TRIGGER ") + name;
                on << second;
            }
        }
    }
    for (const QString &sql : std::as_const(off))
        if (Status s = db.exec(sql, doing); !s)
            return s;
    for (const QString &table : tables(levels))
        if (Status s = db.exec(QStringLiteral("DELETE FROM ") + table, doing); !s)
            return s;
    for (const char *sql : kRebuild)
        if (Status s = db.exec(QString::fromLatin1(sql), doing); !s)
            return s;
    if (monthly) {
        if (Status s = fillMonthly(db); !s)
            return s;
        if (Status s = fillContacts(db); !s)
            return s;
    }
    for (const QString &sql : std::as_const(on))
        if (Status s = db.exec(sql, doing); !s)
            return s;
    return {};
}
