#include "inventoryrequestlimiter.h"

#include <algorithm>
#include <cmath>

namespace {
constexpr qint64 kLogEveryMs = 60 * 1000;
}

InventoryRequestLimiter::InventoryRequestLimiter(int perMinute)
    : m_perMinute(std::max(1, perMinute))
{
}

InventoryRequestLimiter::Decision InventoryRequestLimiter::admit(const QString &peer, qint64 nowMs)
{
    const double intervalMs = 60000.0 / m_perMinute;
    auto it = m_buckets.find(peer);
    if (it == m_buckets.end())
        it = m_buckets.insert(peer, Bucket{double(m_perMinute), nowMs, false, 0, 0});
    Bucket &b = *it;
    b.tokens = std::min<double>(
        m_perMinute, b.tokens + double(std::max<qint64>(0, nowMs - b.atMs)) / intervalMs);
    b.atMs = nowMs;
    Decision d;
    if (!b.inFlight && b.tokens >= 1.0) {
        b.tokens -= 1.0;
        b.inFlight = true;
        b.refused = 0;
        d.admitted = true;
        return d;
    }
    if (b.inFlight) {
        d.reason = QStringLiteral("an answer to it is still in flight");
    } else {
        d.retryAfterMs = qint64(std::ceil((1.0 - b.tokens) * intervalMs));
        d.reason = QStringLiteral("more than %1 per minute").arg(m_perMinute);
    }
    d.refusedInARow = ++b.refused;
    d.log = b.refused == 1 || nowMs - b.loggedAtMs >= kLogEveryMs;
    if (d.log)
        b.loggedAtMs = nowMs;
    return d;
}

void InventoryRequestLimiter::answered(const QString &peer)
{
    const auto it = m_buckets.find(peer);
    if (it != m_buckets.end())
        it->inFlight = false;
}
