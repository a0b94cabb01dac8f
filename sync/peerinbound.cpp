#include "peerinbound.h"

#include "messagelog.h"
#include "peersession.h"
#include "synclog.h"

#include <algorithm>

PeerInbound::PeerInbound(Database &db, Clock &clock, Hlc &hlc, MessageLog &log, QString ownTerminal,
                         int maxBatch, int gapCheckMs, QObject *parent)
    : QObject(parent)
    , m_log(log)
    , m_inbox(db, std::move(ownTerminal), clock, hlc)
    , m_maxBatch(maxBatch)
    , m_gapTimer(clock)
{
    m_incomingTimer.setSingleShot(true);
    m_incomingTimer.setInterval(0);
    connect(&m_incomingTimer, &QTimer::timeout, this, &PeerInbound::flush);
    m_gapTimer.setInterval(gapCheckMs);
    connect(&m_gapTimer, &ClockTimer::timeout, this, [this] {
        checkGaps();
        Q_EMIT gapChecked();
    });
}

Status PeerInbound::check(const OutboxMessage &m, const QString &peerTerminal,
                          const QString &ownTerminal, std::shared_ptr<const SaleRecord> *sale,
                          qsizetype payloadBytes)
{
    Q_UNUSED(peerTerminal); // a message without seq may come from its origin or be relayed
    if (m.fromTerminal == ownTerminal && m.seq <= 0)
        return Status::failure(
            QStringLiteral("message %1 claims to come from this lane").arg(m.id));
    if (Status s = Inbox::validate(m, sale, payloadBytes); !s)
        return Status::failure(QStringLiteral("message %1: %2").arg(m.id, s.error()));
    return {};
}

bool PeerInbound::hasGap(const PeerProtocol::VersionVector &have,
                         const PeerProtocol::VersionVector &max)
{
    for (auto it = max.cbegin(); it != max.cend(); ++it)
        if (it.value() > have.value(it.key()))
            return true;
    return false;
}

void PeerInbound::enqueue(PeerSession *session, Inbox::Incoming incoming)
{
    m_incoming.append(Queued{session, std::move(incoming)});
    if (!m_incomingTimer.isActive())
        m_incomingTimer.start();
}

void PeerInbound::dropFrom(PeerSession *session)
{
    m_incoming.erase(std::remove_if(m_incoming.begin(), m_incoming.end(),
                                    [session](const Queued &q) { return q.session == session; }),
                     m_incoming.end());
}

void PeerInbound::flush()
{
    while (!m_incoming.isEmpty()) {
        const qsizetype n = std::min<qsizetype>(m_incoming.size(), m_maxBatch);
        QList<PeerSession *> from;
        QList<Inbox::Incoming> messages;
        from.reserve(n);
        messages.reserve(n);
        for (qsizetype i = 0; i < n; ++i) {
            from.append(m_incoming[i].session);
            messages.append(std::move(m_incoming[i].incoming));
        }
        m_incoming.remove(0, n);
        const QList<Inbox::Result> results = m_inbox.applyBatch(messages);
        int appliedCount = 0;
        for (qsizetype i = 0; i < n; ++i) {
            const Inbox::Result &r = results.at(i);
            PeerSession *session = from.at(i);
            if (r.outcome == Inbox::Outcome::Rejected) {
                qCWarning(lcPeer).noquote()
                    << "message" << messages.at(i).message.id << "from"
                    << (session ? session->peerLabel() : QStringLiteral("a closed connection"))
                    << (r.permanent ? "refused:" : "not applied now:") << r.error;
                if (session) {
                    Q_EMIT rejected(session, r.error);
                    if (session->state() == PeerSession::State::Ready)
                        session->sendReject(messages.at(i).message.id, r.error, r.permanent);
                }
                continue;
            }
            if (r.outcome == Inbox::Outcome::Applied)
                ++appliedCount;
            if (session && session->state() == PeerSession::State::Ready)
                session->sendAck(messages.at(i).message.id);
        }
        // The acks leave now, not after the next batch is applied: the sender's window refills.
        PeerSession *lastFlushed = nullptr;
        for (PeerSession *session : std::as_const(from)) {
            if (session && session != lastFlushed) {
                session->flush();
                lastFlushed = session;
            }
        }
        if (appliedCount > 0)
            Q_EMIT applied(appliedCount);
    }
    Q_EMIT flushed();
}

void PeerInbound::checkGaps()
{
    // A gap in an origin's sequence that nobody filled: ask every peer for what we lack.
    auto have = m_log.vector();
    auto max = m_log.maxSeqs();
    if (!have || !max)
        return;
    if (hasGap(*have, *max))
        Q_EMIT catchUpNeeded(*have);
}
