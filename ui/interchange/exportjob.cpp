#include "interchange/exportjob.h"

#include "interchange/exportfile.h"
#include "storage/database.h"
#include "storage/workerconnection.h"

#include <QPointer>
#include <QProgressDialog>
#include <QWidget>


struct ExportJob::Private
{
    WorkerConnection worker;
    QPointer<QProgressDialog> progress;
};

ExportJob::ExportJob(QWidget *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    setObjectName(QStringLiteral("exportJob"));
}

ExportJob::~ExportJob()
{
    if (d->progress)
        d->progress->deleteLater();
}

ExportJob *ExportJob::start(QWidget *parent, Database &db, const QString &path, const QString &label, Work work,
    std::function<void(Result<qint64>)> done)
{
    auto *job = new ExportJob(parent);
    auto *dialog = new QProgressDialog(label, tr("Cancel"), 0, 1000, parent);
    dialog->setObjectName(QStringLiteral("exportProgressDialog"));
    dialog->setWindowTitle(tr("Export"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(300); // quick exports never flash a dialog
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setValue(0);
    job->d->progress = dialog;
    connect(dialog, &QProgressDialog::canceled, job, [job] { job->d->worker.cancel(); });
    job->d->worker = WorkerConnection::start<qint64>(
        db.location(), job,
        [path, work, job](Database &worker, const WorkerConnection::Job &handle) -> Result<qint64> {
            ExportRepository repository(worker);
            qint64 written = 0;
            const ExportRepository::Progress progress = [&handle, job](qint64 doneCount, qint64 total) {
                const int value = total > 0 ? int(doneCount * 1000 / total) : 0;
                // Runs on the GUI thread, and not at all once the job is gone.
                handle.post([job, value] {
                    if (job->d->progress)
                        job->d->progress->setValue(value);
                });
                return !handle.isCanceled();
            };
            const Status s = ExportFile::write(path, [&](QIODevice &out) -> Status {
                Result<qint64> n = work(repository, out, progress);
                if (!n)
                    return n.error();
                written = *n;
                return {};
            });
            if (!s)
                return s.error();
            return written;
        },
        [job, done](Result<qint64> result) {
            if (job->d->progress)
                job->d->progress->hide();
            done(std::move(result));
            job->deleteLater();
        });
    return job;
}
