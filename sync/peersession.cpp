#include "peersession.h"

#include "clock.h"
#include "database.h"
#include "idgenerator.h"
#include "messagelog.h"
#include "outbox.h"
#include "peerinbound.h"
#include "peersessionhost.h"
#include "peersyncconfig.h"
#include "storeclock.h"
#include "storekey.h"
#include "synclog.h"

#include <QHostAddress>
#include <QJsonDocument>

#include <algorithm>

using namespace PeerProtocol;

PeerSession::PeerSession(QWebSocket *socket, Role role, PeerSessionHost &host, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_role(role)
    , m_host(host)
    , m_resendTimer(host.clock())
    , m_keepalive(host.clock())
    , m_handshakeTimer(host.clock())
{
    socket->setParent(this);
    m_remote =
        role == Role::Client
            ? socket->requestUrl().toString()
            : QStringLiteral("%1:%2").arg(socket->peerAddress().toString()).arg(socket->peerPort());
    // A sealed frame is the JSON text and the AEAD's tag.
    socket->setMaxAllowedIncomingFrameSize(
        quint64(host.config().maxFrameBytes + SecureChannel::SealOverhead));
    socket->setMaxAllowedIncomingMessageSize(
        quint64(host.config().maxFrameBytes + SecureChannel::SealOverhead));
    connect(socket, &QWebSocket::textMessageReceived, this, &PeerSession::onText);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &PeerSession::onBinary);
    connect(socket, &QWebSocket::disconnected, this, &PeerSession::onDisconnected);
    connect(socket, &QWebSocket::pong, this,
            [this] { m_lastActivityMs = m_host.clock().elapsedMs(); });
    m_keepalive.setInterval(host.config().keepaliveIntervalMs);
    connect(&m_keepalive, &ClockTimer::timeout, this, &PeerSession::onKeepalive);
    m_handshakeTimer.setSingleShot(true);
    m_handshakeTimer.setInterval(host.config().handshakeTimeoutMs);
    connect(&m_handshakeTimer, &ClockTimer::timeout, this, [this] {
        close(QStringLiteral("no handshake within %1 ms").arg(m_handshakeTimer.interval()));
    });
    m_resendTimer.setSingleShot(true);
    connect(&m_resendTimer, &ClockTimer::timeout, this, [this] {
        // Rewinding the cursors sends the refused messages again (and what followed them, which
        // the peer acks as duplicates when it has it).
        for (auto it = m_resendFrom.cbegin(); it != m_resendFrom.cend(); ++it)
            m_cursor[it.key()] = std::min(m_cursor.value(it.key()), it.value() - 1);
        if (m_resendRelayFrom > 0)
            m_relayCursor = std::min(m_relayCursor, m_resendRelayFrom - 1);
        m_resendFrom.clear();
        m_resendRelayFrom = 0;
        Q_EMIT pumpWanted();
    });
    m_tokens = host.config().maxFramesPerSecond;
    m_bucketClock.start();
    m_lastActivityMs = host.clock().elapsedMs();
}

PeerSession::~PeerSession()
{
    SecureChannel::erase(m_dh);
    if (m_socket)
        m_socket->disconnect(this);
}

QString PeerSession::peerLabel() const
{
    const QString who = m_peerTerminal.isEmpty() ? QStringLiteral("?") : m_peerTerminal;
    return QStringLiteral("%1 (%2 %3)")
        .arg(who, m_role == Role::Client ? QStringLiteral("to") : QStringLiteral("from"), m_remote);
}

void PeerSession::start()
{
    m_keepalive.start();
    m_handshakeTimer.start();
    if (m_role == Role::Client) {
        const PeerSyncConfig &cfg = m_host.config();
        m_clientNonce = newNonce();
        m_sentHelloMs = m_host.clock().elapsedMs();
        if (m_socket && cfg.plaintextUrl(m_socket->requestUrl())) {
            m_protocol = PlaintextVersion;
            m_storeKey = cfg.storeKeys.value(0);
        } else {
            m_ephemeral = SecureChannel::newKeyPair();
        }
        const QJsonObject frame =
            hello(cfg.terminalId, m_clientNonce, ownClock(), m_ephemeral.publicKey);
        m_transcript = transcriptOf(Kind::Hello, frame);
        sendFrame(compact(frame));
    }
}

QString PeerSession::channelName() const
{
    if (m_peerTerminal.isEmpty())
        return {};
    return m_protocol == PlaintextVersion ? QStringLiteral("plaintext")
                                          : QStringLiteral("encrypted");
}

