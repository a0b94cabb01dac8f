#include "peerstatuspublisher.h"

#include "clock.h"
#include "database.h"
#include "synclog.h"
#include "writetransaction.h"

PeerStatusPublisher::PeerStatusPublisher(Database &db, Clock &clock,
                                         std::function<PeerHealth()> snapshot, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_store(db)
    , m_snapshot(std::move(snapshot))
    , m_timer(clock)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(500);
    connect(&m_timer, &ClockTimer::timeout, this, &PeerStatusPublisher::publish);
}

void PeerStatusPublisher::markDirty()
{
    if (!m_timer.isActive())
        m_timer.start();
}

PeerStatusRow PeerStatusPublisher::rowOf(const PeerHealth::Peer &p, const QString &lastSyncAt,
                                         const QString &now)
{
    PeerStatusRow row;
    row.peer = p.key;
    row.url = p.url;
    row.terminalId = p.terminalId;
    row.direction = p.direction.isEmpty() ? QStringLiteral("inbound") : p.direction;
    row.state = p.state;
    row.since = p.since.isEmpty() ? now : p.since;
    row.backoffUntil = p.backoffUntil();
    row.lastMessageAt = p.lastMessageAt;
    row.lastSyncAt = lastSyncAt;
    row.unacked = p.unacked;
    row.rejects = p.rejects;
    row.lastError = p.lastError;
    row.channel = p.channel;
    row.storeKey = p.storeKey;
    return row;
}

void PeerStatusPublisher::publish()
{
    const PeerHealth health = m_snapshot();
    const QString now = m_clock.nowIso();
    WriteTransaction tx(m_db, WriteTransaction::Durability::Deferred); // rewritten every 500 ms
    if (tx.isActive()) {
        QString failed;
        for (const PeerHealth::Peer &p : health.peers) {
            if (Status s = m_store.upsert(rowOf(p, health.lastSyncAt, now), now);
                !s && failed.isEmpty())
                failed = s.error();
        }
        // Rows of peers no longer shown (a duplicate connection that went away) are dropped.
        if (Status s = m_store.removeNotUpdatedAt(now); !s && failed.isEmpty())
            failed = s.error();
        if (Status s = m_db.setMeta(QStringLiteral("peer_sync_heartbeat"), now); !s)
            qCWarning(lcPeer).noquote() << "cannot write the peer sync heartbeat:" << s.error();
        if (!failed.isEmpty())
            qCWarning(lcPeer).noquote() << "cannot write peer status:" << failed;
        if (Status s = tx.commit(); !s)
            qCWarning(lcPeer).noquote()
                << "cannot write peer status (the panel and --health show the last written):"
                << s.error();
    }
    Q_EMIT published();
}
