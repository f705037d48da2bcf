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

// Interactions with a contact (Inbox items are not conversations yet) in [from, to), with the filters.
// toMs <= fromMs: no time test (the caller's).
Where interactionWhere(const DashboardFilter &f, qint64 fromMs, qint64 toMs)
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

// How a period's buckets fall on the rollups' UTC days. The bucket edges are local midnights, each computed for
// its own day (so a change to or from daylight saving time inside the period moves no row to another bucket).
// A UTC day wholly inside one bucket is read from a rollup; the UTC days an edge cuts (a local midnight that is
// not a UTC one: every edge outside UTC) are read from the raw rows, by index, so the figures are exact.
struct Slices
{
    QList<qint64> edges; // buckets + 1 instants: bucket b is [edges[b], edges[b + 1])
    qint64 firstDay = 0; // the whole UTC days: [firstDay, lastDay] without cutDays
    qint64 lastDay = -1;
    QList<qint64> cutDays;
    QList<QPair<qint64, qint64>> raw; // the rest, as [from, to) instants

    static qint64 floorDay(qint64 ms) { return ms >= 0 ? ms / kDayMs : -((-ms + kDayMs - 1) / kDayMs); }
    static qint64 ceilDay(qint64 ms) { return -floorDay(-ms); }

    // `rollups` false: everything from the raw rows (a filter the rollups do not carry).
    static Slices of(const DashboardFilter &f, bool rollups = true)
    {
        Slices s;
        const QList<QDate> starts = f.bucketStarts();
        for (const QDate &start : starts)
            s.edges << dashboardDayStartMs(qMax(start, f.from));
        s.edges << f.toMs();
        const qint64 from = s.edges.constFirst(), to = s.edges.constLast();
        if (!rollups) {
            s.raw << qMakePair(from, to);
            return s;
        }
        s.firstDay = ceilDay(from);
        s.lastDay = floorDay(to) - 1;
        QList<qint64> rawDays;
        for (int b = 0; b < s.edges.size(); ++b) {
            const qint64 edge = s.edges.at(b);
            if (edge % kDayMs == 0)
                continue;
            const qint64 day = floorDay(edge);
            if (!rawDays.contains(day))
                rawDays << day;
            if (b > 0 && b + 1 < s.edges.size() && day >= s.firstDay && day <= s.lastDay && !s.cutDays.contains(day))
                s.cutDays << day;
        }
        if (s.firstDay > s.lastDay) { // shorter than a whole UTC day
            s.raw = { qMakePair(from, to) };
            s.cutDays.clear();
            return s;
        }
        std::sort(rawDays.begin(), rawDays.end());
        for (qint64 day : std::as_const(rawDays)) {
            const qint64 a = qMax(day * kDayMs, from), b = qMin((day + 1) * kDayMs, to);
            if (a >= b)
                continue;
            if (!s.raw.isEmpty() && s.raw.constLast().second == a)
                s.raw.last().second = b;
            else
                s.raw << qMakePair(a, b);
        }
        return s;
    }

    bool hasDays() const { return firstDay <= lastDay; }
    int buckets() const { return int(edges.size()) - 1; }

    // The rollup rows of the whole days (`column` is a day).
    QString daySql(const QString &column) const
    {
        QString sql = QStringLiteral("%1 >= %2 AND %1 <= %3").arg(column).arg(firstDay).arg(lastDay);
        if (!cutDays.isEmpty()) {
            QStringList days;
            for (qint64 d : cutDays)
                days << QString::number(d);
            sql += QStringLiteral(" AND %1 NOT IN (%2)").arg(column, days.join(QStringLiteral(", ")));
        }
        return sql;
    }
    // The raw rows of the rest (`column` is an instant).
    QString msSql(const QString &column) const
    {
        QStringList ranges;
        for (const auto &[a, b] : raw)
            ranges << QStringLiteral("(%1 >= %2 AND %1 < %3)").arg(column).arg(a).arg(b);
        return ranges.isEmpty() ? QStringLiteral("1 = 0") : QStringLiteral("(%1)").arg(ranges.join(QStringLiteral(" OR ")));
    }
    // The bucket of a whole day / of an instant, as an SQL expression.
    QString dayBucket(const QString &column) const
    {
        QStringList when;
        for (int b = 1; b < buckets(); ++b)
            when << QStringLiteral("WHEN %1 < %2 THEN %3").arg(column).arg(ceilDay(edges.at(b))).arg(b - 1);
        return when.isEmpty() ? QStringLiteral("0")
                              : QStringLiteral("CASE %1 ELSE %2 END").arg(when.join(u' ')).arg(buckets() - 1);
    }
    QString msBucket(const QString &column) const
    {
        QStringList when;
        for (int b = 1; b < buckets(); ++b)
            when << QStringLiteral("WHEN %1 < %2 THEN %3").arg(column).arg(edges.at(b)).arg(b - 1);
        return when.isEmpty() ? QStringLiteral("0")
                              : QStringLiteral("CASE %1 ELSE %2 END").arg(when.join(u' ')).arg(buckets() - 1);
    }
};

