#include "dashboardquery.h"

#include "core/clock.h"
#include "domain/interaction.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlQuery>
#include <QVariantMap>

#include <algorithm>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DashboardQuery)
};

constexpr qint64 kDayMs = 86400000;

// The WHERE clause of one statement and the values of its named placeholders, built together so that
// only the placeholders the statement uses are bound (QPSQL rejects unused ones).
struct Where
{
    QStringList clauses;
    QVariantMap binds;

    void add(const QString &clause) { clauses << clause; }
    void add(const QString &clause, const QString &name, const QVariant &value)
    {
        clauses << clause;
        binds.insert(name, value);
    }
    QString sql() const { return clauses.isEmpty() ? QStringLiteral("1 = 1") : clauses.join(QStringLiteral(" AND ")); }
};

// The local day of a UTC epoch-ms column, as days since 1970-01-01: the period's UTC offset is added
// before the integer division (a DST change inside the period moves an hour's rows by a day at most).
QString dayExpr(const QString &column, const DashboardFilter &f)
{
    const qint64 offsetMs = qint64(QDateTime(f.from, QTime(0, 0), Qt::LocalTime).offsetFromUtc()) * 1000;
    return QStringLiteral("((%1 + %2) / %3)").arg(column).arg(offsetMs).arg(kDayMs);
}

QDate dayToDate(qint64 day)
{
    return QDate(1970, 1, 1).addDays(day);
}

// Interactions with a contact (Inbox items are not conversations yet) in [from, to), with the filters.
Where interactionWhere(const DashboardFilter &f, qint64 fromMs, qint64 toMs)
{
    Where w;
    w.add(QStringLiteral("i.deleted_at IS NULL"));
    w.add(QStringLiteral("i.contact_id IS NOT NULL"));
    w.add(QStringLiteral("i.occurred_at >= :from"), QStringLiteral(":from"), fromMs);
    w.add(QStringLiteral("i.occurred_at < :to"), QStringLiteral(":to"), toMs);
    if (f.userId > 0)
        w.add(QStringLiteral("i.user_id = :user"), QStringLiteral(":user"), f.userId);
    if (f.campaignId > 0)
        w.add(QStringLiteral("i.campaign_id = :campaign"), QStringLiteral(":campaign"), f.campaignId);
    if (!f.channel.isEmpty())
        w.add(QStringLiteral("i.channel = :channel"), QStringLiteral(":channel"), f.channel);
    if (f.clientId > 0)
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

const QString kPitchFrom = QStringLiteral("pitches p JOIN campaigns cp ON cp.id = p.campaign_id");

// Live coverage published in [from, to) (alias cv; its campaign cp and pitch p left-joined) with the filters.
// The account manager of a piece is the pitch's, else the campaign owner.
Where coverageWhere(const DashboardFilter &f, qint64 fromMs, qint64 toMs)
{
    Where w;
    w.add(QStringLiteral("cv.deleted_at IS NULL"));
    w.add(QStringLiteral("(cv.campaign_id IS NULL OR cp.deleted_at IS NULL)"));
    w.add(QStringLiteral("cv.published_at >= :from"), QStringLiteral(":from"), fromMs);
    w.add(QStringLiteral("cv.published_at < :to"), QStringLiteral(":to"), toMs);
    if (f.userId > 0)
        w.add(QStringLiteral("COALESCE(p.user_id, cp.owner_id) = :user"), QStringLiteral(":user"), f.userId);
    if (f.campaignId > 0)
        w.add(QStringLiteral("cv.campaign_id = :campaign"), QStringLiteral(":campaign"), f.campaignId);
    if (f.clientId > 0)
        w.add(QStringLiteral("cp.client_id = :client"), QStringLiteral(":client"), f.clientId);
    return w;
}

const QString kCoverageFrom = QStringLiteral(
    "coverage cv LEFT JOIN campaigns cp ON cp.id = cv.campaign_id LEFT JOIN pitches p ON p.id = cv.pitch_id");

// Runs `sql` with the binds; calls `row` for each result row.
template <typename F>
Status run(Database &db, const QString &sql, const QVariantMap &binds, const QString &doing, F row)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return db.errorFrom(q, doing);
    for (auto it = binds.cbegin(); it != binds.cend(); ++it)
        q.bindValue(it.key(), it.value());
    if (!q.exec())
        return db.errorFrom(q, doing);
    while (q.next())
        row(q);
    return {};
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

} // namespace

