#pragma once

#include <QElapsedTimer>
#include <QFile>
#include <QTimer>

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
// the sync, so `longest` discounts the time the thread spent runnable but waiting for a CPU (schedstat)
// during each gap: what is left is time the thread was busy or blocked. `longestRaw` is the gap as measured.
class Heartbeat final
{
public:
    Heartbeat()
    {
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { tick(); });
    }
    void start()
    {
        m_longest = m_longestRaw = 0;
        m_waited = runQueueWaitMs();
        m_clock.start();
        m_timer.start();
    }
    void stop()
    {
        m_timer.stop();
        tick();
    }
    double longest() const { return m_longest; }
    double longestRaw() const { return m_longestRaw; }

private:
    void tick()
    {
        const double gap = double(m_clock.nsecsElapsed()) / 1e6;
        m_clock.restart();
        const double waited = runQueueWaitMs();
        m_longestRaw = qMax(m_longestRaw, gap);
        m_longest = qMax(m_longest, gap - qMax(0.0, waited - m_waited));
        m_waited = waited;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_waited = 0;
    double m_longest = 0;
    double m_longestRaw = 0;
};
