#include "sync/secretstore.h"

#include "core/logging.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QPromise>
#include <QThread>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <atomic>
#include <memory>
#include <optional>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SecretStore)
};

const QString &serviceName()
{
    static const QString name = QStringLiteral("Rapport");
    return name;
}

std::atomic<bool> s_fallback{false};
std::atomic<bool> s_disabledForTesting{false};
// Jobs started and not yet finished, and whether one of them outlived its caller's timeout: while that one
// hangs, QtKeychain's process-wide queue runs nothing else, so further calls fail at once instead of each
// waiting out its own timeout.
std::atomic<int> s_outstanding{0};
std::atomic<bool> s_stuck{false};

// The session-only store used when the keyring fails. Never written anywhere.
QMutex &memoryMutex()
{
    static QMutex mutex;
    return mutex;
}

QHash<QString, QString> &memory()
{
    static QHash<QString, QString> secrets;
    return secrets;
}

enum class Operation { Read, Write, Remove };

struct Outcome
{
    QKeychain::Error error = QKeychain::NoError;
    QString errorText; // QtKeychain's own words, for the log; never contains the secret
    QString secret;
};

// All keychain jobs run in one long-lived thread of their own. QtKeychain keeps a process-wide, unlocked job
// queue (JobExecutor) living in the thread that first used it, and libsecret calls back into the thread that
// started a job: from a worker thread that later ends, or from two threads at once, that queue breaks. Jobs
// auto-delete themselves when they finish, so one that outlives its caller's timeout is still cleaned up
// (deleting it earlier would leave libsecret calling back into freed memory).
class KeychainThread
{
public:
    static KeychainThread &instance()
    {
        static KeychainThread thread;
        return thread;
    }

    QFuture<Outcome> start(Operation operation, const QString &key, const QString &secret)
    {
        auto promise = std::make_shared<QPromise<Outcome>>();
        QFuture<Outcome> future = promise->future();
        promise->start();
        ++s_outstanding;
        const bool posted = QMetaObject::invokeMethod(m_context, [promise, operation, key, secret] {
            QKeychain::Job *job = nullptr;
            switch (operation) {
            case Operation::Read:
                job = new QKeychain::ReadPasswordJob(serviceName());
                break;
            case Operation::Write: {
                auto *write = new QKeychain::WritePasswordJob(serviceName());
                write->setTextData(secret);
                job = write;
                break;
            }
            case Operation::Remove:
                job = new QKeychain::DeletePasswordJob(serviceName());
                break;
            }
            job->setAutoDelete(true);
            job->setInsecureFallback(false);
            job->setKey(key);
            QObject::connect(job, &QKeychain::Job::finished, job, [promise, operation](QKeychain::Job *done) {
                Outcome outcome;
                outcome.error = done->error();
                outcome.errorText = done->errorString();
                if (operation == Operation::Read && outcome.error == QKeychain::NoError)
                    outcome.secret = static_cast<QKeychain::ReadPasswordJob *>(done)->textData();
                promise->addResult(outcome);
                promise->finish();
                if (--s_outstanding == 0)
                    s_stuck.store(false);
            });
            job->start();
        });
        if (!posted) {
            --s_outstanding;
            promise->addResult(Outcome{QKeychain::OtherError, QStringLiteral("keychain thread not running"), {}});
            promise->finish();
        }
        return future;
    }

private:
    KeychainThread()
    {
        m_thread.setObjectName(QStringLiteral("rapport-keychain"));
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
        m_thread.start();
    }
    ~KeychainThread()
    {
        m_thread.quit();
        m_thread.wait();
    }
    Q_DISABLE_COPY_MOVE(KeychainThread)

    QThread m_thread;
    QObject *m_context = nullptr;
};

