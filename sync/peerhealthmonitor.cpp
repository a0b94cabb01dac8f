#include "peerhealthmonitor.h"

#include "messagelog.h"
#include "peerlink.h"
#include "peersession.h"
#include "peersessionregistry.h"

#include <QSet>

namespace {

QString directionName(bool outbound)
{
    return outbound ? QStringLiteral("outbound") : QStringLiteral("inbound");
}

} // namespace

void PeerHealthMonitor::linkAdded(const QString &url, const QString &now)
{
    Stats &st = m_stats[url];
    st.url = url;
    st.direction = directionName(true);
    st.since = now;
}

void PeerHealthMonitor::linkStateChanged(const QString &url, bool up, const QString &now)
{
    // "since" is when the peer became reachable or unreachable, not the last retry.
    Stats &stats = m_stats[url];
    if (stats.since.isEmpty() || up != stats.up) {
        stats.since = now;
        stats.up = up;
    }
}

void PeerHealthMonitor::sessionUp(const QString &key, const QString &terminal, bool outbound,
                                  const QString &now)
{
    Stats &st = m_stats[key];
    st.terminal = terminal;
    st.direction = directionName(outbound);
    if (st.url.isEmpty() && outbound)
        st.url = key;
    if (!st.up || st.since.isEmpty())
        st.since = now;
    st.up = true;
    st.lastError.clear();
}

void PeerHealthMonitor::sessionDown(const QString &key, const QString &reason, bool named,
                                    const QString &now)
{
    auto it = m_stats.find(key);
    if (it == m_stats.end())
        return;
    Stats &st = *it;
    st.lastError = reason;
    if (st.up || st.since.isEmpty())
        st.since = now;
    st.up = false;
    if (key.startsWith(QLatin1String("inbound:")) && !named)
        m_stats.erase(it); // never got as far as a name: logged, not a peer
}

void PeerHealthMonitor::rejected(const QString &key, const QString &terminal, bool outbound,
                                 const QString &reason, const QString &now)
{
    Stats &st = m_stats[key];
    if (st.terminal.isEmpty())
        st.terminal = terminal;
    if (st.direction.isEmpty())
        st.direction = directionName(outbound);
    if (st.since.isEmpty())
        st.since = now;
    ++st.rejects;
    st.lastError = reason.left(300);
}

void PeerHealthMonitor::messageFrom(const QString &terminal, const QString &at)
{
    m_lastMessageAt.insert(terminal, at);
}

PeerHealth PeerHealthMonitor::snapshot(const QString &terminalId, bool listening, int port,
                                       const PeerSessionRegistry &registry, MessageLog &log) const
{
    PeerHealth health;
    health.terminalId = terminalId;
    health.listening = listening;
    health.port = port;
    health.lastSyncAt = m_lastSyncAt;
    auto max = log.maxSeqs();
    QSet<QString> linked;
    for (const PeerLink *link : registry.links())
        if (!link->terminal().isEmpty())
            linked.insert(link->terminal());
    for (auto it = m_stats.cbegin(); it != m_stats.cend(); ++it) {
        const Stats &st = it.value();
        const bool inbound = it.key().startsWith(QLatin1String("inbound:"));
        if (inbound && linked.contains(st.terminal))
            continue;
        PeerHealth::Peer p;
        p.key = it.key();
        p.url = st.url;
        p.terminalId = st.terminal;
        p.direction = st.direction;
        p.state = QStringLiteral("disconnected");
        p.since = st.since;
        p.rejects = st.rejects;
        p.lastError = st.lastError;
        const PeerSession *session = nullptr;
        for (const PeerSession *s : registry.sessions())
            if (PeerSessionRegistry::keyOf(s) == it.key())
                session = s;
        for (const PeerLink *link : registry.links()) {
            if (link->url().toString() == it.key()) {
                p.state = link->stateName();
                p.backoffUntilMs =
                    link->state() == PeerLink::State::BackingOff ? link->backoffUntilMs() : 0;
                // A link whose own connection lost the tie-break still knows whom it dials.
                if (p.terminalId.isEmpty())
                    p.terminalId = link->terminal();
            }
        }
        if (session && session->state() == PeerSession::State::Ready) {
            p.state = QStringLiteral("connected");
            p.channel = session->channelName();
            p.storeKey = session->storeKeyLabel();
        } else if (inbound)
            p.state = QStringLiteral("disconnected");
        // A link standing by: the lane's traffic runs over its inbound connection.
        if (!session && !p.terminalId.isEmpty())
            session = registry.readySession(p.terminalId);
        if (max && !p.terminalId.isEmpty()) {
            const PeerProtocol::VersionVector holds =
                session ? session->peerHolds() : log.peerProgress(p.terminalId).value_or({});
            p.unacked = PeerHealth::unackedBy(p.terminalId, *max, holds);
        }
        p.lastMessageAt = m_lastMessageAt.value(p.terminalId);
        health.peers.append(p);
    }
    return health;
}
