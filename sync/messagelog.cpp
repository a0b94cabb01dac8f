#include "messagelog.h"

#include "database.h"
#include "jsonwriter.h"
#include "topics.h"

#include <QSqlQuery>

MessageLog::MessageLog(Database &db, QString localTerminal)
    : m_db(db)
    , m_local(std::move(localTerminal))
{
}

Result<PeerProtocol::VersionVector> MessageLog::vector()
{
    using R = Result<PeerProtocol::VersionVector>;
    PeerProtocol::VersionVector v;
    auto own = m_db.prepared(QStringLiteral("SELECT value FROM counters WHERE name = ?"));
    if (!own)
        return R::failure(own.error());
    (*own)->bindValue(0, QString(QStringLiteral("outbox_seq:") + m_local));
    if (Status s = Database::run(**own); !s)
        return R::failure(s.error());
    v.insert(m_local, (*own)->next() ? (*own)->value(0).toLongLong() : 0);
    (*own)->finish();
    auto others = m_db.prepared(
        QStringLiteral("SELECT origin, contiguous_seq FROM origin_progress WHERE origin <> ?"));
    if (!others)
        return R::failure(others.error());
    (*others)->bindValue(0, m_local);
    if (Status s = Database::run(**others); !s)
        return R::failure(s.error());
    while ((*others)->next())
        v.insert((*others)->value(0).toString(), (*others)->value(1).toLongLong());
    (*others)->finish();
    return v;
}

Result<PeerProtocol::VersionVector> MessageLog::maxSeqs()
{
    using R = Result<PeerProtocol::VersionVector>;
    auto v = vector();
    if (!v)
        return v;
    auto q = m_db.prepared(
        QStringLiteral("SELECT origin, max_seq FROM origin_progress WHERE origin <> ?"));
    if (!q)
        return R::failure(q.error());
    (*q)->bindValue(0, m_local);
    if (Status s = Database::run(**q); !s)
        return R::failure(s.error());
    while ((*q)->next())
        v->insert((*q)->value(0).toString(), (*q)->value(1).toLongLong());
    (*q)->finish();
    return v;
}

Result<QList<MessageLog::Entry>> MessageLog::after(const QString &origin, qint64 after, int limit)
{
    using R = Result<QList<Entry>>;
    const bool own = origin == m_local;
    auto q = m_db.prepared(
        own ? QStringLiteral("SELECT id, topic, payload, created_at, seq FROM outbox "
                             "WHERE terminal_id = ? AND seq > ? ORDER BY seq LIMIT ?")
            : QStringLiteral("SELECT message_id, topic, payload, sent_at, seq FROM inbox_processed "
                             "WHERE from_terminal = ? AND seq > ? ORDER BY seq LIMIT ?"));
    if (!q)
        return R::failure(q.error());
    QSqlQuery &query = **q;
    query.bindValue(0, origin);
    query.bindValue(1, after);
    query.bindValue(2, limit);
    if (Status s = Database::run(query); !s)
        return R::failure(s.error());
    QList<Entry> entries;
    while (query.next()) {
        Entry e;
        e.id = query.value(0).toString();
        e.origin = origin;
        e.topic = query.value(1).toString();
        e.seq = query.value(4).toLongLong();
        e.priority = Topics::priorityOf(e.topic);
        JsonWriter w(256 + query.value(2).toByteArray().size());
        w.beginObject()
            .member(QLatin1String("id"), e.id)
            .member(QLatin1String("fromTerminal"), origin)
            .member(QLatin1String("topic"), e.topic)
            .key(QLatin1String("payload"))
            .raw(query.value(2).toString().toUtf8())
            .member(QLatin1String("timestamp"), query.value(3).toString())
            .member(QLatin1String("seq"), e.seq)
            .endObject();
        e.frame = w.bytes();
        entries.append(std::move(e));
    }
    query.finish();
    return entries;
}

Status MessageLog::markPeerAcked(const QString &messageId, const QString &at)
{
    auto q = m_db.statement(QStringLiteral(
        "UPDATE outbox SET status = 'peer_ack', peer_acked_at = ? WHERE id = ? AND status = "
        "'pending'"));
    if (!q)
        return Status::failure(q.error());
    return (*q)->bind(1, at).bind(2, messageId).exec();
}

Result<qint64> MessageLog::markPeerAckedUpTo(qint64 seq, const QString &at)
{
    auto q = m_db.prepared(QStringLiteral(
        "UPDATE outbox SET status = 'peer_ack', peer_acked_at = ? WHERE terminal_id = ? AND "
        "seq <= ? AND status = 'pending'"));
    if (!q)
        return Result<qint64>::failure(q.error());
    (*q)->bindValue(0, at);
    (*q)->bindValue(1, m_local);
    (*q)->bindValue(2, seq);
    if (Status s = Database::run(**q); !s)
        return Result<qint64>::failure(s.error());
    return qint64((*q)->numRowsAffected());
}

Status MessageLog::recordPeerProgress(const QString &peer, const QString &origin, qint64 seq)
{
    auto q = m_db.statement(QStringLiteral(
        "INSERT INTO peer_progress(peer_terminal, origin, acked_seq) VALUES (?, ?, ?) "
        "ON CONFLICT(peer_terminal, origin) DO UPDATE SET acked_seq = "
        "MAX(acked_seq, excluded.acked_seq)"));
    if (!q)
        return Status::failure(q.error());
    return (*q)->bind(1, peer).bind(2, origin).bind(3, seq).exec();
}

Result<PeerProtocol::VersionVector> MessageLog::peerProgress(const QString &peer)
{
    using R = Result<PeerProtocol::VersionVector>;
    auto q = m_db.prepared(
        QStringLiteral("SELECT origin, acked_seq FROM peer_progress WHERE peer_terminal = ?"));
    if (!q)
        return R::failure(q.error());
    (*q)->bindValue(0, peer);
    if (Status s = Database::run(**q); !s)
        return R::failure(s.error());
    PeerProtocol::VersionVector v;
    while ((*q)->next())
        v.insert((*q)->value(0).toString(), (*q)->value(1).toLongLong());
    (*q)->finish();
    return v;
}
