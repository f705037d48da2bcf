#include "accountsdialog.h"

#include "common/messagebox.h"
#include "core/statuscolor.h"
#include "itemmodels/accountlistmodel.h"
#include "settings/accounteditor.h"
#include "storage/database.h"
#include "storage/syncrepository.h"
#include "sync/secretstore.h"
#include "sync/syncmanager.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

AccountsDialog::AccountsDialog(Database &db, SyncManager *sync, QString secretScope, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_sync(sync)
    , m_scope(std::move(secretScope))
{
    setObjectName(QStringLiteral("accountsDialog"));
    setWindowTitle(tr("Accounts"));
    setAccessibleName(windowTitle());
    resize(1100, 440);

    auto *intro = new QLabel(tr("Rapport reads mentions, replies and messages from these accounts and feeds. "
                                "Authors who match a contact go to their history, the others to the Inbox."),
        this);
    intro->setWordWrap(true);

    m_model = new AccountListModel(this);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("accountsTreeView"));
    m_tree->setAccessibleName(tr("Accounts and feeds"));
    m_tree->setModel(m_model);
    m_tree->setRootIsDecorated(false);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setStretchLastSection(true);
    const int ch = fontMetrics().averageCharWidth();
    m_tree->header()->resizeSection(AccountListModel::AccountColumn, ch * 44);
    m_tree->header()->resizeSection(AccountListModel::StateColumn, ch * 16);
    m_tree->header()->resizeSection(AccountListModel::LastSuccessColumn, ch * 18);
    m_tree->header()->resizeSection(AccountListModel::FetchedColumn, ch * 8);
    m_tree->header()->resizeSection(AccountListModel::NextColumn, ch * 18);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &AccountsDialog::updateButtons);
    connect(m_tree, &QTreeView::activated, this, &AccountsDialog::editCurrent);

    m_emptyLabel = new QLabel(tr("No accounts yet. Add the agency's Mastodon or Bluesky account, or the feed of a "
                                 "journalist's blog or an outlet."),
        this);
    m_emptyLabel->setObjectName(QStringLiteral("emptyLabel"));
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    QPalette red = m_errorLabel->palette();
    red.setColor(QPalette::WindowText, StatusColor::danger());
    m_errorLabel->setPalette(red);
    m_errorLabel->hide();

    auto *buttons = new QHBoxLayout;
    const auto addButton = [&](const QString &objectName, const QString &text) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(objectName);
        b->setAutoDefault(false);
        buttons->addWidget(b);
        return b;
    };
    QPushButton *mastodon = addButton(QStringLiteral("addMastodonPushButton"), tr("Add &Mastodon…"));
    connect(mastodon, &QPushButton::clicked, this, [this] { addAccount(Network::Mastodon); });
    QPushButton *bluesky = addButton(QStringLiteral("addBlueskyPushButton"), tr("Add &Bluesky…"));
    connect(bluesky, &QPushButton::clicked, this, [this] { addAccount(Network::Bluesky); });
    QPushButton *feed = addButton(QStringLiteral("addFeedPushButton"), tr("Add &Feed…"));
    connect(feed, &QPushButton::clicked, this, [this] { addAccount(Network::Feed); });
    buttons->addSpacing(ch * 3);
    m_editButton = addButton(QStringLiteral("editPushButton"), tr("&Edit…"));
    connect(m_editButton, &QPushButton::clicked, this, &AccountsDialog::editCurrent);
    m_removeButton = addButton(QStringLiteral("removePushButton"), tr("&Remove…"));
    connect(m_removeButton, &QPushButton::clicked, this, &AccountsDialog::removeCurrent);
    m_syncButton = addButton(QStringLiteral("syncNowPushButton"), tr("&Sync Now"));
    m_syncButton->setToolTip(tr("Sync the selected account now"));
    connect(m_syncButton, &QPushButton::clicked, this, &AccountsDialog::syncCurrent);
    buttons->addStretch();

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    close->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closePushButton"));
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_emptyLabel, 1);
    layout->addWidget(m_errorLabel);
    layout->addLayout(buttons);
    layout->addWidget(close);

    if (m_sync) {
        connect(m_sync, &SyncManager::syncStarted, this, [this](qint64 id) {
            m_model->setRunning(id, tr("Syncing…"));
            refresh();
        });
        connect(m_sync, &SyncManager::progress, this,
            [this](qint64 id, int fetched) { m_model->setRunning(id, tr("Syncing… %n item(s)", nullptr, fetched)); });
        connect(m_sync, &SyncManager::accountSynced, this, [this](qint64 id) {
            m_model->setRunning(id, QString());
            refresh();
        });
        connect(m_sync, &SyncManager::idle, this, [this] {
            m_model->clearRunning();
            refresh();
        });
    }
    refresh();
}

