#pragma once

#include "core/result.h"

#include <QList>
#include <QString>

#include <functional>

class Database;

struct MigrationReport
{
    int fromVersion = 0;
    int toVersion = 0;
    QStringList applied; // one line per applied migration, for the user
};

// Brings a database to the current schema version. Each migration runs in its own transaction and is
// recorded in the rapport_schema table in the same transaction, so a failure leaves the database at the
// last version that fully applied. A database from a newer Rapport is refused.
class Migrator final
{
public:
    struct Migration
    {
        int version;
        QString description;
        std::function<Status(Database &)> apply;
    };

    explicit Migrator(Database &db);
    // For tests: a different list of migrations.
    Migrator(Database &db, QList<Migration> migrations);

    static int latestVersion();
    static QList<Migration> standardMigrations();

    Result<int> currentVersion();
    Result<MigrationReport> migrate();

    // Runs a schema file from the resources: statements separated by "-- @stmt DIALECT" lines.
    static Status runSchemaFile(Database &db, const QString &resourcePath);

private:
    Status ensureVersionTable();

    Database &m_db;
    QList<Migration> m_migrations;
};
