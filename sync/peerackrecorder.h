#pragma once

#include "peerprotocol.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QTimer>

class Clock;
class Database;
class MessageLog;

// What peers are known to hold, written down: the acks peers send (this lane's messages become
// peer_ack, per-peer progress rises), gathered and recorded in one transaction per interval, and
// the version vector a peer shows at its hello.
class PeerAckRecorder : public QObject
{
    Q_OBJECT
public:
    PeerAckRecorder(Database &db, MessageLog &log, Clock &clock, QString ownTerminal, int flushMs,
                    QObject *parent = nullptr);

    // A peer's ack of a message of origin (seq: the origin's seq), recorded at the next flush.
    void add(const QString &peer, const QString &messageId, const QString &origin, qint64 seq);
    // Records the gathered acks now (on failure they stay and are tried again later).
    void flush();
    // A peer (peerLabel for the log) proved at its hello that it holds holds: remembered for
    // "not yet acked" counts while it is away, and this lane's messages it holds become peer_ack.
    void recordHolds(const QString &peer, const QString &peerLabel,
                     const PeerProtocol::VersionVector &holds);

signals:
    // Acks were recorded at `at`; own: this lane's messages among them, in the order acked.
    void recorded(const QString &at, const QStringList &own);

private:
    struct PendingAck
    {
        QString peer;
        QString messageId;
        QString origin;
        qint64 seq = 0;
    };

    Database &m_db;
    MessageLog &m_log;
    Clock &m_clock;
    QString m_ownTerminal;
    QList<PendingAck> m_acks;
    QTimer m_timer; // real time: it only gathers what the event loop delivers meanwhile
};
