#pragma once

#include "clocktimer.h"
#include "peerhealth.h"
#include "peerstatusstore.h"

#include <QObject>

#include <functional>

class Clock;
class Database;

// Writes the lane's peer health to peer_status (with the peer sync heartbeat) for --health and
// the status panel, at most every 500 ms of the lane's clock after something changed.
class PeerStatusPublisher : public QObject
{
    Q_OBJECT
public:
    // snapshot: the health to publish, taken when publishing.
    PeerStatusPublisher(Database &db, Clock &clock, std::function<PeerHealth()> snapshot,
                        QObject *parent = nullptr);

    // Something changed: publish within 500 ms.
    void markDirty();
    // Publishes now.
    void publish();

    // The row peer_status holds for p, published at now.
    static PeerStatusRow rowOf(const PeerHealth::Peer &p, const QString &lastSyncAt,
                               const QString &now);

signals:
    // Published (or tried to: the panel reads what was written last).
    void published();

private:
    Database &m_db;
    Clock &m_clock;
    PeerStatusStore m_store;
    std::function<PeerHealth()> m_snapshot;
    ClockTimer m_timer;
};
