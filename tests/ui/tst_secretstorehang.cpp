// A keyring that never answers (issue 9): this test runs its own D-Bus session in which
// org.freedesktop.secrets, the name every keyring client asks, is owned by a service that takes every call and
// never replies — what a locked keyring waiting on an unseen prompt, or a hung daemon, looks like to Rapport.
// Adding an account in Settings → Accounts must keep the window running (no nested event loop on the GUI
// thread), then tell the user plainly that the secret is kept for this session only. The normal path, with a
// real private gnome-keyring, is tst_accountsdialog.
#include "common/messagebox.h"
#include "settings/accounteditor.h"
#include "settings/accountsdialog.h"
#include "storage/database.h"
#include "storage/syncrepository.h"
#include "sync/secretscope.h"
#include "sync/secretstore.h"
#include "testdatabase.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVirtualObject>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>

namespace {

// Owns the Secret Service's object paths and answers nothing.
class SilentSecretService final : public QDBusVirtualObject
{
public:
    QString introspect(const QString &) const override { return {}; }
    bool handleMessage(const QDBusMessage &, const QDBusConnection &) override
    {
        ++calls;
        return true; // taken, and never replied to
    }
    std::atomic<int> calls { 0 };
};

} // namespace

class TestSecretStoreHang final : public QObject
{
    Q_OBJECT

private:
    QProcess m_daemon;
    SilentSecretService m_service;
    std::unique_ptr<QDBusConnection> m_bus;

private Q_SLOTS:
    void initTestCase()
    {
        // A session bus of our own, before anything in this process talks to a keyring.
        m_daemon.start(QStringLiteral("dbus-daemon"),
            { QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--nopidfile"),
                QStringLiteral("--print-address=1") });
        QVERIFY2(m_daemon.waitForStarted(10000), "dbus-daemon is needed for this test");
        QByteArray address;
        while (!address.contains('\n') && m_daemon.waitForReadyRead(10000))
            address += m_daemon.readAllStandardOutput();
        address = address.trimmed();
        QVERIFY2(!address.isEmpty(), "dbus-daemon printed no address");
        qputenv("DBUS_SESSION_BUS_ADDRESS", address);

        m_bus = std::make_unique<QDBusConnection>(
            QDBusConnection::connectToBus(QString::fromLatin1(address), QStringLiteral("silent-secret-service")));
        QVERIFY(m_bus->isConnected());
        QVERIFY(m_bus->registerVirtualObject(QStringLiteral("/"), &m_service, QDBusConnection::SubPath));
        QVERIFY(m_bus->registerService(QStringLiteral("org.freedesktop.secrets")));
        SecretStore::setDefaultTimeoutForTesting(800);
    }

    void cleanupTestCase()
    {
        SecretStore::setDefaultTimeoutForTesting(0);
        if (m_bus) {
            m_bus->unregisterObject(QStringLiteral("/"), QDBusConnection::UnregisterTree);
            QDBusConnection::disconnectFromBus(m_bus->name());
        }
        m_daemon.kill();
        m_daemon.waitForFinished(5000);
    }

    void addingAnAccountKeepsTheWindowRunning()
    {
        auto opened = TestDatabase::create(QStringLiteral("sqlite"));
        QVERIFY(opened.ok());
        std::unique_ptr<Database> db = std::move(opened).value();
        const QString scope = SecretScope::forLocation(db->location());
        AccountsDialog dialog(*db, nullptr, scope);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("addMastodonPushButton")), Qt::LeftButton);
        const QList<AccountEditor *> editors = dialog.findChildren<AccountEditor *>();
        QCOMPARE(editors.size(), 1);
        AccountEditor *editor = editors.first();
        QTest::keyClicks(
            editor->findChild<QLineEdit *>(QStringLiteral("serverLineEdit")), QStringLiteral("agency.social"));
        QTest::keyClicks(editor->findChild<QLineEdit *>(QStringLiteral("secretLineEdit")), QStringLiteral("token-456"));

        // Whatever runs on the GUI thread meanwhile sees no nested event loop (a blocking keyring call would
        // spin one and run this timer inside it).
        int deepestLoop = 0;
        QTimer probe;
        probe.setInterval(5);
        connect(&probe, &QTimer::timeout, &probe,
            [&deepestLoop] { deepestLoop = std::max(deepestLoop, QThread::currentThread()->loopLevel()); });
        probe.start();

        QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("savePushButton")), Qt::LeftButton);
        // The click came back while the keyring still has not answered: the dialog waits, busy, and works.
        QVERIFY(editor->isSaving());
        QVERIFY(editor->isVisible());
        QVERIFY(!editor->findChild<QPushButton *>(QStringLiteral("savePushButton"))->isEnabled());
        auto *name = editor->findChild<QLineEdit *>(QStringLiteral("nameLineEdit"));
        QTest::keyClicks(name, QStringLiteral("Agency")); // typing still works (what was saved was read before)
        QCOMPARE(name->text(), QStringLiteral("Agency"));

        // After the timeout: saved, and the user is told why the secret lives in memory only.
        QTRY_VERIFY_WITH_TIMEOUT(!editor->isVisible(), 20000);
        probe.stop();
        QCOMPARE(deepestLoop, 0);
        QVERIFY2(m_service.calls.load() > 0, "the keyring was never asked");
        QVERIFY(SecretStore::usingMemoryFallback());
        auto *box = dialog.findChild<QMessageBox *>(QStringLiteral("rapportMessageBox"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("did not answer")), qPrintable(box->text()));
        QVERIFY2(box->text().contains(QStringLiteral("only until Rapport quits")), qPrintable(box->text()));
        const QList<SocialAccount> accounts = *SyncRepository(*db).accounts();
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(accounts.first().serverUrl, QStringLiteral("https://agency.social"));

        // Reading it back (Test Connection on the saved account) does not wait on the silent keyring again.
        bool answered = false;
        SecretStore(scope).readAsync(accounts.first().secretKey(QStringLiteral("access_token")), this,
            [&answered](const Result<QString> &secret) {
                answered = true;
                QCOMPARE(secret.ok() ? *secret : secret.error().message, QStringLiteral("token-456"));
            });
        QVERIFY(!answered); // never from inside the call
        QTRY_VERIFY(answered);
        box->close();
    }
};

QTEST_MAIN(TestSecretStoreHang)
#include "tst_secretstorehang.moc"
