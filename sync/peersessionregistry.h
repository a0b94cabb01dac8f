#pragma once

#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>

class PeerLink;
class PeerSession;
class QWebSocket;

// Who is connected: the links this lane dials, its sessions in either direction, and the
// sockets still saying goodbye. Decides which of two connections to one lane carries the
// traffic (PeerTieBreak) and wakes a standing-by link when its lane's other path is gone.
class PeerSessionRegistry
{
public:
    explicit PeerSessionRegistry(QString ownTerminal);
    ~PeerSessionRegistry();
    PeerSessionRegistry(const PeerSessionRegistry &) = delete;
    PeerSessionRegistry &operator=(const PeerSessionRegistry &) = delete;

    void addLink(PeerLink *link) { m_links.append(link); }
    const QList<PeerLink *> &links() const { return m_links; }
    void add(PeerSession *session) { m_sessions.append(session); }
    void remove(PeerSession *session) { m_sessions.removeAll(session); }
    const QList<PeerSession *> &sessions() const { return m_sessions; }

    // A session that just authenticated its peer: true if it carries the traffic with that
    // lane, false if it lost the tie-break (the caller closes it). A losing connection's link
    // stands by; a ready session that loses to it is closed here.
    bool accept(PeerSession *session);
    // After a session to peer closed: links standing by for that lane dial again, unless
    // another ready session to it is left.
    void wakeLinksIfGone(const QString &peer);

    // The health key of a session's peer: its link's URL, or "inbound:<terminal or address>".
    static QString keyOf(const PeerSession *session);
    // A ready session to peerTerminal, or null.
    PeerSession *readySession(const QString &peerTerminal) const;
    // Lanes connected and authenticated now (terminal ids, sorted).
    QStringList connectedPeers() const;
    int connectedCount() const;

    void trackClosing(QWebSocket *socket);
    // Cuts off the sockets still saying goodbye.
    void abortClosing();

private:
    QString m_ownTerminal;
    QList<PeerLink *> m_links;
    QList<PeerSession *> m_sessions;
    QList<QPointer<QWebSocket>> m_closing;
};
