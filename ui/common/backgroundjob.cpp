#include "backgroundjob.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QProgressDialog>
#include <QThread>
#include <QTimer>

namespace {
qint64 g_longestStall = 0;
const void *g_workerThread = nullptr;
int g_showDialogAfterMs = 300;
} // namespace

void BackgroundJob::setDialogDelayForTesting(int ms)
{
    g_showDialogAfterMs = ms;
}

qint64 BackgroundJob::lastLongestStallMs()
{
    return g_longestStall;
}

const void *BackgroundJob::lastWorkerThread()
{
    return g_workerThread;
}

Status BackgroundJob::run(QWidget *parent, Database &db, const QString &label, const Work &work, int items,
                          int inlineBelow)
{
    g_longestStall = 0;
    g_workerThread = QThread::currentThread();
    if (items < inlineBelow)
        return work(db);

    const DatabaseLocation location = db.location();
    const qint64 userId = db.currentUserId();
    Status result;
    bool opened = false;
    auto job = [&result, &opened, &work, location, userId] {
        g_workerThread = QThread::currentThread();
        Result<std::unique_ptr<Database>> own = Database::open(location, Database::OpenFlag::NoMigrate);
        if (!own)
            return; // no second connection (e.g. the file became unreadable): run inline below
        opened = true;
        (*own)->setCurrentUserId(userId);
        result = work(**own);
    };
    std::unique_ptr<QThread> thread(QThread::create(job));
    thread->setObjectName(QStringLiteral("rapport-bulk"));

    QEventLoop loop;
    QObject::connect(thread.get(), &QThread::finished, &loop, &QEventLoop::quit);

    QPointer<QProgressDialog> dialog;
    QTimer showLater;
    showLater.setSingleShot(true);
    QObject::connect(&showLater, &QTimer::timeout, &loop, [&] {
        dialog = new QProgressDialog(label, QString(), 0, 0, parent);
        dialog->setObjectName(QStringLiteral("backgroundJobDialog"));
        dialog->setWindowTitle(QApplication::translate("BackgroundJob", "Working…"));
        dialog->setWindowModality(Qt::WindowModal);
        dialog->setMinimumDuration(0);
        dialog->setCancelButton(nullptr);
        dialog->show();
    });
    // Measures how responsive the window stays (a 10 ms heartbeat).
    QElapsedTimer beat;
    beat.start();
    QTimer heartbeat;
    heartbeat.setInterval(10);
    QObject::connect(&heartbeat, &QTimer::timeout, &loop, [&] {
        g_longestStall = qMax(g_longestStall, beat.restart());
    });

    const QPointer<QWidget> active = QApplication::activeWindow();
    QApplication::setOverrideCursor(Qt::BusyCursor);
    showLater.start(g_showDialogAfterMs);
    heartbeat.start();
    thread->start();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    thread->wait();
    heartbeat.stop();
    showLater.stop();
    const bool dialogShown = !dialog.isNull();
    delete dialog.data();
    if (dialogShown && active) // give the keyboard back to the window the dialog took it from
        active->activateWindow();
    QApplication::restoreOverrideCursor();
    if (!opened) {
        g_workerThread = QThread::currentThread();
        return work(db);
    }
    return result;
}
