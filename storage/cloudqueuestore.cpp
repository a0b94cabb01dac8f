#include "cloudqueuestore.h"

#include "database.h"

namespace {
// Each status walks idx_outbox_cloud in upload order.
const QString kDuePeerAcked = QStringLiteral(
    "SELECT id, topic, payload, created_at, peer_acked_at, retry_count, priority FROM outbox "
    "INDEXED BY idx_outbox_cloud WHERE status = 'peer_ack' "
    "AND (cloud_next_at IS NULL OR cloud_next_at <= ?1) ORDER BY priority, created_at LIMIT ?2");
const QString kDuePending = QStringLiteral(
    "SELECT id, topic, payload, created_at, peer_acked_at, retry_count, priority FROM outbox "
    "INDEXED BY idx_outbox_cloud WHERE status = 'pending' AND created_at <= ?3 AND "
    "(cloud_next_at IS NULL OR cloud_next_at <= ?1) ORDER BY priority, created_at LIMIT ?2");
const QString kDueRelayed = QStringLiteral(
    "SELECT message_id, topic, payload, sent_at, processed_at, cloud_retry_count FROM "
    "inbox_processed WHERE from_terminal = ?1 AND cloud_acked_at IS NULL AND "
    "cloud_retry_count < ?2 AND (cloud_next_at IS NULL OR cloud_next_at <= ?3) "
    "ORDER BY seq LIMIT ?4");
const QString kOtherOrigins =
    QStringLiteral("SELECT origin FROM origin_progress WHERE origin <> ?1");
const QString kLastSeen = QStringLiteral(
    "SELECT MAX(COALESCE((SELECT MAX(processed_at) FROM inbox_processed WHERE from_terminal "
    "= ?1), ''), COALESCE((SELECT MAX(last_message_at) FROM peer_status WHERE terminal_id = "
    "?1), ''))");
const QString kAckOwn = QStringLiteral(
    "UPDATE outbox SET status = 'cloud_ack', cloud_acked_at = ?1, last_error = NULL, "
    "cloud_next_at = NULL WHERE id = ?2 AND status IN ('pending', 'peer_ack')");
const QString kAckRelayed =
    QStringLiteral("UPDATE inbox_processed SET cloud_acked_at = ?1, cloud_last_error = NULL, "
                   "cloud_next_at = NULL WHERE message_id = ?2");
const QString kRejectOwn = QStringLiteral(
    "UPDATE outbox SET retry_count = retry_count + 1, last_error = ?1, cloud_next_at = ?2, "
    "status = CASE WHEN retry_count + 1 >= ?3 THEN 'failed' ELSE status END "
    "WHERE id = ?4 AND status IN ('pending', 'peer_ack')");
const QString kRejectRelayed =
    QStringLiteral("UPDATE inbox_processed SET cloud_retry_count = cloud_retry_count + 1, "
                   "cloud_last_error = ?1, cloud_next_at = ?2 WHERE message_id = ?3");
const QString kResetFailedOwn = QStringLiteral(
    "UPDATE outbox SET status = CASE WHEN peer_acked_at IS NULL THEN 'pending' ELSE 'peer_ack' "
    "END, retry_count = 0, cloud_next_at = NULL WHERE status = 'failed' RETURNING 1");
const QString kResetFailedRelayed =
    QStringLiteral("UPDATE inbox_processed SET cloud_retry_count = 0, cloud_next_at = NULL "
                   "WHERE cloud_acked_at IS NULL AND cloud_retry_count >= ?1 RETURNING 1");
const QString kFailedOwn = QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'failed'");
const QString kFailedRelayed =
    QStringLiteral("SELECT COUNT(*) FROM inbox_processed WHERE cloud_acked_at IS NULL AND "
                   "cloud_retry_count >= ?1");

// Columns: id, topic, payload, time, peer acked at (or processed at), retries[, priority].
// Rows in skip are left before their payload is copied.
template <typename... Args>
Result<QList<CloudQueueRow>> queueRows(Database &db, const QString &sql, bool withPriority,
                                       const QSet<QString> &skip, const Args &...args)
{
    QList<CloudQueueRow> out;
    const Status s = db.forEach(
        sql,
        [&](const SqlRow &q) {
            CloudQueueRow r;
            r.id = q.text(0);
            if (skip.contains(r.id))
                return;
            r.topic = q.text(1);
            r.payload = q.utf8(2);
            r.createdAt = q.text(3);
            r.peerAckedAt = q.text(4);
            r.retryCount = int(q.integer(5));
            if (withPriority)
                r.priority = int(q.integer(6));
            out.append(std::move(r));
        },
        args...);
    if (!s)
        return Result<QList<CloudQueueRow>>::failure(s.error());
    return out;
}

// Rows an UPDATE ... RETURNING 1 changed.
template <typename... Args>
Result<int> changedRows(Database &db, const QString &sql, const Args &...args)
{
    int n = 0;
    if (Status s = db.forEach(
            sql, [&n](const SqlRow &) { ++n; }, args...);
        !s)
        return Result<int>::failure(s.error());
    return n;
}
} // namespace

