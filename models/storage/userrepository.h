#pragma once

#include "core/result.h"
#include "domain/teamrole.h"

#include <QDateTime>
#include <QString>

class Database;

struct User
{
    qint64 id = 0;
    QString name;
    QString login;
    QString email;
    QString role; // users.role of version 1 (account_manager, manager, admin); see access
    TeamRole access = TeamRole::Member;
    QDateTime deactivatedAt; // invalid while the person may sign in
    bool canSignIn = true; // team(), PostgreSQL: the login role exists and may log in (demo people have none)

    bool active() const { return !deactivatedAt.isValid(); }
};

// The people of the agency. On a personal SQLite database there is one user: the person at the desk, an
// admin. On a team database (PostgreSQL) each person signs in as their own login role; their Rapport role is
// the server's (domain/teamrole.h), and an admin adds people, changes roles and deactivates people through
// the server's rapport_*_user functions (schema/v11.sql), which check that the caller is an admin.
class UserRepository final
{
public:
    explicit UserRepository(Database &db) : m_db(db) {}

    // Finds the user with this login, creating it if missing; sets it as the database's current user.
    Result<User> ensureUser(const QString &login, const QString &name);
    // Who is at the desk: on SQLite the OS login (ensureUser), on PostgreSQL the login role of the connection
    // with the role the server gives it (a role without a Rapport role is refused). Sets the database's
    // current user and team role.
    Result<User> signIn();
    // The OS login name of the person running Rapport.
    static QString systemLogin();
    // The person's name for the one user of a personal (SQLite) database: the account's full name, else its login.
    static QString systemName();
    // Everybody who is active, by name.
    Result<QList<User>> all();
    // Everybody, deactivated people too, by name.
    Result<QList<User>> team();

    // Team databases only, admins only (the server checks): a new login role with this password (may be
    // empty: no password yet) and role; an existing login role or deactivated person gets the role and
    // may sign in again.
    Result<qint64> add(const QString &login, const QString &name, const QString &email, TeamRole role,
                       const QString &password);
    Status setRole(const QString &login, TeamRole role);
    Status deactivate(const QString &login);

    // A sign-in name PostgreSQL and Rapport accept: lower-case letters, digits, '_', '.', '-', at most 63.
    static Status validateLogin(const QString &login);
    // The SCRAM-SHA-256 verifier PostgreSQL keeps for a password (RFC 5802/7677), so that the password
    // itself never travels in a statement.
    static QString scramVerifier(const QString &password, const QByteArray &salt = {});

private:
    Status requireTeamDatabase() const;

    Database &m_db;
};
