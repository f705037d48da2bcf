#include "common/messagebox.h"
#include "contacts/conflictdialog.h"
#include "contacts/contacteditor.h"
#include "contacts/contactsview.h"
#include "itemmodels/contactlistmodel.h"
#include "mainwindow.h"
#include "settings/connectdialog.h"
#include "settings/teamconnection.h"
#include "storage/changenotifier.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/livechannel.h"
#include "sync/secretscope.h"
#include "sync/secretstore.h"
#include "retype.h"
#include "testdatabase.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>

// Team mode through the window (issue 14), against the real PostgreSQL of tests/run-tests.sh: two windows,
// each on its own connection to one database, as two people; a connection cut under a window; File →
// Connect to Team Database….
namespace {

constexpr int kWait = 20000; // generous: the machine may be busy; nothing asserts how fast

struct Side
{
    std::unique_ptr<Database> db;
    std::unique_ptr<MainWindow> window;
    ContactsView *view = nullptr;
    ContactEditor *editor = nullptr;

    explicit Side(const DatabaseLocation &location)
    {
        db = std::move(Database::open(location)).value();
        window = std::make_unique<MainWindow>(*db);
        window->resize(1100, 700);
        window->show();
        view = window->contactsView();
        editor = view->findChild<ContactEditor *>();
    }
    QLineEdit *title() const { return editor->findChild<QLineEdit *>(QStringLiteral("titleLineEdit")); }
    QString listTitle(qint64 id) const
    {
        auto *model = qobject_cast<ContactListModel *>(view->tableView()->model());
        if (!model) // behind a proxy
            model = view->findChild<ContactListModel *>();
        const int row = model->rowOfId(id);
        return row < 0 ? QString() : model->index(row, ContactListModel::TitleColumn).data().toString();
    }
    qint64 currentId() const { return view->tableView()->currentIndex().data(ContactListModel::IdRole).toLongLong(); }
    QString connectionText() const
    {
        auto *label = window->findChild<QLabel *>(QStringLiteral("connectionLabel"));
        return label ? label->text() : QString();
    }
};

qint64 addContact(Database &db, const QString &first, const QString &last, const QString &title)
{
    Contact c;
    c.firstName = first;
    c.lastName = last;
    c.title = title;
    if (Status s = ContactRepository(db).create(c); !s)
        qFatal("creating a contact failed: %s", qPrintable(s.error().message));
    return c.id;
}

bool terminateListenersAndWindow(Database &admin, qint64 windowPid)
{
    QSqlQuery q(admin.connection());
    q.prepare(QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = "
                             "current_database() AND (application_name = 'rapport-live' OR pid = :pid) "
                             "AND pid <> pg_backend_pid()"));
    q.bindValue(QStringLiteral(":pid"), windowPid);
    return q.exec() && q.next() && q.value(0).toInt() >= 2;
}

int remoteChangesNaming(const QSignalSpy &spy, qint64 id)
{
    int n = 0;
    for (const QList<QVariant> &args : spy) {
        const Change c = args.at(0).value<Change>();
        if (c.origin == Change::Origin::Remote && c.table == Change::Table::Contacts && c.ids.contains(id))
            ++n;
    }
    return n;
}

} // namespace

#define FRESH_POSTGRES(location)                                                                                       \
    Result<DatabaseLocation> location = TestDatabase::freshLocation(QStringLiteral("postgres"));                       \
    if (!location) {                                                                                                   \
        if (TestDatabase::postgresRequired())                                                                          \
            QFAIL(qPrintable(location.error().message));                                                               \
        QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");                                               \
    }

class TestTeamLive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void twoWindowsSeeEachOthersEdits();
    void aCutConnectionKeepsTheEditInProgress();
    void savingWithoutAConnectionSaysSo();
    void theSameFieldEditedInTwoWindowsAsks();
    void connectDialogTestsAndConnects();
    void connectDialogSaysWhatIsWrong();
    void anEmptyTeamDatabaseIsNotOfferedTheDemo();
};

void TestTeamLive::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTeamLive::init()
{
    QSettings().clear();
    MessageBox::setNextAnswer(QMessageBox::NoButton);
}