QString PeerSession::storeKeyLabel() const
{
    const QList<QByteArray> &keys = m_host.config().storeKeys;
    if (!m_channel || m_keySlot < 0 || m_keySlot >= keys.size())
        return {};
    return QStringLiteral("%1 of %2 (%3)")
        .arg(m_keySlot + 1)
        .arg(keys.size())
        .arg(StoreKey::fingerprint(QString::fromUtf8(keys.at(m_keySlot))));
}

void PeerSession::setKeySlot(int slot)
{
    const auto keys = m_host.config().storeKeys.size();
    m_keySlot = keys > 0 ? int(slot % keys) : 0;
}

void PeerSession::openFirstFrame(const QByteArray &sealed)
{
    // The client sealed its auth under one of its keys: the first of this lane's keys, in its
    // order, under which it opens is the connection's (PROTOCOL.md §3.1).
    const QList<QByteArray> &keys = m_host.config().storeKeys;
    for (qsizetype slot = 0; slot < keys.size(); ++slot) {
        const SecureChannel::DirectionKeys derived =
            SecureChannel::deriveKeys(m_dh, keys.at(slot), m_transcript);
        auto channel = SecureChannel::forServer(derived);
        if (auto opened = channel->open(sealed)) {
            m_channel = std::move(channel);
            m_keySlot = int(slot);
            m_storeKey = keys.at(slot);
            SecureChannel::erase(m_dh);
            receive(*opened);
            return;
        }
    }
    SecureChannel::erase(m_dh);
    const QString why = QStringLiteral("no store key in common with %1 (its auth opened under none "
                                       "of this lane's keys)")
                            .arg(m_peerTerminal);
    rejectAndClose(why, why);
}

void PeerSession::sendFrame(const QByteArray &json)
{
    if (!m_socket || m_state == State::Closed)
        return;
    // Nothing leaves the lane before what it reflects is on disk: a message (or a vector, an
    // ack) read from a commit that a power cut could still undo would let a peer hold a seq
    // this lane may reuse for another message. The lane's commits are synced in the
    // background (Database::whenDurable); frames wait for it, in order.
    Database &db = m_host.log().database();
    if (m_held.isEmpty() && db.allDurable()) {
        transmit(json);
        return;
    }
    m_held.append({db.committedGeneration(), json});
    releaseHeld();
}

void PeerSession::releaseHeld()
{
    Database &db = m_host.log().database();
    if (!db.syncFailure().isEmpty())
        return; // nothing is confirmed on disk any more: nothing leaves (logged where it failed)
    const qint64 durable = db.durableGeneration();
    while (!m_held.isEmpty() && m_held.constFirst().generation <= durable)
        transmit(m_held.takeFirst().json);
    if (m_held.isEmpty() || m_waitingDurable)
        return;
    m_waitingDurable = true;
    db.whenDurable(this, [this](const Status &) {
        m_waitingDurable = false;
        releaseHeld();
    });
}

void PeerSession::transmit(const QByteArray &json)
{
    if (!m_socket || m_state == State::Closed)
        return;
    if (m_channel)
        m_socket->sendBinaryMessage(m_channel->seal(json));
    else
        m_socket->sendTextMessage(QString::fromUtf8(json));
}

void PeerSession::flush()
{
    if (m_socket && m_state != State::Closed)
        m_socket->flush();
}

void PeerSession::sendAck(const QString &messageId)
{
    sendFrame(ack(messageId));
}

void PeerSession::resendFrom(const QString &origin, qint64 seq)
{
    m_cursor[origin] = std::min(m_cursor.value(origin), seq - 1);
    Q_EMIT pumpWanted();
}

void PeerSession::sendReject(const QString &messageId, const QString &reason, bool permanent)
{
    sendFrame(PeerProtocol::reject(messageId, reason, permanent));
}

