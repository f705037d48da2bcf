// BlueskyMapping: JSON recorded from the real dev-env (tests/sync/data/bluesky/, written by
// tests/bluesky/devenv.js's seeded world) and hand-made hostile inputs.
#include "sync/blueskymapping.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace BlueskyMapping;

namespace {

QByteArray fixture(const QString &name)
{
    QFile f(qEnvironmentVariable("RAPPORT_SOURCE_DIR") + QStringLiteral("/tests/sync/data/bluesky/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(f.fileName()));
    return f.readAll();
}

const QString kJaneDid = QStringLiteral("did:plc:iqmi5jak3jft44wmka7iyxb2");
const QString kStrangerDid = QStringLiteral("did:plc:yozpgik2gply7fcaa6lnc6ga");

QByteArray oneNotification(const QJsonObject &n)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("notifications"), QJsonArray { n } } }).toJson();
}

QJsonObject quoteNotification()
{
    return QJsonObject {
        { QStringLiteral("uri"), QStringLiteral("at://did:plc:iqmi5jak3jft44wmka7iyxb2/app.bsky.feed.post/3quote") },
        { QStringLiteral("reason"), QStringLiteral("quote") },
        { QStringLiteral("indexedAt"), QStringLiteral("2026-01-02T03:04:05.678Z") },
        { QStringLiteral("author"),
            QJsonObject { { QStringLiteral("did"), kJaneDid },
                { QStringLiteral("handle"), QStringLiteral("Jane.Example.COM") },
                { QStringLiteral("displayName"), QStringLiteral("Jane") } } },
        { QStringLiteral("record"),
            QJsonObject { { QStringLiteral("text"), QStringLiteral("Look at this 🚀") },
                { QStringLiteral("createdAt"), QStringLiteral("2026-01-02T03:00:00Z") } } },
    };
}

} // namespace

