#include "outbox.h"

#include "clock.h"
#include "database.h"
#include "databasebackup.h"
#include "idgenerator.h"
#include "topics.h"

#include <QJsonDocument>

Outbox::Outbox(Database &db, QString terminalId, Clock &clock, IdGenerator &ids)
    : m_db(db)
    , m_terminalId(std::move(terminalId))
    , m_clock(clock)
    , m_ids(ids)
    , m_store(db)
{
}

Result<OutboxMessage> Outbox::publish(const QString &topic, const QJsonObject &payload,
                                      const QString &id)
{
    using R = Result<OutboxMessage>;
    auto row = publishJson(topic, QJsonDocument(payload).toJson(QJsonDocument::Compact), id);
    if (!row)
        return R::failure(row.error());
    OutboxMessage message;
    message.id = row->id;
    message.fromTerminal = row->terminalId;
    message.topic = row->topic;
    message.payload = payload;
    message.timestamp = row->createdAt;
    message.seq = row->seq;
    return message;
}

Result<QString> Outbox::recoveryBlock(Database &db, const QString &terminalId)
{
    auto restored = db.meta(DatabaseBackup::RestoredMetaKey);
    if (!restored)
        return Result<QString>::failure(restored.error());
    if (!restored->isEmpty())
        return QStringLiteral("recovering: restored from a backup taken at %1; it publishes "
                              "nothing (no sale, no stock change) until a peer has told it how "
                              "far it holds this lane's messages")
            .arg(*restored);
    auto held = db.meta(RecoveryMetaKey);
    if (!held)
        return Result<QString>::failure(held.error());
    if (held->isEmpty())
        return QString();
    auto own = OutboxStore(db).lastSeq(terminalId);
    if (!own)
        return Result<QString>::failure(own.error());
    const qint64 peers = held->toLongLong();
    if (peers <= *own)
        return QString();
    return QStringLiteral("recovering: peers hold messages of this lane up to seq %1 and it has "
                          "only %2 (restored from a backup?); it publishes nothing (no sale, no "
                          "stock change) until it holds its own messages again")
        .arg(peers)
        .arg(*own);
}

Result<OutboxRow> Outbox::publishJson(const QString &topic, const QByteArray &payload,
                                      const QString &id)
{
    using R = Result<OutboxRow>;
    if (!m_db.inTransaction())
        return R::failure(
            QStringLiteral("outbox publish of %1 outside a write transaction").arg(topic));
    if (!Topics::isKnown(topic))
        return R::failure(QStringLiteral("outbox publish: unknown topic %1").arg(topic));
    if (!payload.startsWith('{') || !payload.endsWith('}'))
        return R::failure(
            QStringLiteral("outbox publish of %1: the payload is not a JSON object").arg(topic));
    auto blocked = recoveryBlock(m_db, m_terminalId);
    if (!blocked)
        return R::failure(blocked.error());
    if (!blocked->isEmpty())
        return R::failure(*blocked);
    auto seq = m_db.nextCounter(QStringLiteral("outbox_seq:") + m_terminalId);
    if (!seq)
        return R::failure(seq.error());

    OutboxRow row;
    row.id = id.isEmpty() ? m_ids.nextString() : id;
    row.topic = topic;
    row.payload = payload;
    row.createdAt = m_clock.nowIso();
    row.terminalId = m_terminalId;
    row.seq = *seq;
    row.priority = Topics::priorityOf(topic);
    if (Status s = m_store.insert(row); !s)
        return R::failure(s.error());
    return row;
}
