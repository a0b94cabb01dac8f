#include "inventorystore.h"

#include "database.h"

#include <QSqlQuery>
#include <QVariant>

Result<AppliedChange> InventoryStore::applyDelta(const StockChange &change)
{
    using R = Result<AppliedChange>;
    // One statement: a product without an inventory row starts from zero.
    auto q = m_db.prepared(QStringLiteral(
        "INSERT INTO inventory(product_id, current_stock, reserved_stock, last_updated) "
        "VALUES (?, ?, 0, ?) ON CONFLICT(product_id) DO UPDATE SET "
        "current_stock = current_stock + excluded.current_stock, "
        "last_updated = excluded.last_updated RETURNING current_stock"));
    if (!q)
        return R::failure(q.error());
    QSqlQuery &query = **q;
    query.bindValue(0, change.productId);
    query.bindValue(1, change.delta);
    query.bindValue(2, change.at);
    if (Status s = Database::run(query); !s)
        return R::failure(s.error());
    if (!query.next()) {
        query.finish();
        return R::failure(QStringLiteral("stock update of %1 returned nothing").arg(change.productId));
    }
    AppliedChange applied;
    applied.after = query.value(0).toLongLong();
    applied.before = applied.after - change.delta;
    query.finish();
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
    auto q = m_db.prepared(QStringLiteral(
        "INSERT INTO inventory_changes(product_id, delta, reason, stock_before, stock_after, "
        "employee_id, terminal_id, message_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!q)
        return Status::failure(q.error());
    QSqlQuery &query = **q;
    query.bindValue(0, change.productId);
    query.bindValue(1, change.delta);
    query.bindValue(2, change.reason);
    query.bindValue(3, applied.before);
    query.bindValue(4, applied.after);
    query.bindValue(5, Database::nullIfEmpty(change.employeeId));
    query.bindValue(6, change.terminalId);
    query.bindValue(7, Database::nullIfEmpty(change.messageId));
    query.bindValue(8, change.at);
    return Database::run(query);
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
