#pragma once

#include "inboxstore.h"
#include "outboxstore.h"
#include "peerprogressstore.h"
#include "peerprotocol.h"
#include "result.h"

#include <QList>
#include <QString>

class Database;

// The messages this lane holds, by origin and seq: its own in the outbox, other lanes' in
// inbox_processed. Peers are served from here, for live sync, catch-up and relay alike.
class MessageLog
{
public:
    struct Entry
    {
        QString id;
        QString origin;
        QString topic;
        qint64 seq = 0;
        int priority = 1;
        QByteArray frame;   // the seed's message object, ready to send
        bool relay = false; // a message without seq: `seq` is this lane's relay_seq for it
    };

    // The key under which peer_progress keeps how far a peer acked the relay stream (the
    // messages without seq); not a terminal id, so it never meets one.
    static inline const QString RelayStream = QStringLiteral("~relay");

    MessageLog(Database &db, QString localTerminal);

    // Own origin: the last seq published; others: the contiguous seq received.
    [[nodiscard]] Result<PeerProtocol::VersionVector> vector();
    // Up to limit messages of origin with seq > after, in seq order.
    [[nodiscard]] Result<QList<Entry>> after(const QString &origin, qint64 after, int limit);
    // Up to limit messages this lane received without seq (a seed-only peer's), relay_seq > after,
    // in the order it received them; their frames carry no seq, as they came.
    [[nodiscard]] Result<QList<Entry>> afterRelay(qint64 after, int limit);
    [[nodiscard]] Result<qint64> lastRelaySeq() { return m_inbox.lastRelaySeq(); }
    // Highest seq of each origin this lane holds (for "not yet acked" counts).
    [[nodiscard]] Result<PeerProtocol::VersionVector> maxSeqs();

    // First ack from any peer: pending -> peer_ack. Call inside a write transaction.
    [[nodiscard]] Status markPeerAcked(const QString &messageId, const QString &at);
    [[nodiscard]] Result<qint64> lowestPendingSeq() { return m_outbox.lowestPendingSeq(); }
    [[nodiscard]] Status markPeerRejected(const QString &messageId, const QString &error)
    {
        return m_outbox.markPeerRejected(messageId, error);
    }
    // A peer's vector proves it committed our messages up to seq: pending -> peer_ack for all
    // of them (covers acks lost with a connection that closed). Returns how many changed.
    [[nodiscard]] Result<qint64> markPeerAckedUpTo(qint64 seq, const QString &at);
    [[nodiscard]] Status recordPeerProgress(const QString &peer, const QString &origin, qint64 seq);
    [[nodiscard]] Result<PeerProtocol::VersionVector> peerProgress(const QString &peer);

    // A peer's handshake vector says it holds this lane's messages up to seq. Above the lane's
    // own last seq, the lane was restored from a backup: the highest such seq is kept, and
    // Outbox::publish refuses until the lane holds its messages up to it again. Either way a
    // restored lane has now heard from a peer (PROTOCOL.md §4.1).
    [[nodiscard]] Status notePeerHoldsOwn(qint64 seq, qint64 ownSeq);

    const QString &localTerminal() const { return m_local; }
    // The database the log is kept in (its durability gates what leaves the lane).
    Database &database() { return m_db; }

private:
    Database &m_db;
    QString m_local;
    OutboxStore m_outbox;
    InboxStore m_inbox;
    PeerProgressStore m_peers;
};
