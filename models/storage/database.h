#pragma once

#include "core/result.h"
#include "domain/teamrole.h"
#include "storage/databaselocation.h"

#include <QSqlDatabase>

#include <memory>

class QSqlQuery;
class QSqlError;

// One open Rapport database: one Qt SQL connection, used by one thread only (Qt SQL connections are
// per thread). A worker thread opens its own Database from the same DatabaseLocation.
//
// open() checks the file or server, applies the connection settings (SQLite: WAL, foreign keys,
// busy timeout) and, unless told otherwise, migrates the schema to the current version. Every
// failure comes back as an Error with a message a user can read.
class Database final
{
public:
    enum class OpenFlag {
        None = 0,
        CreateIfMissing = 1, // SQLite: create the file (and its folder) if it does not exist
        NoMigrate = 2,       // open as is; the caller inspects or migrates explicitly
        ReadOnly = 4,        // SQLite: read only, whatever the file allows (a backup being looked at)
    };
    Q_DECLARE_FLAGS(OpenFlags, OpenFlag)

    static Result<std::unique_ptr<Database>> open(const DatabaseLocation &location,
                                                  OpenFlags flags = OpenFlag::CreateIfMissing);
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    const DatabaseLocation &location() const { return m_location; }
    bool isPostgres() const { return m_location.isPostgres(); }
    // A read-only file, or a viewer on a team database (everything that writes disables itself for both).
    bool isReadOnly() const { return m_readOnly || m_teamRole == TeamRole::Viewer; }
    QSqlDatabase connection() const;

    // Turns a failed query into an Error a user can read (disk full, read-only, locked, constraint).
    Error errorFrom(const QSqlQuery &query, const QString &doing) const;
    Error errorFrom(const QSqlError &error, const QString &doing) const;

    // Runs a statement with no parameters.
    Status exec(const QString &sql, const QString &doing);

    // Starts, commits or rolls back a write transaction (SQLite: BEGIN IMMEDIATE, so writers queue up
    // on the busy timeout instead of failing on upgrade). Use Transaction instead of these directly.
    Status begin();
    Status commit();
    void rollback();

    // Current schema version stored in the database; 0 for an empty database.
    Result<int> schemaVersion();

    // The size of the database in bytes (file size with WAL, or pg_database_size).
    qint64 sizeBytes();

    // PostgreSQL: the server process of this connection (pg_backend_pid()); 0 on SQLite.
    qint64 backendPid() const { return m_backendPid; }
    // PostgreSQL: whether the connection still answers (SELECT 1); always true on SQLite.
    bool ping();
    // PostgreSQL: opens the connection again after it was lost (a restarted server, a cut network), with the
    // same settings; queries made afterwards use it. A no-op on SQLite.
    Status reconnect();
    // PostgreSQL: a query failed because the connection was lost (set by errorFrom, cleared by reconnect).
    bool connectionLost() const { return m_connectionLost; }

    // The user recorded as updated_by and in the audit log for writes through this connection.
    qint64 currentUserId() const { return m_currentUserId; }
    void setCurrentUserId(qint64 id) { m_currentUserId = id; }
    // What that user may do (UserRepository::signIn): on PostgreSQL the server's role, on SQLite Admin.
    TeamRole teamRole() const { return m_teamRole; }
    void setTeamRole(TeamRole role) { m_teamRole = role; }

private:
    explicit Database(DatabaseLocation location, QString connectionName);
    Status configure();

    DatabaseLocation m_location;
    QString m_connectionName;
    bool m_readOnly = false;
    qint64 m_currentUserId = 0;
    TeamRole m_teamRole = TeamRole::Admin;
    qint64 m_backendPid = 0;
    mutable bool m_connectionLost = false;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(Database::OpenFlags)

// Rolls back unless commit() succeeded. Not nestable: one per unit of work.
class Transaction final
{
public:
    explicit Transaction(Database &db) : m_db(db) { m_status = m_db.begin(); }
    ~Transaction()
    {
        if (m_status.ok() && !m_committed)
            m_db.rollback();
    }
    Q_DISABLE_COPY_MOVE(Transaction)

    // The result of BEGIN: check it before doing work.
    const Status &status() const { return m_status; }
    Status commit()
    {
        if (!m_status.ok())
            return m_status;
        m_committed = true;
        Status s = m_db.commit();
        if (!s.ok())
            m_db.rollback();
        return s;
    }

private:
    Database &m_db;
    Status m_status;
    bool m_committed = false;
};
