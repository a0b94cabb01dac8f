#include "peerstatusstore.h"

#include "database.h"

namespace {

// Reads the columns both SELECTs return, in PeerStatusRow's order.
PeerStatusRow readRow(const SqlRow &r)
{
    PeerStatusRow p;
    p.peer = r.text(0);
    p.url = r.text(1);
    p.terminalId = r.text(2);
    p.direction = r.text(3);
    p.state = r.text(4);
    p.since = r.text(5);
    p.backoffUntil = r.text(6);
    p.lastMessageAt = r.text(7);
    p.lastSyncAt = r.text(8);
    p.unacked = r.integer(9);
    p.rejects = r.integer(10);
    p.lastError = r.text(11);
    p.channel = r.text(12);
    p.storeKey = r.text(13);
    return p;
}

} // namespace

Status PeerStatusStore::upsert(const PeerStatusRow &row, const QString &updatedAt)
{
    return m_db.run(
        QStringLiteral(
            "INSERT INTO peer_status(peer, url, terminal_id, direction, state, since, "
            "backoff_until, last_message_at, last_sync_at, unacked, rejects, last_error, "
            "channel, store_key, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?) ON CONFLICT(peer) DO "
            "UPDATE SET url = excluded.url, terminal_id = excluded.terminal_id, direction = "
            "excluded.direction, state = excluded.state, since = excluded.since, backoff_until "
            "= excluded.backoff_until, last_message_at = excluded.last_message_at, last_sync_at "
            "= excluded.last_sync_at, unacked = excluded.unacked, rejects = excluded.rejects, "
            "last_error = excluded.last_error, channel = excluded.channel, store_key = "
            "excluded.store_key, updated_at = excluded.updated_at"),
        row.peer, SqlOptional{row.url}, SqlOptional{row.terminalId}, row.direction, row.state,
        row.since, SqlOptional{row.backoffUntil}, SqlOptional{row.lastMessageAt},
        SqlOptional{row.lastSyncAt}, row.unacked, row.rejects, SqlOptional{row.lastError},
        row.channel, row.storeKey, updatedAt);
}

Status PeerStatusStore::removeNotUpdatedAt(const QString &updatedAt)
{
    return m_db.run(QStringLiteral("DELETE FROM peer_status WHERE updated_at <> ?"), updatedAt);
}

Result<QList<PeerStatusRow>> PeerStatusStore::byPeer()
{
    return m_db.rows(
        QStringLiteral("SELECT peer, url, terminal_id, direction, state, since, backoff_until, "
                       "last_message_at, last_sync_at, unacked, rejects, last_error, channel, "
                       "store_key FROM peer_status ORDER BY peer"),
        readRow);
}

Result<QList<PeerStatusRow>> PeerStatusStore::byTerminal()
{
    return m_db.rows(
        QStringLiteral("SELECT peer, url, terminal_id, direction, state, since, backoff_until, "
                       "last_message_at, last_sync_at, unacked, rejects, last_error, channel, "
                       "store_key FROM peer_status ORDER BY COALESCE(terminal_id, peer), peer"),
        readRow);
}
