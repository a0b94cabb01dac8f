#pragma once

#include <QLatin1String>
#include <QString>

// The seed protocol's message topics.
namespace Topics {
inline constexpr QLatin1String Transaction{"transaction"};
inline constexpr QLatin1String Inventory{"inventory"};
inline constexpr QLatin1String Customer{"customer"};
inline constexpr QLatin1String Employee{"employee"};
inline constexpr QLatin1String ReconciliationRequest{"inventory.reconciliation.request"};
inline constexpr QLatin1String ReconciliationComplete{"inventory.reconciliation.complete"};

inline bool isKnown(const QString &topic)
{
    return topic == Transaction || topic == Inventory || topic == Customer || topic == Employee ||
           topic == ReconciliationRequest || topic == ReconciliationComplete;
}

// Lower sends first: payments before everything else (seed "Priority Queues").
inline int priorityOf(const QString &topic)
{
    return topic == Transaction ? 0 : 1;
}
} // namespace Topics
