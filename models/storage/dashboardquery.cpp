#include "dashboardquery.h"

#include "core/clock.h"
#include "domain/interaction.h"
#include "storage/dashboardcells.h"
#include "storage/dashboardslices.h"
#include "storage/dashboardsql.h"
#include "storage/dashboardtop.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlQuery>

#include <algorithm>

using namespace DashboardSql;

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DashboardQuery)
};

Slices::Level levelOf(DashboardQuery::Source source)
{
    switch (source) {
    case DashboardQuery::Source::Rollups:
        return Slices::Level::Months;
    case DashboardQuery::Source::DailyRollups:
        return Slices::Level::Days;
    case DashboardQuery::Source::Rows:
        break;
    }
    return Slices::Level::Rows;
}

// The funnel stage a pitch status reached: planned 0, pitched 1, replied or declined 2, interested 3, covered 4.
int funnelStage(const QString &status)
{
    if (status == u"pitched")
        return 1;
    if (status == u"replied" || status == u"declined")
        return 2;
    if (status == u"interested")
        return 3;
    if (status == u"covered")
        return 4;
    return 0;
}

// Total reach of the period's coverage, each outlet counted once (its largest figure): per row, by index.
Result<qint64> distinctReach(Database &db, const DashboardFilter &f, const QString &doing)
{
    const Where w = coverageWhere(f, f.fromMs(), f.toMs());
    return scalar(db,
        QStringLiteral("SELECT COALESCE(sum(m), 0) FROM (SELECT max(cv.reach) AS m FROM %1 WHERE %2 "
                       "GROUP BY COALESCE(cv.organization_id, -cv.id)) t")
            .arg(coverageFrom(f), w.sql()),
        w.binds, doing);
}

Result<qint64> newContacts(Database &db, const DashboardFilter &f, const QString &doing)
{
    Where w;
    w.add(QStringLiteral("c.deleted_at IS NULL"));
    w.add(QStringLiteral("c.created_at >= :from"), QStringLiteral(":from"), f.fromMs());
    w.add(QStringLiteral("c.created_at < :to"), QStringLiteral(":to"), f.toMs());
    if (f.userId > 0)
        w.add(QStringLiteral("c.owner_id = :user"), QStringLiteral(":user"), f.userId);
    if (f.clientId > 0)
        w.add(QStringLiteral("c.organization_id = :client"), QStringLiteral(":client"), f.clientId);
    if (f.campaignId > 0)
        w.add(QStringLiteral("c.id IN (SELECT contact_id FROM pitches WHERE campaign_id = :campaign AND deleted_at IS NULL)"),
            QStringLiteral(":campaign"), f.campaignId);
    return scalar(db, QStringLiteral("SELECT count(*) FROM contacts c WHERE ") + w.sql(), w.binds, doing);
}


// The KPI figures of `f` that the per-bucket cells give (interactions, pitches sent and replied, coverage pieces),
// summed over the cells; reach and new contacts read the rows.
Result<DashboardKpis> kpisOf(Database &db, const DashboardFilter &f, DashboardQuery::Source source, const QString &doing)
{
    const Slices::Level level = levelOf(source);
    DashboardKpis k;
    if (Status s = interactionCells(
            db, f, Slices::of(f, interactionLevel(f, level), true), doing,
            [&](int, const QString &, bool, qint64, qint64 n) { k.interactions += n; }, Group::Total);
        !s)
        return s.error();
    const Slices slices = Slices::of(f, level, true);
    if (Status s = pitchCells(db, f, slices, doing,
            [&](int, const QString &, bool pitched, bool replied, qint64 n) {
                if (pitched) {
                    k.pitchesSent += n;
                    k.pitchesReplied += replied ? n : 0;
                }
            },
            Group::Total);
        !s)
        return s.error();
    if (Status s = coverageCells(db, f, slices, doing, [&](int, int, qint64 n, qint64) { k.coveragePieces += n; }); !s)
        return s.error();
    auto reach = distinctReach(db, f, doing);
    if (!reach)
        return reach.error();
    k.reach = *reach;
    auto created = newContacts(db, f, doing);
    if (!created)
        return created.error();
    k.newContacts = *created;
    return k;
}

} // namespace

Result<DashboardKpis> DashboardQuery::kpis(Database &db, const DashboardFilter &f, Source source)
{
    if (!f.isValid())
        return Error::validation(QStringLiteral("period"), Tr::tr("The period's first day is after its last day."));
    return kpisOf(db, f, source, Tr::tr("computing the dashboard's figures"));
}

