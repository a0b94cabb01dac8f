#include "outboxstore.h"

#include "database.h"

#include <QVariant>

#include <algorithm>

Status OutboxStore::insert(const OutboxRow &row)
{
    static const QString sql = QStringLiteral(
        "INSERT INTO outbox(id, topic, payload, status, retry_count, created_at, terminal_id, "
        "peer_acked_at, cloud_acked_at, seq, priority, last_error) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    return m_db.run(sql, row.id, row.topic, row.payload, row.status, row.retryCount, row.createdAt,
                    row.terminalId, SqlOptional{row.peerAckedAt}, SqlOptional{row.cloudAckedAt},
                    row.seq, row.priority, SqlOptional{row.lastError});
}

namespace {
const QString kRowColumns =
    QStringLiteral("SELECT id, topic, payload, status, retry_count, created_at, terminal_id, "
                   "peer_acked_at, cloud_acked_at, seq, priority, last_error FROM outbox ");

OutboxRow readRow(const SqlRow &q)
{
    OutboxRow r;
    r.id = q.text(0);
    r.topic = q.text(1);
    r.payload = q.utf8(2);
    r.status = q.text(3);
    r.retryCount = int(q.integer(4));
    r.createdAt = q.text(5);
    r.terminalId = q.text(6);
    r.peerAckedAt = q.text(7);
    r.cloudAckedAt = q.text(8);
    r.seq = q.integer(9);
    r.priority = int(q.integer(10));
    r.lastError = q.text(11);
    return r;
}
} // namespace

Result<std::optional<OutboxRow>> OutboxStore::byId(const QString &id)
{
    static const QString sql = kRowColumns + QStringLiteral("WHERE id = ?");
    return m_db.row(sql, readRow, id);
}

Result<QList<OutboxRow>> OutboxStore::failed(int limit)
{
    static const QString sql =
        kRowColumns + QStringLiteral("WHERE status = 'failed' ORDER BY created_at DESC LIMIT ?");
    return m_db.rows(sql, readRow, qint64(std::clamp(limit, 1, 10000)));
}

Result<QMap<QString, qint64>> OutboxStore::countByStatus()
{
    QMap<QString, qint64> counts{{QStringLiteral("pending"), 0},
                                 {QStringLiteral("peer_ack"), 0},
                                 {QStringLiteral("cloud_ack"), 0},
                                 {QStringLiteral("failed"), 0}};
    if (Status s = m_db.forEach(QStringLiteral("SELECT status, n FROM outbox_counts"),
                                [&](const SqlRow &r) { counts[r.text(0)] = r.integer(1); });
        !s)
        return Result<QMap<QString, qint64>>::failure(s.error());
    return counts;
}

Result<qint64> OutboxStore::lastSeq(const QString &terminal)
{
    static const QString sql = QStringLiteral("SELECT value FROM counters WHERE name = ?");
    // The counter Outbox::publish numbers the terminal's messages with.
    const QString name = QStringLiteral("outbox_seq:") + terminal;
    auto value = m_db.integer(sql, name);
    if (!value)
        return Result<qint64>::failure(value.error());
    return value->value_or(0);
}

Status OutboxStore::raiseCounter(const QString &name, qint64 atLeast)
{
    return m_db.run(
        QStringLiteral("INSERT INTO counters(name, value) VALUES (?, ?) ON "
                       "CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)"),
        name, atLeast);
}

Result<qint64> OutboxStore::contiguousSeq(const QString &terminal, qint64 from)
{
    static const QString sql =
        QStringLiteral("SELECT seq FROM outbox WHERE terminal_id = ? AND seq > ? ORDER BY seq");
    qint64 upTo = from;
    bool gap = false;
    if (Status s = m_db.forEach(
            sql,
            [&](const SqlRow &r) {
                if (!gap && r.integer(0) == upTo + 1)
                    ++upTo;
                else
                    gap = true;
            },
            terminal, from);
        !s)
        return Result<qint64>::failure(s.error());
    return upTo;
}

Result<QList<OutboxRow>> OutboxStore::afterSeq(const QString &terminal, qint64 after, int limit)
{
    static const QString sql =
        QStringLiteral("SELECT id, topic, payload, created_at, seq FROM outbox "
                       "WHERE terminal_id = ? AND seq > ? ORDER BY seq LIMIT ?");
    return m_db.rows(
        sql,
        [&terminal](const SqlRow &r) {
            OutboxRow row;
            row.id = r.text(0);
            row.topic = r.text(1);
            row.payload = r.utf8(2);
            row.createdAt = r.text(3);
            row.seq = r.integer(4);
            row.terminalId = terminal;
            return row;
        },
        terminal, after, limit);
}

Status OutboxStore::markPeerAcked(const QString &id, const QString &at)
{
    static const QString sql = QStringLiteral(
        "UPDATE outbox SET status = 'peer_ack', peer_acked_at = ? WHERE id = ? AND (status = "
        "'pending' OR (status = 'failed' AND peer_acked_at IS NULL))");
    return m_db.run(sql, at, id);
}

Result<qint64> OutboxStore::lowestPendingSeq()
{
    return m_db.integerOrZero(
        QStringLiteral("SELECT MIN(seq) FROM outbox WHERE status = 'pending'"));
}

Status OutboxStore::markPeerRejected(const QString &id, const QString &error)
{
    static const QString sql = QStringLiteral(
        "UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ? AND status = 'pending'");
    return m_db.run(sql, error.left(500), id);
}

Result<qint64> OutboxStore::markPeerAckedUpTo(const QString &terminal, qint64 seq,
                                              const QString &at)
{
    static const QString sql = QStringLiteral(
        "UPDATE outbox SET status = 'peer_ack', peer_acked_at = ? WHERE terminal_id = ? AND "
        "seq <= ? AND status = 'pending'");
    static const QString changes = QStringLiteral("SELECT changes()");
    if (Status s = m_db.run(sql, at, terminal, seq); !s)
        return Result<qint64>::failure(s.error());
    auto n = m_db.integer(changes);
    if (!n)
        return Result<qint64>::failure(n.error());
    return n->value_or(0);
}

Result<QList<OutboxStore::Timed>> OutboxStore::timedSince(const QString &createdAfter)
{
    static const QString sql = QStringLiteral(
        "SELECT o.id, o.topic, o.payload, COALESCE(a.hlc_ms, -1), COALESCE(a.hlc_counter, 0) "
        "FROM outbox o LEFT JOIN held_acceptances a ON a.message_id = o.id WHERE o.topic IN "
        "('transaction', 'inventory', 'customer', 'employee', 'product') AND o.created_at > ? "
        "ORDER BY o.seq");
    return m_db.rows(
        sql,
        [](const SqlRow &r) {
            return Timed{r.text(0), r.text(1), r.utf8(2), r.integer(3), r.integer(4)};
        },
        createdAfter);
}
