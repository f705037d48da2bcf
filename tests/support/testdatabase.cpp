#include "testdatabase.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace TestDatabase {

void addBackends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

bool postgresRequired()
{
    return qEnvironmentVariableIsSet("RAPPORT_REQUIRE_POSTGRES");
}

QString tempDir()
{
    static QTemporaryDir dir;
    return dir.path();
}

Result<DatabaseLocation> freshLocation(const QString &backend)
{
    static QAtomicInt counter;
    const int n = counter.fetchAndAddRelaxed(1);
    if (backend == u"sqlite")
        return DatabaseLocation::sqlite(tempDir() + QStringLiteral("/test-%1.sqlite").arg(n));

    // "postgres-tls": the second server of run-tests.sh, which speaks only TLS (verify-full with its CA).
    const char *variable = backend == u"postgres-tls" ? "RAPPORT_TEST_PG_TLS_URL" : "RAPPORT_TEST_PG_URL";
    const QString url = qEnvironmentVariable(variable);
    if (url.isEmpty())
        return Error{QStringLiteral("%1 is not set: no PostgreSQL server for this test.")
                         .arg(QLatin1StringView(variable)),
                     Error::Code::NotFound};
    Result<DatabaseLocation> admin = DatabaseLocation::parse(url);
    if (!admin)
        return admin.error();
    Result<std::unique_ptr<Database>> server = Database::open(*admin, Database::OpenFlag::NoMigrate);
    if (!server)
        return server.error();
    const QString name = QStringLiteral("rapport_test_%1_%2").arg(QCoreApplication::applicationPid()).arg(n);
    {
        QSqlQuery q((*server)->connection());
        if (!q.exec(QStringLiteral("DROP DATABASE IF EXISTS ") + name)
            || !q.exec(QStringLiteral("CREATE DATABASE ") + name))
            return (*server)->errorFrom(q, QStringLiteral("creating a test database"));
    }
    DatabaseLocation loc = *admin;
    loc.databaseName = name;
    return loc;
}

Result<std::unique_ptr<Database>> create(const QString &backend)
{
    Result<DatabaseLocation> loc = freshLocation(backend);
    if (!loc)
        return loc.error();
    return Database::open(*loc);
}

} // namespace TestDatabase
