#include "peersessionregistry.h"

#include "peerlink.h"
#include "peersession.h"
#include "peertiebreak.h"

#include <QSet>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>

PeerSessionRegistry::PeerSessionRegistry(QString ownTerminal)
    : m_ownTerminal(std::move(ownTerminal))
{
}

PeerSessionRegistry::~PeerSessionRegistry()
{
    abortClosing();
}

void PeerSessionRegistry::trackClosing(QWebSocket *socket)
{
    m_closing.removeIf([](const QPointer<QWebSocket> &s) { return s.isNull(); });
    m_closing.append(socket);
}

void PeerSessionRegistry::abortClosing()
{
    for (const QPointer<QWebSocket> &socket : std::as_const(m_closing)) {
        if (socket) {
            socket->abort();
            delete socket.data();
        }
    }
    m_closing.clear();
}

QString PeerSessionRegistry::keyOf(const PeerSession *session)
{
    if (auto *link = qobject_cast<PeerLink *>(session->parent()))
        return link->url().toString();
    return QStringLiteral("inbound:") +
           (session->peerTerminal().isEmpty() ? session->remoteAddress() : session->peerTerminal());
}

bool PeerSessionRegistry::accept(PeerSession *session)
{
    const QString peer = session->peerTerminal();
    // A copy: closing a session emits closed, and PeerSync removes it from m_sessions at once.
    const auto sessions = m_sessions;
    for (PeerSession *other : sessions) {
        if (other == session || other->state() != PeerSession::State::Ready ||
            other->peerTerminal() != peer)
            continue;
        const PeerTieBreak::Keep keep =
            PeerTieBreak::decide(m_ownTerminal, peer, session->role() == PeerSession::Role::Client,
                                 other->role() == PeerSession::Role::Client);
        PeerSession *loser = keep == PeerTieBreak::Keep::Incoming ? other : session;
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

void PeerSessionRegistry::wakeLinksIfGone(const QString &peer)
{
    const bool stillConnected =
        std::any_of(m_sessions.cbegin(), m_sessions.cend(), [&](const PeerSession *s) {
            return s->peerTerminal() == peer && s->state() == PeerSession::State::Ready;
        });
    if (stillConnected)
        return;
    for (PeerLink *link : std::as_const(m_links))
        if (link->terminal() == peer)
            QTimer::singleShot(0, link, &PeerLink::wake);
}

PeerSession *PeerSessionRegistry::readySession(const QString &peerTerminal) const
{
    for (PeerSession *s : m_sessions)
        if (s->state() == PeerSession::State::Ready && s->peerTerminal() == peerTerminal)
            return s;
    return nullptr;
}

QStringList PeerSessionRegistry::connectedPeers() const
{
    QStringList peers;
    for (const PeerSession *s : m_sessions)
        if (s->state() == PeerSession::State::Ready && !peers.contains(s->peerTerminal()))
            peers.append(s->peerTerminal());
    peers.sort();
    return peers;
}

int PeerSessionRegistry::connectedCount() const
{
    QSet<QString> peers;
    for (const PeerSession *s : m_sessions)
        if (s->state() == PeerSession::State::Ready)
            peers.insert(s->peerTerminal());
    return int(peers.size());
}
