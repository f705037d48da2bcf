// SyncManager and its worker thread, with a scripted SyncSource installed through
// SyncSource::setFactoryForTesting(): the run happens off the GUI thread, signals arrive in the GUI thread in
// order, the account row records the result, cancel and stop are prompt and keep exactly the committed pages,
// and the GUI event loop never stalls.
#include "heartbeat.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/syncrepository.h"
#include "sync/secretstore.h"
#include "sync/syncmanager.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

#include <atomic>

namespace {

// What the fake source does, set by each test before it starts a run.
struct Script
{
    int pages = 3;
    int itemsPerPage = 2;
    int waitMsPerPage = 0;           // through SyncHttp::wait, which wakes on cancel
    int skippedPerPage = 0; // items the source could not read, per page
    std::optional<Error> error;      // returned after the pages
    QString author = QStringLiteral("ana@example.social");
    std::atomic<int> committedPages{0};
    std::atomic<int> runs{0};
    std::atomic<QThread *> thread{nullptr};
    QString lastCursor;
    QMutex mutex;
};
Script *g_script = nullptr;

class FakeSource final : public SyncSource
{
public:
    Result<SyncOutcome> sync(SyncContext &ctx) override
    {
        Script &s = *g_script;
        s.thread.store(QThread::currentThread());
        const int run = ++s.runs;
        SyncOutcome &outcome = ctx.outcome; // as the real sources: what stored pages did survives an error
        for (int p = 0; p < s.pages; ++p) {
            if (s.waitMsPerPage > 0)
                if (Status w = ctx.http.wait(s.waitMsPerPage); !w)
                    return w.error();
            if (ctx.cancel.isCancelled())
                return Error { QStringLiteral("cancelled"), Error::Code::Cancelled };
            QList<SyncItem> items;
            for (int i = 0; i < s.itemsPerPage; ++i) {
                SyncItem item;
                item.source = QStringLiteral("mastodon");
                item.externalId = QStringLiteral("run%1-page%2-item%3").arg(run).arg(p).arg(i);
                item.authorNetwork = QStringLiteral("mastodon");
                item.authorHandle = s.author;
                item.occurredAt = QDateTime::currentDateTimeUtc().addSecs(-3600 + p);
                item.text = QStringLiteral("Hello");
                items << item;
            }
            const SyncCursor cursor { QStringLiteral("run%1-page%2").arg(run).arg(p), {}, {} };
            Result<IngestReport> r = ctx.repo.ingestPage(ctx.account, QStringLiteral("notifications"), items, cursor);
            if (!r)
                return r.error();
            ++s.committedPages;
            {
                QMutexLocker lock(&s.mutex);
                s.lastCursor = cursor.cursor;
            }
            outcome.fetched += items.size();
            outcome.add(*r);
            outcome.addSkipped(s.skippedPerPage, { QStringLiteral("notification %1 without a status").arg(p) });
            if (ctx.progress)
                ctx.progress(outcome.fetched);
        }
        if (s.error)
            return *s.error;
        return outcome;
    }

    Result<QString> testConnection(SyncContext &ctx) override
    {
        Result<QString> token = ctx.secrets.read(ctx.account.secretKey(QStringLiteral("access_token")));
        if (!token)
            return token.error();
        if (*token != u"right-token")
            return Error { QStringLiteral("The server refused the token."), Error::Code::Auth };
        return QStringLiteral("Signed in as @%1").arg(ctx.account.handle);
    }
};

qint64 scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

class TestSyncManager final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Script> m_script;
    std::unique_ptr<Database> m_db;
    DatabaseLocation m_location;
    SocialAccount m_account;
    qint64 m_ana = 0;