Result<DashboardKpis> DashboardQuery::kpis(Database &db, const DashboardFilter &f)
{
    const QString doing = Tr::tr("computing the dashboard's figures");
    DashboardKpis k;
    const qint64 fromMs = f.fromMs(), toMs = f.toMs();
    {
        const Where w = interactionWhere(f, fromMs, toMs);
        auto n = scalar(db, QStringLiteral("SELECT count(*) FROM interactions i WHERE ") + w.sql(), w.binds, doing);
        if (!n)
            return n.error();
        k.interactions = *n;
    }
    {
        Where w = pitchWhere(f);
        w.add(QStringLiteral("p.pitched_at >= :from"), QStringLiteral(":from"), fromMs);
        w.add(QStringLiteral("p.pitched_at < :to"), QStringLiteral(":to"), toMs);
        if (Status s = run(db,
                QStringLiteral("SELECT count(*), sum(CASE WHEN %1 THEN 1 ELSE 0 END) FROM %2 WHERE %3")
                    .arg(pitchedWithin(), kPitchFrom, w.sql()),
                w.binds, doing,
                [&](QSqlQuery &q) {
                    k.pitchesSent = q.value(0).toLongLong();
                    k.pitchesReplied = q.value(1).toLongLong();
                });
            !s)
            return s.error();
    }
    {
        const Where w = coverageWhere(f, fromMs, toMs);
        if (Status s = run(db,
                QStringLiteral("SELECT count(*), sum(m) FROM (SELECT max(cv.reach) AS m FROM %1 WHERE %2 "
                               "GROUP BY COALESCE(cv.organization_id, -cv.id)) t")
                    .arg(kCoverageFrom, w.sql()),
                w.binds, doing, [&](QSqlQuery &q) { k.reach = q.value(1).toLongLong(); });
            !s)
            return s.error();
        auto n = scalar(
            db, QStringLiteral("SELECT count(*) FROM %1 WHERE %2").arg(kCoverageFrom, w.sql()), w.binds, doing);
        if (!n)
            return n.error();
        k.coveragePieces = *n;
    }
    {
        Where w;
        w.add(QStringLiteral("c.deleted_at IS NULL"));
        w.add(QStringLiteral("c.created_at >= :from"), QStringLiteral(":from"), fromMs);
        w.add(QStringLiteral("c.created_at < :to"), QStringLiteral(":to"), toMs);
        if (f.userId > 0)
            w.add(QStringLiteral("c.owner_id = :user"), QStringLiteral(":user"), f.userId);
        if (f.clientId > 0)
            w.add(QStringLiteral("c.organization_id = :client"), QStringLiteral(":client"), f.clientId);
        if (f.campaignId > 0)
            w.add(QStringLiteral(
                      "c.id IN (SELECT contact_id FROM pitches WHERE campaign_id = :campaign AND deleted_at IS NULL)"),
                QStringLiteral(":campaign"), f.campaignId);
        auto n = scalar(db, QStringLiteral("SELECT count(*) FROM contacts c WHERE ") + w.sql(), w.binds, doing);
        if (!n)
            return n.error();
        k.newContacts = *n;
    }
    return k;
}

