#pragma once

#include "domain/socialaccount.h"

#include <QDialog>

class Database;
class QLabel;
class QPushButton;
class AccountListModel;
class QTreeView;
class SyncManager;
struct SyncOutcome;

// Settings → Accounts: every account Rapport syncs from (agency Mastodon and Bluesky accounts, feeds of
// contacts and organizations) with its state, last successful sync, items fetched, next sync and last error.
// Add (Mastodon, Bluesky, feed), Edit, Remove (asks; removes the secrets from the keyring too) and Sync now.
// Non-modal; follows the SyncManager's signals while it is open.
class AccountsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsDialog)

public:
    AccountsDialog(Database &db, SyncManager *sync, QString secretScope, QWidget *parent = nullptr);

    // Opens the window's one Accounts dialog (creating it on first use) and raises it.
    static AccountsDialog *openFor(QWidget *window, Database &db, SyncManager *sync, const QString &secretScope);

    QTreeView *treeView() const { return m_tree; }
    AccountListModel *model() const { return m_model; }
    QList<SocialAccount> accounts() const;
    qint64 currentId() const;
    bool selectAccount(qint64 id);

public Q_SLOTS:
    void refresh();
    void addAccount(Network network);
    void editCurrent();
    void removeCurrent();
    void syncCurrent();

Q_SIGNALS:
    void accountsChanged();

private:
    void updateButtons();
    void showEditor(const SocialAccount &account);

    Database &m_db;
    SyncManager *m_sync = nullptr;
    QString m_scope;
    AccountListModel *m_model = nullptr;
    QTreeView *m_tree = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QPushButton *m_editButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QPushButton *m_syncButton = nullptr;
};
