#pragma once

#include "core/result.h"

#include <QList>
#include <QPair>
#include <QString>

class Database;

struct DatabaseStats
{
    int schemaVersion = 0;
    qint64 sizeBytes = 0;
    QList<QPair<QString, qint64>> rowCounts; // table name → rows (trash included)
};

// Row counts per table, schema version and size, for `rapport stats` and the About box.
class StatsRepository final
{
public:
    explicit StatsRepository(Database &db) : m_db(db) {}

    static QStringList tables();
    Result<DatabaseStats> stats();
    // True when the database holds no contacts, organizations or interactions (first run).
    Result<bool> isEmpty();

private:
    Database &m_db;
};