void TestTeamLive::twoWindowsSeeEachOthersEdits()
{
    FRESH_POSTGRES(location);
    {
        std::unique_ptr<Database> setup = std::move(Database::open(*location)).value();
        addContact(*setup, QStringLiteral("Ada"), QStringLiteral("Lovelace"), QStringLiteral("Editor"));
        addContact(*setup, QStringLiteral("Bob"), QStringLiteral("Brown"), QStringLiteral("Reporter"));
    }
    Side alice(*location);
    Side bert(*location);
    QVERIFY(alice.window->liveChannel());
    QTRY_COMPARE_WITH_TIMEOUT(alice.window->liveChannel()->state(), LiveChannel::State::Live, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(bert.window->liveChannel()->state(), LiveChannel::State::Live, kWait);
    QSqlQuery q(alice.db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT id, first_name FROM contacts ORDER BY id")));
    QVERIFY(q.next());
    const qint64 adaId = q.value(0).toLongLong();
    QVERIFY(q.next());
    const qint64 bobId = q.value(0).toLongLong();

    // Where and as whom, in the title and the status bar.
    const QString where = TeamConnection::describe(*location);
    QVERIFY(alice.window->windowTitle().contains(where));
    QCOMPARE(alice.connectionText(), QStringLiteral("Team: %1").arg(where));

    // Bert looks at Bob; Alice edits Ada's title in her window.
    bert.view->selectContact(bobId);
    QTRY_COMPARE(bert.currentId(), bobId);
    alice.window->activateWindow(); // Ctrl+S is a window shortcut
    QVERIFY(QTest::qWaitForWindowActive(alice.window.get()));
    alice.view->selectContact(adaId);
    QTRY_COMPARE(alice.title()->text(), QStringLiteral("Editor"));
    QSignalSpy changed(ChangeNotifier::instance(), &ChangeNotifier::changed);
    retype(alice.title(), QStringLiteral("Editor-in-chief"));
    QTest::keyClick(alice.title(), Qt::Key_S, Qt::ControlModifier);
    QCOMPARE(ContactRepository(*bert.db).get(adaId)->title, QStringLiteral("Editor-in-chief"));

    // Bert's list shows it, his current row stays Bob's; the change reached him from the server (Alice's
    // own channel skips her writes, so only Bert's can report it as Remote).
    QTRY_COMPARE_WITH_TIMEOUT(bert.listTitle(adaId), QStringLiteral("Editor-in-chief"), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(remoteChangesNaming(changed, adaId) >= 1, kWait);
    QVERIFY(bert.window->liveChannel()->receivedCount() >= 1);
    QCOMPARE(bert.currentId(), bobId);

    // Alice edits Bob, whose profile Bert has open (without edits of his): it shows the new title.
    alice.view->selectContact(bobId);
    QTRY_COMPARE(alice.title()->text(), QStringLiteral("Reporter"));
    retype(alice.title(), QStringLiteral("Senior reporter"));
    QTest::keyClick(alice.title(), Qt::Key_S, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(bert.title()->text(), QStringLiteral("Senior reporter"), kWait);
    QCOMPARE(bert.currentId(), bobId);

    // A contact Alice adds appears in Bert's list.
    const qint64 cleo = addContact(*alice.db, QStringLiteral("Cleo"), QStringLiteral("Chan"), QStringLiteral("Blogger"));
    QTRY_COMPARE_WITH_TIMEOUT(bert.listTitle(cleo), QStringLiteral("Blogger"), kWait);
    QCOMPARE(bert.currentId(), bobId);
}

void TestTeamLive::aCutConnectionKeepsTheEditInProgress()
{
    FRESH_POSTGRES(location);
    std::unique_ptr<Database> admin = std::move(Database::open(*location)).value();
    const qint64 ada = addContact(*admin, QStringLiteral("Ada"), QStringLiteral("Lovelace"), QStringLiteral("Editor"));
    Side bert(*location);
    bert.window->activateWindow(); // Ctrl+S is a window shortcut
    QVERIFY(QTest::qWaitForWindowActive(bert.window.get()));
    LiveChannel *channel = bert.window->liveChannel();
    QTRY_COMPARE_WITH_TIMEOUT(channel->state(), LiveChannel::State::Live, kWait);
    // What the status bar said at each change of state.
    QStringList said;
    connect(channel, &LiveChannel::stateChanged, this, [&] { said.append(bert.connectionText()); });

    bert.view->selectContact(ada);
    QTRY_COMPARE(bert.title()->text(), QStringLiteral("Editor"));
    retype(bert.title(), QStringLiteral("Typed before the outage"));

    // The server drops both of Bert's connections (as when it restarts); meanwhile someone else edits.
    QVERIFY(terminateListenersAndWindow(*admin, bert.db->backendPid()));
    Result<Contact> other = ContactRepository(*admin).get(ada);
    other->notes = QStringLiteral("A note written meanwhile");
    QVERIFY(ContactRepository(*admin).update(*other));

    QTRY_VERIFY_WITH_TIMEOUT(said.contains(QStringLiteral("Offline — reconnecting…")), kWait);
    QTRY_COMPARE_WITH_TIMEOUT(channel->state(), LiveChannel::State::Live, kWait);
    QCOMPARE(bert.title()->text(), QStringLiteral("Typed before the outage")); // kept

    // Saving now meets the other change to another field: merged field by field (issue 14), nothing lost.
    QTest::keyClick(bert.title(), Qt::Key_S, Qt::ControlModifier);
    QTRY_COMPARE(ContactRepository(*admin).get(ada)->title, QStringLiteral("Typed before the outage"));
    QCOMPARE(ContactRepository(*admin).get(ada)->notes, QStringLiteral("A note written meanwhile"));
    QVERIFY(!bert.editor->findChild<QWidget *>(QStringLiteral("conflictBannerWidget"))->isVisible());
    QVERIFY(bert.db->ping());
}

// Saving while the window's connection is gone (before it is open again): not a field's fault, so no field
// shows an error; the status bar says the connection was lost and nothing was saved; the edit stays and is
// saved once the connection is back. The second try meets libpq failing at once, without a word.
void TestTeamLive::savingWithoutAConnectionSaysSo()
{
    FRESH_POSTGRES(location);
    std::unique_ptr<Database> admin = std::move(Database::open(*location)).value();
    const qint64 ada = addContact(*admin, QStringLiteral("Ada"), QStringLiteral("Lovelace"), QStringLiteral("Editor"));
    Side bert(*location);
    bert.window->activateWindow(); // Ctrl+S is a window shortcut
    QVERIFY(QTest::qWaitForWindowActive(bert.window.get()));
    QTRY_COMPARE_WITH_TIMEOUT(bert.window->liveChannel()->state(), LiveChannel::State::Live, kWait);
    bert.view->selectContact(ada);
    QTRY_COMPARE(bert.title()->text(), QStringLiteral("Editor"));
    retype(bert.title(), QStringLiteral("Typed while cut off"));

    // Only the window's connection is cut; nothing has noticed yet.
    const qint64 windowPid = bert.db->backendPid();
    {
        QSqlQuery q(admin->connection());
        q.prepare(QStringLiteral("SELECT pg_terminate_backend(:pid)"));
        q.bindValue(QStringLiteral(":pid"), windowPid);
        QVERIFY(q.exec() && q.next() && q.value(0).toBool());
    }
    for (int attempt = 0; attempt < 2; ++attempt) {
        QTest::keyClick(bert.title(), Qt::Key_S, Qt::ControlModifier);
        const QString said = bert.window->statusBar()->currentMessage();
        QVERIFY2(said.contains(QStringLiteral("was lost")) && said.contains(QStringLiteral("did not happen")),
            qPrintable(said));
        for (QLabel *error : bert.editor->findChildren<QLabel *>())
            if (error->objectName().endsWith(u"ErrorLabel"))
                QVERIFY2(error->isHidden(), qPrintable(error->objectName() + u": " + error->text()));
        QCOMPARE(bert.title()->text(), QStringLiteral("Typed while cut off"));
    }
    QCOMPARE(ContactRepository(*admin).get(ada)->title, QStringLiteral("Editor"));

    // The channel opens the connection again; then saving works, with what was typed.
    QTRY_VERIFY_WITH_TIMEOUT(bert.db->backendPid() != windowPid && !bert.db->connectionLost(), kWait);
    QTRY_COMPARE_WITH_TIMEOUT(bert.window->liveChannel()->state(), LiveChannel::State::Live, kWait);
    QTest::keyClick(bert.title(), Qt::Key_S, Qt::ControlModifier);
    QTRY_COMPARE(ContactRepository(*admin).get(ada)->title, QStringLiteral("Typed while cut off"));
}

void TestTeamLive::theSameFieldEditedInTwoWindowsAsks()
{
    FRESH_POSTGRES(location);
    qint64 ada = 0;
    {
        std::unique_ptr<Database> setup = std::move(Database::open(*location)).value();
        ada = addContact(*setup, QStringLiteral("Ada"), QStringLiteral("Lovelace"), QStringLiteral("Editor"));
    }
    Side alice(*location);
    Side bert(*location);
    QTRY_COMPARE_WITH_TIMEOUT(bert.window->liveChannel()->state(), LiveChannel::State::Live, kWait);
    alice.view->selectContact(ada);
    bert.view->selectContact(ada);
    QTRY_COMPARE(alice.title()->text(), QStringLiteral("Editor"));
    QTRY_COMPARE(bert.title()->text(), QStringLiteral("Editor"));

    // Bert starts typing; Alice saves the same field. Bert's form keeps his text (it has unsaved edits).
    retype(bert.title(), QStringLiteral("Bert's title"));
    alice.window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(alice.window.get()));
    retype(alice.title(), QStringLiteral("Alice's title"));
    QTest::keyClick(alice.title(), Qt::Key_S, Qt::ControlModifier);
    QTRY_COMPARE(ContactRepository(*bert.db).get(ada)->title, QStringLiteral("Alice's title"));
    QTRY_VERIFY_WITH_TIMEOUT(bert.window->liveChannel()->receivedCount() >= 1, kWait);
    QCOMPARE(bert.title()->text(), QStringLiteral("Bert's title"));

    // Bert saves: the conflict dialog asks; Cancel keeps Alice's value stored and Bert's text in the form.
    bert.window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(bert.window.get()));
    QTest::keyClick(bert.title(), Qt::Key_S, Qt::ControlModifier);
    ConflictDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = bert.window->findChild<ConflictDialog *>()) && dialog->isVisible());
    dialog->reject();
    QCOMPARE(ContactRepository(*alice.db).get(ada)->title, QStringLiteral("Alice's title"));
    QCOMPARE(bert.title()->text(), QStringLiteral("Bert's title"));
}

