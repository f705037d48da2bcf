#include "dashboardsql.h"

#include "storage/dashboardquery.h"

namespace DashboardSql {

// Interactions with a contact (Inbox items are not conversations yet) in [from, to), with the filters.
// toMs <= fromMs: no time test (the caller's).
Where interactionWhere(const DashboardFilter &f, qint64 fromMs, qint64 toMs, bool postgres)
{
    Where w;
    w.add(QStringLiteral("i.deleted_at IS NULL"));
    w.add(QStringLiteral("i.contact_id IS NOT NULL"));
    if (fromMs < toMs) {
        w.add(QStringLiteral("i.occurred_at >= :from"), QStringLiteral(":from"), fromMs);
        w.add(QStringLiteral("i.occurred_at < :to"), QStringLiteral(":to"), toMs);
    }
    if (f.userId > 0)
        w.add(QStringLiteral("i.user_id = :user"), QStringLiteral(":user"), f.userId);
    if (f.campaignId > 0)
        w.add(QStringLiteral("i.campaign_id = :campaign"), QStringLiteral(":campaign"), f.campaignId);
    if (!f.channel.isEmpty())
        w.add(QStringLiteral("i.channel = :channel"), QStringLiteral(":channel"), f.channel);
    // The client's conversations: those of its campaigns or with people at the client. On PostgreSQL as the union
    // of two index lookups (interactions_campaign, interactions_timeline), usually a few thousand ids: written as an
    // OR of the two conditions, its planner tested both against every conversation of the period (12 months:
    // 340,000 rows, 40 ms a query, 650 ms of server CPU for one client's dashboard; now 20-40 ms in all). SQLite
    // answers the OR from its indexes and is 10 % slower with the union (docs/PERFORMANCE.md "Dashboard on a
    // quiet machine").
    if (f.clientId > 0 && postgres)
        w.add(QStringLiteral("i.id IN (SELECT ci.id FROM interactions ci WHERE ci.campaign_id IN "
                             "(SELECT id FROM campaigns WHERE client_id = :client) "
                             "UNION SELECT ci.id FROM interactions ci WHERE ci.contact_id IN "
                             "(SELECT id FROM contacts WHERE organization_id = :client))"),
            QStringLiteral(":client"), f.clientId);
    else if (f.clientId > 0)
        w.add(QStringLiteral("(i.campaign_id IN (SELECT id FROM campaigns WHERE client_id = :client) "
                             "OR i.contact_id IN (SELECT id FROM contacts WHERE organization_id = :client))"),
            QStringLiteral(":client"), f.clientId);
    return w;
}

// Live pitches of live campaigns (alias p, campaigns cp joined) with the filters; the date test is the caller's.
Where pitchWhere(const DashboardFilter &f)
{
    Where w;
    w.add(QStringLiteral("p.deleted_at IS NULL"));
    w.add(QStringLiteral("cp.deleted_at IS NULL"));
    if (f.userId > 0)
        w.add(QStringLiteral("p.user_id = :user"), QStringLiteral(":user"), f.userId);
    if (f.campaignId > 0)
        w.add(QStringLiteral("p.campaign_id = :campaign"), QStringLiteral(":campaign"), f.campaignId);
    if (f.clientId > 0)
        w.add(QStringLiteral("cp.client_id = :client"), QStringLiteral(":client"), f.clientId);
    return w;
}

QString pitchFrom()
{
    return QStringLiteral("pitches p JOIN campaigns cp ON cp.id = p.campaign_id");
}

// Live coverage published in [from, to) (alias cv; its campaign cp and pitch p left-joined) with the filters.
// The account manager of a piece is the pitch's, else the campaign owner. toMs <= fromMs: no time test.
Where coverageWhere(const DashboardFilter &f, qint64 fromMs, qint64 toMs)
{
    Where w;
    w.add(QStringLiteral("cv.deleted_at IS NULL"));
    w.add(QStringLiteral("(cv.campaign_id IS NULL OR cp.deleted_at IS NULL)"));
    if (fromMs < toMs) {
        w.add(QStringLiteral("cv.published_at >= :from"), QStringLiteral(":from"), fromMs);
        w.add(QStringLiteral("cv.published_at < :to"), QStringLiteral(":to"), toMs);
    }
    if (f.userId > 0)
        w.add(QStringLiteral("COALESCE(p.user_id, cp.owner_id) = :user"), QStringLiteral(":user"), f.userId);
    if (f.campaignId > 0)
        w.add(QStringLiteral("cv.campaign_id = :campaign"), QStringLiteral(":campaign"), f.campaignId);
    if (f.clientId > 0)
        w.add(QStringLiteral("cp.client_id = :client"), QStringLiteral(":client"), f.clientId);
    return w;
}

QString coverageFrom(const DashboardFilter &f)
{
    // The pitch only for its account manager: SQLite does not leave the unused join out (a lookup per piece).
    return f.userId > 0 ? QStringLiteral("coverage cv LEFT JOIN campaigns cp ON cp.id = cv.campaign_id "
                                         "LEFT JOIN pitches p ON p.id = cv.pitch_id")
                        : QStringLiteral("coverage cv LEFT JOIN campaigns cp ON cp.id = cv.campaign_id");
}

Result<qint64> scalar(Database &db, const QString &sql, const QVariantMap &binds, const QString &doing)
{
    qint64 value = 0;
    if (Status s = run(db, sql, binds, doing, [&](QSqlQuery &q) { value = q.value(0).toLongLong(); }); !s)
        return s.error();
    return value;
}

QString pitchedWithin()
{
    return QStringLiteral(
        "(p.replied_at IS NOT NULL AND p.replied_at >= p.pitched_at AND p.replied_at <= p.pitched_at + %1)")
        .arg(qint64(DashboardQuery::kReplyDays) * kDayMs);
}

} // namespace DashboardSql
