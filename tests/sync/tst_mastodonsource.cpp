// The Mastodon source end to end: the replay server (recorded answers of a real Mastodon server, synthetic
// pages, forced 401/429/5xx) → SyncHttp → MastodonSource → SyncRepository on a real database (SQLite, and
// PostgreSQL when RAPPORT_TEST_PG_URL is set).
#include "core/clock.h"
#include "steppingclock.h"
#include "mastodonreplay.h"
#include "storage/contactrepository.h"
#include "storage/syncrepository.h"
#include "storage/userrepository.h"
#include "sync/secretstore.h"
#include "sync/syncsource.h"
#include "testdatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

namespace {

qint64 scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

QString text(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    return q.exec(sql) && q.next() ? q.value(0).toString() : QStringLiteral("<none>");
}

// The min_id (or max_id) of every request to a stream, in order; "-" when absent.
QStringList param(const QList<LoopbackHttpServer::Request> &requests, const QString &key)
{
    QStringList out;
    for (const auto &r : requests) {
        const QUrlQuery query(r.url());
        out << (query.hasQueryItem(key) ? query.queryItemValue(key) : QStringLiteral("-"));
    }
    return out;
}

// Everything one sync needs, wired like the worker does it.
struct Rig
{
    explicit Rig(Database &database, const QUrl &server)
        : db(database)
        , repo(database)
        , secrets(QStringLiteral("tst"))
    {
        SyncHttp::Options options;
        options.maxAttempts = 3;
        options.backoffBaseMs = 50;
        options.timeoutMs = 5000;
        http = std::make_unique<SyncHttp>(nam, cancel, options);
        Result<User> user = UserRepository(db).ensureUser(QStringLiteral("sam"), QStringLiteral("Sam Ortiz"));
        if (user)
            db.setCurrentUserId(user->id);
        account.network = Network::Mastodon;
        account.serverUrl = server.toString();
        account.handle = QStringLiteral("agency@127.0.0.1");
        account.userId = db.currentUserId();
        created = repo.createAccount(account);
        token = secrets.write(account.secretKey(QStringLiteral("access_token")), QStringLiteral("replay-token"));
    }

    Result<SyncOutcome> sync()
    {
        SyncContext ctx { account, *http, repo, secrets, cancel, [this](int n) { progress << n; } };
        Result<SyncOutcome> result = SyncSource::create(Network::Mastodon)->sync(ctx);
        partial = ctx.outcome;
        return result;
    }
    Result<QString> test()
    {
        SyncContext ctx { account, *http, repo, secrets, cancel, {} };
        return SyncSource::create(Network::Mastodon)->testConnection(ctx);
    }
    QString cursor(const QString &stream)
    {
        Result<SyncCursor> c = repo.cursor(account.id, stream);
        return c ? c->cursor : QStringLiteral("<error>");
    }
    qint64 contact(const QString &name, const QString &mastodonHandle)
    {
        Contact c;
        c.displayName = name;
        c.handles.append(Handle { QStringLiteral("mastodon"), mastodonHandle, QString() });
        return ContactRepository(db).create(c) ? c.id : 0;
    }

    Database &db;
    SyncRepository repo;
    SecretStore secrets;
    QNetworkAccessManager nam;
    CancelToken cancel;
    std::unique_ptr<SyncHttp> http;
    SocialAccount account;
    Status created;
    Status token;
    QList<int> progress;
    SyncOutcome partial; // what the last sync() stored, also when it failed
};

// A recording file with its JSON changed by `edit` (interaction index → its response body), written to `dir`:
// a variant of a real server answer.
QString recordingVariant(const QTemporaryDir &dir, const QString &name,
    const std::function<void(const QString &uri, QJsonValueRef body)> &edit)
{
    QFile in(MastodonReplay::dataDir() + u'/' + name);
    if (!in.open(QIODevice::ReadOnly))
        return {};
    QJsonArray interactions = QJsonDocument::fromJson(in.readAll()).array();
    for (QJsonValueRef interaction : interactions) {
        QJsonObject object = interaction.toObject();
        QJsonObject response = object.value(QLatin1String("response")).toObject();
        const QString uri = object.value(QLatin1String("request")).toObject().value(QLatin1String("uri")).toString();
        QJsonValueRef body = response[QLatin1String("body")];
        edit(uri, body);
        object.insert(QLatin1String("response"), response);
        interaction = object;
    }
    const QString path = dir.filePath(QStringLiteral("variant-") + name);
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(interactions).toJson()) < 0)
        return {};
    return path;
}

