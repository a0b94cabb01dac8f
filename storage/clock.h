#pragma once

#include <QDateTime>
#include <QString>

// Source of wall-clock time, injectable so tests can skew clocks and replay runs.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;

    // ISO 8601 UTC with milliseconds, the format of every time on the wire and in the database.
    QString nowIso() const { return toIso(nowUtc()); }
    static QString toIso(const QDateTime &t);
    static QDateTime fromIso(const QString &iso);

    static Clock &system();
};

class SystemClock final : public Clock
{
public:
    QDateTime nowUtc() const override;
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
