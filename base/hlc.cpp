#include "hlc.h"

#include "baselog.h"
#include "clock.h"

#include <QDateTime>

#include <algorithm>

QString HlcTime::iso() const
{
    return Clock::msToIso(std::max<qint64>(ms, 0));
}

HlcTime HlcTime::fromWire(const QString &iso, qint64 counter, const QString &terminal)
{
    const QDateTime t = Clock::fromIso(iso);
    return {t.isValid() ? t.toMSecsSinceEpoch() : -1, counter, terminal};
}

Hlc::Hlc(Persistence persistence, Clock &clock, QString terminal, qint64 maxAheadMs)
    : m_persistence(std::move(persistence))
    , m_clock(clock)
    , m_terminal(std::move(terminal))
    , m_maxAheadMs(maxAheadMs)
{
}

Status Hlc::load()
{
    auto stored = m_persistence.load();
    if (!stored)
        return Status::failure(stored.error());
    if (stored->isEmpty())
        return {};
    const QStringList parts = stored->split(QLatin1Char(':'));
    bool okMs = false;
    bool okCounter = false;
    const qint64 ms = parts.value(0).toLongLong(&okMs);
    const qint64 counter = parts.value(1).toLongLong(&okCounter);
    if (parts.size() != 2 || !okMs || !okCounter || ms < 0 || counter < 0)
        return Status::failure(
            QStringLiteral("lane_meta hlc is not \"ms:counter\": %1").arg(stored->left(60)));
    m_ms = ms;
    m_counter = counter;
    return {};
}

Status Hlc::persist()
{
    Status s = m_persistence.save(QStringLiteral("%1:%2").arg(m_ms).arg(m_counter));
    if (s)
        m_unsaved = false;
    return s;
}

Result<HlcTime> Hlc::tick()
{
    const qint64 physical = m_clock.nowUtc().toMSecsSinceEpoch();
    if (physical > m_ms) {
        m_ms = physical;
        m_counter = 0;
    } else {
        ++m_counter;
    }
    if (Status s = persist(); !s)
        return Result<HlcTime>::failure(s.error());
    return last();
}

Status Hlc::observe(const HlcTime &remote)
{
    const qint64 physical = m_clock.nowUtc().toMSecsSinceEpoch();
    const qint64 before = m_ms;
    const qint64 top = std::max({m_ms, remote.ms, physical});
    if (top == before && top == remote.ms)
        m_counter = std::max(m_counter, remote.counter) + 1;
    else if (top == before)
        ++m_counter;
    else if (top == remote.ms)
        m_counter = remote.counter + 1;
    else
        m_counter = 0;
    m_ms = top;
    if (m_deferred) {
        m_unsaved = true;
        return {};
    }
    return persist();
}

Status Hlc::retreatTo(qint64 ms)
{
    if (m_ms <= ms + m_maxAheadMs)
        return Status::failure(QStringLiteral("the clock is not ahead of the store's time"));
    qCWarning(lcClock).noquote() << "this lane's clock had run" << (m_ms - ms) / 1000
                                 << "s ahead of the store's time; its HLC goes back to"
                                 << Clock::msToIso(ms);
    m_ms = ms;
    m_counter = 0;
    return persist();
}

void Hlc::setDeferred(bool deferred)
{
    m_deferred = deferred;
}

Status Hlc::flushDeferred()
{
    return m_unsaved ? persist() : Status();
}
