#pragma once

#include "core/result.h"
#include "domain/dashboardfilter.h"
#include "storage/database.h"

#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantMap>

// The SQL pieces the dashboard's queries share (dashboardquery.cpp, dashboardcells.cpp, dashboarddrill.cpp):
// the WHERE clauses of the filtered interactions, pitches and coverage, and a way to run a statement. Internal to
// the storage layer.
namespace DashboardSql {

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

// Interactions with a contact (Inbox items are not conversations yet) in [from, to), with the filters (alias i).
// toMs <= fromMs: no time test (the caller's). `postgres`: the client filter is written for PostgreSQL's planner.
Where interactionWhere(const DashboardFilter &f, qint64 fromMs, qint64 toMs, bool postgres);
// Live pitches of live campaigns (alias p, campaigns cp joined: pitchFrom()) with the filters; the date test is the
// caller's.
Where pitchWhere(const DashboardFilter &f);
QString pitchFrom();
// Live coverage published in [from, to) (alias cv; its campaign cp and, for an account manager, its pitch p
// left-joined: coverageFrom(f)) with the filters. The account manager of a piece is the pitch's, else the campaign
// owner. toMs <= fromMs: no time test.
Where coverageWhere(const DashboardFilter &f, qint64 fromMs, qint64 toMs);
QString coverageFrom(const DashboardFilter &f);
// A pitch (alias p) replied within DashboardQuery::kReplyDays of being pitched.
QString pitchedWithin();

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

// The first column of the first row (0 without rows).
Result<qint64> scalar(Database &db, const QString &sql, const QVariantMap &binds, const QString &doing);

} // namespace DashboardSql
