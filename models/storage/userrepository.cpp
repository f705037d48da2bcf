#include "userrepository.h"

#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QSqlQuery>

Result<User> UserRepository::ensureUser(const QString &login, const QString &name)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id, name, login, email, role FROM users WHERE login = :login"));
    q.bindValue(QStringLiteral(":login"), login);
    if (!q.exec())
        return m_db.errorFrom(q, QCoreApplication::translate("UserRepository", "looking up the user"));
    User u;
    if (q.next()) {
        u = User{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                 q.value(4).toString()};
    } else if (!m_db.isReadOnly()) {
        q.finish();
        const qint64 now = Sql::nowMs();
        q.prepare(QStringLiteral("INSERT INTO users (name, login, role, created_at, updated_at) "
                                 "VALUES (:name, :login, 'account_manager', :now, :now)"));
        q.bindValue(QStringLiteral(":name"), name);
        q.bindValue(QStringLiteral(":login"), login);
        q.bindValue(QStringLiteral(":now"), now);
        if (!q.exec())
            return m_db.errorFrom(q, QCoreApplication::translate("UserRepository", "adding the user"));
        q.finish();
        q.prepare(QStringLiteral("SELECT id FROM users WHERE login = :login"));
        q.bindValue(QStringLiteral(":login"), login);
        if (!q.exec() || !q.next())
            return m_db.errorFrom(q, QCoreApplication::translate("UserRepository", "adding the user"));
        u = User{q.value(0).toLongLong(), name, login, QString(), QStringLiteral("account_manager")};
    }
    m_db.setCurrentUserId(u.id);
    return u;
}

QString UserRepository::systemLogin()
{
    QString login = qEnvironmentVariable("USER");
    if (login.isEmpty())
        login = qEnvironmentVariable("USERNAME");
    return login.isEmpty() ? QStringLiteral("me") : login;
}

Result<QList<User>> UserRepository::all()
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT id, name, login, email, role FROM users WHERE deleted_at IS NULL ORDER BY name")))
        return m_db.errorFrom(q, QCoreApplication::translate("UserRepository", "listing users"));
    QList<User> users;
    while (q.next())
        users.append(User{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                          q.value(3).toString(), q.value(4).toString()});
    return users;
}
