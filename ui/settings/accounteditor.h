#pragma once

#include "domain/socialaccount.h"

#include <QDialog>
#include <QHash>

class Database;
class QCheckBox;
class QCompleter;
class MastodonAuth;
class QLabel;
class QNetworkAccessManager;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QStringListModel;
class SyncManager;

// Adds or edits one account: a Mastodon account (server URL and a pasted access token, or "Sign in with
// browser…"), a Bluesky account (handle, app password, PDS URL) or a feed (URL, the contact or organization it
// belongs to). Interval and sync-on-start for all. "Test connection" asks the SyncManager's worker and shows a
// busy indicator until connectionTested answers, so the window never blocks. Saving writes the account through
// SyncRepository and the secret only through SecretStore, asynchronously (the dialog closes once the keyring
// has answered, or timed out: then the user is told the secret is kept for this session only); an empty
// secret field when editing keeps the stored one. The fields' rules are makeAccount()'s (domain/accountinput.h).
class AccountEditor final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountEditor)

public:
    // `account.network` picks the page; `account.id` 0 means a new account. `sync` may be null (no tests then).
    AccountEditor(Database &db, SyncManager *sync, QString secretScope, const SocialAccount &account,
        QWidget *parent = nullptr);

    SocialAccount account() const { return m_account; }
    bool isTesting() const { return m_testRequest != 0; }
    // Waiting for the keyring to store the secret after Save (the dialog closes when it has).
    bool isSaving() const { return m_saving; }

public Q_SLOTS:
    bool save();
    void testConnection();
    // Mastodon: OAuth in the browser (MastodonAuth); fills in the token, handle and server when it succeeds.
    void signInWithBrowser();

Q_SIGNALS:
    void saved(qint64 accountId);

private:
    bool collect(SocialAccount &out, QString &secret);
    void showError(const QString &field, const QString &message);
    void clearErrors();
    void updateOwnerCompletions(const QString &text);
    void setTesting(bool testing);
    void setSaving(bool saving);
    void finishSave(const SocialAccount &values);
    QLabel *addError(const QString &field);

    Database &m_db;
    SyncManager *m_sync = nullptr;
    QString m_scope;
    SocialAccount m_account;
    QLineEdit *m_nameEdit = nullptr;
    QLineEdit *m_serverEdit = nullptr;
    QLineEdit *m_handleEdit = nullptr;
    QLineEdit *m_secretEdit = nullptr;
    QRadioButton *m_contactRadio = nullptr;
    QRadioButton *m_organizationRadio = nullptr;
    QLineEdit *m_ownerEdit = nullptr;
    QStringListModel *m_ownerCompletions = nullptr;
    QCompleter *m_ownerCompleter = nullptr;
    QHash<QString, qint64> m_knownOwners; // "c:name" / "o:name" lower-cased -> id
    QSpinBox *m_intervalSpin = nullptr;
    QCheckBox *m_syncOnStartCheck = nullptr;
    QCheckBox *m_enabledCheck = nullptr;
    QPushButton *m_testButton = nullptr;
    QProgressBar *m_busyBar = nullptr;
    QLabel *m_testResultLabel = nullptr;
    QLabel *m_generalErrorLabel = nullptr;
    QHash<QString, QLabel *> m_errors;
    int m_testRequest = 0;
    QNetworkAccessManager *m_nam = nullptr;
    MastodonAuth *m_auth = nullptr;
    bool m_signingIn = false;
    bool m_saving = false;
    QPushButton *m_saveButton = nullptr;
};