void PeerSession::close(const QString &reason, bool tellPeer)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_keepalive.stop();
    m_handshakeTimer.stop();
    qCInfo(lcPeer).noquote() << "closing" << peerLabel() << "-" << reason;
    if (m_socket) {
        // The socket outlives the session long enough to deliver the reason and the close
        // frame; a peer that does not answer the close is cut off after a grace period.
        QWebSocket *socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        socket->setParent(nullptr);
        m_host.trackClosing(socket);
        // Sealed once the keys exist: the peer can tell this close from a cut connection.
        if (tellPeer && socket->state() == QAbstractSocket::ConnectedState) {
            if (m_channel)
                socket->sendBinaryMessage(m_channel->seal(error(reason)));
            else
                socket->sendTextMessage(QString::fromUtf8(error(reason)));
        }
        QObject::connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(2000, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
        // A socket already going down (the peer closed it) gets no close frame: writing one
        // would only log "device not open"; the timer above deletes it.
        if (socket->state() == QAbstractSocket::ConnectedState)
            socket->close(tellPeer ? QWebSocketProtocol::CloseCodePolicyViolated
                                   : QWebSocketProtocol::CloseCodeNormal,
                          reason.left(100));
    }
    Q_EMIT closed(this, reason);
}

void PeerSession::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    QString reason = QStringLiteral("connection closed by peer");
    if (m_socket && m_socket->closeCode() == QWebSocketProtocol::CloseCodeTooMuchData) {
        reason = QStringLiteral("frame larger than %1 bytes").arg(m_host.config().maxFrameBytes);
        ++m_rejects;
        Q_EMIT rejected(this, reason);
    } else if (m_channel) {
        // Only a sealed error frame is the peer's own goodbye; the WebSocket close and the TCP
        // end can come from anyone on the way.
        reason = QStringLiteral("connection ended without %1's sealed close (cut or truncated on "
                                "the way, or the peer stopped)")
                     .arg(m_peerTerminal);
    } else if (m_socket && !m_socket->closeReason().isEmpty())
        reason += QStringLiteral(": ") + m_socket->closeReason();
    close(reason, false);
}

void PeerSession::onKeepalive()
{
    const qint64 silentMs = m_host.clock().elapsedMs() - m_lastActivityMs;
    if (silentMs > m_host.config().deadAfterMs) {
        close(QStringLiteral("no answer for %1 s (dead peer or half-open connection)")
                  .arg(silentMs / 1000),
              false);
        return;
    }
    if (m_socket)
        m_socket->ping();
}

void PeerSession::sendClocks()
{
    if (const StoreClock *clock = m_host.config().storeClock; clock && m_state == State::Ready)
        sendFrame(clockFrame(clock->directOffsets()));
}

std::optional<ClockClaim> PeerSession::ownClock() const
{
    const StoreClock *clock = m_host.config().storeClock;
    if (!clock)
        return std::nullopt;
    return ClockClaim{clock->physicalMs(), clock->correctionMs(), clock->stratum()};
}

void PeerSession::notePeerClock(const Frame &f)
{
    StoreClock *clock = m_host.config().storeClock;
    const auto claim = clockOf(f.json);
    if (!clock || !claim)
        return;
    const qint64 rtt = m_sentHelloMs >= 0 ? m_host.clock().elapsedMs() - m_sentHelloMs : -1;
    clock->notePeer(m_peerTerminal, claim->clockMs, claim->correctionMs, claim->stratum, rtt);
}

bool PeerSession::takeToken()
{
    const double rate = m_host.config().maxFramesPerSecond;
    m_tokens = std::min(rate, m_tokens + rate * double(m_bucketClock.restart()) / 1000.0);
    if (m_tokens < 1)
        return false;
    m_tokens -= 1;
    return true;
}

void PeerSession::reject(const QString &reason)
{
    ++m_rejects;
    Q_EMIT rejected(this, reason);
    if (m_rejects >= m_host.config().maxRejectsPerConnection)
        close(QStringLiteral("%1 bad frames").arg(m_rejects));
}

void PeerSession::rejectAndClose(const QString &reason, const QString &closeReason)
{
    Q_EMIT rejected(this, reason);
    ++m_rejects;
    close(closeReason);
}

void PeerSession::onBinary(const QByteArray &data)
{
    if (m_state == State::Closed)
        return;
    if (!m_channel && !m_dh.isEmpty()) {
        m_lastActivityMs = m_host.clock().elapsedMs();
        openFirstFrame(data);
        return;
    }
    if (!m_channel) {
        rejectAndClose(QStringLiteral("binary frame"),
                       m_protocol == PlaintextVersion
                           ? QStringLiteral("binary frames are not part of the protocol")
                           : QStringLiteral("binary frame before the key exchange"));
        return;
    }
    m_lastActivityMs = m_host.clock().elapsedMs();
    const quint64 n = m_channel->received();
    auto opened = m_channel->open(data);
    if (!opened) {
        const QString why =
            QStringLiteral("sealed frame %1 from %2 failed authentication (altered, injected, "
                           "replayed or reordered)")
                .arg(n)
                .arg(m_peerTerminal);
        rejectAndClose(why, why);
        return;
    }
    receive(*opened);
}

