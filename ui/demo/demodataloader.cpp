#include "demodataloader.h"

#include "storage/database.h"

DemoDataLoader::DemoDataLoader(QObject *parent)
    : QObject(parent)
{
}

DemoDataLoader::~DemoDataLoader() = default; // m_job cancels the work and waits for the worker

void DemoDataLoader::start(const DatabaseLocation &location, qint64 userId, DemoGenerator::Size size)
{
    if (m_job.isRunning())
        return;
    WorkerConnection::Options options;
    options.openFlags = Database::OpenFlag::None;
    options.userId = userId;
    options.threadName = QStringLiteral("rapport-demo-data");
    m_job = WorkerConnection::start<DemoStats>(
        location, this,
        [this, size](Database &db, const WorkerConnection::Job &job) -> Result<DemoStats> {
            DemoGenerator::Options generate;
            generate.size = size;
            int lastPermille = -1;
            generate.progress = [this, &job, &lastPermille](double fraction, const QString &what) {
                // Tell the window only when the bar would move: the generator may call this very often.
                const int permille = qBound(0, qRound(fraction * 1000), 1000);
                if (permille != lastPermille) {
                    lastPermille = permille;
                    job.post([this, fraction, what] { Q_EMIT progressChanged(fraction, what); });
                }
                return !job.isCanceled();
            };
            Result<DemoStats> stats = DemoGenerator::generate(db, generate);
            if (!stats && job.isCanceled())
                return Error { stats.error().message, Error::Code::Cancelled };
            return stats;
        },
        [this](Result<DemoStats> stats) {
            if (stats)
                Q_EMIT finished(Outcome::Loaded, QString());
            else
                Q_EMIT finished(stats.error().code == Error::Code::Cancelled ? Outcome::Canceled : Outcome::Failed,
                    stats.error().message);
        },
        options);
}

void DemoDataLoader::cancel()
{
    m_job.cancel();
}