// The filters the rollups cannot answer: a client also selects interactions through the contact's employer.
bool interactionRollupsServe(const DashboardFilter &f)
{
    return f.clientId <= 0;
}

// Cells: one row per group; Total: one sum (the previous period's KPIs), without the cost of grouping.
enum class Group { Cells, Total };

// Live interactions with a contact, per bucket, channel, direction and account manager (0 = nobody); Total:
// one cell with the sum (bucket 0, no channel).
template <typename F>
Status interactionCells(
    Database &db, const DashboardFilter &f, const Slices &s, const QString &doing, F cell, Group group = Group::Cells)
{
    const bool total = group == Group::Total;
    const auto row = [&](QSqlQuery &q) {
        cell(q.value(0).toInt(), q.value(1).toString(), q.value(2).toString() == u"inbound", q.value(3).toLongLong(),
            q.value(4).toLongLong());
    };
    if (s.hasDays()) {
        Where w;
        w.add(QStringLiteral("r.with_contact = 1"));
        w.add(s.daySql(QStringLiteral("r.day")));
        if (f.userId > 0)
            w.add(QStringLiteral("r.user_id = :user"), QStringLiteral(":user"), f.userId);
        if (f.campaignId > 0)
            w.add(QStringLiteral("r.campaign_id = :campaign"), QStringLiteral(":campaign"), f.campaignId);
        if (!f.channel.isEmpty())
            w.add(QStringLiteral("r.channel = :channel"), QStringLiteral(":channel"), f.channel);
        const QString sql = total
            ? QStringLiteral("SELECT 0, '', '', 0, COALESCE(sum(r.n), 0) FROM interaction_rollup r WHERE %1").arg(w.sql())
            : QStringLiteral("SELECT %1, r.channel, r.direction, r.user_id, sum(r.n) FROM interaction_rollup r "
                             "WHERE %2 GROUP BY 1, r.channel, r.direction, r.user_id")
                  .arg(s.dayBucket(QStringLiteral("r.day")), w.sql());
        if (Status st = run(db, sql, w.binds, doing, row); !st)
            return st;
    }
    if (s.raw.isEmpty())
        return {};
    Where w = interactionWhere(f, 0, 0);
    w.add(s.msSql(QStringLiteral("i.occurred_at")));
    const QString sql = total
        ? QStringLiteral("SELECT 0, '', '', 0, count(*) FROM interactions i WHERE %1").arg(w.sql())
        : QStringLiteral("SELECT %1, i.channel, i.direction, COALESCE(i.user_id, 0), count(*) FROM interactions i "
                         "WHERE %2 GROUP BY 1, i.channel, i.direction, COALESCE(i.user_id, 0)")
              .arg(s.msBucket(QStringLiteral("i.occurred_at")), w.sql());
    return run(db, sql, w.binds, doing, row);
}

