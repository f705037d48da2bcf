#pragma once

#include "core/result.h"

#include <QMetaType>
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
    // PostgreSQL TLS (libpq's sslmode and sslrootcert): empty leaves libpq's default ("prefer"); a team server
    // is reached with "verify-full" and the agency's CA file (docs/TEAM.md). From the URL's query:
    // postgresql://user@host/db?sslmode=verify-full&sslrootcert=/path/ca.crt
    QString sslMode;
    QString sslRootCert;

    static Result<DatabaseLocation> parse(const QString &pathOrUrl);
    static DatabaseLocation sqlite(const QString &path);
    // The embedded default: rapport.sqlite in the user's application data directory.
    static DatabaseLocation defaultLocation();

    bool isPostgres() const { return backend == Backend::Postgres; }
    // For messages and logs: the path or a URL without the password.
    QString displayName() const;
    // The URL parse() reads back, without the password (settings keep it; the keyring keeps the password).
    QString toUrl() const;
    // libpq's connection options for QSqlDatabase::setConnectOptions: timeout, application name, TLS.
    QString postgresConnectOptions(int timeoutSeconds = 10) const;
    // The sslmode values libpq knows, in order of strictness.
    static QStringList sslModes();
};

Q_DECLARE_METATYPE(DatabaseLocation)