Result<DashboardData> DashboardQuery::load(Database &db, const DashboardFilter &f)
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
    const auto bucketOfDay = [&](qint64 day) { return f.bucketOf(dayToDate(day)); };

    auto k = kpis(db, f);
    if (!k)
        return k.error();
    d.kpis = *k;
    auto pk = kpis(db, f.previous());
    if (!pk)
        return pk.error();
    d.previousKpis = *pk;

    // Interactions per day, channel and direction.
    {
        const Where w = interactionWhere(f, fromMs, toMs);
        const QString day = dayExpr(QStringLiteral("i.occurred_at"), f);
        if (Status s = run(db,
                QStringLiteral("SELECT %1, i.channel, i.direction, count(*) FROM interactions i WHERE %2 "
                               "GROUP BY %1, i.channel, i.direction")
                    .arg(day, w.sql()),
                w.binds, doing,
                [&](QSqlQuery &q) {
                    const int b = bucketOfDay(q.value(0).toLongLong());
                    const int c = int(d.channels.indexOf(q.value(1).toString()));
                    if (b < 0 || c < 0)
                        return;
                    (q.value(2).toString() == u"inbound" ? d.inbound : d.outbound)[b][c] += q.value(3).toLongLong();
                });
            !s)
            return s.error();
    }
    // Pitches sent per day, replies within kReplyDays, and every reply's delay for the median.
    {
        Where w = pitchWhere(f);
        w.add(QStringLiteral("p.pitched_at >= :from"), QStringLiteral(":from"), fromMs);
        w.add(QStringLiteral("p.pitched_at < :to"), QStringLiteral(":to"), toMs);
        const QString day = dayExpr(QStringLiteral("p.pitched_at"), f);
        if (Status s = run(db,
                QStringLiteral("SELECT %1, count(*), sum(CASE WHEN %2 THEN 1 ELSE 0 END) FROM %3 WHERE %4 GROUP BY %1")
                    .arg(day, pitchedWithin(), kPitchFrom, w.sql()),
                w.binds, doing,
                [&](QSqlQuery &q) {
                    const int b = bucketOfDay(q.value(0).toLongLong());
                    if (b < 0)
                        return;
                    d.pitched[b] += q.value(1).toLongLong();
                    d.replied[b] += q.value(2).toLongLong();
                });
            !s)
            return s.error();
        QList<qint64> delays;
        if (Status s = run(db,
                QStringLiteral("SELECT p.replied_at - p.pitched_at FROM %1 WHERE %2 AND p.replied_at IS NOT NULL "
                               "AND p.replied_at >= p.pitched_at")
                    .arg(kPitchFrom, w.sql()),
                w.binds, doing, [&](QSqlQuery &q) { delays << q.value(0).toLongLong(); });
            !s)
            return s.error();
        if (!delays.isEmpty()) {
            std::sort(delays.begin(), delays.end());
            const qsizetype n = delays.size();
            d.medianReplyMs = n % 2 ? delays.at(n / 2) : (delays.at(n / 2 - 1) + delays.at(n / 2)) / 2;
        }
    }
    // The funnel: pitches whose pitch (or, not pitched yet, whose creation) falls in the period.
    {
        Where w = pitchWhere(f);
        w.add(QStringLiteral("COALESCE(p.pitched_at, p.created_at) >= :from"), QStringLiteral(":from"), fromMs);
        w.add(QStringLiteral("COALESCE(p.pitched_at, p.created_at) < :to"), QStringLiteral(":to"), toMs);
        if (Status s = run(db,
                QStringLiteral("SELECT p.status, count(*) FROM %1 WHERE %2 GROUP BY p.status").arg(kPitchFrom, w.sql()),
                w.binds, doing,
                [&](QSqlQuery &q) {
                    const QString status = q.value(0).toString();
                    const qint64 n = q.value(1).toLongLong();
                    int reached = 0;
                    if (status == u"pitched")
                        reached = 1;
                    else if (status == u"replied" || status == u"declined")
                        reached = 2;
                    else if (status == u"interested")
                        reached = 3;
                    else if (status == u"covered")
                        reached = 4;
                    for (int s = 0; s <= reached; ++s)
                        d.funnel[s] += n;
                });
            !s)
            return s.error();
    }
    // Coverage per day and sentiment.
    {
        const Where w = coverageWhere(f, fromMs, toMs);
        const QString day = dayExpr(QStringLiteral("cv.published_at"), f);
        if (Status s = run(db,
                QStringLiteral("SELECT %1, cv.sentiment, count(*), COALESCE(sum(cv.reach), 0) FROM %2 WHERE %3 "
                               "GROUP BY %1, cv.sentiment")
                    .arg(day, kCoverageFrom, w.sql()),
                w.binds, doing,
                [&](QSqlQuery &q) {
                    const int b = bucketOfDay(q.value(0).toLongLong());
                    if (b < 0)
                        return;
                    const qint64 n = q.value(2).toLongLong();
                    d.coverage[b] += n;
                    d.coverageReach[b] += q.value(3).toLongLong();
                    if (q.value(1).isNull())
                        d.unrated[b] += n;
                    else if (q.value(1).toInt() > 0)
                        d.positive[b] += n;
                    else if (q.value(1).toInt() < 0)
                        d.negative[b] += n;
                    else
                        d.neutral[b] += n;
                });
            !s)
            return s.error();
        // Top outlets: most pieces, then the largest reach.
        if (Status s = run(db,
                QStringLiteral("SELECT o.id, o.name, t.n, t.r FROM (SELECT cv.organization_id AS org, count(*) AS n, "
                               "COALESCE(max(cv.reach), 0) AS r FROM %1 WHERE %2 AND cv.organization_id IS NOT NULL "
                               "GROUP BY cv.organization_id) t JOIN organizations o ON o.id = t.org "
                               "ORDER BY t.n DESC, t.r DESC, o.id LIMIT %3")
                    .arg(kCoverageFrom, w.sql())
                    .arg(kTopRows),
                w.binds, doing,
                [&](QSqlQuery &q) {
                    d.topOutlets << DashboardOutlet { q.value(0).toLongLong(), q.value(1).toString(),
                        q.value(2).toLongLong(), q.value(3).toLongLong() };
                });
            !s)
            return s.error();
    }
    // Top relationships: the live contacts with the most interactions in the period.
    {
        const Where w = interactionWhere(f, fromMs, toMs);
        if (Status s = run(db,
                QStringLiteral("SELECT c.id, c.display_name, t.n, c.health_score, c.last_contacted_at FROM "
                               "(SELECT i.contact_id AS cid, count(*) AS n FROM interactions i WHERE %1 "
                               "GROUP BY i.contact_id) t JOIN contacts c ON c.id = t.cid AND c.deleted_at IS NULL "
                               "ORDER BY t.n DESC, c.id LIMIT %2")
                    .arg(w.sql())
                    .arg(kTopRows),
                w.binds, doing,
                [&](QSqlQuery &q) {
                    d.topRelationships << DashboardPerson { q.value(0).toLongLong(), q.value(1).toString(),
                        q.value(2).toLongLong(), q.value(3).isNull() ? -1 : q.value(3).toInt(), Sql::time(q.value(4)) };
                });
            !s)
            return s.error();
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
        if (Status s = run(db,
                QStringLiteral("SELECT c.id, c.display_name, c.health_score, c.last_contacted_at FROM contacts c "
                               "WHERE %1 ORDER BY c.health_score DESC, c.last_contacted_at, c.id LIMIT %2")
                    .arg(w.sql())
                    .arg(kTopRows),
                w.binds, doing,
                [&](QSqlQuery &q) {
                    d.coolingRelationships << DashboardPerson { q.value(0).toLongLong(), q.value(1).toString(), 0,
                        q.value(2).toInt(), Sql::time(q.value(3)) };
                });
            !s)
            return s.error();
    }
    // Team activity: interactions per account manager and channel.
    {
        const Where w = interactionWhere(f, fromMs, toMs);
        QHash<qint64, int> rowOf;
        if (Status s = run(db,
                QStringLiteral("SELECT COALESCE(t.uid, 0), u.name, t.channel, t.n FROM (SELECT i.user_id AS uid, "
                               "i.channel AS channel, count(*) AS n FROM interactions i WHERE %1 "
                               "GROUP BY i.user_id, i.channel) t LEFT JOIN users u ON u.id = t.uid "
                               "ORDER BY u.name, COALESCE(t.uid, 0)")
                    .arg(w.sql()),
                w.binds, doing,
                [&](QSqlQuery &q) {
                    const qint64 uid = q.value(0).toLongLong();
                    auto it = rowOf.find(uid);
                    if (it == rowOf.end()) {
                        it = rowOf.insert(uid, int(d.team.size()));
                        d.team << DashboardTeamRow { uid,
                            uid > 0 ? q.value(1).toString()
                                    : Tr::tr("Nobody", "interactions without an account manager"),
                            QList<qint64>(nc, 0) };
                    }
                    const int c = int(d.channels.indexOf(q.value(2).toString()));
                    if (c >= 0)
                        d.team[*it].perChannel[c] += q.value(3).toLongLong();
                });
            !s)
            return s.error();
        // Nobody last; the rest by name.
        std::stable_sort(d.team.begin(), d.team.end(),
            [](const DashboardTeamRow &a, const DashboardTeamRow &b) { return (a.userId == 0) < (b.userId == 0); });
    }
    // Social engagement: synced mentions and replies (Inbox items too: people who are no contact yet) and
    // the accounts' likes, boosts and follows. Only the period applies.
    {
        Where w;
        w.add(QStringLiteral("i.deleted_at IS NULL"));
        w.add(QStringLiteral("i.source <> 'manual'"));
        w.add(QStringLiteral("i.channel IN ('mention', 'reply')"));
        w.add(QStringLiteral("i.occurred_at >= :from"), QStringLiteral(":from"), fromMs);
        w.add(QStringLiteral("i.occurred_at < :to"), QStringLiteral(":to"), toMs);
        const QString day = dayExpr(QStringLiteral("i.occurred_at"), f);
        if (Status s = run(db,
                QStringLiteral("SELECT %1, i.channel, count(*) FROM interactions i WHERE %2 GROUP BY %1, i.channel")
                    .arg(day, w.sql()),
                w.binds, doing,
                [&](QSqlQuery &q) {
                    const int b = bucketOfDay(q.value(0).toLongLong());
                    if (b >= 0)
                        (q.value(1).toString() == u"reply" ? d.replies : d.mentions)[b] += q.value(2).toLongLong();
                });
            !s)
            return s.error();
        Where e;
        e.add(QStringLiteral("e.occurred_at >= :from"), QStringLiteral(":from"), fromMs);
        e.add(QStringLiteral("e.occurred_at < :to"), QStringLiteral(":to"), toMs);
        const QString eday = dayExpr(QStringLiteral("e.occurred_at"), f);
        if (Status s = run(db,
                QStringLiteral("SELECT %1, e.kind, count(*) FROM engagement_events e WHERE %2 GROUP BY %1, e.kind")
                    .arg(eday, e.sql()),
                e.binds, doing,
                [&](QSqlQuery &q) {
                    const int b = bucketOfDay(q.value(0).toLongLong());
                    if (b < 0)
                        return;
                    const QString kind = q.value(1).toString();
                    const qint64 n = q.value(2).toLongLong();
                    if (kind == u"like")
                        d.likes[b] += n;
                    else if (kind == u"boost")
                        d.boosts[b] += n;
                    else if (kind == u"follow")
                        d.follows[b] += n;
                    else
                        d.mentions[b] += n; // a quote names the account: a mention
                });
            !s)
            return s.error();
    }
    return d;
}