void PeerSession::onText(const QString &text)
{
    if (m_state == State::Closed)
        return;
    if (m_channel) {
        // Until the welcome, the server refuses an auth it could not open in the clear.
        bool refusal = false;
        if (m_role == Role::Client && m_state == State::Handshaking) {
            const auto parsed = parse(text.toUtf8());
            refusal = parsed && parsed->kind == Kind::Error;
        }
        if (!refusal) {
            rejectAndClose(QStringLiteral("text frame on an encrypted connection"),
                           QStringLiteral("text frame on an encrypted connection"));
            return;
        }
    }
    if (!m_dh.isEmpty()) {
        // The server awaits the client's sealed auth: after the hellos nothing is in the clear.
        rejectAndClose(QStringLiteral("text frame on an encrypted connection"),
                       QStringLiteral("text frame on an encrypted connection"));
        return;
    }
    m_lastActivityMs = m_host.clock().elapsedMs();
    receive(text.toUtf8());
}

void PeerSession::receive(const QByteArray &utf8)
{
    if (!takeToken()) {
        rejectAndClose(QStringLiteral("rate limit"),
                       QStringLiteral("more than %1 frames per second")
                           .arg(m_host.config().maxFramesPerSecond));
        return;
    }
    auto frame = parse(utf8);
    if (!frame) {
        if (m_state == State::Handshaking) {
            rejectAndClose(frame.error(), QStringLiteral("bad handshake frame: ") + frame.error());
            return;
        }
        // A message whose envelope is bad is a bad frame; its sender still hears which one.
        const QJsonObject o = QJsonDocument::fromJson(utf8).object();
        const QString id = o.value(QLatin1String("id")).toString();
        if (!o.contains(QLatin1String("type")) && IdGenerator::isUuid(id))
            sendReject(id, frame.error(), true);
        reject(frame.error());
        return;
    }
    if (m_state == State::Handshaking)
        handleHandshake(*frame);
    else
        handleReady(*frame);
}

void PeerSession::handleHandshake(const Frame &f)
{
    const PeerSyncConfig &cfg = m_host.config();
    if (f.kind == Kind::Error) {
        close(QStringLiteral("refused by peer: ") +
                  f.json.value(QLatin1String("reason")).toString().left(200),
              false);
        Q_EMIT refused(this, f.json.value(QLatin1String("reason")).toString().left(200));
        return;
    }
    const auto macOf = [&f] {
        return QByteArray::fromBase64(f.json.value(QLatin1String("mac")).toString().toLatin1());
    };
    if (f.kind == Kind::Hello) {
        const int protocol = f.json.value(QLatin1String("protocol")).toInt();
        const QString peer = f.json.value(QLatin1String("terminalId")).toString();
        if (protocol != Version && protocol != PlaintextVersion) {
            close(QStringLiteral("protocol version %1 is not supported; this lane speaks %2")
                      .arg(protocol)
                      .arg(Version));
            return;
        }
        if (peer == cfg.terminalId) {
            close(QStringLiteral("peer claims this lane's own terminal id %1").arg(peer));
            return;
        }
        if (m_role == Role::Server && m_peerTerminal.isEmpty()) {
            onClientHello(f);
            return;
        }
        if (m_role == Role::Client && !m_sentAuth && m_peerTerminal.isEmpty()) {
            onServerHello(f);
            return;
        }
    }
    if (f.kind == Kind::Auth && m_role == Role::Server && !m_serverNonce.isEmpty()) {
        m_transcript += transcriptOf(Kind::Auth, f.json);
        if (!equalConstantTime(macOf(), handshakeMac(m_storeKey, 'C', m_transcript, m_protocol))) {
            close(QStringLiteral("client failed to prove the store key"));
            return;
        }
        notePeerClock(f); // the client proved the key: its clock counts
        if (!m_host.acceptTerminal(this)) {
            close(QStringLiteral("terminal %1 is already connected").arg(m_peerTerminal));
            return;
        }
        auto vector = m_host.log().vector();
        if (!vector) {
            close(QStringLiteral("cannot read version vector: ") + vector.error());
            return;
        }
        m_ownSeq = vector->value(cfg.terminalId);
        const VersionVector peerVector = *vectorFromJson(f.json.value(QLatin1String("vector")));
        if (!plausible(peerVector))
            return;
        const QJsonObject frame = welcome(*vector);
        m_transcript += transcriptOf(Kind::Welcome, frame);
        sendFrame(withMac(frame, handshakeMac(m_storeKey, 'W', m_transcript, m_protocol)));
        becomeReady(peerVector);
        return;
    }
    if (f.kind == Kind::Welcome && m_role == Role::Client && m_sentAuth) {
        m_transcript += transcriptOf(Kind::Welcome, f.json);
        if (!equalConstantTime(macOf(), handshakeMac(m_storeKey, 'W', m_transcript, m_protocol))) {
            close(QStringLiteral("server's welcome failed the transcript MAC"));
            return;
        }
        if (m_protocol == Version) {
            // Only now has the server proved the key (protocol 2: in its hello).
            notePeerClock(Frame{Kind::Hello, m_serverHello, {}, {}});
            if (!m_host.acceptTerminal(this)) {
                close(QStringLiteral("terminal %1 is already connected").arg(m_peerTerminal));
                return;
            }
        }
        const VersionVector peerVector = *vectorFromJson(f.json.value(QLatin1String("vector")));
        if (plausible(peerVector))
            becomeReady(peerVector);
        return;
    }
    close(QStringLiteral("unexpected frame during the handshake"));
}

