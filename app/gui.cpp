#include "gui.h"

#include "commandline.h"
#include "common/messagebox.h"
#include "common/openerrordialog.h"
#include "common/theme.h"
#include "mainwindow.h"
#include "storage/database.h"
#include "storage/databasebackup.h"
#include "settings/teamconnection.h"
#include "storage/userrepository.h"
#include "sync/secretscope.h"
#include "sync/secretstore.h"
#include "sync/syncmanager.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QLocale>
#include <QProgressDialog>
#include <QThread>
#include <QElapsedTimer>
#include <QFile>
#include <QIcon>
#include <QStatusBar>
#include <QTextStream>
#include <QTimer>

#include <atomic>
#include <functional>
#include <optional>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gui)
};

// Peak resident memory of this process in KiB (VmHWM), for the start-up benchmark.
qint64 peakMemoryKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines)
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// One window on one open database, until it is closed. Returns the exit status; `restoreFile` is set when it
// closed because the user confirmed restoring that backup, `next` when they chose another database (File →
// Connect to Team Database…, Use Local Database). `teamProblem`: the saved team database could not be opened.
int runWindow(QApplication &app, const Invocation &inv, const QElapsedTimer &sinceStart, Database &db,
    const std::function<void(MainWindow &)> &afterRestore, const QString &teamProblem, QString *restoreFile,
    std::optional<DatabaseLocation> *next)
{
    // Who is signed in was settled by UserRepository::signIn() when the database was opened (Gui::run).

    // The background sync: its own thread, connection and network; periodic per account, sync-on-start.
    // Declared before the window and stopped before the database closes (see below).
    const QString secretScope = SecretScope::forLocation(db.location());
    SyncManager sync(db.location(), secretScope);
    MainWindow window(db);
    window.setSyncManager(&sync, secretScope);
    // Closing the last window ends the event loop as it always does; the restore follows once the window, the
    // sync and their connections are gone.
    QObject::connect(&window, &MainWindow::restoreRequested, &window, [&window, restoreFile](const QString &file) {
        *restoreFile = file;
        window.close();
        if (window.isVisible()) // the close was refused after all: no restore
            restoreFile->clear();
    });
    // File → Connect to Team Database…: close this window (asking about unsaved edits) and open that one.
    QObject::connect(&window, &MainWindow::databaseSwitchRequested, &window,
        [&window, next](const DatabaseLocation &l) {
            *next = l;
            window.close();
            if (window.isVisible()) // the close was refused after all: stay
                next->reset();
        });
    const bool benchmark = inv.hasOption(QStringLiteral("benchmark-startup"));
    if (benchmark) {
        // Prints when the contact list first painted, then quits: used by tests/bench/bench_startup.
        QObject::connect(&window, &MainWindow::contactListPainted, &app, [&sinceStart]() {
            QTextStream(stdout) << "first-paint-ms " << sinceStart.nsecsElapsed() / 1e6 << Qt::endl
                                << "peak-rss-kib " << peakMemoryKiB() << Qt::endl;
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        });
    }
    if (afterRestore) {
        // What the restore's own small window may have left behind must not end this window's event loop.
        QCoreApplication::removePostedEvents(&app, QEvent::Quit);
    }
    window.show();
    if (afterRestore)
        afterRestore(window);
    if (!teamProblem.isEmpty()) {
        window.showStatusMessage(Tr::tr("Could not connect to the team database: %1").arg(teamProblem), 0);
        window.showConnectDialog();
    }
    if (!benchmark) {
        window.offerDemoDataIfEmpty();
        if (!db.isReadOnly()) {
            // Once the first screen is up (their threads and connections would compete with it), or after a
            // few seconds should the window not paint (start() runs once). The daily backup follows the sync.
            QObject::connect(&window, &MainWindow::firstScreenLoaded, &sync, [&sync] { sync.start(); });
            QTimer::singleShot(5000, &sync, [&sync] { sync.start(); });
            QObject::connect(&window, &MainWindow::firstScreenLoaded, &window, [&window] {
                QTimer::singleShot(2000, &window, [&window] { window.startAutomaticBackups(); });
            });
        }
    }
    const int status = QApplication::exec();
    // Cancel the run in flight and let its page's transaction finish before the window and database go.
    sync.stop();
    return status;
}

