// File → Back Up Database…, Restore From Backup… (with its preview) and Back Up Daily, driven through the
// window's File menu with key presses on the offscreen platform, on real SQLite files (issue 13).
#include "backup/backupcontroller.h"
#include "backup/restorepreviewdialog.h"
#include "common/filedialog.h"
#include "common/messagebox.h"
#include "mainwindow.h"
#include "storage/autobackup.h"
#include "storage/database.h"
#include "storage/databasebackup.h"
#include "storage/migrator.h"
#include "testdatabase.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

namespace {

std::unique_ptr<Database> databaseWith(const QString &path, int contacts, int campaigns = 0)
{
    Result<std::unique_ptr<Database>> db = Database::open(DatabaseLocation::sqlite(path));
    if (!db)
        qFatal("%s", qPrintable(db.error().message));
    for (int i = 0; i < contacts; ++i)
        (void)(*db)->exec(QStringLiteral("INSERT INTO contacts (display_name, sort_name, created_at, updated_at) "
                                         "VALUES ('Person %1', 'person %1', 0, 0)")
                              .arg(i),
            QStringLiteral("seed")); // checked by the counts below
    for (int i = 0; i < campaigns; ++i)
        (void)(*db)->exec(QStringLiteral("INSERT INTO campaigns (name, created_at, updated_at) VALUES ('C%1', 0, 0)")
                              .arg(i),
            QStringLiteral("seed"));
    return std::move(db).value();
}

// Opens the File menu with a click on its title and picks the entry with its accelerator key, as a user would.
// (Not Alt+F: with a profile open, the form's "&First name" and the search bar's "&Filters" take Alt+F too.)
void chooseFromFileMenu(MainWindow &window, Qt::Key accelerator)
{
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QMenuBar *bar = window.menuBar();
    QAction *file = bar->actions().value(0);
    QVERIFY(file && file->menu());
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->actionGeometry(file).center());
    QTRY_COMPARE(QApplication::activePopupWidget(), file->menu());
    QTest::keyClick(file->menu(), accelerator);
}

QString labelText(QWidget *parent, const char *name)
{
    auto *label = parent->findChild<QLabel *>(QString::fromLatin1(name));
    return label ? label->text() : QStringLiteral("(no %1)").arg(QString::fromLatin1(name));
}

} // namespace

