#pragma once

#include "core/result.h"
#include "storage/exportrepository.h"

#include <QObject>

#include <functional>

class Database;
class QIODevice;
class QProgressDialog;
class QWidget;

// Runs one export on a worker thread with its own connection (WorkerConnection), writing through ExportFile
// (a QSaveFile: all or nothing), while the window keeps painting. A progress dialog with Cancel appears when
// the export takes longer than a moment; Cancel leaves no file. `done` runs on the GUI thread with the
// number of rows written or the reason it failed (Error::Code::Cancelled after Cancel). The job deletes itself.
class ExportJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportJob)

public:
    // The export itself, on the worker: writes into `out`, calling `progress` now and then.
    using Work = std::function<Result<qint64>(ExportRepository &, QIODevice &out, const ExportRepository::Progress &)>;

    static ExportJob *start(QWidget *parent, Database &db, const QString &path, const QString &label, Work work,
        std::function<void(Result<qint64>)> done);
    ~ExportJob() override;

private:
    explicit ExportJob(QWidget *parent);

    struct Private;
    std::unique_ptr<Private> d;
};
