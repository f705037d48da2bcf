// FeedParser and FeedDate on sample feeds of every format and on the ways real feeds are broken.

#include "sync/feeddate.h"
#include "sync/feedparser.h"
#include "sync/htmlentitytable_p.h"
#include "sync/htmltext.h"

#include <algorithm>

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
        qInfo("parsed in %lld ms", timer.elapsed());
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
        qInfo("both parsed in %lld ms (bench_sync has the budget)", timer.elapsed());
    }

    // HTML §13.2.5.72–80 (character reference states) and §13.5 (the table of names).
    void htmlEntities_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("acirc") << QStringLiteral("Cr&acirc;ne") << QStringLiteral("Crâne");
        QTest::newRow("deg") << QStringLiteral("20&deg;C") << QStringLiteral("20°C");
        QTest::newRow("nordic") << QStringLiteral("&oslash;&aring;&thorn;&AElig;") << QStringLiteral("øåþÆ");
        QTest::newRow("frac12") << QStringLiteral("&frac12; off") << QStringLiteral("½ off");
        QTest::newRow("late table") << QStringLiteral("&zwnj;&Zopf;&hearts;&rarr;&NotNestedGreaterGreater;")
                                    << QStringLiteral("\u200C\U00002124\u2665\u2192\u2AA2\u0338");
        QTest::newRow("two code points") << QStringLiteral("&nGt;") << QStringLiteral("\u226B\u20D2");
        QTest::newRow("case matters") << QStringLiteral("&Eacute;&AMP;&eacute;") << QStringLiteral("É&é");
        QTest::newRow("legacy no semicolon") << QStringLiteral("&copy 2024 &amp co") << QStringLiteral("© 2024 & co");
        QTest::newRow("legacy glued") << QStringLiteral("&notit; &ampxyz") << QStringLiteral("¬it; &xyz");
        QTest::newRow("legacy longest") << QStringLiteral("&notin; &frac34x") << QStringLiteral("∉ ¾x");
        QTest::newRow("not legacy") << QStringLiteral("&hellip and &mdash") << QStringLiteral("&hellip and &mdash");
        QTest::newRow("unknown") << QStringLiteral("&foo; & bare &; &1") << QStringLiteral("&foo; & bare &; &1");
        QTest::newRow("decimal") << QStringLiteral("caf&#233;") << QStringLiteral("café");
        QTest::newRow("hex") << QStringLiteral("&#xE9;&#XE9;&#x1F600;") << QStringLiteral("éé\U0001F600");
        QTest::newRow("no semicolon") << QStringLiteral("&#233x &#x41B") << QStringLiteral("éx \u041B");
        QTest::newRow("zero") << QStringLiteral("a&#0;b") << QStringLiteral("a\uFFFDb");
        QTest::newRow("surrogate") << QStringLiteral("&#xD800;&#57343;") << QStringLiteral("\uFFFD\uFFFD");
        QTest::newRow("too big") << QStringLiteral("&#x110000;&#99999999999999999999;")
                                 << QStringLiteral("\uFFFD\uFFFD");
        QTest::newRow("c1 windows-1252") << QStringLiteral("&#150;&#x80;&#146;&#159;")
                                         << QStringLiteral("\u2013\u20AC\u2019\u0178");
        QTest::newRow("c1 unmapped") << QStringLiteral("&#x81;") << QStringLiteral("\u0081");
        QTest::newRow("no digits") << QStringLiteral("&#; &#x; &#xG") << QStringLiteral("&#; &#x; &#xG");
    }
    void htmlEntities()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(HtmlText::decodeEntities(input), expected);
    }

    void htmlEntityTableIsComplete()
    {
        // The standard's table: 2,231 keys = 2,125 names with ';' + 106 legacy names also without it.
        QCOMPARE(HtmlEntityTable::entries.size(), std::size_t(2125));
        QCOMPARE(std::count_if(HtmlEntityTable::entries.begin(), HtmlEntityTable::entries.end(),
                     [](const HtmlEntityTable::Entry &e) { return e.legacy; }),
            106);
        for (const HtmlEntityTable::Entry &e : HtmlEntityTable::entries) {
            const QString name = QString::fromLatin1(e.name.data(), qsizetype(e.name.size()));
            const QString decoded = HtmlText::decodeEntities(u'&' + name + u';');
            QVERIFY2(!decoded.startsWith(u'&') || e.first == U'&', qPrintable(name));
            QCOMPARE(decoded.toUcs4().value(0), e.first);
        }
    }

    void entitiesInAttributes()
    {
        // §13.2.5.73: in an attribute, a legacy name followed by '=' or an alphanumeric is not a reference.
        using HtmlText::EntityContext;
        QCOMPARE(HtmlText::decodeEntities(QStringLiteral("?a=1&copy=2&not1"), EntityContext::Attribute),
            QStringLiteral("?a=1&copy=2&not1"));
        QCOMPARE(HtmlText::decodeEntities(QStringLiteral("?a=1&copy;&amp;b &copy"), EntityContext::Attribute),
            QStringLiteral("?a=1©&b ©"));
        QCOMPARE(HtmlText::decodeEntities(QStringLiteral("?a=1&copy=2")), QStringLiteral("?a=1©=2"));
    }

    void lessThanThatIsNotATag_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("expected");
        QTest::newRow("comparison") << QStringLiteral("if a < b and c > d then stop")
                                    << QStringLiteral("if a < b and c > d then stop");
        QTest::newRow("heart") << QStringLiteral("I <3 feeds") << QStringLiteral("I <3 feeds");
        QTest::newRow("less equal") << QStringLiteral("x <= y, y<-z") << QStringLiteral("x <= y, y<-z");
        QTest::newRow("at end") << QStringLiteral("tail <") << QStringLiteral("tail <");
        QTest::newRow("end at end") << QStringLiteral("tail </") << QStringLiteral("tail </");
        QTest::newRow("tag") << QStringLiteral("a <b>bold</b> c") << QStringLiteral("a bold c");
        QTest::newRow("quoted >") << QStringLiteral("<a title=\"x > y\" href='>'>link</a>") << QStringLiteral("link");
        QTest::newRow("empty end tag") << QStringLiteral("a </> b") << QStringLiteral("a b");
        QTest::newRow("bogus end") << QStringLiteral("a </3 b> c") << QStringLiteral("a c");
        QTest::newRow("processing") << QStringLiteral("<p>a</p><?php echo 1 ?>b") << QStringLiteral("a\nb");
        QTest::newRow("empty comment") << QStringLiteral("<!-->x<!--->y") << QStringLiteral("xy");
        QTest::newRow("comment") << QStringLiteral("x <!-- <b>c</b> --!> y") << QStringLiteral("x y");
        QTest::newRow("doctype") << QStringLiteral("<!DOCTYPE html>hi") << QStringLiteral("hi");
        QTest::newRow("unclosed tag") << QStringLiteral("a <b class=\"x") << QStringLiteral("a");
        QTest::newRow("escaped tag is text") << QStringLiteral("&lt;b&gt; is text") << QStringLiteral("<b> is text");
        QTest::newRow("script") << QStringLiteral("a<script>if (a < b) x();</script>b") << QStringLiteral("ab");
    }
    void lessThanThatIsNotATag()
    {
        QFETCH(QString, html);
        QFETCH(QString, expected);
        QCOMPARE(HtmlText::toPlainText(html), expected);
    }

    void entitiesInFeeds()
    {
        const ParsedFeed rss = parseOk(
            "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Fran&amp;ccedil;ais "
            "&acirc; 20&deg;</title>"
            "<item><title>Caf&amp;eacute; &oslash; &nGt; &copy 2024</title>"
            "<description>&lt;p&gt;if a &amp;lt; b and c &amp;gt; d then stop&lt;/p&gt;&lt;p&gt;Caf&amp;eacute; "
            "&amp;aring;&amp;thorn; &amp;frac12;&lt;/p&gt;</description>"
            "<author>bjorn@example.com (Bj&amp;oslash;rn)</author><guid>1</guid></item>"
            "<item><title>Two</title><description>if a &lt; b and c &gt; d then stop</description>"
            "<dc:creator>&amp;Aring;se &#150; &#x92;s</dc:creator><guid>2</guid></item>"
            "</channel></rss>",
            QUrl(QStringLiteral("https://x.example/")));
        QCOMPARE(rss.title, QStringLiteral("Français â 20°"));
        QCOMPARE(rss.entries.size(), 2);
        QCOMPARE(rss.entries.at(0).title, QStringLiteral("Café ø \u226B\u20D2 © 2024"));
        QCOMPARE(rss.entries.at(0).summaryText, QStringLiteral("if a < b and c > d then stop\n\nCafé åþ ½"));
        QCOMPARE(rss.entries.at(0).authorName, QStringLiteral("Bjørn"));
        QCOMPARE(rss.entries.at(1).summaryText, QStringLiteral("if a < b and c > d then stop"));
        QCOMPARE(rss.entries.at(1).authorName, QStringLiteral("Åse – ’s"));

        // Plain-text names escaped twice by their producer (Atom <name>, JSON Feed author).
        const ParsedFeed named = parseOk("<feed xmlns=\"http://www.w3.org/2005/Atom\"><author><name>Fran&amp;ccedil;ois"
                                         "</name></author><entry><id>a</id><author><name>Bj&amp;oslash;rn &amp;amp; "
                                         "&#x00C5;se</name></author></entry></feed>",
            QUrl(QStringLiteral("https://x.example/")));
        QCOMPARE(named.author, QStringLiteral("François"));
        QCOMPARE(named.entries.at(0).authorName, QStringLiteral("Bjørn & Åse"));
        const ParsedFeed json = parseOk("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"id\":\"1\","
                                        "\"authors\":[{\"name\":\"Ren&eacute;e\"}]}]}",
            QUrl(QStringLiteral("https://x.example/")));
        QCOMPARE(json.entries.at(0).authorName, QStringLiteral("Renée"));

        const ParsedFeed atom = parseOk("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>a</id>"
                                        "<title type=\"html\">&amp;thorn;&amp;auml;</title>"
                                        "<summary type=\"html\">x &amp;lt; y &amp;deg;</summary></entry></feed>",
            QUrl(QStringLiteral("https://x.example/")));
        QCOMPARE(atom.entries.size(), 1);
        QCOMPARE(atom.entries.at(0).title, QStringLiteral("þä"));
        QCOMPARE(atom.entries.at(0).summaryText, QStringLiteral("x < y °"));
    }

    void prologCommentsAndDoctype()
    {
        // A comment may say anything, "<!DOCTYPE rss [" included, before the root.
        const Result<ParsedFeed> commented = FeedParser::parse(
            "<?xml version=\"1.0\"?>\n<!-- was: <!DOCTYPE rss [ <!ENTITY x \"y\"> -->\n<!-- a -- b -->"
            "<rss version=\"2.0\"><channel><title>T</title><item><title>A<!-- ] > --></title><guid>a</guid></item>"
            "</channel></rss>",
            QUrl(QStringLiteral("https://x.example/")));
        QVERIFY2(commented.ok(), commented.ok() ? "" : qPrintable(commented.error().message));
        QCOMPARE(commented->entries.size(), 1);
        QCOMPARE(commented->entries.at(0).title, QStringLiteral("A"));
        QVERIFY(!commented->truncated);

        // The internal subset's plain text entities are expanded; literals and comments may hold ']' and '>'.
        const ParsedFeed declared
            = parseOk("<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
                      "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\" [\n"
                      "  <!-- an entity ]> in a comment -->\n"
                      "  <!ENTITY id \"item-42\">\n"
                      "  <!ENTITY site 'Caf&#233; &amp; Bar'>\n"
                      "  <!ENTITY odd \"a > b ] c\">\n"
                      "  <!ENTITY id \"ignored: the first declaration binds\">\n"
                      "  <!ENTITY % param \"x\">\n"
                      "  <!ENTITY ref \"&id;&id;\">\n"
                      "  <!ENTITY ext SYSTEM \"file:///etc/passwd\">\n"
                      "]>\n"
                      "<rss version=\"0.91\"><channel><title>&site;</title>"
                      "<item><title>&odd; &ref; &ext;</title><guid isPermaLink=\"false\">&id;</guid>"
                      "<link>https://x.example/&id;</link></item></channel></rss>",
                QUrl(QStringLiteral("https://x.example/")));
        QCOMPARE(declared.title, QStringLiteral("Café & Bar"));
        QCOMPARE(declared.entries.size(), 1);
        QCOMPARE(declared.entries.at(0).id, QStringLiteral("item-42"));
        QCOMPARE(declared.entries.at(0).url, QStringLiteral("https://x.example/item-42"));
        // An entity that refers to another one and an external one are never expanded.
        QCOMPARE(declared.entries.at(0).title, QStringLiteral("a > b ] c &ref; &ext;"));

        // An expanded value may hold quotes and '<', in text and in attribute values of either kind of quotes.
        const ParsedFeed quoted
            = parseOk("<!DOCTYPE rss [<!ENTITY path \"it's &#60;\"> <!ENTITY q '\"quoted\"'>]>"
                      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>"
                      "<item><title>&q; &path;</title><guid>1</guid><atom:link href='https://x.example/&path;'/></item>"
                      "<item><title>&q;</title><guid>2</guid><atom:link href=\"https://x.example/&q;\"/></item>"
                      "</channel></rss>",
                QUrl(QStringLiteral("https://x.example/")));
        QCOMPARE(quoted.entries.size(), 2);
        QCOMPARE(quoted.entries.at(0).title, QStringLiteral("\"quoted\" it's <"));
        QCOMPARE(quoted.entries.at(0).url, QStringLiteral("https://x.example/it's %3C"));
        QCOMPARE(quoted.entries.at(1).url, QStringLiteral("https://x.example/%22quoted%22"));
    }

    void namespacesTheWildUses_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<int>("format");
        QTest::newRow("rss userland") << QByteArray(
            "<rss version=\"2.0\" xmlns=\"http://backend.userland.com/rss2\"><channel><title>Scripting</title>"
            "<link>https://x.example/</link><item><title>Item</title><guid>g1</guid>"
            "<pubDate>Tue, 05 Mar 2024 14:30:00 GMT</pubDate><description>Text</description></item></channel></rss>")
                                      << int(ParsedFeed::Format::Rss2);
        QTest::newRow("atom no namespace") << QByteArray(
            "<feed><title>Scripting</title><link rel=\"alternate\" href=\"https://x.example/\"/><entry><id>g1</id>"
            "<title>Item</title><updated>2024-03-05T14:30:00Z</updated><summary>Text</summary></entry></feed>")
                                           << int(ParsedFeed::Format::Atom);
        QTest::newRow("atom 0.3") << QByteArray(
            "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title mode=\"escaped\" type=\"text/html\">"
            "Scripting</title><link rel=\"alternate\" type=\"text/html\" href=\"https://x.example/\"/>"
            "<entry><id>g1</id><title>Item</title><issued>2024-03-05T14:30:00Z</issued>"
            "<modified>2024-03-06T00:00:00Z</modified><summary>Text</summary></entry></feed>")
                                  << int(ParsedFeed::Format::Atom);
        QTest::newRow("atom draft") << QByteArray(
            "<feed xmlns=\"http://purl.org/atom/ns#draft-ietf-atompub-format-08\"><title>Scripting</title>"
            "<link href=\"https://x.example/\"/><entry><id>g1</id><title>Item</title>"
            "<published>2024-03-05T14:30:00Z</published><summary>Text</summary></entry></feed>")
                                    << int(ParsedFeed::Format::Atom);
    }
    void namespacesTheWildUses()
    {
        QFETCH(QByteArray, xml);
        QFETCH(int, format);
        const Result<ParsedFeed> r = FeedParser::parse(xml, QUrl(QStringLiteral("https://x.example/feed")));
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        QCOMPARE(int(r->format), format);
        QCOMPARE(r->title, QStringLiteral("Scripting"));
        QCOMPARE(r->siteUrl, QStringLiteral("https://x.example/"));
        QCOMPARE(r->entries.size(), 1);
        QCOMPARE(r->entries.at(0).id, QStringLiteral("g1"));
        QCOMPARE(r->entries.at(0).title, QStringLiteral("Item"));
        QCOMPARE(r->entries.at(0).summaryText, QStringLiteral("Text"));
        QCOMPARE(r->entries.at(0).published, utc(2024, 3, 5, 14, 30));
    }

    // RFC 4287 §4.1.3.3 and Atom 0.3 §3.1.2 (mode).
    void atomContentTypes_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        const QByteArray text = QByteArray("Caf\xc3\xa9 < 5 & more\nline two");
        QTest::newRow("text") << QByteArray("<content type=\"text\">a &lt;b&gt; c</content>")
                              << QStringLiteral("a <b> c");
        QTest::newRow("html") << QByteArray("<content type=\"html\">a &lt;b&gt;c&lt;/b&gt;</content>")
                              << QStringLiteral("a c");
        QTest::newRow("text/plain") << QByteArray("<content type=\"text/plain; charset=utf-8\">x &lt;y&gt;</content>")
                                    << QStringLiteral("x <y>");
        QTest::newRow("text/html") << QByteArray("<content type=\"text/html\">&lt;p&gt;x&lt;/p&gt;</content>")
                                   << QStringLiteral("x");
        QTest::newRow("+xml") << QByteArray("<content type=\"application/xhtml+xml\"><div "
                                            "xmlns=\"http://www.w3.org/1999/xhtml\"><p>x</p><p>y</p></div></content>")
                              << QStringLiteral("x\n\ny");
        QTest::newRow("/xml") << QByteArray("<content type=\"text/xml\"><doc><t>x</t></doc></content>")
                              << QStringLiteral("x");
        QTest::newRow("other xml") << QByteArray("<content type=\"application/mathml+xml\"><m>x</m></content>")
                                   << QStringLiteral("x");
        QTest::newRow("base64 text") << QByteArray("<content type=\"application/json\">") + text.toBase64()
                + "</content>" << QStringLiteral("Café < 5 & more\nline two");
        QTest::newRow("base64 wrapped") << QByteArray("<content type=\"application/x-tex\">\n  ")
                + text.toBase64().insert(8, "\n  ")
                + "\n</content>" << QStringLiteral("Café < 5 & more\nline two");
        QTest::newRow("base64 binary") << QByteArray(
            "<content type=\"image/png\">iVBORw0KGgoAAAANSUhEUgAAAAE=</content>")
                                       << QString();
        QTest::newRow("not base64") << QByteArray("<content type=\"application/pdf\">%PDF-1.4 ***</content>")
                                    << QString();
        QTest::newRow("0.3 escaped html") << QByteArray(
            "<content type=\"text/html\" mode=\"escaped\">&lt;b&gt;x&lt;/b&gt; "
            "&amp;eacute;</content>") << QStringLiteral("x é");
        QTest::newRow("0.3 escaped plain")
            << QByteArray("<content mode=\"escaped\">&lt;b&gt;x</content>") << QStringLiteral("<b>x");
        QTest::newRow("0.3 base64 html") << QByteArray("<content type=\"text/html\" mode=\"base64\">")
                + QByteArray("<p>Caf\xc3\xa9</p>").toBase64()
                + "</content>" << QStringLiteral("Café");
        QTest::newRow("0.3 base64 plain") << QByteArray("<content type=\"text/plain\" mode=\"base64\">")
                + QByteArray("<p>x</p>").toBase64()
                + "</content>" << QStringLiteral("<p>x</p>");
        QTest::newRow("0.3 xml") << QByteArray("<content type=\"application/xhtml+xml\" mode=\"xml\"><div "
                                               "xmlns=\"http://www.w3.org/1999/xhtml\">x <b>y</b></div></content>")
                                 << QStringLiteral("x y");
    }
    void atomContentTypes()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        for (const char *ns : { "http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#" }) {
            const ParsedFeed feed
                = parseOk(QByteArray("<feed xmlns=\"") + ns + "\"><entry><id>1</id>" + content + "</entry></feed>",
                    QUrl(QStringLiteral("https://x.example/")));
            QCOMPARE(feed.entries.size(), 1);
            QCOMPARE(feed.entries.at(0).summaryText, expected);
        }
    }

    void authors_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("email");
        QTest::newRow("email (Name)") << QStringLiteral("jo@example.com (Jo Smith)") << QStringLiteral("Jo Smith")
                                      << QStringLiteral("jo@example.com");
        QTest::newRow("Name (email)") << QStringLiteral("Jo Smith (jo@example.com)") << QStringLiteral("Jo Smith")
                                      << QStringLiteral("jo@example.com");
        QTest::newRow("Name (mailto)") << QStringLiteral("Jo Smith ( mailto:jo@example.com )")
                                       << QStringLiteral("Jo Smith") << QStringLiteral("jo@example.com");
        QTest::newRow("Name <email>") << QStringLiteral("Jo Smith &lt;jo@example.com&gt;") << QStringLiteral("Jo Smith")
                                      << QStringLiteral("jo@example.com");
        QTest::newRow("email") << QStringLiteral("jo@example.com") << QString() << QStringLiteral("jo@example.com");
        QTest::newRow("name") << QStringLiteral("Jo Smith (Reuters)") << QStringLiteral("Jo Smith (Reuters)")
                              << QString();
        QTest::newRow("entities") << QStringLiteral("Bj&amp;oslash;rn &amp;amp; Co (b@example.com)")
                                  << QStringLiteral("Bjørn & Co") << QStringLiteral("b@example.com");
        QTest::newRow("markup") << QStringLiteral("&lt;b&gt;Jo&lt;/b&gt; (jo@example.com)") << QStringLiteral("Jo")
                                << QStringLiteral("jo@example.com");
    }
    void authors()
    {
        QFETCH(QString, raw);
        QFETCH(QString, name);
        QFETCH(QString, email);
        for (const QString &element : { QStringLiteral("author"), QStringLiteral("dc:creator") }) {
            const QByteArray xml = "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
                                   "<item><guid>1</guid><"
                + element.toUtf8() + '>' + raw.toUtf8() + "</" + element.toUtf8() + "></item></channel></rss>";
            const ParsedFeed feed = parseOk(xml, QUrl(QStringLiteral("https://x.example/")));
            QCOMPARE(feed.entries.size(), 1);
            QCOMPARE(feed.entries.at(0).authorName, name);
            QCOMPARE(feed.entries.at(0).authorEmail, email);
        }
    }

    void dublinCoreAndXhtmlStandIn()
    {
        const ParsedFeed feed = parseOk(
            "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
            "xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"><channel>"
            "<dc:title>DC feed</dc:title>"
            "<item><guid>1</guid><dc:title>DC title</dc:title><dc:description>DC &amp;amp; text</dc:description>"
            "<dcterms:modified>2024-03-07T00:00:00Z</dcterms:modified>"
            "<dcterms:created>2024-03-06T00:00:00Z</dcterms:created></item>"
            "<item><guid>2</guid><title>RSS title</title><dc:title>DC title</dc:title>"
            "<xhtml:body><xhtml:p>Body <xhtml:b>one</xhtml:b></xhtml:p><xhtml:p>two</xhtml:p></xhtml:body>"
            "<dcterms:issued>2024-03</dcterms:issued><dc:date>bad</dc:date></item>"
            "<item><guid>3</guid><description>RSS text</description><dc:description>DC text</dc:description>"
            "<dc:date>2024-03-05T10:00:00Z</dc:date><pubDate>Tue, 05 Mar 2024 14:30:00 GMT</pubDate></item>"
            "</channel></rss>",
            QUrl(QStringLiteral("https://x.example/")));
        QCOMPARE(feed.title, QStringLiteral("DC feed"));
        QCOMPARE(feed.entries.size(), 3);
        QCOMPARE(feed.entries.at(0).title, QStringLiteral("DC title"));
        QCOMPARE(feed.entries.at(0).summaryText, QStringLiteral("DC & text"));
        QCOMPARE(feed.entries.at(0).published, utc(2024, 3, 6, 0, 0)); // created before modified
        QCOMPARE(feed.entries.at(1).title, QStringLiteral("RSS title"));
        QCOMPARE(feed.entries.at(1).summaryText, QStringLiteral("Body one\n\ntwo"));
        QCOMPARE(feed.entries.at(1).published, utc(2024, 3, 1, 0, 0)); // W3C-DTF "2024-03"
        QCOMPARE(feed.entries.at(2).summaryText, QStringLiteral("RSS text"));
        QCOMPARE(feed.entries.at(2).published, utc(2024, 3, 5, 14, 30)); // pubDate first

        const ParsedFeed atom = parseOk("<feed xmlns=\"http://purl.org/atom/ns#\"><entry><id>1</id>"
                                        "<modified>2024-03-07T00:00:00Z</modified>"
                                        "<created>2024-03-06T00:00:00Z</created></entry></feed>",
            QUrl(QStringLiteral("https://x.example/")));
        QCOMPARE(atom.entries.at(0).published, utc(2024, 3, 6, 0, 0));
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
        // W3C-DTF at reduced precision.
        QTest::newRow("w3c year") << QStringLiteral("2003") << utc(2003, 1, 1, 0, 0);
        QTest::newRow("w3c month") << QStringLiteral("2003-12") << utc(2003, 12, 1, 0, 0);
        QTest::newRow("w3c day") << QStringLiteral("2003-12-13") << utc(2003, 12, 13, 0, 0);
        QTest::newRow("w3c minutes") << QStringLiteral("1997-07-16T19:20+01:00") << utc(1997, 7, 16, 18, 20);
        QTest::newRow("w3c fraction") << QStringLiteral("1997-07-16T19:20:30.45+01:00")
                                      << utc(1997, 7, 16, 18, 20, 30, 450);
        // What real servers write as RFC 822.
        QTest::newRow("comma after month")
            << QStringLiteral("Mon, 13 Feb, 2012 06:28:00 UTC") << utc(2012, 2, 13, 6, 28);
        QTest::newRow("no weekday 2-digit") << QStringLiteral("13 Feb 12 06:28 +0100") << utc(2012, 2, 13, 5, 28);
        QTest::newRow("2-digit 49") << QStringLiteral("1 Jan 49 00:00 GMT") << utc(2049, 1, 1, 0, 0);
        QTest::newRow("2-digit 50") << QStringLiteral("1 Jan 50 00:00 GMT") << utc(1950, 1, 1, 0, 0);
        QTest::newRow("3-digit year") << QStringLiteral("1 Jan 104 00:00 GMT") << utc(2004, 1, 1, 0, 0);
        QTest::newRow("javascript") << QStringLiteral("Thu Aug 30 2012 17:26:16 +0200") << utc(2012, 8, 30, 15, 26, 16);
        QTest::newRow("javascript gmt+") << QStringLiteral(
            "Thu Aug 30 2012 17:26:16 GMT+0200 (Central European Summer Time)")
                                         << utc(2012, 8, 30, 15, 26, 16);
        QTest::newRow("asctime") << QStringLiteral("Sun Jan  4 16:29:06 2004") << utc(2004, 1, 4, 16, 29, 6);
        QTest::newRow("date(1)") << QStringLiteral("Sun Jan  4 16:29:06 PST 2004") << utc(2004, 1, 5, 0, 29, 6);
        QTest::newRow("Etc/GMT") << QStringLiteral("Mon, 13 Feb 2012 06:28:00 Etc/GMT") << utc(2012, 2, 13, 6, 28);
        QTest::newRow("Etc/GMT+2") << QStringLiteral("Mon, 13 Feb 2012 06:28:00 Etc/GMT+2") << utc(2012, 2, 13, 8, 28);
        QTest::newRow("GMT+01:00") << QStringLiteral("Mon, 13 Feb 2012 06:28:00 GMT+01:00") << utc(2012, 2, 13, 5, 28);
        QTest::newRow("UTC-5") << QStringLiteral("Mon, 13 Feb 2012 06:28:00 UTC-5") << utc(2012, 2, 13, 11, 28);
        QTest::newRow("IANA zone") << QStringLiteral("Mon, 13 Aug 2012 06:28:00 Europe/Berlin")
                                   << utc(2012, 8, 13, 4, 28);
        QTest::newRow("EST") << QStringLiteral("Mon, 13 Feb 2012 06:28:00 EST") << utc(2012, 2, 13, 11, 28);
        QTest::newRow("EDT") << QStringLiteral("Mon, 13 Aug 2012 06:28:00 EDT") << utc(2012, 8, 13, 10, 28);
        QTest::newRow("CST") << QStringLiteral("Mon, 13 Feb 2012 06:28:00 CST") << utc(2012, 2, 13, 12, 28);
        QTest::newRow("CDT") << QStringLiteral("Mon, 13 Aug 2012 06:28:00 CDT") << utc(2012, 8, 13, 11, 28);
        QTest::newRow("MST") << QStringLiteral("Mon, 13 Feb 2012 06:28:00 MST") << utc(2012, 2, 13, 13, 28);
        QTest::newRow("MDT") << QStringLiteral("Mon, 13 Aug 2012 06:28:00 MDT") << utc(2012, 8, 13, 12, 28);
        QTest::newRow("PST") << QStringLiteral("Mon, 13 Feb 2012 06:28:00 PST") << utc(2012, 2, 13, 14, 28);
        QTest::newRow("military Z") << QStringLiteral("Mon, 13 Feb 2012 06:28:00 Z") << utc(2012, 2, 13, 6, 28);
        // RFC 2822 §4.3: military letters other than Z are -0000 (RFC 822 had their signs backwards).
        QTest::newRow("military A") << QStringLiteral("Mon, 13 Feb 2012 06:28:00 A") << utc(2012, 2, 13, 6, 28);
        QTest::newRow("military Y") << QStringLiteral("Mon, 13 Feb 2012 06:28:00 y") << utc(2012, 2, 13, 6, 28);
        QTest::newRow("dashes") << QStringLiteral("13-Feb-2012 06:28:00 GMT") << utc(2012, 2, 13, 6, 28);
        QTest::newRow("full names") << QStringLiteral("Monday, 13 February 2012 06:28") << utc(2012, 2, 13, 6, 28);
        // Impossible or ambiguous: refused, never guessed.
        QTest::newRow("extra field") << QStringLiteral("2013-01-27-01") << QDateTime();
        QTest::newRow("year then garbage") << QStringLiteral("2013 at noon") << QDateTime();
        QTest::newRow("not a weekday") << QStringLiteral("Xyz, 13 Feb 2012 06:28:00 GMT") << QDateTime();
        QTest::newRow("not a month") << QStringLiteral("13 Febx 2012 06:28:00 GMT") << QDateTime();
        QTest::newRow("unknown IANA") << QStringLiteral("13 Feb 2012 06:28:00 Mars/Olympus") << QDateTime();
        QTest::newRow("long unknown zone") << QStringLiteral("13 Feb 2012 06:28:00 Whenever") << QDateTime();
        QTest::newRow("Etc too far") << QStringLiteral("13 Feb 2012 06:28:00 Etc/GMT+20") << QDateTime();
        QTest::newRow("time only") << QStringLiteral("06:28:00 GMT") << QDateTime();
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