AccountsDialog *AccountsDialog::openFor(QWidget *window, Database &db, SyncManager *sync, const QString &secretScope)
{
    window = window ? window->window() : nullptr;
    auto *dialog = window ? window->findChild<AccountsDialog *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
    if (!dialog)
        dialog = new AccountsDialog(db, sync, secretScope, window);
    dialog->refresh();
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

void AccountsDialog::refresh()
{
    Result<QList<SocialAccount>> accounts = SyncRepository(m_db).accounts();
    if (!accounts) {
        m_errorLabel->setText(accounts.error().message);
        m_errorLabel->show();
        return;
    }
    m_errorLabel->hide();
    const qint64 keep = currentId();
    m_model->setAccounts(*accounts);
    const bool empty = m_model->rowCount() == 0;
    m_tree->setVisible(!empty);
    m_emptyLabel->setVisible(empty);
    if (!selectAccount(keep) && !empty)
        m_tree->setCurrentIndex(m_model->index(0, 0));
    updateButtons();
}

QList<SocialAccount> AccountsDialog::accounts() const
{
    return m_model->accounts();
}

qint64 AccountsDialog::currentId() const
{
    return m_tree->currentIndex().data(AccountListModel::IdRole).toLongLong();
}

bool AccountsDialog::selectAccount(qint64 id)
{
    const int row = id > 0 ? m_model->rowOf(id) : -1;
    if (row < 0)
        return false;
    m_tree->setCurrentIndex(m_model->index(row, 0));
    return true;
}

void AccountsDialog::updateButtons()
{
    const bool selected = currentId() > 0;
    const bool writable = !m_db.isReadOnly();
    m_editButton->setEnabled(selected && writable);
    m_removeButton->setEnabled(selected && writable);
    m_syncButton->setEnabled(selected && m_sync);
}

void AccountsDialog::addAccount(Network network)
{
    if (m_db.isReadOnly())
        return;
    SocialAccount account;
    account.network = network;
    account.serverUrl = Networks::traits(network).defaultServer;
    showEditor(account);
}

void AccountsDialog::editCurrent()
{
    const qint64 id = currentId();
    for (const SocialAccount &a : m_model->accounts()) {
        if (a.id == id && !m_db.isReadOnly())
            showEditor(a);
    }
}

void AccountsDialog::showEditor(const SocialAccount &account)
{
    auto *editor = new AccountEditor(m_db, m_sync, m_scope, account, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &AccountEditor::saved, this, [this](qint64 id) {
        refresh();
        selectAccount(id);
        Q_EMIT accountsChanged();
    });
    editor->open();
}

void AccountsDialog::removeCurrent()
{
    const qint64 id = currentId();
    const int row = m_model->rowOf(id);
    if (row < 0 || m_db.isReadOnly())
        return;
    const SocialAccount account = m_model->accounts().at(row);
    MessageBox::question(this, tr("Remove Account?"),
        tr("Remove “%1”? Rapport stops syncing it and forgets its sign-in. What it already fetched stays in the "
           "contacts' history and the Inbox.")
            .arg(account.displayName),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel, this, [this, account](MessageBox::Button answer) {
            if (answer != QMessageBox::Yes)
                return;
            if (const Status s = SyncRepository(m_db).removeAccount(account.id); !s) {
                m_errorLabel->setText(s.error().message);
                m_errorLabel->show();
                return;
            }
            // Its secrets leave the keyring in the background (the session copy at once): a slow or locked keyring
            // never holds the window, and a keyring out of reach leaves nothing Rapport could do now anyway.
            SecretStore store(m_scope);
            for (const QString &name : Networks::traits(account.network).secretNames)
                store.removeAsync(account.secretKey(name), this);
            if (m_sync)
                m_sync->accountsChanged();
            refresh();
            Q_EMIT accountsChanged();
        });
}

void AccountsDialog::syncCurrent()
{
    if (const qint64 id = currentId(); id > 0 && m_sync)
        m_sync->syncNow(id);
}
