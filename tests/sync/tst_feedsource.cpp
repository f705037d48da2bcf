// FeedSource against a real HTTP server on loopback, storing into real databases (SQLite and PostgreSQL).

#include "loopbackhttpserver.h"
#include "storage/contactrepository.h"
#include "storage/organizationrepository.h"
#include "storage/syncrepository.h"
#include "sync/feedsource.h"
#include "sync/secretstore.h"
#include "testdatabase.h"

#include <QAtomicInt>
#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QSqlQuery>
#include <QTest>

using Reply = LoopbackHttpServer::Reply;
using Request = LoopbackHttpServer::Request;

namespace {

QByteArray sample(const QString &name)
{
    QFile f(QStringLiteral(RAPPORT_FEEDS_DATA "/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing sample %s", qPrintable(name));
    return f.readAll();
}

QByteArray rss(int from, int to)
{
    QByteArray xml = "<rss version=\"2.0\"><channel><title>Numbers</title><link>https://numbers.example/</link>";
    for (int i = to - 1; i >= from; --i) // newest first
        xml += "<item><title>Item " + QByteArray::number(i) + "</title><link>https://numbers.example/"
            + QByteArray::number(i) + "</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>";
    return xml + "</channel></rss>";
}

// What the server answers: a body with validators, swapped by the test between syncs.
struct FeedServer
{
    QMutex mutex;
    QByteArray body;
    QByteArray etag;
    QByteArray lastModified;
    QByteArray contentType = "application/rss+xml; charset=utf-8";
    int status = 200;
    bool hang = false;

    void set(const QByteArray &b, const QByteArray &e = {}, const QByteArray &lm = {})
    {
        QMutexLocker lock(&mutex);
        body = b;
        etag = e;
        lastModified = lm;
    }

    Reply answer(const Request &request)
    {
        QMutexLocker lock(&mutex);
        Reply reply;
        if (hang) {
            reply.behaviour = Reply::Behaviour::Hang;
            return reply;
        }
        if (status != 200)
            return Reply::text("<html><body>no</body></html>", "text/html", status);
        const bool etagMatches = !etag.isEmpty() && request.headers.value("if-none-match") == etag;
        const bool dateMatches
            = etag.isEmpty() && !lastModified.isEmpty() && request.headers.value("if-modified-since") == lastModified;
        if (etagMatches || dateMatches) {
            reply.status = 304;
        } else {
            reply = Reply::text(body, contentType);
        }
        if (!etag.isEmpty())
            reply.headers.append(qMakePair(QByteArray("ETag"), etag));
        if (!lastModified.isEmpty())
            reply.headers.append(qMakePair(QByteArray("Last-Modified"), lastModified));
        return reply;
    }
};

qint64 count(Database &db, const QString &where)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM interactions WHERE source = 'feed' AND ") + where) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QVariant value(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    return q.exec(sql) && q.next() ? q.value(0) : QVariant();
}

SyncHttp::Options fastOptions()
{
    SyncHttp::Options options;
    options.timeoutMs = 2000;
    options.maxAttempts = 2;
    return options;
}

// One database, one contact, one feed account, and the worker-side objects a SyncContext refers to.
struct Fixture
{
    Database &db;
    SyncRepository repo { db };
    QNetworkAccessManager nam;
    CancelToken cancel;
    SyncHttp http { nam, cancel, fastOptions() };
    SecretStore secrets { QStringLiteral("tst_feedsource") };
    SocialAccount account;
    qint64 contactId = 0;

    explicit Fixture(Database &database)
        : db(database)
    {
        http.setTimeScale(0.001);
    }

    bool addFeed(const QUrl &url, bool toOrganization = false)
    {
        account.network = Network::Feed;
        account.serverUrl = url.toString();
        if (toOrganization) {
            Organization o;
            o.name = QStringLiteral("Example News");
            if (!OrganizationRepository(db).create(o).ok())
                return false;
            account.organizationId = o.id;
        } else {
            Contact c;
            c.displayName = QStringLiteral("Rita Reporter");
            if (!ContactRepository(db).create(c).ok())
                return false;
            contactId = c.id;
            account.contactId = c.id;
        }
        const Status s = repo.createAccount(account);
        if (!s)
            qWarning() << s.error().message;
        return s.ok();
    }

