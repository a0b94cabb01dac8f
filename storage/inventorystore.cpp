#include "inventorystore.h"

#include "database.h"

#include <QSqlQuery>
#include <QVariant>

Result<AppliedChange> InventoryStore::applyDelta(const StockChange &change)
{
    using R = Result<AppliedChange>;
    // One statement: a product without an inventory row starts from zero.
    auto q = m_db.statement(QStringLiteral(
        "INSERT INTO inventory(product_id, current_stock, reserved_stock, last_updated) "
        "VALUES (?, ?, 0, ?) ON CONFLICT(product_id) DO UPDATE SET "
        "current_stock = current_stock + excluded.current_stock, "
        "last_updated = excluded.last_updated RETURNING current_stock"));
    if (!q)
        return R::failure(q.error());
    auto after =
        (*q)->bind(1, change.productId).bind(2, change.delta).bind(3, change.at).execReturningInt();
    if (!after)
        return R::failure(after.error());
    AppliedChange applied;
    applied.after = *after;
    applied.before = applied.after - change.delta;
    if (Status s = audit(change, applied); !s)
        return R::failure(s.error());
    return applied;
}

Result<AppliedChange> InventoryStore::setAbsolute(const StockChange &change, qint64 absolute)
{
    using R = Result<AppliedChange>;
    auto current = level(change.productId);
    if (!current)
        return R::failure(current.error());
    AppliedChange applied;
    applied.before = current->has_value() ? current->value().currentStock : 0;
    applied.after = absolute;
    auto q = m_db.prepared(QStringLiteral(
        "INSERT INTO inventory(product_id, current_stock, reserved_stock, last_updated) "
        "VALUES (?, ?, 0, ?) ON CONFLICT(product_id) DO UPDATE SET "
        "current_stock = excluded.current_stock, last_updated = excluded.last_updated"));
    if (!q)
        return R::failure(q.error());
    (*q)->bindValue(0, change.productId);
    (*q)->bindValue(1, absolute);
    (*q)->bindValue(2, change.at);
    if (Status s = Database::run(**q); !s)
        return R::failure(s.error());
    StockChange recorded = change;
    recorded.delta = applied.after - applied.before;
    if (Status s = audit(recorded, applied); !s)
        return R::failure(s.error());
    return applied;
}

Status InventoryStore::audit(const StockChange &change, const AppliedChange &applied)
{
    auto q = m_db.statement(QStringLiteral(
        "INSERT INTO inventory_changes(product_id, delta, reason, stock_before, stock_after, "
        "employee_id, terminal_id, message_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!q)
        return Status::failure(q.error());
    return (*q)
        ->bind(1, change.productId)
        .bind(2, change.delta)
        .bind(3, change.reason)
        .bind(4, applied.before)
        .bind(5, applied.after)
        .bindOptional(6, change.employeeId)
        .bind(7, change.terminalId)
        .bindOptional(8, change.messageId)
        .bind(9, change.at)
        .exec();
}

Result<std::optional<StockLevel>> InventoryStore::level(const QString &productId)
{
    using R = Result<std::optional<StockLevel>>;
    auto q = m_db.prepared(QStringLiteral("SELECT product_id, current_stock, reserved_stock, "
                                          "last_updated FROM inventory WHERE product_id = ?"));
    if (!q)
        return R::failure(q.error());
    QSqlQuery &query = **q;
    query.bindValue(0, productId);
    if (Status s = Database::run(query); !s)
        return R::failure(s.error());
    std::optional<StockLevel> result;
    if (query.next())
        result = StockLevel{query.value(0).toString(), query.value(1).toLongLong(),
                            query.value(2).toLongLong(), query.value(3).toString()};
    query.finish();
    return result;
}

Result<QList<StockLevel>> InventoryStore::all()
{
    using R = Result<QList<StockLevel>>;
    auto q = m_db.prepared(QStringLiteral("SELECT product_id, current_stock, reserved_stock, "
                                          "last_updated FROM inventory ORDER BY product_id"));
    if (!q)
        return R::failure(q.error());
    QSqlQuery &query = **q;
    if (Status s = Database::run(query); !s)
        return R::failure(s.error());
    QList<StockLevel> levels;
    while (query.next())
        levels.append({query.value(0).toString(), query.value(1).toLongLong(),
                       query.value(2).toLongLong(), query.value(3).toString()});
    query.finish();
    return levels;
}
