// The sync under faults, end to end (issue 5): the real SyncManager (worker thread, own connection, own network
// manager) + MastodonSource + SyncRepository against the Mastodon stand-in on loopback, misbehaving one way
// at a time mid-run: it hangs, resets the connection, answers garbage JSON, an HTML page (200 and 502), more
// than 10 MB, or redirects in a loop. Each run ends with a per-account error in words naming the server and
// the problem, the account row says so, the pages stored before the fault agree with the cursor, the calling
// thread never stalls, and once the fault is gone the next run fetches the rest exactly once. A refused token
// waits for a new sign-in. A helper process (syncchild) killed with SIGKILL mid-run, and inside an open
// SQLite transaction, loses and duplicates nothing once restarted, and leaves a sound database.
#include "heartbeat.h"
#include "mastodonreplay.h"
#include "storage/database.h"
#include "storage/syncrepository.h"
#include "sync/secretstore.h"
#include "sync/syncmanager.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

#ifndef RAPPORT_SYNCCHILD
#error "RAPPORT_SYNCCHILD must be defined by tests/sync/faults.cmake"
#endif

Q_DECLARE_METATYPE(LoopbackHttpServer::Reply)

namespace {

const QString kScope = QStringLiteral("tst_syncfaults");
const QByteArray kToken = "replay-token"; // also what syncchild stores
const QByteArray kNotifications = "/api/v1/notifications";
const QByteArray kVerify = "/api/v1/accounts/verify_credentials";
constexpr int kPage = 40; // MastodonSource's page size

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

struct RunResult
{
    bool finished = false;
    bool ok = false;
    QString message;
    SyncOutcome outcome;
    bool keptRunning = false; // see Heartbeat
    QString heartbeat; // its figures
};

// One "Sync now" of one account through the manager, waited for with the heartbeat running.
RunResult syncOnce(SyncManager &manager, qint64 accountId, int timeoutMs = 20000)
{
    RunResult result;
    QSignalSpy synced(&manager, &SyncManager::accountSynced);
    Heartbeat heartbeat;
    heartbeat.start();
    manager.syncNow(accountId);
    QElapsedTimer clock;
    clock.start();
    while (!result.finished && clock.elapsed() < timeoutMs) {
        if (synced.isEmpty() && !synced.wait(int(qMax<qint64>(1, timeoutMs - clock.elapsed()))))
            break;
        for (const QList<QVariant> &args : std::as_const(synced)) {
            if (args.at(0).toLongLong() != accountId)
                continue;
            result.finished = true;
            result.ok = args.at(1).toBool();
            result.message = args.at(2).toString();
            result.outcome = args.at(3).value<SyncOutcome>();
        }
        synced.clear();
    }
    heartbeat.stop();
    result.keptRunning = heartbeat.keptRunning();
    result.heartbeat = heartbeat.report();
    return result;
}

// The calling thread keeps handling events while the worker syncs (Heartbeat::keptRunning(): relative to
// the run, so neither a slow nor a loaded machine makes it fail); the figures are reported.
#define CHECK_RESPONSIVE(run)                                                                                          \
    do {                                                                                                               \
        qInfo("calling thread: %s", qPrintable((run).heartbeat));                                                      \
        QVERIFY2((run).keptRunning, qPrintable(QStringLiteral("the calling thread stalled: ") + (run).heartbeat));     \
    } while (false)

SyncManager::Options quickOptions()
{
    SyncManager::Options o;
    o.periodic = false;
    o.syncOnStart = false;
    o.http.timeoutMs = 500; // a hang is noticed quickly …
    o.http.maxAttempts = 2; // … and retried once
    o.http.backoffBaseMs = 20;
    return o;
}

// A Mastodon account on the replay server whose notifications cursor is "0": every run pages forward with
// min_id from the stored newest id, one transaction per page of 40 (the synthetic ids are "1".."N", so after
// a run the cursor must equal the number of stored notifications).
Result<SocialAccount> addAccount(
    Database &db, const QUrl &server, const QString &name = QStringLiteral("Agency"), const QByteArray &token = kToken)
{
    SyncRepository repo(db);
    SocialAccount account;
    account.network = Network::Mastodon;
    account.displayName = name;
    account.serverUrl = server.toString();
    account.handle = QStringLiteral("agency@127.0.0.1");
    account.syncIntervalS = 60;
    if (Status s = repo.createAccount(account); !s)
        return s.error();
    if (auto r
        = repo.ingestPage(account, QStringLiteral("notifications"), {}, SyncCursor { QStringLiteral("0"), {}, {} });
        !r)
        return r.error();
    if (Status s
        = SecretStore(kScope).write(account.secretKey(QStringLiteral("access_token")), QString::fromLatin1(token));
        !s)
        return s.error();
    return account;
}

struct Stored
{
    qint64 items = -1; // synced Mastodon interactions
    qint64 distinct = -1; // distinct external ids among them
    qint64 cursor = -1; // the notifications cursor as a number
    QString cursorText;
};

Stored stored(Database &db, qint64 accountId)
{
    Stored s;
    s.items = scalar(db, QStringLiteral("SELECT COUNT(*) FROM interactions WHERE source = 'mastodon'"));
    s.distinct
        = scalar(db, QStringLiteral("SELECT COUNT(DISTINCT external_id) FROM interactions WHERE source = 'mastodon'"));
    Result<SyncCursor> c = SyncRepository(db).cursor(accountId, QStringLiteral("notifications"));
    s.cursorText = c ? c->cursor : QStringLiteral("<error %1>").arg(c.error().message);
    bool ok = false;
    s.cursor = s.cursorText.toLongLong(&ok);
    if (!ok)
        s.cursor = -1;
    return s;
}

// The synthetic notification ids stored, as a check that they are exactly 1..n: the status ids are
// 500000000 + id, the last path segment of the external id (the status URI).
bool storedIdsAreOneTo(Database &db, qint64 n)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("SELECT external_id FROM interactions WHERE source = 'mastodon'")))
        return false;
    QList<bool> seen(n + 1, false);
    qint64 count = 0;
    while (q.next()) {
        const QString uri = q.value(0).toString();
        const qint64 id = uri.mid(uri.lastIndexOf(u'/') + 1).toLongLong() - 500000000LL;
        if (id < 1 || id > n || seen[id])
            return false;
        seen[id] = true;
        ++count;
    }
    return count == n;
}

