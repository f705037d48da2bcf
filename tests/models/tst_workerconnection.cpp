#include "storage/workerconnection.h"
#include "testdatabase.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>

#include <atomic>
#include <optional>

// WorkerConnection on a real database (a SQLite file, and PostgreSQL): the work runs on another thread with
// a connection of its own that is closed again before the result arrives on the caller's thread; errors
// (opening, the work's own) arrive as results; cancel, drop, detach and a vanished context behave as
// documented.
class TestWorkerConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsOnWorkerWithOwnConnection_data() { TestDatabase::addBackends(); }
    void runsOnWorkerWithOwnConnection()
    {
        OPEN_TEST_DATABASE(db);
        db->setCurrentUserId(0);
        const QStringList connectionsBefore = QSqlDatabase::connectionNames();
        QThread *workerThread = nullptr;
        std::optional<Result<qint64>> result;
        QThread *deliveredOn = nullptr;
        QStringList connectionsAtDelivery;
        QObject context;
        WorkerConnection::Options options;
        options.userId = 42;
        WorkerConnection job = WorkerConnection::start<qint64>(
            db->location(), &context,
            [&](Database &own, const WorkerConnection::Job &) -> Result<qint64> {
                workerThread = QThread::currentThread();
                if (Status s = own.exec(QStringLiteral("INSERT INTO users (name, login, created_at, updated_at) "
                                                       "VALUES ('Worker', 'worker', 0, 0)"),
                        QStringLiteral("writing"));
                    !s)
                    return s.error();
                return own.currentUserId();
            },
            [&](Result<qint64> r) {
                deliveredOn = QThread::currentThread();
                connectionsAtDelivery = QSqlDatabase::connectionNames();
                result = std::move(r);
            },
            options);
        QVERIFY(job.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
        QVERIFY2(result->ok(), qPrintable(result->ok() ? QString() : result->error().message));
        QCOMPARE(**result, qint64(42)); // written as the user the options named
        QVERIFY(workerThread && workerThread != QThread::currentThread());
        QCOMPARE(deliveredOn, QThread::currentThread());
        QCOMPARE(connectionsAtDelivery, connectionsBefore); // the worker's connection was closed before
        QVERIFY(!job.isRunning());
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM users WHERE name = 'Worker'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1); // the worker's write is visible to this connection
    }

    void openErrorIsReported()
    {
        // A file that does not exist, opened without CreateIfMissing: the work never runs.
        const DatabaseLocation missing
            = DatabaseLocation::sqlite(TestDatabase::tempDir() + QStringLiteral("/missing/nothing.rapport"));
        bool ran = false;
        std::optional<Status> result;
        QObject context;
        WorkerConnection job = WorkerConnection::start<void>(
            missing, &context,
            [&](Database &, const WorkerConnection::Job &) {
                ran = true;
                return Status();
            },
            [&](Status s) { result = std::move(s); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
        QVERIFY(!result->ok());
        QVERIFY(!result->error().message.isEmpty());
        QVERIFY(!ran);
    }

    void workErrorIsReported_data() { TestDatabase::addBackends(); }
    void workErrorIsReported()
    {
        OPEN_TEST_DATABASE(db);
        std::optional<Result<int>> result;
        QObject context;
        WorkerConnection job = WorkerConnection::start<int>(
            db->location(), &context,
            [](Database &own, const WorkerConnection::Job &) -> Result<int> {
                if (Status s = own.exec(QStringLiteral("SELECT * FROM no_such_table"), QStringLiteral("reading")); !s)
                    return s.error();
                return 1;
            },
            [&](Result<int> r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
        QVERIFY(!result->ok());
        QVERIFY(result->error().message.contains(QStringLiteral("reading")));
    }

    void cancelReachesTheWork()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db);
        std::atomic_bool started { false };
        std::optional<Status> result;
        QObject context;
        WorkerConnection job = WorkerConnection::start<void>((*db)->location(), &context,
            [&](Database &, const WorkerConnection::Job &job) -> Status {
                started = true;
                while (!job.isCanceled())
                    QThread::msleep(1);
                return Error { QStringLiteral("stopped"), Error::Code::Cancelled };
            },
            [&](Status s) { result = std::move(s); });
        QTRY_VERIFY_WITH_TIMEOUT(started.load(), 30000);
        QVERIFY(job.isRunning());
        job.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
        QCOMPARE(result->error().code, Error::Code::Cancelled);
    }

    void destroyingTheHandleCancelsWaitsAndDrops()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db);
        std::atomic_bool started { false }, finished { false };
        bool delivered = false;
        QObject context;
        {
            WorkerConnection job = WorkerConnection::start<void>((*db)->location(), &context,
                [&](Database &, const WorkerConnection::Job &job) -> Status {
                    started = true;
                    while (!job.isCanceled())
                        QThread::msleep(1);
                    finished = true;
                    return {};
                },
                [&](Status) { delivered = true; });
            QTRY_VERIFY_WITH_TIMEOUT(started.load(), 30000);
        }
        QVERIFY(finished.load()); // the destructor waited for the work
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents();
        QVERIFY(!delivered);
    }

    void goneContextGetsNothing()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db);
        std::atomic_bool release { false };
        bool delivered = false, posted = false;
        auto *context = new QObject;
        WorkerConnection job = WorkerConnection::start<void>((*db)->location(), context,
            [&](Database &, const WorkerConnection::Job &job) -> Status {
                while (!release)
                    QThread::msleep(1);
                job.post([&] { posted = true; });
                return {};
            },
            [&](Status) { delivered = true; });
        delete context;
        QVERIFY(!job.isRunning()); // nobody left to deliver to
        release = true;
        job.wait();
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents();
        QVERIFY(!posted);
        QVERIFY(!delivered);
    }

    void postsArriveInOrderBeforeTheResult()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db);
        QList<int> seen;
        QList<QThread *> threads;
        bool done = false;
        QObject context;
        WorkerConnection job = WorkerConnection::start<void>((*db)->location(), &context,
            [&](Database &, const WorkerConnection::Job &job) -> Status {
                for (int n = 0; n < 100; ++n)
                    job.post([&seen, &threads, n] {
                        seen << n;
                        threads << QThread::currentThread();
                    });
                return {};
            },
            [&](Status) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QCOMPARE(seen.size(), 100);
        for (int n = 0; n < 100; ++n) {
            QCOMPARE(seen[n], n);
            QCOMPARE(threads[n], QThread::currentThread());
        }
    }

    void detachedWorkStillDelivers()
    {
        auto db = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(db);
        std::optional<Result<int>> result;
        QObject context;
        WorkerConnection::start<int>((*db)->location(), &context,
            [](Database &, const WorkerConnection::Job &) -> Result<int> { return 7; },
            [&](Result<int> r) { result = std::move(r); })
            .detach();
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
        QCOMPARE(**result, 7);
    }
};

QTEST_GUILESS_MAIN(TestWorkerConnection)
#include "tst_workerconnection.moc"
