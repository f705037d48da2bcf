#pragma once

class Database;

// Whether a PostgreSQL connection is encrypted, as the server sees it (pg_stat_ssl), not as it was asked for:
// the status bar and Test Connection say so (docs/TEAM.md, "with TLS"). One small query on the connection.
namespace ConnectionSecurity {
// False on SQLite, on a connection without TLS, and when the server cannot be asked.
bool isEncrypted(Database &db);
} // namespace ConnectionSecurity