// Runs one job and waits for it in a local event loop (the caller's thread keeps serving its events), at most
// `timeoutMs`. No value: the keyring did not answer in time or is disabled for testing.
std::optional<Outcome> runJob(Operation operation, const QString &key, const QString &secret, int timeoutMs)
{
    if (s_disabledForTesting.load())
        return Outcome{QKeychain::NoBackendAvailable, QStringLiteral("disabled for testing"), {}};
    if (s_stuck.load())
        return std::nullopt;
    QFuture<Outcome> future = KeychainThread::instance().start(operation, key, secret);
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<Outcome> watcher;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        QTimer timeout;
        timeout.setSingleShot(true);
        QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        timeout.start(timeoutMs);
        if (!future.isFinished())
            loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    if (!future.isFinished()) {
        s_stuck.store(true);
        qCWarning(lcSecrets) << "the keyring did not answer within" << timeoutMs << "ms";
        return std::nullopt;
    }
    return future.result();
}

void useMemoryFallback(const QString &why)
{
    if (!s_fallback.exchange(true))
        qCWarning(lcSecrets).noquote() << "keyring unavailable, keeping secrets in memory for this session:" << why;
}

} // namespace

SecretStore::SecretStore(QString scope, int timeoutMs) : m_scope(std::move(scope)), m_timeoutMs(timeoutMs) {}

QString SecretStore::fullKey(const QString &key) const
{
    return m_scope + QLatin1Char('/') + key;
}

Result<QString> SecretStore::read(const QString &key) const
{
    const QString full = fullKey(key);
    if (s_fallback.load()) {
        QMutexLocker lock(&memoryMutex());
        const auto it = memory().constFind(full);
        if (it != memory().constEnd())
            return it.value();
    }
    const std::optional<Outcome> outcome = runJob(Operation::Read, full, {}, m_timeoutMs);
    if (outcome && outcome->error == QKeychain::NoError)
        return outcome->secret;
    if (outcome && outcome->error == QKeychain::EntryNotFound)
        return Error{Tr::tr("No password or sign-in is stored for %1.").arg(key), Error::Code::NotFound};

    useMemoryFallback(outcome ? outcome->errorText : QStringLiteral("timeout"));
    QMutexLocker lock(&memoryMutex());
    const auto it = memory().constFind(full);
    if (it != memory().constEnd())
        return it.value();
    return Error{Tr::tr("The system keyring did not answer, so the sign-in for %1 could not be read. Unlock the "
                        "keyring or sign in again.")
                     .arg(key),
                 Error::Code::Unavailable};
}

Status SecretStore::write(const QString &key, const QString &secret)
{
    const QString full = fullKey(key);
    const std::optional<Outcome> outcome = runJob(Operation::Write, full, secret, m_timeoutMs);
    if (outcome && outcome->error == QKeychain::NoError) {
        // The keyring has it now; an older copy in memory must not shadow it.
        QMutexLocker lock(&memoryMutex());
        memory().remove(full);
        return {};
    }
    useMemoryFallback(outcome ? outcome->errorText : QStringLiteral("timeout"));
    QMutexLocker lock(&memoryMutex());
    memory().insert(full, secret);
    return {};
}

Status SecretStore::remove(const QString &key)
{
    const QString full = fullKey(key);
    {
        QMutexLocker lock(&memoryMutex());
        memory().remove(full);
    }
    const std::optional<Outcome> outcome = runJob(Operation::Remove, full, {}, m_timeoutMs);
    if (outcome && (outcome->error == QKeychain::NoError || outcome->error == QKeychain::EntryNotFound))
        return {};
    // Nothing more can be done now: the copy in memory is gone, and a copy in the keyring (if any) is out of
    // reach. Removing an account must not fail over this.
    useMemoryFallback(outcome ? outcome->errorText : QStringLiteral("timeout"));
    qCWarning(lcSecrets).noquote() << "could not remove" << key << "from the keyring";
    return {};
}

bool SecretStore::usingMemoryFallback()
{
    return s_fallback.load();
}

void SecretStore::setKeyringDisabledForTesting(bool disabled)
{
    s_disabledForTesting.store(disabled);
    if (!disabled) {
        // Back to the real keyring: forget what the simulated outage left behind.
        s_fallback.store(false);
        QMutexLocker lock(&memoryMutex());
        memory().clear();
    }
}