    Result<SyncOutcome> sync()
    {
        SyncContext ctx { account, http, repo, secrets, cancel, {} };
        FeedSource source;
        return source.sync(ctx);
    }
};

#define SYNC_OK(fixture, outcome)                                                                                      \
    Result<SyncOutcome> outcome##Result = (fixture).sync();                                                            \
    if (!outcome##Result)                                                                                              \
        QFAIL(qPrintable(outcome##Result.error().message));                                                            \
    const SyncOutcome outcome = *outcome##Result

} // namespace

class TestFeedSource final : public QObject
{
    Q_OBJECT

private slots:
    void factory() { QVERIFY(dynamic_cast<FeedSource *>(SyncSource::create(Network::Feed).get())); }

    void mapEntries()
    {
        SocialAccount account;
        account.serverUrl = QStringLiteral("https://News.Example.com/feed.xml/");
        account.contactId = 7;
        ParsedFeed feed;
        feed.title = QStringLiteral("Desk");
        feed.author = QStringLiteral("Desk Editor");
        FeedEntry withId;
        withId.id = QStringLiteral("post-1");
        withId.url = QStringLiteral("https://news.example.com/1");
        withId.title = QStringLiteral("One");
        withId.summaryText = QStringLiteral("Text");
        withId.published = QDateTime(QDate(2024, 3, 5), QTime(10, 0), Qt::UTC);
        withId.authorName = QStringLiteral("Jo");
        FeedEntry urlOnly;
        urlOnly.url = QStringLiteral("https://news.example.com/2");
        FeedEntry bare;
        bare.title = QStringLiteral("Untitled?");
        FeedEntry future;
        future.id = QStringLiteral("f");
        future.published = QDateTime(QDate(2999, 1, 1), QTime(0, 0), Qt::UTC);
        feed.entries = { withId, urlOnly, bare, future };

        const QDateTime fetchedAt(QDate(2024, 3, 6), QTime(12, 0), Qt::UTC);
        const QList<SyncItem> items = FeedSource::mapEntries(account, feed, fetchedAt);
        QCOMPARE(items.size(), 4);
        const QString handle = QStringLiteral("https://news.example.com/feed.xml"); // normalizeHandle("feed", …)
        const SyncItem &a = items.at(0);
        QCOMPARE(a.source, QStringLiteral("feed"));
        QCOMPARE(a.kind, SyncItem::Kind::Conversation);
        QCOMPARE(a.externalId, handle + QStringLiteral("#post-1"));
        QCOMPARE(a.channel, QStringLiteral("post"));
        QCOMPARE(a.direction, QStringLiteral("inbound"));
        QCOMPARE(a.subject, QStringLiteral("One"));
        QCOMPARE(a.text, QStringLiteral("Text"));
        QCOMPARE(a.url, QStringLiteral("https://news.example.com/1"));
        QCOMPARE(a.occurredAt, withId.published);
        QCOMPARE(a.authorNetwork, QStringLiteral("feed"));
        QCOMPARE(a.authorHandle, handle);
        QCOMPARE(a.authorName, QStringLiteral("Jo"));
        QCOMPARE(a.contactId, 7);
        QCOMPARE(items.at(1).externalId, handle + QStringLiteral("#https://news.example.com/2"));
        QCOMPARE(items.at(1).authorName, QStringLiteral("Desk Editor")); // the feed's author
        QCOMPARE(items.at(1).occurredAt, fetchedAt); // no date: the time it was first seen, and marked so
        QVERIFY(items.at(1).dateUnknown);
        QVERIFY(!a.dateUnknown);
        QVERIFY(items.at(2).externalId.startsWith(handle + u'#'));
        QCOMPARE(items.at(2).externalId.size(), handle.size() + 1 + 40); // sha1 hex
        // The same title and date give the same id on the next fetch, whatever the fetch time.
        QCOMPARE(FeedSource::mapEntries(account, feed, fetchedAt.addDays(1)).at(2).externalId, items.at(2).externalId);
        QCOMPARE(items.at(3).occurredAt, fetchedAt); // a date far in the future is no date
        QVERIFY(items.at(3).dateUnknown);

        // A few minutes ahead is clock skew between servers: clamped to the fetch time, not "unknown".
        FeedEntry skewed;
        skewed.id = QStringLiteral("s");
        skewed.published = fetchedAt.addSecs(600);
        feed.entries = { skewed };
        const QList<SyncItem> skewedItems = FeedSource::mapEntries(account, feed, fetchedAt);
        QCOMPARE(skewedItems.at(0).occurredAt, fetchedAt);
        QVERIFY(!skewedItems.at(0).dateUnknown);
    }

    void syncStoresThenAsksConditionally_data() { TestDatabase::addBackends(); }
    void syncStoresThenAsksConditionally()
    {
        OPEN_TEST_DATABASE(db);
        FeedServer feed;
        feed.set(sample(QStringLiteral("rss2.xml")), "\"v1\"", "Tue, 05 Mar 2024 20:00:00 GMT");
        LoopbackHttpServer server([&feed](const Request &r) { return feed.answer(r); });
        Fixture f(*db);
        QVERIFY(f.addFeed(server.baseUrl().resolved(QUrl(QStringLiteral("/feed.xml")))));

        // First sync: every item on the contact's timeline.
        SYNC_OK(f, first);
        QCOMPARE(first.fetched, 4);
        QCOMPARE(first.inserted, 4);
        QCOMPARE(first.toInbox, 0);
        QCOMPARE(first.contactIds, QList<qint64> { f.contactId });
        QCOMPARE(count(*db, QStringLiteral("contact_id = %1").arg(f.contactId)), 4);
        QCOMPARE(
            value(*db, QStringLiteral("SELECT url FROM interactions WHERE subject = 'Müller & Co launch'")).toString(),
            QStringLiteral("https://news.example.com/blog/posts/1"));
        QCOMPARE(value(*db, QStringLiteral("SELECT occurred_at FROM interactions WHERE subject = 'Müller & Co launch'"))
                     .toLongLong(),
            QDateTime(QDate(2024, 3, 5), QTime(19, 30), Qt::UTC).toMSecsSinceEpoch());
        QCOMPARE(
            value(*db, QStringLiteral("SELECT date_unknown FROM interactions WHERE subject = 'Müller & Co launch'"))
                .toInt(),
            0);
        // "sometime last week": stored with the time it was first seen, and marked as such.
        QCOMPARE(
            value(*db, QStringLiteral("SELECT date_unknown FROM interactions WHERE subject = 'AT&T news'")).toInt(), 1);
        Result<SyncCursor> cursor = f.repo.cursor(f.account.id, QStringLiteral("feed"));
        QVERIFY(cursor.ok());
        QCOMPARE(cursor->etag, QStringLiteral("\"v1\""));
        QCOMPARE(cursor->lastModified, QStringLiteral("Tue, 05 Mar 2024 20:00:00 GMT"));
        QVERIFY(!server.requests().first().headers.contains("if-none-match"));

        // Second sync: the request carries the validators, the server says 304, nothing is stored.
        server.clearRequests();
        SYNC_OK(f, second);
        QCOMPARE(second.fetched, 0);
        QCOMPARE(second.inserted, 0);
        QCOMPARE(server.requestCount(), 1);
        QCOMPARE(server.requests().first().headers.value("if-none-match"), QByteArray("\"v1\""));
        QCOMPARE(
            server.requests().first().headers.value("if-modified-since"), QByteArray("Tue, 05 Mar 2024 20:00:00 GMT"));
        QCOMPARE(count(*db, QStringLiteral("1 = 1")), 4);

        // The feed changes: only the new entry is added.
        QByteArray changed = sample(QStringLiteral("rss2.xml"));
        changed.replace("</managingEditor>",
            "</managingEditor><item><title>Brand new</title><guid>post-5</guid>"
            "<pubDate>Thu, 07 Mar 2024 09:00:00 GMT</pubDate></item>");
        QVERIFY(changed.contains("post-5"));
        feed.set(changed, "\"v2\"");
        SYNC_OK(f, third);
        QCOMPARE(third.fetched, 5);
        QCOMPARE(third.inserted, 1);
        QCOMPARE(count(*db, QStringLiteral("contact_id = %1").arg(f.contactId)), 5);
        QCOMPARE(f.repo.cursor(f.account.id, QStringLiteral("feed"))->etag, QStringLiteral("\"v2\""));
    }

    void withoutValidatorsDuplicatesAreSkipped_data() { TestDatabase::addBackends(); }
    void withoutValidatorsDuplicatesAreSkipped()
    {
        OPEN_TEST_DATABASE(db);
        FeedServer feed;
        feed.set(sample(QStringLiteral("atom.xml")));
        feed.contentType = "application/atom+xml";
        LoopbackHttpServer server([&feed](const Request &r) { return feed.answer(r); });
        Fixture f(*db);
        QVERIFY(f.addFeed(server.baseUrl().resolved(QUrl(QStringLiteral("/atom")))));
        SYNC_OK(f, first);
        QCOMPARE(first.inserted, 3);
        SYNC_OK(f, second);
        QCOMPARE(second.fetched, 3);
        QCOMPARE(second.inserted, 0);
        QCOMPARE(count(*db, QStringLiteral("1 = 1")), 3);
        QVERIFY(!server.requests().last().headers.contains("if-none-match"));
    }

    void bigFeedInPagesCursorWithTheLastPage_data() { TestDatabase::addBackends(); }
    void bigFeedInPagesCursorWithTheLastPage()
    {
        OPEN_TEST_DATABASE(db);
        FeedServer feed;
        feed.set(rss(0, 450), "\"big\"");
        LoopbackHttpServer server([&feed](const Request &r) { return feed.answer(r); });
        Fixture f(*db);
        QVERIFY(f.addFeed(server.baseUrl().resolved(QUrl(QStringLiteral("/big.xml")))));
        SYNC_OK(f, outcome);
        QCOMPARE(outcome.fetched, 450);
        QCOMPARE(outcome.inserted, 450);
        QCOMPARE(count(*db, QStringLiteral("contact_id = %1").arg(f.contactId)), 450);
        QCOMPARE(f.repo.cursor(f.account.id, QStringLiteral("feed"))->etag, QStringLiteral("\"big\""));
        // One audit line per page that stored something: 200 + 200 + 50.
        QCOMPARE(value(*db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'sync'")).toInt(), 3);
    }

    void organizationFeedGoesToTheInbox_data() { TestDatabase::addBackends(); }
    void organizationFeedGoesToTheInbox()
    {
        OPEN_TEST_DATABASE(db);
        FeedServer feed;
        feed.set(sample(QStringLiteral("feed.json")));
        feed.contentType = "application/feed+json";
        LoopbackHttpServer server([&feed](const Request &r) { return feed.answer(r); });
        Fixture f(*db);
        QVERIFY(f.addFeed(server.baseUrl().resolved(QUrl(QStringLiteral("/feed.json"))), true));
        SYNC_OK(f, outcome);
        QCOMPARE(outcome.inserted, 3);
        QCOMPARE(outcome.toInbox, 3); // no contact to attach it to: the Inbox, under the feed's address
        QCOMPARE(count(*db, QStringLiteral("contact_id IS NULL")), 3);
    }

    void truncatedFeedKeepsGoodItemsButNotTheEtag_data() { TestDatabase::addBackends(); }
    void truncatedFeedKeepsGoodItemsButNotTheEtag()
    {
        OPEN_TEST_DATABASE(db);
        FeedServer feed;
        feed.set(sample(QStringLiteral("truncated.xml")), "\"cut\"");
        LoopbackHttpServer server([&feed](const Request &r) { return feed.answer(r); });
        Fixture f(*db);
        QVERIFY(f.addFeed(server.baseUrl().resolved(QUrl(QStringLiteral("/cut.xml")))));
        SYNC_OK(f, outcome);
        QCOMPARE(outcome.inserted, 2);
        QCOMPARE(count(*db, QStringLiteral("contact_id = %1").arg(f.contactId)), 2);
        QVERIFY(f.repo.cursor(f.account.id, QStringLiteral("feed"))->etag.isEmpty());
        SYNC_OK(f, again); // fetched in full again, not answered 304
        QVERIFY(!server.requests().last().headers.contains("if-none-match"));
        QCOMPARE(again.fetched, 2);
        QCOMPARE(again.inserted, 0);
    }

    void errorsInWords_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("expected");
        QTest::newRow("404") << 404 << QStringLiteral("answered 404 Not Found. Check the address");
        QTest::newRow("410") << 410 << QStringLiteral("answered 410 Gone.");
        QTest::newRow("403") << 403 << QStringLiteral("answered 403 Forbidden. The feed is not public.");
        QTest::newRow("418") << 418 << QStringLiteral("answered 418.");
        QTest::newRow("web page") << 200 << QStringLiteral("is a web page, not a feed.");
    }
    void errorsInWords()
    {
        QFETCH(int, status);
        QFETCH(QString, expected);
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        FeedServer feed;
        feed.set("<!DOCTYPE html><html><body>Welcome</body></html>");
        feed.status = status;
        LoopbackHttpServer server([&feed](const Request &r) { return feed.answer(r); });
        Fixture f(**db);
        const QUrl url = server.baseUrl().resolved(QUrl(QStringLiteral("/missing.xml")));
        QVERIFY(f.addFeed(url));
        const Result<SyncOutcome> r = f.sync();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, Error::Code::Network);
        QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
        QVERIFY2(r.error().message.contains(url.toString()), qPrintable(r.error().message));
        QCOMPARE(count(**db, QStringLiteral("1 = 1")), 0);
    }

    void privateFeedTokensStayOutOfMessages()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        FeedServer feed;
        feed.status = 404;
        LoopbackHttpServer server([&feed](const Request &r) { return feed.answer(r); });
        Fixture f(**db);
        QUrl url = server.baseUrl().resolved(QUrl(QStringLiteral("/private.xml?token=s3cr3t-t0ken")));
        url.setUserName(QStringLiteral("reader"));
        url.setPassword(QStringLiteral("hunter2"));
        QVERIFY(f.addFeed(url));
        const Result<SyncOutcome> r = f.sync();
        QVERIFY(!r.ok());
        QVERIFY2(
            r.error().message.contains(QStringLiteral("/private.xml answered 404")), qPrintable(r.error().message));
        QVERIFY(!r.error().message.contains(QStringLiteral("s3cr3t")));
        QVERIFY(!r.error().message.contains(QStringLiteral("hunter2")));
        QVERIFY(!r.error().message.contains(QStringLiteral("reader")));
        // The request itself did carry the token: only the message leaves it out.
        QVERIFY(server.requests().first().target.contains("token=s3cr3t-t0ken"));
    }

    void hangingFeedFailsInTime()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        FeedServer feed;
        feed.hang = true;
        LoopbackHttpServer server([&feed](const Request &r) { return feed.answer(r); });
        Fixture f(**db);
        SyncHttp::Options options = fastOptions();
        options.timeoutMs = 300;
        SyncHttp quick(f.nam, f.cancel, options);
        quick.setTimeScale(0.001);
        QVERIFY(f.addFeed(server.baseUrl().resolved(QUrl(QStringLiteral("/slow.xml")))));
        SyncContext ctx { f.account, quick, f.repo, f.secrets, f.cancel, {} };
        QElapsedTimer timer;
        timer.start();
        const Result<SyncOutcome> r = FeedSource().sync(ctx);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, Error::Code::Network);
        qInfo("failed after %lld ms", timer.elapsed()); // the transfer timeout ended the hang
        QCOMPARE(count(**db, QStringLiteral("1 = 1")), 0);
    }

