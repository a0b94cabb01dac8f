#pragma once

#include "inventorystore.h"
#include "outbox.h"
#include "result.h"
#include "salestore.h"

#include <QCoreApplication>
#include <QMap>

class Cart;
class Clock;
class Database;
class Hlc;
class IdGenerator;
struct Employee;

// Completes sales: the transaction, its lines and payments, the stock change per line with its
// audit row, and the `transaction` outbox message, all in one SQLite transaction.
class SaleService
{
    Q_DECLARE_TR_FUNCTIONS(SaleService)

public:
    SaleService(Database &db, Outbox &outbox, Clock &clock, IdGenerator &ids, Hlc &hlc);

    // On success the cart is cleared and the stored sale returned; on any failure nothing of the
    // sale exists in the database and the cart is unchanged.
    [[nodiscard]] Result<SaleRecord> complete(Cart &cart, const Employee &employee);

    // A return of units of a past sale (any lane's), approved by a manager: a transaction with
    // status "returned", negative quantities and amounts (each line's share of the sale's
    // discount and tax, so returning everything refunds exactly what was paid), refunded in
    // refundMethod; the units go back into stock. At most what was sold and not yet returned.
    struct ReturnLine
    {
        int lineNo = 0; // of the sale
        int quantity = 0;
    };
    [[nodiscard]] Result<SaleRecord>
    completeReturn(const QString &saleId, const QList<ReturnLine> &lines,
                   const QString &refundMethod, const Employee &employee, const Employee &approver);
    // Units of each line of a sale that can still be returned (lineNo -> units).
    [[nodiscard]] Result<QMap<int, int>> returnable(const SaleRecord &sale);

    // The lane's open shift (Shifts says): sales and returns are rung in it; none when empty.
    void setShift(const QString &shiftId) { m_shiftId = shiftId; }
    const QString &shiftId() const { return m_shiftId; }

    SaleStore &sales() { return m_sales; }
    InventoryStore &inventory() { return m_inventory; }

private:
    // Inside the caller's transaction: the next receipt number, the rows, the HLC-stamped stock
    // changes and the `transaction` outbox message of a sale or a return.
    Status record(SaleRecord &sale);
    Database &m_db;
    Outbox &m_outbox;
    Clock &m_clock;
    IdGenerator &m_ids;
    Hlc &m_hlc;
    SaleStore m_sales;
    InventoryStore m_inventory;
    QString m_shiftId;
};
