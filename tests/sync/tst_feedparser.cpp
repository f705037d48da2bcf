// FeedParser and FeedDate on sample feeds of every format and on the ways real feeds are broken.

#include "sync/feeddate.h"
#include "sync/feedparser.h"

#include <QElapsedTimer>
#include <QFile>
#include <QStringEncoder>
#include <QTest>

namespace {

QByteArray sample(const QString &name)
{
    QFile f(QStringLiteral(RAPPORT_FEEDS_DATA "/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing sample %s", qPrintable(name));
    return f.readAll();
}

QDateTime utc(int y, int mo, int d, int h, int mi, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

ParsedFeed parseOk(const QByteArray &bytes, const QUrl &url, const QByteArray &contentType = {})
{
    Result<ParsedFeed> r = FeedParser::parse(bytes, url, contentType);
    if (!r.ok())
        qWarning() << "parse failed:" << r.error().message;
    return r.ok() ? r.value() : ParsedFeed();
}

QByteArray rssWithItems(int count, const QByteArray &extra = {})
{
    QByteArray xml = "<rss version=\"2.0\"><channel><title>Many</title>";
    for (int i = 0; i < count; ++i)
        xml += "<item><title>Item " + QByteArray::number(i) + "</title><guid>g" + QByteArray::number(i) + "</guid>"
            + extra + "</item>";
    return xml + "</channel></rss>";
}

} // namespace

class TestFeedParser final : public QObject
{
    Q_OBJECT

private slots:
    void rss2()
    {
        const ParsedFeed feed
            = parseOk(sample(QStringLiteral("rss2.xml")), QUrl(QStringLiteral("https://news.example.com/feed.xml")));
        QCOMPARE(feed.format, ParsedFeed::Format::Rss2);
        QCOMPARE(feed.title, QStringLiteral("Tech Desk & Friends"));
        QCOMPARE(feed.siteUrl, QStringLiteral("https://news.example.com/"));
        QCOMPARE(feed.author, QStringLiteral("Tech Desk"));
        QVERIFY(!feed.truncated);
        QCOMPARE(feed.entries.size(), 4);

        const FeedEntry &a = feed.entries.at(0);
        QCOMPARE(a.id, QStringLiteral("post-1"));
        QCOMPARE(a.title, QStringLiteral("Müller & Co launch"));
        QCOMPARE(a.url, QStringLiteral("https://news.example.com/blog/posts/1")); // relative to the channel's xml:base
        QCOMPARE(a.summaryText, QStringLiteral("Hello & welcome\n\nSecond paragraph")); // double-escaped HTML
        QCOMPARE(a.published, utc(2024, 3, 5, 19, 30)); // 14:30 EST
        QCOMPARE(a.authorName, QStringLiteral("Jo Smith"));
        QCOMPARE(a.authorEmail, QStringLiteral("jo@example.com"));

        const FeedEntry &b = feed.entries.at(1);
        QCOMPARE(b.title, QStringLiteral("Café opening")); // CDATA with markup
        QCOMPARE(b.url, QStringLiteral("https://news.example.com/p/2")); // a permalink guid and no <link>
        QCOMPARE(b.id, QStringLiteral("https://news.example.com/p/2"));
        QCOMPARE(b.summaryText, QStringLiteral("Café opens today.")); // script dropped with its content
        QCOMPARE(b.published, utc(2024, 3, 5, 9, 5)); // "5 Mar 24 9:05 GMT"
        QCOMPARE(b.authorName, QStringLiteral("Ana Lima"));

        const FeedEntry &c = feed.entries.at(2);
        QCOMPARE(c.title, QStringLiteral("AT&T news")); // a bare & and an HTML entity, both invalid XML
        QCOMPARE(c.url, QStringLiteral("https://news.example.com/third"));
        QCOMPARE(c.summaryText, QStringLiteral("Plain été"));
        QVERIFY(!c.published.isValid()); // "sometime last week"
        QVERIFY(c.id.isEmpty());

        const FeedEntry &d = feed.entries.at(3);
        QCOMPARE(d.summaryText, QStringLiteral("Full content")); // content:encoded when there is no description
        QCOMPARE(d.published, utc(2024, 3, 6, 7, 0));
        QCOMPARE(d.published.timeSpec(), Qt::UTC);
    }

    void rss1()
    {
        const ParsedFeed feed
            = parseOk(sample(QStringLiteral("rss1.rdf")), QUrl(QStringLiteral("https://rdf.example.com/index.rdf")));
        QCOMPARE(feed.format, ParsedFeed::Format::Rss1);
        QCOMPARE(feed.title, QStringLiteral("RDF Times"));
        QCOMPARE(feed.siteUrl, QStringLiteral("https://rdf.example.com/"));
        QCOMPARE(feed.author, QStringLiteral("The Editors"));
        QCOMPARE(feed.entries.size(), 2);
        QCOMPARE(feed.entries.at(0).id, QStringLiteral("https://rdf.example.com/a"));
        QCOMPARE(feed.entries.at(0).url, QStringLiteral("https://rdf.example.com/a"));
        QCOMPARE(feed.entries.at(0).title, QStringLiteral("First RDF item"));
        QCOMPARE(feed.entries.at(0).summaryText, QStringLiteral("About A"));
        QCOMPARE(feed.entries.at(0).published, utc(2024, 3, 1, 8, 0));
        QCOMPARE(feed.entries.at(0).authorName, QStringLiteral("Kim Park"));
        QCOMPARE(feed.entries.at(1).published, utc(2024, 2, 29, 0, 0));
    }

    void atom()
    {
        const ParsedFeed feed
            = parseOk(sample(QStringLiteral("atom.xml")), QUrl(QStringLiteral("https://feeds.example.org/blog")));
        QCOMPARE(feed.format, ParsedFeed::Format::Atom);
        QCOMPARE(feed.title, QStringLiteral("Example <Blog>")); // type="text": markup-like text stays
        QCOMPARE(feed.siteUrl, QStringLiteral("https://blog.example.org/")); // rel=alternate, not rel=self
        QCOMPARE(feed.author, QStringLiteral("Rita Feed"));
        QCOMPARE(feed.entries.size(), 3);

        const FeedEntry &a = feed.entries.at(0);
        QCOMPARE(a.id, QStringLiteral("tag:blog.example.org,2024:1"));
        QCOMPARE(a.title, QStringLiteral("Hello world & all"));
        QCOMPARE(a.url, QStringLiteral("https://blog.example.org/posts/hello.html")); // feed base + entry base
        QCOMPARE(a.published, utc(2024, 3, 5, 13, 30, 0, 123)); // published wins over updated
        QCOMPARE(a.authorName, QStringLiteral("Sam Writer"));
        QCOMPARE(a.authorEmail, QStringLiteral("sam@example.org"));
        QCOMPARE(a.authorUri, QStringLiteral("https://blog.example.org/people/sam"));
        QCOMPARE(a.summaryText, QStringLiteral("Short summary")); // summary before content

        const FeedEntry &b = feed.entries.at(1);
        QCOMPARE(b.url, QStringLiteral("https://cdn.example.net/a/b.html")); // xml:base on the link itself
        QCOMPARE(b.published, utc(2024, 3, 4, 14, 0)); // only <updated>
        QCOMPARE(b.summaryText, QStringLiteral("One & two\n\nThree")); // xhtml content

        const FeedEntry &c = feed.entries.at(2);
        QCOMPARE(c.title, QStringLiteral("No link <here>"));
        QVERIFY(c.url.isEmpty());
        QVERIFY(!c.published.isValid());
        QCOMPARE(c.summaryText, QStringLiteral("Plain text\nsummary"));
    }

    void jsonFeed()
    {
        const ParsedFeed feed
            = parseOk(sample(QStringLiteral("feed.json")), QUrl(QStringLiteral("https://json.example.com/feed.json")),
                "text/html"); // a wrong Content-Type does not matter
        QCOMPARE(feed.format, ParsedFeed::Format::JsonFeed);
        QCOMPARE(feed.title, QStringLiteral("JSON Desk"));
        QCOMPARE(feed.siteUrl, QStringLiteral("https://json.example.com/"));
        QCOMPARE(feed.author, QStringLiteral("Jay Son"));
        QCOMPARE(feed.entries.size(), 3);
        QCOMPARE(feed.entries.at(0).id, QStringLiteral("42")); // a number where the spec wants a string
        QCOMPARE(feed.entries.at(0).url, QStringLiteral("https://json.example.com/items/42"));
        QCOMPARE(feed.entries.at(0).summaryText, QStringLiteral("The answer & more"));
        QCOMPARE(feed.entries.at(0).published, utc(2024, 3, 5, 14, 30));
        QCOMPARE(feed.entries.at(0).authorName, QStringLiteral("Deep Thought"));
        QCOMPARE(feed.entries.at(1).url, QStringLiteral("https://elsewhere.example.net/b"));
        QCOMPARE(feed.entries.at(1).summaryText, QStringLiteral("A summary"));
        QCOMPARE(feed.entries.at(1).published, utc(2024, 3, 4, 8, 0)); // date_modified
        QCOMPARE(feed.entries.at(2).summaryText, QStringLiteral("Text only"));
        QVERIFY(!feed.entries.at(2).published.isValid());

        QVERIFY(!FeedParser::parse("{\"hello\": 1}", QUrl(QStringLiteral("https://x.example/"))).ok());
        const Result<ParsedFeed> cut = FeedParser::parse(
            sample(QStringLiteral("feed.json")).left(200), QUrl(QStringLiteral("https://json.example.com/feed.json")));
        QVERIFY(!cut.ok());
        QVERIFY2(cut.error().message.contains(QStringLiteral("not valid JSON")), qPrintable(cut.error().message));
    }

    void legacyEncodingFromProlog()
    {
        const ParsedFeed feed
            = parseOk(sample(QStringLiteral("latin1.xml")), QUrl(QStringLiteral("https://latin.example.com/rss")));
        QCOMPARE(feed.title, QStringLiteral("Café Müller"));
        QCOMPARE(feed.entries.size(), 1);
        QCOMPARE(feed.entries.at(0).title, QStringLiteral("Müller € 5")); // 0x80 is € (windows-1252)
        QCOMPARE(feed.entries.at(0).summaryText, QStringLiteral("Grüße “quoted”"));
    }

    void legacyEncodingFromHttpCharset()
    {
        const QByteArray bytes = "<rss version=\"2.0\"><channel><title>M\xfcller</title></channel></rss>";
        QCOMPARE(
            parseOk(bytes, QUrl(QStringLiteral("https://x.example/")), "application/rss+xml; charset=ISO-8859-1").title,
            QStringLiteral("Müller"));
        // Undeclared and not UTF-8: read as windows-1252 rather than with replacement characters.
        QCOMPARE(parseOk(bytes, QUrl(QStringLiteral("https://x.example/"))).title, QStringLiteral("Müller"));
        // The HTTP charset wins over the XML declaration (RFC 7303 §3.2).
        const QByteArray utf8 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>"
                                "M\xc3\xbcller</title></channel></rss>";
        QCOMPARE(parseOk(utf8, QUrl(QStringLiteral("https://x.example/")), "text/xml; charset=\"utf-8\"").title,
            QStringLiteral("Müller"));
        // A UTF-16 file with a byte-order mark.
        QStringEncoder toUtf16(QStringEncoder::Utf16LE, QStringEncoder::Flag::WriteBom);
        const QByteArray utf16
            = toUtf16(QStringLiteral("<rss version=\"2.0\"><channel><title>Ωmega</title></channel></rss>"));
        QCOMPARE(parseOk(utf16, QUrl(QStringLiteral("https://x.example/"))).title, QStringLiteral("Ωmega"));
    }

    void truncatedFeedKeepsCompleteItems()
    {
        const Result<ParsedFeed> r = FeedParser::parse(
            sample(QStringLiteral("truncated.xml")), QUrl(QStringLiteral("https://cut.example.com/rss")));
        QVERIFY(r.ok());
        QVERIFY(r->truncated);
        QCOMPARE(r->warnings.size(), 1);
        QCOMPARE(r->entries.size(), 2);
        QCOMPARE(r->entries.at(0).title, QStringLiteral("One"));
        QCOMPARE(r->entries.at(1).url, QStringLiteral("https://cut.example.com/2"));

        // Cut before the first complete item: nothing good to keep, so an error in words.
        const Result<ParsedFeed> none = FeedParser::parse(
            sample(QStringLiteral("truncated.xml")).left(150), QUrl(QStringLiteral("https://cut.example.com/rss")));
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code, Error::Code::Network);
        QVERIFY2(none.error().message.contains(QStringLiteral("ended before its first complete item")),
            qPrintable(none.error().message));
        QVERIFY(none.error().message.contains(QStringLiteral("https://cut.example.com/rss")));
    }

    void brokenMidwayKeepsEarlierItems()
    {
        QByteArray xml = rssWithItems(3);
        xml.replace("<item><title>Item 2", "<item><title>Item 2</wrong>");
        const Result<ParsedFeed> r = FeedParser::parse(xml, QUrl(QStringLiteral("https://x.example/")));
        QVERIFY(r.ok());
        QVERIFY(r->truncated);
        QCOMPARE(r->entries.size(), 2);
    }

    void webPageIsNotAFeed()
    {
        const Result<ParsedFeed> r = FeedParser::parse(sample(QStringLiteral("page.html")),
            QUrl(QStringLiteral("https://news.example.com/")), "text/html; charset=utf-8");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message,
            QStringLiteral("https://news.example.com/ is a web page, not a feed. The page names a feed at "
                           "https://news.example.com/feed.xml?a=1&b=2: use that address instead."));
        const Result<ParsedFeed> plain
            = FeedParser::parse("<html><body>hi</body></html>", QUrl(QStringLiteral("https://x.example/")));
        QVERIFY(!plain.ok());
        QCOMPARE(plain.error().message, QStringLiteral("https://x.example/ is a web page, not a feed."));
    }

