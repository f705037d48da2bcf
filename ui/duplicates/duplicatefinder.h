#pragma once

#include "storage/databaselocation.h"
#include "storage/duplicaterepository.h"
#include "storage/workerconnection.h"

#include <QObject>

// Runs DuplicateRepository::findPairs() through WorkerConnection (a worker thread with its own Database
// opened from the same location), so the window stays responsive while 100,000 contacts are compared.
// finished() comes back on the thread that owns the finder. Destroying the finder waits for the worker.
class DuplicateFinder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DuplicateFinder)

public:
    explicit DuplicateFinder(QObject *parent = nullptr);
    ~DuplicateFinder() override;

    // Starts a search; does nothing while one is running.
    void start(const DatabaseLocation &location);
    bool isRunning() const { return m_job.isRunning(); }

Q_SIGNALS:
    // `error` is empty on success; `elapsedMs` is the time the search took on the worker.
    void finished(const QList<DuplicatePair> &pairs, qint64 elapsedMs, const QString &error);

private:
    WorkerConnection m_job;
};
