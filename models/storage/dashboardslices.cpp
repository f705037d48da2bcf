#include "dashboardslices.h"

#include "storage/dashboardsql.h"

#include <QDate>
#include <QStringList>

#include <algorithm>

namespace DashboardSql {

namespace {

const QDate kEpoch(1970, 1, 1);

QString list(const QList<qint64> &values)
{
    QStringList out;
    for (qint64 v : values)
        out << QString::number(v);
    return out.join(QStringLiteral(", "));
}

} // namespace

qint64 Slices::floorDay(qint64 ms)
{
    return ms >= 0 ? ms / kDayMs : -((-ms + kDayMs - 1) / kDayMs);
}

qint64 Slices::ceilDay(qint64 ms)
{
    return -floorDay(-ms);
}

qint64 Slices::monthOf(qint64 day)
{
    const QDate date = kEpoch.addDays(day);
    return kEpoch.daysTo(QDate(date.year(), date.month(), 1));
}

qint64 Slices::nextMonth(qint64 day)
{
    const QDate date = kEpoch.addDays(day);
    return kEpoch.daysTo(QDate(date.year(), date.month(), 1).addMonths(1));
}

int Slices::bucketOfDay(qint64 day) const
{
    for (int b = 1; b < buckets(); ++b)
        if (day < ceilDay(m_edges.at(b)))
            return b - 1;
    return buckets() - 1;
}

Slices Slices::of(const DashboardFilter &f, Level level, bool whole)
{
    Slices s;
    if (whole) {
        s.m_edges = { f.fromMs(), f.toMs() };
    } else {
        const QList<QDate> starts = f.bucketStarts();
        for (const QDate &start : starts)
            s.m_edges << dashboardDayStartMs(qMax(start, f.from));
        s.m_edges << f.toMs();
    }
    const qint64 from = s.m_edges.constFirst(), to = s.m_edges.constLast();
    if (level == Level::Rows) {
        s.m_raw << qMakePair(from, to);
        return s;
    }
    s.m_firstDay = ceilDay(from);
    s.m_lastDay = floorDay(to) - 1;
    QList<qint64> rawDays;
    for (int b = 0; b < s.m_edges.size(); ++b) {
        const qint64 edge = s.m_edges.at(b);
        if (edge % kDayMs == 0)
            continue;
        const qint64 day = floorDay(edge);
        if (!rawDays.contains(day))
            rawDays << day;
        if (b > 0 && b + 1 < s.m_edges.size() && day >= s.m_firstDay && day <= s.m_lastDay
            && !s.m_cutDays.contains(day))
            s.m_cutDays << day;
    }
    if (s.m_firstDay > s.m_lastDay) { // shorter than a whole UTC day
        s.m_raw = { qMakePair(from, to) };
        s.m_cutDays.clear();
        return s;
    }
    std::sort(rawDays.begin(), rawDays.end());
    for (qint64 day : std::as_const(rawDays)) {
        const qint64 a = qMax(day * kDayMs, from), b = qMin((day + 1) * kDayMs, to);
        if (a >= b)
            continue;
        if (!s.m_raw.isEmpty() && s.m_raw.constLast().second == a)
            s.m_raw.last().second = b;
        else
            s.m_raw << qMakePair(a, b);
    }
    // The whole days by UTC month: a month inside the period whose days (but the cut ones) all fall in one bucket
    // is read from the monthly rollup, less its cut days (which the raw rows count); the other days from the
    // daily rollup.
    std::sort(s.m_cutDays.begin(), s.m_cutDays.end());
    const auto addDays = [&s](qint64 a, qint64 b) {
        if (!s.m_dayRanges.isEmpty() && s.m_dayRanges.constLast().second + 1 == a)
            s.m_dayRanges.last().second = b;
        else
            s.m_dayRanges << qMakePair(a, b);
    };
    for (qint64 month = monthOf(s.m_firstDay); month <= s.m_lastDay; month = nextMonth(month)) {
        const qint64 last = nextMonth(month) - 1;
        int bucket = -1;
        if (level == Level::Months && month >= s.m_firstDay && last <= s.m_lastDay) {
            qint64 a = month, z = last;
            while (a <= z && s.m_cutDays.contains(a))
                ++a;
            while (z >= a && s.m_cutDays.contains(z))
                --z;
            if (a <= z && s.bucketOfDay(a) == s.bucketOfDay(z))
                bucket = s.bucketOfDay(a);
        }
        if (bucket < 0) {
            addDays(qMax(month, s.m_firstDay), qMin(last, s.m_lastDay));
            continue;
        }
        s.m_months << month;
        s.m_monthBuckets << bucket;
        for (qint64 cut : std::as_const(s.m_cutDays))
            if (cut >= month && cut <= last) {
                s.m_minusDays << cut;
                s.m_minusBuckets << bucket;
            }
    }
    return s;
}

QList<Slices::Part> Slices::rollupParts(const QString &table) const
{
    QList<Part> parts;
    if (!m_dayRanges.isEmpty()) {
        QStringList ranges;
        for (const auto &[a, b] : m_dayRanges)
            ranges << (a == b ? QStringLiteral("r.day = %1").arg(a) : QStringLiteral("(r.day >= %1 AND r.day <= %2)").arg(a).arg(b));
        QString where = ranges.size() == 1 ? ranges.constFirst() : QStringLiteral("(%1)").arg(ranges.join(QStringLiteral(" OR ")));
        if (!m_cutDays.isEmpty())
            where += QStringLiteral(" AND r.day NOT IN (%1)").arg(list(m_cutDays));
        parts << Part { table, where, dayBucket(QStringLiteral("r.day")), 1 };
    }
    const auto caseOf = [](const QString &column, const QList<qint64> &keys, const QList<int> &buckets) {
        QStringList when;
        for (int i = 0; i < keys.size(); ++i)
            when << QStringLiteral("WHEN %1 THEN %2").arg(keys.at(i)).arg(buckets.at(i));
        return QStringLiteral("CASE %1 %2 END").arg(column, when.join(u' '));
    };
    if (!m_months.isEmpty())
        parts << Part { table + QStringLiteral("_month"), QStringLiteral("r.month IN (%1)").arg(list(m_months)),
            caseOf(QStringLiteral("r.month"), m_months, m_monthBuckets), 1 };
    if (!m_minusDays.isEmpty())
        parts << Part { table, QStringLiteral("r.day IN (%1)").arg(list(m_minusDays)),
            caseOf(QStringLiteral("r.day"), m_minusDays, m_minusBuckets), -1 };
    return parts;
}

QString Slices::dayBucket(const QString &column) const
{
    QStringList when;
    for (int b = 1; b < buckets(); ++b)
        when << QStringLiteral("WHEN %1 < %2 THEN %3").arg(column).arg(ceilDay(m_edges.at(b))).arg(b - 1);
    return when.isEmpty() ? QStringLiteral("0")
                          : QStringLiteral("CASE %1 ELSE %2 END").arg(when.join(u' ')).arg(buckets() - 1);
}

QString Slices::msSql(const QString &column) const
{
    QStringList ranges;
    for (const auto &[a, b] : m_raw)
        ranges << QStringLiteral("(%1 >= %2 AND %1 < %3)").arg(column).arg(a).arg(b);
    return ranges.isEmpty() ? QStringLiteral("1 = 0") : QStringLiteral("(%1)").arg(ranges.join(QStringLiteral(" OR ")));
}

QString Slices::msBucket(const QString &column) const
{
    QStringList when;
    for (int b = 1; b < buckets(); ++b)
        when << QStringLiteral("WHEN %1 < %2 THEN %3").arg(column).arg(m_edges.at(b)).arg(b - 1);
    return when.isEmpty() ? QStringLiteral("0")
                          : QStringLiteral("CASE %1 ELSE %2 END").arg(when.join(u' ')).arg(buckets() - 1);
}

} // namespace DashboardSql
