#include "userrepository.h"

#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QPasswordDigestor>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlQuery>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(UserRepository)
};

const QString kColumns = QStringLiteral("id, name, login, email, role, access, deactivated_at");

User userFrom(const QSqlQuery &q)
{
    User u { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
        q.value(4).toString(), TeamRoles::fromKey(q.value(5).toString()).value_or(TeamRole::Member),
        Sql::time(q.value(6)), true };
    return u;
}

// PostgreSQL's default SCRAM iteration count (scram_iterations in PostgreSQL 16).
constexpr int kScramIterations = 4096;

} // namespace

Result<User> UserRepository::ensureUser(const QString &login, const QString &name)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id, name, login, email, role FROM users WHERE login = :login"));
    q.bindValue(QStringLiteral(":login"), login);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("looking up the user"));
    User u;
    if (q.next()) {
        u = User { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
            q.value(4).toString(), TeamRole::Member, {}, true };
    } else if (!m_db.isReadOnly()) {
        q.finish();
        const qint64 now = Sql::nowMs();
        q.prepare(QStringLiteral("INSERT INTO users (name, login, role, created_at, updated_at) "
                                 "VALUES (:name, :login, 'account_manager', :now, :now)"));
        q.bindValue(QStringLiteral(":name"), name);
        q.bindValue(QStringLiteral(":login"), login);
        q.bindValue(QStringLiteral(":now"), now);
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("adding the user"));
        q.finish();
        q.prepare(QStringLiteral("SELECT id FROM users WHERE login = :login"));
        q.bindValue(QStringLiteral(":login"), login);
        if (!q.exec() || !q.next())
            return m_db.errorFrom(q, Tr::tr("adding the user"));
        u = User { q.value(0).toLongLong(), name, login, QString(), QStringLiteral("account_manager"), TeamRole::Member,
            {}, true };
    }
    m_db.setCurrentUserId(u.id);
    return u;
}

Result<User> UserRepository::signIn()
{
    if (!m_db.isPostgres()) {
        m_db.setTeamRole(TeamRole::Admin);
        Result<User> u = ensureUser(systemLogin(), systemName());
        if (u)
            u->access = TeamRole::Admin;
        return u;
    }
    QSqlQuery q(m_db.connection());
    // A database not yet at version 11 (rapport migrate opens before migrating) has no roles: as before.
    if (!q.exec(QStringLiteral("SELECT session_user, to_regprocedure('rapport_level_of(name)') IS NOT NULL"))
        || !q.next())
        return m_db.errorFrom(q, Tr::tr("signing in"));
    const QString login = q.value(0).toString();
    if (!q.value(1).toBool()) {
        m_db.setTeamRole(TeamRole::Admin);
        return ensureUser(login, login);
    }
    if (!q.exec(QStringLiteral("SELECT rapport_level_of(session_user)")) || !q.next())
        return m_db.errorFrom(q, Tr::tr("signing in"));
    const int level = q.value(0).toInt();
    if (level < 1)
        return Error { Tr::tr("%1 has no Rapport role on %2. Ask an admin of your team to add you (Settings → Team, "
                              "or rapport users add %1).")
                           .arg(login, m_db.location().displayName()),
            Error::Code::Forbidden };
    const TeamRole role = static_cast<TeamRole>(level - 1);
    m_db.setTeamRole(role);

    q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM users WHERE login = :login"));
    q.bindValue(QStringLiteral(":login"), login);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("looking up the user"));
    User u;
    if (q.next()) {
        u = userFrom(q);
    } else {
        // Signing in the first time as a role a database administrator made by hand: the row is one's own.
        q.finish();
        const qint64 now = Sql::nowMs();
        q.prepare(QStringLiteral("INSERT INTO users (name, login, role, access, created_at, updated_at) "
                                 "VALUES (:login, :login, :legacy, :access, :now, :now) RETURNING id"));
        q.bindValue(QStringLiteral(":login"), login);
        q.bindValue(QStringLiteral(":legacy"),
            role >= TeamRole::Manager ? TeamRoles::key(role) : QStringLiteral("account_manager"));
        q.bindValue(QStringLiteral(":access"), TeamRoles::key(role));
        q.bindValue(QStringLiteral(":now"), now);
        if (!q.exec() || !q.next())
            return m_db.errorFrom(q, Tr::tr("adding the user"));
        u.id = q.value(0).toLongLong();
        u.name = u.login = login;
    }
    u.access = role;
    m_db.setCurrentUserId(u.id);
    return u;
}

QString UserRepository::systemLogin()
{
    QString login = qEnvironmentVariable("USER");
    if (login.isEmpty())
        login = qEnvironmentVariable("USERNAME");
#ifdef Q_OS_UNIX
    if (login.isEmpty()) // a session without USER (a service, some desktop launchers): the account's own name
        if (const passwd *account = getpwuid(geteuid()); account && account->pw_name)
            login = QString::fromLocal8Bit(account->pw_name);
#endif
    return login.isEmpty() ? QStringLiteral("me") : login;
}