// Evaluates its argument once (it may be a write).
#define CHECK_OK(expr)                                                                                                 \
    do {                                                                                                               \
        const auto &checked_ = (expr);                                                                                 \
        QVERIFY2(checked_.ok(), checked_.ok() ? "" : qPrintable(checked_.error().message));                            \
    } while (false)

} // namespace

class TestSyncFaults final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // The keyring is tested by tst_secretstore; here tokens live in the session's memory.
        SecretStore::setKeyringDisabledForTesting(true);
        QVERIFY2(QFile::exists(QStringLiteral(RAPPORT_SYNCCHILD)), RAPPORT_SYNCCHILD);
    }

    void faultEndsTheRunCleanly_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<LoopbackHttpServer::Reply>("fault");
        QTest::addColumn<QByteArray>("path"); // where the fault strikes
        QTest::addColumn<int>("after"); // requests to that path served normally first
        QTest::addColumn<QStringList>("words"); // what the message must say, besides the server

        using Reply = LoopbackHttpServer::Reply;
        Reply hang;
        hang.behaviour = Reply::Behaviour::Hang;
        Reply reset;
        reset.behaviour = Reply::Behaviour::Reset;
        const Reply garbage = Reply::json(R"([{"id":"81","type":"mention","account":{"id":)");
        const QByteArray html
            = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
              "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";
        const Reply html200 = Reply::text("<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head>"
                                          "<body><h1>Welcome to nginx!</h1></body></html>",
            "text/html; charset=utf-8");
        const Reply html502 = Reply::text(html, "text/html; charset=utf-8", 502);
        Reply huge = Reply::json(QByteArray(64 * 1024, ' '));
        huge.repeatBodyTo = 11LL * 1024 * 1024;
        const Reply loop = Reply::redirect("/api/v1/notifications?limit=40&again=1", 302);
        // A byte every 100 ms: never idle for the 500 ms transfer timeout, done in about 7 minutes.
        Reply trickle = Reply::json("[" + QByteArray(4000, ' ') + "]");
        trickle.trickleMs = 100;
        Reply cut = Reply::json(R"([{"id":"81","type":"mention"}])");
        cut.behaviour = Reply::Behaviour::Truncate;

        // Mid-run: two pages (80 items) are stored, then the third page fails.
        struct Row
        {
            const char *name;
            Reply reply;
            QByteArray path;
            int after;
            QStringList words;
        };
        const QList<Row> rows {
            { "hang", hang, kNotifications, 2, { QStringLiteral("did not answer") } },
            { "reset", reset, kNotifications, 2, { QStringLiteral("closed the connection") } },
            { "garbage json", garbage, kNotifications, 2, { QStringLiteral("not Mastodon") } },
            { "html 200", html200, kNotifications, 2, { QStringLiteral("web page") } },
            { "html 502", html502, kNotifications, 2, { QStringLiteral("502") } },
            { "10 MB body", huge, kNotifications, 2, { QStringLiteral("more than 10 MB") } },
            { "redirect loop", loop, kNotifications, 2, { QStringLiteral("redirects in a loop") } },
            { "trickle", trickle, kNotifications, 2, { QStringLiteral("took more than") } },
            { "cut short", cut, kNotifications, 2, { QStringLiteral("before its answer was complete") } },
            // At the very start: nothing is stored at all.
            { "html 200 at sign-in check", html200, kVerify, 0, { QStringLiteral("web page") } },
            { "hang at sign-in check", hang, kVerify, 0, { QStringLiteral("did not answer") } },
        };
        for (const QString &backend : { QStringLiteral("sqlite"), QStringLiteral("postgres") })
            for (const Row &row : rows)
                QTest::addRow("%s %s", qPrintable(backend), row.name)
                    << backend << row.reply << row.path << row.after << row.words;
    }

    void faultEndsTheRunCleanly()
    {
        QFETCH(QString, backend);
        QFETCH(LoopbackHttpServer::Reply, fault);
        QFETCH(QByteArray, path);
        QFETCH(int, after);
        QFETCH(QStringList, words);

        Result<DatabaseLocation> location = TestDatabase::freshLocation(backend);
        if (!location && location.error().code == Error::Code::NotFound && !TestDatabase::postgresRequired())
            QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");
        CHECK_OK(location);
        Result<std::unique_ptr<Database>> opened = Database::open(*location);
        CHECK_OK(opened);
        Database &db = **opened;

        constexpr int total = 200;
        MastodonReplay replay;
        replay.requireToken(kToken);
        replay.startSynthetic(total);
        Result<SocialAccount> account = addAccount(db, replay.baseUrl());
        CHECK_OK(account);
        const qint64 id = account->id;
        replay.setFault(fault, path, after);

        SyncManager manager(*location, kScope, quickOptions());
        manager.start();

        // The fault: the run ends, in words, with the account marked.
        const RunResult failed = syncOnce(manager, id);
        QVERIFY2(failed.finished, "the run did not end");
        QVERIFY2(!failed.ok, qPrintable(failed.message));
        QVERIFY2(failed.message.contains(replay.host()), qPrintable(failed.message));
        for (const QString &word : std::as_const(words))
            QVERIFY2(failed.message.contains(word, Qt::CaseInsensitive),
                qPrintable(QStringLiteral("“%1” does not say “%2”").arg(failed.message, word)));
        QVERIFY2(!failed.message.contains(QString::fromLatin1(kToken)), "the token leaked into the message");
        CHECK_RESPONSIVE(failed);

        Result<SocialAccount> row = SyncRepository(db).account(id);
        CHECK_OK(row);
        QCOMPARE(row->state, SocialAccount::State::Error);
        QCOMPARE(row->lastError, failed.message);
        QVERIFY(row->lastSyncAt.isValid());
        QVERIFY(!row->lastSuccessAt.isValid());

        // Nothing half-stored: exactly the pages before the fault, and the cursor agrees with them.
        const int before = path == kNotifications ? after * kPage : 0;
        const Stored mid = stored(db, id);
        QCOMPARE(mid.items, qint64(before));
        QCOMPARE(mid.distinct, mid.items);
        QCOMPARE(mid.cursor, mid.items);
        QVERIFY(storedIdsAreOneTo(db, before));

        // Recovery: the fault is gone, the next run fetches the rest exactly once and clears the error.
        replay.clearFault();
        const RunResult recovered = syncOnce(manager, id);
        QVERIFY2(recovered.finished, "the recovery run did not end");
        QVERIFY2(recovered.ok, qPrintable(recovered.message));
        QCOMPARE(recovered.outcome.inserted, total - before);
        CHECK_RESPONSIVE(recovered);
        row = SyncRepository(db).account(id);
        CHECK_OK(row);
        QCOMPARE(row->state, SocialAccount::State::Ok);
        QVERIFY2(row->lastError.isEmpty(), qPrintable(row->lastError));
        QVERIFY(row->lastSuccessAt.isValid());
        const Stored end = stored(db, id);
        QCOMPARE(end.items, qint64(total));
        QCOMPARE(end.distinct, end.items);
        QCOMPARE(end.cursor, qint64(total));
        QVERIFY(storedIdsAreOneTo(db, total));
        manager.stop();
    }

    // Quitting while the server hangs (the default 30 s timeout, nowhere near over): stop() returns promptly,
    // records no error, and keeps exactly the pages stored before.
    void quitDuringHangIsPrompt()
    {
        Result<DatabaseLocation> location = TestDatabase::freshLocation(QStringLiteral("sqlite"));
        CHECK_OK(location);
        Result<std::unique_ptr<Database>> opened = Database::open(*location);
        CHECK_OK(opened);
        Database &db = **opened;
        MastodonReplay replay;
        replay.requireToken(kToken);
        replay.startSynthetic(200);
        Result<SocialAccount> account = addAccount(db, replay.baseUrl());
        CHECK_OK(account);
        LoopbackHttpServer::Reply hang;
        hang.behaviour = LoopbackHttpServer::Reply::Behaviour::Hang;
        replay.setFault(hang, kNotifications, 1);

        SyncManager::Options options = quickOptions();
        options.http = SyncHttp::Options {};
        SyncManager manager(*location, kScope, options);
        manager.start();
        manager.syncNow(account->id);
        QTRY_VERIFY_WITH_TIMEOUT(replay.requestsTo(kNotifications).size() >= 2, 20000);
        QTest::qWait(100); // well inside the hanging request
        QElapsedTimer clock;
        clock.start();
        manager.stop();
        const qint64 stopMs = clock.elapsed();
        qInfo("stop() took %lld ms", stopMs);
        // It aborted the hanging request instead of waiting it out.
        QVERIFY2(stopMs < SyncHttp::Options {}.timeoutMs, qPrintable(QString::number(stopMs)));
        QVERIFY(!manager.isRunning());

        Result<SocialAccount> row = SyncRepository(db).account(account->id);
        CHECK_OK(row);
        QCOMPARE(row->state, SocialAccount::State::Ok); // a cancel is no error
        QVERIFY(row->lastError.isEmpty());
        const Stored s = stored(db, account->id);
        QCOMPARE(s.items, qint64(kPage));
        QCOMPARE(s.cursor, s.items);
    }

    // A refused token: the account waits for a new sign-in; periodic runs leave it alone (and do run the
    // others); after signing in again "Sync now" works.
    void refusedTokenWaitsForSignIn()
    {
        Result<DatabaseLocation> location = TestDatabase::freshLocation(QStringLiteral("sqlite"));
        CHECK_OK(location);
        Result<std::unique_ptr<Database>> opened = Database::open(*location);
        CHECK_OK(opened);
        Database &db = **opened;
        MastodonReplay replay;
        replay.requireToken(kToken);
        replay.startSynthetic(50);
        Result<SocialAccount> revoked = addAccount(db, replay.baseUrl(), QStringLiteral("Revoked"), "revoked-token");
        CHECK_OK(revoked);
        Result<SocialAccount> good = addAccount(db, replay.baseUrl(), QStringLiteral("Good"));
        CHECK_OK(good);
        auto requestsWith = [&replay](const QByteArray &token) {
            int n = 0;
            for (const auto &r : replay.requests())
                n += r.headers.value("authorization") == "Bearer " + token ? 1 : 0;
            return n;
        };

        {
            SyncManager manager(*location, kScope, quickOptions());
            manager.start();
            const RunResult refused = syncOnce(manager, revoked->id);
            QVERIFY(refused.finished);
            QVERIFY(!refused.ok);
            QVERIFY2(refused.message.contains(replay.host()) && refused.message.contains(QStringLiteral("Sign in")),
                qPrintable(refused.message));
            CHECK_RESPONSIVE(refused);
        }
        Result<SocialAccount> row = SyncRepository(db).account(revoked->id);
        CHECK_OK(row);
        QCOMPARE(row->state, SocialAccount::State::SignInRequired);
        QVERIFY(!row->lastError.isEmpty());
        const int refusedRequests = requestsWith("revoked-token");
        QVERIFY(refusedRequests >= 1);

        // Both accounts are long due; the periodic check (every 20 ms at this time scale) runs only the good one.
        QSqlQuery q(db.connection());
        QVERIFY2(
            q.exec(QStringLiteral("UPDATE social_accounts SET last_sync_at = 1000")), qPrintable(q.lastError().text()));
        q.finish();
        SyncManager::Options periodic = quickOptions();
        periodic.periodic = true;
        periodic.timeScale = 0.001;
        SyncManager manager(*location, kScope, periodic);
        QSignalSpy started(&manager, &SyncManager::syncStarted);
        QSignalSpy synced(&manager, &SyncManager::accountSynced);
        manager.start();
        QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 20000);
        QCOMPARE(synced.first().at(0).toLongLong(), good->id);
        QVERIFY2(synced.first().at(1).toBool(), qPrintable(synced.first().at(2).toString()));
        QTest::qWait(400); // twenty more periodic checks
        for (const QList<QVariant> &args : std::as_const(started))
            QVERIFY2(
                args.at(0).toLongLong() != revoked->id, "a periodic run tried the account that waits for a sign-in");
        QCOMPARE(requestsWith("revoked-token"), refusedRequests);

        // Signed in again: "Sync now" succeeds and clears the state.
        CHECK_OK(
            SecretStore(kScope).write(revoked->secretKey(QStringLiteral("access_token")), QString::fromLatin1(kToken)));
        const RunResult again = syncOnce(manager, revoked->id);
        QVERIFY(again.finished);
        QVERIFY2(again.ok, qPrintable(again.message));
        row = SyncRepository(db).account(revoked->id);
        CHECK_OK(row);
        QCOMPARE(row->state, SocialAccount::State::Ok);
        QVERIFY(row->lastError.isEmpty());
        manager.stop();
    }

    // syncchild killed with SIGKILL at several points of a long run (2,000 notifications, 50 pages of 40, the
    // server slowed down), then run to completion: every notification exactly once, the cursor at the newest.
    void killMidRunLosesNothing()
    {
        constexpr int total = 2000;
        Result<DatabaseLocation> location = TestDatabase::freshLocation(QStringLiteral("sqlite"));
        CHECK_OK(location);
        Result<std::unique_ptr<Database>> opened = Database::open(*location);
        CHECK_OK(opened);
        Database &db = **opened;
        MastodonReplay replay;
        replay.requireToken(kToken);
        replay.startSynthetic(total);
        replay.setDelayMs(15);
        Result<SocialAccount> account = addAccount(db, replay.baseUrl());
        CHECK_OK(account);

        for (const int killAt : { 200, 800, 1500 }) {
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(QStringLiteral(RAPPORT_SYNCCHILD), { location->path, QString::number(account->id), kScope });
            QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
            QTRY_VERIFY_WITH_TIMEOUT(
                stored(db, account->id).items >= killAt || child.state() == QProcess::NotRunning, 30000);
            QVERIFY2(child.state() == QProcess::Running,
                qPrintable(QStringLiteral("syncchild ended before the kill: ") + QString::fromUtf8(child.readAll())));
            child.kill();
            QVERIFY(child.waitForFinished(10000));
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);

            const Stored s = stored(db, account->id);
            QVERIFY2(
                s.items >= killAt && s.items < total, qPrintable(QStringLiteral("%1 stored at the kill").arg(s.items)));
            QCOMPARE(s.cursor, s.items); // the cursor and the items agree
            QCOMPARE(s.distinct, s.items);
            QVERIFY(storedIdsAreOneTo(db, s.items));
        }

        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QStringLiteral(RAPPORT_SYNCCHILD), { location->path, QString::number(account->id), kScope });
        QVERIFY(child.waitForFinished(30000));
        const QString output = QString::fromUtf8(child.readAllStandardOutput());
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, qPrintable(output));
        QVERIFY2(output.startsWith(QStringLiteral("ok: ")), qPrintable(output));
        const Stored end = stored(db, account->id);
        QCOMPARE(end.items, qint64(total));
        QCOMPARE(end.distinct, end.items);
        QCOMPARE(end.cursorText, QString::number(total));
        QVERIFY(storedIdsAreOneTo(db, total));
        Result<SocialAccount> row = SyncRepository(db).account(account->id);
        CHECK_OK(row);
        QCOMPARE(row->state, SocialAccount::State::Ok);
    }

    // syncchild killed while its page transaction is open (a test trigger makes every insert slow, and the
    // kill waits until the write lock is held), five times: the database opens fine afterwards (WAL recovery),
    // passes integrity_check, holds exactly the committed pages, and a final run completes it.
    void killInsideTransactionLeavesDatabaseSound()
    {
        constexpr int total = 400;
        Result<DatabaseLocation> location = TestDatabase::freshLocation(QStringLiteral("sqlite"));
        CHECK_OK(location);
        qint64 accountId = 0;
        MastodonReplay replay;
        replay.requireToken(kToken);
        replay.startSynthetic(total);
        {
            Result<std::unique_ptr<Database>> opened = Database::open(*location);
            CHECK_OK(opened);
            Result<SocialAccount> account = addAccount(**opened, replay.baseUrl());
            CHECK_OK(account);
            accountId = account->id;
            // Test scaffolding, not schema: each stored interaction costs a few milliseconds of pointless work,
            // so a page of 40 keeps its transaction open long enough to be killed inside it.
            CHECK_OK((*opened)->exec(
                QStringLiteral("CREATE TRIGGER test_slow_ingest AFTER INSERT ON interactions BEGIN "
                               "SELECT COUNT(*) FROM (WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n "
                               "WHERE x < 20000) SELECT x FROM n); END"),
                QStringLiteral("adding the test trigger")));
        }

        // A probe connection that never waits for a lock: BEGIN IMMEDIATE fails while syncchild writes.
        const QString probeName = QStringLiteral("tst_syncfaults_probe");
        {
            QSqlDatabase probe = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), probeName);
            probe.setDatabaseName(location->path);
            probe.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
            QVERIFY(probe.open());
        }
        // True while another connection holds the write lock (SQLITE_BUSY, native code 5).
        auto writerActive = [&] {
            QSqlQuery q(QSqlDatabase::database(probeName, false));
            if (q.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
                q.exec(QStringLiteral("ROLLBACK"));
                return false;
            }
            return q.lastError().nativeErrorCode() == u"5";
        };

        auto storedNow = [&] {
            QSqlQuery q(QSqlDatabase::database(probeName, false));
            return q.exec(QStringLiteral("SELECT COUNT(*) FROM interactions WHERE source = 'mastodon'")) && q.next()
                ? q.value(0).toLongLong()
                : -1;
        };

        int killedWhileWriting = 0;
        qint64 storedBefore = 0;
        for (int round = 0; round < 5; ++round) {
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(QStringLiteral(RAPPORT_SYNCCHILD), { location->path, QString::number(accountId), kScope });
            QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
            // Every other round lets a page commit first, so later kills land in later transactions with
            // committed frames of the same process before them in the WAL. Then wait for a transaction and
            // kill at a random moment inside it.
            const qint64 commitFirst = storedBefore + (round % 2 == 1 ? kPage : 0);
            QElapsedTimer clock;
            clock.start();
            bool writing = false;
            while (!writing && child.state() == QProcess::Running && clock.elapsed() < 20000) {
                writing = storedNow() >= commitFirst && writerActive();
                if (!writing)
                    QTest::qWait(2);
            }
            QVERIFY2(
                writing, qPrintable(QStringLiteral("syncchild never wrote: ") + QString::fromUtf8(child.readAll())));
            QTest::qWait(int(QRandomGenerator::global()->bounded(150)));
            killedWhileWriting += writerActive() ? 1 : 0;
            child.kill();
            QVERIFY(child.waitForFinished(10000));
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);

            // Opened the way Rapport opens it (WAL recovery happens here), then checked.
            Result<std::unique_ptr<Database>> reopened = Database::open(*location, Database::OpenFlag::None);
            CHECK_OK(reopened);
            QCOMPARE(text(**reopened, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
            const Stored s = stored(**reopened, accountId);
            QVERIFY(s.items >= 0 && s.items < total);
            qInfo("round %d: %lld items stored after the kill", round, s.items);
            QCOMPARE(s.items % kPage, qint64(0)); // whole pages only
            QVERIFY(s.items >= storedBefore);
            storedBefore = s.items;
            QCOMPARE(s.cursor, s.items);
            QCOMPARE(s.distinct, s.items);
        }
        QSqlDatabase::removeDatabase(probeName);
        qInfo("%d of 5 kills landed while syncchild held the write lock", killedWhileWriting);
        // The probe saw the lock held just before most kills (a page takes far longer than the random delay).
        QVERIFY2(killedWhileWriting >= 3, qPrintable(QString::number(killedWhileWriting)));

        {
            Result<std::unique_ptr<Database>> opened = Database::open(*location, Database::OpenFlag::None);
            CHECK_OK(opened);
            CHECK_OK((*opened)->exec(QStringLiteral("DROP TRIGGER test_slow_ingest"), QStringLiteral("dropping it")));
        }
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QStringLiteral(RAPPORT_SYNCCHILD), { location->path, QString::number(accountId), kScope });
        QVERIFY(child.waitForFinished(30000));
        const QString output = QString::fromUtf8(child.readAllStandardOutput());
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, qPrintable(output));
        Result<std::unique_ptr<Database>> opened = Database::open(*location, Database::OpenFlag::None);
        CHECK_OK(opened);
        QCOMPARE(text(**opened, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        const Stored end = stored(**opened, accountId);
        QCOMPARE(end.items, qint64(total));
        QCOMPARE(end.distinct, end.items);
        QCOMPARE(end.cursor, qint64(total));
        QVERIFY(storedIdsAreOneTo(**opened, total));
    }
};

QTEST_GUILESS_MAIN(TestSyncFaults)
#include "tst_syncfaults.moc"
