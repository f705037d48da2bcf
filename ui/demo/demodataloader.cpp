#include "demodataloader.h"

#include "storage/database.h"

#include <QThread>

#include <utility>

// Lives on the worker thread: opens its own connection, generates, closes it again, all on that thread.
class DemoDataWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoDataWorker)

public:
    DemoDataWorker(
        DatabaseLocation location, qint64 userId, DemoGenerator::Size size, std::shared_ptr<std::atomic_bool> cancel)
        : m_location(std::move(location))
        , m_userId(userId)
        , m_size(size)
        , m_cancel(std::move(cancel))
    {
    }
    ~DemoDataWorker() override = default;

    void run()
    {
        Result<std::unique_ptr<Database>> db = Database::open(m_location, Database::OpenFlag::None);
        if (!db) {
            Q_EMIT finished(false, false, db.error().message);
            return;
        }
        (*db)->setCurrentUserId(m_userId);
        DemoGenerator::Options options;
        options.size = m_size;
        int lastPermille = -1;
        options.progress = [this, &lastPermille](double fraction, const QString &what) {
            // Tell the window only when the bar would move: the generator may call this very often.
            const int permille = qBound(0, qRound(fraction * 1000), 1000);
            if (permille != lastPermille) {
                lastPermille = permille;
                Q_EMIT progressChanged(fraction, what);
            }
            return !m_cancel->load();
        };
        Result<DemoStats> stats = DemoGenerator::generate(**db, options);
        const bool canceled = !stats && m_cancel->load();
        Q_EMIT finished(stats.ok(), canceled, stats ? QString() : stats.error().message);
    }

Q_SIGNALS:
    void progressChanged(double fraction, const QString &what);
    void finished(bool ok, bool canceled, const QString &message);

private:
    const DatabaseLocation m_location;
    const qint64 m_userId;
    const DemoGenerator::Size m_size;
    const std::shared_ptr<std::atomic_bool> m_cancel;
};

DemoDataLoader::DemoDataLoader(QObject *parent)
    : QObject(parent)
{
}

DemoDataLoader::~DemoDataLoader()
{
    cancel();
    stopThread();
}

void DemoDataLoader::start(const DatabaseLocation &location, qint64 userId, DemoGenerator::Size size)
{
    if (m_thread)
        return;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("rapport-demo-data"));
    auto *worker = new DemoDataWorker(location, userId, size, m_cancel);
    worker->moveToThread(m_thread);
    connect(m_thread, &QThread::started, worker, &DemoDataWorker::run);
    connect(m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &DemoDataWorker::progressChanged, this, &DemoDataLoader::progressChanged);
    connect(worker, &DemoDataWorker::finished, this, [this](bool ok, bool canceled, const QString &message) {
        stopThread();
        Q_EMIT finished(ok ? Outcome::Loaded : canceled ? Outcome::Canceled : Outcome::Failed, message);
    });
    m_thread->start();
}

void DemoDataLoader::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void DemoDataLoader::stopThread()
{
    if (!m_thread)
        return;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

#include "demodataloader.moc"
