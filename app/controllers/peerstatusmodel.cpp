#include "peerstatusmodel.h"

#include "peerstatusstore.h"
#include "uilog.h"

#include <tuple>

bool PeerStatusModel::Peer::operator==(const Peer &o) const
{
    return std::tie(peer, terminalId, direction, state, since, lastMessageAt, unacked, rejects,
                    lastError, channel, storeKey) ==
           std::tie(o.peer, o.terminalId, o.direction, o.state, o.since, o.lastMessageAt, o.unacked,
                    o.rejects, o.lastError, o.channel, o.storeKey);
}

bool PeerStatusModel::Peer::connected() const
{
    return state == QLatin1String("connected") || state == QLatin1String("connected_inbound");
}

int PeerStatusModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_peers.size());
}

QVariant PeerStatusModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_peers.size())
        return {};
    const Peer &p = m_peers.at(index.row());
    switch (role) {
    case PeerRole:
        return p.peer;
    case TerminalIdRole:
        return p.terminalId.isEmpty() ? p.peer : p.terminalId;
    case DirectionRole:
        return p.direction;
    case StateRole:
        return p.state;
    case ConnectedRole:
        return p.connected();
    case SinceRole:
        return p.since;
    case LastMessageAtRole:
        return p.lastMessageAt;
    case UnackedRole:
        return p.unacked;
    case RejectsRole:
        return p.rejects;
    case LastErrorRole:
        return p.lastError;
    case ChannelRole:
        return p.channel;
    case StoreKeyRole:
        return p.storeKey;
    default:
        return {};
    }
}

QHash<int, QByteArray> PeerStatusModel::roleNames() const
{
    return {{PeerRole, "peer"},
            {TerminalIdRole, "terminalId"},
            {DirectionRole, "direction"},
            {StateRole, "linkState"},
            {ConnectedRole, "connected"},
            {SinceRole, "since"},
            {LastMessageAtRole, "lastMessageAt"},
            {UnackedRole, "unacked"},
            {RejectsRole, "rejects"},
            {LastErrorRole, "lastError"},
            {ChannelRole, "channel"},
            {StoreKeyRole, "storeKey"}};
}

void PeerStatusModel::reload(Database &db)
{
    auto rows = PeerStatusStore(db).byTerminal();
    if (!rows) {
        qCWarning(lcUi).noquote() << rows.error();
        return;
    }
    QList<Peer> peers;
    peers.reserve(rows->size());
    for (const PeerStatusRow &r : std::as_const(*rows))
        peers.append(Peer{r.peer, r.terminalId, r.direction, r.state, r.since, r.lastMessageAt,
                          r.unacked, r.rejects, r.lastError, r.channel, r.storeKey});
    setPeers(peers);
}

void PeerStatusModel::setPeers(const QList<Peer> &peers)
{
    if (peers == m_peers)
        return;
    const bool countChange = peers.size() != m_peers.size();
    beginResetModel();
    m_peers = peers;
    endResetModel();
    if (countChange)
        Q_EMIT countChanged();
}
