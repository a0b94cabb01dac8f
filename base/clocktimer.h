#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

class Clock;

// A timer on a lane's Clock, with QTimer's interface. On the system clock it is a QTimer; on a
// ManualClock it fires when the test advances the clock, so idle locks, backoffs, keepalives
// and schedules are tested by moving time instead of waiting for it.
class ClockTimer : public QObject
{
    Q_OBJECT
public:
    explicit ClockTimer(Clock &clock, QObject *parent = nullptr);
    ~ClockTimer() override;

    void setSingleShot(bool singleShot) { m_singleShot = singleShot; }
    bool isSingleShot() const { return m_singleShot; }
    void setInterval(int ms);
    void setInterval(std::chrono::milliseconds ms) { setInterval(int(ms.count())); }
    int interval() const { return m_interval; }
    bool isActive() const { return m_active; }
    // Milliseconds until it fires, -1 when it is not active.
    qint64 remainingMs() const;

    void start();
    void start(int ms);
    void start(std::chrono::milliseconds ms) { start(int(ms.count())); }
    void stop();

    // Calls f once after ms on clock, unless context is deleted first.
    static void singleShot(Clock &clock, int ms, QObject *context, std::function<void()> f);

Q_SIGNALS:
    void timeout();

private:
    friend class ManualClock;
    void fire(); // by a clock that drives its timers

    Clock &m_clock;
    QTimer m_timer; // clocks that do not drive their timers
    int m_interval = 0;
    bool m_singleShot = false;
    bool m_active = false;
    qint64 m_dueElapsedMs = 0;
    quint64 m_generation = 0; // a queued zero-delay firing is for this arming only
};
