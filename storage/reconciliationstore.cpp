#include "reconciliationstore.h"

#include "database.h"

#include <algorithm>

Status ReconciliationStore::startRun(const QString &id, const QString &trigger,
                                     const QString &startedAt, const QString &checksumBefore)
{
    return m_db.run(
        QStringLiteral("INSERT INTO reconciliation_runs(id, trigger, started_at, checksum_before) "
                       "VALUES (?, ?, ?, ?)"),
        id, trigger, startedAt, checksumBefore);
}

Status ReconciliationStore::finishRun(const RunOutcome &o)
{
    return m_db.run(QStringLiteral("UPDATE reconciliation_runs SET finished_at = ?, result = ?, "
                                   "peers_asked = ?, peers_answered = ?, products_compared = ?, "
                                   "differences = ?, resolved = ?, checksum_after = ?, detail = ? "
                                   "WHERE id = ?"),
                    o.finishedAt, o.result, o.peersAsked, o.peersAnswered, o.productsCompared,
                    o.differences, o.resolved, o.checksumAfter, o.detail, o.id);
}

Status ReconciliationStore::recordConflict(const ConflictRecord &c)
{
    return m_db.run(
        QStringLiteral("INSERT INTO inventory_conflicts(run_id, product_id, peer_terminal, "
                       "local_stock, local_updated, remote_stock, remote_updated, chosen_stock, "
                       "chosen_from, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        c.runId, c.productId, c.peer, c.localStock, c.localUpdated, c.remoteStock, c.remoteUpdated,
        c.chosenStock, c.chosenFrom, c.resolvedAt);
}

Result<QList<ConflictRow>> ReconciliationStore::conflicts(int limit)
{
    return m_db.rows(
        QStringLiteral(
            "SELECT c.id, c.run_id, c.product_id, COALESCE(p.name, ''), c.peer_terminal, "
            "c.local_stock, c.local_updated, c.remote_stock, c.remote_updated, c.chosen_stock, "
            "c.chosen_from, c.resolved_at, c.override_stock, COALESCE(c.override_by, ''), "
            "COALESCE(c.override_at, ''), COALESCE(e.name, '') FROM inventory_conflicts c "
            "LEFT JOIN products p ON p.id = c.product_id LEFT JOIN employees e ON e.id = "
            "c.override_by ORDER BY c.id DESC LIMIT ?"),
        [](const SqlRow &r) {
            ConflictRow row;
            row.id = r.integer(0);
            row.conflict.runId = r.text(1);
            row.conflict.productId = r.text(2);
            row.productName = r.text(3);
            row.conflict.peer = r.text(4);
            row.conflict.localStock = r.integer(5);
            row.conflict.localUpdated = r.text(6);
            row.conflict.remoteStock = r.integer(7);
            row.conflict.remoteUpdated = r.text(8);
            row.conflict.chosenStock = r.integer(9);
            row.conflict.chosenFrom = r.text(10);
            row.conflict.resolvedAt = r.text(11);
            row.overrideStock = r.integer(12);
            row.overrideBy = r.text(13);
            row.overridden = !row.overrideBy.isEmpty();
            row.overrideAt = r.text(14);
            row.overrideByName = r.text(15);
            return row;
        },
        qint64(std::clamp(limit, 1, 10000)));
}

Result<std::optional<QString>> ReconciliationStore::conflictProduct(qint64 conflictId)
{
    return m_db.text(QStringLiteral("SELECT product_id FROM inventory_conflicts WHERE id = ?"),
                     conflictId);
}

Status ReconciliationStore::recordOverride(qint64 conflictId, qint64 quantity,
                                           const QString &employeeId, const QString &at)
{
    return m_db.run(QStringLiteral("UPDATE inventory_conflicts SET override_stock = ?, "
                                   "override_by = ?, override_at = ? WHERE id = ?"),
                    quantity, employeeId, at, conflictId);
}
