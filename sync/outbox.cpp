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
    if (!m_db.inTransaction())
        return R::failure(QStringLiteral("outbox publish of %1 outside a write transaction").arg(topic));
    auto seq = m_db.nextCounter(QStringLiteral("outbox_seq:") + m_terminalId);
    if (!seq)
        return R::failure(seq.error());

    OutboxMessage message;
    message.id = id.isEmpty() ? m_ids.nextString() : id;
    message.fromTerminal = m_terminalId;
    message.topic = topic;
    message.payload = payload;
    message.timestamp = m_clock.nowIso();
    message.seq = *seq;

    OutboxRow row;
    row.id = message.id;
    row.topic = topic;
    row.payload = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    row.createdAt = message.timestamp;
    row.terminalId = m_terminalId;
    row.seq = message.seq;
    row.priority = Topics::priorityOf(topic);
    if (Status s = m_store.insert(row); !s)
        return R::failure(s.error());
    return message;
}
