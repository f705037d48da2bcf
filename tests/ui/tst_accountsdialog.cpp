#include "common/messagebox.h"
#include "loopbackhttpserver.h"
#include "mainwindow.h"
#include "settings/accounteditor.h"
#include "settings/accountsdialog.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/syncrepository.h"
#include "sync/secretscope.h"
#include "sync/secretstore.h"
#include "sync/syncmanager.h"
#include "syncstatus/syncstatuswidget.h"
#include "testdatabase.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTest>
#include <QTreeView>

// Settings → Accounts through its real widgets: adding a feed and a Bluesky account, field errors next to the
// field, removing (asks, and the secret leaves the keyring), state and last error in the list, and a feed from
// a loopback server tested, synced and landing in the contact's history.
class TestAccountsDialog final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<AccountsDialog> m_dialog;
    QString m_scope;
    qint64 m_dana = 0;

    AccountEditor *openEditor(const QString &button)
    {
        auto *b = m_dialog->findChild<QPushButton *>(button);
        if (!b)
            return nullptr;
        QTest::mouseClick(b, Qt::LeftButton);
        const QList<AccountEditor *> editors = m_dialog->findChildren<AccountEditor *>();
        return editors.isEmpty() ? nullptr : editors.last();
    }
    static void type(QWidget *parent, const QString &name, const QString &text)
    {
        auto *edit = parent->findChild<QLineEdit *>(name);
        QVERIFY2(edit, qPrintable(name));
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    static void save(AccountEditor *editor)
    {
        QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("savePushButton")), Qt::LeftButton);
    }
    QList<SocialAccount> accounts() { return *SyncRepository(*m_db).accounts(); }
    int interactionsOf(qint64 contactId)
    {
        QSqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM interactions WHERE contact_id = :c AND deleted_at IS NULL"));
        q.bindValue(QStringLiteral(":c"), contactId);
        if (!q.exec() || !q.next())
            return -1;
        return q.value(0).toInt();
    }

