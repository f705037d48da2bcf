#pragma once

#include <QElapsedTimer>
#include <QFile>
#include <QString>
#include <QTimer>

#include <ctime>

// This thread's CPU time, in ms.
inline double threadCpuNowMs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// How long this thread has waited for a CPU while runnable, in ms (Linux schedstat; 0 where unavailable).
inline double runQueueWaitMs()
{
    QFile file(QStringLiteral("/proc/thread-self/schedstat"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readAll().split(' ').value(1).toDouble() / 1e6;
}

// The longest gap between two ticks of a 5 ms timer on the calling thread: what a window would feel. On a
// loaded machine a thread that is ready to run may wait 100 ms and more for a CPU; that is the machine, not
// the code under test, so `longest` discounts the time the thread spent runnable but waiting for a CPU
// (schedstat) during each gap: what is left is time the thread was busy or blocked. `longestRaw` is the gap
// as measured. `longestBusy` is the thread's own CPU time between two ticks: the work it did in its longest step,
// whatever the machine's load.
//
// Tests assert keptRunning(), never a number of milliseconds: a thread that waits for the work stalls for
// about the whole run, one that keeps handling events stalls for a small part of it, on any machine and
// under any load. The figures are for qInfo (report()); budgets in ms belong in tests/bench/.
class Heartbeat final
{
public:
    // A stall under this is never held against a run, however short the run (a run of a few ms proves
    // nothing either way).
    static constexpr double kFloorMs = 100;

    Heartbeat()
    {
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { tick(); });
    }
    void start()
    {
        m_longest = m_longestRaw = m_longestBusy = 0;
        m_waited = runQueueWaitMs();
        m_cpu = threadCpuNowMs();
        m_clock.start();
        m_run.start();
        m_timer.start();
    }
    void stop()
    {
        m_timer.stop();
        tick();
        m_runMs = double(m_run.nsecsElapsed()) / 1e6;
    }
    double longest() const { return m_longest; }
    double longestRaw() const { return m_longestRaw; }
    double longestBusy() const { return m_longestBusy; }
    // From start() to stop().
    double runMs() const { return m_runMs; }
    // The thread kept handling events while the work ran: its longest busy-or-blocked stall is under a
    // quarter of the whole run (or under kFloorMs).
    bool keptRunning() const { return m_longest < qMax(kFloorMs, m_runMs / 4); }
    QString report() const
    {
        return QStringLiteral("run %1 ms; longest stall %2 ms busy or blocked, %3 ms as measured")
            .arg(m_runMs, 0, 'f', 1)
            .arg(m_longest, 0, 'f', 1)
            .arg(m_longestRaw, 0, 'f', 1);
    }

private:
    void tick()
    {
        const double gap = double(m_clock.nsecsElapsed()) / 1e6;
        m_clock.restart();
        const double waited = runQueueWaitMs();
        m_longestRaw = qMax(m_longestRaw, gap);
        m_longest = qMax(m_longest, gap - qMax(0.0, waited - m_waited));
        m_waited = waited;
        const double cpu = threadCpuNowMs();
        m_longestBusy = qMax(m_longestBusy, cpu - m_cpu);
        m_cpu = cpu;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    QElapsedTimer m_run;
    double m_runMs = 0;
    double m_waited = 0;
    double m_longest = 0;
    double m_longestRaw = 0;
    double m_cpu = 0;
    double m_longestBusy = 0;
};