class TestBlueskyMapping : public QObject
{
    Q_OBJECT

private slots:
    void notificationsFromTheServer()
    {
        const auto page = parseNotifications(fixture(QStringLiteral("notifications.json")));
        QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().message));
        QCOMPARE(page->entries, 6);
        QCOMPARE(page->skipped, 0);
        QCOMPARE(page->indexedAt.size(), 6);
        QCOMPARE(page->items.size(), 6);
        // Newest first, as the server sends them.
        for (int i = 1; i < page->indexedAt.size(); ++i)
            QVERIFY(page->indexedAt.at(i - 1) >= page->indexedAt.at(i));

        const SyncItem &like = page->items.at(0);
        QCOMPARE(like.kind, SyncItem::Kind::Engagement);
        QCOMPARE(like.engagement, QStringLiteral("like"));
        QCOMPARE(like.source, QStringLiteral("bluesky"));
        QCOMPARE(
            like.externalId, QStringLiteral("at://did:plc:yozpgik2gply7fcaa6lnc6ga/app.bsky.feed.like/3n2vx6z72ds2b"));
        QCOMPARE(like.authorHandle, QStringLiteral("stranger2.test"));
        QCOMPARE(like.authorAltHandle, kStrangerDid);
        // The liked post is the agency's: its page, by DID.
        QCOMPARE(
            like.url, QStringLiteral("https://bsky.app/profile/did:plc:gwsrhsznlqmiuep2fnlcevo6/post/3n2vx6xyzkc2b"));

        const SyncItem &mention = page->items.at(1);
        QCOMPARE(mention.kind, SyncItem::Kind::Conversation);
        QCOMPARE(mention.channel, QStringLiteral("mention"));
        QCOMPARE(mention.direction, QStringLiteral("inbound"));
        QCOMPARE(mention.text, QStringLiteral("@agency2.test who handles press for you?"));
        QCOMPARE(mention.authorName, QStringLiteral("Sam Stranger"));
        QCOMPARE(mention.authorNetwork, QStringLiteral("bluesky"));
        QCOMPARE(mention.url, QStringLiteral("https://bsky.app/profile/stranger2.test/post/3n2vx6z2itk2b"));
        QCOMPARE(mention.occurredAt, QDateTime(QDate(2026, 11, 22), QTime(15, 39, 54, 709), Qt::UTC));

        const SyncItem &follow = page->items.at(2);
        QCOMPARE(follow.kind, SyncItem::Kind::Engagement);
        QCOMPARE(follow.engagement, QStringLiteral("follow"));
        QCOMPARE(follow.authorHandle, QStringLiteral("jane2.test"));
        QCOMPARE(follow.url, QStringLiteral("https://bsky.app/profile/jane2.test"));

        const SyncItem &reply = page->items.at(4);
        QCOMPARE(reply.channel, QStringLiteral("reply"));
        QCOMPARE(reply.authorAltHandle, kJaneDid);

        // Facet offsets are UTF-8 bytes; the text itself arrives whole, with its non-ASCII characters.
        const SyncItem &janeMention = page->items.at(5);
        QCOMPARE(janeMention.channel, QStringLiteral("mention"));
        QVERIFY(janeMention.text.contains(QStringLiteral("— any comment on the launch? ✨")));
        QCOMPARE(page->cursor, QStringLiteral("2026-11-22T15:39:53.727Z"));
    }

    void authorFeedFromTheServer()
    {
        const auto page = parseAuthorFeed(fixture(QStringLiteral("authorfeed.json")), kJaneDid);
        QVERIFY(page.ok());
        QCOMPARE(page->items.size(), 3);
        for (const SyncItem &item : page->items) {
            QCOMPARE(item.channel, QStringLiteral("post"));
            QCOMPARE(item.kind, SyncItem::Kind::Conversation);
            QCOMPARE(item.authorHandle, QStringLiteral("jane2.test"));
            QCOMPARE(item.authorAltHandle, kJaneDid);
            QVERIFY(item.url.startsWith(QStringLiteral("https://bsky.app/profile/jane2.test/post/")));
            QCOMPARE(item.contactId, 0);
        }
        QCOMPARE(page->items.at(0).text, QStringLiteral("Working on a story about launches. Send tips."));
        // Someone else's feed: nothing of it is Jane's.
        const auto other = parseAuthorFeed(fixture(QStringLiteral("authorfeed.json")), kStrangerDid);
        QVERIFY(other.ok());
        QCOMPARE(other->items.size(), 0);
        QCOMPARE(other->skipped, 3);
    }

    void repostsInTheAuthorFeedAreSkipped()
    {
        QJsonObject doc = QJsonDocument::fromJson(fixture(QStringLiteral("authorfeed.json"))).object();
        QJsonArray feed = doc.value(QStringLiteral("feed")).toArray();
        QJsonObject first = feed.at(0).toObject();
        first.insert(QStringLiteral("reason"),
            QJsonObject { { QStringLiteral("$type"), QStringLiteral("app.bsky.feed.defs#reasonRepost") },
                { QStringLiteral("indexedAt"), QStringLiteral("2026-11-23T00:00:00.000Z") } });
        feed.replace(0, first);
        doc.insert(QStringLiteral("feed"), feed);
        const auto page = parseAuthorFeed(QJsonDocument(doc).toJson(), kJaneDid);
        QVERIFY(page.ok());
        QCOMPARE(page->items.size(), 2);
        QCOMPARE(page->skipped, 1);
        QCOMPARE(page->indexedAt.at(0), QDateTime(QDate(2026, 11, 23), QTime(0, 0), Qt::UTC));
        QCOMPARE(page->itemEntry, (QList<int> { 1, 2 }));
    }

    void quoteIsAConversationAndAnEngagement()
    {
        const auto page = parseNotifications(oneNotification(quoteNotification()));
        QVERIFY(page.ok());
        QCOMPARE(page->items.size(), 2);
        QCOMPARE(page->items.at(0).kind, SyncItem::Kind::Conversation);
        QCOMPARE(page->items.at(0).channel, QStringLiteral("mention"));
        QCOMPARE(page->items.at(0).text, QStringLiteral("Look at this 🚀"));
        QCOMPARE(page->items.at(1).kind, SyncItem::Kind::Engagement);
        QCOMPARE(page->items.at(1).engagement, QStringLiteral("quote"));
        QCOMPARE(page->items.at(1).externalId, page->items.at(0).externalId);
        QCOMPARE(page->itemEntry, (QList<int> { 0, 0 }));
        // The handle is normalized; createdAt earlier than indexedAt wins.
        QCOMPARE(page->items.at(0).authorHandle, QStringLiteral("jane.example.com"));
        QCOMPARE(page->items.at(0).occurredAt, QDateTime(QDate(2026, 1, 2), QTime(3, 0), Qt::UTC));
    }

    void createdAtInTheFutureIsNotBelieved()
    {
        QJsonObject n = quoteNotification();
        n.insert(QStringLiteral("record"),
            QJsonObject { { QStringLiteral("text"), QStringLiteral("x") },
                { QStringLiteral("createdAt"), QStringLiteral("2099-01-01T00:00:00Z") } });
        const auto page = parseNotifications(oneNotification(n));
        QVERIFY(page.ok());
        QCOMPARE(page->items.at(0).occurredAt, QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), Qt::UTC));
    }

    void brokenHandleFallsBackToTheDid()
    {
        QJsonObject n = quoteNotification();
        n.insert(QStringLiteral("author"),
            QJsonObject {
                { QStringLiteral("did"), kJaneDid }, { QStringLiteral("handle"), QStringLiteral("handle.invalid") } });
        const auto page = parseNotifications(oneNotification(n));
        QVERIFY(page.ok());
        QCOMPARE(page->items.at(0).authorHandle, kJaneDid);
        QVERIFY(page->items.at(0).authorAltHandle.isEmpty());
        QCOMPARE(page->items.at(0).url,
            QStringLiteral("https://bsky.app/profile/did:plc:iqmi5jak3jft44wmka7iyxb2/post/3quote"));
    }

    void malformedEntriesAreSkipped_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("uri not at://") << QStringLiteral("uri") << QJsonValue(QStringLiteral("https://x/y"));
        QTest::newRow("uri number") << QStringLiteral("uri") << QJsonValue(42);
        QTest::newRow("uri short") << QStringLiteral("uri")
                                   << QJsonValue(QStringLiteral("at://did:plc:x/app.bsky.feed.post"));
        QTest::newRow("author missing") << QStringLiteral("author") << QJsonValue();
        QTest::newRow("author array") << QStringLiteral("author") << QJsonValue(QJsonArray { 1, 2 });
        QTest::newRow("author bad") << QStringLiteral(
            "author") << QJsonValue(QJsonObject { { QStringLiteral("handle"), QStringLiteral("no spaces allowed") } });
        QTest::newRow("indexedAt garbage") << QStringLiteral("indexedAt") << QJsonValue(QStringLiteral("yesterday"));
        QTest::newRow("reason unknown") << QStringLiteral("reason") << QJsonValue(QStringLiteral("starterpack-joined"));
        QTest::newRow("reason missing") << QStringLiteral("reason") << QJsonValue();
    }

    void malformedEntriesAreSkipped()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QJsonObject n = quoteNotification();
        if (value.isUndefined() || value.isNull())
            n.remove(field);
        else
            n.insert(field, value);
        const auto page = parseNotifications(oneNotification(n));
        QVERIFY(page.ok());
        QCOMPARE(page->items.size(), 0);
        QCOMPARE(page->skipped, 1);
        QCOMPARE(page->entries, 1);
    }

    void garbageIsAnError_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("html") << QByteArray("<html><body>502 Bad Gateway</body></html>");
        QTest::newRow("array") << QByteArray("[1,2,3]");
        QTest::newRow("truncated") << fixture(QStringLiteral("notifications.json")).left(500);
        QTest::newRow("no list") << QByteArray(R"({"cursor":"x"})");
        QTest::newRow("list is object") << QByteArray(R"({"notifications":{}})");
        QTest::newRow("nul bytes") << QByteArray("{\"notifications\":[\0]}", 20);
    }

    void garbageIsAnError()
    {
        QFETCH(QByteArray, body);
        const auto n = parseNotifications(body);
        QVERIFY(!n.ok());
        QCOMPARE(n.error().code, Error::Code::Network);
        QVERIFY(!n.error().message.isEmpty());
        QVERIFY(!parseAuthorFeed(body, kJaneDid).ok());
    }

    void entriesOfTheWrongTypeAreSkipped()
    {
        const auto page = parseNotifications(R"({"notifications":[1,"x",null,[],true,{}],"cursor":7})");
        QVERIFY(page.ok());
        QCOMPARE(page->entries, 6);
        QCOMPARE(page->skipped, 6);
        QVERIFY(page->cursor.isEmpty());
    }

    void hugeTextIsCapped()
    {
        QJsonObject n = quoteNotification();
        n.insert(
            QStringLiteral("record"), QJsonObject { { QStringLiteral("text"), QString(100000, QLatin1Char('a')) } });
        const auto page = parseNotifications(oneNotification(n));
        QVERIFY(page.ok());
        QCOMPARE(page->items.at(0).text.size(), kMaxTextLength);
    }

    void sessions()
    {
        const auto s = parseSession(R"({"did":"did:plc:a","handle":"a.test","accessJwt":"A","refreshJwt":"R"})");
        QVERIFY(s.ok());
        QCOMPARE(s->handle, QStringLiteral("a.test"));
        QCOMPARE(s->accessJwt, QStringLiteral("A"));
        QCOMPARE(s->refreshJwt, QStringLiteral("R"));
        QVERIFY(!parseSession(R"({"did":"did:plc:a","handle":"a.test"})").ok());
        QVERIFY(parseSession(R"({"did":"did:plc:a","handle":"a.test"})", false).ok());
        QVERIFY(!parseSession("nope").ok());
        QCOMPARE(
            errorName(R"({"error":"ExpiredToken","message":"Token has expired"})"), QStringLiteral("ExpiredToken"));
        QCOMPARE(errorMessage(R"({"error":"ExpiredToken","message":"Token has expired"})"),
            QStringLiteral("Token has expired"));
        QVERIFY(errorName("<html>").isEmpty());
    }

    void times_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime t(QDate(2024, 5, 1), QTime(10, 0, 0, 123), Qt::UTC);
        QTest::newRow("ms Z") << QStringLiteral("2024-05-01T10:00:00.123Z") << t;
        QTest::newRow("offset") << QStringLiteral("2024-05-01T12:00:00.123+02:00") << t;
        QTest::newRow("no fraction") << QStringLiteral("2024-05-01T10:00:00Z") << t.addMSecs(-123);
        QTest::newRow("no zone") << QStringLiteral("2024-05-01T10:00:00.123") << t;
        QTest::newRow("garbage") << QStringLiteral("2024-13-45T99:00:00Z") << QDateTime();
        QTest::newRow("empty") << QString() << QDateTime();
        QTest::newRow("year 0") << QStringLiteral("0000-01-01T00:00:00Z") << QDateTime();
    }

    void times()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const QDateTime parsed = parseTime(text);
        QCOMPARE(parsed.isValid(), expected.isValid());
        if (expected.isValid()) {
            QCOMPARE(parsed, expected);
            QCOMPARE(parsed.timeSpec(), Qt::UTC);
            QCOMPARE(parseTime(timeCursor(parsed)), parsed);
        }
    }

    void urls()
    {
        QCOMPARE(postUrl(QStringLiteral("at://did:plc:abc/app.bsky.feed.post/3kxyz"), QStringLiteral("ana.test")),
            QStringLiteral("https://bsky.app/profile/ana.test/post/3kxyz"));
        QVERIFY(
            postUrl(QStringLiteral("at://did:plc:abc/app.bsky.feed.like/3kxyz"), QStringLiteral("ana.test")).isEmpty());
        QVERIFY(postUrl(QStringLiteral("https://example.com"), QString()).isEmpty());
        // Nothing in a hostile rkey can escape the path.
        QCOMPARE(postUrl(QStringLiteral("at://did:plc:abc/app.bsky.feed.post/a?b#c"), QString()),
            QStringLiteral("https://bsky.app/profile/did:plc:abc/post/a%3Fb%23c"));
    }
};

QTEST_GUILESS_MAIN(TestBlueskyMapping)
#include "tst_blueskymapping.moc"
