#pragma once

#include "core/result.h"

#include <QStringList>

class Database;

// The dashboard's rollups: counts of the live interactions, pitches, coverage and engagement events per UTC day
// (schema v10) and per UTC month (v13) and the columns the dashboard filters by, kept by triggers in the
// transaction of every write (models/storage/schema/v10.sql and v13.sql describe each table: triggers on the rows
// keep the daily rollups, triggers on the daily rollups the monthly ones). This is what a writer that goes around
// the triggers needs: a bulk load (DeferredIndexes) and the migrations rebuild them from the rows.
namespace Rollups {

constexpr qint64 kDayMs = 86400000; // a rollup day is time / kDayMs (UTC)

// Which rollups rebuild() fills: the v10 migration has the daily ones only.
enum class Levels { Daily, DailyAndMonthly };

// The rollup tables: daily, or daily and monthly.
QStringList tables(Levels levels = Levels::DailyAndMonthly);
// Empties every rollup and fills it again with one GROUP BY over the rows, the monthly ones with one GROUP BY
// over the daily ones; the triggers that keep the monthly rollups from the daily ones are off meanwhile (SQLite:
// dropped and created again; PostgreSQL: disabled and enabled). Inside the caller's transaction: call it in one.
Status rebuild(Database &db, Levels levels = Levels::DailyAndMonthly);
// Fills the empty monthly rollups from the daily ones (the v13 migration).
Status fillMonthly(Database &db);

} // namespace Rollups
