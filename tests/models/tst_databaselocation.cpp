#include "storage/databaselocation.h"

#include <QTest>

class TestDatabaseLocation final : public QObject
{
    Q_OBJECT

private slots:
    void postgresUrl()
    {
        Result<DatabaseLocation> loc = DatabaseLocation::parse(QStringLiteral("postgresql://sam:s%40cret@db.example:6543/agency"));
        QVERIFY(loc.ok());
        QVERIFY(loc->isPostgres());
        QCOMPARE(loc->host, QStringLiteral("db.example"));
        QCOMPARE(loc->port, 6543);
        QCOMPARE(loc->user, QStringLiteral("sam"));
        QCOMPARE(loc->password, QStringLiteral("s@cret"));
        QCOMPARE(loc->databaseName, QStringLiteral("agency"));
        // The password never shows.
        QCOMPARE(loc->displayName(), QStringLiteral("postgresql://sam@db.example:6543/agency"));
        QCOMPARE(DatabaseLocation::parse(QStringLiteral("postgres://h/db"))->port, 5432);
    }

    void badUrls_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("no database") << "postgresql://sam@host:5432/";
        QTest::newRow("no host") << "postgresql:///agency";
        QTest::newRow("other scheme") << "mysql://sam:secret@host/db";
    }
    void badUrls()
    {
        QFETCH(QString, text);
        Result<DatabaseLocation> loc = DatabaseLocation::parse(text);
        QVERIFY(!loc.ok());
        QVERIFY(!loc.error().message.contains(QStringLiteral("secret")));
    }

    // TLS settings from the URL's query, as --db and the saved team database carry them (docs/TEAM.md).
    void tlsFromTheUrl()
    {
        Result<DatabaseLocation> loc = DatabaseLocation::parse(
            QStringLiteral("postgresql://alice@db.agency.example/agency?sslmode=verify-full&sslrootcert=/home/alice/ca.crt"));
        QVERIFY(loc.ok());
        QCOMPARE(loc->sslMode, QStringLiteral("verify-full"));
        QCOMPARE(loc->sslRootCert, QStringLiteral("/home/alice/ca.crt"));
        QVERIFY(loc->postgresConnectOptions().contains(QStringLiteral(";sslmode=verify-full;")));
        QVERIFY(loc->postgresConnectOptions().endsWith(QStringLiteral(";sslrootcert='/home/alice/ca.crt'")));
        QCOMPARE(DatabaseLocation::parse(loc->toUrl())->sslRootCert, loc->sslRootCert);

        // A path with a space and a quote, percent-encoded in the URL, is quoted for libpq's conninfo.
        loc = DatabaseLocation::parse(
            QStringLiteral("postgresql://alice@db/agency?sslmode=verify-full&sslrootcert=/home/alice/Agency%20CA's/ca.crt"));
        QVERIFY(loc.ok());
        QCOMPARE(loc->sslRootCert, QStringLiteral("/home/alice/Agency CA's/ca.crt"));
        QVERIFY2(loc->postgresConnectOptions().endsWith(QStringLiteral(";sslrootcert='/home/alice/Agency CA\\'s/ca.crt'")),
            qPrintable(loc->postgresConnectOptions()));
        QCOMPARE(DatabaseLocation::parse(loc->toUrl())->sslRootCert, loc->sslRootCert);

        // The driver cannot pass a semicolon: refused with the reason rather than silently left out.
        loc = DatabaseLocation::parse(QStringLiteral("postgresql://alice@db/agency?sslmode=verify-full&sslrootcert=/a%3Bb/ca.crt"));
        QVERIFY(!loc.ok());
        QVERIFY2(loc.error().message.contains(QStringLiteral("semicolon")), qPrintable(loc.error().message));
        // An sslmode libpq does not know.
        loc = DatabaseLocation::parse(QStringLiteral("postgresql://alice@db/agency?sslmode=verify-all"));
        QVERIFY(!loc.ok());
        QVERIFY(loc.error().message.contains(QStringLiteral("verify-full")));
    }

    void sqlitePath()
    {
        Result<DatabaseLocation> loc = DatabaseLocation::parse(QStringLiteral("some/dir/../agency.sqlite"));
        QVERIFY(loc.ok());
        QVERIFY(!loc->isPostgres());
        QVERIFY(loc->path.endsWith(QStringLiteral("/some/agency.sqlite")));
        QVERIFY(QDir::isAbsolutePath(loc->path));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseLocation)
#include "tst_databaselocation.moc"
