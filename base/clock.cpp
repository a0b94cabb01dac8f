#include "clock.h"

#include "clocktimer.h"

#include <QElapsedTimer>
#include <QTimeZone>

#include <algorithm>

QString Clock::toIso(const QDateTime &t)
{
    return t.isValid() ? msToIso(t.toMSecsSinceEpoch()) : QString();
}

QString Clock::msToIso(qint64 msSinceEpoch)
{
    // Written by hand: QDateTime::toString goes through a format parser and vasprintf, and a
    // received sale needs several of these. Same text for every year Qt writes with 4 digits.
    const qint64 msPerDay = 86400000;
    const qint64 days =
        msSinceEpoch >= 0 ? msSinceEpoch / msPerDay : -((-msSinceEpoch + msPerDay - 1) / msPerDay);
    const qint64 inDay = msSinceEpoch - days * msPerDay;
    const QDate date = QDate::fromJulianDay(days + 2440588); // 2440588: 1970-01-01
    if (date.year() < 1 || date.year() > 9999)
        return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
    char16_t text[24];
    const auto put = [&text](int at, qint64 value, int width) {
        for (int i = at + width - 1; i >= at; --i, value /= 10)
            text[i] = char16_t(u'0' + value % 10);
    };
    put(0, date.year(), 4);
    text[4] = u'-';
    put(5, date.month(), 2);
    text[7] = u'-';
    put(8, date.day(), 2);
    text[10] = u'T';
    put(11, inDay / 3600000, 2);
    text[13] = u':';
    put(14, inDay / 60000 % 60, 2);
    text[16] = u':';
    put(17, inDay / 1000 % 60, 2);
    text[19] = u'.';
    put(20, inDay % 1000, 3);
    text[23] = u'Z';
    return QString(reinterpret_cast<const QChar *>(text), 24);
}

QDateTime Clock::fromIso(const QString &iso)
{
    QDateTime t = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(iso, Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

namespace {
int digits(const QString &s, int from, int count, bool &ok)
{
    int v = 0;
    for (int i = from; i < from + count; ++i) {
        const char16_t c = s.at(i).unicode();
        if (c < u'0' || c > u'9') {
            ok = false;
            return 0;
        }
        v = v * 10 + int(c - u'0');
    }
    return v;
}

std::optional<qint64> canonicalMs(const QString &s)
{
    if (s.size() != 24 || s.at(4) != u'-' || s.at(7) != u'-' || s.at(10) != u'T' ||
        s.at(13) != u':' || s.at(16) != u':' || s.at(19) != u'.' || s.at(23) != u'Z')
        return std::nullopt;
    bool ok = true;
    const QDate date(digits(s, 0, 4, ok), digits(s, 5, 2, ok), digits(s, 8, 2, ok));
    const int h = digits(s, 11, 2, ok);
    const int m = digits(s, 14, 2, ok);
    const int sec = digits(s, 17, 2, ok);
    const int ms = digits(s, 20, 3, ok);
    if (!ok || !date.isValid() || h > 23 || m > 59 || sec > 59)
        return std::nullopt;
    return (date.toJulianDay() - QDate(1970, 1, 1).toJulianDay()) * 86400000 +
           ((h * 60 + m) * 60 + sec) * qint64(1000) + ms;
}
} // namespace

bool Clock::isCanonicalIso(const QString &iso)
{
    return canonicalMs(iso).has_value();
}

std::optional<qint64> Clock::isoMs(const QString &iso)
{
    if (auto ms = canonicalMs(iso))
        return ms;
    const QDateTime t = fromIso(iso);
    return t.isValid() ? std::optional<qint64>(t.toMSecsSinceEpoch()) : std::nullopt;
}

Clock &Clock::system()
{
    static SystemClock clock;
    return clock;
}

QDateTime SystemClock::nowUtc() const
{
    return QDateTime::currentDateTimeUtc();
}

qint64 SystemClock::elapsedMs() const
{
    static const QElapsedTimer started = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return started.elapsed();
}

ManualClock::~ManualClock()
{
    // Timers that outlive their clock must not call back into it.
    for (const Armed &a : m_timers)
        a.timer->m_active = false;
}

void ManualClock::arm(ClockTimer *timer, qint64 due)
{
    disarm(timer);
    m_timers.push_back({timer, due, m_order++});
}

void ManualClock::disarm(ClockTimer *timer)
{
    m_timers.erase(std::remove_if(m_timers.begin(), m_timers.end(),
                                  [timer](const Armed &a) { return a.timer == timer; }),
                   m_timers.end());
}

void ManualClock::advanceMs(qint64 ms)
{
    if (ms <= 0) {
        m_now = m_now.addMSecs(ms);
        return;
    }
    const qint64 target = m_elapsedMs + ms;
    for (;;) {
        // The next timer due by the target; a timer that fires may arm or stop others.
        auto next = m_timers.end();
        for (auto it = m_timers.begin(); it != m_timers.end(); ++it)
            if (it->due <= target && (next == m_timers.end() || it->due < next->due ||
                                      (it->due == next->due && it->order < next->order)))
                next = it;
        if (next == m_timers.end())
            break;
        ClockTimer *timer = next->timer;
        const qint64 due = std::max(next->due, m_elapsedMs);
        m_timers.erase(next);
        m_now = m_now.addMSecs(due - m_elapsedMs);
        m_elapsedMs = due;
        timer->fire();
    }
    m_now = m_now.addMSecs(target - m_elapsedMs);
    m_elapsedMs = target;
}
