#pragma once

#include "outboxmessage.h"
#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>

// The peer wire protocol: the seed's message, ack and inventory frames, plus this project's
// extensions (hello handshake with HMAC proof of the store key, version vectors for catch-up,
// sync requests to fill gaps). Every frame is one JSON object in one text frame.
namespace PeerProtocol {
inline constexpr int Version = 1;
inline constexpr int NonceBytes = 32;

// Per origin lane: the highest seq up to which the holder has every message.
using VersionVector = QMap<QString, qint64>;

enum class Kind {
    Hello,            // {"type":"hello","protocol":1,"terminalId":..,"nonce":..[,"mac":..]}
    Auth,             // {"type":"auth","mac":..,"vector":{..}}              client proof
    Welcome,          // {"type":"welcome","vector":{..}}                    server accepts
    Error,            // {"type":"error","reason":..}                        before closing
    Message,          // the seed's message: id, fromTerminal, topic, payload, timestamp (+seq)
    Ack,              // {"type":"ack","messageId":..}
    InventoryRequest, // {"type":"inventory_request","requestId":..,"timestamp":..}
    InventoryResponse, // {"type":"inventory_response","requestId":..,"inventory":[..],"timestamp":..}
    SyncRequest,       // {"type":"sync_request","vector":{..}}               resend what I lack
};

struct Frame
{
    Kind kind = Kind::Error;
    QJsonObject json;
    OutboxMessage message; // Kind::Message
    QByteArray payload;    // Kind::Message: the payload's JSON text, as stored and relayed
};

// Parses and validates the envelope of one text frame; the payload of a message is validated
// by its topic's handler. The error says what is wrong, for the log.
[[nodiscard]] Result<Frame> parse(const QByteArray &utf8);

bool isTerminalId(const QString &id);
// The text of a top-level member's value in a JSON object text that QJsonDocument accepted;
// null when absent or when the key appears twice.
QByteArray rawMember(const QByteArray &json, const QByteArray &key);
QByteArray newNonce();

// HMAC-SHA256 proof over both nonces and both terminal ids; role is 'S' (server) or 'C'.
QByteArray proof(const QByteArray &key, char role, const QByteArray &clientNonce,
                 const QByteArray &serverNonce, const QString &clientId, const QString &serverId);
bool equalConstantTime(const QByteArray &a, const QByteArray &b);

QJsonObject vectorToJson(const VersionVector &vector);
[[nodiscard]] Result<VersionVector> vectorFromJson(const QJsonValue &value);

QByteArray hello(const QString &terminalId, const QByteArray &nonce, const QByteArray &mac = {});
QByteArray auth(const QByteArray &mac, const VersionVector &vector);
QByteArray welcome(const VersionVector &vector);
QByteArray error(const QString &reason);
QByteArray ack(const QString &messageId);
QByteArray syncRequest(const VersionVector &vector);
QByteArray compact(const QJsonObject &o);
} // namespace PeerProtocol
