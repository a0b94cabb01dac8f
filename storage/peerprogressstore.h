#pragma once

#include "result.h"

#include <QMap>
#include <QString>

class Database;

// SQL access to what each peer lane is known to hold, per origin (peer_progress): learnt from its
// hello and its acks, kept for "not yet acked" counts while it is away.
class PeerProgressStore
{
public:
    explicit PeerProgressStore(Database &db)
        : m_db(db)
    {
    }

    // The peer holds origin's messages up to seq; a lower seq than known changes nothing.
    [[nodiscard]] Status record(const QString &peer, const QString &origin, qint64 seq);
    // Per origin: the seq up to which the peer holds its messages.
    [[nodiscard]] Result<QMap<QString, qint64>> holds(const QString &peer);

private:
    Database &m_db;
};
