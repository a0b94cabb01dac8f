#pragma once

#include "backoff.h"
#include "clocktimer.h"
#include "inbox.h"
#include "peerprotocol.h"
#include "securechannel.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QWebSocket>

#include <memory>

class PeerSessionHost;

// One WebSocket connection to another lane, in either direction: the hello handshake with its key
// exchange, then messages and acks both ways, sealed by a SecureChannel (plaintext only where the
// store opted in, PROTOCOL.md §3.7). Owns its socket. Sends from the message log by per-origin
// cursor with a bounded window of unacked messages; reports what it receives as signals (peer sync
// applies messages in batches and tells the session what to ack).
class PeerSession : public QObject
{
    Q_OBJECT
public:
    enum class Role { Client, Server };
    enum class State { Handshaking, Ready, Closed };

    PeerSession(QWebSocket *socket, Role role, PeerSessionHost &host, QObject *parent = nullptr);
    ~PeerSession() override;

    Role role() const { return m_role; }
    State state() const { return m_state; }
    const QString &peerTerminal() const { return m_peerTerminal; }
    QString peerLabel() const;
    QString remoteAddress() const { return m_remote; }

    // Client: which of this lane's store keys to seal the auth under (the link moves on to the
    // next one after a peer found no key in common).
    void setKeySlot(int slot);
    // Starts the handshake (the client speaks first).
    void start();
    // Sends what the peer lacks, up to the window; holds is what this lane has per origin
    // (MessageLog::maxSeqs) and lastRelaySeq the last of the messages without seq it relays
    // (MessageLog::lastRelaySeq), read once for all sessions.
    void pump(const PeerProtocol::VersionVector &holds, qint64 lastRelaySeq);
    void sendAck(const QString &messageId);
    void sendReject(const QString &messageId, const QString &reason, bool permanent);
    // Sends origin's messages from seq on again (a manager retried messages a peer refused).
    void resendFrom(const QString &origin, qint64 seq);
    // Writes what was sent so far to the socket now instead of at the next event loop pass.
    void flush();
    void sendFrame(const QByteArray &json);
    // Closes with a logged reason; emits closed() once.
    void close(const QString &reason, bool tellPeer = true);
    // Tells a ready peer the clocks this lane sampled (clock frame); nothing without a StoreClock.
    void sendClocks();

    qint64 inFlight() const { return m_inFlight.size(); }
    // Frames waiting for the commits before them to be on disk (see sendFrame).
    qsizetype heldFrames() const { return m_held.size(); }
    const PeerProtocol::VersionVector &peerHolds() const { return m_peerHolds; }
    int rejects() const { return m_rejects; }
    // "encrypted" or "plaintext" once the peer's hello is in; empty before.
    QString channelName() const;
    // Which store key this connection uses: "1 of 2 (fingerprint)"; empty before the key
    // exchange and on a plaintext link.
    QString storeKeyLabel() const;
    QString lastMessageAt() const { return m_lastMessageAt; }

signals:
    void authenticated(PeerSession *session);
    void closed(PeerSession *session, const QString &reason);
    // A bad frame or message from the peer (counted, and logged by the receiver).
    void rejected(PeerSession *session, const QString &reason);
    // The peer refused this lane during the handshake.
    void refused(PeerSession *session, const QString &reason);
    // A message that passed PeerInbound::check, to be applied and then acked.
    void messageReceived(PeerSession *session, const Inbox::Incoming &incoming);
    // The peer acked a message this session sent (origin's seq). For a message without seq,
    // origin is MessageLog::RelayStream and seq the relay_seq up to which the peer has acked all.
    void ackReceived(PeerSession *session, const QString &messageId, const QString &origin,
                     qint64 seq);
    // The peer refused a message this session sent; a transient refusal is sent again later.
    void messageRejectedByPeer(PeerSession *session, const QString &messageId,
                               const QString &origin, const QString &reason, bool permanent);
    void inventoryRequested(PeerSession *session, const QJsonObject &request);
    void inventoryResponded(PeerSession *session, const QJsonObject &frame);
    // There may be something to send now (the session became ready, or the peer asked again).
    void pumpWanted();

private:
    // Seals (from the hellos on) and sends a frame now.
    void transmit(const QByteArray &json);
    // Sends the held frames whose commits are on disk; waits for the rest.
    void releaseHeld();
    void onText(const QString &text);
    void onBinary(const QByteArray &data);
    // One frame's JSON text, from a text frame or opened from a sealed one.
    void receive(const QByteArray &utf8);
    // Server: the client's sealed auth, opened under each of this lane's keys in turn.
    void openFirstFrame(const QByteArray &sealed);
    void onClientHello(const PeerProtocol::Frame &f);
    void onServerHello(const PeerProtocol::Frame &f);
    void onDisconnected();
    void onKeepalive();
    void handleHandshake(const PeerProtocol::Frame &frame);
    void handleReady(const PeerProtocol::Frame &frame);
    void becomeReady(const PeerProtocol::VersionVector &peerVector);
    // Whether the peer's vector is possible; closes the connection (logged) when it is not.
    bool plausible(const PeerProtocol::VersionVector &peerVector);
    void reject(const QString &reason);
    void onPeerReject(const PeerProtocol::Frame &frame);
    // What this side sent of the relay stream is acked up to here.
    qint64 relayAckedUpTo() const;
    // A rejected frame that closes the connection at once.
    void rejectAndClose(const QString &reason, const QString &closeReason);
    bool takeToken();
    // This lane's clock claim for its hello or auth (none without a StoreClock).
    std::optional<PeerProtocol::ClockClaim> ownClock() const;
    // The authenticated peer's clock claim, if its frame had one, to the StoreClock; the round
    // trip is measured from this lane's frame that it answers.
    void notePeerClock(const PeerProtocol::Frame &frame);