// Puts the backup in place on a worker thread while a small window says so (the event loop keeps running;
// no window of the database is open). Returns what the next window says about it.
std::function<void(MainWindow &)> restore(const QString &backupFile, const QString &databasePath)
{
    QProgressDialog progress(Tr::tr("Restoring %1…").arg(QDir::toNativeSeparators(backupFile)), QString(), 0, 0);
    progress.setObjectName(QStringLiteral("restoreProgressDialog"));
    progress.setWindowTitle(Tr::tr("Restoring — Rapport"));
    progress.setCancelButton(nullptr);
    progress.setMinimumDuration(0);
    progress.setMinimumWidth(420);
    progress.show();

    Result<DatabaseRestore::Outcome> outcome = Error {};
    std::atomic_bool finished { false };
    std::unique_ptr<QThread> worker(QThread::create([&outcome, &finished, backupFile, databasePath] {
        outcome = DatabaseRestore::restore(backupFile, databasePath, QDateTime::currentDateTime());
        finished = true;
    }));
    worker->setObjectName(QStringLiteral("rapport-restore"));
    QObject guard; // a queued exit still on its way when this returns goes with it
    QObject::connect(worker.get(), &QThread::finished, &guard, [] { QCoreApplication::exit(0); });
    worker->start();
    while (!finished.load())
        QApplication::exec(); // one loop at a time, none nested: the window's has ended
    worker->wait();
    progress.hide();

    if (!outcome) {
        const QString message = outcome.error().message;
        return [message](MainWindow &window) {
            window.showStatusMessage(Tr::tr("The backup was not restored."));
            MessageBox::critical(&window, Tr::tr("Not restored"),
                Tr::tr("The backup was not restored, and the database is as it was.\n\n%1").arg(message));
        };
    }
    const DatabaseRestore::Outcome done = *outcome;
    return [done](MainWindow &window) {
        const QLocale locale;
        const QString taken = locale.toString(done.restored.takenAt.toLocalTime(), QLocale::LongFormat);
        window.showStatusMessage(Tr::tr("Restored the backup taken %1.").arg(taken), 15000);
        // Labels rather than a sentence: no plural forms to get wrong in any language.
        QString text = Tr::tr("<p>Restored the backup taken %1.</p><p>Contacts: %2 · Conversations: %3 · Campaigns: %4</p>")
                           .arg(taken.toHtmlEscaped(), locale.toString(done.restored.contacts),
                               locale.toString(done.restored.interactions), locale.toString(done.restored.campaigns));
        if (done.fromSchemaVersion < done.restored.schemaVersion)
            text += Tr::tr("<p>It was upgraded from schema %1 to %2.</p>")
                        .arg(done.fromSchemaVersion)
                        .arg(done.restored.schemaVersion);
        if (!done.asidePath.isEmpty())
            text += Tr::tr("<p>The database you had open is kept as %1.</p>")
                        .arg(QDir::toNativeSeparators(done.asidePath).toHtmlEscaped());
        MessageBox::information(&window, Tr::tr("Backup restored"), text);
    };
}

} // namespace

int Gui::run(QApplication &app, const Invocation &inv, const QElapsedTimer &sinceStart)
{
    QIcon icon;
    // With their sizes given, the files are read only when an icon of that size is drawn (not before the window).
    for (int size : {48, 128, 256})
        icon.addFile(QStringLiteral(":/rapport/icons/rapport-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("io.github.rapport.Rapport"), icon));
    QApplication::setDesktopFileName(QStringLiteral("io.github.rapport.Rapport"));
    Theme::applySaved();

    // Which database: --db, else the team database set up with File → Connect to Team Database… (its
    // password from the keyring, read before any window exists), else the embedded SQLite file.
    Result<DatabaseLocation> location = Result<DatabaseLocation>(DatabaseLocation::defaultLocation());
    bool fromTeamSettings = false;
    if (!inv.db.isEmpty()) {
        location = DatabaseLocation::parse(inv.db);
    } else if (Result<DatabaseLocation> team = TeamConnection::saved()) {
        DatabaseLocation l = *team;
        if (Result<QString> password = SecretStore(SecretScope::forLocation(l)).read(TeamConnection::passwordKey()))
            l.password = *password;
        location = l;
        fromTeamSettings = true;
    }
    // A restore closes the window and every connection, puts the backup in place and comes round again with a
    // new window on the restored file, saying how it went. File → Connect to Team Database… comes round with
    // the chosen database.
    std::function<void(MainWindow &)> afterRestore;
    for (;;) {
        Result<std::unique_ptr<Database>> db
            = location ? Database::open(*location) : Result<std::unique_ptr<Database>>(location.error());
        QString teamProblem;
        if (!db && fromTeamSettings) {
            // The team server is away or the password changed: work on the local file and say so, with the
            // connect dialog open to try again.
            teamProblem = db.error().message;
            location = DatabaseLocation::defaultLocation();
            db = Database::open(*location);
        }
        fromTeamSettings = false;
        if (!db) {
            QTextStream(stderr) << Tr::tr("rapport: %1").arg(db.error().message) << Qt::endl;
            OpenErrorDialog::exec(location ? location->displayName() : inv.db, db.error().message);
            return 1;
        }
        // The server's role decides what this person may do; a login role with none of Rapport's is refused.
        if (Result<User> me = UserRepository(**db).signIn(); !me && me.error().code == Error::Code::Forbidden) {
            QTextStream(stderr) << Tr::tr("rapport: %1").arg(me.error().message) << Qt::endl;
            OpenErrorDialog::exec((*db)->location().displayName(), me.error().message);
            return 1;
        }
        QString restoreFile;
        std::optional<DatabaseLocation> next;
        const int status = runWindow(app, inv, sinceStart, **db, afterRestore, teamProblem, &restoreFile, &next);
        afterRestore = nullptr;
        if (next) {
            db->reset();
            location = *next;
            continue;
        }
        if (restoreFile.isEmpty())
            return status;
        db->reset(); // the last connection of this process to the file: it must be closed before the swap
        afterRestore = restore(restoreFile, location->path);
    }
}
