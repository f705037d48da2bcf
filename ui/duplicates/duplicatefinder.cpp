#include "duplicatefinder.h"

#include "storage/database.h"

#include <QElapsedTimer>
#include <QThread>

DuplicateFinder::DuplicateFinder(QObject *parent)
    : QObject(parent)
{
}

DuplicateFinder::~DuplicateFinder()
{
    stopThread();
}

void DuplicateFinder::start(const DatabaseLocation &location)
{
    if (m_thread)
        return;
    m_thread = QThread::create([this, location] {
        QElapsedTimer timer;
        timer.start();
        QList<DuplicatePair> pairs;
        QString error;
        {
            Result<std::unique_ptr<Database>> db = Database::open(location, Database::OpenFlag::NoMigrate);
            if (!db) {
                error = db.error().message;
            } else {
                Result<QList<DuplicatePair>> found = DuplicateRepository(**db).findPairs();
                if (found)
                    pairs = std::move(found).value();
                else
                    error = found.error().message;
            }
        } // the connection is closed on the thread that opened it
        const qint64 elapsed = timer.elapsed();
        // Delivered on the finder's thread; dropped if the finder is gone by then.
        QMetaObject::invokeMethod(
            this,
            [this, pairs = std::move(pairs), elapsed, error] {
                stopThread();
                Q_EMIT finished(pairs, elapsed, error);
            },
            Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("rapport-duplicates"));
    m_thread->start();
}

void DuplicateFinder::stopThread()
{
    if (!m_thread)
        return;
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}
