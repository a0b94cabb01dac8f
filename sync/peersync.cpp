#include "peersync.h"
#include "storeclock.h"

#include "database.h"
#include "idgenerator.h"
#include "inventorysnapshot.h"
#include "logging.h"
#include "peerlink.h"
#include "peersession.h"
#include "writetransaction.h"

#include <QJsonArray>
#include <QTcpSocket>
#include <QWebSocket>

#include <algorithm>

PeerSync::PeerSync(Database &db, Clock &clock, Hlc &hlc, PeerSyncConfig config, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_config(std::move(config))
    , m_log(db, m_config.terminalId)
    , m_inbox(db, m_config.terminalId, clock, hlc)
    , m_ws(QStringLiteral("euphoria-lane/") + m_config.terminalId, QWebSocketServer::NonSecureMode)
    , m_gapTimer(clock)
    , m_healthTimer(clock)
{
    for (QTimer *t : {&m_incomingTimer, &m_ackTimer, &m_pumpTimer}) {
        t->setSingleShot(true);
        t->setInterval(0);
    }
    m_healthTimer.setSingleShot(true);
    m_healthTimer.setInterval(500);
    m_ackTimer.setInterval(m_config.ackFlushMs);
    connect(&m_incomingTimer, &QTimer::timeout, this, &PeerSync::flushIncoming);
    connect(&m_ackTimer, &QTimer::timeout, this, &PeerSync::flushAcks);
    connect(&m_pumpTimer, &QTimer::timeout, this, &PeerSync::pumpAll);
    connect(&m_healthTimer, &ClockTimer::timeout, this, &PeerSync::publishHealth);
    m_gapTimer.setInterval(m_config.gapCheckMs);
    connect(&m_gapTimer, &ClockTimer::timeout, this, [this] {
        checkGaps();
        healthDirty(); // also the heartbeat --health looks at
    });
    connect(&m_tcp, &QTcpServer::newConnection, this, &PeerSync::onTcpConnection);
    connect(&m_ws, &QWebSocketServer::newConnection, this, &PeerSync::onWebSocketConnection);
    if (m_config.storeClock)
        connect(m_config.storeClock, &StoreClock::directOffsetsChanged, this, [this] {
            for (PeerSession *s : std::as_const(m_sessions))
                s->sendClocks();
        });
}

PeerSync::~PeerSync()
{
    stop();
    for (const QPointer<QWebSocket> &socket : std::as_const(m_closing)) {
        if (socket) {
            socket->abort();
            delete socket.data();
        }
    }
}

void PeerSync::trackClosing(QWebSocket *socket)
{
    m_closing.removeIf([](const QPointer<QWebSocket> &s) { return s.isNull(); });
    m_closing.append(socket);
}

Status PeerSync::start()
{
    if (m_config.storeKey.size() < 16)
        return Status::failure(QStringLiteral(
            "peer sync is off: no store key configured (set storeKeyFile or EUPHORIA_STORE_KEY; "
            "every lane of the store needs the same key)"));
    if (m_config.listenFd >= 0) {
        if (!m_tcp.setSocketDescriptor(qintptr(m_config.listenFd)))
            return Status::failure(
                QStringLiteral("peer sync is off: descriptor %1 is not a listening socket: %2")
                    .arg(m_config.listenFd)
                    .arg(m_tcp.errorString()));
    } else if (!m_tcp.listen(m_config.bindAddress, m_config.port)) {
        return Status::failure(QStringLiteral("peer sync is off: cannot listen on %1:%2: %3")
                                   .arg(m_config.bindAddress.toString())
                                   .arg(m_config.port)
                                   .arg(m_tcp.errorString()));
    }
    m_started = true;
    qCInfo(lcPeer).noquote() << "lane" << m_config.terminalId << "listening for peers on"
                             << m_tcp.serverAddress().toString() + QLatin1Char(':') +
                                    QString::number(m_tcp.serverPort());
    // Wake up on every local commit: new outbox messages go out at once.
    m_db.addCommitHook(this, [this] { schedulePump(); });
    for (const QString &url : m_config.peerUrls) {
        auto *link = new PeerLink(QUrl(url), *this, this);
        m_links.append(link);
        PeerStats &st = m_stats[url];
        st.url = url;
        st.direction = QStringLiteral("outbound");
        st.since = nowIso();
        connect(link, &PeerLink::stateChanged, this, [this, link] {
            // "since" is when the peer became reachable or unreachable, not the last retry.
            const bool up = link->state() == PeerLink::State::Connected ||
                            link->state() == PeerLink::State::Standby;
            PeerStats &stats = m_stats[link->url().toString()];
            if (stats.since.isEmpty() || up != stats.up) {
                stats.since = nowIso();
                stats.up = up;
            }
            healthDirty();
        });
        link->start();
    }
    m_gapTimer.start();
    healthDirty();
    return {};
}

void PeerSync::stop()
{
    if (!m_started)
        return;
    m_started = false;
    m_db.removeCommitHooks(this);
    flushIncoming();
    flushAcks();
    for (PeerLink *link : std::as_const(m_links))
        link->stop();
    const auto sessions = m_sessions;
    for (PeerSession *s : sessions)
        s->close(QStringLiteral("lane shutting down"));
    m_tcp.close();
    publishHealth();
}

void PeerSync::onTcpConnection()
{
    while (QTcpSocket *socket = m_tcp.nextPendingConnection()) {
        // QWebSocketServer leaves Nagle on for accepted sockets (~40 ms per exchange).
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        // A connection that never completes the WebSocket upgrade is dropped (QWebSocketServer
        // 6.4 leaves it open forever). Upgraded sockets are known by their remote endpoint.
        const QString endpoint = socket->peerAddress().toString() + QLatin1Char('|') +
                                 QString::number(socket->peerPort());
        m_awaitingUpgrade.insert(endpoint);
        QPointer<QTcpSocket> guard(socket);
        ClockTimer::singleShot(m_clock, m_config.handshakeTimeoutMs, this, [this, guard, endpoint] {
            if (!m_awaitingUpgrade.remove(endpoint) || !guard)
                return;
            qCInfo(lcPeer).noquote()
                << "dropping" << endpoint << ": no WebSocket upgrade within the handshake timeout";
            guard->abort();
        });
        m_ws.handleConnection(socket);
    }
}

void PeerSync::onWebSocketConnection()
{
    while (QWebSocket *socket = m_ws.nextPendingConnection()) {
        m_awaitingUpgrade.remove(socket->peerAddress().toString() + QLatin1Char('|') +
                                 QString::number(socket->peerPort()));
        auto *session = new PeerSession(socket, PeerSession::Role::Server, *this, this);
        adoptSession(session);
        session->start();
    }
}

void PeerSync::adoptSession(PeerSession *session)
{
    m_sessions.append(session);
    connect(session, &PeerSession::authenticated, this, &PeerSync::sessionAuthenticated);
    connect(session, &PeerSession::closed, this, &PeerSync::sessionClosed);
}

QString PeerSync::keyOf(const PeerSession *session) const
{
    if (auto *link = qobject_cast<PeerLink *>(session->parent()))
        return link->url().toString();
    return QStringLiteral("inbound:") +
           (session->peerTerminal().isEmpty() ? session->remoteAddress() : session->peerTerminal());
}

bool PeerSync::acceptTerminal(PeerSession *session)
{
    const QString peer = session->peerTerminal();
    // One path per pair of lanes: the connection dialled by the lane with the smaller id wins,
    // so both ends keep the same one when they dial each other at once.
    auto preferred = [&](const PeerSession *s) {
        return (s->role() == PeerSession::Role::Client) == (m_config.terminalId < peer);
    };
    for (PeerSession *other : std::as_const(m_sessions)) {
        if (other == session || other->state() != PeerSession::State::Ready ||
            other->peerTerminal() != peer)
            continue;
        PeerSession *loser = preferred(session) && !preferred(other) ? other : session;
        if (auto *link = qobject_cast<PeerLink *>(loser->parent())) {
            link->setTerminal(peer);
            link->standBy(peer);
        }
        if (loser == session)
            return false;
        other->close(QStringLiteral("replaced by the preferred connection to %1").arg(peer));
    }
    return true;
}

void PeerSync::sessionAuthenticated(PeerSession *session)
{
    const QString key = keyOf(session);
    PeerStats &st = m_stats[key];
    st.terminal = session->peerTerminal();
    st.direction = session->role() == PeerSession::Role::Client ? QStringLiteral("outbound")
                                                                : QStringLiteral("inbound");
    if (st.url.isEmpty() && session->role() == PeerSession::Role::Client)
        st.url = key;
    if (!st.up || st.since.isEmpty())
        st.since = nowIso();
    st.up = true;
    st.lastError.clear();
    // Remember what the peer holds, for "not yet acked" counts while it is away. Learnt again
    // at every hello: no need to wait for the disk.
    WriteTransaction tx(m_db, WriteTransaction::Durability::Deferred);
    if (tx.isActive()) {
        for (auto it = session->peerHolds().cbegin(); it != session->peerHolds().cend(); ++it)
            (void)m_log.recordPeerProgress(st.terminal, it.key(), it.value());
        const qint64 held = session->peerHolds().value(m_config.terminalId);
        auto marked = held > 0 ? m_log.markPeerAckedUpTo(held, nowIso()) : Result<qint64>(0);
        if (marked && *marked > 0)
            qCInfo(lcPeer).noquote() << session->peerLabel() << "already holds" << *marked
                                     << "messages whose ack was lost: marked peer_ack";
        if (Status s = tx.commit(); !s)
            qCWarning(lcPeer).noquote() << "cannot record what" << session->peerLabel()
                                        << "holds (learnt again at its next hello):" << s.error();
    }
    healthDirty();
}

void PeerSync::sessionClosed(PeerSession *session, const QString &reason)
{
    m_sessions.removeAll(session);
    const QString key = keyOf(session);
    if (m_stats.contains(key)) {
        PeerStats &st = m_stats[key];
        st.lastError = reason;
        if (st.up || st.since.isEmpty())
            st.since = nowIso();
        st.up = false;
        if (key.startsWith(QLatin1String("inbound:")) && session->peerTerminal().isEmpty())
            m_stats.remove(key); // never got as far as a name: logged, not a peer
    }
    // Drop its queued messages: they were not acked and will be sent again.
    m_incoming.erase(std::remove_if(m_incoming.begin(), m_incoming.end(),
                                    [session](const Queued &q) { return q.session == session; }),
                     m_incoming.end());
    if (session->role() == PeerSession::Role::Server)
        session->deleteLater();
    // A link standing by for this lane dials again.
    if (session->state() == PeerSession::State::Closed && !session->peerTerminal().isEmpty()) {
        const QString peer = session->peerTerminal();
        const bool stillConnected =
            std::any_of(m_sessions.cbegin(), m_sessions.cend(), [&](const PeerSession *s) {
                return s->peerTerminal() == peer && s->state() == PeerSession::State::Ready;
            });
        if (!stillConnected) {
            for (PeerLink *link : std::as_const(m_links))
                if (link->terminal() == peer)
                    QTimer::singleShot(0, link, &PeerLink::wake);
        }
    }
    healthDirty();
}

void PeerSync::enqueueIncoming(PeerSession *session, Inbox::Incoming incoming)
{
    m_incoming.append(Queued{session, std::move(incoming)});
    m_lastMessageAt.insert(session->peerTerminal(), session->lastMessageAt());
    if (!m_incomingTimer.isActive())
        m_incomingTimer.start();
}

void PeerSync::flushIncoming()
{
    while (!m_incoming.isEmpty()) {
        const qsizetype n = std::min<qsizetype>(m_incoming.size(), m_config.maxBatch);
        QList<PeerSession *> from;
        QList<Inbox::Incoming> messages;
        from.reserve(n);
        messages.reserve(n);
        for (qsizetype i = 0; i < n; ++i) {
            from.append(m_incoming[i].session);
            messages.append(std::move(m_incoming[i].incoming));
        }
        m_incoming.remove(0, n);
        const QList<Inbox::Result> results = m_inbox.applyBatch(messages);
        int applied = 0;
        for (qsizetype i = 0; i < n; ++i) {
            const Inbox::Result &r = results.at(i);
            PeerSession *session = from.at(i);
            if (r.outcome == Inbox::Outcome::Rejected) {
                qCWarning(lcPeer).noquote()
                    << "message" << messages.at(i).message.id << "from"
                    << (session ? session->peerLabel() : QStringLiteral("a closed connection"))
                    << "not applied:" << r.error;
                if (session)
                    noteReject(session, r.error);
                continue;
            }
            if (r.outcome == Inbox::Outcome::Applied)
                ++applied;
            if (session && session->state() == PeerSession::State::Ready)
                session->sendAck(messages.at(i).message.id);
        }
        // The acks leave now, not after the next batch is applied: the sender's window refills.
        PeerSession *flushed = nullptr;
        for (PeerSession *session : std::as_const(from)) {
            if (session && session != flushed) {
                session->flush();
                flushed = session;
            }
        }
        if (applied > 0) {
            m_lastSyncAt = nowIso();
            Q_EMIT messagesApplied(applied);
            schedulePump(); // relay to the other peers
        }
    }
    healthDirty();
}

void PeerSync::ackReceived(PeerSession *session, const QString &messageId, const QString &origin,
                           qint64 seq)
{
    m_acks.append(PendingAck{session->peerTerminal(), messageId, origin, seq});
    Q_EMIT ackArrived(messageId, origin);
    if (!m_ackTimer.isActive())
        m_ackTimer.start();
}

void PeerSync::flushAcks()
{
    if (m_acks.isEmpty())
        return;
    const QString now = nowIso();
    QHash<QPair<QString, QString>, qint64> progress;
    // An ack lost with a power cut is restored from the peer's vector at the next hello
    // (markPeerAckedUpTo): no need to wait for the disk.
    WriteTransaction tx(m_db, WriteTransaction::Durability::Deferred);
    if (!tx.isActive()) {
        qCWarning(lcPeer) << "cannot record acks now:" << tx.error();
        m_ackTimer.start();
        return;
    }
    QStringList own;
    for (const PendingAck &a : std::as_const(m_acks)) {
        if (a.origin == m_config.terminalId) {
            own.append(a.messageId);
            if (Status s = m_log.markPeerAcked(a.messageId, now); !s)
                qCWarning(lcPeer) << "cannot mark" << a.messageId << "peer_ack:" << s.error();
        }
        qint64 &p = progress[qMakePair(a.peer, a.origin)];
        p = std::max(p, a.seq);
    }
    for (auto it = progress.cbegin(); it != progress.cend(); ++it)
        (void)m_log.recordPeerProgress(it.key().first, it.key().second, it.value());
    if (Status s = tx.commit(); !s) {
        qCWarning(lcPeer) << "cannot record acks:" << s.error();
        m_ackTimer.start();
        return;
    }
    m_acks.clear();
    m_lastSyncAt = now;
    if (!own.isEmpty())
        Q_EMIT ownMessagesAcked(own);
    schedulePump();
    healthDirty();
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
    const auto sessions = m_sessions;
    for (PeerSession *s : sessions)
        s->pump(*holds);
}

void PeerSync::checkGaps()
{
    // A gap in an origin's sequence that nobody filled: ask every peer for what we lack.
    auto have = m_log.vector();
    auto max = m_log.maxSeqs();
    if (!have || !max)
        return;
    bool gap = false;
    for (auto it = max->cbegin(); it != max->cend(); ++it)
        gap = gap || it.value() > have->value(it.key());
    if (!gap)
        return;
    for (PeerSession *s : std::as_const(m_sessions))
        if (s->state() == PeerSession::State::Ready)
            s->sendFrame(PeerProtocol::syncRequest(*have));
}

void PeerSync::noteReject(PeerSession *session, const QString &reason)
{
    qCWarning(lcPeer).noquote() << "rejected from" << session->peerLabel() << "-" << reason;
    PeerStats &st = m_stats[keyOf(session)];
    if (st.terminal.isEmpty())
        st.terminal = session->peerTerminal();
    if (st.direction.isEmpty())
        st.direction = session->role() == PeerSession::Role::Client ? QStringLiteral("outbound")
                                                                    : QStringLiteral("inbound");
    if (st.since.isEmpty())
        st.since = nowIso();
    ++st.rejects;
    st.lastError = reason.left(300);
    healthDirty();
}

void PeerSync::noteRefused(PeerSession *session, const QString &reason)
{
    qCInfo(lcPeer).noquote() << session->peerLabel() << "closed the connection:" << reason;
}

void PeerSync::answerInventoryRequest(PeerSession *session, const QJsonObject &request)
{
    auto vector = m_log.vector();
    auto frames = InventorySnapshot::respond(m_db, request, nowIso(),
                                             vector ? *vector : PeerProtocol::VersionVector());
    if (!frames) {
        qCWarning(lcPeer) << "cannot answer inventory_request:" << frames.error();
        return;
    }
    for (const QByteArray &frame : std::as_const(*frames))
        session->sendFrame(frame);
}

void PeerSync::inventoryResponseReceived(PeerSession *session, const QJsonObject &frame)
{
    Q_EMIT inventoryResponse(session->peerTerminal(), frame);
}

QStringList PeerSync::connectedPeers() const
{
    QStringList peers;
    for (const PeerSession *s : m_sessions)
        if (s->state() == PeerSession::State::Ready && !peers.contains(s->peerTerminal()))
            peers.append(s->peerTerminal());
    peers.sort();
    return peers;
}

PeerSession *PeerSync::readySession(const QString &peerTerminal) const
{
    for (PeerSession *s : m_sessions)
        if (s->state() == PeerSession::State::Ready && s->peerTerminal() == peerTerminal)
            return s;
    return nullptr;
}

bool PeerSync::sendTo(const QString &peerTerminal, const QByteArray &frame)
{
    PeerSession *s = readySession(peerTerminal);
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

int PeerSync::connectedCount() const
{
    QSet<QString> peers;
    for (const PeerSession *s : m_sessions)
        if (s->state() == PeerSession::State::Ready)
            peers.insert(s->peerTerminal());
    return int(peers.size());
}

QVariantList PeerSync::peers() const
{
    QVariantList list;
    const QJsonArray arr = health().value(QLatin1String("peers")).toArray();
    for (const QJsonValue &v : arr)
        list.append(v.toObject().toVariantMap());
    return list;
}

QJsonObject PeerSync::health() const
{
    auto max = m_log.maxSeqs();
    QJsonArray peers;
    // One row per peer lane: an inbound connection from a lane this one also dials (the
    // duplicate that lost the tie-break, or the path in use) shows under that link.
    QSet<QString> linked;
    for (const PeerLink *link : m_links)
        if (!link->terminal().isEmpty())
            linked.insert(link->terminal());
    for (auto it = m_stats.cbegin(); it != m_stats.cend(); ++it) {
        const PeerStats &st = it.value();
        if (it.key().startsWith(QLatin1String("inbound:")) && linked.contains(st.terminal))
            continue;
        QString state = QStringLiteral("disconnected");
        qint64 backoffUntil = 0;
        const PeerSession *session = nullptr;
        for (const PeerSession *s : m_sessions)
            if (keyOf(s) == it.key())
                session = s;
        QString terminal = st.terminal;
        for (const PeerLink *link : m_links) {
            if (link->url().toString() == it.key()) {
                state = link->stateName();
                backoffUntil =
                    link->state() == PeerLink::State::BackingOff ? link->backoffUntilMs() : 0;
                // A link whose own connection lost the tie-break still knows whom it dials.
                if (terminal.isEmpty())
                    terminal = link->terminal();
            }
        }
        if (session && session->state() == PeerSession::State::Ready)
            state = QStringLiteral("connected");
        else if (it.key().startsWith(QLatin1String("inbound:")))
            state = QStringLiteral("disconnected");
        // A link standing by: the lane's traffic runs over its inbound connection.
        if (!session && !terminal.isEmpty())
            session = readySession(terminal);
        qint64 unacked = 0;
        if (max && !terminal.isEmpty()) {
            const PeerProtocol::VersionVector holds =
                session ? session->peerHolds() : m_log.peerProgress(terminal).value_or({});
            for (auto m = max->cbegin(); m != max->cend(); ++m)
                if (m.key() != terminal)
                    unacked += std::max<qint64>(0, m.value() - holds.value(m.key()));
        }
        QJsonObject o{{QStringLiteral("peer"), it.key()},
                      {QStringLiteral("url"), st.url},
                      {QStringLiteral("terminalId"), terminal},
                      {QStringLiteral("direction"), st.direction},
                      {QStringLiteral("state"), state},
                      {QStringLiteral("since"), st.since},
                      {QStringLiteral("lastMessageAt"), m_lastMessageAt.value(terminal)},
                      {QStringLiteral("unacked"), unacked},
                      {QStringLiteral("rejects"), st.rejects},
                      {QStringLiteral("lastError"), st.lastError}};
        if (backoffUntil > 0)
            o.insert(QStringLiteral("backoffUntil"),
                     Clock::toIso(QDateTime::fromMSecsSinceEpoch(backoffUntil, Qt::UTC)));
        peers.append(o);
    }
    return {{QStringLiteral("terminalId"), m_config.terminalId},
            {QStringLiteral("listening"), m_tcp.isListening()},
            {QStringLiteral("port"), int(m_tcp.serverPort())},
            {QStringLiteral("lastSyncAt"), m_lastSyncAt},
            {QStringLiteral("peers"), peers}};
}

void PeerSync::healthDirty()
{
    if (!m_healthTimer.isActive())
        m_healthTimer.start();
}

void PeerSync::publishHealth()
{
    const QJsonObject h = health();
    const QString now = nowIso();
    WriteTransaction tx(m_db, WriteTransaction::Durability::Deferred); // rewritten every 500 ms
    if (tx.isActive()) {
        auto q = m_db.statement(QStringLiteral(
            "INSERT INTO peer_status(peer, url, terminal_id, direction, state, since, "
            "backoff_until, last_message_at, last_sync_at, unacked, rejects, last_error, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(peer) DO "
            "UPDATE SET url = excluded.url, terminal_id = excluded.terminal_id, direction = "
            "excluded.direction, state = excluded.state, since = excluded.since, backoff_until "
            "= excluded.backoff_until, last_message_at = excluded.last_message_at, last_sync_at "
            "= excluded.last_sync_at, unacked = excluded.unacked, rejects = excluded.rejects, "
            "last_error = excluded.last_error, updated_at = excluded.updated_at"));
        if (q) {
            for (const QJsonValue &v : h.value(QLatin1String("peers")).toArray()) {
                const QJsonObject p = v.toObject();
                const QString peer = p.value(QLatin1String("peer")).toString();
                const QString url = p.value(QLatin1String("url")).toString();
                const QString terminal = p.value(QLatin1String("terminalId")).toString();
                const QString direction = p.value(QLatin1String("direction")).toString();
                const QString state = p.value(QLatin1String("state")).toString();
                const QString since = p.value(QLatin1String("since")).toString();
                const QString backoff = p.value(QLatin1String("backoffUntil")).toString();
                const QString lastMessage = p.value(QLatin1String("lastMessageAt")).toString();
                const QString lastError = p.value(QLatin1String("lastError")).toString();
                (void)(*q)
                    ->bind(1, peer)
                    .bindOptional(2, url)
                    .bindOptional(3, terminal)
                    .bind(4, direction.isEmpty() ? QStringLiteral("inbound") : direction)
                    .bind(5, state)
                    .bind(6, since.isEmpty() ? now : since)
                    .bindOptional(7, backoff)
                    .bindOptional(8, lastMessage)
                    .bindOptional(9, m_lastSyncAt)
                    .bind(10, qint64(p.value(QLatin1String("unacked")).toDouble()))
                    .bind(11, qint64(p.value(QLatin1String("rejects")).toDouble()))
                    .bindOptional(12, lastError)
                    .bind(13, now)
                    .exec();
            }
        }
        // Rows of peers no longer shown (a duplicate connection that went away) are dropped.
        if (auto stale =
                m_db.statement(QStringLiteral("DELETE FROM peer_status WHERE updated_at <> ?"))) {
            (void)(*stale)->bind(1, now).exec();
        }
        (void)m_db.setMeta(QStringLiteral("peer_sync_heartbeat"), now);
        if (Status s = tx.commit(); !s)
            qCWarning(lcPeer).noquote()
                << "cannot write peer status (the panel and --health show the last written):"
                << s.error();
    }
    Q_EMIT healthChanged();
}