    SyncManager::Options quickOptions(bool periodic = false)
    {
        SyncManager::Options o;
        o.periodic = periodic;
        o.syncOnStart = false;
        o.timeScale = 1.0;
        return o;
    }
    SocialAccount reload() { return *SyncRepository(*m_db).account(m_account.id); }
    QString scope() const { return QStringLiteral("tst_syncmanager-%1").arg(QCoreApplication::applicationPid()); }

private slots:
    void initTestCase()
    {
        SecretStore::setKeyringDisabledForTesting(true); // secrets in memory: no keyring needed here
        SyncSource::setFactoryForTesting([](Network network) -> std::unique_ptr<SyncSource> {
            if (network == Network::Mastodon)
                return std::make_unique<FakeSource>();
            return nullptr; // "unknown" networks
        });
    }

    void init()
    {
        m_script = std::make_unique<Script>();
        g_script = m_script.get();
        Result<DatabaseLocation> loc = TestDatabase::freshLocation(QStringLiteral("sqlite"));
        QVERIFY(loc.ok());
        m_location = *loc;
        auto db = Database::open(m_location);
        QVERIFY(db.ok());
        m_db = std::move(db).value();
        Contact ana;
        ana.displayName = QStringLiteral("Ana Lima");
        ana.handles = { { QStringLiteral("mastodon"), QStringLiteral("@ana@example.social"), {} } };
        QVERIFY(ContactRepository(*m_db).create(ana).ok());
        m_ana = ana.id;
        m_account = {};
        m_account.network = Network::Mastodon;
        m_account.serverUrl = QStringLiteral("https://example.social");
        m_account.handle = QStringLiteral("agency@example.social");
        QVERIFY(SyncRepository(*m_db).createAccount(m_account).ok());
    }

    void cleanup()
    {
        m_db.reset();
        g_script = nullptr;
        m_script.reset();
    }

    void syncNowRunsOffTheGuiThreadAndReportsInOrder()
    {
        SyncManager manager(m_location, scope(), quickOptions());
        QStringList events;
        QList<QThread *> signalThreads;
        auto note = [&](const QString &what) {
            events << what;
            signalThreads << QThread::currentThread();
        };
        connect(&manager, &SyncManager::syncStarted, this, [&](qint64 id) { note(QStringLiteral("started %1").arg(id)); });
        connect(&manager, &SyncManager::progress, this, [&](qint64, int n) { note(QStringLiteral("progress %1").arg(n)); });
        connect(&manager, &SyncManager::timelinesChanged, this, [&](const QList<qint64> &ids) {
            note(QStringLiteral("timelines %1").arg(ids.value(0)));
        });
        connect(&manager, &SyncManager::accountSynced, this,
                [&](qint64, bool ok, const QString &, const SyncOutcome &o) {
                    note(QStringLiteral("synced %1 %2").arg(ok).arg(o.inserted));
                });
        QSignalSpy idle(&manager, &SyncManager::idle);
        manager.start();
        manager.start(); // harmless
        QVERIFY(manager.isRunning());
        manager.syncNow(m_account.id);
        QVERIFY(idle.wait(5000));

        QVERIFY(m_script->thread.load() != nullptr);
        QVERIFY(m_script->thread.load() != QThread::currentThread());
        for (QThread *t : std::as_const(signalThreads))
            QCOMPARE(t, QThread::currentThread());
        QCOMPARE(events, (QStringList { QStringLiteral("started %1").arg(m_account.id), QStringLiteral("progress 2"),
                                        QStringLiteral("progress 4"), QStringLiteral("progress 6"),
                                        QStringLiteral("timelines %1").arg(m_ana), QStringLiteral("synced 1 6") }));
        QVERIFY(!manager.isSyncing());

        const SocialAccount a = reload();
        QVERIFY(a.lastSuccessAt.isValid());
        QVERIFY(a.lastSyncAt.isValid());
        QCOMPARE(a.lastFetched, 6);
        QVERIFY(a.lastError.isEmpty());
        QCOMPARE(a.state, SocialAccount::State::Ok);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM interactions WHERE contact_id = %1").arg(m_ana)), 6);
        manager.stop();
        QVERIFY(!manager.isRunning());
    }

