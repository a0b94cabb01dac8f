#pragma once

#include "hlc.h"
#include "inventorystore.h"
#include "outboxmessage.h"
#include "result.h"

#include <QJsonObject>
#include <QString>

#include <functional>

class Clock;
class Database;
class Outbox;

// An `inventory` topic payload: one product's delta (sale, return, receipt, adjustment) or
// absolute count (count, reconciliation, import). Seed fields: productId, reason, delta or
// currentStock, lastUpdated. Extensions: hlcCounter and hlcTerminal (the HLC time's counter and
// lane; lastUpdated carries its physical part), employeeId.
struct InventoryEvent
{
    QString productId;
    QString reason;
    qint64 delta = 0;    // for deltas
    qint64 quantity = 0; // for absolute counts
    HlcTime hlc;
    QString employeeId;

    bool isDelta() const { return InventoryStore::isDeltaReason(reason); }
    QJsonObject toJson() const;
    // Validates a received payload; a peer that sends no HLC fields gets the message's
    // timestamp, counter 0 and its own terminal id.
    static Result<InventoryEvent> fromJson(const QJsonObject &payload, const OutboxMessage &m);
};

// Local stock operations that are not sales: each applies to this lane's ledger and publishes
// its `inventory` message in one SQLite transaction.
class StockLedger
{
public:
    StockLedger(Database &db, Outbox &outbox, Hlc &hlc, Clock &clock);

    // receipt (+q), return (+q), adjustment (±q)
    [[nodiscard]] Result<AppliedChange> recordDelta(const QString &productId, qint64 delta,
                                                    const QString &reason,
                                                    const QString &employeeId = {});
    // A stock take: "there are N on the shelf", stamped now.
    [[nodiscard]] Result<AppliedChange> recordCount(const QString &productId, qint64 quantity,
                                                    const QString &employeeId = {});
    // Inside the caller's transaction: applies a baseline with a given (possibly another lane's)
    // HLC time and publishes it, so every lane applies the same last-write-wins rule.
    [[nodiscard]] Result<AppliedChange> publishBaseline(const QString &productId, qint64 quantity,
                                                        const HlcTime &hlc, const QString &reason,
                                                        const QString &employeeId = {});

    InventoryStore &store() { return m_inventory; }

private:
    // One transaction: a fresh HLC time, the event built with it, applied and published.
    Result<AppliedChange> commitLocal(const std::function<InventoryEvent(const HlcTime &)> &event);
    Result<AppliedChange> publish(const InventoryEvent &event);

    Database &m_db;
    Outbox &m_outbox;
    Hlc &m_hlc;
    Clock &m_clock;
    InventoryStore m_inventory;
};
