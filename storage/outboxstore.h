#pragma once

#include "result.h"

#include <QByteArray>
#include <QMap>
#include <QString>

#include <optional>

class Database;

// One row of the outbox: a message this lane publishes, with its delivery state.
struct OutboxRow
{
    QString id;
    QString topic;
    QByteArray payload; // compact JSON
    QString status = QStringLiteral("pending");
    int retryCount = 0;
    QString createdAt;
    QString terminalId;
    QString peerAckedAt;
    QString cloudAckedAt;
    qint64 seq = 0;
    int priority = 1;
    QString lastError;
};

// SQL access to the outbox table.
class OutboxStore
{
public:
    explicit OutboxStore(Database &db)
        : m_db(db)
    {
    }

    [[nodiscard]] Status insert(const OutboxRow &row);
    [[nodiscard]] Result<std::optional<OutboxRow>> byId(const QString &id);
    // Message counts by status ("pending", "peer_ack", "cloud_ack", "failed"), from the
    // trigger-kept outbox_counts: constant time however large the outbox.
    [[nodiscard]] Result<QMap<QString, qint64>> countByStatus();
    // Messages the cloud refused maxRetries times, newest first (the admin screen).
    [[nodiscard]] Result<QList<OutboxRow>> failed(int limit);

    // An own message that carries a time of its own, with the time an acceptance gave it.
    struct Timed
    {
        QString id;
        QString topic;
        QByteArray payload;
        qint64 acceptedMs = -1; // < 0: no acceptance
        qint64 acceptedCounter = 0;
    };

    // The last seq this lane's outbox gave terminal's messages (0: none yet).
    [[nodiscard]] Result<qint64> lastSeq(const QString &terminal);
    // Moves a named counter (counters table) up to atLeast, never down: a restored lane's seq
    // and receipt counters past the numbers its own messages, got back from peers, used.
    [[nodiscard]] Status raiseCounter(const QString &name, qint64 atLeast);
    // The highest seq up to which the outbox holds every one of terminal's messages after
    // `from` (from itself when it holds none of from + 1).
    [[nodiscard]] Result<qint64> contiguousSeq(const QString &terminal, qint64 from);
    // The lowest seq still pending (0: none), where sending to peers starts again after a retry.
    [[nodiscard]] Result<qint64> lowestPendingSeq();
    // Up to limit of terminal's messages with seq > after, in seq order (id, topic, payload,
    // createdAt, seq and terminalId filled).
    [[nodiscard]] Result<QList<OutboxRow>> afterSeq(const QString &terminal, qint64 after,
                                                    int limit);
    // First ack from any peer: pending -> peer_ack.
    [[nodiscard]] Status markPeerAcked(const QString &id, const QString &at);
    // A peer refused the message for good: pending -> failed with the reason (a manager's retry
    // sends it again); one another peer took already stays as it is.
    [[nodiscard]] Status markPeerRejected(const QString &id, const QString &error);
    // pending -> peer_ack for terminal's messages up to seq; returns how many changed.
    [[nodiscard]] Result<qint64> markPeerAckedUpTo(const QString &terminal, qint64 seq,
                                                   const QString &at);
    // Timed messages (transaction, inventory, customer, employee) created after createdAfter,
    // in seq order.
    [[nodiscard]] Result<QList<Timed>> timedSince(const QString &createdAfter);

private:
    Database &m_db;
};
