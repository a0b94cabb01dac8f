#pragma once

#include "result.h"

#include <QList>
#include <QString>

class Database;

// One row of peer_status: one peer lane as the running lane last published it.
struct PeerStatusRow
{
    QString peer; // the peer's key: its URL, or "inbound:<terminal>"
    QString url;
    QString terminalId;
    QString direction;
    QString state;
    QString since;
    QString backoffUntil;
    QString lastMessageAt;
    QString lastSyncAt;
    qint64 unacked = 0;
    qint64 rejects = 0;
    QString lastError;
    QString channel;  // "encrypted", "plaintext", or empty while not known
    QString storeKey; // which store key the connection uses (never the key)
};

// SQL access to peer_status: written by the running lane's peer sync, read by --health and the
// sync status panel (possibly from another process).
class PeerStatusStore
{
public:
    explicit PeerStatusStore(Database &db)
        : m_db(db)
    {
    }

    // Inserts or replaces the row of row.peer, stamped updatedAt. Empty optional columns
    // (url, terminal, backoff, last message, last sync, last error) are stored as NULL.
    [[nodiscard]] Status upsert(const PeerStatusRow &row, const QString &updatedAt);
    // Drops every row not stamped updatedAt: peers no longer published.
    [[nodiscard]] Status removeNotUpdatedAt(const QString &updatedAt);
    // Every row by peer key (--health). NULL text reads as empty.
    [[nodiscard]] Result<QList<PeerStatusRow>> byPeer();
    // Every row by terminal id (the peer key where there is none), then peer key: the panel.
    [[nodiscard]] Result<QList<PeerStatusRow>> byTerminal();

private:
    Database &m_db;
};
