#pragma once

#include "result.h"

#include <QList>
#include <QString>

#include <optional>

class Database;

struct StockLevel
{
    QString productId;
    qint64 currentStock = 0;
    qint64 reservedStock = 0;
    QString lastUpdated;
};

// A stock change and who caused it; written to inventory_changes as the audit trail.
struct StockChange
{
    QString productId;
    qint64 delta = 0;
    QString reason; // sale, return, receipt, count, import, reconciliation, adjustment
    QString employeeId;
    QString terminalId;
    QString messageId;
    QString at;
};

struct AppliedChange
{
    qint64 before = 0;
    qint64 after = 0;
};

// SQL access to inventory and its audit trail. Writers call it inside a write transaction.
class InventoryStore
{
public:
    explicit InventoryStore(Database &db)
        : m_db(db)
    {
    }

    // Adds delta to the product's stock and records the change; one audit row per call.
    [[nodiscard]] Result<AppliedChange> applyDelta(const StockChange &change);
    // Sets an absolute stock figure (delta = absolute - before) and records it.
    [[nodiscard]] Result<AppliedChange> setAbsolute(const StockChange &change, qint64 absolute);

    [[nodiscard]] Result<std::optional<StockLevel>> level(const QString &productId);
    [[nodiscard]] Result<QList<StockLevel>> all();

private:
    Status audit(const StockChange &change, const AppliedChange &applied);
    Database &m_db;
};
