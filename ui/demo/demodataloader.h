#pragma once

#include "demo/demogenerator.h"
#include "storage/databaselocation.h"
#include "storage/workerconnection.h"

#include <QObject>

// Loads the demo agency into a database without freezing the window. The work runs through
// WorkerConnection (a worker thread with its own Database opened from the same location); progress and the
// outcome come back as signals on the thread that owns the loader.
//
// Destroying the loader while it runs cancels the work and waits for the worker to stop.
class DemoDataLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoDataLoader)

public:
    enum class Outcome { Loaded, Canceled, Failed };
    Q_ENUM(Outcome)

    explicit DemoDataLoader(QObject *parent = nullptr);
    ~DemoDataLoader() override;

    // Starts loading; does nothing if already running. `userId` is recorded as the author of the rows.
    void start(const DatabaseLocation &location, qint64 userId, DemoGenerator::Size size);
    // Asks the worker to stop; finished() follows with Outcome::Canceled (or Loaded if it was done anyway).
    void cancel();
    bool isRunning() const { return m_job.isRunning(); }

Q_SIGNALS:
    // `fraction` from 0 to 1; `what` tells the user what is being written.
    void progressChanged(double fraction, const QString &what);
    // `message` says what went wrong when the outcome is Failed.
    void finished(DemoDataLoader::Outcome outcome, const QString &message);

private:
    WorkerConnection m_job;
};
