// MastodonMapping on the recorded answers of a real Mastodon 4.6 server (tests/sync/data/mastodon) and on
// hand-made JSON for what the recordings do not show (engagements, replies, spoilers, own messages), plus
// garbage that must give an Error and never crash.
#include "mastodonreplay.h"
#include "sync/mastodonmapping.h"

#include <QTest>

using namespace MastodonMapping;

namespace {

const QString kHost = QStringLiteral("mastodon.example");

QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toUTC();
}

QByteArray notification(const QByteArray &id, const QByteArray &type, const QByteArray &statusJson = "null")
{
    return R"({"id":")" + id + R"(","type":")" + type
        + R"(","created_at":"2026-03-04T05:06:07.000Z",)"
          R"("account":{"id":"77","username":"ana","acct":"Ana@News.Example","display_name":"Ana Lima"},)"
          R"("status":)"
        + statusJson + "}";
}

QByteArray status(const QByteArray &extra)
{
    return R"({"id":"900","created_at":"2026-03-04T05:00:00.000Z","uri":"https://news.example/users/ana/statuses/900",)"
           R"("url":"https://news.example/@ana/900","content":"<p>Hi &amp; <b>bye</b></p>","spoiler_text":"",)"
           R"("visibility":"public","in_reply_to_id":null,)"
           R"("account":{"id":"77","username":"ana","acct":"ana@news.example","display_name":"Ana Lima"})"
        + extra + "}";
}

} // namespace

class TestMastodonMapping final : public QObject
{
    Q_OBJECT

private slots:
    void recordedMention()
    {
        const QByteArray body = MastodonReplay::recordedBody(QStringLiteral("notifications.json"), 1);
        QVERIFY(!body.isEmpty());
        Result<Page> page = notifications(body, kHost);
        QVERIFY2(page.ok(), page.ok() ? "" : qPrintable(page.error().message));
        QCOMPARE(page->ids, QStringList { QStringLiteral("20") });
        QCOMPARE(page->ignored, 0);
        QCOMPARE(page->items.size(), 1);
        const SyncItem &item = page->items.first();
        QCOMPARE(item.kind, SyncItem::Kind::Conversation);
        QCOMPARE(item.source, QStringLiteral("mastodon"));
        QCOMPARE(item.channel, QStringLiteral("mention"));
        QCOMPARE(item.direction, QStringLiteral("inbound"));
        QCOMPARE(item.externalId,
            QStringLiteral("http://localhost:3000/ap/users/117020565693913441/statuses/117020576916218297"));
        QCOMPARE(item.url, QStringLiteral("http://localhost:3000/@admin/117020576916218297"));
        QCOMPARE(item.occurredAt, utc("2026-08-01T13:51:39.138Z"));
        QCOMPARE(item.occurredAt.timeSpec(), Qt::UTC);
        QCOMPARE(item.text, QStringLiteral("@mastodonpy_test hello!"));
        QCOMPARE(item.authorNetwork, QStringLiteral("mastodon"));
        QCOMPARE(item.authorHandle, QStringLiteral("admin@mastodon.example")); // local acct + server host
        QCOMPARE(item.authorName, QStringLiteral("admin")); // display_name is empty
        QCOMPARE(item.contactId, 0);
    }

    void recordedAdminNotificationsAreIgnored()
    {
        const QByteArray body = MastodonReplay::recordedBody(QStringLiteral("notification_requests_accept.json"), 14);
        Result<Page> page = notifications(body, kHost);
        QVERIFY(page.ok());
        QCOMPARE(page->items.size(), 0);
        QCOMPARE(page->ignored, 3);
        QCOMPARE(page->ids, (QStringList { QStringLiteral("5"), QStringLiteral("3"), QStringLiteral("2") }));
    }

