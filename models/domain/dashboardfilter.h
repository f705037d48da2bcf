#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

// What the dashboard and the client report look at: a period (whole local days, `from` to `to` inclusive),
// and optionally one account manager, one client, one campaign and one channel. Shared by every chart, the
// drill-down lists and the PDF report. A plain value: no SQL, no widgets.
struct DashboardFilter
{
    enum class Period { ThisWeek, Last30Days, ThisQuarter, Last12Months, Custom };
    // The granularity of the time charts: weeks for periods up to 92 days, months beyond.
    enum class Bucket { Week, Month };

    Period period = Period::Last30Days;
    QDate from; // first day, inclusive
    QDate to; // last day, inclusive
    qint64 userId = 0; // the account manager, 0 = everybody
    qint64 clientId = 0; // the client organization, 0 = all
    qint64 campaignId = 0; // 0 = all campaigns
    QString channel; // an interaction channel ("email", ...), empty = all

    // The period's days ending with `today` (this week starts on Monday; this quarter with the quarter's
    // first day; last 30 days and last 12 months end today). Custom keeps `from`/`to`.
    static DashboardFilter forPeriod(Period period, const QDate &today);
    static QString periodKey(Period period); // "this_week", ... (for settings)
    static Period periodFromKey(const QString &key);

    bool isValid() const { return from.isValid() && to.isValid() && from <= to; }
    int days() const { return isValid() ? int(from.daysTo(to)) + 1 : 0; }
    Bucket bucket() const { return days() > 92 ? Bucket::Month : Bucket::Week; }
    // The period of the same length that ends the day before `from`, with the same other filters.
    DashboardFilter previous() const;
    // Local midnight of `from` and of the day after `to`, as UTC epoch milliseconds: [fromMs, toMs).
    qint64 fromMs() const;
    qint64 toMs() const;

    // The first day of each time bucket of the period, in order (the first may start before `from`: a week
    // starts on Monday, a month on the 1st; the charts clip it to the period).
    QList<QDate> bucketStarts() const;
    // The bucket holding `day` (an index into bucketStarts()), or -1 outside the period.
    int bucketOf(const QDate &day) const;
    // The [from, to] days of bucket `index`, clipped to the period.
    QPair<QDate, QDate> bucketDays(int index) const;

    bool operator==(const DashboardFilter &other) const = default;
};

// Local midnight of `day` as UTC epoch milliseconds.
qint64 dashboardDayStartMs(const QDate &day);
