#pragma once

#include "core/result.h"

#include <QString>

#include <functional>

class QObject;

// The only place secrets (tokens, app passwords, refresh tokens) are kept: the OS keyring through
// QtKeychain (service "Rapport"), with a timeout on every job (a locked keyring may prompt and never
// answer). If no keyring answers, the secret is kept in this process's memory for the session only and
// usingMemoryFallback() turns true so the UI can tell the user; it is never written to the database,
// settings, logs or crash output.
//
// Two forms of each call, with the same outcomes:
//  - asynchronous (readAsync, writeAsync, removeAsync) for the GUI thread: they return at once and call
//    `done` later, in the thread of `context` (never from inside the call, not at all once `context` is
//    gone), when the keyring answers or after the timeout. No event loop is spun: a locked or slow keyring
//    never freezes a window.
//  - blocking (read, write, remove) for the sync worker thread and the command line, which have no window:
//    they wait for the job in a local event loop of the calling thread. Never call them on the GUI thread.
// All jobs run in one keychain thread of their own. Thread-safe. Keys are SocialAccount::secretKey(name),
// prefixed with a scope per database so two databases never share keys.
class SecretStore
{
public:
    // scope: identifies the database (e.g. a hash of its location). timeoutMs 0: defaultTimeoutMs().
    explicit SecretStore(QString scope, int timeoutMs = 0);

    // The secret, or Error::Code::NotFound if none is stored, or Error::Code::Unavailable if the keyring
    // failed (then the memory fallback is consulted first).
    Result<QString> read(const QString &key) const;
    Status write(const QString &key, const QString &secret);
    Status remove(const QString &key);

    void readAsync(const QString &key, QObject *context, std::function<void(const Result<QString> &)> done) const;
    void writeAsync(
        const QString &key, const QString &secret, QObject *context, std::function<void(const Status &)> done);
    void removeAsync(const QString &key, QObject *context, std::function<void(const Status &)> done = {});

    // True once a keyring call failed in this process and secrets are being kept in memory.
    static bool usingMemoryFallback();
    // Why, in words a user can read ("the system keyring did not answer within 5 seconds …"); empty if not.
    static QString memoryFallbackReason();
    // How long a call waits for the keyring (5 s; a locked keyring may prompt and never answer).
    static int defaultTimeoutMs();
    // For tests: pretend the keyring is unreachable (every job fails at once).
    static void setKeyringDisabledForTesting(bool disabled);
    // For tests: the default timeout (0: back to 5 s).
    static void setDefaultTimeoutForTesting(int ms);

private:
    QString fullKey(const QString &key) const;
    QString m_scope;
    int m_timeoutMs;
};
