#include "backoff.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

Backoff::Backoff(int initialMs, int maxMs, std::function<double()> random)
    : m_initialMs(std::max(1, initialMs))
    , m_maxMs(std::max(m_initialMs, maxMs))
    , m_random(random ? std::move(random) : std::function<double()>([] {
        return QRandomGenerator::global()->generateDouble();
    }))
{
}

int Backoff::next()
{
    const double base = std::min(double(m_maxMs), m_initialMs * std::pow(2.0, m_attempt));
    if (base < m_maxMs)
        ++m_attempt;
    const double jitter = (m_random() * 0.4) - 0.2; // -20 % .. +20 %
    return std::clamp(int(std::lround(base * (1.0 + jitter))), 1, int(m_maxMs * 1.2));
}