Result<QList<DashboardDrillRow>> DashboardQuery::drill(
    Database &db, const DashboardFilter &filter, const DashboardDrill &dr, int limit)
{
    const QString doing = Tr::tr("reading the rows behind the chart");
    DashboardFilter f = filter;
    if (dr.from.isValid() && dr.to.isValid()) {
        f.from = dr.from;
        f.to = dr.to;
    }
    const qint64 fromMs = f.fromMs(), toMs = f.toMs();
    QList<DashboardDrillRow> rows;
    switch (dr.kind) {
    case DashboardDrill::Kind::Interactions: {
        Where w;
        if (dr.channel == u"social") {
            w.add(QStringLiteral("i.deleted_at IS NULL"));
            w.add(QStringLiteral("i.source <> 'manual'"));
            w.add(QStringLiteral("i.channel IN ('mention', 'reply')"));
            w.add(QStringLiteral("i.occurred_at >= :from"), QStringLiteral(":from"), fromMs);
            w.add(QStringLiteral("i.occurred_at < :to"), QStringLiteral(":to"), toMs);
        } else {
            if (dr.userId >= 0)
                f.userId = 0; // replaced by the drill's own below
            if (!dr.channel.isEmpty())
                f.channel = dr.channel;
            w = interactionWhere(f, fromMs, toMs);
            if (dr.userId > 0)
                w.add(QStringLiteral("i.user_id = :duser"), QStringLiteral(":duser"), dr.userId);
            else if (dr.userId == 0)
                w.add(QStringLiteral("i.user_id IS NULL"));
        }
        if (!dr.direction.isEmpty())
            w.add(QStringLiteral("i.direction = :direction"), QStringLiteral(":direction"), dr.direction);
        if (dr.contactId > 0)
            w.add(QStringLiteral("i.contact_id = :contact"), QStringLiteral(":contact"), dr.contactId);
        if (Status s = run(db,
                QStringLiteral(
                    "SELECT i.id, i.occurred_at, i.contact_id, COALESCE(c.display_name, i.author_name, "
                    "i.author_handle), i.campaign_id, cp.name, COALESCE(i.subject, substr(i.body, 1, 120)), "
                    "i.channel, i.direction, i.url FROM interactions i "
                    "LEFT JOIN contacts c ON c.id = i.contact_id LEFT JOIN campaigns cp ON cp.id = i.campaign_id "
                    "WHERE %1 ORDER BY i.occurred_at DESC, i.id DESC LIMIT %2")
                    .arg(w.sql())
                    .arg(limit),
                w.binds, doing,
                [&](QSqlQuery &q) {
                    DashboardDrillRow r;
                    r.kind = dr.kind;
                    r.id = q.value(0).toLongLong();
                    r.when = Sql::time(q.value(1));
                    r.contactId = q.value(2).toLongLong();
                    r.contactName = q.value(3).toString();
                    r.campaignId = q.value(4).toLongLong();
                    r.campaignName = q.value(5).toString();
                    r.text = q.value(6).toString().simplified();
                    r.detail = Interaction::channelLabel(q.value(7).toString()) + QStringLiteral(" · ")
                        + Interaction::directionLabel(q.value(8).toString());
                    r.url = q.value(9).toString();
                    rows << r;
                });
            !s)
            return s.error();
        break;
    }
    case DashboardDrill::Kind::Pitches: {
        Where w = pitchWhere(f);
        QString when = QStringLiteral("p.pitched_at");
        if (dr.stage >= 0) {
            when = QStringLiteral("COALESCE(p.pitched_at, p.created_at)");
            static const char *const reached[]
                = { nullptr, "p.status <> 'planned'", "p.status IN ('replied', 'declined', 'interested', 'covered')",
                      "p.status IN ('interested', 'covered')", "p.status = 'covered'" };
            if (dr.stage > 0 && dr.stage < 5)
                w.add(QString::fromLatin1(reached[dr.stage]));
        }
        w.add(when + QStringLiteral(" >= :from"), QStringLiteral(":from"), fromMs);
        w.add(when + QStringLiteral(" < :to"), QStringLiteral(":to"), toMs);
        if (dr.repliedOnly)
            w.add(pitchedWithin());
        if (dr.contactId > 0)
            w.add(QStringLiteral("p.contact_id = :contact"), QStringLiteral(":contact"), dr.contactId);
        if (Status s = run(db,
                QStringLiteral("SELECT p.id, %1, p.contact_id, c.display_name, p.campaign_id, cp.name, p.status, "
                               "p.replied_at FROM %2 JOIN contacts c ON c.id = p.contact_id WHERE %3 "
                               "ORDER BY %1 DESC, p.id DESC LIMIT %4")
                    .arg(when, kPitchFrom, w.sql())
                    .arg(limit),
                w.binds, doing,
                [&](QSqlQuery &q) {
                    DashboardDrillRow r;
                    r.kind = dr.kind;
                    r.id = q.value(0).toLongLong();
                    r.when = Sql::time(q.value(1));
                    r.contactId = q.value(2).toLongLong();
                    r.contactName = q.value(3).toString();
                    r.campaignId = q.value(4).toLongLong();
                    r.campaignName = q.value(5).toString();
                    r.text = r.campaignName;
                    r.detail = q.value(6).toString();
                    rows << r;
                });
            !s)
            return s.error();
        break;
    }
    case DashboardDrill::Kind::Coverage: {
        Where w = coverageWhere(f, fromMs, toMs);
        if (dr.sentiment == 3)
            w.add(QStringLiteral("cv.sentiment IS NULL"));
        else if (dr.sentiment >= -1 && dr.sentiment <= 1)
            w.add(QStringLiteral("cv.sentiment = :sentiment"), QStringLiteral(":sentiment"), dr.sentiment);
        if (dr.organizationId > 0)
            w.add(QStringLiteral("cv.organization_id = :org"), QStringLiteral(":org"), dr.organizationId);
        if (Status s = run(db,
                QStringLiteral(
                    "SELECT cv.id, cv.published_at, cv.contact_id, c.display_name, cv.campaign_id, cp.name, "
                    "cv.title, o.name, cv.reach, cv.url FROM %1 LEFT JOIN contacts c ON c.id = cv.contact_id "
                    "LEFT JOIN organizations o ON o.id = cv.organization_id WHERE %2 "
                    "ORDER BY cv.published_at DESC, cv.id DESC LIMIT %3")
                    .arg(kCoverageFrom, w.sql())
                    .arg(limit),
                w.binds, doing,
                [&](QSqlQuery &q) {
                    DashboardDrillRow r;
                    r.kind = dr.kind;
                    r.id = q.value(0).toLongLong();
                    r.when = Sql::time(q.value(1));
                    r.contactId = q.value(2).toLongLong();
                    r.contactName = q.value(3).toString();
                    r.campaignId = q.value(4).toLongLong();
                    r.campaignName = q.value(5).toString();
                    r.text = q.value(6).toString();
                    r.detail = q.value(7).toString();
                    r.reach = q.value(8).isNull() ? -1 : q.value(8).toLongLong();
                    r.url = q.value(9).toString();
                    rows << r;
                });
            !s)
            return s.error();
        break;
    }
    }
    return rows;
}