QString UserRepository::systemName()
{
#ifdef Q_OS_UNIX
    // The full name of the account (the first field of its GECOS entry: "Alice Martin,,,"), as the desktop
    // shows it; the login where the account has none.
    if (const passwd *account = getpwuid(geteuid()); account && account->pw_gecos)
        if (const QString name = QString::fromLocal8Bit(account->pw_gecos).section(u',', 0, 0).trimmed();
            !name.isEmpty())
            return name;
#endif
    return systemLogin();
}

Result<QList<User>> UserRepository::all()
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT id, name, login, email, role FROM users WHERE deleted_at IS NULL ORDER BY name")))
        return m_db.errorFrom(q, Tr::tr("listing users"));
    QList<User> users;
    while (q.next())
        users.append(User { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toString(), TeamRole::Member, {}, true });
    return users;
}

Result<QList<User>> UserRepository::team()
{
    QSqlQuery q(m_db.connection());
    const QString canLogin = m_db.isPostgres()
        ? QStringLiteral(", EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = users.login AND r.rolcanlogin)")
        : QStringLiteral(", 1");
    if (!q.exec(QStringLiteral("SELECT ") + kColumns + canLogin
            + QStringLiteral(" FROM users WHERE deleted_at IS NULL ORDER BY deactivated_at IS NOT NULL, name, login")))
        return m_db.errorFrom(q, Tr::tr("listing users"));
    QList<User> users;
    while (q.next()) {
        User u = userFrom(q);
        u.canSignIn = q.value(7).toBool();
        if (!m_db.isPostgres())
            u.access = TeamRole::Admin;
        users.append(u);
    }
    return users;
}

Status UserRepository::requireTeamDatabase() const
{
    if (m_db.isPostgres())
        return {};
    return Error { Tr::tr("%1 is a personal database for one person: people and roles exist only on a team "
                          "database (PostgreSQL).")
                       .arg(m_db.location().displayName()),
        Error::Code::Unsupported };
}

Status UserRepository::validateLogin(const QString &login)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z_][a-z0-9_.-]{0,62}$"));
    if (!pattern.match(login).hasMatch())
        return Error::validation(QStringLiteral("login"),
            Tr::tr("“%1” cannot be a sign-in name: use lower-case letters, digits, “_”, “.” or “-”, starting with a "
                   "letter, at most 63.")
                .arg(login));
    if (login.startsWith(u"pg_") || login.startsWith(u"rapport_"))
        return Error::validation(QStringLiteral("login"),
            Tr::tr("“%1” cannot be a sign-in name: names starting with “pg_” or “rapport_” are reserved.").arg(login));
    return {};
}

Result<qint64> UserRepository::add(
    const QString &login, const QString &name, const QString &email, TeamRole role, const QString &password)
{
    if (Status s = requireTeamDatabase(); !s)
        return s.error();
    if (Status s = validateLogin(login); !s)
        return s.error();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT rapport_add_user(:login, :name, :email, :access, :verifier)"));
    q.bindValue(QStringLiteral(":login"), login);
    q.bindValue(QStringLiteral(":name"), name.trimmed());
    q.bindValue(QStringLiteral(":email"), email.trimmed());
    q.bindValue(QStringLiteral(":access"), TeamRoles::key(role));
    q.bindValue(QStringLiteral(":verifier"), password.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                                : QVariant(scramVerifier(password)));
    if (!q.exec() || !q.next())
        return m_db.errorFrom(q, Tr::tr("adding %1 to the team").arg(login));
    return q.value(0).toLongLong();
}

Status UserRepository::setRole(const QString &login, TeamRole role)
{
    if (Status s = requireTeamDatabase(); !s)
        return s;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT rapport_set_user_role(:login, :access)"));
    q.bindValue(QStringLiteral(":login"), login);
    q.bindValue(QStringLiteral(":access"), TeamRoles::key(role));
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("changing the role of %1").arg(login));
    return {};
}

Status UserRepository::deactivate(const QString &login)
{
    if (Status s = requireTeamDatabase(); !s)
        return s;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT rapport_deactivate_user(:login)"));
    q.bindValue(QStringLiteral(":login"), login);
    if (!q.exec())
        return m_db.errorFrom(q, Tr::tr("deactivating %1").arg(login));
    return {};
}

QString UserRepository::scramVerifier(const QString &password, const QByteArray &givenSalt)
{
    QByteArray salt = givenSalt;
    if (salt.isEmpty()) {
        salt.resize(16);
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(salt.data()), salt.size() / 4);
    }
    // PostgreSQL prepares the password with SASLprep; for ASCII passwords that is the identity, and so are most.
    const QByteArray salted = QPasswordDigestor::deriveKeyPbkdf2(
        QCryptographicHash::Sha256, password.toUtf8(), salt, kScramIterations, 32);
    const QByteArray clientKey
        = QMessageAuthenticationCode::hash(QByteArrayLiteral("Client Key"), salted, QCryptographicHash::Sha256);
    const QByteArray storedKey = QCryptographicHash::hash(clientKey, QCryptographicHash::Sha256);
    const QByteArray serverKey
        = QMessageAuthenticationCode::hash(QByteArrayLiteral("Server Key"), salted, QCryptographicHash::Sha256);
    return QStringLiteral("SCRAM-SHA-256$%1:%2$%3:%4")
        .arg(kScramIterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(storedKey.toBase64()),
            QString::fromLatin1(serverKey.toBase64()));
}
