#pragma once

#include "core/result.h"
#include "storage/databaselocation.h"

// The team database this computer connects to (File → Connect to Team Database…, docs/TEAM.md): the server,
// port, database, user and TLS settings in the settings (team/url, without the password), the password in
// the keyring (SecretStore, scope of the location, key passwordKey()). Without a saved one, Rapport opens
// the embedded SQLite file; `--db` overrides both.
namespace TeamConnection {
// The keyring key of the database password within the location's SecretStore scope.
QString passwordKey();
// The saved location without its password, or NotFound.
Result<DatabaseLocation> saved();
void save(const DatabaseLocation &location);
void forget();
// A short line for the title and status bar: "agency on db.example.com as alice"; the file path for SQLite.
QString describe(const DatabaseLocation &location);
} // namespace TeamConnection