void TestTeamLive::connectDialogTestsAndConnects()
{
    FRESH_POSTGRES(location);
    std::unique_ptr<Database> local = std::move(TestDatabase::create(QStringLiteral("sqlite"))).value();
    MainWindow window(*local);
    window.show();
    QVERIFY(!window.liveChannel());
    QVERIFY(!window.findChild<QLabel *>(QStringLiteral("connectionLabel")));
    auto *action = window.findChild<QAction *>(QStringLiteral("connectTeamDatabaseAction"));
    QVERIFY(action);
    action->trigger();
    auto *dialog = window.findChild<ConnectDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());

    retype(dialog->findChild<QLineEdit *>(QStringLiteral("hostLineEdit")), location->host);
    auto *port = dialog->findChild<QSpinBox *>(QStringLiteral("portSpinBox"));
    port->setValue(location->port);
    retype(dialog->findChild<QLineEdit *>(QStringLiteral("databaseLineEdit")), location->databaseName);
    retype(dialog->findChild<QLineEdit *>(QStringLiteral("userLineEdit")), location->user);
    retype(dialog->findChild<QLineEdit *>(QStringLiteral("passwordLineEdit")), location->password);
    auto *tls = dialog->findChild<QComboBox *>(QStringLiteral("tlsComboBox"));
    tls->setCurrentIndex(tls->findData(QStringLiteral("prefer"))); // the test server speaks no TLS
    auto *message = dialog->findChild<QLabel *>(QStringLiteral("connectMessageLabel"));

    QSignalSpy attempts(dialog, &ConnectDialog::attemptFinished);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("testConnectionButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(attempts.count(), 1, kWait);
    QVERIFY2(attempts.at(0).at(0).toBool(), qPrintable(message->text()));
    QVERIFY(dialog->isVisible());

    QSignalSpy switching(&window, &MainWindow::databaseSwitchRequested);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("connectButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(switching.count(), 1, kWait);
    const DatabaseLocation chosen = switching.at(0).at(0).value<DatabaseLocation>();
    QCOMPARE(chosen.host, location->host);
    QCOMPARE(chosen.port, location->port);
    QCOMPARE(chosen.databaseName, location->databaseName);
    QCOMPARE(chosen.password, location->password);
    QVERIFY(!dialog->isVisible());

    // Saved for the next start without the password, which is in the keyring.
    const QString url = QSettings().value(QStringLiteral("team/url")).toString();
    QVERIFY(url.contains(location->databaseName));
    if (!location->password.isEmpty())
        QVERIFY(!url.contains(location->password));
    QCOMPARE(TeamConnection::saved()->host, location->host);
    bool read = false;
    QString password;
    SecretStore(SecretScope::forLocation(*location))
        .readAsync(TeamConnection::passwordKey(), this, [&](const Result<QString> &r) {
            read = true;
            password = r ? *r : QString();
        });
    QTRY_VERIFY_WITH_TIMEOUT(read, kWait);
    QCOMPARE(password, location->password);
}

void TestTeamLive::connectDialogSaysWhatIsWrong()
{
    FRESH_POSTGRES(location);
    ConnectDialog dialog(*location);
    dialog.show();
    auto *message = dialog.findChild<QLabel *>(QStringLiteral("connectMessageLabel"));
    auto *password = dialog.findChild<QLineEdit *>(QStringLiteral("passwordLineEdit"));
    auto *tls = dialog.findChild<QComboBox *>(QStringLiteral("tlsComboBox"));
    tls->setCurrentIndex(tls->findData(QStringLiteral("prefer")));
    QSignalSpy attempts(&dialog, &ConnectDialog::attemptFinished);
    QSignalSpy connecting(&dialog, &ConnectDialog::connectRequested);

    // A wrong password: said, nothing saved, the fields keep what was typed.
    retype(password, QStringLiteral("not-the-password"));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("connectButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(attempts.count(), 1, kWait);
    QVERIFY(!attempts.at(0).at(0).toBool());
    QVERIFY2(message->text().contains(QStringLiteral("password"), Qt::CaseInsensitive), qPrintable(message->text()));
    QCOMPARE(password->text(), QStringLiteral("not-the-password"));
    QCOMPARE(connecting.count(), 0);
    QVERIFY(!QSettings().contains(QStringLiteral("team/url")));
    QVERIFY(dialog.isVisible());

    // verify-full against a server without TLS is refused, not silently downgraded.
    retype(password, location->password);
    tls->setCurrentIndex(tls->findData(QStringLiteral("verify-full")));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testConnectionButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(attempts.count(), 2, kWait);
    QVERIFY(!attempts.at(1).at(0).toBool());
    QVERIFY2(message->text().contains(QStringLiteral("SSL"), Qt::CaseInsensitive), qPrintable(message->text()));
    // One paragraph (libpq's tab-indented hint lines joined), and the dialog grew for it: no field squeezed.
    QVERIFY2(!message->text().contains(u'\n') && !message->text().contains(u'\t'), qPrintable(message->text()));
    for (QWidget *field : dialog.findChildren<QLineEdit *>())
        if (field->objectName().endsWith(u"LineEdit")) // not the spin box's own
            QVERIFY2(field->height() >= field->sizeHint().height(), qPrintable(field->objectName()));
    QVERIFY(message->height() >= message->heightForWidth(message->width()));

    // Missing fields are said before anything is tried.
    retype(dialog.findChild<QLineEdit *>(QStringLiteral("hostLineEdit")), QString());
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testConnectionButton")), Qt::LeftButton);
    QCOMPARE(message->text(), ConnectDialog::tr("Enter the server's name or address."));
    QCOMPARE(attempts.count(), 2);
}


// An empty team database does not ask whoever opens it first to load the made-up demo agency into the team's
// shared memory (a personal SQLite database does: tst_mainwindow).
void TestTeamLive::anEmptyTeamDatabaseIsNotOfferedTheDemo()
{
    FRESH_POSTGRES(location);
    Side bert(*location);
    QVERIFY(QTest::qWaitForWindowExposed(bert.window.get()));
    bert.window->offerDemoDataIfEmpty(); // no answer prepared: had it asked, a box would be open now
    bool asked = false;
    for (QMessageBox *box : bert.window->findChildren<QMessageBox *>())
        asked = asked || box->isVisible();
    QVERIFY(!asked);
    QVERIFY(!bert.window->findChild<QProgressDialog *>(QStringLiteral("demoDataProgressDialog")));
}

QTEST_MAIN(TestTeamLive)
#include "tst_teamlive.moc"