class TestBackupActions final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        QSettings().clear();
        MessageBox::setNextAnswer(QMessageBox::NoButton);
    }

    void backUpFromTheFileMenu()
    {
        QTemporaryDir dir;
        auto db = databaseWith(dir.filePath(QStringLiteral("agency.sqlite")), 4, 2);
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        BackupController *backup = window.backupController();
        QSignalSpy finished(backup, &BackupController::backupFinished);

        const QString target = dir.filePath(QStringLiteral("friday.sqlite"));
        FileDialog::setNextFileName(target);
        chooseFromFileMenu(window, Qt::Key_B);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().at(0).toBool(), true);
        QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("friday.sqlite")),
            qPrintable(window.statusBar()->currentMessage()));
        QVERIFY(backup->backUpAction()->isEnabled());
        Result<BackupSummary> written = DatabaseBackup::inspect(target, DatabaseBackup::Check::Quick);
        QVERIFY(written);
        QCOMPARE(written->contacts, 4);
        QCOMPARE(written->campaigns, 2);
    }

    void aFailedBackupSaysWhy()
    {
        QTemporaryDir dir;
        auto db = databaseWith(dir.filePath(QStringLiteral("agency.sqlite")), 1);
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy finished(window.backupController(), &BackupController::backupFinished);
        MessageBox::setNextAnswer(QMessageBox::Ok); // the error box
        window.backupController()->backUpTo(dir.filePath(QStringLiteral("gone/away/copy.sqlite")));
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY2(finished.first().at(1).toString().contains(QStringLiteral("does not exist")),
            qPrintable(finished.first().at(1).toString()));
        QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("The backup failed."));
    }

    void restorePreviewShowsTheBackupFirst()
    {
        QTemporaryDir dir;
        auto db = databaseWith(dir.filePath(QStringLiteral("agency.sqlite")), 3, 1);
        const QString backupFile = dir.filePath(QStringLiteral("monday.sqlite"));
        QVERIFY(DatabaseBackup::write(*db, backupFile));
        QVERIFY(db->exec(QStringLiteral("DELETE FROM contacts"), QStringLiteral("test")));

        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy requested(&window, &MainWindow::restoreRequested);
        FileDialog::setNextFileName(backupFile);
        chooseFromFileMenu(window, Qt::Key_T);
        RestorePreviewDialog *preview = nullptr;
        QTRY_VERIFY((preview = window.findChild<RestorePreviewDialog *>()));
        QVERIFY(QTest::qWaitForWindowExposed(preview));
        QVERIFY(preview->isInspected() || !preview->restoreButton()->isEnabled()); // not before the file was read
        QTRY_VERIFY_WITH_TIMEOUT(preview->isInspected(), 20000);
        QCOMPARE(labelText(preview, "contactsLabel"), QStringLiteral("3"));
        QCOMPARE(labelText(preview, "interactionsLabel"), QStringLiteral("0"));
        QCOMPARE(labelText(preview, "campaignsLabel"), QStringLiteral("1"));
        QCOMPARE(labelText(preview, "schemaLabel"), QStringLiteral("%1 (the current one)").arg(Migrator::latestVersion()));
        QVERIFY(!labelText(preview, "takenLabel").isEmpty());
        QCOMPARE(preview->statusText(), QStringLiteral("The backup was checked and is intact."));
        QVERIFY(preview->restoreButton()->isEnabled());
        QVERIFY(!preview->restoreButton()->isDefault()); // Enter does not replace a database
        QTest::mouseClick(preview->restoreButton(), Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().first().toString(), backupFile);
        // Until the app acts on it nothing changed.
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM contacts")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    void restorePreviewCanBeCanceled()
    {
        QTemporaryDir dir;
        auto db = databaseWith(dir.filePath(QStringLiteral("agency.sqlite")), 2);
        const QString backupFile = dir.filePath(QStringLiteral("copy.sqlite"));
        QVERIFY(DatabaseBackup::write(*db, backupFile));
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy requested(&window, &MainWindow::restoreRequested);
        FileDialog::setNextFileName(backupFile);
        window.backupController()->restoreAction()->trigger();
        RestorePreviewDialog *preview = nullptr;
        QTRY_VERIFY((preview = window.findChild<RestorePreviewDialog *>()));
        QTRY_VERIFY_WITH_TIMEOUT(preview->isInspected(), 20000);
        QVERIFY(QTest::qWaitForWindowActive(preview));
        QTest::keyClick(preview, Qt::Key_Escape);
        QTRY_VERIFY(!window.findChild<RestorePreviewDialog *>());
        QCOMPARE(requested.count(), 0);
    }

    void restorePreviewRefusesANewerBackup()
    {
        QTemporaryDir dir;
        auto db = databaseWith(dir.filePath(QStringLiteral("agency.sqlite")), 2);
        const QString backupFile = dir.filePath(QStringLiteral("future.sqlite"));
        QVERIFY(DatabaseBackup::write(*db, backupFile));
        {
            Result<std::unique_ptr<Database>> future
                = Database::open(DatabaseLocation::sqlite(backupFile), Database::OpenFlag::NoMigrate);
            QVERIFY(future);
            QVERIFY((*future)->exec(QStringLiteral("INSERT INTO rapport_schema (version, applied_at) VALUES (%1, 0)")
                                        .arg(Migrator::latestVersion() + 50),
                QStringLiteral("test")));
        }
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        FileDialog::setNextFileName(backupFile);
        window.backupController()->restoreAction()->trigger();
        RestorePreviewDialog *preview = nullptr;
        QTRY_VERIFY((preview = window.findChild<RestorePreviewDialog *>()));
        QTRY_VERIFY_WITH_TIMEOUT(preview->isInspected(), 20000);
        QVERIFY(!preview->restoreButton()->isEnabled());
        QVERIFY2(preview->statusText().contains(QStringLiteral("newer version of Rapport")),
            qPrintable(preview->statusText()));
        QVERIFY(labelText(preview, "schemaLabel").startsWith(QString::number(Migrator::latestVersion() + 50)));
        preview->reject();
    }

    void restorePreviewOfAFileThatIsNoBackup()
    {
        QTemporaryDir dir;
        auto db = databaseWith(dir.filePath(QStringLiteral("agency.sqlite")), 1);
        const QString junk = dir.filePath(QStringLiteral("holiday.jpg"));
        {
            QFile f(junk);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(4096, '\xff'));
        }
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        FileDialog::setNextFileName(junk);
        window.backupController()->restoreAction()->trigger();
        RestorePreviewDialog *preview = nullptr;
        QTRY_VERIFY((preview = window.findChild<RestorePreviewDialog *>()));
        QTRY_VERIFY_WITH_TIMEOUT(preview->isInspected(), 20000);
        QVERIFY(!preview->restoreButton()->isEnabled());
        QVERIFY2(preview->statusText().startsWith(QStringLiteral("This file cannot be restored:")),
            qPrintable(preview->statusText()));
        preview->reject();
    }

    void dailyBackupIsASetting()
    {
        QTemporaryDir dir;
        auto db = databaseWith(dir.filePath(QStringLiteral("agency.sqlite")), 1);
        MainWindow window(*db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction *daily = window.backupController()->dailyAction();
        QVERIFY(daily->isCheckable());
        QVERIFY(daily->isChecked()); // on unless turned off
        QVERIFY(window.backupController()->autoBackup()->isEnabled());
        chooseFromFileMenu(window, Qt::Key_D);
        QTRY_VERIFY(!daily->isChecked());
        QCOMPARE(QSettings().value(QStringLiteral("backup/daily")).toBool(), false);
        QVERIFY(!window.backupController()->autoBackup()->isEnabled());
        window.startAutomaticBackups();
        QVERIFY(!window.backupController()->autoBackup()->isRunning());
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("backups"))));

        // A new window remembers it.
        MainWindow again(*db);
        QVERIFY(!again.backupController()->dailyAction()->isChecked());
        QSettings().setValue(QStringLiteral("backup/daily"), true);
        MainWindow third(*db);
        QSignalSpy written(third.backupController()->autoBackup(), &AutoBackup::backupWritten);
        third.startAutomaticBackups();
        QVERIFY(written.wait(20000));
        QCOMPARE(BackupFolder(db->location().path).backups().size(), 1);
    }

    void postgresSaysPgDump()
    {
        Result<std::unique_ptr<Database>> db = TestDatabase::create(QStringLiteral("postgres"));
        if (!db) {
            if (db.error().code == Error::Code::NotFound && !TestDatabase::postgresRequired())
                QSKIP("PostgreSQL is not configured (set RAPPORT_TEST_PG_URL)");
            QFAIL(qPrintable(db.error().message));
        }
        MainWindow window(**db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        BackupController *backup = window.backupController();
        QVERIFY(!backup->dailyAction()->isEnabled());
        QVERIFY(backup->dailyAction()->toolTip().contains(QStringLiteral("pg_dump")));
        // Both commands answer with the note (answered here) instead of asking for a file.
        const QString target = TestDatabase::tempDir() + QStringLiteral("/never.sqlite");
        MessageBox::setNextAnswer(QMessageBox::Ok);
        backup->backUpAction()->trigger();
        MessageBox::setNextAnswer(QMessageBox::Ok);
        backup->restoreAction()->trigger();
        QVERIFY(!window.findChild<RestorePreviewDialog *>());
        window.startAutomaticBackups();
        QVERIFY(!backup->autoBackup()->isRunning());
        QVERIFY(!QFileInfo::exists(target));
    }
};

QTEST_MAIN(TestBackupActions)
#include "tst_backupactions.moc"
