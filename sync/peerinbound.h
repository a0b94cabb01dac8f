#pragma once

#include "clocktimer.h"
#include "inbox.h"
#include "peerprotocol.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class Clock;
class Database;
class Hlc;
class MessageLog;
class PeerSession;

// What peers send this lane, from frame to commit: checks a received message, queues it, applies
// the queue through the Inbox in batches, and acks each message to its sender after the commit.
// Also watches for gaps (a message missing from an origin's sequence) and asks for catch-up.
class PeerInbound : public QObject
{
    Q_OBJECT
public:
    PeerInbound(Database &db, Clock &clock, Hlc &hlc, MessageLog &log, QString ownTerminal,
                int maxBatch, int gapCheckMs, QObject *parent = nullptr);

    // Whether a message that peerTerminal sent may be applied: never one of this lane's without
    // its seq, and the message must be valid (Inbox::validate, whose decoded sale goes to
    // *sale). The error is the reject reason. Messages without seq (a seed-only peer's) are
    // taken from their origin and relayed by any lane alike.
    // payloadBytes: the size of the payload's text as received.
    [[nodiscard]] static Status check(const OutboxMessage &message, const QString &peerTerminal,
                                      const QString &ownTerminal,
                                      std::shared_ptr<const SaleRecord> *sale,
                                      qsizetype payloadBytes = -1);
    // Whether an origin's messages are missing below the highest seq seen (have: contiguous
    // seq per origin, max: highest seq per origin).
    [[nodiscard]] static bool hasGap(const PeerProtocol::VersionVector &have,
                                     const PeerProtocol::VersionVector &max);

    // Queues a checked message from session; it is applied on the next event loop pass.
    void enqueue(PeerSession *session, Inbox::Incoming incoming);
    // Applies everything queued now.
    void flush();
    // Drops a closed session's queued messages: they were not acked and will be sent again.
    void dropFrom(PeerSession *session);
    void startGapChecks() { m_gapTimer.start(); }

signals:
    // A batch committed and count of its messages were new.
    void applied(int count);
    // A queued message was not applied (session may be null when it closed meanwhile).
    void rejected(PeerSession *session, const QString &reason);
    // The queue is empty again.
    void flushed();
    // Messages are missing: ask the peers for everything after have.
    void catchUpNeeded(const PeerProtocol::VersionVector &have);
    // A gap check ran (whether or not there was a gap).
    void gapChecked();

private:
    void checkGaps();

    struct Queued
    {
        QPointer<PeerSession> session;
        Inbox::Incoming incoming;
    };

    MessageLog &m_log;
    Inbox m_inbox;
    int m_maxBatch;
    QList<Queued> m_incoming;
    // Batching on the event loop (real time: it only gathers what one pass produced)...
    QTimer m_incomingTimer;
    // ...and the protocol's own timing, on the lane's clock.
    ClockTimer m_gapTimer;
};
