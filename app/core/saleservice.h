#pragma once

#include "inventorystore.h"
#include "outbox.h"
#include "result.h"
#include "salestore.h"

#include <QCoreApplication>

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

    SaleStore &sales() { return m_sales; }
    InventoryStore &inventory() { return m_inventory; }

private:
    Database &m_db;
    Outbox &m_outbox;
    Clock &m_clock;
    IdGenerator &m_ids;
    Hlc &m_hlc;
    SaleStore m_sales;
    InventoryStore m_inventory;
};
