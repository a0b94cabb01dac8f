#include "inboxstore.h"

#include "database.h"

#include <algorithm>

Result<InboxStore::Arrival> InboxStore::arrival(const QString &messageId)
{
    using R = Result<Arrival>;
    static const QString sql = QStringLiteral(
        "SELECT (SELECT COUNT(*) FROM inbox_processed WHERE message_id = ?1) + "
        "(SELECT COUNT(*) FROM outbox WHERE id = ?1), "
        "COALESCE((SELECT hlc_ms FROM held_acceptances WHERE message_id = ?1), -1), "
        "COALESCE((SELECT hlc_counter FROM held_acceptances WHERE message_id = ?1), 0)");
    auto row = m_db.row(
        sql,
        [](const SqlRow &r) {
            return Arrival{r.integer(0) > 0, r.integer(1), r.integer(2)};
        },
        messageId);
    if (!row)
        return R::failure(row.error());
    if (!*row) // an aggregate always gives a row; none means the statement failed to step
        return R::failure(QStringLiteral("SQL returned no row [%1]").arg(sql));
    return **row;
}

Status InboxStore::insert(const InboxRow &row)
{
    static const QString sql = QStringLiteral(
        "INSERT INTO inbox_processed(message_id, from_terminal, topic, payload, processed_at, "
        "seq, sent_at, relay_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CASE WHEN ?6 = 0 THEN "
        "(SELECT COALESCE(MAX(relay_seq), 0) + 1 FROM inbox_processed WHERE relay_seq IS NOT "
        "NULL) END)");
    return m_db.run(sql, row.messageId, row.origin, row.topic, row.payload, row.processedAt,
                    row.seq, row.sentAt);
}

Result<QList<InboxRow>> InboxStore::afterRelaySeq(qint64 after, int limit)
{
    static const QString sql =
        QStringLiteral("SELECT message_id, from_terminal, topic, payload, sent_at, relay_seq FROM "
                       "inbox_processed WHERE relay_seq > ? ORDER BY relay_seq LIMIT ?");
    return m_db.rows(
        sql,
        [](const SqlRow &r) {
            InboxRow row{r.text(0), r.text(1), r.text(2), r.utf8(3), {}, 0, r.text(4)};
            row.relaySeq = r.integer(5);
            return row;
        },
        after, limit);
}

Result<qint64> InboxStore::lastRelaySeq()
{
    return m_db.integerOrZero(
        QStringLiteral("SELECT MAX(relay_seq) FROM inbox_processed WHERE relay_seq IS NOT NULL"));
}

Result<bool> InboxStore::recordRejected(const RejectedRow &row)
{
    static const QString known =
        QStringLiteral("SELECT EXISTS (SELECT 1 FROM rejected_messages WHERE message_id = ?)");
    auto exists = m_db.runReturningInt(known, row.messageId);
    if (!exists)
        return Result<bool>::failure(exists.error());
    if (*exists)
        return false;
    static const QString sql = QStringLiteral(
        "INSERT INTO rejected_messages(message_id, from_terminal, topic, seq, reason, "
        "rejected_at) VALUES (?, ?, ?, ?, ?, ?)");
    if (Status s = m_db.run(sql, row.messageId, row.origin, row.topic, row.seq,
                            row.reason.left(500), row.rejectedAt);
        !s)
        return Result<bool>::failure(s.error());
    return true;
}

Result<qint64> InboxStore::rejectedCount()
{
    return m_db.integerOrZero(QStringLiteral("SELECT COUNT(*) FROM rejected_messages"));
}

Result<std::optional<InboxStore::Stored>> InboxStore::stored(const QString &messageId)
{
    static const QString sql = QStringLiteral(
        "SELECT from_terminal, topic, payload FROM inbox_processed WHERE message_id = ?1 "
        "UNION ALL SELECT terminal_id, topic, payload FROM outbox WHERE id = ?1");
    return m_db.row(
        sql,
        [](const SqlRow &r) {
            return Stored{r.text(0), r.text(1), r.utf8(2)};
        },
        messageId);
}

