#pragma once

#include "core/result.h"
#include "storage/database.h"
#include "storage/databaselocation.h"

#include <QThread>

#include <functional>
#include <memory>

class QObject;

// Runs one piece of database work on a worker thread of its own, with its own connection (Qt SQL
// connections belong to the thread that opened them; docs/ARCHITECTURE.md "Threads"). The connection is
// opened on the worker, the work runs, the connection is closed on the worker, and only then the result is
// delivered: on the thread of `context` (queued), or not at all if `context` is gone by then. Every Rapport
// job that leaves the GUI thread for a while goes through this (health recompute, Cooling off, Find
// duplicates, bulk changes, the demo loader).
//
//     m_job = WorkerConnection::start<QList<Pair>>(db.location(), this,
//         [](Database &db, const WorkerConnection::Job &job) { return Repository(db).find(job); },
//         [this](Result<QList<Pair>> r) { show(r); });
//
// The returned handle cancels (cooperatively: the work asks Job::isCanceled()), waits for the thread and
// drops the result when it is destroyed or assigned over, so nothing outlives its owner; detach() lets the
// work finish alone and still deliver.
// Failing to open the connection is delivered as the result's error. Create handles on the thread of
// `context`, and use each from that thread only.
class WorkerConnection final
{
    struct State;

public:
    struct Options
    {
        Database::OpenFlags openFlags = Database::OpenFlag::NoMigrate;
        qint64 userId = 0; // > 0: the worker's connection writes as this user (updated_by, audit log)
        QThread::Priority priority = QThread::InheritPriority;
        QString threadName = QStringLiteral("rapport-worker");
    };

    // What the work sees besides its connection.
    class Job
    {
    public:
        // True once the handle was canceled (or destroyed): the work should stop soon and say so.
        bool isCanceled() const;
        // Runs `f` on the thread of `context`, before the result and in order; dropped once `context` is gone.
        // For progress reports.
        void post(std::function<void()> f) const;

    private:
        friend class WorkerConnection;
        explicit Job(std::shared_ptr<State> state)
            : m_state(std::move(state))
        {
        }
        std::shared_ptr<State> m_state;
    };

    template <typename T> using Work = std::function<Result<T>(Database &, const Job &)>;
    template <typename T> using Done = std::function<void(Result<T>)>;

    // Without options. (Not a default argument "= {}": Options' member initializers are not usable in a default
    // argument inside this class, which clang rejects, so the fuzz preset could not build.)
    template <typename T>
    [[nodiscard]] static WorkerConnection start(
        const DatabaseLocation &location, QObject *context, Work<T> work, Done<T> done)
    {
        return start<T>(location, context, std::move(work), std::move(done), Options());
    }

    template <typename T>
    [[nodiscard]] static WorkerConnection start(
        const DatabaseLocation &location, QObject *context, Work<T> work, Done<T> done, const Options &options)
    {
        return launch(location, context, options,
            [work = std::move(work), done = std::move(done)](Database *db, const Error &openError, const Job &job) {
                auto result = std::make_shared<Result<T>>(db ? work(*db, job) : Result<T>(openError));
                return std::function<void()>([done, result] { done(std::move(*result)); });
            });
    }

    WorkerConnection() = default;
    WorkerConnection(WorkerConnection &&other) noexcept;
    WorkerConnection &operator=(WorkerConnection &&other) noexcept;
    ~WorkerConnection();
    Q_DISABLE_COPY(WorkerConnection)

    // The result has not been delivered yet (and still can be).
    bool isRunning() const;
    // Job::isCanceled() turns true; the work decides when to stop.
    void cancel();
    // Blocks until the worker thread has ended (the result may still be on its way to `context`).
    void wait();
    // Forgets the thread: it finishes by itself, and the result is still delivered.
    void detach();

private:
    // The body runs on the worker with the open connection (or nullptr and the error that kept it from
    // opening); it returns what to run on the context's thread once the connection is closed.
    using Body = std::function<std::function<void()>(Database *, const Error &, const Job &)>;
    static WorkerConnection launch(
        const DatabaseLocation &location, QObject *context, const Options &options, Body body);
    void release();

    std::shared_ptr<State> m_state;
};
