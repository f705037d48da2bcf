#include "domain/validation.h"

#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;

class TestValidation final : public QObject
{
    Q_OBJECT

private slots:
    // A website, feed or LinkedIn address is normalized as QUrl does it (parsed, host in lower case, one trailing
    // slash dropped), also where normalizeHandle() recognises a plain address without parsing it: each row is
    // held against QUrl itself, valid or not.
    void webAddressesAsQUrl_data()
    {
        QTest::addColumn<QString>("input");
        const QString longLabel(63, u'a');
        const QStringList urls { u"https://blog.example/p0"_s, u"http://a.b-c.example/Path_x~y.z/"_s,
                 u"https://x.example/"_s, u"https://x.example"_s, u"https://x.example/a/b/c"_s,
                 u"https://x.example/a/"_s, u"https://sub.x9.example/..x/.y/z."_s, u"http://localhost/"_s,
                 u"https://xn--bcher-kva.example/"_s, u"https://b\u00fccher.example/"_s, u"http://1.2.3.4/"_s,
                 u"http://0x7f.1/"_s, u"https://a..b/"_s, u"https://-a.example"_s, u"https://a-.example/"_s,
                 u"https://a.example//x"_s, u"https://a.example/./x"_s, u"https://a.example/../x"_s,
                 u"https://a.example/x/.."_s, u"https://a.example/x/."_s, u"https://Ex.EXAMPLE/x"_s,
                 u"HTTPS://a.example/"_s, u"https://a.example/%7Euser"_s, u"https://a.example/%zz"_s,
                 u"https://a.example:8080/"_s, u"https://a.example:443/"_s, u"https://a.example/a?b#c"_s,
                 u"https://user@a.example/"_s, u"https://a.example/a b"_s, u"https://a.example/\u00e9t\u00e9"_s,
                 u"https://a.example."_s, u"https://.a.example"_s, u"https:///x"_s, u"https://"_s, u"http:/x"_s,
                 u"ftp://a.example/"_s, u"https://a.example//"_s, u"https://a.example/x//"_s,
                 QString(u"https://"_s + longLabel + u".example/"_s), QString(u"https://"_s + longLabel + u"a.example/"_s),
                 u"https://a.example/x\\y"_s, u"https://a.example/[x]"_s, u"https://a_b.example/"_s };
        for (const QString &url : urls)
            QTest::newRow(qPrintable(url)) << url;
    }
    void webAddressesAsQUrl()
    {
        QFETCH(QString, input);
        const QUrl strict(input, QUrl::StrictMode);
        const bool valid = strict.isValid() && (strict.scheme() == u"http" || strict.scheme() == u"https")
            && !strict.host().isEmpty();
        for (const QString &network : { u"website"_s, u"feed"_s, u"linkedin"_s }) {
            const Result<QString> r = Validation::normalizeHandle(network, input);
            QCOMPARE(r.ok(), valid);
            if (!valid)
                continue;
            QUrl url(input);
            url.setHost(url.host().toLower());
            QCOMPARE(*r, url.toString(QUrl::StripTrailingSlash));
        }
    }

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
