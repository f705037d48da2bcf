// BlueskySource against the real Bluesky server stack (PLC, PDS, AppView from @atproto/dev-env) that
// tests/run-tests.sh starts from tests/bluesky/devenv.js. Each test asks the dev-env's control endpoint for a
// world of its own (an agency account, Jane the journalist, Sam a stranger; see seedScenario() there), so
// tests never see each other's notifications.
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/syncrepository.h"
#include "sync/blueskysource.h"
#include "sync/secretstore.h"
#include "sync/synchttp.h"
#include "sync/syncsource.h"
#include "testdatabase.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

namespace {

template <typename T> QString message(const Result<T> &r)
{
    return r.ok() ? QString() : r.error().message;
}

QString controlUrl()
{
    return qEnvironmentVariable("RAPPORT_TEST_BSKY_CONTROL");
}

// POST to the dev-env's control endpoint (it creates records and waits until the AppView indexed them).
QJsonObject control(const QString &command, const QJsonObject &body = {})
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(controlUrl() + u'/' + command));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(60000);
    QNetworkReply *reply = nam.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(90000))
        qWarning() << "control" << command << "did not answer";
    const QByteArray answer = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    if (status != 200)
        qWarning() << "control" << command << status << answer;
    return QJsonDocument::fromJson(answer).object();
}

struct Person
{
    QString handle, did, appPassword;
    explicit Person(const QJsonObject &o = {})
        : handle(o.value(u"handle").toString())
        , did(o.value(u"did").toString())
        , appPassword(o.value(u"appPassword").toString())
    {
    }
};

QString uriOf(const QJsonObject &scenario, const QString &name)
{
    const QJsonValue v = scenario.value(u"uris").toObject().value(name);
    return v.isObject() ? v.toObject().value(u"uri").toString() : v.toString();
}

