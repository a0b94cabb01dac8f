#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

// Source of wall-clock time, injectable so tests can skew clocks and replay runs.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;

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
};

class SystemClock final : public Clock
{
public:
    QDateTime nowUtc() const override;
};

// The system clock shifted by a fixed offset: a lane whose clock is wrong, for skew tests
// (EUPHORIA_CLOCK_OFFSET_SECONDS).
class OffsetClock final : public Clock
{
public:
    explicit OffsetClock(qint64 offsetMs)
        : m_offsetMs(offsetMs)
    {
    }
    QDateTime nowUtc() const override { return system().nowUtc().addMSecs(m_offsetMs); }

private:
    qint64 m_offsetMs;
};

// A clock that only moves when told to; for tests and simulations.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start)
        : m_now(start.toUTC())
    {
    }
    QDateTime nowUtc() const override { return m_now; }
    void set(const QDateTime &t) { m_now = t.toUTC(); }
    void advanceMs(qint64 ms) { m_now = m_now.addMSecs(ms); }

private:
    QDateTime m_now;
};
