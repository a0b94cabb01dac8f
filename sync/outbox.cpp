#include "outbox.h"

#include "clock.h"
#include "database.h"
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
