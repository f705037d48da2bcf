// SecretStore against the real keyring: tests/run-tests.sh starts a private, unlocked gnome-keyring in its own
// D-Bus session. Without a session bus the keyring cases are skipped (failed in CI, where
// RAPPORT_REQUIRE_POSTGRES is set) and the fallback case checks what a machine without a keyring does.
#include "sync/secretstore.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <qt6keychain/keychain.h>

#include <memory>

namespace {

bool haveSessionBus()
{
    return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
}

QString uniqueSecret()
{
    return QStringLiteral("s3cr3t-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// What QtKeychain itself finds under service "Rapport" and `fullKey`, bypassing SecretStore, in a child
// process: QtKeychain's job queue is process-wide and not thread-safe, so this process must not start jobs
// beside SecretStore's keychain thread. A separate process also proves the secret outlives the writer.
std::optional<QString> readDirectly(const QString &fullKey)
{
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child"), QStringLiteral("read"), fullKey});
    if (!child.waitForFinished(15000) || child.exitCode() != 0)
        return std::nullopt;
    return QString::fromUtf8(child.readAllStandardOutput());
}

// Every file under `root` (but `except`) that contains `needle`.
QStringList filesContaining(const QString &root, const QByteArray &needle, const QString &except)
{
    QStringList hits;
    if (root.isEmpty())
        return hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!except.isEmpty() && path.contains(except))
            continue;
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            hits << path;
    }
    return hits;
}

} // namespace

class TestSecretStore final : public QObject
{
    Q_OBJECT

private:
    // A unique scope per run, so a developer's keyring (or an earlier run) never interferes.
    const QString m_scope = QStringLiteral("tst-") + QUuid::createUuid().toString(QUuid::WithoutBraces);

    bool requireKeyring()
    {
        if (haveSessionBus())
            return true;
        if (!qEnvironmentVariableIsEmpty("RAPPORT_REQUIRE_POSTGRES"))
            qFatal("DBUS_SESSION_BUS_ADDRESS is unset although RAPPORT_REQUIRE_POSTGRES is set: run the tests "
                   "through tests/run-tests.sh, which starts a private keyring");
        return false;
    }

private slots:
    void cleanup() { SecretStore::setKeyringDisabledForTesting(false); }