    void authErrorAsksToSignIn()
    {
        m_script->pages = 1;
        m_script->error = Error { QStringLiteral("The server refused the sign-in."), Error::Code::Auth };
        SyncManager manager(m_location, scope(), quickOptions());
        QSignalSpy synced(&manager, &SyncManager::accountSynced);
        QSignalSpy inbox(&manager, &SyncManager::inboxChanged);
        manager.start();
        manager.syncNow(m_account.id);
        QVERIFY(synced.wait(5000));
        QCOMPARE(synced.at(0).at(1).toBool(), false);
        QCOMPARE(synced.at(0).at(2).toString(), QStringLiteral("The server refused the sign-in."));
        const SocialAccount a = reload();
        QCOMPARE(a.state, SocialAccount::State::SignInRequired);
        QCOMPARE(a.lastError, QStringLiteral("The server refused the sign-in."));
        QVERIFY(!a.lastSuccessAt.isValid());
        QCOMPARE(inbox.count(), 0); // the page went to Ana's timeline, not the Inbox
        // The page stored before the error stays.
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM interactions")), 2);
    }

    // Issue 9: a run that fails after some pages were stored still reports the contacts that gained items, so
    // their open timelines refresh, and the outcome of those pages.
    void failureAfterStoredPagesStillRefreshesTimelines()
    {
        m_script->pages = 2;
        m_script->error = Error { QStringLiteral("example.social answered with server error 502 (4 attempts)"),
            Error::Code::Network };
        SyncManager manager(m_location, scope(), quickOptions());
        QList<qint64> refreshed;
        connect(&manager, &SyncManager::timelinesChanged, this, [&](const QList<qint64> &ids) { refreshed += ids; });
        QSignalSpy synced(&manager, &SyncManager::accountSynced);
        manager.start();
        manager.syncNow(m_account.id);
        QVERIFY(synced.wait(5000));
        QCOMPARE(synced.at(0).at(1).toBool(), false);
        QCOMPARE(refreshed, QList<qint64> { m_ana });
        const SyncOutcome outcome = synced.at(0).at(3).value<SyncOutcome>();
        QCOMPARE(outcome.inserted, 4);
        QCOMPARE(outcome.contactIds, QList<qint64> { m_ana });
        QCOMPARE(reload().state, SocialAccount::State::Error);
    }

    // Issue 9: items a source had to skip are counted in the account's status, with the reasons; the next
    // clean run clears them.
    void skippedItemsAreRecorded()
    {
        m_script->pages = 2;
        m_script->skippedPerPage = 1;
        {
            SyncManager manager(m_location, scope(), quickOptions());
            QSignalSpy synced(&manager, &SyncManager::accountSynced);
            manager.start();
            manager.syncNow(m_account.id);
            QVERIFY(synced.wait(5000));
            QCOMPARE(synced.at(0).at(1).toBool(), true);
            // (No translator in tests: the English plural is "2 item(s)".)
            QVERIFY2(synced.at(0).at(2).toString().contains(QStringLiteral("2 item")),
                qPrintable(synced.at(0).at(2).toString()));
        }
        SocialAccount a = reload();
        QCOMPARE(a.state, SocialAccount::State::Ok);
        QCOMPARE(a.lastSkipped, 2);
        QCOMPARE(a.lastSkipNote, QStringLiteral("notification 0 without a status\nnotification 1 without a status"));
        QVERIFY2(a.problemText().startsWith(QStringLiteral("2 item")), qPrintable(a.problemText()));
        QVERIFY(a.problemText().contains(QStringLiteral("could not be read")));
        QVERIFY(a.problemText().contains(QStringLiteral("notification 1 without a status")));

        m_script->skippedPerPage = 0;
        SyncManager manager(m_location, scope(), quickOptions());
        QSignalSpy synced(&manager, &SyncManager::accountSynced);
        manager.start();
        manager.syncNow(m_account.id);
        QVERIFY(synced.wait(5000));
        a = reload();
        QCOMPARE(a.lastSkipped, 0);
        QVERIFY(a.lastSkipNote.isEmpty());
        QVERIFY(a.problemText().isEmpty());
    }