private Q_SLOTS:
    void init()
    {
        // A loaded machine's keyring can take longer than a user would wait for (5 s): the dialog's saves and
        // this test's reads wait longer, so what is checked is the behaviour, not the keyring's speed.
        SecretStore::setDefaultTimeoutForTesting(60000);
        m_db = std::move(TestDatabase::create(QStringLiteral("sqlite"))).value();
        m_scope = SecretScope::forLocation(m_db->location());
        Contact dana;
        dana.displayName = QStringLiteral("Dana Writer");
        QVERIFY(ContactRepository(*m_db).create(dana));
        m_dana = dana.id;
        m_dialog = std::make_unique<AccountsDialog>(*m_db, nullptr, m_scope);
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }
    void cleanup()
    {
        m_dialog.reset();
        m_db.reset();
    }

    void scopeIsPerDatabase()
    {
        QCOMPARE(SecretScope::forLocation(m_db->location()), m_scope);
        const DatabaseLocation other
            = DatabaseLocation::sqlite(TestDatabase::tempDir() + QStringLiteral("/other.sqlite"));
        QVERIFY(SecretScope::forLocation(other) != m_scope);
        DatabaseLocation pg
            = *DatabaseLocation::parse(QStringLiteral("postgresql://u:secretpw@db.example:5432/agency"));
        QVERIFY(!SecretScope::forLocation(pg).contains(QStringLiteral("secretpw")));
        pg.password = QStringLiteral("changed");
        QCOMPARE(SecretScope::forLocation(pg),
            SecretScope::forLocation(*DatabaseLocation::parse(QStringLiteral("postgresql://u@db.example/agency"))));
    }

    void addFeedWithFieldErrors()
    {
        QVERIFY(m_dialog->findChild<QLabel *>(QStringLiteral("emptyLabel"))->isVisible());
        AccountEditor *editor = openEditor(QStringLiteral("addFeedPushButton"));
        QVERIFY(editor);
        QVERIFY(QTest::qWaitForWindowExposed(editor));
        type(editor, QStringLiteral("serverLineEdit"), QStringLiteral("not a feed address"));
        type(editor, QStringLiteral("ownerLineEdit"), QStringLiteral("Dana Writer"));
        save(editor);
        auto *urlError = editor->findChild<QLabel *>(QStringLiteral("serverUrlErrorLabel"));
        QVERIFY(urlError->isVisible());
        QVERIFY2(urlError->text().contains(QStringLiteral("https://")), qPrintable(urlError->text()));
        QVERIFY(accounts().isEmpty());
        QVERIFY(editor->isVisible());

        // An owner nobody is called: the error is next to the owner field.
        type(editor, QStringLiteral("serverLineEdit"), QStringLiteral("https://blog.example/feed.xml"));
        QTest::mouseClick(editor->findChild<QRadioButton *>(QStringLiteral("organizationRadioButton")), Qt::LeftButton);
        type(editor, QStringLiteral("ownerLineEdit"), QStringLiteral("No Such Outlet"));
        save(editor);
        QVERIFY(!urlError->isVisible());
        auto *ownerError = editor->findChild<QLabel *>(QStringLiteral("ownerErrorLabel"));
        QVERIFY(ownerError->isVisible());
        QVERIFY2(ownerError->text().contains(QStringLiteral("No Such Outlet")), qPrintable(ownerError->text()));
        QVERIFY(accounts().isEmpty());

        QTest::mouseClick(editor->findChild<QRadioButton *>(QStringLiteral("contactRadioButton")), Qt::LeftButton);
        type(editor, QStringLiteral("ownerLineEdit"), QStringLiteral("Dana Writer"));
        auto *interval = editor->findChild<QSpinBox *>(QStringLiteral("intervalSpinBox"));
        QCOMPARE(interval->value(), 15);
        interval->setValue(30);
        save(editor);
        QTRY_VERIFY(!editor->isVisible());
        const QList<SocialAccount> all = accounts();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.first().network, Network::Feed);
        QCOMPARE(all.first().serverUrl, QStringLiteral("https://blog.example/feed.xml"));
        QCOMPARE(all.first().contactId, m_dana);
        QCOMPARE(all.first().organizationId, 0);
        QCOMPARE(all.first().syncIntervalS, 30 * 60);
        QAbstractItemModel *model = m_dialog->treeView()->model();
        QCOMPARE(model->rowCount(), 1);
        QVERIFY2(model->index(0, 0).data().toString().contains(QStringLiteral("blog.example")),
            qPrintable(model->index(0, 0).data().toString()));
        QCOMPARE(m_dialog->currentId(), all.first().id);
    }

    void stateAndLastErrorShown()
    {
        SyncRepository repo(*m_db);
        SocialAccount feed;
        feed.network = Network::Feed;
        feed.displayName = QStringLiteral("Dana's blog");
        feed.serverUrl = QStringLiteral("https://dana.example/rss");
        feed.contactId = m_dana;
        QVERIFY(repo.createAccount(feed));
        QVERIFY(repo.recordSyncResult(feed.id,
            Status(Error(QStringLiteral("The feed is gone (404)."), Error::Code::Network)), 0,
            SocialAccount::State::Error));
        m_dialog->refresh();
        QTreeView *view = m_dialog->treeView();
        auto cell = [view](int column) { return view->model()->index(0, column).data().toString(); };
        QCOMPARE(cell(1), QStringLiteral("Error"));
        QCOMPARE(cell(2), QStringLiteral("never"));
        QCOMPARE(cell(5), QStringLiteral("The feed is gone (404)."));

        // A fresh read updates the row in place (the model applies it by difference, the selection stays).
        QSignalSpy resets(view->model(), &QAbstractItemModel::modelReset);
        const QRect rect = view->visualRect(view->model()->index(0, 0));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(m_dialog->currentId(), feed.id);
        QVERIFY(m_dialog->findChild<QPushButton *>(QStringLiteral("editPushButton"))->isEnabled());
        QVERIFY(repo.recordSyncResult(feed.id, Status(), 7));
        m_dialog->refresh();
        QCOMPARE(cell(1), QStringLiteral("OK"));
        QVERIFY2(cell(2).startsWith(QStringLiteral("today ")), qPrintable(cell(2)));
        QCOMPARE(cell(3), QStringLiteral("7"));
        QCOMPARE(cell(5), QString());
        QCOMPARE(resets.count(), 0);
        QCOMPARE(m_dialog->currentId(), feed.id);
    }

    void blueskyRemoveAsksAndDeletesSecret()
    {
        AccountEditor *editor = openEditor(QStringLiteral("addBlueskyPushButton"));
        QVERIFY(editor);
        QCOMPARE(editor->findChild<QLineEdit *>(QStringLiteral("serverLineEdit"))->text(),
            QStringLiteral("https://bsky.social"));
        type(editor, QStringLiteral("handleLineEdit"), QStringLiteral("Agency.bsky.social"));
        save(editor);
        QVERIFY(
            editor->findChild<QLabel *>(QStringLiteral("secretErrorLabel"))->isVisible()); // an app password is needed
        QVERIFY(accounts().isEmpty());
        type(editor, QStringLiteral("secretLineEdit"), QStringLiteral("abcd-efgh-ijkl-mnop"));
        save(editor);
        QTRY_VERIFY(!editor->isVisible());
        QCOMPARE(accounts().size(), 1);
        const SocialAccount account = accounts().first();
        QCOMPARE(account.handle, QStringLiteral("agency.bsky.social"));
        QCOMPARE(account.userId, m_db->currentUserId());
        SecretStore store(m_scope);
        const QString key = account.secretKey(QStringLiteral("app_password"));
        const Result<QString> stored = store.read(key);
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error().message)); // a failure, not a crash, if the keyring is slow
        QCOMPARE(*stored, QStringLiteral("abcd-efgh-ijkl-mnop"));
        // Never in the database.
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM social_accounts WHERE "
                                      "COALESCE(display_name,'') || COALESCE(server_url,'') || COALESCE(handle,'') "
                                      "LIKE '%abcd-efgh%'"))
            && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        q.finish();

        // The session a sync keeps between runs (BlueskySession's tokens).
        const QString access = account.secretKey(QStringLiteral("access_jwt"));
        const QString refresh = account.secretKey(QStringLiteral("refresh_jwt"));
        QVERIFY(store.write(access, QStringLiteral("jwt-a")).ok());
        QVERIFY(store.write(refresh, QStringLiteral("jwt-r")).ok());

        // Remove asks: Cancel keeps everything.
        QVERIFY(m_dialog->selectAccount(account.id));
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        QTest::mouseClick(m_dialog->findChild<QPushButton *>(QStringLiteral("removePushButton")), Qt::LeftButton);
        QCOMPARE(accounts().size(), 1);
        QVERIFY(store.read(key).ok());

        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(m_dialog->findChild<QPushButton *>(QStringLiteral("removePushButton")), Qt::LeftButton);
        QVERIFY(accounts().isEmpty());
        const Result<QString> gone = store.read(key);
        QVERIFY(!gone);
        QCOMPARE(gone.error().code, Error::Code::NotFound);
        // Issue 9 (one description per network): the session tokens go with the account too.
        for (const QString &sessionKey : { access, refresh }) {
            const Result<QString> token = store.read(sessionKey);
            QVERIFY2(!token && token.error().code == Error::Code::NotFound, qPrintable(sessionKey));
        }
        QCOMPARE(m_dialog->treeView()->model()->rowCount(), 0);
    }

    void feedTestedAndSyncedIntoTimeline()
    {
        const QByteArray rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Dana's Desk</title>"
                               "<link>https://dana.example/</link>"
                               "<item><title>Why batteries matter</title><link>https://dana.example/a</link>"
                               "<guid>a</guid><pubDate>Mon, 02 Nov 2026 09:00:00 GMT</pubDate>"
                               "<description>First post</description></item>"
                               "<item><title>Grid storage, explained</title><link>https://dana.example/b</link>"
                               "<guid>b</guid><pubDate>Tue, 03 Nov 2026 09:00:00 GMT</pubDate>"
                               "<description>Second post</description></item></channel></rss>";
        LoopbackHttpServer server([rss](const LoopbackHttpServer::Request &) {
            return LoopbackHttpServer::Reply::text(rss, "application/rss+xml");
        });
        QVERIFY(server.isListening());

        SyncManager::Options options;
        options.periodic = false;
        options.syncOnStart = false;
        SyncManager sync(m_db->location(), m_scope, options);
        sync.start();
        m_dialog.reset();
        MainWindow window(*m_db);
        window.setSyncManager(&sync, m_scope);
        window.show();
        window.showAccounts();
        auto *dialog = window.findChild<AccountsDialog *>();
        QVERIFY(dialog);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("addFeedPushButton")), Qt::LeftButton);
        auto *editor = dialog->findChild<AccountEditor *>();
        QVERIFY(editor);
        const QString url = server.baseUrl().toString() + QStringLiteral("/feed.xml");
        type(editor, QStringLiteral("serverLineEdit"), url);
        type(editor, QStringLiteral("ownerLineEdit"), QStringLiteral("Dana Writer"));

        // Test connection answers by signal: busy meanwhile, the window keeps running.
        QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("testConnectionPushButton")), Qt::LeftButton);
        QVERIFY(editor->isTesting());
        QVERIFY(editor->findChild<QProgressBar *>(QStringLiteral("busyProgressBar"))->isVisible());
        auto *result = editor->findChild<QLabel *>(QStringLiteral("testResultLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(!editor->isTesting(), 20000);
        QVERIFY2(result->text().startsWith(QStringLiteral("✓")), qPrintable(result->text()));
        QVERIFY(!editor->findChild<QProgressBar *>(QStringLiteral("busyProgressBar"))->isVisible());
        QCOMPARE(interactionsOf(m_dana), 0); // testing stores nothing

        save(editor);
        QTRY_VERIFY(!editor->isVisible());
        QCOMPARE(dialog->treeView()->model()->rowCount(), 1);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("syncNowPushButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(interactionsOf(m_dana), 2, 20000);
        // The status bar line comes after the worker's queued signals (started, synced, idle) are in.
        QTRY_VERIFY_WITH_TIMEOUT(window.syncStatusWidget()->text().startsWith(QStringLiteral("Synced")), 20000);
        QVERIFY(!window.syncStatusWidget()->isBusy());
        QVERIFY2(window.syncStatusWidget()->text().contains(QStringLiteral("2 new item")),
            qPrintable(window.syncStatusWidget()->text()));
        QTRY_COMPARE(dialog->treeView()->model()->index(0, 1).data().toString(), QStringLiteral("OK"));
        sync.stop();
    }

    // Last: once the keyring failed, the process keeps secrets in memory for the rest of its life.
    void memoryFallbackIsSaidPlainly()
    {
        SecretStore::setKeyringDisabledForTesting(true);
        AccountEditor *editor = openEditor(QStringLiteral("addMastodonPushButton"));
        QVERIFY(editor);
        type(editor, QStringLiteral("serverLineEdit"), QStringLiteral("agency.social"));
        type(editor, QStringLiteral("secretLineEdit"), QStringLiteral("token-123"));
        save(editor);
        QTRY_VERIFY(!editor->isVisible());
        QCOMPARE(accounts().size(), 1);
        QCOMPARE(accounts().first().serverUrl, QStringLiteral("https://agency.social"));
        QVERIFY(SecretStore::usingMemoryFallback());
        QCOMPARE(*SecretStore(m_scope).read(accounts().first().secretKey(QStringLiteral("access_token"))),
            QStringLiteral("token-123"));
        // The user is told, in a box over the Accounts dialog.
        auto *box = m_dialog->findChild<QMessageBox *>(QStringLiteral("rapportMessageBox"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("only until Rapport quits")), qPrintable(box->text()));
        box->close();
        delete box;
        editor = openEditor(QStringLiteral("addBlueskyPushButton"));
        QVERIFY(editor);
        auto *notice = editor->findChild<QLabel *>(QStringLiteral("memoryFallbackLabel"));
        QVERIFY(notice->isVisible());
        QVERIFY(notice->text().contains(QStringLiteral("only until Rapport quits")));
        SecretStore::setKeyringDisabledForTesting(false);
    }
};

QTEST_MAIN(TestAccountsDialog)
#include "tst_accountsdialog.moc"
