#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

class StoreClock;

// The settings of a lane's peer sync: who it is, where it listens, whom it dials, its limits and
// timings. Read by every part of peer sync; held by PeerSync.
struct PeerSyncConfig
{
    QString terminalId;
    // The store's keys as their UTF-8 text, the preferred (newest) first (PROTOCOL.md §3.6).
    QList<QByteArray> storeKeys;
    // Peers served without encryption (protocol 2): ws:// URLs to dial so and terminal ids that
    // may connect so.
    QStringList plaintextPeers;
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
    // inventory_request answers per requesting lane per minute (also the burst); one in flight.
    int inventoryRequestsPerMinute = 6;
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

    bool plaintextUrl(const QUrl &url) const
    {
        for (const QString &p : plaintextPeers)
            if (p.contains(QLatin1Char(':')) && QUrl(p) == url)
                return true;
        return false;
    }
    bool plaintextTerminal(const QString &peer) const
    {
        return !peer.contains(QLatin1Char(':')) && plaintextPeers.contains(peer);
    }
};
