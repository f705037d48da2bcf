#pragma once

#include "domain/dashboardfilter.h"

#include <QList>
#include <QPair>
#include <QString>

namespace DashboardSql {

// How a period's buckets fall on the rollups' UTC days and months. The bucket edges are local midnights, each
// computed for its own day (so a change to or from daylight saving time inside the period moves no row to another
// bucket). A UTC day wholly inside one bucket is read from a daily rollup (schema v10); a UTC month whose days
// all fall in one bucket, but for the days an edge cuts, from a monthly rollup (schema v13), less the daily rows
// of those cut days; the UTC days an edge cuts (a local midnight that is not a UTC one: every edge outside UTC)
// are read from the raw rows, by index, so the figures are exact.
class Slices
{
public:
    // Where the counts come from: the raw rows alone, the daily rollups (and the raw rows of the cut days), or
    // the monthly rollups where a whole UTC month falls in one bucket, the daily ones elsewhere.
    enum class Level { Rows, Days, Months };
    // `whole`: one bucket for the whole period (a total, such as the KPIs): no edge inside it cuts a day.
    static Slices of(const DashboardFilter &f, Level level, bool whole = false);

    static qint64 floorDay(qint64 ms);
    static qint64 ceilDay(qint64 ms);
    // The first day of the UTC month holding `day` (days since 1970-01-01), and of the next month.
    static qint64 monthOf(qint64 day);
    static qint64 nextMonth(qint64 day);

    int buckets() const { return int(m_edges.size()) - 1; }
    // The bucket of a whole UTC day.
    int bucketOfDay(qint64 day) const;

    // One read of a rollup: the rows of `table` (alias r) where `where` holds, in bucket `bucket` (an SQL
    // expression), counted `sign` times (-1: the cut days of a month read from the monthly rollup).
    struct Part
    {
        QString table;
        QString where;
        QString bucket;
        qint64 sign = 1;
    };
    // The reads of a daily rollup `table` (day column "day") and, where whole months are read, of its monthly
    // companion `table`_month (column "month").
    QList<Part> rollupParts(const QString &table) const;

    // The raw rows of the rest, [from, to) instants; `column` is an instant.
    bool hasRaw() const { return !m_raw.isEmpty(); }
    QString msSql(const QString &column) const;
    QString msBucket(const QString &column) const;

    // For the tests: how many UTC months are read whole from a monthly rollup.
    int monthsRead() const { return int(m_months.size()); }

private:
    QList<qint64> m_edges; // buckets + 1 instants: bucket b is [edges[b], edges[b + 1])
    qint64 m_firstDay = 0; // the whole UTC days: [firstDay, lastDay] without cutDays
    qint64 m_lastDay = -1;
    QList<qint64> m_cutDays;
    QList<QPair<qint64, qint64>> m_dayRanges; // whole days read from the daily rollup, [first, last]
    QList<qint64> m_months; // first days of the months read from the monthly rollup
    QList<int> m_monthBuckets;
    QList<qint64> m_minusDays; // the cut days inside those months
    QList<int> m_minusBuckets;
    QList<QPair<qint64, qint64>> m_raw; // the rest, as [from, to) instants

    QString dayBucket(const QString &column) const;
};

} // namespace DashboardSql