    void unknownNetworkIsAnAccountError()
    {
        SocialAccount feed;
        feed.network = Network::Feed;
        feed.serverUrl = QStringLiteral("https://news.example/feed.xml");
        feed.contactId = m_ana;
        QVERIFY(SyncRepository(*m_db).createAccount(feed).ok());
        SyncManager manager(m_location, scope(), quickOptions());
        QSignalSpy synced(&manager, &SyncManager::accountSynced);
        manager.start();
        manager.syncNow(feed.id);
        QVERIFY(synced.wait(5000));
        QCOMPARE(synced.at(0).at(1).toBool(), false);
        QVERIFY(synced.at(0).at(2).toString().contains(QStringLiteral("feed")));
        const SocialAccount a = *SyncRepository(*m_db).account(feed.id);
        QCOMPARE(a.state, SocialAccount::State::Error);
        QVERIFY(!a.lastError.isEmpty());
    }

    void cancelStopsTheRunQuickly()
    {
        m_script->pages = 1000;
        m_script->waitMsPerPage = 100;
        SyncManager manager(m_location, scope(), quickOptions());
        QSignalSpy progress(&manager, &SyncManager::progress);
        QSignalSpy synced(&manager, &SyncManager::accountSynced);
        QSignalSpy idle(&manager, &SyncManager::idle);
        manager.start();
        manager.syncNow(m_account.id);
        manager.syncNow(m_account.id); // already queued or running: once
        QVERIFY(progress.wait(5000));
        QVERIFY(manager.isSyncing());
        QElapsedTimer timer;
        timer.start();
        manager.cancel();
        QVERIFY(synced.wait(30000));
        qInfo("the run ended %lld ms after cancel()", timer.elapsed());
        QVERIFY(m_script->committedPages.load() < 1000); // stopped early, not after the last of 1,000 pages
        QCOMPARE(synced.at(0).at(1).toBool(), false);
        QVERIFY(!synced.at(0).at(2).toString().isEmpty());
        // idle() follows accountSynced() at once and may already be here: wait only if it is not.
        QTRY_VERIFY_WITH_TIMEOUT(!idle.isEmpty(), 2000);
        QCOMPARE(synced.count(), 1);
        QCOMPARE(m_script->runs.load(), 1);
        // A cancel is not a failure of the account.
        const SocialAccount a = reload();
        QCOMPARE(a.state, SocialAccount::State::Ok);
        QVERIFY(a.lastError.isEmpty());
        // The next run works again (the token was reset).
        m_script->pages = 1;
        m_script->waitMsPerPage = 0;
        manager.syncNow(m_account.id);
        QVERIFY(synced.wait(5000));
        QCOMPARE(synced.at(1).at(1).toBool(), true);
    }