    void notAFeed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray("  \n ") << QStringLiteral("empty document");
        QTest::newRow("text") << QByteArray("Service unavailable") << QStringLiteral("neither XML nor JSON");
        QTest::newRow("other xml") << QByteArray("<?xml version=\"1.0\"?><svg/>")
                                   << QStringLiteral("not a feed (it starts with <svg>)");
        QTest::newRow("broken xml") << QByteArray("<rss><channel><title>x</channel></rss>")
                                    << QStringLiteral("cannot be read");
        QTest::newRow("json array") << QByteArray("[1,2]") << QStringLiteral("not a JSON Feed");
    }
    void notAFeed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        const Result<ParsedFeed> r = FeedParser::parse(bytes, QUrl(QStringLiteral("https://x.example/feed")));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
    }

    void entityBombsAreHarmless()
    {
        QElapsedTimer timer;
        timer.start();
        const ParsedFeed feed
            = parseOk(sample(QStringLiteral("billion-laughs.xml")), QUrl(QStringLiteral("https://x.example/")));
        QVERIFY(timer.elapsed() < 2000);
        QCOMPARE(feed.entries.size(), 1);
        QCOMPARE(feed.entries.at(0).title, QStringLiteral("&lol9;")); // never expanded
        QCOMPARE(feed.entries.at(0).summaryText, QStringLiteral("&xxe;")); // never fetched
    }

    void controlCharactersAndBadReferencesAreDropped()
    {
        const ParsedFeed feed = parseOk("<rss><channel><title>a\x01"
                                        "b\x0b"
                                        "c &#0; &#xD800; &#233;</title></channel></rss>",
            QUrl(QStringLiteral("https://x.example/")));
        // Kept out of the XML parser; the title is HTML, where they mean U+FFFD (HTML § numeric character reference end
        // state).
        QCOMPARE(feed.title, QStringLiteral("abc \uFFFD \uFFFD é"));
    }

    void unsafeLinksAreDropped()
    {
        const ParsedFeed feed = parseOk("<rss><channel><item><title>t</title><link>javascript:alert(1)</link></item>"
                                        "<item><title>u</title><link>file:///etc/passwd</link></item></channel></rss>",
            QUrl(QStringLiteral("https://x.example/")));
        QCOMPARE(feed.entries.size(), 2);
        QVERIFY(feed.entries.at(0).url.isEmpty());
        QVERIFY(feed.entries.at(1).url.isEmpty());
    }

    void hugeInputIsBounded()
    {
        const Result<ParsedFeed> many
            = FeedParser::parse(rssWithItems(6000), QUrl(QStringLiteral("https://x.example/")));
        QVERIFY(many.ok());
        QCOMPARE(many->entries.size(), 5000);
        QVERIFY(many->capped);
        QCOMPARE(many->entries.last().title, QStringLiteral("Item 4999"));
        QCOMPARE(many->warnings.size(), 1);

        FeedParser::Limits limits;
        limits.maxEntries = 10;
        const Result<ParsedFeed> json
            = FeedParser::parse("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":["
                    + QByteArray("{\"id\":\"x\"},").repeated(20) + "{\"id\":\"y\"}]}",
                QUrl(QStringLiteral("https://x.example/")), {}, limits);
        QVERIFY(json.ok());
        QCOMPARE(json->entries.size(), 10);
        QVERIFY(json->capped);

        const QByteArray longTitle(50000, 'x');
        const QByteArray longText = QByteArray("&lt;p&gt;word &lt;/p&gt;").repeated(100000);
        const Result<ParsedFeed> big = FeedParser::parse("<rss><channel><item><title>" + longTitle
                + "</title><description>" + longText + "</description></item></channel></rss>",
            QUrl(QStringLiteral("https://x.example/")));
        QVERIFY(big.ok());
        QCOMPARE(big->entries.at(0).title.size(), FeedParser::Limits().maxTitleChars);
        QVERIFY(big->entries.at(0).title.endsWith(QChar(0x2026)));
        QCOMPARE(big->entries.at(0).summaryText.size(), FeedParser::Limits().maxSummaryChars);
    }

    void pathologicalMarkupStaysFast()
    {
        QElapsedTimer timer;
        timer.start();
        const QByteArray lt = "<rss><channel><item><title>t</title><description>" + QByteArray("&lt;").repeated(400000)
            + QByteArray("&amp;").repeated(400000) + "</description></item></channel></rss>";
        QVERIFY(FeedParser::parse(lt, QUrl(QStringLiteral("https://x.example/"))).ok());
        const QByteArray deep = "<rss><channel><item><title>t</title><description>" + QByteArray("<a>").repeated(100000)
            + "</description></item></channel></rss>";
        const Result<ParsedFeed> r = FeedParser::parse(deep, QUrl(QStringLiteral("https://x.example/")));
        QVERIFY(!r.ok() || r->entries.size() <= 1);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }

    void dates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        QTest::newRow("rfc822 gmt") << QStringLiteral("Tue, 05 Mar 2024 14:30:00 GMT") << utc(2024, 3, 5, 14, 30);
        QTest::newRow("rfc822 +0000") << QStringLiteral("Tue, 05 Mar 2024 14:30:00 +0000") << utc(2024, 3, 5, 14, 30);
        QTest::newRow("rfc822 EST") << QStringLiteral("Tue, 05 Mar 2024 14:30:00 EST") << utc(2024, 3, 5, 19, 30);
        QTest::newRow("rfc822 PDT") << QStringLiteral("Fri, 05 Jul 2024 14:30:00 PDT") << utc(2024, 7, 5, 21, 30);
        QTest::newRow("rfc822 -0500") << QStringLiteral("Tuesday, 5 March 2024 14:30:00 -0500")
                                      << utc(2024, 3, 5, 19, 30);
        QTest::newRow("rfc822 +05:30") << QStringLiteral("Tue, 05 Mar 2024 14:30:00 +05:30") << utc(2024, 3, 5, 9, 0);
        QTest::newRow("no seconds") << QStringLiteral("Tue, 05 Mar 2024 14:30 GMT") << utc(2024, 3, 5, 14, 30);
        QTest::newRow("no weekday") << QStringLiteral("05 Mar 2024 14:30:00 UT") << utc(2024, 3, 5, 14, 30);
        QTest::newRow("2-digit 24") << QStringLiteral("Tue, 05 Mar 24 14:30:00 GMT") << utc(2024, 3, 5, 14, 30);
        QTest::newRow("2-digit 99") << QStringLiteral("Fri, 05 Mar 99 14:30:00 GMT") << utc(1999, 3, 5, 14, 30);
        QTest::newRow("no zone") << QStringLiteral("Tue, 05 Mar 2024 14:30:00") << utc(2024, 3, 5, 14, 30);
        QTest::newRow("unknown zone") << QStringLiteral("Tue, 05 Mar 2024 14:30:00 XYZ") << utc(2024, 3, 5, 14, 30);
        QTest::newRow("date only") << QStringLiteral("5 Mar 2024") << utc(2024, 3, 5, 0, 0);
        QTest::newRow("rfc3339 Z") << QStringLiteral("2024-03-05T14:30:00Z") << utc(2024, 3, 5, 14, 30);
        QTest::newRow("rfc3339 offset") << QStringLiteral("2024-03-05T14:30:00+01:00") << utc(2024, 3, 5, 13, 30);
        QTest::newRow("rfc3339 fraction")
            << QStringLiteral("2024-03-05T14:30:00.5-02:30") << utc(2024, 3, 5, 17, 0, 0, 500);
        QTest::newRow("rfc3339 no seconds") << QStringLiteral("2024-03-05T14:30Z") << utc(2024, 3, 5, 14, 30);
        QTest::newRow("iso space") << QStringLiteral("2024-03-05 14:30:00 +0100") << utc(2024, 3, 5, 13, 30);
        QTest::newRow("iso date") << QStringLiteral("2024-03-05") << utc(2024, 3, 5, 0, 0);
        QTest::newRow("leap second") << QStringLiteral("2016-12-31T23:59:60Z") << utc(2016, 12, 31, 23, 59, 59);
        QTest::newRow("next day in UTC") << QStringLiteral("Sun, 31 Dec 2023 23:30:00 -0100") << utc(2024, 1, 1, 0, 30);
        QTest::newRow("garbage") << QStringLiteral("sometime last week") << QDateTime();
        QTest::newRow("empty") << QString() << QDateTime();
        QTest::newRow("day 32") << QStringLiteral("Tue, 32 Mar 2024 10:00:00 GMT") << QDateTime();
        QTest::newRow("month 13") << QStringLiteral("2024-13-01T00:00:00Z") << QDateTime();
        QTest::newRow("hour 25") << QStringLiteral("2024-03-05T25:00:00Z") << QDateTime();
        QTest::newRow("bad month") << QStringLiteral("Tue, 05 Foo 2024 10:00:00 GMT") << QDateTime();
        QTest::newRow("bad offset") << QStringLiteral("2024-03-05T10:00:00+99:00") << QDateTime();
        QTest::newRow("digits") << QStringLiteral("99999999999999999999999") << QDateTime();
        QTest::newRow("feb 30") << QStringLiteral("2024-02-30") << QDateTime();
    }
    void dates()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const QDateTime got = FeedDate::parse(text);
        QCOMPARE(got.isValid(), expected.isValid());
        if (expected.isValid()) {
            QCOMPARE(got, expected);
            QCOMPARE(got.timeSpec(), Qt::UTC);
        }
    }
};

QTEST_GUILESS_MAIN(TestFeedParser)
#include "tst_feedparser.moc"
