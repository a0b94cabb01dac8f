#include "clocktimer.h"

#include "clock.h"

#include <algorithm>

ClockTimer::ClockTimer(Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_singleShot)
            m_active = false;
        else
            m_dueElapsedMs = m_clock.elapsedMs() + m_interval;
        Q_EMIT timeout();
    });
}

ClockTimer::~ClockTimer()
{
    if (m_active && m_clock.drivesTimers())
        m_clock.disarm(this);
}

void ClockTimer::setInterval(int ms)
{
    m_interval = std::max(0, ms);
    if (m_active)
        start();
}

qint64 ClockTimer::remainingMs() const
{
    return m_active ? std::max<qint64>(0, m_dueElapsedMs - m_clock.elapsedMs()) : -1;
}

void ClockTimer::start(int ms)
{
    m_interval = std::max(0, ms);
    start();
}

void ClockTimer::start()
{
    stop();
    m_active = true;
    m_dueElapsedMs = m_clock.elapsedMs() + m_interval;
    if (!m_clock.drivesTimers()) {
        m_timer.setSingleShot(m_singleShot);
        m_timer.start(m_interval);
        return;
    }
    if (m_interval > 0) {
        m_clock.arm(this, m_dueElapsedMs);
        return;
    }
    // Zero delay: as soon as the event loop runs, as a QTimer would; time need not move.
    const quint64 generation = ++m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (m_active && m_generation == generation)
                fire();
        },
        Qt::QueuedConnection);
}

void ClockTimer::stop()
{
    if (!m_active)
        return;
    m_active = false;
    ++m_generation;
    if (m_clock.drivesTimers())
        m_clock.disarm(this);
    else
        m_timer.stop();
}

void ClockTimer::fire()
{
    if (m_singleShot) {
        m_active = false;
    } else {
        m_active = false;
        start(); // next period, from now
    }
    Q_EMIT timeout();
}

void ClockTimer::singleShot(Clock &clock, int ms, QObject *context, std::function<void()> f)
{
    auto *timer = new ClockTimer(clock, context);
    timer->setSingleShot(true);
    connect(timer, &ClockTimer::timeout, context, [timer, f = std::move(f)] {
        timer->deleteLater();
        f();
    });
    timer->start(ms);
}