void PeerSession::onClientHello(const Frame &f)
{
    const PeerSyncConfig &cfg = m_host.config();
    const QString peer = f.json.value(QLatin1String("terminalId")).toString();
    if (f.json.contains(QLatin1String("mac"))) {
        close(QStringLiteral("client hello must not carry a mac"));
        return;
    }
    m_clientNonce =
        QByteArray::fromBase64(f.json.value(QLatin1String("nonce")).toString().toLatin1());
    m_serverNonce = newNonce();
    if (f.json.value(QLatin1String("protocol")).toInt() == PlaintextVersion) {
        if (!cfg.plaintextTerminal(peer)) {
            close(QStringLiteral("protocol version 2 (plaintext) is accepted only from lanes "
                                 "listed in plaintextPeers; this lane speaks %1")
                      .arg(Version));
            return;
        }
        // Protocol 2: the server proves the key first, in its hello.
        m_protocol = PlaintextVersion;
        m_storeKey = cfg.storeKeys.value(0);
        m_peerTerminal = peer;
        m_sentHelloMs = m_host.clock().elapsedMs();
        const QJsonObject reply = hello(cfg.terminalId, m_serverNonce, ownClock());
        m_transcript = transcriptOf(Kind::Hello, f.json) + transcriptOf(Kind::Hello, reply);
        sendFrame(withMac(reply, handshakeMac(m_storeKey, 'S', m_transcript, m_protocol)));
        return;
    }
    m_ephemeral = SecureChannel::newKeyPair();
    auto dh = SecureChannel::sharedSecret(m_ephemeral.privateKey, publicKeyOf(f.json));
    m_ephemeral.erase();
    if (!dh) {
        close(QStringLiteral("peer's key exchange value is invalid"));
        return;
    }
    m_dh = *dh;
    SecureChannel::erase(*dh);
    m_peerTerminal = peer;
    m_sentHelloMs = m_host.clock().elapsedMs();
    const QJsonObject reply =
        hello(cfg.terminalId, m_serverNonce, ownClock(), m_ephemeral.publicKey);
    m_transcript = transcriptOf(Kind::Hello, f.json) + transcriptOf(Kind::Hello, reply);
    // Nothing derived from a store key goes out before the client's auth opens under one.
    sendFrame(compact(reply));
}

