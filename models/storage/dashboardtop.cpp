#include "dashboardtop.h"

#include "storage/dashboardslices.h"
#include "storage/dashboardsql.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace DashboardSql {

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DashboardQuery)
};

using Ranked = QList<QPair<qint64, qint64>>; // contact, count

// More contacts than this left by the rollup: counting every conversation costs less.
constexpr int kMaxCandidates = 4000;

QString list(const QList<qint64> &ids)
{
    QStringList out;
    out.reserve(ids.size());
    for (qint64 id : ids)
        out << QString::number(id);
    return out.join(u',');
}

// The live contacts among `ids`, added to `live` by id.
Status readLive(Database &db, const QList<qint64> &ids, const QString &doing, QHash<qint64, DashboardPerson> &live)
{
    if (ids.isEmpty())
        return {};
    return run(db,
        QStringLiteral("SELECT id, display_name, health_score, last_contacted_at FROM contacts "
                       "WHERE deleted_at IS NULL AND id IN (%1)")
            .arg(list(ids)),
        {}, doing, [&](QSqlQuery &q) {
            const qint64 id = q.value(0).toLongLong();
            live.insert(id, DashboardPerson { id, q.value(1).toString(), 0,
                                q.value(2).isNull() ? -1 : q.value(2).toInt(), Sql::time(q.value(3)) });
        });
}

