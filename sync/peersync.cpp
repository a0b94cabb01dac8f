#include "peersync.h"

#include "securechannel.h"
#include "storeclock.h"

#include "database.h"
#include "inventorysnapshot.h"
#include "peerlink.h"
#include "peersession.h"
#include "synclog.h"
#include "writetransaction.h"

#include <QPointer>
#include <QWebSocket>

PeerSync::PeerSync(Database &db, Clock &clock, Hlc &hlc, PeerSyncConfig config, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_config(std::move(config))
    , m_log(db, m_config.terminalId)
    , m_server(m_config.terminalId, clock, m_config.handshakeTimeoutMs)
    , m_registry(m_config.terminalId)
    , m_inbound(db, clock, hlc, m_log, m_config.terminalId, m_config.maxBatch, m_config.gapCheckMs)
    , m_acks(db, m_log, clock, m_config.terminalId, m_config.ackFlushMs)
    , m_publisher(db, clock, [this] { return health(); })
    , m_inventoryLimit(m_config.inventoryRequestsPerMinute)
{
    m_pumpTimer.setSingleShot(true);
    m_pumpTimer.setInterval(0);
    connect(&m_pumpTimer, &QTimer::timeout, this, &PeerSync::pumpAll);
    connect(&m_server, &PeerServer::upgraded, this, &PeerSync::onUpgraded);

    connect(&m_inbound, &PeerInbound::applied, this, [this](int count) {
        m_health.synced(nowIso());
        Q_EMIT messagesApplied(count);
        schedulePump(); // relay to the other peers
    });
    connect(&m_inbound, &PeerInbound::rejected, this, &PeerSync::sessionRejected);
    connect(&m_inbound, &PeerInbound::flushed, &m_publisher, &PeerStatusPublisher::markDirty);
    connect(&m_inbound, &PeerInbound::catchUpNeeded, this,
            [this](const PeerProtocol::VersionVector &have) {
                sendToReady(PeerProtocol::syncRequest(have));
            });
    // The gap check is also the heartbeat --health looks at.
    connect(&m_inbound, &PeerInbound::gapChecked, &m_publisher, &PeerStatusPublisher::markDirty);

    connect(&m_acks, &PeerAckRecorder::recorded, this,
            [this](const QString &at, const QStringList &own) {
                m_health.synced(at);
                if (!own.isEmpty())
                    Q_EMIT ownMessagesAcked(own);
                schedulePump();
                m_publisher.markDirty();
            });
    connect(&m_publisher, &PeerStatusPublisher::published, this, &PeerSync::healthChanged);
    if (m_config.storeClock)
        connect(m_config.storeClock, &StoreClock::directOffsetsChanged, this, [this] {
            for (PeerSession *s : m_registry.sessions())
                s->sendClocks();
        });
}

PeerSync::~PeerSync()
{
    stop();
    m_registry.abortClosing();
}

void PeerSync::trackClosing(QWebSocket *socket)
{
    m_registry.trackClosing(socket);
}

Status PeerSync::start()
{
    if (m_config.storeKeys.isEmpty())
        return Status::failure(QStringLiteral(
            "peer sync is off: no store key configured (set storeKeyFile or EUPHORIA_STORE_KEY; "
            "make one with euphoria-lane --new-store-key; every lane of the store needs it)"));
    if (!SecureChannel::available())
        return Status::failure(QStringLiteral(
            "peer sync is off: libsodium cannot start (no source of random numbers?)"));
    for (const QString &p : m_config.plaintextPeers)
        qCWarning(lcPeer).noquote() << "plaintext link allowed with" << p
                                    << "(plaintextPeers): its frames are not encrypted or "
                                       "authenticated";
    if (Status s = m_server.listen(m_config.bindAddress, m_config.port, m_config.listenFd); !s)
        return s;
    m_started = true;
    qCInfo(lcPeer).noquote() << "lane" << m_config.terminalId << "listening for peers on"
                             << m_server.address().toString() + QLatin1Char(':') +
                                    QString::number(m_server.port());
    // Wake up on every local commit: new outbox messages go out at once.
    m_db.addCommitHook(this, [this] { schedulePump(); });
    for (const QString &url : m_config.peerUrls) {
        auto *link = new PeerLink(QUrl(url), static_cast<PeerSessionHost &>(*this), this);
        m_registry.addLink(link);
        m_health.linkAdded(url, nowIso());
        connect(link, &PeerLink::sessionCreated, this, &PeerSync::adoptSession);
        connect(link, &PeerLink::stateChanged, this, [this, link] {
            const bool up = link->state() == PeerLink::State::Connected ||
                            link->state() == PeerLink::State::Standby;
            m_health.linkStateChanged(link->url().toString(), up, nowIso());
            m_publisher.markDirty();
        });
        link->start();
    }
    m_inbound.startGapChecks();
    m_publisher.markDirty();
    return {};
}

void PeerSync::stop()
{
    if (!m_started)
        return;
    m_started = false;
    m_db.removeCommitHooks(this);
    m_inbound.flush();
    m_acks.flush();
    for (PeerLink *link : m_registry.links())
        link->stop();
    const auto sessions = m_registry.sessions();
    for (PeerSession *s : sessions)
        s->close(QStringLiteral("lane shutting down"));
    m_server.close();
    m_publisher.publish();
}

void PeerSync::onUpgraded(QWebSocket *socket)
{
    auto *session = new PeerSession(socket, PeerSession::Role::Server,
                                    static_cast<PeerSessionHost &>(*this), this);
    adoptSession(session);
    session->start();
}

void PeerSync::adoptSession(PeerSession *session)
{
    m_registry.add(session);
    connect(session, &PeerSession::authenticated, this, &PeerSync::sessionAuthenticated);
    connect(session, &PeerSession::closed, this, &PeerSync::sessionClosed);
    connect(session, &PeerSession::rejected, this, &PeerSync::sessionRejected);
    connect(session, &PeerSession::refused, this, [](PeerSession *s, const QString &reason) {
        qCInfo(lcPeer).noquote() << s->peerLabel() << "closed the connection:" << reason;
    });
    connect(session, &PeerSession::messageReceived, this, &PeerSync::messageReceived);
    connect(session, &PeerSession::ackReceived, this, &PeerSync::ackReceived);
    connect(session, &PeerSession::messageRejectedByPeer, this, &PeerSync::rejectedByPeer);
    connect(session, &PeerSession::inventoryRequested, this, &PeerSync::answerInventoryRequest);
    connect(session, &PeerSession::inventoryResponded, this,
            [this](PeerSession *s, const QJsonObject &frame) {
                Q_EMIT inventoryResponse(s->peerTerminal(), frame);
            });
    connect(session, &PeerSession::pumpWanted, this, &PeerSync::schedulePump);
}

bool PeerSync::acceptTerminal(PeerSession *session)
{
    return m_registry.accept(session);
}

void PeerSync::sessionAuthenticated(PeerSession *session)
{
    m_health.sessionUp(PeerSessionRegistry::keyOf(session), session->peerTerminal(),
                       session->role() == PeerSession::Role::Client, nowIso());
    m_acks.recordHolds(session->peerTerminal(), session->peerLabel(), session->peerHolds());
    m_publisher.markDirty();
}

void PeerSync::sessionClosed(PeerSession *session, const QString &reason)
{
    m_registry.remove(session);
    m_health.sessionDown(PeerSessionRegistry::keyOf(session), reason,
                         !session->peerTerminal().isEmpty(), nowIso());
    m_inbound.dropFrom(session);
    if (session->role() == PeerSession::Role::Server)
        session->deleteLater();
    // A link standing by for this lane dials again.
    if (session->state() == PeerSession::State::Closed && !session->peerTerminal().isEmpty())
        m_registry.wakeLinksIfGone(session->peerTerminal());
    m_publisher.markDirty();
}

void PeerSync::sessionRejected(PeerSession *session, const QString &reason)
{
    qCWarning(lcPeer).noquote() << "rejected from" << session->peerLabel() << "-" << reason;
    m_health.rejected(PeerSessionRegistry::keyOf(session), session->peerTerminal(),
                      session->role() == PeerSession::Role::Client, reason, nowIso());
    m_publisher.markDirty();
}

void PeerSync::messageReceived(PeerSession *session, const Inbox::Incoming &incoming)
{
    m_health.messageFrom(session->peerTerminal(), session->lastMessageAt());
    m_inbound.enqueue(session, incoming);
}

void PeerSync::ackReceived(PeerSession *session, const QString &messageId, const QString &origin,
                           qint64 seq)
{
    m_acks.add(session->peerTerminal(), messageId, origin, seq);
    Q_EMIT ackArrived(messageId, origin);
}

void PeerSync::rejectedByPeer(PeerSession *session, const QString &messageId, const QString &origin,
                              const QString &reason, bool permanent)
{
    if (!permanent || origin != m_config.terminalId)
        return; // a transient one is sent again; another lane's message is its origin's concern
    const QString error = QStringLiteral("refused by %1: %2").arg(session->peerTerminal(), reason);
    WriteTransaction tx(m_db);
    Status s =
        tx.isActive() ? m_log.markPeerRejected(messageId, error) : Status::failure(tx.error());
    if (s)
        s = tx.commit();
    if (!s)
        qCWarning(lcPeer).noquote() << "cannot mark" << messageId << "failed:" << s.error();
    Q_EMIT messageFailed(messageId, error);
    m_publisher.markDirty();
}

void PeerSync::resendPending()
{
    auto lowest = m_log.lowestPendingSeq();
    if (!lowest) {
        qCWarning(lcPeer) << "cannot read the outbox:" << lowest.error();
        return;
    }
    if (*lowest <= 0)
        return;
    for (PeerSession *s : m_registry.sessions())
        if (s->state() == PeerSession::State::Ready)
            s->resendFrom(m_config.terminalId, *lowest);
}

void PeerSync::schedulePump()
{
    if (m_started && !m_pumpTimer.isActive())
        m_pumpTimer.start();
}

void PeerSync::pumpAll()
{
    auto holds = m_log.maxSeqs();
    if (!holds) {
        qCWarning(lcPeer) << "cannot read the message log:" << holds.error();
        return;
    }
    auto relayed = m_log.lastRelaySeq();
    if (!relayed) {
        qCWarning(lcPeer) << "cannot read the message log:" << relayed.error();
        return;
    }
    const auto sessions = m_registry.sessions();
    for (PeerSession *s : sessions)
        s->pump(*holds, *relayed);
}

void PeerSync::sendToReady(const QByteArray &frame)
{
    for (PeerSession *s : m_registry.sessions())
        if (s->state() == PeerSession::State::Ready)
            s->sendFrame(frame);
}

void PeerSync::answerInventoryRequest(PeerSession *session, const QJsonObject &request)
{
    // One answer in flight and a few a minute per requesting lane; the others get no answer
    // (a frame per refusal would let a flood cost traffic still; the asker's run times out).
    const QString peer = session->peerTerminal();
    const InventoryRequestLimiter::Decision d = m_inventoryLimit.admit(peer, m_clock.elapsedMs());
    if (!d.admitted) {
        if (d.log)
            qCWarning(lcPeer).noquote()
                << "inventory_request from" << session->peerLabel() << "refused:" << d.reason
                << QStringLiteral("(%1 refused in a row%2)")
                       .arg(d.refusedInARow)
                       .arg(d.retryAfterMs > 0 ? QStringLiteral("; next answer in %1 s")
                                                     .arg((d.retryAfterMs + 999) / 1000)
                                               : QString());
        return;
    }
    // Answered after the frames already received: a burst of requests finds this one in flight.
    QTimer::singleShot(0, this, [this, session = QPointer<PeerSession>(session), peer, request] {
        m_inventoryLimit.answered(peer);
        if (!session || session->state() != PeerSession::State::Ready)
            return;
        auto vector = m_log.vector();
        auto frames = InventorySnapshot::respond(m_db, request, nowIso(),
                                                 vector ? *vector : PeerProtocol::VersionVector());
        if (!frames) {
            qCWarning(lcPeer) << "cannot answer inventory_request:" << frames.error();
            return;
        }
        for (const QByteArray &frame : std::as_const(*frames))
            session->sendFrame(frame);
    });
}

bool PeerSync::sendTo(const QString &peerTerminal, const QByteArray &frame)
{
    PeerSession *s = m_registry.readySession(peerTerminal);
    if (s)
        s->sendFrame(frame);
    return s != nullptr;
}

void PeerSync::requestCatchUp(const QString &peerTerminal)
{
    auto have = m_log.vector();
    if (have)
        (void)sendTo(peerTerminal, PeerProtocol::syncRequest(*have));
}

PeerHealth PeerSync::health() const
{
    PeerHealth health = m_health.snapshot(m_config.terminalId, m_server.isListening(),
                                          int(m_server.port()), m_registry, m_log);
    // A link the store opted into plaintext shows so even while it is down.
    for (PeerHealth::Peer &p : health.peers)
        if (p.channel.isEmpty() &&
            (m_config.plaintextUrl(QUrl(p.url)) || m_config.plaintextTerminal(p.terminalId)))
            p.channel = QStringLiteral("plaintext");
    return health;
}