    void roundTripOnTheRealKeyring()
    {
        if (!requireKeyring())
            QSKIP("No D-Bus session: run through tests/run-tests.sh for a private keyring");
        SecretStore store(m_scope);
        const QString key = QStringLiteral("rapport/account/1/access_token");
        const QString first = uniqueSecret();
        QVERIFY(store.write(key, first).ok());
        auto read = store.read(key);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
        QCOMPARE(*read, first);
        QVERIFY2(!SecretStore::usingMemoryFallback(), "the real keyring was not used");
        // Really in the keyring, under service "Rapport" and key scope/key.
        QCOMPARE(readDirectly(m_scope + QLatin1Char('/') + key), std::optional<QString>(first));

        const QString second = QStringLiteral("ünïcödé ☃ ") + uniqueSecret();
        QVERIFY(store.write(key, second).ok());
        read = store.read(key);
        QVERIFY(read.ok());
        QCOMPARE(*read, second);

        QVERIFY(store.remove(key).ok());
        read = store.read(key);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, Error::Code::NotFound);
        QVERIFY(!readDirectly(m_scope + QLatin1Char('/') + key).has_value());
        QVERIFY(store.remove(key).ok()); // removing what is not there is fine
        QVERIFY(!SecretStore::usingMemoryFallback());
    }

    void notFound()
    {
        if (!requireKeyring())
            QSKIP("No D-Bus session: run through tests/run-tests.sh for a private keyring");
        SecretStore store(m_scope);
        const auto read = store.read(QStringLiteral("rapport/account/999/refresh_token"));
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, Error::Code::NotFound);
        QVERIFY2(read.error().message.contains(QStringLiteral("rapport/account/999/refresh_token")),
                 qPrintable(read.error().message));
    }

    void scopesDoNotShareKeys()
    {
        if (!requireKeyring())
            QSKIP("No D-Bus session: run through tests/run-tests.sh for a private keyring");
        SecretStore a(m_scope + QStringLiteral("-a"));
        SecretStore b(m_scope + QStringLiteral("-b"));
        const QString key = QStringLiteral("rapport/account/1/app_password");
        QVERIFY(a.write(key, QStringLiteral("for-a")).ok());
        QCOMPARE(b.read(key).error().code, Error::Code::NotFound);
        QVERIFY(b.write(key, QStringLiteral("for-b")).ok());
        QCOMPARE(*a.read(key), QStringLiteral("for-a"));
        QCOMPARE(*b.read(key), QStringLiteral("for-b"));
        QVERIFY(a.remove(key).ok());
        QVERIFY(b.remove(key).ok());
    }

    void workerThreads()
    {
        if (!requireKeyring())
            QSKIP("No D-Bus session: run through tests/run-tests.sh for a private keyring");
        const QString key = QStringLiteral("rapport/account/2/access_token");
        const QString secret = uniqueSecret();
        SecretStore store(m_scope);
        QVERIFY(store.write(key, secret).ok());

        // Read from a worker thread (the sync worker's situation), which then ends.
        QString seen;
        Error::Code code = Error::Code::Generic;
        std::unique_ptr<QThread> reader(QThread::create([&] {
            SecretStore own(m_scope);
            const auto read = own.read(key);
            if (read.ok())
                seen = *read;
            else
                code = read.error().code;
        }));
        reader->start();
        QVERIFY(reader->wait(15000));
        QCOMPARE(seen, secret);
        QCOMPARE(code, Error::Code::Generic);

        // Write from another worker that ends; the main thread and a third thread still get answers.
        const QString other = uniqueSecret();
        bool written = false;
        std::unique_ptr<QThread> writer(QThread::create([&] { written = SecretStore(m_scope).write(key, other).ok(); }));
        writer->start();
        QVERIFY(writer->wait(15000));
        QVERIFY(written);
        const Result<QString> stored = store.read(key);
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error().message));
        QCOMPARE(*stored, other);

        // Two threads at once.
        QString fromA, fromB;
        std::unique_ptr<QThread> threadA(QThread::create([&] { fromA = SecretStore(m_scope).read(key).value(); }));
        std::unique_ptr<QThread> threadB(QThread::create([&] { fromB = SecretStore(m_scope).read(key).value(); }));
        threadA->start();
        threadB->start();
        QVERIFY(threadA->wait(15000));
        QVERIFY(threadB->wait(15000));
        QCOMPARE(fromA, other);
        QCOMPARE(fromB, other);
        QVERIFY(store.remove(key).ok());
        QVERIFY(!SecretStore::usingMemoryFallback());
    }

    void secretNotInConfigOrDataFiles()
    {
        if (!requireKeyring())
            QSKIP("No D-Bus session: run through tests/run-tests.sh for a private keyring");
        const QString secret = uniqueSecret();
        SecretStore store(m_scope);
        const QString key = QStringLiteral("rapport/account/3/access_token");
        QVERIFY(store.write(key, secret).ok());
        const Result<QString> stored = store.read(key);
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error().message));
        QCOMPARE(*stored, secret);
        const QByteArray needle = secret.toUtf8();
        // gnome-keyring encrypts its own files under XDG_DATA_HOME/keyrings; nothing else may hold the secret.
        const QStringList hits = filesContaining(qEnvironmentVariable("XDG_CONFIG_HOME"), needle, QString())
            + filesContaining(qEnvironmentVariable("XDG_DATA_HOME"), needle, QString());
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char(' '))));
        QVERIFY(store.remove(key).ok());
    }

    void memoryFallbackWhenKeyringDisabled()
    {
        SecretStore::setKeyringDisabledForTesting(true);
        SecretStore store(m_scope);
        const QString key = QStringLiteral("rapport/account/4/app_password");
        const QString secret = uniqueSecret();
        QVERIFY(store.write(key, secret).ok());
        QVERIFY(SecretStore::usingMemoryFallback());
        auto read = store.read(key);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
        QCOMPARE(*read, secret);

        // Another thread sees the same session store.
        QString fromWorker;
        std::unique_ptr<QThread> worker(QThread::create([&] { fromWorker = SecretStore(m_scope).read(key).value(); }));
        worker->start();
        QVERIFY(worker->wait(15000));
        QCOMPARE(fromWorker, secret);

        // Another scope does not.
        QVERIFY(!SecretStore(m_scope + QStringLiteral("-other")).read(key).ok());

        // Never written to a file.
        const QByteArray needle = secret.toUtf8();
        const QStringList hits = filesContaining(qEnvironmentVariable("XDG_CONFIG_HOME"), needle, QString())
            + filesContaining(qEnvironmentVariable("XDG_DATA_HOME"), needle, QString());
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char(' '))));

        QVERIFY(store.remove(key).ok());
        read = store.read(key);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, Error::Code::Unavailable); // the keyring is out of reach, memory has nothing
        QVERIFY(!read.error().message.contains(secret));

        SecretStore::setKeyringDisabledForTesting(false);
        QVERIFY(!SecretStore::usingMemoryFallback());
    }

    void noSessionBusFallsBackToMemory()
    {
        // What a machine without any keyring does, in a child process without a session bus.
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        env.remove(QStringLiteral("DISPLAY"));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child"), QStringLiteral("nobus")});
        QVERIFY(child.waitForFinished(30000));
        QVERIFY2(child.exitCode() == 0, child.readAllStandardError().constData());
        QCOMPARE(child.readAllStandardOutput().trimmed(), QByteArray("fallback ok"));
    }

    void hangingKeyringTimesOut()
    {
        // A "session bus" that accepts connections and never says a word: every keyring call would wait
        // forever. SecretStore must give up after its timeout and keep the secret in memory.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QLocalServer silent;
        QVERIFY(silent.listen(dir.filePath(QStringLiteral("bus"))));
        QList<QLocalSocket *> connections;
        connect(&silent, &QLocalServer::newConnection, this, [&] {
            while (QLocalSocket *socket = silent.nextPendingConnection())
                connections << socket;
        });
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=") + silent.fullServerName());
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child"), QStringLiteral("hang")});
        QVERIFY(child.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(child.state() == QProcess::NotRunning, 30000);
        QVERIFY2(child.exitCode() == 0, child.readAllStandardError().constData());
        QCOMPARE(child.readAllStandardOutput().trimmed(), QByteArray("fallback ok"));
    }
};

