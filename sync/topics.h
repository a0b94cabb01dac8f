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
// Extension: the time a held message (stamped too far in the future) takes effect at, decided
// once for every lane by the manager who accepted it or by its origin re-timing it.
inline constexpr QLatin1String HeldAccepted{"held.accepted"};
// Extension: a product's whole record (last write wins per product on its HLC time), and a price
// change scheduled at a time (from head office), immutable.
inline constexpr QLatin1String Product{"product"};
inline constexpr QLatin1String PriceScheduled{"price.scheduled"};
// Extension: a lane's closed shift (whole, immutable) and its Z reports (immutable, numbered).
inline constexpr QLatin1String Shift{"shift"};
inline constexpr QLatin1String ZReport{"z.report"};

inline bool isKnown(const QString &topic)
{
    return topic == Transaction || topic == Inventory || topic == Customer || topic == Employee ||
           topic == ReconciliationRequest || topic == ReconciliationComplete ||
           topic == HeldAccepted || topic == Product || topic == PriceScheduled || topic == Shift ||
           topic == ZReport;
}

// Topics whose effect has a time of its own (an HLC time or updatedAt): held when that time is
// beyond what the store's clock allows.
inline bool isTimed(const QString &topic)
{
    return topic == Transaction || topic == Inventory || topic == Customer || topic == Employee ||
           topic == Product;
}

// Lower sends first: payments before everything else (seed "Priority Queues").
inline int priorityOf(const QString &topic)
{
    return topic == Transaction ? 0 : 1;
}
} // namespace Topics