void PeerSession::onServerHello(const Frame &f)
{
    const PeerSyncConfig &cfg = m_host.config();
    const QString peer = f.json.value(QLatin1String("terminalId")).toString();
    const int protocol = f.json.value(QLatin1String("protocol")).toInt();
    if (protocol != m_protocol) {
        close(QStringLiteral("server answered with protocol version %1 to a hello of %2")
                  .arg(protocol)
                  .arg(m_protocol));
        return;
    }
    m_peerTerminal = peer;
    m_serverNonce =
        QByteArray::fromBase64(f.json.value(QLatin1String("nonce")).toString().toLatin1());
    m_transcript += transcriptOf(Kind::Hello, f.json);
    if (m_protocol == PlaintextVersion) {
        const QByteArray mac =
            QByteArray::fromBase64(f.json.value(QLatin1String("mac")).toString().toLatin1());
        if (!f.json.contains(QLatin1String("mac")) ||
            !equalConstantTime(mac, handshakeMac(m_storeKey, 'S', m_transcript, m_protocol))) {
            close(QStringLiteral("server failed to prove the store key"));
            return;
        }
        if (!m_host.acceptTerminal(this)) {
            close(QStringLiteral("terminal %1 is already connected").arg(peer));
            return;
        }
        notePeerClock(f); // the server proved the key: its clock counts
    } else {
        if (f.json.contains(QLatin1String("mac"))) {
            close(QStringLiteral("bad handshake frame: a protocol 3 server hello carries no mac"));
            return;
        }
        auto dh = SecureChannel::sharedSecret(m_ephemeral.privateKey, publicKeyOf(f.json));
        m_ephemeral.erase();
        if (!dh) {
            close(QStringLiteral("peer's key exchange value is invalid"));
            return;
        }
        m_storeKey = cfg.storeKeys.value(m_keySlot);
        m_channel =
            SecureChannel::forClient(SecureChannel::deriveKeys(*dh, m_storeKey, m_transcript));
        SecureChannel::erase(*dh);
        m_serverHello = f.json;
    }
    auto vector = m_host.log().vector();
    if (!vector) {
        close(QStringLiteral("cannot read version vector: ") + vector.error());
        return;
    }
    m_ownSeq = vector->value(cfg.terminalId);
    m_sentAuth = true;
    const QJsonObject frame = auth(*vector, ownClock());
    m_transcript += transcriptOf(Kind::Auth, frame);
    sendFrame(withMac(frame, handshakeMac(m_storeKey, 'C', m_transcript, m_protocol)));
}

bool PeerSession::plausible(const VersionVector &peerVector)
{
    // A peer cannot hold more of this lane's messages than this lane has published, unless this
    // lane lost the end of its history: it was restored from a backup. Its next seqs are taken
    // at the peers: it must publish nothing until it holds them again (PROTOCOL.md §4.1). The
    // connection goes on (the lane receives the other lanes' messages and asks for its own);
    // its own cursor starts at what the peer holds.
    const QString &self = m_host.config().terminalId;
    const qint64 claimed = peerVector.value(self);
    if (claimed > m_ownSeq) {
        // Published since this side read its vector (and passed on by another lane meanwhile)?
        if (auto now = m_host.log().vector(); now)
            m_ownSeq = now->value(self);
    }
    if (Status s = m_host.log().notePeerHoldsOwn(claimed, m_ownSeq); !s) {
        close(QStringLiteral("cannot record that %1 holds seq %2 of this lane: %3")
                  .arg(m_peerTerminal)
                  .arg(claimed)
                  .arg(s.error()));
        return false;
    }
    if (claimed > m_ownSeq)
        qCWarning(lcPeer).noquote()
            << QStringLiteral("recovering: %1 holds messages of %2 up to seq %3, but this lane "
                              "has published only %4 (restored from a backup?): it publishes "
                              "nothing new (no sales) until it holds them again")
                   .arg(m_peerTerminal, self)
                   .arg(claimed)
                   .arg(m_ownSeq);
    return true;
}

void PeerSession::becomeReady(const VersionVector &peerVector)
{
    m_handshakeTimer.stop();
    m_state = State::Ready;
    m_cursor = peerVector;
    m_peerHolds = peerVector;
    m_relayCursor =
        m_host.log().peerProgress(m_peerTerminal).value_or({}).value(MessageLog::RelayStream);
    qCInfo(lcPeer).noquote() << "authenticated" << peerLabel();
    sendClocks();
    // A lane that peers know further than it knows itself asks for its own messages back.
    auto recovering = Outbox::recoveryBlock(m_host.log().database(), m_host.config().terminalId);
    if (recovering && !recovering->isEmpty()) {
        if (auto vector = m_host.log().vector(); vector) {
            qCInfo(lcPeer).noquote()
                << "asking" << peerLabel() << "for this lane's own messages after seq"
                << vector->value(m_host.config().terminalId);
            sendFrame(PeerProtocol::syncRequest(*vector, true));
        }
    }
    Q_EMIT authenticated(this);
    Q_EMIT pumpWanted();
}

