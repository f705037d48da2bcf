#include "gui.h"

#include "commandline.h"
#include "common/openerrordialog.h"
#include "common/theme.h"
#include "mainwindow.h"
#include "storage/database.h"
#include "storage/userrepository.h"
#include "sync/secretscope.h"
#include "sync/syncmanager.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QIcon>
#include <QTextStream>
#include <QTimer>

namespace {

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

    Result<DatabaseLocation> location =
        inv.db.isEmpty() ? Result<DatabaseLocation>(DatabaseLocation::defaultLocation()) : DatabaseLocation::parse(inv.db);
    Result<std::unique_ptr<Database>> db = location ? Database::open(*location) : Result<std::unique_ptr<Database>>(location.error());
    if (!db) {
        QTextStream(stderr) << QCoreApplication::translate("Gui", "rapport: %1").arg(db.error().message) << Qt::endl;
        OpenErrorDialog::exec(location ? location->displayName() : inv.db, db.error().message);
        return 1;
    }
    (void)UserRepository(**db).ensureUser(UserRepository::systemLogin(), UserRepository::systemLogin());

    // The background sync: its own thread, connection and network; periodic per account, sync-on-start.
    // Declared after the database and stopped before it closes (see below).
    const QString secretScope = SecretScope::forLocation((*db)->location());
    SyncManager sync((*db)->location(), secretScope);
    MainWindow window(**db);
    window.setSyncManager(&sync, secretScope);
    const bool benchmark = inv.hasOption(QStringLiteral("benchmark-startup"));
    if (benchmark) {
        // Prints when the contact list first painted, then quits: used by tests/bench/bench_startup.
        QObject::connect(&window, &MainWindow::contactListPainted, &app, [&sinceStart]() {
            QTextStream(stdout) << "first-paint-ms " << sinceStart.nsecsElapsed() / 1e6 << Qt::endl
                                << "peak-rss-kib " << peakMemoryKiB() << Qt::endl;
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        });
    }
    window.show();
    if (!benchmark) {
        window.offerDemoDataIfEmpty();
        if (!(*db)->isReadOnly()) {
            // Once the first screen is up (its thread, connection and sync-on-start would compete with it), or
            // after a few seconds should the window not paint (start() runs once).
            QObject::connect(&window, &MainWindow::firstScreenLoaded, &sync, [&sync] { sync.start(); });
            QTimer::singleShot(5000, &sync, [&sync] { sync.start(); });
        }
    }
    const int status = QApplication::exec();
    // Cancel the run in flight and let its page's transaction finish before the window and database go.
    sync.stop();
    return status;
}
