#include "sync/secretstore.h"

#include "core/logging.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
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
        m_thread = new QThread;
        m_thread->setObjectName(QStringLiteral("rapport-keychain"));
        m_context = new QObject;
        m_context->moveToThread(m_thread);
        QObject::connect(m_thread, &QThread::finished, m_context, &QObject::deleteLater);
        m_thread->start();
    }
    ~KeychainThread()
    {
        m_thread->quit();
        // A job stuck in the keyring (a locked keyring's prompt, a service that never replies) blocks that
        // thread for good: the process is ending, so leave it rather than hang at exit.
        if (m_thread->wait(QDeadlineTimer(s_stuck.load() ? 500 : 5000)))
            delete m_thread;
    }
    Q_DISABLE_COPY_MOVE(KeychainThread)

    QThread *m_thread = nullptr; // leaked, on purpose, when a job never ends
    QObject *m_context = nullptr;
};

std::atomic<int> s_defaultTimeoutMs { 0 };
QMutex &reasonMutex()
{
    static QMutex mutex;
    return mutex;
}
QString &fallbackReason()
{
    static QString reason;
    return reason;
}

// A job that cannot start: the keyring is disabled for testing (an outcome), or an earlier job is still stuck
// (no outcome: as if it had timed out).
std::optional<std::optional<Outcome>> shortCut()
{
    if (s_disabledForTesting.load())
        return std::optional<Outcome>(
            Outcome { QKeychain::NoBackendAvailable, QStringLiteral("disabled for testing"), {} });
    if (s_stuck.load())
        return std::optional<Outcome>();
    return std::nullopt;
}

void noteTimeout(int timeoutMs)
{
    s_stuck.store(true);
    qCWarning(lcSecrets) << "the keyring did not answer within" << timeoutMs << "ms";
}

// Runs one job and waits for it in a local event loop (the caller's thread keeps serving its events), at most
// `timeoutMs`. No value: the keyring did not answer in time. For threads without a window only.
std::optional<Outcome> runJob(Operation operation, const QString &key, const QString &secret, int timeoutMs)
{
    if (const auto quick = shortCut())
        return *quick;
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
        noteTimeout(timeoutMs);
        return std::nullopt;
    }
    return future.result();
}

// Starts one job and calls `then` in `context`'s thread when it ends or after `timeoutMs`, whichever comes
// first; never from inside this call, and not at all once `context` is destroyed.
void runJobAsync(Operation operation, const QString &key, const QString &secret, int timeoutMs, QObject *context,
    std::function<void(const std::optional<Outcome> &)> then)
{
    if (const auto quick = shortCut()) {
        QTimer::singleShot(0, context, [then, outcome = *quick] { then(outcome); });
        return;
    }
    QFuture<Outcome> future = KeychainThread::instance().start(operation, key, secret);
    // The watcher belongs to `context`: if the window goes first, nobody is called. The job itself finishes
    // (or hangs) on the keychain thread either way.
    auto *watcher = new QFutureWatcher<Outcome>(context);
    auto *timeout = new QTimer(watcher);
    timeout->setSingleShot(true);
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, [watcher, timeout, then] {
        timeout->stop();
        const Outcome outcome = watcher->future().result();
        watcher->deleteLater();
        then(outcome);
    });
    QObject::connect(timeout, &QTimer::timeout, watcher, [watcher, then, timeoutMs] {
        QObject::disconnect(watcher, &QFutureWatcherBase::finished, nullptr, nullptr);
        noteTimeout(timeoutMs);
        watcher->deleteLater();
        then(std::nullopt);
    });
    watcher->setFuture(future); // a job already done still reports `finished`, from the event loop
    timeout->start(timeoutMs);
}

void useMemoryFallback(const std::optional<Outcome> &outcome, int timeoutMs)
{
    const QString why = outcome ? outcome->errorText : QStringLiteral("timeout");
    {
        QMutexLocker lock(&reasonMutex());
        if (fallbackReason().isEmpty())
            fallbackReason() = outcome
                ? Tr::tr("the system keyring is not available (%1)").arg(outcome->errorText)
                : Tr::tr("the system keyring did not answer within %n second(s); it may be locked", nullptr,
                    std::max(1, timeoutMs / 1000));
    }
    if (!s_fallback.exchange(true))
        qCWarning(lcSecrets).noquote() << "keyring unavailable, keeping secrets in memory for this session:" << why;
}

// What a job's outcome means, the same for both forms.
Result<QString> readResult(
    const QString &key, const QString &full, const std::optional<Outcome> &outcome, int timeoutMs)
{
    if (outcome && outcome->error == QKeychain::NoError)
        return outcome->secret;
    if (outcome && outcome->error == QKeychain::EntryNotFound)
        return Error{Tr::tr("No password or sign-in is stored for %1.").arg(key), Error::Code::NotFound};

    useMemoryFallback(outcome, timeoutMs);
    QMutexLocker lock(&memoryMutex());
    const auto it = memory().constFind(full);
    if (it != memory().constEnd())
        return it.value();
    return Error{Tr::tr("The system keyring did not answer, so the sign-in for %1 could not be read. Unlock the "
                        "keyring or sign in again.")
                     .arg(key),
                 Error::Code::Unavailable};
}