    void recordedConversations()
    {
        const QByteArray body = MastodonReplay::recordedBody(QStringLiteral("conversations.json"), 2);
        // Recorded as "admin" (117020565693913441); both last statuses are by mastodonpy_test_2.
        Result<Page> page = conversations(body, kHost, QStringLiteral("117020565693913441"));
        QVERIFY2(page.ok(), page.ok() ? "" : qPrintable(page.error().message));
        QCOMPARE(
            page->ids, (QStringList { QStringLiteral("117020593780198542"), QStringLiteral("117020588388552703") }));
        QCOMPARE(page->items.size(), 2);
        const SyncItem &first = page->items.at(0);
        QCOMPARE(first.kind, SyncItem::Kind::Conversation);
        QCOMPARE(first.channel, QStringLiteral("direct_message"));
        QCOMPARE(first.direction, QStringLiteral("inbound"));
        QCOMPARE(first.externalId,
            QStringLiteral("http://localhost:3000/ap/users/117020566092212359/statuses/117020593780198542"));
        QCOMPARE(first.url, QStringLiteral("http://localhost:3000/@mastodonpy_test_2/117020593780198542"));
        QCOMPARE(first.occurredAt, utc("2026-08-01T13:55:56.462Z"));
        QCOMPARE(first.text, QStringLiteral("@admin ilu bby ;3"));
        QCOMPARE(first.authorHandle, QStringLiteral("mastodonpy_test_2@mastodon.example"));
        QCOMPARE(first.authorName, QStringLiteral("mastodonpy_test_2"));
        // A direct answer to a direct message stays a direct message.
        const SyncItem &second = page->items.at(1);
        QCOMPARE(second.channel, QStringLiteral("direct_message"));
        QCOMPARE(second.text, QStringLiteral("@mastodonpy_test pssssst!"));
        QCOMPARE(second.occurredAt, utc("2026-08-01T13:54:34.191Z"));
    }

    void ownConversationMessageIsOutboundToTheOtherPerson()
    {
        const QByteArray body = MastodonReplay::recordedBody(QStringLiteral("conversations.json"), 2);
        // Seen by mastodonpy_test_2 itself: its own last statuses are outbound, attributed to the other side.
        Result<Page> page = conversations(body, kHost, QStringLiteral("117020566092212359"));
        QVERIFY(page.ok());
        QCOMPARE(page->items.size(), 2);
        QCOMPARE(page->items.at(0).direction, QStringLiteral("outbound"));
        QCOMPARE(page->items.at(0).authorHandle, QStringLiteral("admin@mastodon.example"));
        QCOMPARE(page->items.at(1).direction, QStringLiteral("outbound"));
        QCOMPARE(page->items.at(1).authorHandle, QStringLiteral("mastodonpy_test@mastodon.example"));
        QCOMPARE(page->items.at(1).authorName, QStringLiteral("John Lennon"));

        // A conversation without a last status is skipped, a note to oneself too.
        const QByteArray odd = R"([{"id":"1","accounts":[],"last_status":null},)"
                               R"({"id":"2","accounts":[],"last_status":)"
            + status("") + "}]";
        Result<Page> oddPage = conversations(odd, kHost, QStringLiteral("77"));
        QVERIFY(oddPage.ok());
        QCOMPARE(oddPage->items.size(), 0);
        QCOMPARE(oddPage->ignored, 2);
    }

    void recordedOwnAccount()
    {
        Result<Account> me = account(MastodonReplay::recordedBody(QStringLiteral("verify_credentials.json"), 0), kHost);
        QVERIFY(me.ok());
        QCOMPARE(me->id, QStringLiteral("117020457910412882"));
        QCOMPARE(me->handle, QStringLiteral("mastodonpy_test@mastodon.example"));
        QCOMPARE(me->displayName, QStringLiteral("mastodonpy_test"));
    }