// Live pitches of live campaigns by the day of COALESCE(pitched_at, created_at): per bucket, status, whether
// pitched and whether replied within kReplyDays.
// Total: the pitches sent, as two cells (not replied, replied), without the cost of grouping.
template <typename F>
Status pitchCells(
    Database &db, const DashboardFilter &f, const Slices &s, const QString &doing, F cell, Group group = Group::Cells)
{
    const bool total = group == Group::Total;
    const auto row = [&](QSqlQuery &q) {
        if (total) {
            cell(0, QStringLiteral("pitched"), true, false, q.value(0).toLongLong());
            cell(0, QStringLiteral("pitched"), true, true, q.value(1).toLongLong());
            return;
        }
        cell(q.value(0).toInt(), q.value(1).toString(), q.value(2).toInt() != 0, q.value(3).toInt() != 0,
            q.value(4).toLongLong());
    };
    if (s.hasDays()) {
        Where w;
        w.add(QStringLiteral("cp.deleted_at IS NULL"));
        w.add(s.daySql(QStringLiteral("r.day")));
        if (f.userId > 0)
            w.add(QStringLiteral("r.user_id = :user"), QStringLiteral(":user"), f.userId);
        if (f.campaignId > 0)
            w.add(QStringLiteral("r.campaign_id = :campaign"), QStringLiteral(":campaign"), f.campaignId);
        if (f.clientId > 0)
            w.add(QStringLiteral("cp.client_id = :client"), QStringLiteral(":client"), f.clientId);
        const QString sql = total
            ? QStringLiteral("SELECT COALESCE(sum(CASE WHEN r.replied = 0 THEN r.n END), 0), "
                             "COALESCE(sum(CASE WHEN r.replied = 1 THEN r.n END), 0) FROM pitch_rollup r "
                             "JOIN campaigns cp ON cp.id = r.campaign_id WHERE %1 AND r.pitched = 1")
                  .arg(w.sql())
            : QStringLiteral("SELECT %1, r.status, r.pitched, r.replied, sum(r.n) FROM pitch_rollup r "
                             "JOIN campaigns cp ON cp.id = r.campaign_id WHERE %2 "
                             "GROUP BY 1, r.status, r.pitched, r.replied")
                  .arg(s.dayBucket(QStringLiteral("r.day")), w.sql());
        if (Status st = run(db, sql, w.binds, doing, row); !st)
            return st;
    }
    if (s.raw.isEmpty())
        return {};
    Where w = pitchWhere(f);
    const QString day = QStringLiteral("COALESCE(p.pitched_at, p.created_at)");
    w.add(s.msSql(day));
    const QString pitched = QStringLiteral("CASE WHEN p.pitched_at IS NULL THEN 0 ELSE 1 END");
    const QString replied = QStringLiteral("CASE WHEN %1 THEN 1 ELSE 0 END").arg(pitchedWithin());
    if (total)
        return run(db,
            QStringLiteral("SELECT COALESCE(sum(1 - %1), 0), COALESCE(sum(%1), 0) FROM %2 WHERE %3 "
                           "AND p.pitched_at IS NOT NULL")
                .arg(replied, kPitchFrom, w.sql()),
            w.binds, doing, row);
    return run(db,
        QStringLiteral("SELECT %1, p.status, %2, %3, count(*) FROM %4 WHERE %5 GROUP BY 1, p.status, %2, %3")
            .arg(s.msBucket(day), pitched, replied, kPitchFrom, w.sql()),
        w.binds, doing, row);
}

// Live coverage with a publication date: per bucket and sentiment (2 = unrated), pieces and their known reach.
template <typename F>
Status coverageCells(Database &db, const DashboardFilter &f, const Slices &s, const QString &doing, F cell)
{
    const auto row = [&](QSqlQuery &q) {
        cell(q.value(0).toInt(), q.value(1).toInt(), q.value(2).toLongLong(), q.value(3).toLongLong());
    };
    if (s.hasDays()) {
        Where w;
        w.add(QStringLiteral("(r.campaign_id = 0 OR cp.deleted_at IS NULL)"));
        w.add(s.daySql(QStringLiteral("r.day")));
        // The pitch's account manager, else the campaign's owner (as coverageWhere).
        if (f.userId > 0)
            w.add(QStringLiteral("(CASE WHEN r.user_id <> 0 THEN r.user_id ELSE cp.owner_id END) = :user"),
                QStringLiteral(":user"), f.userId);
        if (f.campaignId > 0)
            w.add(QStringLiteral("r.campaign_id = :campaign"), QStringLiteral(":campaign"), f.campaignId);
        if (f.clientId > 0)
            w.add(QStringLiteral("cp.client_id = :client"), QStringLiteral(":client"), f.clientId);
        if (Status st = run(db,
                QStringLiteral("SELECT %1, r.sentiment, sum(r.n), sum(r.reach) FROM coverage_rollup r "
                               "LEFT JOIN campaigns cp ON cp.id = r.campaign_id WHERE %2 GROUP BY 1, r.sentiment")
                    .arg(s.dayBucket(QStringLiteral("r.day")), w.sql()),
                w.binds, doing, row);
            !st)
            return st;
    }
    if (s.raw.isEmpty())
        return {};
    Where w = coverageWhere(f, 0, 0);
    w.add(s.msSql(QStringLiteral("cv.published_at")));
    return run(db,
        QStringLiteral("SELECT %1, COALESCE(cv.sentiment, 2), count(*), COALESCE(sum(cv.reach), 0) FROM %2 WHERE %3 "
                       "GROUP BY 1, COALESCE(cv.sentiment, 2)")
            .arg(s.msBucket(QStringLiteral("cv.published_at")), kCoverageFrom, w.sql()),
        w.binds, doing, row);
}

