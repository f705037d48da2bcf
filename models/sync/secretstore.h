#pragma once

#include "core/result.h"

#include <QString>

// The only place secrets (tokens, app passwords, refresh tokens) are kept: the OS keyring through
// QtKeychain (service "Rapport"), with a timeout on every job (a locked keyring may prompt and never
// answer). If no keyring answers, the secret is kept in this process's memory for the session only and
// usingMemoryFallback() turns true so the UI can tell the user; it is never written to the database,
// settings, logs or crash output.
//
// Thread-safe; the calls block the calling thread with a local event loop until the job ends or times out,
// so the worker thread and the GUI (for short dialogs) can both use them. Keys are
// SocialAccount::secretKey(name), prefixed with a scope per database so two databases never share keys.
class SecretStore
{
public:
    // scope: identifies the database (e.g. a hash of its location).
    explicit SecretStore(QString scope, int timeoutMs = 5000);

    // The secret, or Error::Code::NotFound if none is stored, or Error::Code::Unavailable if the keyring
    // failed (then the memory fallback is consulted first).
    Result<QString> read(const QString &key) const;
    Status write(const QString &key, const QString &secret);
    Status remove(const QString &key);

    // True once a keyring call failed in this process and secrets are being kept in memory.
    static bool usingMemoryFallback();
    // For tests: pretend the keyring is unreachable (every job fails at once).
    static void setKeyringDisabledForTesting(bool disabled);

private:
    QString fullKey(const QString &key) const;
    QString m_scope;
    int m_timeoutMs;
};