void PeerSession::handleReady(const Frame &f)
{
    switch (f.kind) {
    case Kind::Message: {
        const OutboxMessage &m = f.message;
        std::shared_ptr<const SaleRecord> sale;
        Inbox::Incoming incoming{m, f.payload, {}, {}, m.fromTerminal == m_peerTerminal};
        if (m_protocol == PlaintextVersion && m.fromTerminal != m_peerTerminal) {
            // Anyone on a plaintext link can inject frames: it may carry its peer's messages,
            // never another lane's (PROTOCOL.md §3.7).
            incoming.refusal = QStringLiteral("a plaintext link carries only %1's own messages")
                                   .arg(m_peerTerminal);
        } else if (Status s = PeerInbound::check(m, m_peerTerminal, m_host.config().terminalId,
                                                 &sale, f.payload.size());
                   !s) {
            // A message is refused with a reject frame, not by closing: a seed-only sender
            // that ignores rejects keeps its connection. The inbox records the refusal.
            incoming.refusal = s.error();
        } else {
            incoming.sale = std::move(sale);
        }
        m_lastMessageAt = m_host.clock().nowIso();
        Q_EMIT messageReceived(this, incoming);
        return;
    }
    case Kind::Ack: {
        const QString id = f.json.value(QLatin1String("messageId")).toString();
        auto it = m_inFlight.find(id);
        if (it == m_inFlight.end())
            return; // an ack for a message resent and acked twice: harmless
        const InFlight acked = it.value();
        m_inFlight.erase(it);
        m_resendBackoff.reset();
        if (acked.relay) {
            Q_EMIT ackReceived(this, id, MessageLog::RelayStream, relayAckedUpTo());
            return;
        }
        qint64 &held = m_peerHolds[acked.origin];
        held = std::max(held, acked.seq);
        Q_EMIT ackReceived(this, id, acked.origin, acked.seq);
        return;
    }
    case Kind::Reject:
        onPeerReject(f);
        return;
    case Kind::InventoryRequest:
        Q_EMIT inventoryRequested(this, f.json);
        return;
    case Kind::InventoryResponse:
        Q_EMIT inventoryResponded(this, f.json);
        return;
    case Kind::SyncRequest: {
        // The peer lacks something (a gap): rewind our cursors to what it says it holds.
        // An origin the vector leaves out is one the peer holds nothing of (PROTOCOL.md §4).
        const VersionVector v = *vectorFromJson(f.json.value(QLatin1String("vector")));
        for (auto it = m_cursor.begin(); it != m_cursor.end(); ++it)
            it.value() = std::min(it.value(), v.value(it.key()));
        if (f.json.value(QLatin1String("own")).toBool()) {
            // The peer was restored from a backup: it gets back its own messages above its
            // entry, up to what this lane holds of it now (PROTOCOL.md §4.1).
            if (auto held = m_host.log().maxSeqs(); held) {
                const qint64 from = v.value(m_peerTerminal);
                m_returnOwnUpTo = held->value(m_peerTerminal);
                m_cursor[m_peerTerminal] = std::min(m_cursor.value(m_peerTerminal), from);
                if (m_returnOwnUpTo > from) {
                    qCInfo(lcPeer).noquote()
                        << "sending" << peerLabel() << "its own messages" << from + 1 << "to"
                        << m_returnOwnUpTo << "(it was restored from a backup)";
                    // First how far they go, past any gap: it must not publish under any of
                    // them while they come (its vector showed only where the first gap is).
                    sendFrame(PeerProtocol::ownHeld(m_returnOwnUpTo));
                }
            }
        }
        Q_EMIT pumpWanted();
        return;
    }
    case Kind::OwnHeld: {
        // The peer holds this lane's own messages up to seq (past gaps): publish nothing until
        // every one of them is back (PROTOCOL.md §4.1).
        const auto seq = qint64(f.json.value(QLatin1String("seq")).toDouble());
        if (Status s = m_host.log().notePeerHoldsOwn(seq, 0); !s)
            qCWarning(lcPeer).noquote()
                << "cannot record what" << peerLabel() << "holds of this lane:" << s.error();
        return;
    }
    case Kind::Clock:
        if (StoreClock *clock = m_host.config().storeClock)
            clock->noteGossip(m_peerTerminal,
                              *clockTableFromJson(f.json.value(QLatin1String("clocks"))));
        return;
    case Kind::Error:
        close(QStringLiteral("peer reported: ") +
                  f.json.value(QLatin1String("reason")).toString().left(200),
              false);
        return;
    case Kind::Hello:
    case Kind::Auth:
    case Kind::Welcome:
        reject(QStringLiteral("handshake frame after the handshake"));
        return;
    }
}

