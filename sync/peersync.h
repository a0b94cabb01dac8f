#pragma once

#include "clock.h"
#include "inventoryrequestlimiter.h"
#include "messagelog.h"
#include "peerackrecorder.h"
#include "peerhealth.h"
#include "peerhealthmonitor.h"
#include "peerinbound.h"
#include "peerserver.h"
#include "peersessionhost.h"
#include "peersessionregistry.h"
#include "peerstatuspublisher.h"
#include "peersyncconfig.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QVariantList>

class Database;
class Hlc;
class PeerLink;
class PeerSession;

// Peer sync (seed stage 2), the facade the lane uses: wires the lane's peer server, its links to
// configured peers and every authenticated session (PeerSessionRegistry) to the inbound pipeline
// (PeerInbound), the ack recorder and peer health (PeerHealthMonitor, PeerStatusPublisher), and
// sends each session what its peer lacks.
class PeerSync : public QObject, private PeerSessionHost
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

    const PeerSyncConfig &config() const override { return m_config; }
    quint16 serverPort() const { return m_server.port(); }
    MessageLog &log() override { return m_log; }
    QString nowIso() const { return m_clock.nowIso(); }
    qint64 nowMs() const { return m_clock.nowUtc().toMSecsSinceEpoch(); }
    Clock &clock() const override { return m_clock; }

    QVariantList peers() const { return health().peersAsVariants(); }
    QString lastSyncAt() const { return m_health.lastSyncAt(); }
    PeerHealth health() const;
    // Sends this lane's pending messages to every ready peer again, from the lowest pending seq
    // (after a manager's retry of messages a peer had refused).
    void resendPending();
    int connectedCount() const { return m_registry.connectedCount(); }

    // Lanes connected and authenticated now (terminal ids, sorted).
    QStringList connectedPeers() const { return m_registry.connectedPeers(); }
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
    // A peer refused one of this lane's messages for good: it is marked failed with the error.
    void messageFailed(const QString &messageId, const QString &error);

private:
    // PeerSessionHost, for sessions and links.
    bool acceptTerminal(PeerSession *session) override;
    void trackClosing(QWebSocket *socket) override;

    void adoptSession(PeerSession *session);
    void onUpgraded(QWebSocket *socket);
    void sessionAuthenticated(PeerSession *session);
    void sessionClosed(PeerSession *session, const QString &reason);
    void sessionRejected(PeerSession *session, const QString &reason);
    void messageReceived(PeerSession *session, const Inbox::Incoming &incoming);
    void rejectedByPeer(PeerSession *session, const QString &messageId, const QString &origin,
                        const QString &reason, bool permanent);
    void ackReceived(PeerSession *session, const QString &messageId, const QString &origin,
                     qint64 seq);
    void answerInventoryRequest(PeerSession *session, const QJsonObject &request);
    void sendToReady(const QByteArray &frame);
    void schedulePump();
    void pumpAll();

    Database &m_db;
    Clock &m_clock;
    PeerSyncConfig m_config;
    mutable MessageLog m_log; // read from const health queries too
    PeerServer m_server;
    PeerSessionRegistry m_registry;
    PeerInbound m_inbound;
    PeerAckRecorder m_acks;
    PeerHealthMonitor m_health;
    PeerStatusPublisher m_publisher;
    InventoryRequestLimiter m_inventoryLimit;
    // Sending gathers the commits of one event loop pass (real time).
    QTimer m_pumpTimer;
    bool m_started = false;
};
