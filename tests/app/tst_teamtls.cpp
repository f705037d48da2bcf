// TLS to the team database (issue 14, docs/TEAM.md "with TLS"), against the second PostgreSQL of
// tests/run-tests.sh: a real server with ssl = on, a certificate for localhost and 127.0.0.1 signed by a CA the
// script made with openssl for this run, and pg_hba.conf lines for hostssl only. Connecting with verify-full
// and that CA works and is encrypted (pg_stat_ssl); the wrong CA, a name not in the certificate and a server
// without TLS are refused in words; the command line's --db URL and File → Connect to Team Database… (driven
// with key presses through the app's composition root, app/gui.cpp) end on an encrypted connection, and the
// dialog's choice is what the next start opens.
#include "commandline.h"
#include "gui.h"
#include "mainwindow.h"
#include "settings/connectdialog.h"
#include "settings/teamconnection.h"
#include "storage/connectionsecurity.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "sync/secretscope.h"
#include "sync/secretstore.h"
#include "testdatabase.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QAbstractItemView>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

namespace {

constexpr int kWait = 30000; // generous: the machine may be busy; nothing asserts how fast

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run rapport(const QStringList &args, const QString &password)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGPASSWORD"), password); // as TEAM.md shows it: not in the URL
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(RAPPORT_BINARY), args);
    if (!p.waitForFinished(120'000))
        return {};
    return Run { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
}

// Whether the server sees this connection encrypted, asked the way the issue names it.
bool sessionIsEncrypted(Database &db)
{
    QSqlQuery q(db.connection());
    return q.exec(QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) && q.next()
        && q.value(0).toBool();
}

// The sessions on a database as the server sees them: how many, and how many of them are not encrypted.
std::pair<int, int> sessionsOn(Database &admin, const QString &database)
{
    QSqlQuery q(admin.connection());
    q.prepare(QStringLiteral("SELECT count(*), count(*) FILTER (WHERE NOT s.ssl) FROM pg_stat_activity a "
                             "JOIN pg_stat_ssl s USING (pid) WHERE a.datname = :db AND a.pid <> pg_backend_pid()"));
    q.bindValue(QStringLiteral(":db"), database);
    if (!q.exec() || !q.next())
        return { -1, -1 };
    return { q.value(0).toInt(), q.value(1).toInt() };
}

MainWindow *visibleMainWindow()
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *window = qobject_cast<MainWindow *>(w); window && window->isVisible())
            return window;
    return nullptr;
}

void retype(QWidget *field, const QString &text)
{
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(field, Qt::Key_Backspace);
    QTest::keyClicks(field, text);
}

// Runs the app's composition root (app/gui.cpp) as `rapport [args]` while `step` drives it every 25 ms until it
// returns true; then closes every window. Returns Gui::run's exit status, or -1 if `step` never finished.
int runApp(const QStringList &args, const std::function<bool()> &step)
{
    bool finished = false;
    QTimer driver;
    driver.setInterval(25);
    QObject::connect(&driver, &QTimer::timeout, [&] {
        if (!finished && step()) {
            finished = true;
            for (QWidget *w : QApplication::topLevelWidgets())
                w->close();
        }
    });
    driver.start();
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, [] {
        for (QWidget *w : QApplication::topLevelWidgets())
            w->close();
    });
    timeout.start(120000);
    const Invocation inv = Invocation::parse(QStringList { QStringLiteral("rapport") } + args);
    QElapsedTimer sinceStart;
    sinceStart.start();
    const int status = Gui::run(*qApp, inv, sinceStart);
    driver.stop();
    return finished ? status : -1;
}

} // namespace

#define TLS_SERVER(location)                                                                                           \
    Result<DatabaseLocation> location = TestDatabase::freshLocation(QStringLiteral("postgres-tls"));                   \
    if (!location) {                                                                                                   \
        if (TestDatabase::postgresRequired())                                                                          \
            QFAIL(qPrintable(location.error().message));                                                               \
        QSKIP("No PostgreSQL with TLS (run the tests with tests/run-tests.sh)");                                       \
    }

