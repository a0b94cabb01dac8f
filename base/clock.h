#pragma once

#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

class ClockTimer;

// Source of wall-clock time and of the time that timers run on, injectable so tests can skew
// clocks, replay runs and advance time instead of waiting for it (see ClockTimer).
class Clock
{
public:
    Clock() = default;
    Clock(const Clock &) = delete;
    Clock &operator=(const Clock &) = delete;
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;
    // Milliseconds on a monotonic clock (for durations and timers): never jumps when the wall
    // clock is set.
    virtual qint64 elapsedMs() const = 0;

    // ISO 8601 UTC with milliseconds, the format of every time on the wire and in the database.
    QString nowIso() const { return toIso(nowUtc()); }
    static QString toIso(const QDateTime &t);
    static QString msToIso(qint64 msSinceEpoch); // same text as toIso
    static QDateTime fromIso(const QString &iso);
    // Milliseconds since the epoch of an ISO 8601 time; fast for the canonical form
    // "YYYY-MM-DDTHH:MM:SS.mmmZ" (what toIso writes), any other form through fromIso.
    static std::optional<qint64> isoMs(const QString &iso);
    // True if iso is exactly in the canonical form toIso writes.
    static bool isCanonicalIso(const QString &iso);

    static Clock &system();

    // For ClockTimer. A clock that fires its timers itself when it is moved (ManualClock) returns
    // true; the timers of every other clock run on the event loop's own monotonic timers.
    virtual bool drivesTimers() const { return false; }
    virtual void arm(ClockTimer *, qint64 /*dueElapsedMs*/) {}
    virtual void disarm(ClockTimer *) {}
};

class SystemClock final : public Clock
{
public:
    QDateTime nowUtc() const override;
    qint64 elapsedMs() const override;
};

// Another clock shifted by an offset that can change while it runs: a lane whose clock is
// wrong (EUPHORIA_CLOCK_OFFSET_SECONDS), or the lane's corrected time. Timers run on the base.
class OffsetClock final : public Clock
{
public:
    explicit OffsetClock(qint64 offsetMs, Clock &base = system())
        : m_base(base)
        , m_offsetMs(offsetMs)
    {
    }
    QDateTime nowUtc() const override { return m_base.nowUtc().addMSecs(m_offsetMs); }
    qint64 elapsedMs() const override { return m_base.elapsedMs(); }
    qint64 offsetMs() const { return m_offsetMs; }
    void setOffsetMs(qint64 offsetMs) { m_offsetMs = offsetMs; }

    bool drivesTimers() const override { return m_base.drivesTimers(); }
    void arm(ClockTimer *timer, qint64 due) override { m_base.arm(timer, due); }
    void disarm(ClockTimer *timer) override { m_base.disarm(timer); }

private:
    Clock &m_base;
    qint64 m_offsetMs;
};

// A clock that only moves when told to, for tests and simulations. Its timers fire when it is
// advanced past their time, in time order, each with the clock standing at its time.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start)
        : m_now(start.toUTC())
    {
    }
    ~ManualClock() override;
    QDateTime nowUtc() const override { return m_now; }
    qint64 elapsedMs() const override { return m_elapsedMs; }
    // Sets the wall clock (a jump: timers do not fire and do not move).
    void set(const QDateTime &t) { m_now = t.toUTC(); }
    // Time passes: the wall clock and the timers move on by ms, firing every timer due on the
    // way. A negative ms moves the wall clock back (a jump) and leaves the timers alone.
    void advanceMs(qint64 ms);
    // Timers armed on this clock now (for tests that check nothing is left waiting).
    int armedTimers() const { return int(m_timers.size()); }

    bool drivesTimers() const override { return true; }
    void arm(ClockTimer *timer, qint64 due) override;
    void disarm(ClockTimer *timer) override;

private:
    struct Armed
    {
        ClockTimer *timer;
        qint64 due;
        quint64 order; // armed earlier fires first at the same time
    };
    QDateTime m_now;
    qint64 m_elapsedMs = 0;
    quint64 m_order = 0;
    std::vector<Armed> m_timers;
};