Status writeResult(const QString &full, const QString &secret, const std::optional<Outcome> &outcome, int timeoutMs)
{
    if (outcome && outcome->error == QKeychain::NoError) {
        // The keyring has it now; an older copy in memory must not shadow it.
        QMutexLocker lock(&memoryMutex());
        memory().remove(full);
        return {};
    }
    useMemoryFallback(outcome, timeoutMs);
    QMutexLocker lock(&memoryMutex());
    memory().insert(full, secret);
    return {};
}

Status removeResult(const QString &key, const std::optional<Outcome> &outcome, int timeoutMs)
{
    if (outcome && (outcome->error == QKeychain::NoError || outcome->error == QKeychain::EntryNotFound))
        return {};
    // Nothing more can be done now: the copy in memory is gone, and a copy in the keyring (if any) is out of
    // reach. Removing an account must not fail over this.
    useMemoryFallback(outcome, timeoutMs);
    qCWarning(lcSecrets).noquote() << "could not remove" << key << "from the keyring";
    return {};
}

// The session-only copy, when the keyring failed earlier in this process.
std::optional<QString> fromMemory(const QString &full)
{
    if (!s_fallback.load())
        return std::nullopt;
    QMutexLocker lock(&memoryMutex());
    const auto it = memory().constFind(full);
    if (it == memory().constEnd())
        return std::nullopt;
    return it.value();
}

void forgetInMemory(const QString &full)
{
    QMutexLocker lock(&memoryMutex());
    memory().remove(full);
}

} // namespace

SecretStore::SecretStore(QString scope, int timeoutMs)
    : m_scope(std::move(scope))
    , m_timeoutMs(timeoutMs > 0 ? timeoutMs : defaultTimeoutMs())
{
}

QString SecretStore::fullKey(const QString &key) const
{
    return m_scope + QLatin1Char('/') + key;
}

Result<QString> SecretStore::read(const QString &key) const
{
    const QString full = fullKey(key);
    if (const std::optional<QString> kept = fromMemory(full))
        return *kept;
    return readResult(key, full, runJob(Operation::Read, full, {}, m_timeoutMs), m_timeoutMs);
}

Status SecretStore::write(const QString &key, const QString &secret)
{
    const QString full = fullKey(key);
    return writeResult(full, secret, runJob(Operation::Write, full, secret, m_timeoutMs), m_timeoutMs);
}

Status SecretStore::remove(const QString &key)
{
    const QString full = fullKey(key);
    forgetInMemory(full);
    return removeResult(key, runJob(Operation::Remove, full, {}, m_timeoutMs), m_timeoutMs);
}

void SecretStore::readAsync(
    const QString &key, QObject *context, std::function<void(const Result<QString> &)> done) const
{
    const QString full = fullKey(key);
    if (const std::optional<QString> kept = fromMemory(full)) {
        QTimer::singleShot(0, context, [done, secret = *kept] { done(secret); });
        return;
    }
    const int timeoutMs = m_timeoutMs;
    runJobAsync(Operation::Read, full, {}, timeoutMs, context,
        [key, full, timeoutMs, done](
            const std::optional<Outcome> &outcome) { done(readResult(key, full, outcome, timeoutMs)); });
}

void SecretStore::writeAsync(
    const QString &key, const QString &secret, QObject *context, std::function<void(const Status &)> done)
{
    const QString full = fullKey(key);
    const int timeoutMs = m_timeoutMs;
    runJobAsync(Operation::Write, full, secret, timeoutMs, context,
        [full, secret, timeoutMs, done](const std::optional<Outcome> &outcome) {
            const Status status = writeResult(full, secret, outcome, timeoutMs);
            if (done)
                done(status);
        });
}

void SecretStore::removeAsync(const QString &key, QObject *context, std::function<void(const Status &)> done)
{
    const QString full = fullKey(key);
    forgetInMemory(full);
    const int timeoutMs = m_timeoutMs;
    runJobAsync(
        Operation::Remove, full, {}, timeoutMs, context, [key, timeoutMs, done](const std::optional<Outcome> &outcome) {
            const Status status = removeResult(key, outcome, timeoutMs);
            if (done)
                done(status);
        });
}

bool SecretStore::usingMemoryFallback()
{
    return s_fallback.load();
}

QString SecretStore::memoryFallbackReason()
{
    if (!s_fallback.load())
        return {};
    QMutexLocker lock(&reasonMutex());
    return fallbackReason();
}

int SecretStore::defaultTimeoutMs()
{
    const int configured = s_defaultTimeoutMs.load();
    return configured > 0 ? configured : 5000;
}

void SecretStore::setDefaultTimeoutForTesting(int ms)
{
    s_defaultTimeoutMs.store(ms);
}

void SecretStore::setKeyringDisabledForTesting(bool disabled)
{
    s_disabledForTesting.store(disabled);
    if (!disabled) {
        // Back to the real keyring: forget what the simulated outage left behind.
        s_fallback.store(false);
        {
            QMutexLocker lock(&reasonMutex());
            fallbackReason().clear();
        }
        QMutexLocker lock(&memoryMutex());
        memory().clear();
    }
}
