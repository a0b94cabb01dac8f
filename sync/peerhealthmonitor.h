#pragma once

#include "peerhealth.h"

#include <QHash>
#include <QString>

class MessageLog;
class PeerSessionRegistry;

// Gathers what peer sync learns about each peer lane (when it came up or went down, rejects, its
// last message, the last sync) and makes a PeerHealth of it with the links' and sessions'
// current state.
class PeerHealthMonitor
{
public:
    // A configured peer URL this lane dials.
    void linkAdded(const QString &url, const QString &now);
    // A link's state changed; "since" moves only when it became reachable or unreachable.
    void linkStateChanged(const QString &url, bool up, const QString &now);
    // A session under key (PeerSessionRegistry::keyOf) authenticated terminal.
    void sessionUp(const QString &key, const QString &terminal, bool outbound, const QString &now);
    // A session under key closed; named: it had learnt its peer's terminal id.
    void sessionDown(const QString &key, const QString &reason, bool named, const QString &now);
    // A bad frame or message from the peer under key.
    void rejected(const QString &key, const QString &terminal, bool outbound, const QString &reason,
                  const QString &now);
    // terminal's last message arrived at `at` (whichever connection carried it).
    void messageFrom(const QString &terminal, const QString &at);
    // Messages applied or acks recorded at `at`.
    void synced(const QString &at) { m_lastSyncAt = at; }
    const QString &lastSyncAt() const { return m_lastSyncAt; }

    // One entry per peer lane: an inbound connection from a lane this one also dials (the
    // duplicate that lost the tie-break, or the path in use) shows under that link.
    PeerHealth snapshot(const QString &terminalId, bool listening, int port,
                        const PeerSessionRegistry &registry, MessageLog &log) const;

private:
    struct Stats
    {
        QString terminal;
        QString url;
        QString direction;
        QString lastError;
        QString since;
        qint64 rejects = 0;
        bool up = false;
    };

    QHash<QString, Stats> m_stats;           // by peer key (URL, or "inbound:<terminal>")
    QHash<QString, QString> m_lastMessageAt; // by peer terminal
    QString m_lastSyncAt;
};