Result<QList<CoverageRow>> DashboardQuery::coverageRows(Database &db, const DashboardFilter &f, int limit)
{
    const QString doing = Tr::tr("reading the coverage");
    const Where w = coverageWhere(f, f.fromMs(), f.toMs());
    QList<CoverageRow> rows;
    if (Status s = run(db,
            QStringLiteral("SELECT cv.published_at, cv.title, o.name, cv.reach, cv.sentiment, cv.url, cp.name FROM %1 "
                           "LEFT JOIN organizations o ON o.id = cv.organization_id WHERE %2 "
                           "ORDER BY cv.published_at DESC, cv.id DESC LIMIT %3")
                .arg(kCoverageFrom, w.sql())
                .arg(limit),
            w.binds, doing,
            [&](QSqlQuery &q) {
                rows << CoverageRow { Sql::time(q.value(0)), q.value(1).toString(), q.value(2).toString(),
                    q.value(3).isNull() ? -1 : q.value(3).toLongLong(), q.value(4).isNull() ? 2 : q.value(4).toInt(),
                    q.value(5).toString(), q.value(6).toString() };
            });
        !s)
        return s.error();
    return rows;
}

namespace {

Result<QList<DashboardQuery::Choice>> choices(Database &db, const QString &sql, const QVariantMap &binds)
{
    QList<DashboardQuery::Choice> list;
    if (Status s = run(db, sql, binds, Tr::tr("reading the dashboard's filters"),
            [&](QSqlQuery &q) {
                list << DashboardQuery::Choice { q.value(0).toLongLong(), q.value(1).toString() };
            });
        !s)
        return s.error();
    return list;
}

} // namespace

