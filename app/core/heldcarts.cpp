#include "heldcarts.h"

#include "catalogstore.h"
#include "clock.h"
#include "database.h"
#include "employeestore.h"
#include "idgenerator.h"
#include "logging.h"
#include "sqlstatement.h"
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
{
}

Status HeldCarts::reserve(const QList<QPair<QString, qint64>> &units, int sign)
{
    auto q = m_db.statement(QStringLiteral(
        "UPDATE inventory SET reserved_stock = MAX(0, reserved_stock + ?) WHERE product_id = ?"));
    if (!q)
        return Status::failure(q.error());
    for (const auto &[productId, n] : units)
        if (Status s = (*q)->bind(1, sign * n).bind(2, productId).exec(); !s)
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
    auto q = m_db.statement(
        QStringLiteral("INSERT INTO held_carts(id, label, employee_id, item_count, total_cents, "
                       "lines, customer_id, customer_name, created_at) VALUES (?, ?, ?, ?, ?, ?, "
                       "?, ?, ?)"));
    if (!q)
        return R::failure(q.error());
    if (Status s = (*q)->bind(1, id)
                       .bind(2, label.simplified().left(60))
                       .bind(3, employee.id)
                       .bind(4, cart.itemCount())
                       .bind(5, cart.totalCents())
                       .bind(6, QJsonDocument(lines).toJson(QJsonDocument::Compact))
                       .bindOptional(7, cart.customerId())
                       .bindOptional(8, cart.customerName())
                       .bind(9, now)
                       .exec();
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
    using R = Result<QList<Info>>;
    auto q = m_db.statement(QStringLiteral("SELECT id, label, employee_id, item_count, "
                                           "total_cents, created_at FROM held_carts ORDER BY "
                                           "created_at"));
    if (!q)
        return R::failure(q.error());
    QList<Info> out;
    while ((*q)->next())
        out.append(Info{(*q)->columnText(0), (*q)->columnText(1), (*q)->columnText(2),
                        int((*q)->columnInt(3)), (*q)->columnInt(4), (*q)->columnText(5)});
    if (!(*q)->error().isEmpty())
        return R::failure((*q)->error());
    return out;
}

Result<Cart> HeldCarts::recall(const QString &id, CatalogStore &catalog)
{
    using R = Result<Cart>;
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return R::failure(tx.error());
    auto q = m_db.statement(QStringLiteral("SELECT lines, COALESCE(customer_id, ''), "
                                           "COALESCE(customer_name, '') FROM held_carts WHERE "
                                           "id = ?"));
    if (!q)
        return R::failure(q.error());
    (*q)->bind(1, id);
    if (!(*q)->next())
        return R::failure((*q)->error().isEmpty() ? tr("That held cart is no longer here.")
                                                  : (*q)->error());
    const QJsonArray lines = QJsonDocument::fromJson((*q)->columnText(0).toUtf8()).array();
    Cart cart;
    cart.setCustomer((*q)->columnText(1), (*q)->columnText(2));
    (*q)->finish();
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
    auto del = m_db.statement(QStringLiteral("DELETE FROM held_carts WHERE id = ?"));
    if (!del)
        return R::failure(del.error());
    if (Status s = (*del)->bind(1, id).exec(); !s)
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
    auto q = m_db.statement(QStringLiteral("DELETE FROM held_carts WHERE id = ? RETURNING lines"));
    if (!q)
        return Status::failure(q.error());
    (*q)->bind(1, id);
    if (!(*q)->next())
        return Status::failure((*q)->error().isEmpty() ? tr("That held cart is no longer here.")
                                                       : (*q)->error());
    const QJsonArray lines = QJsonDocument::fromJson((*q)->columnText(0).toUtf8()).array();
    (*q)->finish();
    if (Status s = reserve(unitsOf(lines), -1); !s)
        return s;
    if (Status s = tx.commit(); !s)
        return s;
    qCInfo(lcApp) << "held cart" << id << "discarded";
    return {};
}
