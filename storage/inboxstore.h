#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

class Database;

// One message received from another lane, kept as it came so it can be relayed unchanged.
struct InboxRow
{
    QString messageId;
    QString origin; // the lane that published it
    QString topic;
    QByteArray payload; // compact JSON as received
    QString processedAt;
    qint64 seq = 0;      // the origin's seq
    QString sentAt;      // the origin's timestamp
    qint64 relaySeq = 0; // without seq: this lane's relay order (afterRelaySeq only)
};

// A received message refused for good (a permanent reject): its seq counts as settled.
struct RejectedRow
{
    QString messageId;
    QString origin;
    QString topic;
    qint64 seq = 0;
    QString reason;
    QString rejectedAt;
};

// SQL access to the messages received from other lanes (inbox_processed) and to how far each
// origin's seqs are here without a gap (origin_progress).
class InboxStore
{
public:
    // What the lane knows of a message before applying it.
    struct Arrival
    {
        bool known = false; // received already, or this lane's own
        // The time an acceptance gave it before it came (held.accepted); ms < 0: none.
        qint64 acceptedMs = -1;
        qint64 acceptedCounter = 0;
        bool accepted() const { return acceptedMs >= 0; }
    };
    // A message this lane holds, received or its own.
    struct Stored
    {
        QString origin;
        QString topic;
        QByteArray payload;
    };

    explicit InboxStore(Database &db)
        : m_db(db)
    {
    }

    // One statement per received message: whether it is here, and its accepted time if any.
    [[nodiscard]] Result<Arrival> arrival(const QString &messageId);
    [[nodiscard]] Status insert(const InboxRow &row);
    // The lane's copy of a message, received (inbox_processed) or its own (outbox).
    [[nodiscard]] Result<std::optional<Stored>> stored(const QString &messageId);
    // Up to limit messages received from origin with seq > after, in seq order (processedAt is
    // left empty).
    [[nodiscard]] Result<QList<InboxRow>> afterSeq(const QString &origin, qint64 after, int limit);
    // Messages received without seq (a seed-only peer's), numbered by insert() in the order this
    // lane received them: up to limit of them with relay_seq > after, in that order.
    [[nodiscard]] Result<QList<InboxRow>> afterRelaySeq(qint64 after, int limit);
    [[nodiscard]] Result<qint64> lastRelaySeq();
    // In the caller's transaction; a message rejected twice keeps its first row. Whether this
    // call added the row.
    [[nodiscard]] Result<bool> recordRejected(const RejectedRow &row);
    [[nodiscard]] Result<qint64> rejectedCount();

    // Records that seqs of origin were received (in the caller's transaction): max_seq moves up,
    // and contiguous_seq walks forward over these seqs and those received ahead of them before.
    [[nodiscard]] Status advanceOrigin(const QString &origin, QList<qint64> seqs);
    // Per origin other than `except`: the seq up to which everything is here.
    [[nodiscard]] Result<QMap<QString, qint64>> contiguousSeqs(const QString &except);
    // Per origin other than `except`: the highest seq received.
    [[nodiscard]] Result<QMap<QString, qint64>> maxSeqs(const QString &except);

    // A savepoint around one received message, so a message that fails is undone alone.
    [[nodiscard]] Status beginMessage();
    [[nodiscard]] Status keepMessage();
    [[nodiscard]] Status undoMessage();

private:
    Result<QMap<QString, qint64>> seqsByOrigin(const QString &sql, const QString &except);

    Database &m_db;
};
