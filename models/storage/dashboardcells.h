#pragma once

#include "core/result.h"
#include "domain/dashboardfilter.h"
#include "storage/dashboardslices.h"

#include <functional>

class Database;

// The dashboard's counts per bucket, from the rollups (daily, schema v10; monthly, schema v13) and the raw rows
// of what they do not hold, as Slices plans them (dashboardslices.h). Each calls `cell` once per group; groups
// may repeat (one per rollup read and one for the raw rows; a month's cut days come back with negative counts):
// the caller adds them up. Internal to DashboardQuery.
namespace DashboardSql {

// Cells: one row per group; Total: one sum (the previous period's KPIs), without the cost of grouping.
enum class Group { Cells, Total };

// The level the interactions can be read at for `f`: a client also selects interactions through the contact's
// employer (not in the rollups: raw rows), the monthly rollup has no campaign column (days).
Slices::Level interactionLevel(const DashboardFilter &f, Slices::Level wanted);

// Live interactions with a contact, per bucket, channel, direction and account manager (0 = nobody); Total:
// one cell with the sum (bucket 0, no channel).
using InteractionCell = std::function<void(int bucket, const QString &channel, bool inbound, qint64 user, qint64 n)>;
Status interactionCells(Database &db, const DashboardFilter &f, const Slices &s, const QString &doing,
    const InteractionCell &cell, Group group = Group::Cells);

// Live pitches of live campaigns by the day of COALESCE(pitched_at, created_at): per bucket, status, whether
// pitched and whether replied within kReplyDays. Total: the pitches sent, as cells of status "pitched".
using PitchCell = std::function<void(int bucket, const QString &status, bool pitched, bool replied, qint64 n)>;
Status pitchCells(Database &db, const DashboardFilter &f, const Slices &s, const QString &doing, const PitchCell &cell,
    Group group = Group::Cells);

// Live coverage with a publication date: per bucket and sentiment (2 = unrated), pieces and their known reach.
using CoverageCell = std::function<void(int bucket, int sentiment, qint64 n, qint64 reach)>;
Status coverageCells(
    Database &db, const DashboardFilter &f, const Slices &s, const QString &doing, const CoverageCell &cell);

// Social engagement per bucket: synced mentions and replies (Inbox items too) and the engagement events by
// kind ("mention", "reply", "like", "boost", "follow", "quote"). Only the period applies.
using SocialCell = std::function<void(int bucket, const QString &kind, qint64 n)>;
Status socialCells(Database &db, const Slices &s, const QString &doing, const SocialCell &cell);

} // namespace DashboardSql