// By count, then id.
void rank(Ranked &ranked)
{
    std::sort(ranked.begin(), ranked.end(),
        [](const auto &a, const auto &b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
}

// The first kTopRows live contacts of `ranked` (ranked already), with their counts.
QList<DashboardPerson> firstLive(const Ranked &ranked, const QHash<qint64, DashboardPerson> &live)
{
    QList<DashboardPerson> top;
    for (const auto &[id, n] : ranked) {
        auto it = live.constFind(id);
        if (it == live.cend())
            continue;
        DashboardPerson person = *it;
        person.count = n;
        top << person;
        if (top.size() == DashboardQuery::kTopRows)
            break;
    }
    return top;
}

// The conversations of the contacts `ids` in the filter, counted from the rows (by the contact-ordered index:
// a few rows per contact).
Status countOf(Database &db, const DashboardFilter &f, const QList<qint64> &ids, const QString &doing, Ranked &counted)
{
    if (ids.isEmpty())
        return {};
    Where w = interactionWhere(f, f.fromMs(), f.toMs(), db.isPostgres());
    w.add(QStringLiteral("i.contact_id IN (%1)").arg(list(ids)));
    const QString byContact = db.isPostgres() ? QString() : QStringLiteral(" INDEXED BY interactions_live_contact");
    return run(db,
        QStringLiteral("SELECT i.contact_id, count(*) FROM interactions i%1 WHERE %2 GROUP BY i.contact_id")
            .arg(byContact, w.sql()),
        w.binds, doing,
        [&](QSqlQuery &q) { counted << qMakePair(q.value(0).toLongLong(), q.value(1).toLongLong()); });
}

// Every conversation of the period counted per contact. The counts are ranked alone (the first `wanted` by count,
// then id), and only those contacts are read, for their names and whether they are live; should trashed contacts
// leave fewer than ten, four times as many are ranked. (Joining the contacts before ranking read every contact on
// PostgreSQL.) Over months, SQLite counts in one pass over the contact-ordered index (a third of the million
// grouped by time costs three times more); PostgreSQL hashes the time range on its own.
Result<QList<DashboardPerson>> countAll(Database &db, const DashboardFilter &f, const QString &doing)
{
    const Where w = interactionWhere(f, f.fromMs(), f.toMs(), db.isPostgres());
    const QString byContact = !db.isPostgres() && f.bucket() == DashboardFilter::Bucket::Month
        ? QStringLiteral(" INDEXED BY interactions_live_contact")
        : QString();
    for (int wanted = DashboardQuery::kTopRows * 2;; wanted *= 4) {
        Ranked ranked;
        if (Status s = run(db,
                QStringLiteral("SELECT i.contact_id, count(*) AS n FROM interactions i%1 WHERE %2 "
                               "GROUP BY i.contact_id ORDER BY n DESC, i.contact_id LIMIT %3")
                    .arg(byContact, w.sql())
                    .arg(wanted),
                w.binds, doing,
                [&](QSqlQuery &q) { ranked << qMakePair(q.value(0).toLongLong(), q.value(1).toLongLong()); });
            !s)
            return s.error();
        QList<qint64> ids;
        for (const auto &r : std::as_const(ranked))
            ids << r.first;
        QHash<qint64, DashboardPerson> live;
        if (Status s = readLive(db, ids, doing, live); !s)
            return s.error();
        QList<DashboardPerson> top = firstLive(ranked, live);
        if (top.size() == DashboardQuery::kTopRows || ranked.size() < wanted)
            return top;
    }
}

} // namespace

Result<QList<DashboardPerson>> topRelationships(Database &db, const DashboardFilter &f, bool useRollup, TopStats *stats)
{
    const QString doing = Tr::tr("computing the dashboard's figures");
    TopStats local;
    TopStats &st = stats ? *stats : local;
    st = {};
    const qint64 fromMs = f.fromMs(), toMs = f.toMs();
    // The months of the days (occurred_at / kDayMs, truncated as in SQL) of [from, to): the rollup's keys.
    QList<qint64> months;
    if (toMs > fromMs)
        for (qint64 m = Slices::monthOf(fromMs / kDayMs); m <= (toMs - 1) / kDayMs; m = Slices::nextMonth(m))
            months << m;
    st.months = int(months.size());
    if (!useRollup || months.size() < kRollupMonths)
        return countAll(db, f, doing);
    const QString monthList = list(months);

    // 1. The busiest contacts of each month, counted exactly in the filter: the tenth live one gives T, a count
    //    the tenth of the answer reaches.
    QList<qint64> seeds;
    {
        QSet<qint64> seen;
        for (qint64 month : std::as_const(months))
            if (Status s = run(db,
                    QStringLiteral("SELECT contact_id FROM contact_rollup_month WHERE month = %1 "
                                   "ORDER BY n DESC, contact_id LIMIT %2")
                        .arg(month)
                        .arg(DashboardQuery::kTopRows),
                    {}, doing,
                    [&](QSqlQuery &q) {
                        const qint64 id = q.value(0).toLongLong();
                        if (!seen.contains(id)) {
                            seen.insert(id);
                            seeds << id;
                        }
                    });
                !s)
                return s.error();
    }
    Ranked counted;
    QHash<qint64, DashboardPerson> live;
    if (Status s = countOf(db, f, seeds, doing, counted); !s)
        return s.error();
    if (Status s = readLive(db, seeds, doing, live); !s)
        return s.error();
    rank(counted);
    const QList<DashboardPerson> seedTop = firstLive(counted, live);
    if (seedTop.size() < DashboardQuery::kTopRows)
        return countAll(db, f, doing);
    const qint64 threshold = seedTop.constLast().count;
    st.threshold = threshold;
    // 2. A contact with T or more has at least T / months in one of the months (and T in all of them together):
    //    only those are counted. A threshold of one row a month would count everybody: the plain way then.
    const qint64 perMonth = (threshold + qint64(months.size()) - 1) / qint64(months.size());
    if (perMonth <= 1)
        return countAll(db, f, doing);
    QSet<qint64> known(seeds.cbegin(), seeds.cend());
    QList<qint64> busy;
    if (Status s = run(db,
            QStringLiteral("SELECT contact_id FROM contact_rollup_month WHERE month IN (%1) AND n >= %2")
                .arg(monthList)
                .arg(perMonth),
            {}, doing,
            [&](QSqlQuery &q) {
                const qint64 id = q.value(0).toLongLong();
                if (!known.contains(id)) {
                    known.insert(id);
                    busy << id;
                }
            });
        !s)
        return s.error();
    if (busy.size() > kMaxCandidates)
        return countAll(db, f, doing);
    QList<qint64> candidates;
    if (!busy.isEmpty())
        if (Status s = run(db,
                QStringLiteral("SELECT contact_id FROM contact_rollup_month WHERE contact_id IN (%1) "
                               "AND month IN (%2) GROUP BY contact_id HAVING sum(n) >= %3")
                    .arg(list(busy), monthList)
                    .arg(threshold),
                {}, doing, [&](QSqlQuery &q) { candidates << q.value(0).toLongLong(); });
            !s)
            return s.error();
    // 3. Their exact counts beside the seeds', ranked.
    if (Status s = countOf(db, f, candidates, doing, counted); !s)
        return s.error();
    if (Status s = readLive(db, candidates, doing, live); !s)
        return s.error();
    rank(counted);
    st.fromRollup = true;
    st.candidates = int(seeds.size() + candidates.size());
    return firstLive(counted, live);
}

} // namespace DashboardSql
