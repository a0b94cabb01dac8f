#include "peerprogressstore.h"

#include "database.h"

Status PeerProgressStore::record(const QString &peer, const QString &origin, qint64 seq)
{
    static const QString sql = QStringLiteral(
        "INSERT INTO peer_progress(peer_terminal, origin, acked_seq) VALUES (?, ?, ?) "
        "ON CONFLICT(peer_terminal, origin) DO UPDATE SET acked_seq = "
        "MAX(acked_seq, excluded.acked_seq)");
    return m_db.run(sql, peer, origin, seq);
}

Result<QMap<QString, qint64>> PeerProgressStore::holds(const QString &peer)
{
    static const QString sql =
        QStringLiteral("SELECT origin, acked_seq FROM peer_progress WHERE peer_terminal = ?");
    QMap<QString, qint64> out;
    if (Status s = m_db.forEach(
            sql, [&out](const SqlRow &r) { out.insert(r.text(0), r.integer(1)); }, peer);
        !s)
        return Result<QMap<QString, qint64>>::failure(s.error());
    return out;
}
