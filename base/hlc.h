#pragma once

#include "result.h"

#include <QString>

#include <functional>
#include <tuple>

class Clock;

// A hybrid logical clock time: physical milliseconds since the epoch, a logical counter that
// orders events within one millisecond (or while the wall clock stands still or goes back), and
// the lane that made it, which breaks the remaining ties. Ordered lexicographically.
struct HlcTime
{
    qint64 ms = -1; // -1: before every event (stock that predates the ledger)
    qint64 counter = 0;
    QString terminal;

    friend bool operator<(const HlcTime &a, const HlcTime &b)
    {
        return std::tie(a.ms, a.counter, a.terminal) < std::tie(b.ms, b.counter, b.terminal);
    }
    friend bool operator==(const HlcTime &a, const HlcTime &b)
    {
        return a.ms == b.ms && a.counter == b.counter && a.terminal == b.terminal;
    }
    friend bool operator!=(const HlcTime &a, const HlcTime &b) { return !(a == b); }
    friend bool operator>(const HlcTime &a, const HlcTime &b) { return b < a; }

    // The physical part as ISO 8601 UTC with milliseconds (the seed's lastUpdated).
    QString iso() const;
    // From the wire: an ISO 8601 time plus the counter that travels beside it.
    static HlcTime fromWire(const QString &iso, qint64 counter, const QString &terminal);
};

// One per lane. Every local stock event takes a time from tick(); every received message's time
// goes through observe(), so the lane's next times come after everything it has seen: causality
// holds whatever the physical clocks say. The clock (the store's agreed time, see StoreClock)
// keeps the physical part close to real time; a message stamped too far in the future is held
// back before it reaches observe() (Inbox), so it cannot drag every lane's clock with it. The
// clock's state is saved on every step (the lane keeps it in lane_meta, inside the caller's write
// transaction), so it never goes backwards across restarts.
class Hlc
{
public:
    // Where the clock's state ("ms:counter") is kept; load gives an empty string at first.
    struct Persistence
    {
        std::function<Result<QString>()> load;
        std::function<Status(const QString &state)> save;
    };

    Hlc(Persistence persistence, Clock &clock, QString terminal, qint64 maxAheadMs = 5 * 60 * 1000);

    [[nodiscard]] Status load();

    // A time for a local event, later than every time this lane has issued or observed.
    [[nodiscard]] Result<HlcTime> tick();

    // Merges a remote time (the HLC receive rule): the lane's next times come after it.
    [[nodiscard]] Status observe(const HlcTime &remote);

    // The lane learnt that its own clock had run ahead of the store's time: the times it issued
    // beyond now + maxAheadMs are being re-timed, and the clock goes back to `ms` (the one step
    // back it ever takes). Refused unless the clock is that far ahead.
    [[nodiscard]] Status retreatTo(qint64 ms);

    // While deferred, observe() moves the clock in memory only and flushDeferred() writes it once
    // (in the caller's transaction): a batch of received messages writes lane_meta once, not
    // once per message. Local events (tick) always write at once.
    void setDeferred(bool deferred);
    [[nodiscard]] Status flushDeferred();

    HlcTime last() const { return {m_ms, m_counter, m_terminal}; }
    qint64 maxAheadMs() const { return m_maxAheadMs; }
    Clock &clock() const { return m_clock; }

private:
    Status persist();

    Persistence m_persistence;
    Clock &m_clock;
    QString m_terminal;
    qint64 m_maxAheadMs;
    qint64 m_ms = 0;
    qint64 m_counter = 0;
    bool m_deferred = false;
    bool m_unsaved = false;
};
