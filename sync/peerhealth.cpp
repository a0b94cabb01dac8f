#include "peerhealth.h"

#include "clock.h"

#include <QDateTime>
#include <QJsonArray>

#include <algorithm>

QString PeerHealth::Peer::backoffUntil() const
{
    return backoffUntilMs > 0
               ? Clock::toIso(QDateTime::fromMSecsSinceEpoch(backoffUntilMs, Qt::UTC))
               : QString();
}

QJsonObject PeerHealth::Peer::toJson() const
{
    QJsonObject o{{QStringLiteral("peer"), key},
                  {QStringLiteral("url"), url},
                  {QStringLiteral("terminalId"), terminalId},
                  {QStringLiteral("direction"), direction},
                  {QStringLiteral("state"), state},
                  {QStringLiteral("since"), since},
                  {QStringLiteral("lastMessageAt"), lastMessageAt},
                  {QStringLiteral("unacked"), unacked},
                  {QStringLiteral("rejects"), rejects},
                  {QStringLiteral("lastError"), lastError},
                  {QStringLiteral("channel"), channel}};
    if (!storeKey.isEmpty())
        o.insert(QStringLiteral("storeKey"), storeKey);
    if (backoffUntilMs > 0)
        o.insert(QStringLiteral("backoffUntil"), backoffUntil());
    return o;
}

QJsonObject PeerHealth::toJson() const
{
    QJsonArray list;
    for (const Peer &p : peers)
        list.append(p.toJson());
    return {{QStringLiteral("terminalId"), terminalId},
            {QStringLiteral("listening"), listening},
            {QStringLiteral("port"), port},
            {QStringLiteral("lastSyncAt"), lastSyncAt},
            {QStringLiteral("peers"), list}};
}

QVariantList PeerHealth::peersAsVariants() const
{
    QVariantList list;
    for (const Peer &p : peers)
        list.append(p.toJson().toVariantMap());
    return list;
}

qint64 PeerHealth::unackedBy(const QString &peerTerminal, const PeerProtocol::VersionVector &have,
                             const PeerProtocol::VersionVector &peerHolds)
{
    qint64 unacked = 0;
    for (auto m = have.cbegin(); m != have.cend(); ++m)
        if (m.key() != peerTerminal)
            unacked += std::max<qint64>(0, m.value() - peerHolds.value(m.key()));
    return unacked;
}
