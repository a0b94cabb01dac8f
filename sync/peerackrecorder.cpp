#include "peerackrecorder.h"

#include "clock.h"
#include "messagelog.h"
#include "synclog.h"
#include "writetransaction.h"

#include <QHash>
#include <QPair>

#include <algorithm>

PeerAckRecorder::PeerAckRecorder(Database &db, MessageLog &log, Clock &clock, QString ownTerminal,
                                 int flushMs, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_log(log)
    , m_clock(clock)
    , m_ownTerminal(std::move(ownTerminal))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(flushMs);
    connect(&m_timer, &QTimer::timeout, this, &PeerAckRecorder::flush);
}

void PeerAckRecorder::add(const QString &peer, const QString &messageId, const QString &origin,
                          qint64 seq)
{
    m_acks.append(PendingAck{peer, messageId, origin, seq});
    if (!m_timer.isActive())
        m_timer.start();
}

void PeerAckRecorder::flush()
{
    if (m_acks.isEmpty())
        return;
    const QString now = m_clock.nowIso();
    QHash<QPair<QString, QString>, qint64> progress;
    // An ack lost with a power cut is restored from the peer's vector at the next hello
    // (markPeerAckedUpTo): no need to wait for the disk.
    WriteTransaction tx(m_db, WriteTransaction::Durability::Deferred);
    if (!tx.isActive()) {
        qCWarning(lcPeer) << "cannot record acks now:" << tx.error();
        m_timer.start();
        return;
    }
    QStringList own;
    for (const PendingAck &a : std::as_const(m_acks)) {
        if (a.origin == m_ownTerminal) {
            own.append(a.messageId);
            if (Status s = m_log.markPeerAcked(a.messageId, now); !s)
                qCWarning(lcPeer) << "cannot mark" << a.messageId << "peer_ack:" << s.error();
        }
        qint64 &p = progress[qMakePair(a.peer, a.origin)];
        p = std::max(p, a.seq);
    }
    for (auto it = progress.cbegin(); it != progress.cend(); ++it)
        if (Status s = m_log.recordPeerProgress(it.key().first, it.key().second, it.value()); !s)
            qCWarning(lcPeer).noquote()
                << "cannot record what" << it.key().first << "holds:" << s.error();
    if (Status s = tx.commit(); !s) {
        qCWarning(lcPeer) << "cannot record acks:" << s.error();
        m_timer.start();
        return;
    }
    m_acks.clear();
    Q_EMIT recorded(now, own);
}

void PeerAckRecorder::recordHolds(const QString &peer, const QString &peerLabel,
                                  const PeerProtocol::VersionVector &holds)
{
    // Learnt again at every hello: no need to wait for the disk.
    WriteTransaction tx(m_db, WriteTransaction::Durability::Deferred);
    if (!tx.isActive()) {
        qCWarning(lcPeer).noquote() << "cannot record what" << peer << "holds:" << tx.error();
        return;
    }
    for (auto it = holds.cbegin(); it != holds.cend(); ++it)
        if (Status s = m_log.recordPeerProgress(peer, it.key(), it.value()); !s)
            qCWarning(lcPeer).noquote() << "cannot record what" << peer << "holds:" << s.error();
    const qint64 held = holds.value(m_ownTerminal);
    auto marked = held > 0 ? m_log.markPeerAckedUpTo(held, m_clock.nowIso()) : Result<qint64>(0);
    if (marked && *marked > 0)
        qCInfo(lcPeer).noquote() << peerLabel << "already holds" << *marked
                                 << "messages whose ack was lost: marked peer_ack";
    if (Status s = tx.commit(); !s)
        qCWarning(lcPeer).noquote() << "cannot record what" << peerLabel
                                    << "holds (learnt again at its next hello):" << s.error();
}