// The child processes of the last two cases: write, read back from memory, report, with a short timeout.
static int runChild(const QString &mode)
{
    SecretStore store(QStringLiteral("tst-child"), 400);
    QElapsedTimer timer;
    timer.start();
    const QString secret = uniqueSecret();
    if (!store.write(QStringLiteral("k"), secret).ok())
        return 2;
    const auto read = store.read(QStringLiteral("k"));
    if (!read.ok() || *read != secret || !SecretStore::usingMemoryFallback())
        return 3;
    // A second read of a missing key must not wait out another timeout once the keyring is known to hang.
    QElapsedTimer second;
    second.start();
    const auto missing = store.read(QStringLiteral("missing"));
    if (missing.ok() || missing.error().code != Error::Code::Unavailable)
        return 4;
    fprintf(stderr, "timing: total %lld ms, second read %lld ms\n", qint64(timer.elapsed()), qint64(second.elapsed()));
    // A hanging keyring was waited for (a lower bound: a slow machine only makes it longer); that the
    // second read does not wait again shows in usingMemoryFallback() above, not in milliseconds.
    if (mode == QLatin1String("hang") && timer.elapsed() < 350)
        return 5;
    printf("fallback ok\n");
    return 0;
}

// Prints the secret QtKeychain finds for `fullKey`; exit code 1 if none.
static int readChild(const QString &fullKey)
{
    QKeychain::ReadPasswordJob job(QStringLiteral("Rapport"));
    job.setAutoDelete(false);
    job.setKey(fullKey);
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (!finished || job.error() != QKeychain::NoError)
        return 1;
    fputs(job.textData().toUtf8().constData(), stdout);
    return 0;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 4 && qstrcmp(argv[1], "--child") == 0 && qstrcmp(argv[2], "read") == 0)
        return readChild(QString::fromLocal8Bit(argv[3]));
    if (argc == 3 && qstrcmp(argv[1], "--child") == 0)
        return runChild(QString::fromLocal8Bit(argv[2]));
    TestSecretStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretstore.moc"
