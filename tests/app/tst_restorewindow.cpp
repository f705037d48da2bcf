// File → Restore From Backup… from start to end, through the app's composition root (app/gui.cpp): the window
// on a real SQLite file with its sync and daily backup, the menu, the preview, Restore; the window closes, the
// backup is put in place with the current file kept aside, and a new window opens on the restored database and
// says so (issue 13).
#include "backup/backupcontroller.h"
#include "backup/restorepreviewdialog.h"
#include "commandline.h"
#include "common/filedialog.h"
#include "gui.h"
#include "mainwindow.h"
#include "storage/database.h"
#include "storage/databasebackup.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

void seed(Database &db, int contacts, const QString &prefix)
{
    for (int i = 0; i < contacts; ++i)
        QVERIFY(db.exec(QStringLiteral("INSERT INTO contacts (display_name, sort_name, created_at, updated_at) "
                                       "VALUES ('%1 %2', '%1 %2', 0, 0)")
                            .arg(prefix)
                            .arg(i),
            QStringLiteral("seed")));
}

qint64 contactsIn(const QString &path)
{
    Result<BackupSummary> s = DatabaseBackup::inspect(path);
    return s ? s->contacts : -1;
}

MainWindow *visibleMainWindow()
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *window = qobject_cast<MainWindow *>(w); window && window->isVisible())
            return window;
    return nullptr;
}

} // namespace

class TestRestoreWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void restoresAndReopens()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rapport.sqlite"));
        const QString backupFile = dir.filePath(QStringLiteral("last-week.sqlite"));
        {
            Result<std::unique_ptr<Database>> db = Database::open(DatabaseLocation::sqlite(path));
            QVERIFY(db);
            seed(**db, 5, QStringLiteral("Kept"));
            QVERIFY(DatabaseBackup::write(**db, backupFile));
            seed(**db, 3, QStringLiteral("Since"));
        }

        enum class Step { FirstWindow, Preview, SecondWindow, Done };
        Step step = Step::FirstWindow;
        QPointer<MainWindow> first;
        QString previewContacts;
        QString restoredMessage;
        QString countAfter;
        QTimer driver;
        driver.setInterval(25);
        connect(&driver, &QTimer::timeout, this, [&] {
            switch (step) {
            case Step::FirstWindow: {
                MainWindow *window = visibleMainWindow();
                auto *count = window ? window->findChild<QLabel *>(QStringLiteral("contactCountLabel")) : nullptr;
                if (!count || count->text() != QStringLiteral("Contacts: 8"))
                    return;
                first = window;
                FileDialog::setNextFileName(backupFile);
                window->backupController()->restoreAction()->trigger();
                step = Step::Preview;
                return;
            }
            case Step::Preview: {
                auto *preview = first ? first->findChild<RestorePreviewDialog *>() : nullptr;
                if (!preview || !preview->isInspected())
                    return;
                previewContacts = preview->findChild<QLabel *>(QStringLiteral("contactsLabel"))->text();
                QTest::mouseClick(preview->restoreButton(), Qt::LeftButton);
                step = Step::SecondWindow;
                return;
            }
            case Step::SecondWindow: {
                MainWindow *window = visibleMainWindow();
                if (first || !window)
                    return; // the first window is still there, or the restore is running
                // The new window says what happened in a box (read here, then closed) and in the status bar.
                QMessageBox *box = window->findChild<QMessageBox *>(QStringLiteral("rapportMessageBox"));
                if (!box)
                    return;
                restoredMessage = box->text();
                box->accept();
                countAfter = window->findChild<QLabel *>(QStringLiteral("contactCountLabel"))->text();
                step = Step::Done;
                window->close(); // ends Gui::run
                return;
            }
            case Step::Done:
                return;
            }
        });
        driver.start();
        QTimer::singleShot(120000, this, [&] {
            if (step != Step::Done)
                for (QWidget *w : QApplication::topLevelWidgets())
                    w->close();
        });

        const Invocation inv = Invocation::parse({ QStringLiteral("rapport"), QStringLiteral("--db"), path });
        QElapsedTimer sinceStart;
        sinceStart.start();
        const int status = Gui::run(*qApp, inv, sinceStart);
        driver.stop();

        QCOMPARE(int(step), int(Step::Done));
        QCOMPARE(status, 0);
        QCOMPARE(previewContacts, QStringLiteral("5"));
        QVERIFY2(restoredMessage.contains(QStringLiteral("Contacts: 5 ")), qPrintable(restoredMessage));
        QCOMPARE(countAfter, QStringLiteral("Contacts: 5"));
        // The file now holds the backup; what was open is kept aside, whole.
        QCOMPARE(contactsIn(path), 5);
        const QStringList aside
            = QDir(dir.path()).entryList({ QStringLiteral("rapport-before-restore-*.sqlite") }, QDir::Files);
        QCOMPARE(aside.size(), 1);
        QVERIFY2(restoredMessage.contains(aside.first()), qPrintable(restoredMessage));
        QCOMPARE(contactsIn(dir.filePath(aside.first())), 8);
        QCOMPARE(contactsIn(backupFile), 5);
    }
};

QTEST_MAIN(TestRestoreWindow)
#include "tst_restorewindow.moc"
