#pragma once

#include "core/result.h"

#include <QStringList>

class Database;

// The dashboard's rollups: counts of the live interactions, pitches, coverage and engagement events per UTC day
// (schema v10) and per UTC month (v13) and the columns the dashboard filters by, and the conversations per contact
// and UTC month (v16), kept by triggers in the transaction of every write (models/storage/schema/v10.sql, v13.sql
// and v16.sql describe each table: triggers on the rows keep the daily rollups and the per-contact one, triggers
// on the daily rollups the monthly ones). This is what a writer that goes around the triggers needs: a bulk load
// (DeferredIndexes) and the migrations rebuild them from the rows.
namespace Rollups {

constexpr qint64 kDayMs = 86400000; // a rollup day is time / kDayMs (UTC)

// Which rollups rebuild() fills: the v10 migration has the daily ones only; All adds the monthly ones (v13) and the
// conversations per contact and month (v16).
enum class Levels { Daily, All };

// The rollup tables: daily, or all.
QStringList tables(Levels levels = Levels::All);
// Empties every rollup and fills it again with one GROUP BY over the rows, the monthly ones with one GROUP BY
// over the daily ones; the triggers that keep the monthly rollups from the daily ones are off meanwhile (SQLite:
// dropped and created again; PostgreSQL: disabled and enabled). Inside the caller's transaction: call it in one.
Status rebuild(Database &db, Levels levels = Levels::All);
// Fills the empty monthly rollups from the daily ones (the v13 migration).
Status fillMonthly(Database &db);
// Fills the empty per-contact monthly rollup (contact_rollup_month) from the interactions (the v16 migration).
Status fillContacts(Database &db);

} // namespace Rollups