// Social engagement per bucket: synced mentions and replies (Inbox items too) and the engagement events by
// kind ("mention", "reply", "like", "boost", "follow", "quote").
template <typename F>
Status socialCells(Database &db, const Slices &s, const QString &doing, F cell)
{
    const auto row = [&](QSqlQuery &q) { cell(q.value(0).toInt(), q.value(1).toString(), q.value(2).toLongLong()); };
    if (s.hasDays()) {
        const QString days = s.daySql(QStringLiteral("r.day"));
        const QString bucket = s.dayBucket(QStringLiteral("r.day"));
        if (Status st = run(db,
                QStringLiteral("SELECT %1, r.channel, sum(r.n) FROM interaction_rollup r WHERE r.synced = 1 "
                               "AND r.channel IN ('mention', 'reply') AND %2 GROUP BY 1, r.channel")
                    .arg(bucket, days),
                {}, doing, row);
            !st)
            return st;
        if (Status st = run(db,
                QStringLiteral("SELECT %1, r.kind, sum(r.n) FROM engagement_rollup r WHERE %2 GROUP BY 1, r.kind")
                    .arg(bucket, days),
                {}, doing, row);
            !st)
            return st;
    }
    if (s.raw.isEmpty())
        return {};
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
            .arg(kCoverageFrom, w.sql()),
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

} // namespace

namespace {

// The KPI figures of `f` that the per-bucket cells give (interactions, pitches sent and replied, coverage pieces),
// summed over the cells; reach and new contacts read the rows.
Result<DashboardKpis> kpisOf(Database &db, const DashboardFilter &f, DashboardQuery::Source source, const QString &doing)
{
    const bool rollups = source == DashboardQuery::Source::Rollups;
    DashboardKpis k;
    if (Status s = interactionCells(
            db, f, Slices::of(f, rollups && interactionRollupsServe(f)), doing,
            [&](int, const QString &, bool, qint64, qint64 n) { k.interactions += n; }, Group::Total);
        !s)
        return s.error();
    const Slices slices = Slices::of(f, rollups);
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
    const bool rollups = source == Source::Rollups;
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
    const Slices slices = Slices::of(f, rollups);
    const auto inRange = [nb](int b) { return b >= 0 && b < nb; };

    auto pk = kpisOf(db, f.previous(), source, doing);
    if (!pk)
        return pk.error();
    d.previousKpis = *pk;

    // Interactions per bucket, channel and direction; the team's per account manager and channel; the KPI.
    {
        QHash<qint64, QList<qint64>> perUser;
        if (Status s = interactionCells(db, f, Slices::of(f, rollups && interactionRollupsServe(f)), doing,
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
    // Top relationships: the live contacts with the most interactions in the period. The counts are ranked alone
    // (the first `wanted` by count, then id), and only those contacts are read, for their names and whether
    // they are live; should trashed contacts leave fewer than ten, four times as many are ranked. (Joining the
    // contacts before ranking read every contact on PostgreSQL.) Over months, SQLite counts in one pass over the
    // contact-ordered index (a third of the million grouped by time costs three times more); PostgreSQL hashes
    // the time range on its own.
    {
        const Where w = interactionWhere(f, fromMs, toMs);
        const QString byContact = !db.isPostgres() && f.bucket() == DashboardFilter::Bucket::Month
            ? QStringLiteral(" INDEXED BY interactions_live_contact")
            : QString();
        for (int wanted = kTopRows * 2;; wanted *= 4) {
            QList<QPair<qint64, qint64>> ranked; // contact, count
            if (Status s = run(db,
                    QStringLiteral("SELECT i.contact_id, count(*) AS n FROM interactions i%1 WHERE %2 "
                                   "GROUP BY i.contact_id ORDER BY n DESC, i.contact_id LIMIT %3")
                        .arg(byContact, w.sql())
                        .arg(wanted),
                    w.binds, doing,
                    [&](QSqlQuery &q) { ranked << qMakePair(q.value(0).toLongLong(), q.value(1).toLongLong()); });
                !s)
                return s.error();
            QStringList ids;
            for (const auto &r : std::as_const(ranked))
                ids << QString::number(r.first);
            QHash<qint64, DashboardPerson> live;
            if (!ids.isEmpty())
                if (Status s = run(db,
                        QStringLiteral("SELECT id, display_name, health_score, last_contacted_at FROM contacts "
                                       "WHERE deleted_at IS NULL AND id IN (%1)")
                            .arg(ids.join(u',')),
                        {}, doing,
                        [&](QSqlQuery &q) {
                            const qint64 id = q.value(0).toLongLong();
                            live.insert(id, DashboardPerson { id, q.value(1).toString(), 0,
                                                q.value(2).isNull() ? -1 : q.value(2).toInt(), Sql::time(q.value(3)) });
                        });
                    !s)
                    return s.error();
            d.topRelationships.clear();
            for (const auto &[id, n] : std::as_const(ranked)) {
                if (!live.contains(id))
                    continue;
                DashboardPerson person = live.value(id);
                person.count = n;
                d.topRelationships << person;
                if (d.topRelationships.size() == kTopRows)
                    break;
            }
            if (d.topRelationships.size() == kTopRows || ranked.size() < wanted)
                break;
        }
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
