#include "workerconnection.h"

#include <QMetaObject>
#include <QMutex>
#include <QPointer>

#include <atomic>

namespace {

// Lives on the context's thread as its child: what the worker posts is run there, and when the context is
// destroyed the receiver goes with it (and with it every post not yet run). Its destructor tells the worker
// under the lock, so a post never reaches a receiver being destroyed.
class Receiver final : public QObject
{
public:
    explicit Receiver(std::function<void()> gone)
        : m_gone(std::move(gone))
    {
    }
    ~Receiver() override { m_gone(); }
    Q_DISABLE_COPY_MOVE(Receiver)

private:
    std::function<void()> m_gone;
};

} // namespace

struct WorkerConnection::State
{
    std::atomic_bool canceled { false };
    std::atomic_bool settled { false }; // delivered, or nobody left to deliver to
    std::atomic_bool dropped { false }; // the handle was destroyed: the result goes nowhere
    QMutex mutex;
    QObject *receiver = nullptr; // guarded by mutex
    QPointer<QThread> thread; // used on the owner's thread only
    bool detached = false;
};

bool WorkerConnection::Job::isCanceled() const
{
    return m_state->canceled.load();
}

void WorkerConnection::Job::post(std::function<void()> f) const
{
    QMutexLocker lock(&m_state->mutex);
    if (m_state->receiver)
        QMetaObject::invokeMethod(m_state->receiver, std::move(f), Qt::QueuedConnection);
}

WorkerConnection WorkerConnection::launch(
    const DatabaseLocation &location, QObject *context, const Options &options, Body body)
{
    Q_ASSERT(context);
    WorkerConnection handle;
    auto state = std::make_shared<State>();
    handle.m_state = state;
    auto *receiver = new Receiver([weak = std::weak_ptr<State>(state)] {
        if (std::shared_ptr<State> s = weak.lock()) {
            QMutexLocker lock(&s->mutex);
            s->receiver = nullptr;
            s->settled = true;
        }
    });
    receiver->setParent(context);
    state->receiver = receiver;

    QThread *thread = QThread::create([state, location, options, body = std::move(body)] {
        std::function<void()> deliver;
        {
            Result<std::unique_ptr<Database>> db = Database::open(location, options.openFlags);
            Error openError;
            if (db && options.userId > 0)
                (*db)->setCurrentUserId(options.userId);
            else if (!db)
                openError = db.error();
            deliver = body(db ? db->get() : nullptr, openError, Job(state));
        } // the connection is closed here, on the thread that opened it
        Job(state).post([state, deliver = std::move(deliver)] {
            state->settled = true;
            if (!state->dropped)
                deliver();
            QMutexLocker lock(&state->mutex); // `deliver` may have destroyed the context, and the receiver with it
            if (state->receiver) {
                state->receiver->deleteLater();
                state->receiver = nullptr;
            }
        });
    });
    thread->setObjectName(options.threadName);
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    state->thread = thread;
    thread->start(options.priority);
    return handle;
}

WorkerConnection::WorkerConnection(WorkerConnection &&other) noexcept
    : m_state(std::move(other.m_state))
{
}

WorkerConnection &WorkerConnection::operator=(WorkerConnection &&other) noexcept
{
    if (this != &other) {
        release();
        m_state = std::move(other.m_state);
    }
    return *this;
}

WorkerConnection::~WorkerConnection()
{
    release();
}

void WorkerConnection::release()
{
    if (m_state && !m_state->detached) {
        m_state->dropped = true;
        cancel();
        wait();
    }
    m_state.reset();
}

bool WorkerConnection::isRunning() const
{
    return m_state && !m_state->settled.load();
}

void WorkerConnection::cancel()
{
    if (m_state)
        m_state->canceled = true;
}

void WorkerConnection::wait()
{
    if (m_state && m_state->thread)
        m_state->thread->wait();
}

void WorkerConnection::detach()
{
    if (m_state)
        m_state->detached = true;
    m_state.reset();
}