    void cancelledBeforeStoring()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        FeedServer feed;
        feed.set(rss(0, 10));
        LoopbackHttpServer server([&feed](const Request &r) { return feed.answer(r); });
        Fixture f(**db);
        QVERIFY(f.addFeed(server.baseUrl().resolved(QUrl(QStringLiteral("/feed.xml")))));
        int progressed = -1;
        SyncContext ctx { f.account, f.http, f.repo, f.secrets, f.cancel, [&](int n) {
                             progressed = n;
                             f.cancel.cancel(); // the user cancels while the feed is being read
                         } };
        const Result<SyncOutcome> r = FeedSource().sync(ctx);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, Error::Code::Cancelled);
        QCOMPARE(progressed, 10);
        QCOMPARE(count(**db, QStringLiteral("1 = 1")), 0);
    }

    void testConnection()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        FeedServer feed;
        feed.set(sample(QStringLiteral("rss2.xml")), "\"v1\"");
        LoopbackHttpServer server([&feed](const Request &r) { return feed.answer(r); });
        Fixture f(**db);
        QVERIFY(f.addFeed(server.baseUrl().resolved(QUrl(QStringLiteral("/feed.xml")))));
        SyncContext ctx { f.account, f.http, f.repo, f.secrets, f.cancel, {} };
        const Result<QString> line = FeedSource().testConnection(ctx);
        QVERIFY2(line.ok(), line.ok() ? "" : qPrintable(line.error().message));
        QCOMPARE(*line, QStringLiteral("Feed “Tech Desk & Friends”, 4 items"));
        QCOMPARE(count(**db, QStringLiteral("1 = 1")), 0); // stores nothing
        QVERIFY(f.repo.cursor(f.account.id, QStringLiteral("feed"))->etag.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFeedSource)
#include "tst_feedsource.moc"
