#include "domain/url.h"

#include <QTest>

// Url::coverageKey: two addresses of the same article give the same key, different articles different keys,
// and what is not a web address is refused with a message.
class TestUrl final : public QObject
{
    Q_OBJECT

private slots:
    void coverageKey_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("key");
        const QString story = QStringLiteral("example.com/2026/05/story");
        // RFC 3986 §6.2.2.1: case of scheme and host; hex digits of escapes in upper case.
        QTest::newRow("plain") << "https://example.com/2026/05/story" << story;
        QTest::newRow("case") << "HTTPS://Example.COM/2026/05/story" << story;
        QTest::newRow("path case kept") << "https://example.com/2026/05/Story"
                                        << "example.com/2026/05/Story";
        QTest::newRow("escape hex case") << "https://example.com/a%2fb"
                                         << "example.com/a%2Fb";
        // §6.2.2.2: escapes of unreserved characters decoded.
        QTest::newRow("unreserved escaped") << "https://example.com/%7Euser/st%6Fry"
                                            << "example.com/~user/story";
        // §6.2.2.3: dot segments.
        QTest::newRow("dot segments") << "https://example.com/2026/./06/../05/story" << story;
        // §6.2.3: default port, empty path.
        QTest::newRow("default https port") << "https://example.com:443/2026/05/story" << story;
        QTest::newRow("default http port") << "http://example.com:80/2026/05/story" << story;
        QTest::newRow("other port kept") << "https://example.com:8443/a"
                                         << "example.com:8443/a";
        QTest::newRow("root") << "https://example.com/"
                              << "example.com";
        QTest::newRow("root bare") << "https://example.com"
                                   << "example.com";
        // The trade's rules.
        QTest::newRow("http is https") << "http://example.com/2026/05/story" << story;
        QTest::newRow("trailing slash") << "https://example.com/2026/05/story/" << story;
        QTest::newRow("two trailing slashes") << "https://example.com/2026/05/story//" << story;
        QTest::newRow("fragment") << "https://example.com/2026/05/story#comments" << story;
        QTest::newRow("www") << "https://www.example.com/2026/05/story" << story;
        QTest::newRow("www only host kept") << "https://www.com/a"
                                            << "www.com/a";
        QTest::newRow("trailing dot host") << "https://example.com./2026/05/story" << story;
        QTest::newRow("user info dropped") << "https://reader:secret@example.com/2026/05/story" << story;
        QTest::newRow("no scheme") << "example.com/2026/05/story" << story;
        QTest::newRow("no scheme www") << "www.example.com/2026/05/story/" << story;
        QTest::newRow("no scheme port") << "example.com:8080/a"
                                        << "example.com:8080/a";
        QTest::newRow("spaces around") << "  https://example.com/2026/05/story \n" << story;
        QTest::newRow("utm") << "https://example.com/2026/05/story?utm_source=newsletter&utm_medium=email&"
                                "utm_campaign=spring"
                             << story;
        QTest::newRow("utm upper") << "https://example.com/2026/05/story?UTM_Source=x" << story;
        QTest::newRow("fbclid") << "https://example.com/2026/05/story?fbclid=IwAR3xyz" << story;
        QTest::newRow("gclid dclid") << "https://example.com/2026/05/story?gclid=1&dclid=2" << story;
        QTest::newRow("mailchimp") << "https://example.com/2026/05/story?mc_cid=abc&mc_eid=def" << story;
        QTest::newRow("instagram") << "https://example.com/2026/05/story?igshid=MzRlODBiNWFlZA==" << story;
        QTest::newRow("hubspot") << "https://example.com/2026/05/story?_hsenc=p2AN&_hsmi=2" << story;
        QTest::newRow("twitter ref_src") << "https://example.com/2026/05/story?ref_src=twsrc%5Etfw" << story;
        QTest::newRow("tracking kept apart from id") << "https://example.com/article.php?utm_source=x&id=42&fbclid=y"
                                                     << "example.com/article.php?id=42";
        QTest::newRow("params sorted") << "https://example.com/search?q=ring&page=2"
                                       << "example.com/search?page=2&q=ring";
        QTest::newRow("params sorted same") << "https://example.com/search?page=2&q=ring"
                                            << "example.com/search?page=2&q=ring";
        QTest::newRow("repeated names keep order") << "https://example.com/a?tag=b&x=1&tag=a"
                                                   << "example.com/a?tag=b&tag=a&x=1";
        QTest::newRow("empty params") << "https://example.com/a?&&id=1&"
                                      << "example.com/a?id=1";
        QTest::newRow("empty query") << "https://example.com/2026/05/story?" << story;
        QTest::newRow("query escapes") << "https://example.com/a?q=caf%c3%a9&x=%7e"
                                       << "example.com/a?q=caf%C3%A9&x=~";
        QTest::newRow("non-ascii path") << QStringLiteral("https://example.com/caf\u00e9") << "example.com/caf%C3%A9";
        QTest::newRow("non-ascii path escaped") << "https://example.com/caf%C3%A9"
                                                << "example.com/caf%C3%A9";
        QTest::newRow("idn unicode") << QStringLiteral("https://b\u00fccher.example/neu")
                                     << "xn--bcher-kva.example/neu";
        QTest::newRow("idn punycode") << "https://XN--BCHER-KVA.example/neu"
                                      << "xn--bcher-kva.example/neu";
        QTest::newRow("idn upper unicode")
            << QStringLiteral("https://B\u00dcCHER.example/neu") << "xn--bcher-kva.example/neu";
        QTest::newRow("ipv4") << "http://192.0.2.1/a"
                              << "192.0.2.1/a";
        QTest::newRow("localhost") << "http://localhost:8080/a"
                                   << "localhost:8080/a";
        QTest::newRow("amp-ish path kept") << "https://example.com/amp/2026/05/story"
                                           << "example.com/amp/2026/05/story";
    }
    void coverageKey()
    {
        QFETCH(QString, input);
        QFETCH(QString, key);
        const Result<QString> k = Url::coverageKey(input);
        QVERIFY2(k.ok(), qPrintable(k.ok() ? QString() : k.error().message));
        QCOMPARE(*k, key);
    }

    void refused_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("empty") << "";
        QTest::newRow("blank") << "   ";
        QTest::newRow("words") << "the article in Monday's paper";
        QTest::newRow("one word") << "story";
        QTest::newRow("mailto") << "mailto:editor@example.com";
        QTest::newRow("ftp") << "ftp://example.com/story";
        QTest::newRow("javascript") << "javascript:alert(1)";
        QTest::newRow("no host") << "https:///story";
        QTest::newRow("bad port") << "https://example.com:99999/story";
        QTest::newRow("space inside") << "https://example.com/my story";
        QTest::newRow("too long") << QStringLiteral("https://example.com/") + QString(9000, u'a');
    }
    void refused()
    {
        QFETCH(QString, input);
        const Result<QString> k = Url::coverageKey(input);
        QVERIFY2(!k.ok(), qPrintable(k.ok() ? *k : QString()));
        QCOMPARE(k.error().code, Error::Code::Validation);
        QCOMPARE(k.error().field, QStringLiteral("url"));
        QVERIFY(!k.error().message.isEmpty());
    }

    void withScheme()
    {
        QCOMPARE(Url::withScheme(QStringLiteral(" example.com/a ")), QStringLiteral("https://example.com/a"));
        QCOMPARE(Url::withScheme(QStringLiteral("http://example.com/a")), QStringLiteral("http://example.com/a"));
        QCOMPARE(Url::withScheme(QStringLiteral("//example.com/a")), QStringLiteral("https://example.com/a"));
    }
};

QTEST_GUILESS_MAIN(TestUrl)
#include "tst_url.moc"
