#include "outboxmessage.h"

#include "clock.h"
#include "idgenerator.h"

#include <QJsonValue>

QJsonObject OutboxMessage::toWire() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("fromTerminal"), fromTerminal},
                  {QStringLiteral("topic"), topic},
                  {QStringLiteral("payload"), payload},
                  {QStringLiteral("timestamp"), timestamp}};
    if (seq > 0)
        o.insert(QStringLiteral("seq"), seq);
    return o;
}

Result<OutboxMessage> OutboxMessage::fromWire(const QJsonObject &json)
{
    using R = Result<OutboxMessage>;
    OutboxMessage m;
    const QJsonValue id = json.value(QLatin1String("id"));
    if (!id.isString() || !IdGenerator::isUuid(id.toString()))
        return R::failure(QStringLiteral("message id must be a UUID string"));
    m.id = id.toString();
    const QJsonValue from = json.value(QLatin1String("fromTerminal"));
    if (!from.isString() || from.toString().isEmpty() || from.toString().size() > 64)
        return R::failure(QStringLiteral("fromTerminal must be a non-empty string"));
    m.fromTerminal = from.toString();
    const QJsonValue topic = json.value(QLatin1String("topic"));
    if (!topic.isString() || topic.toString().isEmpty())
        return R::failure(QStringLiteral("topic must be a non-empty string"));
    m.topic = topic.toString();
    const QJsonValue payload = json.value(QLatin1String("payload"));
    if (!payload.isObject())
        return R::failure(QStringLiteral("payload must be a JSON object"));
    m.payload = payload.toObject();
    const QJsonValue ts = json.value(QLatin1String("timestamp"));
    if (!ts.isString() || !Clock::fromIso(ts.toString()).isValid())
        return R::failure(QStringLiteral("timestamp must be an ISO 8601 time"));
    m.timestamp = ts.toString();
    if (json.contains(QLatin1String("seq"))) {
        const QJsonValue seq = json.value(QLatin1String("seq"));
        const double d = seq.toDouble(-1);
        // Integers beyond 2^53 lose precision in JSON numbers; refuse rather than round.
        if (!seq.isDouble() || d < 1 || d > 9007199254740992.0 || d != qint64(d))
            return R::failure(QStringLiteral("seq must be a positive integer"));
        m.seq = qint64(d);
    }
    return m;
}