    void stopDuringARunKeepsCommittedPages()
    {
        m_script->pages = 1000;
        m_script->waitMsPerPage = 30;
        m_script->itemsPerPage = 50;
        m_script->author = QStringLiteral("stranger@far.social"); // the Inbox
        auto manager = std::make_unique<SyncManager>(m_location, scope(), quickOptions());
        QSignalSpy progress(manager.get(), &SyncManager::progress);
        manager->start();
        manager->syncNow(m_account.id);
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 3, 5000);
        QElapsedTimer timer;
        timer.start();
        manager->stop();
        qInfo("stop() took %lld ms", timer.elapsed());
        QVERIFY(!manager->isRunning());
        const int pages = m_script->committedPages.load();
        QVERIFY(pages >= 3);
        QVERIFY(pages < 1000); // stop() ended the run, it did not wait for all of it
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM interactions")), qint64(pages) * 50);
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT cursor FROM sync_state")) && q.next());
        QCOMPARE(q.value(0).toString(), m_script->lastCursor);
        q.finish();
        manager.reset(); // the destructor's stop() after stop() is harmless
    }

    void guiKeepsRunningDuringALongSync()
    {
        m_script->pages = 60;
        m_script->itemsPerPage = 100;
        m_script->author = QStringLiteral("stranger@far.social");
        SyncManager manager(m_location, scope(), quickOptions());
        QSignalSpy idle(&manager, &SyncManager::idle);
        Heartbeat beat;
        QElapsedTimer clock;
        manager.start();
        clock.start();
        beat.start();
        manager.syncNow(m_account.id);
        QVERIFY(idle.wait(30000));
        beat.stop();
        qInfo("6,000 items synced in %lld ms; the GUI thread: %s", clock.elapsed(), qPrintable(beat.report()));
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM interactions")), 6000);
        QVERIFY2(beat.keptRunning(), qPrintable(beat.report()));
    }

    void periodicAndSyncOnStart()
    {
        // Periodic: an account never synced is due at once; then not again before its interval.
        {
            SyncManager::Options o = quickOptions(true);
            o.timeScale = 0.001; // the due check every 15 ms
            SyncManager manager(m_location, scope(), o);
            QSignalSpy synced(&manager, &SyncManager::accountSynced);
            manager.start();
            QVERIFY(synced.wait(5000));
            QTest::qWait(300);
            QCOMPARE(synced.count(), 1);
            manager.stop();
        }
        // Sync on start: once, for the flagged accounts only, and not periodically.
        SocialAccount other;
        other.network = Network::Mastodon;
        other.serverUrl = QStringLiteral("https://other.example");
        other.syncOnStart = true;
        QVERIFY(SyncRepository(*m_db).createAccount(other).ok());
        SyncManager::Options o = quickOptions(false);
        o.syncOnStart = true;
        SyncManager manager(m_location, scope(), o);
        QSignalSpy synced(&manager, &SyncManager::accountSynced);
        QSignalSpy idle(&manager, &SyncManager::idle);
        manager.start();
        QVERIFY(idle.wait(5000));
        QCOMPARE(synced.count(), 1);
        QCOMPARE(synced.at(0).at(0).toLongLong(), other.id);
    }

    void testConnectionUsesTheGivenSecretOnly()
    {
        SyncManager manager(m_location, scope(), quickOptions());
        QSignalSpy tested(&manager, &SyncManager::connectionTested);
        manager.testConnection(1, m_account, QStringLiteral("access_token"), QStringLiteral("right-token"));
        QCOMPARE(tested.count(), 1); // not running: answered at once
        QCOMPARE(tested.at(0).at(1).toBool(), false);
        manager.start();
        manager.testConnection(2, m_account, QStringLiteral("access_token"), QStringLiteral("right-token"));
        manager.testConnection(3, m_account, QStringLiteral("access_token"), QStringLiteral("wrong"));
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 3, 5000);
        QCOMPARE(tested.at(1).at(0).toInt(), 2);
        QCOMPARE(tested.at(1).at(1).toBool(), true);
        QCOMPARE(tested.at(1).at(2).toString(), QStringLiteral("Signed in as @agency@example.social"));
        QCOMPARE(tested.at(2).at(0).toInt(), 3);
        QCOMPARE(tested.at(2).at(1).toBool(), false);
        // The typed secret never became the account's saved secret.
        SecretStore saved(scope());
        QVERIFY(!saved.read(m_account.secretKey(QStringLiteral("access_token"))).ok());
        // Without a typed secret the saved one is used.
        QVERIFY(saved.write(m_account.secretKey(QStringLiteral("access_token")), QStringLiteral("right-token")).ok());
        manager.testConnection(4, m_account, QStringLiteral("access_token"), QString());
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 4, 5000);
        QCOMPARE(tested.at(3).at(1).toBool(), true);
        QVERIFY(saved.remove(m_account.secretKey(QStringLiteral("access_token"))).ok());
    }
};

QTEST_GUILESS_MAIN(TestSyncManager)
#include "tst_syncmanager.moc"
