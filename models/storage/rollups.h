#pragma once

#include "core/result.h"

#include <QStringList>

class Database;

// The dashboard's rollups (schema v10): counts of the live interactions, pitches, coverage and engagement
// events per UTC day and the columns the dashboard filters by, kept by triggers in the transaction of every
// write (models/storage/schema/v10.sql describes each table). This is what a writer that goes around the
// triggers needs: a bulk load (DeferredIndexes) and the v10 migration rebuild them from the rows.
namespace Rollups {

constexpr qint64 kDayMs = 86400000; // a rollup day is time / kDayMs (UTC)

// The rollup tables.
QStringList tables();
// Empties every rollup and fills it again with one GROUP BY over the rows (inside the caller's transaction,
// if any).
Status rebuild(Database &db);

} // namespace Rollups
