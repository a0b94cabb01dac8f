#pragma once

#include "result.h"

#include <QJsonObject>
#include <QString>

// A protocol message as it travels between lanes: the seed's envelope plus the origin's seq.
struct OutboxMessage
{
    QString id; // UUID
    QString fromTerminal;
    QString topic;
    QJsonObject payload;
    QString timestamp; // ISO 8601 UTC
    qint64 seq = 0;    // extension: per-origin sequence number, 0 when a seed-only peer sent it

    QJsonObject toWire() const;
    // Validates every field; a malformed message gives an error naming the field.
    [[nodiscard]] static Result<OutboxMessage> fromWire(const QJsonObject &json);
};