#define CHECK_RIG(rig)                                                                                                 \
    QVERIFY2((rig).created.ok(), (rig).created.ok() ? "" : qPrintable((rig).created.error().message));                 \
    QVERIFY2((rig).token.ok(), (rig).token.ok() ? "" : qPrintable((rig).token.error().message))

#define CHECK_OK(result) QVERIFY2((result).ok(), (result).ok() ? "" : qPrintable((result).error().message))

} // namespace

class TestMastodonSource final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // The keyring is tested by the "net" part; here secrets live in the session memory fallback.
        SecretStore::setKeyringDisabledForTesting(true);
        QVERIFY(SyncSource::create(Network::Mastodon) != nullptr);
    }

    void recordedSyncThenNothingNew_data() { TestDatabase::addBackends(); }
    void recordedSyncThenNothingNew()
    {
        OPEN_TEST_DATABASE(db);
        MastodonReplay replay;
        QString error;
        QVERIFY2(replay.loadRecording(QStringLiteral("verify_credentials.json"), &error), qPrintable(error));
        QVERIFY2(replay.loadRecording(QStringLiteral("notifications.json"), &error), qPrintable(error));
        QVERIFY2(replay.loadRecording(QStringLiteral("conversations.json"), &error), qPrintable(error));
        replay.requireToken("replay-token");
        Rig rig(*db, replay.baseUrl());
        CHECK_RIG(rig);
        const QString host = replay.host();
        // "admin" is local on the recorded server: its handle gets the server's host appended.
        const qint64 admin = rig.contact(QStringLiteral("Ada Admin"), QStringLiteral("admin@") + host);
        QVERIFY(admin > 0);

        Result<SyncOutcome> first = rig.sync();
        CHECK_OK(first);
        QCOMPARE(first->fetched, 3); // one mention, two conversations
        QCOMPARE(first->inserted, 3);
        QCOMPARE(first->toInbox, 2); // mastodonpy_test_2 is nobody's handle
        QCOMPARE(first->engagements, 0);
        QCOMPARE(first->contactIds, QList<qint64> { admin });
        QVERIFY(!rig.progress.isEmpty());
        QCOMPARE(rig.progress.last(), 3);

        const QString base = replay.baseUrl().toString();
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions WHERE source = 'mastodon'")), 3);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions WHERE contact_id = %1").arg(admin)), 1);
        QCOMPARE(text(*db, QStringLiteral("SELECT channel FROM interactions WHERE contact_id = %1").arg(admin)),
            QStringLiteral("mention"));
        QCOMPARE(text(*db, QStringLiteral("SELECT body FROM interactions WHERE contact_id = %1").arg(admin)),
            QStringLiteral("@mastodonpy_test hello!"));
        QCOMPARE(text(*db, QStringLiteral("SELECT external_id FROM interactions WHERE contact_id = %1").arg(admin)),
            base + QStringLiteral("/ap/users/117020565693913441/statuses/117020576916218297"));
        QCOMPARE(text(*db, QStringLiteral("SELECT author_handle FROM interactions WHERE contact_id = %1").arg(admin)),
            QStringLiteral("admin@") + host);
        QCOMPARE(scalar(*db,
                     QStringLiteral("SELECT count(*) FROM interactions WHERE contact_id IS NULL AND "
                                    "channel = 'direct_message' AND author_handle = 'mastodonpy_test_2@%1'")
                         .arg(host)),
            2);
        QCOMPARE(rig.cursor(QStringLiteral("notifications")), QStringLiteral("20"));
        QCOMPARE(rig.cursor(QStringLiteral("conversations")), QStringLiteral("117020593780198542"));
        Result<QList<InboxEntry>> inbox = rig.repo.inbox();
        CHECK_OK(inbox);
        QCOMPARE(inbox->size(), 1);
        QCOMPARE(inbox->first().handle, QStringLiteral("mastodonpy_test_2@") + host);
        QCOMPARE(inbox->first().itemCount, 2);

        // Every request carried the token; the first sync asked for the latest page, no min_id.
        for (const auto &r : replay.requests())
            QCOMPARE(r.headers.value("authorization"), QByteArray("Bearer replay-token"));
        QCOMPARE(
            param(replay.requestsTo("/api/v1/notifications"), QStringLiteral("min_id")).first(), QStringLiteral("-"));
        QCOMPARE(
            param(replay.requestsTo("/api/v1/notifications"), QStringLiteral("limit")).first(), QStringLiteral("40"));

        // Again: nothing new, and the requests start from the stored newest ids.
        replay.server().clearRequests();
        Result<SyncOutcome> second = rig.sync();
        CHECK_OK(second);
        QCOMPARE(second->fetched, 0);
        QCOMPARE(second->inserted, 0);
        QCOMPARE(param(replay.requestsTo("/api/v1/notifications"), QStringLiteral("min_id")),
            QStringList { QStringLiteral("20") });
        QCOMPARE(param(replay.requestsTo("/api/v1/conversations"), QStringLiteral("min_id")),
            QStringList { QStringLiteral("117020593780198542") });
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions WHERE source = 'mastodon'")), 3);
        QCOMPARE(rig.cursor(QStringLiteral("notifications")), QStringLiteral("20"));

        Result<QString> line = rig.test();
        CHECK_OK(line);
        // The replay's third verify_credentials answer is the one recorded with conversations.json, as "admin".
        QCOMPARE(*line, QStringLiteral("Signed in as @admin@") + host);
    }

    // Issue 9: mastodon.social answers notifications of type mention with "status": null once the mentioning
    // post was deleted. That entry is skipped and counted; the valid mention on the same page is stored, the
    // cursor moves past both, and the conversations stream still runs.
    void deletedMentionIsSkippedNotFatal_data() { TestDatabase::addBackends(); }
    void deletedMentionIsSkippedNotFatal()
    {
        OPEN_TEST_DATABASE(db);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString variant
            = recordingVariant(dir, QStringLiteral("notifications.json"), [](const QString &uri, QJsonValueRef body) {
                  if (!uri.endsWith(QLatin1String("/api/v1/notifications")) || !body.isArray())
                      return;
                  QJsonArray page = body.toArray();
                  QJsonObject deleted = page.first().toObject(); // the recorded mention, id 20
                  deleted.insert(QLatin1String("id"), QStringLiteral("21"));
                  deleted.insert(QLatin1String("status"), QJsonValue::Null);
                  page.prepend(deleted); // newest first, as Mastodon sends them
                  body = page;
              });
        QVERIFY(!variant.isEmpty());
        MastodonReplay replay;
        QString error;
        QVERIFY2(replay.loadRecording(QStringLiteral("verify_credentials.json"), &error), qPrintable(error));
        QVERIFY2(replay.loadRecording(variant, &error), qPrintable(error));
        QVERIFY2(replay.loadRecording(QStringLiteral("conversations.json"), &error), qPrintable(error));
        Rig rig(*db, replay.baseUrl());
        CHECK_RIG(rig);
        const qint64 admin = rig.contact(QStringLiteral("Ada Admin"), QStringLiteral("admin@") + replay.host());

        Result<SyncOutcome> first = rig.sync();
        CHECK_OK(first);
        QCOMPARE(first->fetched, 4); // two notifications (one unreadable), two conversations
        QCOMPARE(first->inserted, 3);
        QCOMPARE(first->skipped, 1);
        QCOMPARE(first->skipNotes.size(), 1);
        QVERIFY2(
            first->skipNotes.first().contains(QStringLiteral("notification 21")), qPrintable(first->skipNotes.first()));
        QVERIFY(first->skipNotes.first().contains(QStringLiteral("deleted")));
        QCOMPARE(first->contactIds, QList<qint64> { admin });
        QCOMPARE(rig.cursor(QStringLiteral("notifications")), QStringLiteral("21"));
        QCOMPARE(rig.cursor(QStringLiteral("conversations")), QStringLiteral("117020593780198542"));
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions WHERE source = 'mastodon'")), 3);

        // The next sync starts after it instead of failing on it for ever.
        replay.server().clearRequests();
        Result<SyncOutcome> second = rig.sync();
        CHECK_OK(second);
        QCOMPARE(param(replay.requestsTo("/api/v1/notifications"), QStringLiteral("min_id")),
            QStringList { QStringLiteral("21") });
    }

    // Issue 9: a split-domain server (users @name@example.com, served from another host): local accounts'
    // handles take the domain the server announces in /api/v2/instance, not the host of the address typed in.
    void splitDomainLocalHandles_data() { TestDatabase::addBackends(); }
    void splitDomainLocalHandles()
    {
        OPEN_TEST_DATABASE(db);
        MastodonReplay replay;
        QString error;
        QVERIFY2(replay.loadRecording(QStringLiteral("verify_credentials.json"), &error), qPrintable(error));
        QVERIFY2(replay.loadRecording(QStringLiteral("notifications.json"), &error), qPrintable(error));
        QVERIFY2(replay.loadRecording(QStringLiteral("conversations.json"), &error), qPrintable(error));
        // The recorded /api/v2/instance of the development server, answering for a split domain.
        QJsonObject instance
            = QJsonDocument::fromJson(MastodonReplay::recordedBody(QStringLiteral("instance.json"), 0)).object();
        QCOMPARE(instance.value(QLatin1String("domain")).toString(), QStringLiteral("localhost:3000"));
        instance.insert(QLatin1String("domain"), QStringLiteral("example.com"));
        replay.addReply("GET", "/api/v2/instance", 200, QJsonDocument(instance).toJson(QJsonDocument::Compact));
        Rig rig(*db, replay.baseUrl());
        CHECK_RIG(rig);
        QVERIFY(replay.host() != u"example.com");
        const qint64 admin = rig.contact(QStringLiteral("Ada Admin"), QStringLiteral("admin@example.com"));

        Result<SyncOutcome> first = rig.sync();
        CHECK_OK(first);
        QCOMPARE(first->inserted, 3);
        QCOMPARE(first->contactIds, QList<qint64> { admin });
        QCOMPARE(text(*db, QStringLiteral("SELECT author_handle FROM interactions WHERE contact_id = %1").arg(admin)),
            QStringLiteral("admin@example.com"));
        Result<QList<InboxEntry>> inbox = rig.repo.inbox();
        CHECK_OK(inbox);
        QCOMPARE(inbox->size(), 1);
        QCOMPARE(inbox->first().handle, QStringLiteral("mastodonpy_test_2@example.com"));
        QCOMPARE(replay.requestsTo("/api/v2/instance").size(), 1);
    }

    // Issue 9: a run that fails in its second stream still reports what the first one stored.
    void failureKeepsThePartialOutcome()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        MastodonReplay replay;
        QString error;
        QVERIFY2(replay.loadRecording(QStringLiteral("verify_credentials.json"), &error), qPrintable(error));
        QVERIFY2(replay.loadRecording(QStringLiteral("notifications.json"), &error), qPrintable(error));
        replay.setFault(LoopbackHttpServer::Reply::json("{\"error\":\"Internal server error\"}", 500),
            "/api/v1/conversations");
        Rig rig(**db, replay.baseUrl());
        CHECK_RIG(rig);
        const qint64 admin = rig.contact(QStringLiteral("Ada Admin"), QStringLiteral("admin@") + replay.host());
        Result<SyncOutcome> result = rig.sync();
        QVERIFY(!result.ok());
        QCOMPARE(rig.partial.inserted, 1);
        QCOMPARE(rig.partial.contactIds, QList<qint64> { admin });
        QCOMPARE(rig.cursor(QStringLiteral("notifications")), QStringLiteral("20"));
    }

    void pagesThroughLinkHeaders_data() { TestDatabase::addBackends(); }
    void pagesThroughLinkHeaders()
    {
        OPEN_TEST_DATABASE(db);
        MastodonReplay replay;
        replay.startSynthetic(5, 5);
        Rig rig(*db, replay.baseUrl());
        CHECK_RIG(rig);
        const qint64 ana = rig.contact(QStringLiteral("Ana"), MastodonReplay::syntheticAuthorHandle(1, replay.host()));
        const qint64 local
            = rig.contact(QStringLiteral("Lou"), MastodonReplay::syntheticAuthorHandle(0, replay.host()));

        Result<SyncOutcome> first = rig.sync();
        CHECK_OK(first);
        QCOMPARE(first->inserted, 5);
        QCOMPARE(rig.cursor(QStringLiteral("notifications")), QStringLiteral("5"));

        // 100 newer ones: three pages of 40, 40 and 20 going newer through min_id, then an empty page.
        replay.appendSynthetic(100);
        replay.server().clearRequests();
        rig.progress.clear();
        Result<SyncOutcome> second = rig.sync();
        CHECK_OK(second);
        QCOMPARE(second->fetched, 100);
        QCOMPARE(second->inserted, 100);
        QCOMPARE(second->toInbox, 60); // authors 2, 3 and 4 are nobody's
        QCOMPARE(second->contactIds, (QList<qint64> { ana, local }));
        QCOMPARE(param(replay.requestsTo("/api/v1/notifications"), QStringLiteral("min_id")),
            (QStringList { QStringLiteral("5"), QStringLiteral("45"), QStringLiteral("85"), QStringLiteral("105") }));
        QCOMPARE(rig.progress, (QList<int> { 40, 80, 100 }));
        QCOMPARE(rig.cursor(QStringLiteral("notifications")), QStringLiteral("105"));
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions WHERE contact_id = %1").arg(ana)), 21);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions WHERE source = 'mastodon'")), 105);
        QCOMPARE(text(*db, QStringLiteral("SELECT body FROM interactions WHERE external_id LIKE '%/500000105'")),
            QStringLiteral("Synthetic mention 105 & more"));
    }

    void firstSyncIsBounded()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        MastodonReplay replay;
        replay.startSynthetic(1000);
        Rig rig(**db, replay.baseUrl());
        CHECK_RIG(rig);
        Result<SyncOutcome> first = rig.sync();
        CHECK_OK(first);
        QCOMPARE(first->fetched, 200);
        QCOMPARE(first->inserted, 200);
        QCOMPARE(rig.cursor(QStringLiteral("notifications")), QStringLiteral("1000"));
        QCOMPARE(param(replay.requestsTo("/api/v1/notifications"), QStringLiteral("max_id")),
            (QStringList { QStringLiteral("-"), QStringLiteral("961"), QStringLiteral("921"), QStringLiteral("881"),
                QStringLiteral("841") }));
        QCOMPARE(text(**db, QStringLiteral("SELECT body FROM interactions ORDER BY occurred_at LIMIT 1")),
            QStringLiteral("Synthetic mention 801 & more"));

        replay.server().clearRequests();
        Result<SyncOutcome> second = rig.sync();
        CHECK_OK(second);
        QCOMPARE(second->fetched, 0);
        QCOMPARE(param(replay.requestsTo("/api/v1/notifications"), QStringLiteral("min_id")),
            QStringList { QStringLiteral("1000") });
    }

    void refusedToken_data() { TestDatabase::addBackends(); }
    void refusedToken()
    {
        OPEN_TEST_DATABASE(db);
        MastodonReplay replay;
        replay.startSynthetic(3);
        replay.setUnauthorized(true);
        Rig rig(*db, replay.baseUrl());
        CHECK_RIG(rig);
        Result<SyncOutcome> result = rig.sync();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Auth);
        QVERIFY2(result.error().message.contains(QStringLiteral("Sign in to 127.0.0.1 again")),
            qPrintable(result.error().message));
        QVERIFY(!result.error().message.contains(QStringLiteral("replay-token")));
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM interactions")), 0);
        QCOMPARE(rig.cursor(QStringLiteral("notifications")), QString());
    }

    void missingToken()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        MastodonReplay replay;
        Rig rig(**db, replay.baseUrl());
        CHECK_RIG(rig);
        QVERIFY(rig.secrets.remove(rig.account.secretKey(QStringLiteral("access_token"))).ok());
        Result<SyncOutcome> result = rig.sync();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Auth);
        QVERIFY2(result.error().message.startsWith(QStringLiteral("Sign in to 127.0.0.1 again")),
            qPrintable(result.error().message));
        QCOMPARE(replay.server().requestCount(), 0);
    }

    void waitsOutARateLimit()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        MastodonReplay replay;
        replay.startSynthetic(10);
        Rig rig(**db, replay.baseUrl());
        CHECK_RIG(rig);
        replay.failNextWithRateLimit(1, 2);
        // The wait passes on a test clock: no real sleeping, and what was waited can be read.
        SteppingClock clock(QDateTime::currentDateTimeUtc());
        Result<SyncOutcome> result = rig.sync();
        CHECK_OK(result);
        QCOMPARE(result->inserted, 10);
        QCOMPARE(clock.waits().size(), 1);
        // Until the announced reset, 2 s after the server answered (the test clock stands where the sync began).
        QVERIFY2(clock.waitedMs() >= 2000 && clock.waitedMs() < 10000, qPrintable(QString::number(clock.waitedMs())));
        // verify_credentials got the 429 and was asked again.
        QCOMPARE(replay.requestsTo("/api/v1/accounts/verify_credentials").size(), 2);
    }

    void retriesAServerError()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        MastodonReplay replay;
        replay.startSynthetic(4);
        Rig rig(**db, replay.baseUrl());
        CHECK_RIG(rig);
        replay.failNextWithServerError(1, 503);
        Result<SyncOutcome> ok = rig.sync();
        CHECK_OK(ok);
        QCOMPARE(ok->inserted, 4);

        replay.failNextWithServerError(10, 502); // more than maxAttempts
        Result<SyncOutcome> failed = rig.sync();
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, Error::Code::Network);
        QVERIFY(failed.error().message.contains(QStringLiteral("127.0.0.1")));
    }

    void notAMastodonServer()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        LoopbackHttpServer web([](const LoopbackHttpServer::Request &) {
            return LoopbackHttpServer::Reply::text("<html>Not Found</html>", "text/html", 404);
        });
        Rig rig(**db, web.baseUrl());
        CHECK_RIG(rig);
        Result<SyncOutcome> result = rig.sync();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Network);
        QCOMPARE(result.error().message,
            QStringLiteral(
                "127.0.0.1 is not a Mastodon server (it does not know /api/v1/accounts/verify_credentials)."));
        Result<QString> line = rig.test();
        QVERIFY(!line.ok());
        QCOMPARE(line.error().code, Error::Code::Network);
    }

    void refusedRequestInWords()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        MastodonReplay replay;
        // A 422 as Mastodon words it (recorded in Japanese, the test user's locale).
        replay.addReply(
            "GET", "/api/v1/notifications", 422, MastodonReplay::recordedBody(QStringLiteral("status_empty.json"), 0));
        Rig rig(**db, replay.baseUrl());
        CHECK_RIG(rig);
        Result<SyncOutcome> result = rig.sync();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Network);
        QCOMPARE(result.error().message,
            QStringLiteral("127.0.0.1 refused the request: バリデーションに失敗しました: Textを入力してください"));
    }

    void garbageAnswer()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        MastodonReplay replay;
        replay.addReply("GET", "/api/v1/notifications", 200, "<html><body>Welcome to nginx!</body></html>",
            { { "content-type", "text/html" } });
        Rig rig(**db, replay.baseUrl());
        CHECK_RIG(rig);
        Result<SyncOutcome> result = rig.sync();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Network);
        QVERIFY2(
            result.error().message.startsWith(QStringLiteral("127.0.0.1 answered with a web page instead of Mastodon data")),
            qPrintable(result.error().message));
        QCOMPARE(rig.cursor(QStringLiteral("notifications")), QString());
    }

    void cancelledBeforeStart()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db.ok());
        MastodonReplay replay;
        replay.startSynthetic(3);
        Rig rig(**db, replay.baseUrl());
        CHECK_RIG(rig);
        rig.cancel.cancel();
        Result<SyncOutcome> result = rig.sync();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::Cancelled);
        QCOMPARE(scalar(**db, QStringLiteral("SELECT count(*) FROM interactions")), 0);
    }
};

QTEST_GUILESS_MAIN(TestMastodonSource)
#include "tst_mastodonsource.moc"