    struct InFlight
    {
        QString origin;
        qint64 seq = 0;
        bool relay = false; // a message without seq: seq is the relay_seq
    };

    QPointer<QWebSocket> m_socket;
    Role m_role;
    PeerSessionHost &m_host;
    State m_state = State::Handshaking;
    QString m_peerTerminal;
    QByteArray m_clientNonce;
    QByteArray m_serverNonce;
    bool m_sentAuth = false;
    QByteArray m_transcript; // the handshake frames so far, as their MACs cover them
    int m_protocol = PeerProtocol::Version;
    SecureChannel::KeyPair m_ephemeral;       // this side's X25519 pair, until the keys are derived
    std::unique_ptr<SecureChannel> m_channel; // from the server hello on (protocol 3)
    QByteArray m_storeKey;     // the store key this connection proves and derives from
    int m_keySlot = 0;         // its position in this lane's keys
    QByteArray m_dh;           // server: the X25519 secret until the client's auth opened
    QJsonObject m_serverHello; // client: its clock counts once MAC_W proved the key
    qint64 m_ownSeq = 0;       // this lane's last published seq when the handshake read it
    qint64 m_sentHelloMs = -1; // lane clock's monotonic time when this side sent its hello
    PeerProtocol::VersionVector m_cursor;    // highest seq sent (or held by the peer) per origin
    PeerProtocol::VersionVector m_peerHolds; // what the peer is known to hold per origin
    QHash<QString, InFlight> m_inFlight;
    // The peer, restored from a backup, asked for its own messages back (sync_request with
    // "own", PROTOCOL.md §4.1): this session sends them up to this seq (0: none).
    qint64 m_returnOwnUpTo = 0;
    qint64 m_relayCursor = 0; // highest relay_seq sent (or acked before) on this connection
    // Transient rejects: what to send again and when (backoff doubles while they go on).
    ClockTimer m_resendTimer;
    Backoff m_resendBackoff{1000, 60000};
    PeerProtocol::VersionVector m_resendFrom; // per origin: the lowest seq refused transiently
    qint64 m_resendRelayFrom = 0;
    ClockTimer m_keepalive;
    ClockTimer m_handshakeTimer;
    qint64 m_lastActivityMs = 0; // on the lane clock's monotonic time
    QElapsedTimer m_bucketClock; // the flood limit counts real frames per real second
    double m_tokens = 0;
    int m_rejects = 0;
    QString m_lastMessageAt;
    QString m_remote; // address:port, kept for log lines after the socket is gone
    // Frames sent while a commit was not yet on disk, each with the commit generation it waits
    // for (see sendFrame); sent in order once Database::whenDurable covers them.
    struct HeldFrame
    {
        qint64 generation = 0;
        QByteArray json;
    };
    QList<HeldFrame> m_held;
    bool m_waitingDurable = false;
};
