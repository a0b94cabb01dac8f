#include "heldmessagestore.h"

#include "database.h"

Status HeldMessageStore::hold(const HeldMessageRow &row)
{
    static const QString sql = QStringLiteral(
        "INSERT INTO held_messages(message_id, from_terminal, topic, stamped_ms, held_at) "
        "VALUES (?, ?, ?, ?, ?)");
    return m_db.run(sql, row.messageId, row.origin, row.topic, row.stampedMs, row.heldAt);
}

Result<std::optional<HeldMessageStore::Received>>
HeldMessageStore::received(const QString &messageId)
{
    static const QString sql = QStringLiteral(
        "SELECT i.from_terminal, i.topic, i.payload, i.seq, i.sent_at FROM held_messages h JOIN "
        "inbox_processed i ON i.message_id = h.message_id WHERE h.message_id = ? AND "
        "h.released_at IS NULL");
    return m_db.row(
        sql,
        [](const SqlRow &r) {
            return Received{r.text(0), r.text(1), r.utf8(2), r.integer(3), r.text(4)};
        },
        messageId);
}

Status HeldMessageStore::markReleased(const QString &messageId, const QString &at,
                                      const QString &by)
{
    static const QString sql = QStringLiteral(
        "UPDATE held_messages SET released_at = ?, released_by = ? WHERE message_id = ?");
    return m_db.run(sql, at, by, messageId);
}

Result<std::optional<HeldMessageRow>> HeldMessageStore::unreleased(const QString &messageId)
{
    static const QString sql =
        QStringLiteral("SELECT from_terminal, topic, stamped_ms, held_at FROM held_messages WHERE "
                       "message_id = ? AND released_at IS NULL");
    return m_db.row(
        sql,
        [&messageId](const SqlRow &r) {
            return HeldMessageRow{messageId, r.text(0), r.text(1), r.integer(2), r.text(3), {}};
        },
        messageId);
}

Result<bool> HeldMessageStore::isHeld(const QString &messageId)
{
    static const QString sql = QStringLiteral(
        "SELECT COUNT(*) FROM held_messages WHERE message_id = ? AND released_at IS NULL");
    auto n = m_db.runReturningInt(sql, messageId);
    if (!n)
        return Result<bool>::failure(n.error());
    return *n > 0;
}

Result<QList<HeldMessageRow>> HeldMessageStore::waiting(int limit)
{
    static const QString sql = QStringLiteral(
        "SELECT h.message_id, h.from_terminal, h.topic, h.stamped_ms, h.held_at, i.payload FROM "
        "held_messages h LEFT JOIN inbox_processed i ON i.message_id = h.message_id WHERE "
        "h.released_at IS NULL ORDER BY h.stamped_ms, h.message_id LIMIT ?");
    return m_db.rows(
        sql,
        [](const SqlRow &r) {
            return HeldMessageRow{r.text(0),    r.text(1), r.text(2),
                                  r.integer(3), r.text(4), r.utf8(5)};
        },
        qint64(limit));
}

Result<QStringList> HeldMessageStore::due(qint64 limitMs)
{
    static const QString sql = QStringLiteral(
        "SELECT message_id FROM held_messages WHERE released_at IS NULL AND stamped_ms <= ? "
        "ORDER BY stamped_ms, message_id");
    QStringList ids;
    if (Status s = m_db.forEach(
            sql, [&ids](const SqlRow &r) { ids.append(r.text(0)); }, limitMs);
        !s)
        return Result<QStringList>::failure(s.error());
    return ids;
}

Result<HeldMessageStore::Summary> HeldMessageStore::summary()
{
    using R = Result<Summary>;
    static const QString sql = QStringLiteral(
        "SELECT COUNT(*), COALESCE(MIN(stamped_ms), 0) FROM held_messages WHERE released_at IS "
        "NULL");
    auto row = m_db.row(sql, [](const SqlRow &r) { return Summary{r.integer(0), r.integer(1)}; });
    if (!row)
        return R::failure(row.error());
    if (!*row) // an aggregate always gives a row
        return R::failure(QStringLiteral("SQL returned no row [%1]").arg(sql));
    return **row;
}

Result<bool> HeldMessageStore::acceptedNoLaterThan(const QString &messageId, qint64 hlcMs,
                                                   qint64 hlcCounter)
{
    static const QString sql = QStringLiteral(
        "SELECT COUNT(*) FROM held_acceptances WHERE message_id = ?1 AND (hlc_ms, hlc_counter) "
        "<= (?2, ?3)");
    auto n = m_db.runReturningInt(sql, messageId, hlcMs, hlcCounter);
    if (!n)
        return Result<bool>::failure(n.error());
    return *n > 0;
}

Status HeldMessageStore::putAcceptance(const HeldAcceptanceRow &row)
{
    static const QString sql = QStringLiteral(
        "INSERT OR REPLACE INTO held_acceptances(message_id, hlc_ms, hlc_counter, accepted_by, "
        "accepted_on, accepted_at) VALUES (?, ?, ?, ?, ?, ?)");
    return m_db.run(sql, row.messageId, row.hlcMs, row.hlcCounter, row.acceptedBy, row.acceptedOn,
                    row.acceptedAt);
}

Result<QStringList> HeldMessageStore::heldIds()
{
    return m_db.rows(QStringLiteral("SELECT message_id FROM held_messages WHERE released_at IS "
                                    "NULL ORDER BY message_id"),
                     [](const SqlRow &r) { return r.text(0); });
}