qint64 scalar(Database &db, const QString &sql, const QVariantMap &binds = {})
{
    QSqlQuery q(db.connection());
    q.prepare(sql);
    for (auto it = binds.cbegin(); it != binds.cend(); ++it)
        q.bindValue(it.key(), it.value());
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

// One test's world: a fresh database, a seeded Bluesky scenario, the agency's account in Rapport with its
// app password in the keyring, and Jane as a contact with her Bluesky handle.
struct World
{
    std::unique_ptr<Database> db;
    std::unique_ptr<SyncRepository> repo;
    std::unique_ptr<SecretStore> secrets;
    QNetworkAccessManager nam;
    CancelToken cancel;
    std::unique_ptr<SyncHttp> http;
    SocialAccount account;
    QJsonObject scenario;
    Person agency, jane, stranger;
    qint64 janeId = 0;
    std::unique_ptr<SyncSource> source = SyncSource::create(Network::Bluesky);

    SyncContext context(std::function<void(int)> progress = {})
    {
        return SyncContext { account, *http, *repo, *secrets, cancel, std::move(progress) };
    }
    Result<SyncOutcome> sync(std::function<void(int)> progress = {})
    {
        SyncContext ctx = context(std::move(progress));
        return source->sync(ctx);
    }
    QString secret(const QString &name) const
    {
        auto s = secrets->read(account.secretKey(name));
        return s.ok() ? *s : QString();
    }
    void setSecret(const QString &name, const QString &value)
    {
        QVERIFY(secrets->write(account.secretKey(name), value).ok());
    }
    qint64 interactions(const QString &where, const QVariantMap &binds = {})
    {
        return scalar(
            *db, QStringLiteral("SELECT count(*) FROM interactions WHERE source = 'bluesky' AND ") + where, binds);
    }
    qint64 stored(const QString &uri)
    {
        return interactions(QStringLiteral("external_id = :uri"), { { QStringLiteral(":uri"), uri } });
    }
    qint64 contactOf(const QString &uri)
    {
        return scalar(*db, QStringLiteral("SELECT coalesce(contact_id, 0) FROM interactions WHERE external_id = :uri"),
            { { QStringLiteral(":uri"), uri } });
    }
};

class TestBlueskySource final : public QObject
{
    Q_OBJECT

    // Opens a world on `backend`; returns false (after QSKIP/QFAIL) if it could not.
    bool open(World &w, const QString &backend)
    {
        auto db = TestDatabase::create(backend);
        if (!db) {
            if (db.error().code == Error::Code::NotFound && !TestDatabase::postgresRequired())
                QTest::qSkip("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)", __FILE__, __LINE__);
            else
                QTest::qFail(qPrintable(db.error().message), __FILE__, __LINE__);
            return false;
        }
        w.db = std::move(db).value();
        w.repo = std::make_unique<SyncRepository>(*w.db);
        w.secrets = std::make_unique<SecretStore>(
            QStringLiteral("tst_blueskysource/") + QUuid::createUuid().toString(QUuid::WithoutBraces));
        SyncHttp::Options options;
        options.timeoutMs = 30000;
        options.maxAttempts = 2;
        w.http = std::make_unique<SyncHttp>(w.nam, w.cancel, options);

        w.scenario = control(QStringLiteral("scenario"));
        w.agency = Person(w.scenario.value(u"agency").toObject());
        w.jane = Person(w.scenario.value(u"jane").toObject());
        w.stranger = Person(w.scenario.value(u"stranger").toObject());
        if (w.agency.handle.isEmpty()) {
            QTest::qFail("the dev-env did not create a scenario", __FILE__, __LINE__);
            return false;
        }

        w.account.network = Network::Bluesky;
        w.account.displayName = QStringLiteral("Agency on Bluesky");
        w.account.serverUrl = qEnvironmentVariable("RAPPORT_TEST_BSKY_PDS");
        w.account.handle = w.agency.handle;
        if (Status s = w.repo->createAccount(w.account); !s) {
            QTest::qFail(qPrintable(s.error().message), __FILE__, __LINE__);
            return false;
        }
        w.setSecret(QStringLiteral("app_password"), w.agency.appPassword);

        Contact jane;
        jane.displayName = QStringLiteral("Jane Journalist");
        jane.handles = { Handle { QStringLiteral("bluesky"), w.jane.handle, {} } };
        if (Status s = ContactRepository(*w.db).create(jane); !s) {
            QTest::qFail(qPrintable(s.error().message), __FILE__, __LINE__);
            return false;
        }
        w.janeId = jane.id;
        return true;
    }

private slots:
    void initTestCase()
    {
        if (controlUrl().isEmpty()) {
            const QString skip = qEnvironmentVariable("RAPPORT_TEST_BSKY_SKIP");
            if (!skip.isEmpty())
                QSKIP(qPrintable(QStringLiteral("no Bluesky server stack: ") + skip));
            if (qEnvironmentVariableIsSet("RAPPORT_REQUIRE_POSTGRES"))
                QFAIL("RAPPORT_TEST_BSKY_CONTROL is not set: run the tests through tests/run-tests.sh, which "
                      "starts the Bluesky server stack");
            QSKIP("no Bluesky server stack (RAPPORT_TEST_BSKY_CONTROL is not set): run the tests through "
                  "tests/run-tests.sh");
        }
        QVERIFY(!qEnvironmentVariable("RAPPORT_TEST_BSKY_PDS").isEmpty());
    }

    void cleanup() { BlueskyLimits::setPageSizeForTesting(0, 0); }

    // The whole story: mentions and replies land on Jane, the stranger in the Inbox, likes and follows are
    // counted; a second sync adds nothing; a mention posted mid-test is the only thing the next sync brings.
    void syncsIntoTimelinesInboxAndEngagement_data() { TestDatabase::addBackends(); }
    void syncsIntoTimelinesInboxAndEngagement()
    {
        QFETCH(QString, backend);
        World w;
        if (!open(w, backend))
            return;

        auto first = w.sync();
        QVERIFY2(first.ok(), qPrintable(message(first)));
        // Notifications: Jane's mention and reply, the stranger's mention; Jane's own post from her feed.
        QCOMPARE(first->inserted, 4);
        QCOMPARE(first->toInbox, 1);
        QCOMPARE(first->engagements, 3); // Jane's like and follow, the stranger's like
        QCOMPARE(first->contactIds, QList<qint64> { w.janeId });

        const QString janeMention = uriOf(w.scenario, QStringLiteral("janeMention"));
        const QString janeReply = uriOf(w.scenario, QStringLiteral("janeReply"));
        const QString janeOwn = uriOf(w.scenario, QStringLiteral("janeOwn"));
        const QString strangerMention = uriOf(w.scenario, QStringLiteral("strangerMention"));
        QCOMPARE(w.contactOf(janeMention), w.janeId);
        QCOMPARE(w.contactOf(janeReply), w.janeId);
        QCOMPARE(w.contactOf(janeOwn), w.janeId);
        QCOMPARE(w.contactOf(strangerMention), 0);
        QCOMPARE(w.interactions(QStringLiteral("external_id = :u AND channel = 'mention'"),
                     { { QStringLiteral(":u"), janeMention } }),
            1);
        QCOMPARE(w.interactions(
                     QStringLiteral("external_id = :u AND channel = 'reply'"), { { QStringLiteral(":u"), janeReply } }),
            1);
        QCOMPARE(w.interactions(
                     QStringLiteral("external_id = :u AND channel = 'post'"), { { QStringLiteral(":u"), janeOwn } }),
            1);
        QCOMPARE(w.interactions(QStringLiteral("external_id = :u AND url = :url"),
                     { { QStringLiteral(":u"), janeMention },
                         { QStringLiteral(":url"),
                             QStringLiteral("https://bsky.app/profile/%1/post/%2")
                                 .arg(w.jane.handle, janeMention.section(u'/', -1)) } }),
            1);

        auto inbox = w.repo->inbox();
        QVERIFY(inbox.ok());
        QCOMPARE(inbox->size(), 1);
        QCOMPARE(inbox->constFirst().handle, w.stranger.handle);
        QCOMPARE(inbox->constFirst().authorName, QStringLiteral("Sam Stranger"));
        QCOMPARE(*w.repo->engagementCount(w.janeId), 2);

        // Cursors stored, session kept.
        QVERIFY(!w.repo->cursor(w.account.id, QStringLiteral("notifications"))->cursor.isEmpty());
        QVERIFY(!w.repo->cursor(w.account.id, QStringLiteral("author:") + w.jane.did)->cursor.isEmpty());
        QVERIFY(!w.secret(QStringLiteral("access_jwt")).isEmpty());
        QVERIFY(!w.secret(QStringLiteral("refresh_jwt")).isEmpty());

        const qint64 total = w.interactions(QStringLiteral("1 = 1"));
        auto again = w.sync();
        QVERIFY2(again.ok(), qPrintable(message(again)));
        QCOMPARE(again->inserted, 0);
        QCOMPARE(again->engagements, 0);
        QCOMPARE(w.interactions(QStringLiteral("1 = 1")), total);

        // Mid-test: Jane mentions the agency again, Sam likes something.
        const QJsonObject added = control(QStringLiteral("post"),
            { { QStringLiteral("as"), w.jane.handle }, { QStringLiteral("mention"), w.agency.handle },
                { QStringLiteral("text"),
                    QStringLiteral("@%1 one more question about the launch").arg(w.agency.handle) } });
        const QString addedUri = added.value(u"uri").toString();
        QVERIFY(addedUri.startsWith(u"at://"));
        auto third = w.sync();
        QVERIFY2(third.ok(), qPrintable(message(third)));
        QCOMPARE(third->inserted, 1);
        QCOMPARE(third->engagements, 0);
        QCOMPARE(w.contactOf(addedUri), w.janeId);
        QCOMPARE(w.interactions(QStringLiteral("1 = 1")), total + 1);
    }

    // A sync killed after its first page (cancel stands in for kill: nothing after the page's transaction
    // runs either way) loses nothing and duplicates nothing when it runs again, on the first sync and on an
    // incremental one.
    void interruptedSyncResumes()
    {
        World w;
        if (!open(w, QStringLiteral("sqlite")))
            return;
        BlueskyLimits::setPageSizeForTesting(2, 2);
        int pages = 0;
        auto cancelAfterFirstPage = [&](int) {
            if (++pages == 1)
                w.cancel.cancel();
        };
        auto cut = w.sync(cancelAfterFirstPage);
        QVERIFY(!cut.ok());
        QCOMPARE(cut.error().code, Error::Code::Cancelled);
        const qint64 afterCut = w.interactions(QStringLiteral("1 = 1"))
            + scalar(*w.db, QStringLiteral("SELECT count(*) FROM engagement_events"));
        QVERIFY(afterCut > 0);
        QVERIFY(afterCut < 7);
        QVERIFY(w.repo->cursor(w.account.id, QStringLiteral("notifications"))->cursor.isEmpty());

        w.cancel.reset();
        auto resumed = w.sync();
        QVERIFY2(resumed.ok(), qPrintable(message(resumed)));
        QCOMPARE(w.interactions(QStringLiteral("1 = 1")), 4);
        QCOMPARE(scalar(*w.db, QStringLiteral("SELECT count(*) FROM engagement_events")), 3);
        for (const char *name : { "janeMention", "janeReply", "janeOwn", "strangerMention" })
            QCOMPARE(w.stored(uriOf(w.scenario, QString::fromLatin1(name))), 1);

        // Incremental: three new mentions, cut after the first page of two.
        QStringList added;
        for (int i = 0; i < 3; ++i)
            added.append(control(QStringLiteral("post"),
                { { QStringLiteral("as"), w.stranger.handle }, { QStringLiteral("mention"), w.agency.handle },
                    { QStringLiteral("text"), QStringLiteral("@%1 question %2").arg(w.agency.handle).arg(i) } })
                             .value(u"uri")
                             .toString());
        const QString cursorBefore = w.repo->cursor(w.account.id, QStringLiteral("notifications"))->cursor;
        pages = 0;
        cut = w.sync(cancelAfterFirstPage);
        QVERIFY(!cut.ok());
        QCOMPARE(w.repo->cursor(w.account.id, QStringLiteral("notifications"))->cursor, cursorBefore);
        QCOMPARE(w.interactions(QStringLiteral("1 = 1")), 6); // the newest two
        w.cancel.reset();
        resumed = w.sync();
        QVERIFY2(resumed.ok(), qPrintable(message(resumed)));
        QCOMPARE(resumed->inserted, 1);
        QCOMPARE(w.interactions(QStringLiteral("1 = 1")), 7);
        for (const QString &uri : std::as_const(added))
            QCOMPARE(w.stored(uri), 1);
        QVERIFY(w.repo->cursor(w.account.id, QStringLiteral("notifications"))->cursor > cursorBefore);
    }

    // A refused access token is refreshed once, without signing in: the app password is wrong by then, so
    // a createSession would fail the sync.
    void refreshesARefusedAccessToken()
    {
        World w;
        if (!open(w, QStringLiteral("sqlite")))
            return;
        QVERIFY(w.sync().ok());
        const QString oldRefresh = w.secret(QStringLiteral("refresh_jwt"));
        w.setSecret(QStringLiteral("access_jwt"), QStringLiteral("garbage"));
        w.setSecret(QStringLiteral("app_password"), QStringLiteral("wrong-wrong-wrong-wrong"));
        control(QStringLiteral("post"),
            { { QStringLiteral("as"), w.jane.handle }, { QStringLiteral("mention"), w.agency.handle },
                { QStringLiteral("text"), QStringLiteral("after the refresh") } });
        auto outcome = w.sync();
        QVERIFY2(outcome.ok(), qPrintable(message(outcome)));
        QCOMPARE(outcome->inserted, 1);
        QVERIFY(w.secret(QStringLiteral("access_jwt")) != u"garbage");
        QVERIFY(!w.secret(QStringLiteral("refresh_jwt")).isEmpty());
        QVERIFY(w.secret(QStringLiteral("refresh_jwt")) != oldRefresh); // rotated, and the new one kept
        // The kept session works on its own next time.
        QVERIFY(w.sync().ok());
    }

    // When the refresh token is refused too, the app password signs in again.
    void signsInAgainWhenTheRefreshIsRefused()
    {
        World w;
        if (!open(w, QStringLiteral("sqlite")))
            return;
        w.setSecret(QStringLiteral("access_jwt"), QStringLiteral("garbage"));
        w.setSecret(QStringLiteral("refresh_jwt"), QStringLiteral("garbage too"));
        auto outcome = w.sync();
        QVERIFY2(outcome.ok(), qPrintable(message(outcome)));
        QCOMPARE(outcome->inserted, 4);
        QVERIFY(w.secret(QStringLiteral("refresh_jwt")) != u"garbage too");
    }

    void wrongAppPasswordIsAnAuthError()
    {
        World w;
        if (!open(w, QStringLiteral("sqlite")))
            return;
        w.setSecret(QStringLiteral("app_password"), QStringLiteral("aaaa-bbbb-cccc-dddd"));
        auto outcome = w.sync();
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().code, Error::Code::Auth);
        QVERIFY2(outcome.error().message.contains(w.agency.handle), qPrintable(outcome.error().message));
        QVERIFY(!outcome.error().message.contains(u"aaaa-bbbb"));
        QCOMPARE(w.interactions(QStringLiteral("1 = 1")), 0);

        SyncContext ctx = w.context();
        auto test = w.source->testConnection(ctx);
        QVERIFY(!test.ok());
        QCOMPARE(test.error().code, Error::Code::Auth);

        // No app password at all: also sign in again.
        QVERIFY(w.secrets->remove(w.account.secretKey(QStringLiteral("app_password"))).ok());
        outcome = w.sync();
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().code, Error::Code::Auth);
    }

    void testConnectionSaysWhoIsSignedIn()
    {
        World w;
        if (!open(w, QStringLiteral("sqlite")))
            return;
        SyncContext ctx = w.context();
        auto line = w.source->testConnection(ctx);
        QVERIFY2(line.ok(), qPrintable(message(line)));
        QCOMPARE(*line, QStringLiteral("Signed in as @%1").arg(w.agency.handle));
        QCOMPARE(w.interactions(QStringLiteral("1 = 1")), 0);
        // With the session it kept, no sign-in is needed the second time.
        w.setSecret(QStringLiteral("app_password"), QStringLiteral("wrong-wrong-wrong-wrong"));
        line = w.source->testConnection(ctx);
        QVERIFY2(line.ok(), qPrintable(message(line)));
    }

    // A contact known only by DID is matched; a contact in the trash is not followed.
    void contactsByDidAndTrash()
    {
        World w;
        if (!open(w, QStringLiteral("sqlite")))
            return;
        Contact sam;
        sam.displayName = QStringLiteral("Sam by DID");
        sam.handles = { Handle { QStringLiteral("bluesky"), w.stranger.did, {} } };
        QVERIFY(ContactRepository(*w.db).create(sam).ok());
        QVERIFY(ContactRepository(*w.db).moveToTrash(w.janeId).ok());
        auto outcome = w.sync();
        QVERIFY2(outcome.ok(), qPrintable(message(outcome)));
        QCOMPARE(w.contactOf(uriOf(w.scenario, QStringLiteral("strangerMention"))), sam.id);
        // Jane is in the trash: her mention and reply go to the Inbox, her own posts are not fetched.
        QCOMPARE(w.contactOf(uriOf(w.scenario, QStringLiteral("janeMention"))), 0);
        QCOMPARE(w.stored(uriOf(w.scenario, QStringLiteral("janeOwn"))), 0);
        QVERIFY(w.repo->cursor(w.account.id, QStringLiteral("author:") + w.jane.did)->cursor.isEmpty());
        QVERIFY(!w.repo->cursor(w.account.id, QStringLiteral("author:") + w.stranger.did)->cursor.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBlueskySource)
#include "tst_blueskysource.moc"