    void channels_data()
    {
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QString>("channel");
        QTest::addColumn<QString>("text");
        QTest::newRow("public mention") << QByteArray() << QStringLiteral("mention") << QStringLiteral("Hi & bye");
        QTest::newRow("reply") << QByteArray(R"(,"in_reply_to_id":"899")") << QStringLiteral("reply")
                               << QStringLiteral("Hi & bye");
        QTest::newRow("direct") << QByteArray(R"(,"visibility":"direct")") << QStringLiteral("direct_message")
                                << QStringLiteral("Hi & bye");
        QTest::newRow("direct reply") << QByteArray(R"(,"visibility":"direct","in_reply_to_id":"899")")
                                      << QStringLiteral("direct_message") << QStringLiteral("Hi & bye");
        QTest::newRow("spoiler") << QByteArray(R"(,"spoiler_text":"Embargo")") << QStringLiteral("mention")
                                 << QStringLiteral("Embargo\n\nHi & bye");
    }
    void channels()
    {
        QFETCH(QByteArray, extra);
        QFETCH(QString, channel);
        QFETCH(QString, text);
        // Later keys win in QJsonDocument, so `extra` overrides the defaults of status().
        Result<Page> page = notifications("[" + notification("41", "mention", status(extra)) + "]", kHost);
        QVERIFY2(page.ok(), page.ok() ? "" : qPrintable(page.error().message));
        QCOMPARE(page->items.size(), 1);
        QCOMPARE(page->items.first().channel, channel);
        QCOMPARE(page->items.first().text, text);
        QCOMPARE(page->items.first().authorHandle, QStringLiteral("ana@news.example"));
        QCOMPARE(page->items.first().authorName, QStringLiteral("Ana Lima"));
        QCOMPARE(page->items.first().externalId, QStringLiteral("https://news.example/users/ana/statuses/900"));
    }

    void engagements()
    {
        const QByteArray json = "[" + notification("31", "favourite", status("")) + ","
            + notification("30", "reblog", status("")) + "," + notification("29", "follow") + ","
            + notification("28", "quote", status("")) + "," + notification("27", "poll", status("")) + ","
            + notification("26", "update", status("")) + "," + notification("25", "severed_relationships") + ","
            + notification("24", "follow_request") + "]";
        Result<Page> page = notifications(json, kHost);
        QVERIFY2(page.ok(), page.ok() ? "" : qPrintable(page.error().message));
        QCOMPARE(page->ids.size(), 8);
        QCOMPARE(page->ignored, 4);
        QCOMPARE(page->items.size(), 4);
        const QStringList kinds { QStringLiteral("like"), QStringLiteral("boost"), QStringLiteral("follow"),
            QStringLiteral("quote") };
        const QStringList ids { QStringLiteral("31"), QStringLiteral("30"), QStringLiteral("29"),
            QStringLiteral("28") };
        for (int i = 0; i < 4; ++i) {
            const SyncItem &item = page->items.at(i);
            QCOMPARE(item.kind, SyncItem::Kind::Engagement);
            QCOMPARE(item.engagement, kinds.at(i));
            QCOMPARE(item.externalId, QStringLiteral("notification:mastodon.example/") + ids.at(i));
            QCOMPARE(item.occurredAt, utc("2026-03-04T05:06:07.000Z"));
            QCOMPARE(item.authorHandle, QStringLiteral("ana@news.example")); // "Ana@News.Example" normalized
            QCOMPARE(item.authorName, QStringLiteral("Ana Lima"));
            QCOMPARE(item.direction, QStringLiteral("inbound"));
        }
        QCOMPARE(page->items.at(0).url, QStringLiteral("https://news.example/@ana/900"));
        QVERIFY(page->items.at(2).url.isEmpty()); // a follow has no status
    }

    void handles()
    {
        QCOMPARE(handleFor(QStringLiteral("admin"), QStringLiteral("mastodon.example")),
            QStringLiteral("admin@mastodon.example"));
        QCOMPARE(handleFor(QStringLiteral("@Bob@Other.Social"), QStringLiteral("mastodon.example")),
            QStringLiteral("bob@other.social"));
        QCOMPARE(handleFor(QStringLiteral("admin"), QStringLiteral("127.0.0.1")), QStringLiteral("admin@127.0.0.1"));
        // A host the handle rules refuse is kept lower-cased rather than losing the item.
        QCOMPARE(handleFor(QStringLiteral("Admin"), QStringLiteral("localhost")), QStringLiteral("admin@localhost"));
    }

    void ids()
    {
        QVERIFY(isNewerId(QStringLiteral("10"), QStringLiteral("9")));
        QVERIFY(!isNewerId(QStringLiteral("9"), QStringLiteral("10")));
        QVERIFY(isNewerId(QStringLiteral("117020593780198542"), QStringLiteral("117020588388552703")));
        QVERIFY(!isNewerId(QStringLiteral("20"), QStringLiteral("20")));
    }

