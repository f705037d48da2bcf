#pragma once

#include "core/clock.h"

#include <QList>
#include <QMutex>
#include <QMutexLocker>

// A test clock that stays where the test puts it, except that every Clock::passTime() moves it forward and is
// recorded: waits and back-offs are tested against it without real sleeping and without wall-clock limits.
// Safe to read and advance from the thread the code under test runs in.
class SteppingClock final : public Clock
{
public:
    explicit SteppingClock(QDateTime t)
        : m_time(std::move(t))
    {
        setInstance(this);
    }
    ~SteppingClock() override { setInstance(nullptr); }
    Q_DISABLE_COPY_MOVE(SteppingClock)

    void set(const QDateTime &t)
    {
        QMutexLocker lock(&m_mutex);
        m_time = t;
    }
    // Every wait passed so far, in milliseconds, in order.
    QList<qint64> waits() const
    {
        QMutexLocker lock(&m_mutex);
        return m_waits;
    }
    qint64 waitedMs() const
    {
        qint64 total = 0;
        for (qint64 w : waits())
            total += w;
        return total;
    }
    void clearWaits()
    {
        QMutexLocker lock(&m_mutex);
        m_waits.clear();
    }

protected:
    QDateTime currentUtc() const override
    {
        QMutexLocker lock(&m_mutex);
        return m_time.toUTC();
    }
    bool advanceForWait(qint64 ms) const override
    {
        QMutexLocker lock(&m_mutex);
        m_time = m_time.addMSecs(ms);
        m_waits.append(ms);
        return true;
    }

private:
    mutable QMutex m_mutex;
    mutable QDateTime m_time;
    mutable QList<qint64> m_waits;
};
