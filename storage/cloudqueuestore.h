#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

class Database;

// One message waiting for the cloud: an outbox row of this lane, or a message relayed from
// another lane (an inbox_processed row).
struct CloudQueueRow
{
    QString id;
    QString topic;
    QByteArray payload;  // compact JSON as stored
    QString createdAt;   // outbox: created_at; relayed: the origin's sent_at
    QString peerAckedAt; // outbox: peer_acked_at; relayed: processed_at (when it reached here)
    int retryCount = 0;  // the cloud's rejections so far
    int priority = 1;    // outbox only
};

// SQL access to the cloud upload queue: the cloud columns of outbox and inbox_processed, and
// what decides whether another lane's messages are relayed (origin_progress, peer_status).
// Callers open the write transaction around the marks.
class CloudQueueStore
{
public:
    explicit CloudQueueStore(Database &db)
        : m_db(db)
    {
    }

    // Outbox messages due for upload (cloud_next_at unset or <= nowMs), in upload order (priority,
    // then age), at most limit, leaving out the ids in skip (messages in flight). Peer-acked ones
    // go whenever due; pending ones only when created at or before pendingBefore.
    [[nodiscard]] Result<QList<CloudQueueRow>> duePeerAcked(qint64 nowMs, int limit,
                                                            const QSet<QString> &skip);
    [[nodiscard]] Result<QList<CloudQueueRow>>
    duePending(qint64 nowMs, int limit, const QString &pendingBefore, const QSet<QString> &skip);
    // Messages relayed from origin the cloud has not acked and rejected fewer than maxRetries
    // times, due by nowMs, in the origin's order, at most limit, leaving out the ids in skip.
    [[nodiscard]] Result<QList<CloudQueueRow>> dueRelayed(const QString &origin, int maxRetries,
                                                          qint64 nowMs, int limit,
                                                          const QSet<QString> &skip);

    // The origins this lane holds messages of (origin_progress), except terminalId itself.
    [[nodiscard]] Result<QStringList> otherOrigins(const QString &terminalId);
    // When the lane last heard of origin: its last message (direct or relayed) or the last frame
    // of a direct connection, whichever is later; empty when never.
    [[nodiscard]] Result<QString> lastSeen(const QString &origin);

    // The cloud stored the message (or had it already).
    [[nodiscard]] Status ackOwn(const QString &id, const QString &ackedAt);
    [[nodiscard]] Status ackRelayed(const QString &id, const QString &ackedAt);
    // The cloud rejected the message: one more retry, not before nextAtMs; an outbox message
    // rejected maxRetries times is marked failed (a relayed one counts as failed from then on).
    [[nodiscard]] Status rejectOwn(const QString &id, const QString &reason, qint64 nextAtMs,
                                   int maxRetries);
    [[nodiscard]] Status rejectRelayed(const QString &id, const QString &reason, qint64 nextAtMs);

    // A manager's retry: failed outbox messages and relayed ones past maxRetries get their
    // retries back and are due at once. Returns how many were reset.
    [[nodiscard]] Result<int> resetFailed(int maxRetries);
    // Outbox messages marked failed, and relayed messages past maxRetries.
    [[nodiscard]] Result<qint64> failedOwnCount();
    [[nodiscard]] Result<qint64> failedRelayedCount(int maxRetries);

private:
    Database &m_db;
};