    void errorTexts()
    {
        QCOMPARE(errorText(MastodonReplay::recordedBody(QStringLiteral("status_empty.json"), 0)),
            QStringLiteral("バリデーションに失敗しました: Textを入力してください"));
        QCOMPARE(errorText(R"({"error":"invalid_grant","error_description":"The grant is invalid"})"),
            QStringLiteral("invalid_grant: The grant is invalid"));
        QCOMPARE(errorText("<html>nope</html>"), QString());
        QCOMPARE(errorText(R"({"error":42})"), QString());
    }

    // An answer that is not a list of entries at all fails the page.
    void garbage_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("html") << QByteArray("<html><body>Welcome to nginx!</body></html>");
        QTest::newRow("truncated") << QByteArray(R"([{"id":"1","type":"mention")");
        QTest::newRow("object") << QByteArray(R"({"error":"x"})");
        QTest::newRow("null") << QByteArray("null");
        QTest::newRow("number") << QByteArray("42");
        QTest::newRow("deep nesting") << QByteArray(100000, '[') + QByteArray(100000, ']');
        QTest::newRow("nul bytes") << QByteArray("[\0\0\0]", 6);
    }
    void garbage()
    {
        QFETCH(QByteArray, json);
        Result<Page> n = notifications(json, kHost);
        QVERIFY(!n.ok());
        QCOMPARE(n.error().code, Error::Code::Network);
        QVERIFY(n.error().message.contains(QStringLiteral("not Mastodon JSON")));
        Result<Page> c = conversations(json, kHost, QStringLiteral("1"));
        QVERIFY(!c.ok());
        Result<Account> a = account(json, kHost);
        QVERIFY(!a.ok());
    }

    // Issue 9: one entry that cannot be mapped is skipped and counted, with why; the valid entries around it
    // are kept and its id still counts for the cursor.
    void badEntryIsSkipped_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<bool>("hasId");
        QTest::addColumn<QString>("why");
        QTest::newRow("number") << QByteArray("1") << false << QStringLiteral("not an object");
        QTest::newRow("empty object") << QByteArray("{}") << false << QStringLiteral("without an id");
        QTest::newRow("id object") << QByteArray(R"({"id":{},"type":"mention"})") << false << QStringLiteral("id");
        QTest::newRow("no type") << QByteArray(R"({"id":"7"})") << true << QStringLiteral("without a type");
        QTest::newRow("type number") << QByteArray(R"({"id":"7","type":7})") << true << QStringLiteral("type");
        // What mastodon.social really sends for a mention whose post was deleted since.
        QTest::newRow("mention, status deleted")
            << QByteArray(R"({"id":"7","type":"mention","status":null})") << true << QStringLiteral("deleted");
        QTest::newRow("status is a string")
            << QByteArray(R"({"id":"7","type":"mention","status":"x"})") << true << QStringLiteral("status");
        QTest::newRow("bad date") << notification("7", "mention", status(R"(,"created_at":"yesterday")")) << true
                                  << QStringLiteral("created_at");
        QTest::newRow("date number") << notification("7", "mention", status(R"(,"created_at":5)")) << true
                                     << QStringLiteral("created_at");
        QTest::newRow("no uri") << notification("7", "mention", status(R"(,"uri":null)")) << true
                                << QStringLiteral("uri");
        QTest::newRow("account string") << notification("7", "mention", status(R"(,"account":"ana")")) << true
                                        << QStringLiteral("account");
        QTest::newRow("acct missing") << notification("7", "mention", status(R"(,"account":{"id":"1"})")) << true
                                      << QStringLiteral("acct");
        QTest::newRow("follow without account")
            << QByteArray(R"({"id":"7","type":"follow","created_at":"2026-03-04T05:06:07Z"})") << true
            << QStringLiteral("account");
        QTest::newRow("favourite without date")
            << QByteArray(R"({"id":"7","type":"favourite","account":{"id":"2","acct":"a"}})") << true
            << QStringLiteral("created_at");
    }
    void badEntryIsSkipped()
    {
        QFETCH(QByteArray, entry);
        QFETCH(bool, hasId);
        QFETCH(QString, why);
        const QByteArray json = "[" + notification("9", "mention", status("")) + "," + entry + ","
            + notification("5", "mention", status("")) + "]";
        Result<Page> page = notifications(json, kHost);
        QVERIFY2(page.ok(), page.ok() ? "" : qPrintable(page.error().message));
        QCOMPARE(page->items.size(), 2);
        QCOMPARE(page->skipped, 1);
        QCOMPARE(page->skipNotes.size(), 1);
        QVERIFY2(page->skipNotes.first().contains(why), qPrintable(page->skipNotes.first()));
        QCOMPARE(page->ids,
            hasId ? QStringList({ QStringLiteral("9"), QStringLiteral("7"), QStringLiteral("5") })
                  : QStringList({ QStringLiteral("9"), QStringLiteral("5") }));
    }

    void badConversationIsSkipped_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::newRow("not objects") << QByteArray("1");
        QTest::newRow("no id") << QByteArray(R"({"last_status":null})");
        QTest::newRow("status string") << QByteArray(R"({"id":"1","last_status":"x"})");
        QTest::newRow("status without id") << QByteArray(R"({"id":"1","last_status":{}})");
        QTest::newRow("own, accounts not a list") << R"({"id":"1","accounts":7,"last_status":)" + status("") + "}";
    }
    void badConversationIsSkipped()
    {
        QFETCH(QByteArray, entry);
        Result<Page> c = conversations("[" + entry + "]", kHost, QStringLiteral("77"));
        QVERIFY2(c.ok(), c.ok() ? "" : qPrintable(c.error().message));
        QCOMPARE(c->items.size(), 0);
        QCOMPARE(c->skipped, 1);
        QCOMPARE(c->skipNotes.size(), 1);
    }

    // Issue 9: local accounts (acct without a domain) take the server's account domain, which differs from
    // the web host on a split-domain server.
    void localHandlesTakeTheAccountDomain()
    {
        const QByteArray local
            = "{\"id\":\"900\",\"created_at\":\"2026-03-04T05:00:00.000Z\",\"uri\":\"https://social.example.com/users/ana/statuses/900\","
              "\"content\":\"<p>Hi</p>\",\"visibility\":\"public\","
              "\"account\":{\"id\":\"77\",\"username\":\"ana\",\"acct\":\"ana\",\"display_name\":\"Ana Lima\"}}";
        const QByteArray json = "[" + notification("1", "mention", local) + "]";
        Result<Page> page = notifications(json, QStringLiteral("social.example.com"), QStringLiteral("example.com"));
        QVERIFY(page.ok());
        QCOMPARE(page->items.size(), 1);
        QCOMPARE(page->items.first().authorHandle, QStringLiteral("ana@example.com"));
        // Without a domain from the server, the host of the address typed in.
        page = notifications(json, QStringLiteral("social.example.com"));
        QVERIFY(page.ok());
        QCOMPARE(page->items.first().authorHandle, QStringLiteral("ana@social.example.com"));
        QCOMPARE(instanceDomain("{\"domain\":\"Example.com\",\"title\":\"x\"}"), QStringLiteral("example.com"));
        QCOMPARE(instanceDomain("{\"uri\":\"example.com\"}"), QStringLiteral("example.com")); // v1
        QCOMPARE(instanceDomain("{\"uri\":\"https://example.com\"}"), QStringLiteral("example.com"));
        QCOMPARE(instanceDomain("{\"domain\":\"a/b\"}"), QString());
        QCOMPARE(instanceDomain("<html>"), QString());
        // The real /api/v2/instance of the recorded development server.
        const QByteArray recorded = MastodonReplay::recordedBody(QStringLiteral("instance.json"), 0);
        QVERIFY(!recorded.isEmpty());
        QCOMPARE(instanceDomain(recorded), QStringLiteral("localhost:3000"));
    }
};

QTEST_GUILESS_MAIN(TestMastodonMapping)
#include "tst_mastodonmapping.moc"
