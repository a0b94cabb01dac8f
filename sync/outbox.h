#pragma once

#include "outboxmessage.h"
#include "outboxstore.h"
#include "result.h"

#include <QJsonObject>
#include <QString>

class Clock;
class Database;
class IdGenerator;

// Publishes this lane's messages to the outbox, inside the caller's write transaction, so a
// state change and the message announcing it commit together or not at all.
class Outbox
{
public:
    Outbox(Database &db, QString terminalId, Clock &clock, IdGenerator &ids);

    // Assigns timestamp, the next seq and (unless the caller chose it to reference the message
    // from its own rows) the id; fails, writing nothing, outside a write transaction.
    [[nodiscard]] Result<OutboxMessage> publish(const QString &topic, const QJsonObject &payload,
                                                const QString &id = {});
    // The same with the payload already serialized as compact JSON (a JSON object); returns the
    // stored row. For hot paths that write their payload with JsonWriter.
    [[nodiscard]] Result<OutboxRow> publishJson(const QString &topic, const QByteArray &payload,
                                                const QString &id = {});

    // lane_meta: the highest seq of this lane a peer was seen to hold (MessageLog::
    // notePeerHoldsOwn). While it is above the lane's last seq, publish refuses: the next seqs
    // are already some other message of this lane at the peers (a restored backup).
    static inline const QString RecoveryMetaKey = QStringLiteral("own_seq_held_by_peers");
    // Why this lane may not publish now, or empty: a restored lane that no peer has spoken to
    // yet (DatabaseBackup::RestoredMetaKey), or one that peers know further than it knows itself.
    [[nodiscard]] static Result<QString> recoveryBlock(Database &db, const QString &terminalId);

    const QString &terminalId() const { return m_terminalId; }
    OutboxStore &store() { return m_store; }

private:
    Database &m_db;
    QString m_terminalId;
    Clock &m_clock;
    IdGenerator &m_ids;
    OutboxStore m_store;
};
