#pragma once

#include <QDateTime>

// The time "now" for code whose answer depends on it (follow-up buckets, health decay, date validation).
// Production code calls Clock::now(); a test installs its own Clock subclass (KeePassXC's MockClock
// pattern) and restores the system clock with setInstance(nullptr). Not thread-safe to swap while other
// threads read it: tests swap it before starting work.
class Clock
{
public:
    Clock() = default;
    virtual ~Clock() = default;
    Q_DISABLE_COPY_MOVE(Clock)

    // The current time in UTC.
    static QDateTime now() { return instance().currentUtc(); }
    static qint64 nowMs() { return now().toMSecsSinceEpoch(); }

    // Installs a clock (not owned; it must outlive its use) or, with nullptr, the system clock again.
    static void setInstance(Clock *clock) { slot() = clock; }

    // Code that pauses for a while of clock time (SyncHttp's back-off and rate-limit waits) asks the clock
    // first. The system clock answers false: the caller really waits. A test clock moves itself forward by
    // `ms` and answers true, so the pause takes no real time and the test reads what was waited.
    static bool passTime(qint64 ms) { return instance().advanceForWait(ms); }

protected:
    virtual QDateTime currentUtc() const { return QDateTime::currentDateTimeUtc(); }
    virtual bool advanceForWait(qint64 /*ms*/) const { return false; }

private:
    static Clock *&slot()
    {
        static Clock *installed = nullptr;
        return installed;
    }
    static const Clock &instance()
    {
        static const Clock system;
        const Clock *c = slot();
        return c ? *c : system;
    }
};

// A clock that stays where a test puts it.
class FixedClock final : public Clock
{
public:
    explicit FixedClock(QDateTime t)
        : m_time(std::move(t))
    {
        setInstance(this);
    }
    ~FixedClock() override { setInstance(nullptr); }
    Q_DISABLE_COPY_MOVE(FixedClock)

    void set(const QDateTime &t) { m_time = t; }
    void advanceDays(int days) { m_time = m_time.addDays(days); }

protected:
    QDateTime currentUtc() const override { return m_time.toUTC(); }

private:
    QDateTime m_time;
};
