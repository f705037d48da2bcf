#include "domain/dashboardfilter.h"

#include <QTimeZone>

qint64 dashboardDayStartMs(const QDate &day)
{
    return QDateTime(day, QTime(0, 0), Qt::LocalTime).toMSecsSinceEpoch();
}

DashboardFilter DashboardFilter::forPeriod(Period period, const QDate &today)
{
    DashboardFilter f;
    f.period = period;
    f.to = today;
    switch (period) {
    case Period::ThisWeek:
        f.from = today.addDays(1 - today.dayOfWeek());
        break;
    case Period::Last30Days:
        f.from = today.addDays(-29);
        break;
    case Period::ThisQuarter:
        f.from = QDate(today.year(), (today.month() - 1) / 3 * 3 + 1, 1);
        break;
    case Period::Last12Months:
        f.from = today.addMonths(-12).addDays(1);
        break;
    case Period::Custom:
        f.from = today.addDays(-29);
        break;
    }
    return f;
}

QString DashboardFilter::periodKey(Period period)
{
    switch (period) {
    case Period::ThisWeek:
        return QStringLiteral("this_week");
    case Period::Last30Days:
        return QStringLiteral("last_30_days");
    case Period::ThisQuarter:
        return QStringLiteral("this_quarter");
    case Period::Last12Months:
        return QStringLiteral("last_12_months");
    case Period::Custom:
        return QStringLiteral("custom");
    }
    return {};
}

DashboardFilter::Period DashboardFilter::periodFromKey(const QString &key)
{
    for (Period p : { Period::ThisWeek, Period::Last30Days, Period::ThisQuarter, Period::Last12Months, Period::Custom })
        if (periodKey(p) == key)
            return p;
    return Period::Last30Days;
}

DashboardFilter DashboardFilter::previous() const
{
    DashboardFilter p = *this;
    p.period = Period::Custom;
    p.to = from.addDays(-1);
    p.from = p.to.addDays(-(days() - 1));
    return p;
}

qint64 DashboardFilter::fromMs() const
{
    return dashboardDayStartMs(from);
}

qint64 DashboardFilter::toMs() const
{
    return dashboardDayStartMs(to.addDays(1));
}

QList<QDate> DashboardFilter::bucketStarts() const
{
    QList<QDate> starts;
    if (!isValid())
        return starts;
    if (bucket() == Bucket::Week) {
        for (QDate d = from.addDays(1 - from.dayOfWeek()); d <= to; d = d.addDays(7))
            starts << d;
    } else {
        for (QDate d(from.year(), from.month(), 1); d <= to; d = d.addMonths(1))
            starts << d;
    }
    return starts;
}

int DashboardFilter::bucketOf(const QDate &day) const
{
    if (!isValid() || day < from || day > to)
        return -1;
    if (bucket() == Bucket::Week) {
        const QDate first = from.addDays(1 - from.dayOfWeek());
        return int(first.daysTo(day) / 7);
    }
    return (day.year() - from.year()) * 12 + day.month() - from.month();
}

QPair<QDate, QDate> DashboardFilter::bucketDays(int index) const
{
    const QList<QDate> starts = bucketStarts();
    if (index < 0 || index >= starts.size())
        return {};
    const QDate start = starts.at(index);
    const QDate end = bucket() == Bucket::Week ? start.addDays(6) : start.addMonths(1).addDays(-1);
    return { qMax(start, from), qMin(end, to) };
}
