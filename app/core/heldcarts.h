#pragma once

#include "cart.h"
#include "heldcartstore.h"
#include "result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

class CatalogStore;
class Clock;
class Database;
class IdGenerator;
struct Employee;

// Carts parked on this lane (a customer went back for something) to recall later. Holding
// stores the lines and adds their units to inventory.reserved_stock; recalling or discarding
// takes them off again; each in one SQLite transaction, so a crash never leaves units reserved
// for a cart that is gone. Held carts are the lane's own: not synced.
class HeldCarts
{
    Q_DECLARE_TR_FUNCTIONS(HeldCarts)

public:
    using Info = HeldCartInfo;

    HeldCarts(Database &db, Clock &clock, IdGenerator &ids);

    // Parks the cart (not empty, nothing paid yet); returns the held cart's id. The caller
    // clears its cart on success.
    [[nodiscard]] Result<QString> hold(const Cart &cart, const Employee &employee,
                                       const QString &label);
    [[nodiscard]] Result<QList<Info>> list();
    // The held cart as a Cart again (current catalog data, the held prices and discounts); it is
    // no longer held.
    [[nodiscard]] Result<Cart> recall(const QString &id, CatalogStore &catalog);
    [[nodiscard]] Status discard(const QString &id);

private:
    Status reserve(const QList<QPair<QString, qint64>> &units, int sign);
    Database &m_db;
    Clock &m_clock;
    IdGenerator &m_ids;
    HeldCartStore m_store;
};