Result<QList<CloudQueueRow>> CloudQueueStore::duePeerAcked(qint64 nowMs, int limit,
                                                           const QSet<QString> &skip)
{
    return queueRows(m_db, kDuePeerAcked, true, skip, nowMs, qint64(limit));
}

Result<QList<CloudQueueRow>> CloudQueueStore::duePending(qint64 nowMs, int limit,
                                                         const QString &pendingBefore,
                                                         const QSet<QString> &skip)
{
    return queueRows(m_db, kDuePending, true, skip, nowMs, qint64(limit), pendingBefore);
}

Result<QList<CloudQueueRow>> CloudQueueStore::dueRelayed(const QString &origin, int maxRetries,
                                                         qint64 nowMs, int limit,
                                                         const QSet<QString> &skip)
{
    return queueRows(m_db, kDueRelayed, false, skip, origin, qint64(maxRetries), nowMs,
                     qint64(limit));
}

Result<QStringList> CloudQueueStore::otherOrigins(const QString &terminalId)
{
    return m_db.rows(
        kOtherOrigins, [](const SqlRow &r) { return r.text(0); }, terminalId);
}

Result<QString> CloudQueueStore::lastSeen(const QString &origin)
{
    auto last = m_db.text(kLastSeen, origin);
    if (!last)
        return Result<QString>::failure(last.error());
    return last->value_or(QString());
}

Status CloudQueueStore::ackOwn(const QString &id, const QString &ackedAt)
{
    return m_db.run(kAckOwn, ackedAt, id);
}

Status CloudQueueStore::ackRelayed(const QString &id, const QString &ackedAt)
{
    return m_db.run(kAckRelayed, ackedAt, id);
}

Status CloudQueueStore::rejectOwn(const QString &id, const QString &reason, qint64 nextAtMs,
                                  int maxRetries)
{
    return m_db.run(kRejectOwn, reason, nextAtMs, qint64(maxRetries), id);
}

Status CloudQueueStore::rejectRelayed(const QString &id, const QString &reason, qint64 nextAtMs)
{
    return m_db.run(kRejectRelayed, reason, nextAtMs, id);
}

Result<int> CloudQueueStore::resetFailed(int maxRetries)
{
    auto own = changedRows(m_db, kResetFailedOwn);
    if (!own)
        return own;
    auto relayed = changedRows(m_db, kResetFailedRelayed, qint64(maxRetries));
    if (!relayed)
        return relayed;
    return *own + *relayed;
}

Result<qint64> CloudQueueStore::failedOwnCount()
{
    return m_db.integerOrZero(kFailedOwn);
}

Result<qint64> CloudQueueStore::failedRelayedCount(int maxRetries)
{
    return m_db.integerOrZero(kFailedRelayed, qint64(maxRetries));
}
