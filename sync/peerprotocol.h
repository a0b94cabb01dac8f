#pragma once

#include "outboxmessage.h"
#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

// The peer wire protocol (docs/PROTOCOL.md): the seed's message, ack and inventory frames, plus
// this project's extensions (hello handshake with proof of the store key and a key exchange,
// version vectors for catch-up, sync requests to fill gaps). Every frame is one JSON object; after
// the hellos of protocol 3 each is sealed in a binary frame (SecureChannel).
namespace PeerProtocol {
inline constexpr int Version = 3;
// The protocol without a secure channel, only on links a store opts into (plaintextPeers).
inline constexpr int PlaintextVersion = 2;
inline constexpr int NonceBytes = 32;
inline constexpr int MacBytes = 32;
inline constexpr int KeyBytes = 32; // an X25519 public key
inline constexpr int MaxReasonChars = 500;

// Per origin lane: the highest seq up to which the holder has every message.
using VersionVector = QMap<QString, qint64>;

enum class Kind {
    Hello,            // {"type":"hello","protocol":3,"terminalId":..,"nonce":..,"key":..}
    Auth,             // {"type":"auth","mac":..,"vector":{..}}              client proof
    Welcome,          // {"type":"welcome","vector":{..},"mac":..}          server accepts
    Error,            // {"type":"error","reason":..}                        before closing
    Message,          // the seed's message: id, fromTerminal, topic, payload, timestamp (+seq)
    Ack,              // {"type":"ack","messageId":..}
    Reject,           // {"type":"reject","messageId":..,"reason":..,"permanent":bool}
    InventoryRequest, // {"type":"inventory_request","requestId":..,"timestamp":..}
    InventoryResponse, // {"type":"inventory_response","requestId":..,"inventory":[..],"timestamp":..}
    SyncRequest,       // {"type":"sync_request","vector":{..}}               resend what I lack
    Clock,             // {"type":"clock","clocks":{"L2":-3600000,..}}        clocks I sampled
    OwnHeld,           // {"type":"own_held","seq":N}   I hold your own messages up to N (§4.1)
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

// The handshake transcript (docs/PROTOCOL.md, "Handshake"): what each hello, auth and welcome
// contributes to it, as length-prefixed fields (the mac excluded); the frame must have passed
// parse(). Every MAC covers the transcript of all handshake frames up to and including the one
// that carries it.
// A protocol 3 hello adds its key exchange public key.
QByteArray transcriptOf(Kind kind, const QJsonObject &frame);
// HMAC-SHA256(key, "euphoria-lane/<version>" || role || transcript); role is 'S' (server hello,
// protocol 2 only), 'C' (auth) or 'W' (welcome).
QByteArray handshakeMac(const QByteArray &key, char role, const QByteArray &transcript,
                        int version);
// The vector as the transcript spells it: "id=seq" sorted by id, joined by ",".
QByteArray canonicalVector(const VersionVector &vector);
bool equalConstantTime(const QByteArray &a, const QByteArray &b);

QJsonObject vectorToJson(const VersionVector &vector);
[[nodiscard]] Result<VersionVector> vectorFromJson(const QJsonValue &value);

// What a lane says about its clock in its hello (and, the client, in its auth), so each side
// can estimate the other's clock (StoreClock). Optional members: clock (the sender's own clock
// when it sent the frame, ISO 8601 UTC with ms), clockCorrectionMs (how far it corrects that to
// the store's time, an integer), clockStratum (0: its time is the median of the lanes' clocks;
// 1: the cloud's; n: a lane's of stratum n-1).
struct ClockClaim
{
    qint64 clockMs = 0;
    qint64 correctionMs = 0;
    int stratum = 0;
};
// The claim a hello or auth carries; none when it carries no clock.
std::optional<ClockClaim> clockOf(const QJsonObject &frame);

// The ephemeral X25519 public key of a parsed protocol 3 hello.
QByteArray publicKeyOf(const QJsonObject &hello);

// Handshake frames without their mac: the sender adds it (withMac) once the frame is in the
// transcript. A hello with a public key is protocol 3, without one protocol 2.
QJsonObject hello(const QString &terminalId, const QByteArray &nonce,
                  const std::optional<ClockClaim> &clock = std::nullopt,
                  const QByteArray &publicKey = {});
QJsonObject auth(const VersionVector &vector,
                 const std::optional<ClockClaim> &clock = std::nullopt);
QJsonObject welcome(const VersionVector &vector);
QByteArray withMac(QJsonObject frame, const QByteArray &mac);
// The clocks a lane sampled itself (its peers' hellos), as offsets in ms from its own clock,
// sent after the handshake and when they change: a lane learns the clocks of lanes it does not
// see directly, so lanes that meet only through others still agree on the store's time.
using ClockTable = QMap<QString, qint64>;
[[nodiscard]] Result<ClockTable> clockTableFromJson(const QJsonValue &value);
QByteArray clockFrame(const ClockTable &clocks);
QByteArray error(const QString &reason);
QByteArray ack(const QString &messageId);
// The answer to a message this lane refuses: permanent when sending it again cannot succeed
// (it is invalid here), transient when it may (this lane could not store it now).
QByteArray reject(const QString &messageId, const QString &reason, bool permanent);
// own: also ask for the sender's own messages above its entry (a lane restored from a backup).
QByteArray syncRequest(const VersionVector &vector, bool own = false);
// The answer to a sync_request with "own": the highest seq of the requester's own messages this
// lane holds (past gaps too), sent before those messages (PROTOCOL.md §4.1).
QByteArray ownHeld(qint64 seq);
QByteArray compact(const QJsonObject &o);
} // namespace PeerProtocol
