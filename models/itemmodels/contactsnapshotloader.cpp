#include "contactsnapshotloader.h"

#include "core/logging.h"
#include "storage/database.h"

#include <QThread>

// Lives on the worker thread; opens its Database there on first use and closes it there.
class ContactSnapshotLoader::Worker final : public QObject
{
public:
    Worker(DatabaseLocation location, std::shared_ptr<std::atomic<quint64>> latest, ContactSnapshotLoader *loader)
        : m_location(std::move(location))
        , m_latest(std::move(latest))
        , m_loader(loader)
    {
    }
    Q_DISABLE_COPY_MOVE(Worker)

    void run(quint64 generation, const Request &request)
    {
        if (generation != m_latest->load())
            return; // overtaken while queued
        if (!m_db) {
            auto db = Database::open(m_location, Database::OpenFlag::NoMigrate);
            if (!db) {
                deliverFailure(generation, db.error().message);
                return;
            }
            m_db = std::move(db).value();
        }
        ContactListQuery query(*m_db);
        query.setKindOrder(request.kindOrder);
        query.setFilter(request.filter);
        Result<QList<qint64>> ids = query.orderedIds(request.key, request.order);
        if (generation != m_latest->load())
            return;
        if (!ids) {
            deliverFailure(generation, ids.error().message);
            return;
        }
        // Queued to the loader's thread: the signal is emitted there, after checking it is still wanted.
        QMetaObject::invokeMethod(
            m_loader,
            [loader = m_loader, latest = m_latest, generation, list = std::move(ids).value()] {
                if (generation == latest->load())
                    Q_EMIT loader->loaded(generation, list);
            },
            Qt::QueuedConnection);
    }

private:
    void deliverFailure(quint64 generation, const QString &message)
    {
        qCWarning(lcStorage) << "contact list snapshot failed:" << message;
        QMetaObject::invokeMethod(
            m_loader,
            [loader = m_loader, latest = m_latest, generation, message] {
                if (generation == latest->load())
                    Q_EMIT loader->failed(generation, message);
            },
            Qt::QueuedConnection);
    }

    DatabaseLocation m_location;
    std::shared_ptr<std::atomic<quint64>> m_latest;
    ContactSnapshotLoader *m_loader;
    std::unique_ptr<Database> m_db;
};

ContactSnapshotLoader::ContactSnapshotLoader(DatabaseLocation location, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
    , m_latest(std::make_shared<std::atomic<quint64>>(0))
{
}

ContactSnapshotLoader::~ContactSnapshotLoader()
{
    cancel();
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
    }
}

quint64 ContactSnapshotLoader::load(const Request &request)
{
    if (!m_thread) {
        // Started on first use: a list that is never searched costs no thread and no connection.
        m_thread = new QThread(this);
        m_thread->setObjectName(QStringLiteral("contactSnapshotThread"));
        m_worker = new Worker(m_location, m_latest, this);
        m_worker->moveToThread(m_thread);
        connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
        m_thread->start(QThread::LowPriority);
    }
    const quint64 generation = m_latest->fetch_add(1) + 1;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, generation, request] { worker->run(generation, request); }, Qt::QueuedConnection);
    return generation;
}

void ContactSnapshotLoader::cancel()
{
    m_latest->fetch_add(1);
}
