#include "heldcartstore.h"

#include "database.h"

Status HeldCartStore::insert(const HeldCartInfo &info, const HeldCartContents &contents)
{
    return m_db.run(
        QStringLiteral("INSERT INTO held_carts(id, label, employee_id, item_count, total_cents, "
                       "lines, customer_id, customer_name, created_at) VALUES (?, ?, ?, ?, ?, ?, "
                       "?, ?, ?)"),
        info.id, info.label, info.employeeId, info.itemCount, info.totalCents, contents.lines,
        SqlOptional{contents.customerId}, SqlOptional{contents.customerName}, info.createdAt);
}

Result<QList<HeldCartInfo>> HeldCartStore::list()
{
    return m_db.rows(QStringLiteral("SELECT id, label, employee_id, item_count, total_cents, "
                                    "created_at FROM held_carts ORDER BY created_at"),
                     [](const SqlRow &r) {
                         return HeldCartInfo{r.text(0),         r.text(1),    r.text(2),
                                             int(r.integer(3)), r.integer(4), r.text(5)};
                     });
}

Result<std::optional<HeldCartContents>> HeldCartStore::contents(const QString &id)
{
    return m_db.row(
        QStringLiteral("SELECT lines, COALESCE(customer_id, ''), "
                       "COALESCE(customer_name, '') FROM held_carts WHERE id = ?"),
        [](const SqlRow &r) {
            return HeldCartContents{r.utf8(0), r.text(1), r.text(2)};
        },
        id);
}

Status HeldCartStore::remove(const QString &id)
{
    return m_db.run(QStringLiteral("DELETE FROM held_carts WHERE id = ?"), id);
}

Result<std::optional<QByteArray>> HeldCartStore::take(const QString &id)
{
    // SQLite makes a RETURNING statement's changes in its first step, so stopping after the
    // first row (the id is the key: there is at most one) deletes the cart.
    return m_db.row(
        QStringLiteral("DELETE FROM held_carts WHERE id = ? RETURNING lines"),
        [](const SqlRow &r) { return r.utf8(0); }, id);
}
