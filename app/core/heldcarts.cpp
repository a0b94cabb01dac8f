#include "heldcarts.h"

#include "catalogstore.h"
#include "clock.h"
#include "corelog.h"
#include "database.h"
#include "employeestore.h"
#include "idgenerator.h"
#include "inventorystore.h"
#include "writetransaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
// (productId, units) of a stored lines array.
QList<QPair<QString, qint64>> unitsOf(const QJsonArray &lines)
{
    QList<QPair<QString, qint64>> out;
    for (const QJsonValue &v : lines) {
        const QJsonObject o = v.toObject();
        out.append({o.value(QLatin1String("productId")).toString(),
                    o.value(QLatin1String("quantity")).toInteger()});
    }
    return out;
}
} // namespace

HeldCarts::HeldCarts(Database &db, Clock &clock, IdGenerator &ids)
    : m_db(db)
    , m_clock(clock)
    , m_ids(ids)
    , m_store(db)
{
}

Status HeldCarts::reserve(const QList<QPair<QString, qint64>> &units, int sign)
{
    InventoryStore inventory(m_db);
    for (const auto &[productId, n] : units)
        if (Status s = inventory.addReserved(productId, sign * n); !s)
            return s;
    return {};
}

Result<QString> HeldCarts::hold(const Cart &cart, const Employee &employee, const QString &label)
{
    using R = Result<QString>;
    if (cart.isEmpty())
        return R::failure(tr("The cart is empty."));
    if (!cart.tenders().isEmpty())
        return R::failure(tr("Payments are already taken; a paid cart cannot be held."));
    QJsonArray lines;
    QList<QPair<QString, qint64>> units;
    for (const CartLine &l : cart.lines()) {
        lines.append(QJsonObject{{QStringLiteral("productId"), l.product.id},
                                 {QStringLiteral("quantity"), l.quantity},
                                 {QStringLiteral("unitPriceCents"), l.unitPriceCents},
                                 {QStringLiteral("discountBp"), l.discountBp},
                                 {QStringLiteral("approvedBy"), l.approvedBy},
                                 {QStringLiteral("approvedBp"), l.approvedBp}});
        units.append({l.product.id, l.quantity});
    }
    const QString id = m_ids.nextString();
    const QString now = m_clock.nowIso();
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return R::failure(tx.error());
    const HeldCartInfo info{
        id, label.simplified().left(60), employee.id, cart.itemCount(), cart.totalCents(), now};
    if (Status s = m_store.insert(info, {QJsonDocument(lines).toJson(QJsonDocument::Compact),
                                         cart.customerId(), cart.customerName()});
        !s)
        return R::failure(s.error());
    if (Status s = reserve(units, +1); !s)
        return R::failure(s.error());
    if (Status s = tx.commit(); !s)
        return R::failure(s.error());
    qCInfo(lcApp) << "cart held as" << id << "by" << employee.id << "(" << cart.itemCount()
                  << "items )";
    return id;
}

Result<QList<HeldCarts::Info>> HeldCarts::list()
{
    return m_store.list();
}

Result<Cart> HeldCarts::recall(const QString &id, CatalogStore &catalog)
{
    using R = Result<Cart>;
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return R::failure(tx.error());
    auto held = m_store.contents(id);
    if (!held)
        return R::failure(held.error());
    if (!held->has_value())
        return R::failure(tr("That held cart is no longer here."));
    const QJsonArray lines = QJsonDocument::fromJson((*held)->lines).array();
    Cart cart;
    cart.setCustomer((*held)->customerId, (*held)->customerName);
    for (const QJsonValue &v : lines) {
        const QJsonObject o = v.toObject();
        auto product = catalog.byId(o.value(QLatin1String("productId")).toString());
        if (!product)
            return R::failure(product.error());
        if (!product->has_value())
            return R::failure(tr("A product of this held cart is no longer in the catalog."));
        CartLine line;
        line.product = **product;
        line.quantity = int(o.value(QLatin1String("quantity")).toInteger());
        line.unitPriceCents = o.value(QLatin1String("unitPriceCents")).toInteger();
        line.discountBp = int(o.value(QLatin1String("discountBp")).toInteger());
        line.approvedBy = o.value(QLatin1String("approvedBy")).toString();
        line.approvedBp = int(o.value(QLatin1String("approvedBp")).toInteger());
        if (auto added = cart.appendLine(line); !added)
            return R::failure(added.error());
    }
    if (Status s = m_store.remove(id); !s)
        return R::failure(s.error());
    if (Status s = reserve(unitsOf(lines), -1); !s)
        return R::failure(s.error());
    if (Status s = tx.commit(); !s)
        return R::failure(s.error());
    qCInfo(lcApp) << "held cart" << id << "recalled";
    return cart;
}

Status HeldCarts::discard(const QString &id)
{
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return Status::failure(tx.error());
    auto taken = m_store.take(id);
    if (!taken)
        return Status::failure(taken.error());
    if (!taken->has_value())
        return Status::failure(tr("That held cart is no longer here."));
    const QJsonArray lines = QJsonDocument::fromJson(**taken).array();
    if (Status s = reserve(unitsOf(lines), -1); !s)
        return s;
    if (Status s = tx.commit(); !s)
        return s;
    qCInfo(lcApp) << "held cart" << id << "discarded";
    return {};
}