Result<DashboardData> DashboardQuery::load(Database &db, const DashboardFilter &f, Source source)
{
    if (!f.isValid())
        return Error::validation(QStringLiteral("period"), Tr::tr("The period's first day is after its last day."));
    const QString doing = Tr::tr("computing the dashboard's figures");
    DashboardData d;
    d.filter = f;
    d.buckets = f.bucketStarts();
    const int nb = int(d.buckets.size());
    d.channels = f.channel.isEmpty() ? Interaction::channels() : QStringList { f.channel };
    const int nc = int(d.channels.size());
    const QList<qint64> zeros(nb, 0);
    d.inbound = QList<QList<qint64>>(nb, QList<qint64>(nc, 0));
    d.outbound = d.inbound;
    d.pitched = d.replied = d.coverage = d.coverageReach = zeros;
    d.positive = d.neutral = d.negative = d.unrated = zeros;
    d.mentions = d.replies = d.likes = d.boosts = d.follows = zeros;
    d.funnel = QList<qint64>(5, 0);
    const qint64 fromMs = f.fromMs(), toMs = f.toMs();
    const Slices::Level level = levelOf(source);
    const Slices slices = Slices::of(f, level);
    const auto inRange = [nb](int b) { return b >= 0 && b < nb; };

    auto pk = kpisOf(db, f.previous(), source, doing);
    if (!pk)
        return pk.error();
    d.previousKpis = *pk;

    // Interactions per bucket, channel and direction; the team's per account manager and channel; the KPI.
    {
        QHash<qint64, QList<qint64>> perUser;
        if (Status s = interactionCells(db, f, Slices::of(f, interactionLevel(f, level)), doing,
                [&](int b, const QString &channel, bool inbound, qint64 user, qint64 n) {
                    const int c = int(d.channels.indexOf(channel));
                    if (!inRange(b) || c < 0 || n == 0)
                        return;
                    d.kpis.interactions += n;
                    (inbound ? d.inbound : d.outbound)[b][c] += n;
                    auto it = perUser.find(user);
                    if (it == perUser.end())
                        it = perUser.insert(user, QList<qint64>(nc, 0));
                    (*it)[c] += n;
                });
            !s)
            return s.error();
        // The team: account managers by name (as the database orders them), nobody last.
        if (!perUser.isEmpty()) {
            if (Status s = run(db, QStringLiteral("SELECT id, name FROM users ORDER BY name, id"), {}, doing,
                    [&](QSqlQuery &q) {
                        const qint64 uid = q.value(0).toLongLong();
                        if (auto it = perUser.constFind(uid); it != perUser.cend() && uid > 0)
                            d.team << DashboardTeamRow { uid, q.value(1).toString(), *it };
                    });
                !s)
                return s.error();
            if (auto it = perUser.constFind(0); it != perUser.cend())
                d.team << DashboardTeamRow { 0, Tr::tr("Nobody", "interactions without an account manager"), *it };
        }
    }
    // Pitches sent per bucket and replied within kReplyDays; the funnel; the KPIs.
    if (Status s = pitchCells(db, f, slices, doing,
            [&](int b, const QString &status, bool pitched, bool replied, qint64 n) {
                if (!inRange(b))
                    return;
                const int reached = funnelStage(status);
                for (int st = 0; st <= reached; ++st)
                    d.funnel[st] += n;
                if (pitched) {
                    d.pitched[b] += n;
                    d.kpis.pitchesSent += n;
                    if (replied) {
                        d.replied[b] += n;
                        d.kpis.pitchesReplied += n;
                    }
                }
            });
        !s)
        return s.error();
    // The median time to reply, from the replied pitches of the period.
    {
        Where w = pitchWhere(f);
        w.add(QStringLiteral("p.pitched_at >= :from"), QStringLiteral(":from"), fromMs);
        w.add(QStringLiteral("p.pitched_at < :to"), QStringLiteral(":to"), toMs);
        QList<qint64> delays;
        if (Status s = run(db,
                QStringLiteral("SELECT p.replied_at - p.pitched_at FROM %1 WHERE %2 AND p.replied_at IS NOT NULL "
                               "AND p.replied_at >= p.pitched_at")
                    .arg(pitchFrom(), w.sql()),
                w.binds, doing, [&](QSqlQuery &q) { delays << q.value(0).toLongLong(); });
            !s)
            return s.error();
        if (!delays.isEmpty()) {
            std::sort(delays.begin(), delays.end());
            const qsizetype n = delays.size();
            d.medianReplyMs = n % 2 ? delays.at(n / 2) : (delays.at(n / 2 - 1) + delays.at(n / 2)) / 2;
        }
    }
    // Coverage per bucket and sentiment, with reach.
    if (Status s = coverageCells(db, f, slices, doing,
            [&](int b, int sentiment, qint64 n, qint64 reach) {
                if (!inRange(b))
                    return;
                d.kpis.coveragePieces += n;
                d.coverage[b] += n;
                d.coverageReach[b] += reach;
                (sentiment == 2 ? d.unrated : sentiment > 0 ? d.positive : sentiment < 0 ? d.negative : d.neutral)[b]
                    += n;
            });
        !s)
        return s.error();
    {
        auto reach = distinctReach(db, f, doing);
        if (!reach)
            return reach.error();
        d.kpis.reach = *reach;
        auto created = newContacts(db, f, doing);
        if (!created)
            return created.error();
        d.kpis.newContacts = *created;
    }
    // Top outlets: most pieces, then the largest reach.
    {
        const Where w = coverageWhere(f, fromMs, toMs);
        if (Status s = run(db,
                QStringLiteral("SELECT o.id, o.name, t.n, t.r FROM (SELECT cv.organization_id AS org, count(*) AS n, "
                               "COALESCE(max(cv.reach), 0) AS r FROM %1 WHERE %2 AND cv.organization_id IS NOT NULL "
                               "GROUP BY cv.organization_id) t JOIN organizations o ON o.id = t.org "
                               "ORDER BY t.n DESC, t.r DESC, o.id LIMIT %3")
                    .arg(coverageFrom(f), w.sql())
                    .arg(kTopRows),
                w.binds, doing,
                [&](QSqlQuery &q) {
                    d.topOutlets << DashboardOutlet { q.value(0).toLongLong(), q.value(1).toString(),
                        q.value(2).toLongLong(), q.value(3).toLongLong() };
                });
            !s)
            return s.error();
    }
    // Top relationships: the live contacts with the most interactions in the period (dashboardtop.h: over months,
    // the per-contact rollup picks the few contacts worth counting).
    {
        auto top = topRelationships(db, f, source == Source::Rollups);
        if (!top)
            return top.error();
        d.topRelationships = *top;
    }
    // Cooling relationships: valuable (a health score of kCoolingMinHealth or more) and quiet for
    // kCoolingQuietDays to kCoolingOldestDays before the period's end; best score first.
    {
        const qint64 endMs = qMin(toMs, Clock::nowMs());
        Where w;
        w.add(QStringLiteral("c.deleted_at IS NULL"));
        w.add(QStringLiteral("c.health_score >= %1").arg(kCoolingMinHealth));
        w.add(QStringLiteral("c.last_contacted_at >= :oldest"), QStringLiteral(":oldest"),
            endMs - qint64(kCoolingOldestDays) * kDayMs);
        w.add(QStringLiteral("c.last_contacted_at < :quiet"), QStringLiteral(":quiet"),
            endMs - qint64(kCoolingQuietDays) * kDayMs);
        if (f.userId > 0)
            w.add(QStringLiteral("c.owner_id = :user"), QStringLiteral(":user"), f.userId);
        if (f.clientId > 0)
            w.add(QStringLiteral("c.organization_id = :client"), QStringLiteral(":client"), f.clientId);
        if (f.campaignId > 0)
            w.add(QStringLiteral(
                      "c.id IN (SELECT contact_id FROM pitches WHERE campaign_id = :campaign AND deleted_at IS NULL)"),
                QStringLiteral(":campaign"), f.campaignId);
        // The ten are ranked in the covering index alone (no contact row read for the tens of thousands quiet in
        // that range); only they are read for their names.
        const QString covering
            = db.isPostgres() ? QString() : QStringLiteral(" INDEXED BY contacts_live_contacted_health");
        if (Status s = run(db,
                QStringLiteral("SELECT k.id, k.display_name, k.health_score, k.last_contacted_at FROM contacts k "
                               "WHERE k.id IN (SELECT c.id FROM contacts c%3 WHERE %1 "
                               "ORDER BY c.health_score DESC, c.last_contacted_at, c.id LIMIT %2) "
                               "ORDER BY k.health_score DESC, k.last_contacted_at, k.id")
                    .arg(w.sql())
                    .arg(kTopRows)
                    .arg(covering),
                w.binds, doing,
                [&](QSqlQuery &q) {
                    d.coolingRelationships << DashboardPerson { q.value(0).toLongLong(), q.value(1).toString(), 0,
                        q.value(2).toInt(), Sql::time(q.value(3)) };
                });
            !s)
            return s.error();
    }
    // Social engagement: synced mentions and replies (Inbox items too: people who are no contact yet) and
    // the accounts' likes, boosts and follows. Only the period applies.
    if (Status s = socialCells(db, slices, doing,
            [&](int b, const QString &kind, qint64 n) {
                if (!inRange(b))
                    return;
                if (kind == u"reply")
                    d.replies[b] += n;
                else if (kind == u"like")
                    d.likes[b] += n;
                else if (kind == u"boost")
                    d.boosts[b] += n;
                else if (kind == u"follow")
                    d.follows[b] += n;
                else
                    d.mentions[b] += n; // a synced mention; a quote names the account: a mention too
            });
        !s)
        return s.error();
    return d;
}