Result<QList<DashboardQuery::Choice>> DashboardQuery::accountManagers(Database &db)
{
    return choices(db, QStringLiteral("SELECT id, name FROM users WHERE deleted_at IS NULL ORDER BY name, id"), {});
}

Result<QList<DashboardQuery::Choice>> DashboardQuery::clients(Database &db)
{
    return choices(db,
        QStringLiteral("SELECT o.id, o.name FROM organizations o WHERE o.deleted_at IS NULL AND (o.kind = 'client' "
                       "OR o.id IN (SELECT client_id FROM campaigns WHERE deleted_at IS NULL)) ORDER BY o.name, o.id"),
        {});
}

Result<QList<DashboardQuery::Choice>> DashboardQuery::campaigns(Database &db, qint64 clientId)
{
    if (clientId > 0)
        return choices(db,
            QStringLiteral("SELECT id, name FROM campaigns WHERE deleted_at IS NULL AND client_id = :client "
                           "ORDER BY starts_at DESC, id DESC"),
            { { QStringLiteral(":client"), clientId } });
    return choices(db,
        QStringLiteral("SELECT id, name FROM campaigns WHERE deleted_at IS NULL ORDER BY starts_at DESC, id DESC"), {});
}

Result<qint64> DashboardQuery::clientOfCampaign(Database &db, qint64 campaignId)
{
    return scalar(db, QStringLiteral("SELECT COALESCE(client_id, 0) FROM campaigns WHERE id = :id"),
        { { QStringLiteral(":id"), campaignId } }, Tr::tr("reading a campaign"));
}

Result<QString> DashboardQuery::organizationName(Database &db, qint64 id)
{
    QString name;
    if (Status s = run(db, QStringLiteral("SELECT name FROM organizations WHERE id = :id AND deleted_at IS NULL"),
            { { QStringLiteral(":id"), id } }, Tr::tr("reading an organization"),
            [&](QSqlQuery &q) { name = q.value(0).toString(); });
        !s)
        return s.error();
    return name;
}

Result<QString> DashboardQuery::campaignName(Database &db, qint64 id)
{
    QString name;
    if (Status s = run(db, QStringLiteral("SELECT name FROM campaigns WHERE id = :id AND deleted_at IS NULL"),
            { { QStringLiteral(":id"), id } }, Tr::tr("reading a campaign"),
            [&](QSqlQuery &q) { name = q.value(0).toString(); });
        !s)
        return s.error();
    return name;
}
