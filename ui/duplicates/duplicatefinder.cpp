#include "duplicatefinder.h"

#include <QElapsedTimer>

namespace {
struct Found
{
    QList<DuplicatePair> pairs;
    qint64 elapsedMs = 0;
};
} // namespace

DuplicateFinder::DuplicateFinder(QObject *parent)
    : QObject(parent)
{
}

DuplicateFinder::~DuplicateFinder() = default; // m_job waits for the worker

void DuplicateFinder::start(const DatabaseLocation &location)
{
    if (m_job.isRunning())
        return;
    WorkerConnection::Options options;
    options.threadName = QStringLiteral("rapport-duplicates");
    m_job = WorkerConnection::start<Found>(
        location, this,
        [](Database &db, const WorkerConnection::Job &) -> Result<Found> {
            QElapsedTimer timer;
            timer.start();
            Result<QList<DuplicatePair>> found = DuplicateRepository(db).findPairs();
            if (!found)
                return found.error();
            return Found { std::move(found).value(), timer.elapsed() };
        },
        [this](Result<Found> result) {
            if (result)
                Q_EMIT finished(result->pairs, result->elapsedMs, QString());
            else
                Q_EMIT finished({}, 0, result.error().message);
        },
        options);
}