class TestTeamTls final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void verifyFullWithTheRightCaIsEncrypted_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("by name") << QStringLiteral("localhost");
        QTest::newRow("by address") << QStringLiteral("127.0.0.1"); // the certificate lists both
    }
    void verifyFullWithTheRightCaIsEncrypted()
    {
        QFETCH(QString, host);
        TLS_SERVER(location);
        QCOMPARE(location->sslMode, QStringLiteral("verify-full"));
        QVERIFY(QFile::exists(location->sslRootCert));
        location->host = host;
        Result<std::unique_ptr<Database>> db = Database::open(*location);
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        QVERIFY(sessionIsEncrypted(**db));
        QVERIFY(ConnectionSecurity::isEncrypted(**db));
        QSqlQuery q((*db)->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) && q.next());
        QVERIFY2(q.value(0).toString().startsWith(u"TLSv1."), qPrintable(q.value(0).toString()));

        // The plain server of the other tests is not encrypted, and Rapport knows it.
        Result<std::unique_ptr<Database>> plain = TestDatabase::create(QStringLiteral("postgres"));
        QVERIFY(plain);
        QVERIFY(!sessionIsEncrypted(**plain));
        QVERIFY(!ConnectionSecurity::isEncrypted(**plain));
    }

    // A CA file in a folder with a space in its name (libpq's conninfo needs it quoted).
    void aCaPathWithASpaceWorks()
    {
        TLS_SERVER(location);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("Agency CA's files")));
        const QString ca = dir.filePath(QStringLiteral("Agency CA's files/ca.crt"));
        QVERIFY(QFile::copy(location->sslRootCert, ca));
        location->sslRootCert = ca;
        Result<std::unique_ptr<Database>> db = Database::open(*location, Database::OpenFlag::NoMigrate);
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        QVERIFY(sessionIsEncrypted(**db));
        // Through a URL too, as --db and the saved settings carry it.
        Result<DatabaseLocation> back = DatabaseLocation::parse(location->toUrl());
        QVERIFY(back);
        QCOMPARE(back->sslRootCert, ca);
    }

    void refusedInWords_data()
    {
        QTest::addColumn<QString>("server"); // "tls" or "plain"
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("libpqSays");
        QTest::addColumn<QString>("rapportSays");
        QTest::newRow("the wrong CA") << "tls"
                                      << "wrong-ca"
                                      << "certificate verify failed"
                                      << "could not be verified with the CA file";
        QTest::newRow("a name not in the certificate") << "tls"
                                                       << "other-host"
                                                       << "does not match host name"
                                                       << "made out to another name";
        QTest::newRow("a server without TLS") << "plain"
                                              << ""
                                              << "server does not support SSL"
                                              << "does not offer encryption (TLS)";
        QTest::newRow("no CA file") << "tls"
                                    << "missing-ca"
                                    << "does not exist"
                                    << "Choose the CA file";
        // Proves that this server refuses what is not encrypted (the command-line test below relies on it).
        QTest::newRow("no encryption") << "tls"
                                       << "disable"
                                       << "no encryption"
                                       << "accepts only encrypted connections";
    }
    void refusedInWords()
    {
        QFETCH(QString, server);
        QFETCH(QString, change);
        QFETCH(QString, libpqSays);
        QFETCH(QString, rapportSays);
        TLS_SERVER(tls);
        DatabaseLocation location = *tls;
        if (server == u"plain") {
            Result<DatabaseLocation> plain = TestDatabase::freshLocation(QStringLiteral("postgres"));
            QVERIFY(plain);
            location = *plain;
            location.sslMode = QStringLiteral("verify-full");
            location.sslRootCert = tls->sslRootCert;
        } else if (change == u"wrong-ca") {
            location.sslRootCert = qEnvironmentVariable("RAPPORT_TEST_PG_TLS_WRONG_CA");
            QVERIFY(QFile::exists(location.sslRootCert));
        } else if (change == u"other-host") {
            location.host = qEnvironmentVariable("RAPPORT_TEST_PG_TLS_OTHER_HOST");
            QVERIFY(!location.host.isEmpty());
        } else if (change == u"missing-ca") {
            location.sslRootCert = TestDatabase::tempDir() + QStringLiteral("/no-such-ca.crt");
        } else if (change == u"disable") {
            location.sslMode = QStringLiteral("disable");
            location.sslRootCert.clear();
        }
        Result<std::unique_ptr<Database>> db = Database::open(location, Database::OpenFlag::NoMigrate);
        QVERIFY(!db);
        const QString message = db.error().message;
        QVERIFY2(message.contains(libpqSays), qPrintable(message));
        QVERIFY2(message.contains(rapportSays), qPrintable(message));
        QVERIFY2(message.contains(location.displayName()), qPrintable(message));
        QVERIFY2(!message.contains(location.password), qPrintable(message));
    }

    // --db postgresql://…?sslmode=verify-full&sslrootcert=… as TEAM.md writes it, password from PGPASSWORD.
    void commandLineUrl()
    {
        TLS_SERVER(location);
        const QString url = QStringLiteral("postgresql://%1@localhost:%2/%3?sslmode=verify-full&sslrootcert=%4")
                                .arg(location->user)
                                .arg(location->port)
                                .arg(location->databaseName, location->sslRootCert);
        Run run = rapport({ QStringLiteral("--db"), url, QStringLiteral("stats"), QStringLiteral("--json") },
            location->password);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("schema")), qPrintable(run.out));
        // The server admits only TLS (refusedInWords, "no encryption"), so this ran encrypted; and the
        // database was set up by it.
        Result<std::unique_ptr<Database>> db = Database::open(*location, Database::OpenFlag::NoMigrate);
        QVERIFY(db);
        QVERIFY(*(*db)->schemaVersion() > 0);

        // The wrong CA: exit status 1 and the reason on standard error, in words.
        QUrl wrong(url);
        QUrlQuery query(wrong);
        query.removeQueryItem(QStringLiteral("sslrootcert"));
        query.addQueryItem(QStringLiteral("sslrootcert"), qEnvironmentVariable("RAPPORT_TEST_PG_TLS_WRONG_CA"));
        wrong.setQuery(query);
        run = rapport({ QStringLiteral("--db"), wrong.toString(), QStringLiteral("stats") }, location->password);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("could not be verified with the CA file")), qPrintable(run.err));

        // An unknown sslmode is bad usage, said before anything is tried.
        run = rapport({ QStringLiteral("--db"), QString(url).replace(QStringLiteral("verify-full"), QStringLiteral("verify-all")),
                          QStringLiteral("stats") },
            location->password);
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains(QStringLiteral("verify-all")), qPrintable(run.err));
    }

    // File → Connect to Team Database… with key presses, the CA picked in the file dialog, then Connect: the
    // window reopens on the team database over TLS; the next start opens it again from the settings (the
    // password from the keyring) and the dialog shows the choice again.
    void connectDialogOverTlsIsRemembered()
    {
        TLS_SERVER(location);
        {
            // Not empty, so that no window offers demo data.
            Result<std::unique_ptr<Database>> db = Database::open(*location);
            QVERIFY(db);
            Contact c;
            c.firstName = QStringLiteral("Ada");
            c.lastName = QStringLiteral("Lovelace");
            QVERIFY(ContactRepository(**db).create(c));
        }
        Result<std::unique_ptr<Database>> admin = Database::open(*location, Database::OpenFlag::NoMigrate);
        QVERIFY(admin);
        QTemporaryDir dir;
        const QString local = dir.filePath(QStringLiteral("local.sqlite"));
        {
            Result<std::unique_ptr<Database>> db = Database::open(DatabaseLocation::sqlite(local));
            QVERIFY(db);
            Contact c;
            c.firstName = QStringLiteral("Local");
            QVERIFY(ContactRepository(**db).create(c));
        }
        const QString where = TeamConnection::describe(*location);

        enum class Step { Local, Dialog, FileDialog, Connecting, TeamWindow };
        Step step = Step::Local;
        QPointer<MainWindow> first;
        QPointer<ConnectDialog> dialog;
        QString tlsChoiceAtStart;
        QString fileDialogSaw;
        bool testPressed = false;
        bool stayedAfterTest = false;
        QString testMessage;
        QString title;
        QString statusText;
        std::pair<int, int> sessions;
        int status = runApp({ QStringLiteral("--db"), local }, [&]() -> bool {
            switch (step) {
            case Step::Local: {
                first = visibleMainWindow();
                if (!first)
                    return false;
                first->findChild<QAction *>(QStringLiteral("connectTeamDatabaseAction"))->trigger();
                dialog = first->findChild<ConnectDialog *>();
                if (!dialog || !dialog->isVisible())
                    return false;
                if (QApplication::activeWindow() != dialog) { // its keyboard shortcuts work once it is active
                    dialog->activateWindow();
                    return false;
                }
                auto *tls = dialog->findChild<QComboBox *>(QStringLiteral("tlsComboBox"));
                tlsChoiceAtStart = tls->currentData().toString();
                retype(dialog->findChild<QLineEdit *>(QStringLiteral("hostLineEdit")), QStringLiteral("localhost"));
                retype(dialog->findChild<QSpinBox *>(QStringLiteral("portSpinBox")), QString::number(location->port));
                retype(dialog->findChild<QLineEdit *>(QStringLiteral("databaseLineEdit")), location->databaseName);
                retype(dialog->findChild<QLineEdit *>(QStringLiteral("userLineEdit")), location->user);
                retype(dialog->findChild<QLineEdit *>(QStringLiteral("passwordLineEdit")), location->password);
                // Alt+B: Browse… for the CA file.
                QTest::keyClick(dialog, Qt::Key_B, Qt::AltModifier);
                step = Step::FileDialog;
                return false;
            }
            case Step::FileDialog: {
                auto *files = dialog ? dialog->findChild<QFileDialog *>() : nullptr;
                if (!files || !files->isVisible())
                    return false;
                auto *name = files->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
                if (name->text() != location->sslRootCert) {
                    retype(name, location->sslRootCert);
                    return false;
                }
                // The completer's list (if it came up for the typed path) takes the first Return.
                QWidget *completions = name->completer() ? name->completer()->popup() : nullptr;
                QTest::keyClick(completions && completions->isVisible() ? completions : name, Qt::Key_Return);
                fileDialogSaw = name->text();
                if (!files->isVisible())
                    step = Step::Dialog;
                return false;
            }
            case Step::Dialog: {
                auto *ca = dialog->findChild<QLineEdit *>(QStringLiteral("caFileLineEdit"));
                if (ca->text() != location->sslRootCert)
                    return false;
                if (QApplication::activeWindow() != dialog) { // again, after the file dialog
                    dialog->activateWindow();
                    return false;
                }
                // Test Connection first (Alt+T): says it is encrypted; the dialog stays.
                if (!testPressed) {
                    connect(dialog, &ConnectDialog::attemptFinished, this, [&](bool, const QString &said) {
                        if (testMessage.isEmpty())
                            testMessage = said;
                    });
                    QTest::keyClick(dialog, Qt::Key_T, Qt::AltModifier);
                    testPressed = true;
                    return false;
                }
                if (testMessage.isEmpty())
                    return false; // still trying
                stayedAfterTest = dialog->isVisible();
                // Enter in a field: Connect, the default button.
                dialog->findChild<QLineEdit *>(QStringLiteral("userLineEdit"))->setFocus();
                QTest::keyClick(dialog->findChild<QLineEdit *>(QStringLiteral("userLineEdit")), Qt::Key_Return);
                step = Step::Connecting;
                return false;
            }
            case Step::Connecting: {
                MainWindow *window = visibleMainWindow();
                if (first || !window)
                    return false; // the local window is still there
                auto *label = window->findChild<QLabel *>(QStringLiteral("connectionLabel"));
                if (!label || !label->text().startsWith(u"Team:"))
                    return false;
                sessions = sessionsOn(**admin, location->databaseName);
                if (sessions.first < 2) // the window's and the live listener's, at least
                    return false;
                title = window->windowTitle();
                statusText = label->text();
                return true;
            }
            case Step::TeamWindow:
                return false;
            }
            return false;
        });
        QVERIFY2(status != -1, qPrintable(QStringLiteral("stuck at step %1; the dialog says: %2")
                                              .arg(int(step))
                                              .arg(dialog ? dialog->findChild<QLabel *>(
                                                       QStringLiteral("connectMessageLabel"))->text()
                                                          : QString())
                                              + QStringLiteral("; CA file field: ")
                                              + (dialog ? dialog->findChild<QLineEdit *>(
                                                       QStringLiteral("caFileLineEdit"))->text() : QString())
                                              + QStringLiteral("; file dialog had: ") + fileDialogSaw
                                              + QStringLiteral("; file dialog open: ")
                                              + QString::number(dialog && dialog->findChild<QFileDialog *>()
                                                  && dialog->findChild<QFileDialog *>()->isVisible())));
        QCOMPARE(status, 0);
        QCOMPARE(tlsChoiceAtStart, QStringLiteral("verify-full")); // the default for a new team database
        QVERIFY2(testMessage.contains(QStringLiteral("The connection is encrypted (TLS).")), qPrintable(testMessage));
        QVERIFY(stayedAfterTest);
        QVERIFY2(title.contains(where), qPrintable(title));
        QCOMPARE(statusText, QStringLiteral("Team: %1 (encrypted)").arg(where));
        QCOMPARE(sessions.second, 0); // every session of the window on the team database is encrypted

        // Remembered: host, port, database, user, sslmode and the CA file in the settings, not the password …
        const QString url = QSettings().value(QStringLiteral("team/url")).toString();
        QVERIFY2(!url.contains(location->password), qPrintable(url));
        Result<DatabaseLocation> saved = TeamConnection::saved();
        QVERIFY(saved);
        QCOMPARE(saved->host, QStringLiteral("localhost"));
        QCOMPARE(saved->port, location->port);
        QCOMPARE(saved->databaseName, location->databaseName);
        QCOMPARE(saved->user, location->user);
        QCOMPARE(saved->sslMode, QStringLiteral("verify-full"));
        QCOMPARE(saved->sslRootCert, location->sslRootCert);
        QVERIFY(saved->password.isEmpty());
        // … which is in the keyring.
        bool read = false;
        QString password;
        SecretStore(SecretScope::forLocation(*saved))
            .readAsync(TeamConnection::passwordKey(), this, [&](const Result<QString> &r) {
                read = true;
                password = r ? *r : QString();
            });
        QTRY_VERIFY_WITH_TIMEOUT(read, kWait);
        QCOMPARE(password, location->password);

        // The next start, without --db: straight onto the team database over TLS, and the dialog shows the choice.
        QString titleAgain;
        QString statusAgain;
        QStringList fields;
        std::pair<int, int> sessionsAgain;
        status = runApp({}, [&]() -> bool {
            MainWindow *window = visibleMainWindow();
            auto *label = window ? window->findChild<QLabel *>(QStringLiteral("connectionLabel")) : nullptr;
            if (!label || !label->text().startsWith(u"Team:"))
                return false;
            sessionsAgain = sessionsOn(**admin, location->databaseName);
            if (sessionsAgain.first < 2)
                return false;
            titleAgain = window->windowTitle();
            statusAgain = label->text();
            window->findChild<QAction *>(QStringLiteral("connectTeamDatabaseAction"))->trigger();
            auto *again = window->findChild<ConnectDialog *>();
            if (!again)
                return false;
            fields = QStringList { again->findChild<QLineEdit *>(QStringLiteral("hostLineEdit"))->text(),
                again->findChild<QSpinBox *>(QStringLiteral("portSpinBox"))->text(),
                again->findChild<QLineEdit *>(QStringLiteral("databaseLineEdit"))->text(),
                again->findChild<QLineEdit *>(QStringLiteral("userLineEdit"))->text(),
                again->findChild<QLineEdit *>(QStringLiteral("passwordLineEdit"))->text(),
                again->findChild<QComboBox *>(QStringLiteral("tlsComboBox"))->currentData().toString(),
                again->findChild<QLineEdit *>(QStringLiteral("caFileLineEdit"))->text() };
            return true;
        });
        QCOMPARE(status, 0);
        QVERIFY2(titleAgain.contains(where), qPrintable(titleAgain));
        QCOMPARE(statusAgain, QStringLiteral("Team: %1 (encrypted)").arg(where));
        QCOMPARE(sessionsAgain.second, 0);
        QCOMPARE(fields,
            (QStringList { QStringLiteral("localhost"), QString::number(location->port), location->databaseName,
                location->user, QString(), QStringLiteral("verify-full"), location->sslRootCert }));
    }
};

QTEST_MAIN(TestTeamTls)
#include "tst_teamtls.moc"
