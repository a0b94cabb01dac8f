#include "messagelog.h"

#include "database.h"
#include "databasebackup.h"
#include "jsonwriter.h"
#include "outbox.h"
#include "topics.h"

MessageLog::MessageLog(Database &db, QString localTerminal)
    : m_db(db)
    , m_local(std::move(localTerminal))
    , m_outbox(db)
    , m_inbox(db)
    , m_peers(db)
{
}

Result<PeerProtocol::VersionVector> MessageLog::vector()
{
    using R = Result<PeerProtocol::VersionVector>;
    auto own = m_outbox.lastSeq(m_local);
    if (!own)
        return R::failure(own.error());
    auto others = m_inbox.contiguousSeqs(m_local);
    if (!others)
        return R::failure(others.error());
    PeerProtocol::VersionVector v = std::move(*others);
    v.insert(m_local, *own);
    return v;
}

Status MessageLog::notePeerHoldsOwn(qint64 seq, qint64 ownSeq)
{
    // What the peer holds first, the restore mark after: a crash in between leaves the lane
    // still waiting (the mark), never free to publish under a seq a peer holds.
    if (seq > ownSeq) {
        const QString key = Outbox::RecoveryMetaKey;
        auto held = m_db.meta(key);
        if (!held)
            return Status::failure(held.error());
        if (held->toLongLong() < seq) {
            if (Status s = m_db.setMeta(key, QString::number(seq)); !s)
                return s;
        }
    }
    auto restored = m_db.meta(DatabaseBackup::RestoredMetaKey);
    if (!restored)
        return Status::failure(restored.error());
    if (restored->isEmpty())
        return {};
    return m_db.setMeta(DatabaseBackup::RestoredMetaKey, QString());
}

Result<PeerProtocol::VersionVector> MessageLog::maxSeqs()
{
    using R = Result<PeerProtocol::VersionVector>;
    auto v = vector();
    if (!v)
        return v;
    auto max = m_inbox.maxSeqs(m_local);
    if (!max)
        return R::failure(max.error());
    for (auto it = max->cbegin(); it != max->cend(); ++it)
        v->insert(it.key(), it.value());
    return v;
}

namespace {
// The seed's message object, ready to send.
QByteArray frameOf(const QString &id, const QString &origin, const QString &topic,
                   const QByteArray &payload, const QString &timestamp, qint64 seq)
{
    JsonWriter w(256 + payload.size());
    w.beginObject()
        .member(QLatin1String("id"), id)
        .member(QLatin1String("fromTerminal"), origin)
        .member(QLatin1String("topic"), topic)
        .key(QLatin1String("payload"))
        .raw(payload)
        .member(QLatin1String("timestamp"), timestamp);
    if (seq > 0)
        w.member(QLatin1String("seq"), seq);
    w.endObject();
    return w.bytes();
}
} // namespace

Result<QList<MessageLog::Entry>> MessageLog::after(const QString &origin, qint64 after, int limit)
{
    using R = Result<QList<Entry>>;
    QList<Entry> entries;
    const auto add = [&](const QString &id, const QString &topic, const QByteArray &payload,
                         const QString &timestamp, qint64 seq) {
        entries.append(Entry{id, origin, topic, seq, Topics::priorityOf(topic),
                             frameOf(id, origin, topic, payload, timestamp, seq)});
    };
    if (origin == m_local) {
        auto rows = m_outbox.afterSeq(origin, after, limit);
        if (!rows)
            return R::failure(rows.error());
        entries.reserve(rows->size());
        for (const OutboxRow &r : std::as_const(*rows))
            add(r.id, r.topic, r.payload, r.createdAt, r.seq);
    } else {
        auto rows = m_inbox.afterSeq(origin, after, limit);
        if (!rows)
            return R::failure(rows.error());
        entries.reserve(rows->size());
        for (const InboxRow &r : std::as_const(*rows))
            add(r.messageId, r.topic, r.payload, r.sentAt, r.seq);
    }
    return entries;
}

Result<QList<MessageLog::Entry>> MessageLog::afterRelay(qint64 after, int limit)
{
    using R = Result<QList<Entry>>;
    auto rows = m_inbox.afterRelaySeq(after, limit);
    if (!rows)
        return R::failure(rows.error());
    QList<Entry> entries;
    entries.reserve(rows->size());
    for (const InboxRow &r : std::as_const(*rows))
        entries.append(
            Entry{r.messageId, r.origin, r.topic, r.relaySeq, Topics::priorityOf(r.topic),
                  frameOf(r.messageId, r.origin, r.topic, r.payload, r.sentAt, 0), true});
    return entries;
}

Status MessageLog::markPeerAcked(const QString &messageId, const QString &at)
{
    return m_outbox.markPeerAcked(messageId, at);
}

Result<qint64> MessageLog::markPeerAckedUpTo(qint64 seq, const QString &at)
{
    return m_outbox.markPeerAckedUpTo(m_local, seq, at);
}

Status MessageLog::recordPeerProgress(const QString &peer, const QString &origin, qint64 seq)
{
    return m_peers.record(peer, origin, seq);
}

Result<PeerProtocol::VersionVector> MessageLog::peerProgress(const QString &peer)
{
    return m_peers.holds(peer);
}
