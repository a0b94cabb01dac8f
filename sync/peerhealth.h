#pragma once

#include "peerprotocol.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantList>

// The health of a lane's peer sync at one moment: whether it listens, when it last synced, and
// one entry per peer lane. The panel, --health (through peer_status) and the peers property
// read its fields; toJson() is only a view of it.
struct PeerHealth
{
    struct Peer
    {
        QString key; // the peer's URL for a configured link, "inbound:<terminal>" otherwise
        QString url;
        QString terminalId;
        QString direction; // "outbound" or "inbound"
        QString state;     // "connected", "disconnected", or the link's state name
        QString since;     // when the peer became reachable or unreachable
        QString lastMessageAt;
        qint64 unacked = 0; // this lane's messages the peer is not known to hold
        qint64 rejects = 0;
        QString lastError;
        QString channel;  // "encrypted", "plaintext" (opted in), or empty while not known
        QString storeKey; // on an encrypted connection, the key it uses: "1 of 2 (fingerprint)"
        qint64 backoffUntilMs = 0; // a backing-off link's next dial, epoch ms; 0: none

        // backoffUntilMs as an ISO time; empty when not backing off.
        QString backoffUntil() const;
        // The JSON form: backoffUntil only while backing off.
        QJsonObject toJson() const;
    };

    QString terminalId;
    bool listening = false;
    int port = 0;
    QString lastSyncAt;
    QList<Peer> peers;

    QJsonObject toJson() const;
    // The peers as QVariantMaps of their JSON form, for QML.
    QVariantList peersAsVariants() const;

    // Messages of other origins than the peer itself that the peer does not hold yet: what this
    // lane has (max seq per origin) beyond what the peer holds.
    static qint64 unackedBy(const QString &peerTerminal, const PeerProtocol::VersionVector &have,
                            const PeerProtocol::VersionVector &peerHolds);
};
