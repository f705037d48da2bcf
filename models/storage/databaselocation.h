#pragma once

#include "core/result.h"

#include <QString>

// Where a Rapport database lives: an SQLite file, or a PostgreSQL database given as a URL
// (postgresql://user[:password]@host[:port]/dbname). Parsed once from the command line or settings.
struct DatabaseLocation
{
    enum class Backend { Sqlite, Postgres };

    Backend backend = Backend::Sqlite;
    QString path;     // SQLite
    QString host;     // PostgreSQL
    int port = 5432;
    QString user;
    QString password; // never printed: see displayName()
    QString databaseName;

    static Result<DatabaseLocation> parse(const QString &pathOrUrl);
    static DatabaseLocation sqlite(const QString &path);
    // The embedded default: rapport.sqlite in the user's application data directory.
    static DatabaseLocation defaultLocation();

    bool isPostgres() const { return backend == Backend::Postgres; }
    // For messages and logs: the path or a URL without the password.
    QString displayName() const;
};
