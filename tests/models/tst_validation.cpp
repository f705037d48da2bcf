#include "domain/validation.h"

#include <QTest>

class TestValidation final : public QObject
{
    Q_OBJECT

private slots:
    void handles_data()
    {
        QTest::addColumn<QString>("network");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("normalized"); // empty: invalid
        QTest::newRow("mastodon") << "mastodon" << "@Amara@Mastodon.Social" << "amara@mastodon.social";
        QTest::newRow("mastodon no @") << "mastodon" << "amara@fosstodon.org" << "amara@fosstodon.org";
        QTest::newRow("mastodon no server") << "mastodon" << "@amara" << "";
        QTest::newRow("bluesky") << "bluesky" << "@Amara.BSKY.social" << "amara.bsky.social";
        QTest::newRow("bluesky did") << "bluesky" << "did:plc:ewvi7nxzyoun6zhxrhs64oiz" << "did:plc:ewvi7nxzyoun6zhxrhs64oiz";
        QTest::newRow("bluesky bad") << "bluesky" << "not a handle" << "";
        QTest::newRow("feed") << "feed" << "https://Blog.Example.com/feed/" << "https://blog.example.com/feed";
        QTest::newRow("feed javascript") << "feed" << "javascript:alert(1)" << "";
        QTest::newRow("x") << "x" << "@Amara_O" << "amara_o";
        QTest::newRow("x too long") << "x" << "@abcdefghijklmnopq" << "";
        QTest::newRow("email") << "email" << " Amara@Example.COM " << "amara@example.com";
        QTest::newRow("email bad") << "email" << "amara@" << "";
        QTest::newRow("unknown network") << "myspace" << "tom" << "";
    }
    void handles()
    {
        QFETCH(QString, network);
        QFETCH(QString, input);
        QFETCH(QString, normalized);
        Result<QString> r = Validation::normalizeHandle(network, input);
        if (normalized.isEmpty()) {
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, Error::Code::Validation);
            QVERIFY(!r.error().message.isEmpty());
        } else {
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
            QCOMPARE(*r, normalized);
        }
    }

    void contactDerivesDisplayName()
    {
        Contact c;
        c.firstName = QStringLiteral(" Ada ");
        c.lastName = QStringLiteral("Lovelace");
        QVERIFY(Validation::validateContact(c).ok());
        QCOMPARE(c.displayName, QStringLiteral("Ada Lovelace"));
    }

    void organization()
    {
        Organization o;
        QCOMPARE(Validation::validateOrganization(o).error().field, QStringLiteral("name"));
        o.name = QStringLiteral("Bytewire");
        o.website = QStringLiteral("ftp://bytewire.example");
        QCOMPARE(Validation::validateOrganization(o).error().field, QStringLiteral("website"));
        o.website = QStringLiteral("https://bytewire.example");
        QVERIFY(Validation::validateOrganization(o).ok());
    }
};

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
