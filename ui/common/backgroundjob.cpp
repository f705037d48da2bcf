#include "backgroundjob.h"

#include "core/logging.h"
#include "storage/workerconnection.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QPointer>
#include <QProgressDialog>
#include <QThread>
#include <QTimer>

namespace {
const void *g_workerThread = nullptr;
int g_showDialogAfterMs = 300;
} // namespace

void BackgroundJob::setDialogDelayForTesting(int ms)
{
    g_showDialogAfterMs = ms;
}

const void *BackgroundJob::lastWorkerThread()
{
    return g_workerThread;
}

Status BackgroundJob::run(
    QWidget *parent, Database &db, const QString &label, const Work &work, int items, int inlineBelow)
{
    g_workerThread = QThread::currentThread();
    if (items < inlineBelow)
        return work(db);

    QEventLoop loop;
    bool opened = false;
    Status result;
    WorkerConnection::Options options;
    options.userId = db.currentUserId(); // the worker connection writes as the same user
    options.threadName = QStringLiteral("rapport-bulk");
    WorkerConnection job = WorkerConnection::start<void>(
        db.location(), &loop,
        [&opened, &work](Database &own, const WorkerConnection::Job &) {
            g_workerThread = QThread::currentThread();
            opened = true;
            return work(own);
        },
        [&loop, &result](Status status) {
            result = std::move(status);
            loop.quit();
        },
        options);

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
    const QPointer<QWidget> active = QApplication::activeWindow();
    QApplication::setOverrideCursor(Qt::BusyCursor);
    showLater.start(g_showDialogAfterMs);
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    job.wait();
    showLater.stop();
    const bool dialogShown = !dialog.isNull();
    delete dialog.data();
    if (dialogShown && active) // give the keyboard back to the window the dialog took it from
        active->activateWindow();
    QApplication::restoreOverrideCursor();
    if (!opened) { // no second connection (e.g. the file became unreadable): run inline
        qCInfo(lcUi).noquote() << "running" << label
                               << "on the window's connection:" << (result.ok() ? QString() : result.error().message);
        g_workerThread = QThread::currentThread();
        return work(db);
    }
    return result;
}