qint64 PeerSession::relayAckedUpTo() const
{
    qint64 lowest = m_relayCursor + 1;
    for (const InFlight &f : m_inFlight)
        if (f.relay)
            lowest = std::min(lowest, f.seq);
    if (m_resendRelayFrom > 0)
        lowest = std::min(lowest, m_resendRelayFrom);
    return lowest - 1;
}

void PeerSession::onPeerReject(const Frame &f)
{
    const QString id = f.json.value(QLatin1String("messageId")).toString();
    const QString reason = f.json.value(QLatin1String("reason")).toString();
    const bool permanent = f.json.value(QLatin1String("permanent")).toBool();
    auto it = m_inFlight.find(id);
    if (it == m_inFlight.end())
        return; // a reject for a message sent twice: the first one was handled
    const InFlight refused = it.value();
    m_inFlight.erase(it);
    qCWarning(lcPeer).noquote() << peerLabel() << (permanent ? "refused" : "could not take")
                                << "message" << id << "of" << refused.origin << "-" << reason;
    if (!permanent) {
        if (refused.relay)
            m_resendRelayFrom =
                m_resendRelayFrom > 0 ? std::min(m_resendRelayFrom, refused.seq) : refused.seq;
        else if (!m_resendFrom.contains(refused.origin) ||
                 m_resendFrom.value(refused.origin) > refused.seq)
            m_resendFrom.insert(refused.origin, refused.seq);
        if (!m_resendTimer.isActive()) {
            m_resendTimer.setInterval(m_resendBackoff.next());
            m_resendTimer.start();
        }
    } else if (!refused.relay) {
        // The peer keeps the refusal: it counts the seq as settled.
        qint64 &held = m_peerHolds[refused.origin];
        held = std::max(held, refused.seq);
    }
    Q_EMIT messageRejectedByPeer(this, id, refused.origin, reason, permanent);
    if (permanent && refused.relay)
        Q_EMIT ackReceived(this, id, MessageLog::RelayStream, relayAckedUpTo());
}

void PeerSession::pump(const VersionVector &holds, qint64 lastRelaySeq)
{
    if (m_state != State::Ready || !m_socket)
        return;
    const int window = m_host.config().window;
    int budget = window - int(m_inFlight.size());
    if (budget < window / 4)
        return; // wait for acks to free a useful amount
    QList<MessageLog::Entry> batch;
    QStringList origins;
    for (auto it = holds.cbegin(); it != holds.cend(); ++it) {
        // Never a message back to its origin, except what a restored peer asked for.
        const qint64 upTo =
            it.key() != m_peerTerminal ? it.value() : std::min(it.value(), m_returnOwnUpTo);
        if (upTo > m_cursor.value(it.key()))
            origins.append(it.key());
    }
    const bool relay = lastRelaySeq > m_relayCursor;
    if (origins.isEmpty() && !relay)
        return;
    const int perOrigin = std::max(64, budget / int(origins.size() + (relay ? 1 : 0)));
    for (const QString &origin : origins) {
        auto entries = m_host.log().after(origin, m_cursor.value(origin), perOrigin);
        if (!entries) {
            qCWarning(lcPeer) << "cannot read messages of" << origin << ":" << entries.error();
            continue;
        }
        for (MessageLog::Entry &e : *entries) {
            if (origin == m_peerTerminal && e.seq > m_returnOwnUpTo)
                break;
            qint64 &cursor = m_cursor[origin];
            cursor = std::max(cursor, e.seq);
            batch.append(std::move(e));
        }
    }
    if (relay) {
        // Messages without seq (a seed-only peer's), in the order this lane received them;
        // not back to the lane they came from.
        auto entries = m_host.log().afterRelay(m_relayCursor, perOrigin);
        if (!entries) {
            qCWarning(lcPeer) << "cannot read the relayed messages:" << entries.error();
        } else {
            for (MessageLog::Entry &e : *entries) {
                m_relayCursor = std::max(m_relayCursor, e.seq);
                if (e.origin != m_peerTerminal)
                    batch.append(std::move(e));
            }
        }
    }
    // Payments first (seed "Priority Queues"), each origin's messages in seq order.
    std::stable_sort(batch.begin(), batch.end(),
                     [](const MessageLog::Entry &a, const MessageLog::Entry &b) {
                         return a.priority < b.priority;
                     });
    for (const MessageLog::Entry &e : batch) {
        m_inFlight.insert(e.id, InFlight{e.origin, e.seq, e.relay});
        sendFrame(e.frame);
    }
    if (!batch.isEmpty())
        m_socket->flush();
}
