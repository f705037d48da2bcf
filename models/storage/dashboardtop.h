#pragma once

#include "core/result.h"
#include "domain/dashboardfilter.h"
#include "storage/dashboardquery.h"

class Database;

// The dashboard's top relationships: the live contacts with the most conversations in the filter, the first
// DashboardQuery::kTopRows by count, then id. Internal to the storage layer (dashboardquery.cpp); the tests call it
// to see which way it went.
namespace DashboardSql {

struct TopStats
{
    bool fromRollup = false; // true: the per-contact rollup chose the candidates (else every conversation counted)
    int months = 0; // the UTC months the period touches
    qint64 threshold = 0; // a count the tenth is known to reach
    int candidates = 0; // the contacts whose conversations were counted from the rows
};

// Over long periods (`useRollup`, and the period touching kRollupMonths UTC months or more) the per-contact monthly
// rollup (schema v16) bounds every contact's count from above: the busiest contacts of each month give a count the
// tenth reaches (T), a contact that reaches it must have at least T / months in one of those months and at least T
// in all of them, and only the few that do are counted from the rows. When that leaves too many (a flat
// distribution, or a filter that makes the counts small), or without the rollup, every conversation of the period is
// counted per contact, as before. Both give the same list.
constexpr int kRollupMonths = 3;
Result<QList<DashboardPerson>> topRelationships(
    Database &db, const DashboardFilter &f, bool useRollup, TopStats *stats = nullptr);

} // namespace DashboardSql
