#pragma once

#include <QString>

struct DatabaseLocation;

// The SecretStore scope of a database: the same for every process that opens the same database (the window,
// `rapport sync`, `rapport accounts`), different for two databases, so their keyring entries never mix.
// A short hash of the canonical SQLite path or of the PostgreSQL user@host:port/database (never the password).
namespace SecretScope {
QString forLocation(const DatabaseLocation &location);
}
