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
