#pragma once

#include "clock.h"
#include "clocktimer.h"
#include "inbox.h"
#include "messagelog.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTimer>
#include <QVariantList>
#include <QWebSocketServer>

#include <functional>
#include <memory>

class Database;
class Hlc;
class StoreClock;
class PeerLink;
class PeerSession;

struct PeerSyncConfig
{
    QString terminalId;
    QByteArray storeKey;
    QHostAddress bindAddress = QHostAddress::Any;
    quint16 port = 8123; // 0: any free port
    int listenFd = -1;   // an inherited listening socket to use instead of binding port
    QStringList peerUrls;
    int backoffInitialMs = 1000;
    int backoffMaxMs = 60000;
    int keepaliveIntervalMs = 5000;
    int deadAfterMs = 15000;
    int handshakeTimeoutMs = 10000;
    qint64 maxFrameBytes = 1 << 20;
    int maxFramesPerSecond = 50000;
    int maxRejectsPerConnection = 100;
    int window = 4096;     // unacked messages in flight per peer
    int maxBatch = 2000;   // received messages applied per transaction
    int gapCheckMs = 3000; // how long a gap may stay before a sync_request
    // Acks received are written (peer_ack, per-peer progress) in one transaction per this
    // interval, not one per ack: a lost write is redone from the peer's vector on reconnect.
    int ackFlushMs = 50;
    std::function<double()> random; // for backoff jitter; empty = system random
    // The store's agreed time, told each authenticated peer's clock from its handshake; null:
    // the lane's clock is taken as it is.
    StoreClock *storeClock = nullptr;
};

// Peer sync (seed stage 2): the lane's WebSocket server, its links to configured peers, and
// every authenticated session. Applies what peers send through the Inbox in batches, acks after
// commit, relays to the other peers, and keeps per-peer health for the UI and --health.
class PeerSync : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QVariantList peers READ peers NOTIFY healthChanged)
    Q_PROPERTY(QString lastSyncAt READ lastSyncAt NOTIFY healthChanged)
    Q_PROPERTY(quint16 port READ serverPort NOTIFY healthChanged)

public:
    PeerSync(Database &db, Clock &clock, Hlc &hlc, PeerSyncConfig config,
             QObject *parent = nullptr);
    ~PeerSync() override;

    // Listens and dials the configured peers. Fails (and does nothing) without a store key or
    // when the port cannot be bound.
    [[nodiscard]] Status start();
    void stop();

    const PeerSyncConfig &config() const { return m_config; }
    quint16 serverPort() const { return m_tcp.serverPort(); }
    MessageLog &log() { return m_log; }
    QString nowIso() const { return m_clock.nowIso(); }
    qint64 nowMs() const { return m_clock.nowUtc().toMSecsSinceEpoch(); }
    Clock &clock() const { return m_clock; }

    QVariantList peers() const;
    QString lastSyncAt() const { return m_lastSyncAt; }
    QJsonObject health() const;
    int connectedCount() const;

    // Lanes connected and authenticated now (terminal ids, sorted).
    QStringList connectedPeers() const;
    // Sends a frame to a connected peer lane; false when it is not connected.
    bool sendTo(const QString &peerTerminal, const QByteArray &frame);
    // Asks a peer for every message this lane lacks (sync_request with this lane's vector).
    void requestCatchUp(const QString &peerTerminal);

signals:
    void healthChanged();
    void messagesApplied(int count);
    // This lane's own messages acked by a peer for the first time in this run (after the
    // peer committed them), in the order the acks were recorded.
    void ownMessagesAcked(const QStringList &messageIds);
    // A peer's ack arrived (the peer has committed the message), before this lane records it.
    void ackArrived(const QString &messageId, const QString &origin);
    void inventoryResponse(const QString &peerTerminal, const QJsonObject &frame);

private:
    friend class PeerSession;
    friend class PeerLink;

    // For sessions and links.
    void adoptSession(PeerSession *session);
    bool acceptTerminal(PeerSession *session);
    void enqueueIncoming(PeerSession *session, Inbox::Incoming incoming);
    void ackReceived(PeerSession *session, const QString &messageId, const QString &origin,
                     qint64 seq);
    void noteReject(PeerSession *session, const QString &reason);
    void noteRefused(PeerSession *session, const QString &reason);
    void answerInventoryRequest(PeerSession *session, const QJsonObject &request);
    // A socket saying goodbye after its session closed: it deletes itself when the peer answers
    // the close (or after a grace period); whatever is left when PeerSync goes is cut off then.
    void trackClosing(QWebSocket *socket);
    PeerSession *readySession(const QString &peerTerminal) const;
    void inventoryResponseReceived(PeerSession *session, const QJsonObject &frame);
    void schedulePump();

    void onTcpConnection();
    void onWebSocketConnection();
    void sessionAuthenticated(PeerSession *session);
    void sessionClosed(PeerSession *session, const QString &reason);
    void flushIncoming();
    void flushAcks();
    void pumpAll();
    void checkGaps();
    void publishHealth();
    void healthDirty();
    QString keyOf(const PeerSession *session) const;

    struct Queued
    {
        QPointer<PeerSession> session;
        Inbox::Incoming incoming;
    };
    struct PeerStats
    {
        QString terminal;
        QString url;
        QString direction;
        QString lastError;
        QString since;
        qint64 rejects = 0;
        bool up = false;
    };

    Database &m_db;
    Clock &m_clock;
    PeerSyncConfig m_config;
    mutable MessageLog m_log; // read from const health queries too
    Inbox m_inbox;
    QTcpServer m_tcp;
    QWebSocketServer m_ws;
    QList<PeerLink *> m_links;
    QList<PeerSession *> m_sessions;
    QList<Queued> m_incoming;
    struct PendingAck
    {
        QString peer;
        QString messageId;
        QString origin;
        qint64 seq = 0;
    };
    QList<PendingAck> m_acks;
    // Batching on the event loop (real time: they only gather what one pass produced)...
    QTimer m_incomingTimer;
    QTimer m_ackTimer;
    QTimer m_pumpTimer;
    // ...and the protocol's own timings, on the lane's clock.
    ClockTimer m_gapTimer;
    ClockTimer m_healthTimer;
    QHash<QString, PeerStats> m_stats;       // by peer key (URL, or "inbound:<terminal>")
    QHash<QString, QString> m_lastMessageAt; // by peer terminal, whichever connection carried it
    QString m_lastSyncAt;
    QList<QPointer<QWebSocket>> m_closing;
    bool m_started = false;
    QSet<QString> m_awaitingUpgrade; // accepted TCP connections not yet WebSockets
};
