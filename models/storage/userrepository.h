#pragma once

#include "core/result.h"

#include <QString>

class Database;

struct User
{
    qint64 id = 0;
    QString name;
    QString login;
    QString email;
    QString role;
};

// Users (account managers). On a personal SQLite database there is one user: the person at the desk.
class UserRepository final
{
public:
    explicit UserRepository(Database &db) : m_db(db) {}

    // Finds the user with this login, creating it if missing; sets it as the database's current user.
    Result<User> ensureUser(const QString &login, const QString &name);
    // The OS login name of the person running Rapport.
    static QString systemLogin();
    Result<QList<User>> all();

private:
    Database &m_db;
};