Result<QList<InboxRow>> InboxStore::afterSeq(const QString &origin, qint64 after, int limit)
{
    static const QString sql =
        QStringLiteral("SELECT message_id, topic, payload, sent_at, seq FROM inbox_processed "
                       "WHERE from_terminal = ? AND seq > ? ORDER BY seq LIMIT ?");
    return m_db.rows(
        sql,
        [&origin](const SqlRow &r) {
            return InboxRow{r.text(0), origin, r.text(1), r.utf8(2), {}, r.integer(4), r.text(3)};
        },
        origin, after, limit);
}

Status InboxStore::advanceOrigin(const QString &origin, QList<qint64> seqs)
{
    if (seqs.isEmpty())
        return {};
    std::sort(seqs.begin(), seqs.end());
    static const QString up = QStringLiteral(
        "INSERT INTO origin_progress(origin, contiguous_seq, max_seq) VALUES (?, 0, ?) "
        "ON CONFLICT(origin) DO UPDATE SET max_seq = MAX(max_seq, excluded.max_seq) "
        "RETURNING contiguous_seq");
    auto contiguous = m_db.runReturningInt(up, origin, seqs.last());
    if (!contiguous)
        return Status::failure(contiguous.error());
    // Walk forward over the seqs just applied and those that arrived ahead of them earlier.
    static const QString next = QStringLiteral(
        "SELECT EXISTS (SELECT 1 FROM inbox_processed WHERE from_terminal = ?1 AND seq = ?2) OR "
        "EXISTS (SELECT 1 FROM rejected_messages WHERE from_terminal = ?1 AND seq = ?2)");
    qint64 reached = *contiguous;
    auto pending = std::upper_bound(seqs.cbegin(), seqs.cend(), reached);
    for (;;) {
        const qint64 following = reached + 1;
        while (pending != seqs.cend() && *pending < following)
            ++pending;
        if (pending != seqs.cend() && *pending == following) {
            reached = following;
            continue;
        }
        const Result<qint64> found = m_db.runReturningInt(next, origin, following);
        if (!found)
            return Status::failure(found.error());
        if (*found == 0)
            break;
        reached = following;
    }
    if (reached == *contiguous)
        return {};
    static const QString set =
        QStringLiteral("UPDATE origin_progress SET contiguous_seq = ? WHERE origin = ?");
    return m_db.run(set, reached, origin);
}

Result<QMap<QString, qint64>> InboxStore::seqsByOrigin(const QString &sql, const QString &except)
{
    QMap<QString, qint64> out;
    if (Status s = m_db.forEach(
            sql, [&out](const SqlRow &r) { out.insert(r.text(0), r.integer(1)); }, except);
        !s)
        return Result<QMap<QString, qint64>>::failure(s.error());
    return out;
}

Result<QMap<QString, qint64>> InboxStore::contiguousSeqs(const QString &except)
{
    static const QString sql =
        QStringLiteral("SELECT origin, contiguous_seq FROM origin_progress WHERE origin <> ?");
    return seqsByOrigin(sql, except);
}

Result<QMap<QString, qint64>> InboxStore::maxSeqs(const QString &except)
{
    static const QString sql =
        QStringLiteral("SELECT origin, max_seq FROM origin_progress WHERE origin <> ?");
    return seqsByOrigin(sql, except);
}

Status InboxStore::beginMessage()
{
    static const QString sql = QStringLiteral("SAVEPOINT inbox_message");
    return m_db.execPrepared(sql);
}

Status InboxStore::keepMessage()
{
    static const QString sql = QStringLiteral("RELEASE inbox_message");
    return m_db.execPrepared(sql);
}

Status InboxStore::undoMessage()
{
    static const QString sql = QStringLiteral("ROLLBACK TO inbox_message");
    return m_db.execPrepared(sql);
}
