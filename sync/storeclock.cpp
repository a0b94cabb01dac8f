#include "storeclock.h"

#include "synclog.h"

#include <QJsonValue>

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace {
qint64 median(std::vector<qint64> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    if (n % 2 == 1)
        return v[n / 2];
    // The mean of the middle two, rounded down: the same on every lane for the same clocks.
    const qint64 a = v[n / 2 - 1];
    const qint64 b = v[n / 2];
    return a + (b - a) / 2;
}

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', ms % 1000 == 0 ? 0 : 1);
}

} // namespace

QString StoreClock::aheadOrBehind(qint64 ms)
{
    return ms >= 0 ? QStringLiteral("%1 s ahead of").arg(seconds(ms))
                   : QStringLiteral("%1 s behind").arg(seconds(-ms));
}

StoreClock::Decision StoreClock::decide(qint64 ownAnchorMs, const std::optional<Vote> &cloud,
                                        const QMap<QString, Vote> &peers, qint64 toleranceMs)
{
    Decision d;
    const auto withTolerance = [&](qint64 reference) {
        return std::llabs(reference - ownAnchorMs) <= toleranceMs ? ownAnchorMs : reference;
    };
    if (cloud) {
        d.anchorMs = withTolerance(cloud->anchorMs);
        d.stratum = 1;
        d.source = QStringLiteral("the cloud");
        return d;
    }
    int best = 0;
    for (const Vote &v : peers)
        if (v.stratum > 0 && (best == 0 || v.stratum < best))
            best = v.stratum;
    std::vector<qint64> votes;
    if (best > 0) {
        for (auto it = peers.cbegin(); it != peers.cend(); ++it)
            if (it.value().stratum == best) {
                votes.push_back(it.value().agreedAnchorMs);
                d.voters.append(it.key());
            }
        d.anchorMs = withTolerance(median(votes));
        d.stratum = best + 1;
        d.source = QStringLiteral("lanes %1 (cloud time)").arg(d.voters.join(QStringLiteral(", ")));
        return d;
    }
    votes.push_back(ownAnchorMs);
    for (auto it = peers.cbegin(); it != peers.cend(); ++it) {
        votes.push_back(it.value().anchorMs);
        d.voters.append(it->via.isEmpty() ? it.key()
                                          : QStringLiteral("%1 (via %2)").arg(it.key(), it->via));
    }
    d.anchorMs = median(votes);
    d.stratum = 0;
    d.source = d.voters.isEmpty() ? QStringLiteral("this lane's clock")
                                  : QStringLiteral("the median of this lane's and %1's clocks")
                                        .arg(d.voters.join(QStringLiteral(", ")));
    return d;
}

StoreClock::StoreClock(Clock &physical, QString terminalId, qint64 maxSkewMs, QObject *parent)
    : QObject(parent)
    , m_physical(physical)
    , m_terminal(std::move(terminalId))
    , m_maxSkewMs(maxSkewMs)
{
    m_lastOwnAnchorMs = ownAnchorMs();
    m_decision = decide(m_lastOwnAnchorMs, m_cloud, m_peers, 0);
}

qint64 StoreClock::ownAnchorMs() const
{
    return m_physical.nowUtc().toMSecsSinceEpoch() - m_physical.elapsedMs();
}

QDateTime StoreClock::nowUtc() const
{
    // The wall clock was set while the lane runs: the decision may rest on it.
    const qint64 own = ownAnchorMs();
    if (own != m_lastOwnAnchorMs)
        const_cast<StoreClock *>(this)->recompute(true);
    return QDateTime::fromMSecsSinceEpoch(m_physical.elapsedMs() + m_decision.anchorMs, Qt::UTC);
}

qint64 StoreClock::correctionMs() const
{
    return m_decision.anchorMs - ownAnchorMs();
}

bool StoreClock::isSkewed() const
{
    return std::llabs(correctionMs()) > m_maxSkewMs;
}

void StoreClock::notePeer(const QString &terminal, qint64 peerClockMs, qint64 peerCorrectionMs,
                          int peerStratum, qint64 rttMs)
{
    const qint64 atReceipt = peerClockMs + std::max<qint64>(0, rttMs) / 2;
    Vote v;
    v.anchorMs = atReceipt - m_physical.elapsedMs();
    v.agreedAnchorMs = v.anchorMs + peerCorrectionMs;
    v.stratum = std::clamp(peerStratum, 0, 16);
    v.sampledAt = nowIso();
    const auto before = m_peers.constFind(terminal);
    const bool news = before == m_peers.cend() || !before->via.isEmpty() ||
                      std::llabs(before->anchorMs - v.anchorMs) > 1000;
    m_peers.insert(terminal, v);
    recompute();
    reportPeerSkew(terminal);
    if (news)
        Q_EMIT directOffsetsChanged();
}

void StoreClock::noteGossip(const QString &from, const QMap<QString, qint64> &offsets)
{
    const auto sender = m_peers.constFind(from);
    if (sender == m_peers.cend() || !sender->via.isEmpty())
        return; // its clock unknown here: its offsets mean nothing yet
    const qint64 base = sender->anchorMs;
    for (auto it = m_peers.begin(); it != m_peers.end();)
        it = it->via == from ? m_peers.erase(it) : std::next(it);
    for (auto it = offsets.cbegin(); it != offsets.cend(); ++it) {
        if (it.key() == m_terminal || m_peers.contains(it.key()))
            continue; // sampled here, or heard of from another lane first
        Vote v;
        v.anchorMs = base + it.value();
        v.agreedAnchorMs = v.anchorMs;
        v.stratum = 0; // a raw clock: counts in the lanes' median only
        v.sampledAt = nowIso();
        v.via = from;
        m_peers.insert(it.key(), v);
    }
    recompute();
}

QMap<QString, qint64> StoreClock::directOffsets() const
{
    const qint64 own = ownAnchorMs();
    QMap<QString, qint64> offsets;
    for (auto it = m_peers.cbegin(); it != m_peers.cend(); ++it)
        if (it->via.isEmpty())
            offsets.insert(it.key(), it->anchorMs - own);
    return offsets;
}

void StoreClock::noteCloud(qint64 serverDateMs, qint64 rttMs)
{
    // The header has whole seconds: the server's time was within the second after it.
    const qint64 atReceipt = serverDateMs + 500 + std::max<qint64>(0, rttMs) / 2;
    Vote v;
    v.anchorMs = atReceipt - m_physical.elapsedMs();
    v.agreedAnchorMs = v.anchorMs;
    v.stratum = 0;
    v.sampledAt = nowIso();
    const bool first = !m_cloud;
    m_cloud = v;
    recompute();
    if (first)
        qCInfo(lcPeer).noquote() << "store time: the cloud's clock is"
                                 << aheadOrBehind(v.anchorMs - ownAnchorMs()) << "this lane's";
}

void StoreClock::recompute(bool queued)
{
    // The cloud's Date header has a resolution of one second: a lane within two of it keeps
    // its own (finer) clock.
    const qint64 own = ownAnchorMs();
    m_lastOwnAnchorMs = own;
    const Decision before = m_decision;
    m_decision = decide(own, m_cloud, m_peers, 2000);
    const bool skewed = isSkewed();
    const bool moved = m_decision.anchorMs != before.anchorMs ||
                       m_decision.stratum != before.stratum || m_decision.source != before.source;
    const bool skewChanged = skewed != m_skewed;
    // Logged when the lane becomes skewed or stops being so, and when its correction moves by
    // more than a second while skewed: not for every sample that confirms it.
    if (skewChanged || (skewed && std::llabs(correctionMs() - m_loggedCorrectionMs) > 1000)) {
        m_skewed = skewed;
        m_loggedCorrectionMs = correctionMs();
        if (skewed)
            qCWarning(lcPeer).noquote()
                << "this lane's clock is" << aheadOrBehind(-correctionMs())
                << QStringLiteral("the store's time (%1); the lane stamps its events with the "
                                  "store's time")
                       .arg(m_decision.source);
        else
            qCInfo(lcPeer).noquote()
                << QStringLiteral("this lane's clock agrees with the store's time (%1)")
                       .arg(m_decision.source);
    }
    if (moved || skewChanged) {
        // Found while reading the time (perhaps inside a write transaction): told from the event
        // loop, since a listener writes the state in a transaction of its own.
        if (queued)
            QMetaObject::invokeMethod(this, &StoreClock::changed, Qt::QueuedConnection);
        else
            Q_EMIT changed();
    }
    for (auto it = m_peers.cbegin(); it != m_peers.cend(); ++it)
        reportPeerSkew(it.key());
}

void StoreClock::reportPeerSkew(const QString &terminal)
{
    const auto it = m_peers.constFind(terminal);
    if (it == m_peers.cend())
        return;
    const qint64 off = it->anchorMs - m_decision.anchorMs;
    const bool skewed = std::llabs(off) > m_maxSkewMs;
    if (m_peerSkewed.value(terminal) == skewed)
        return;
    m_peerSkewed.insert(terminal, skewed);
    if (skewed)
        qCWarning(lcPeer).noquote() << "lane" << terminal << "has a clock" << aheadOrBehind(off)
                                    << "the store's time (limit" << seconds(m_maxSkewMs) << "s)";
    else
        qCInfo(lcPeer).noquote() << "lane" << terminal << "now agrees with the store's time";
}

QJsonObject StoreClock::state() const
{
    const qint64 own = ownAnchorMs();
    QJsonObject peers;
    for (auto it = m_peers.cbegin(); it != m_peers.cend(); ++it)
        peers.insert(it.key(),
                     QJsonObject{{QStringLiteral("offsetMs"), it->anchorMs - own},
                                 {QStringLiteral("agreedOffsetMs"), it->agreedAnchorMs - own},
                                 {QStringLiteral("stratum"), it->stratum},
                                 {QStringLiteral("sampledAt"), it->sampledAt},
                                 {QStringLiteral("via"), it->via},
                                 {QStringLiteral("skewed"), m_peerSkewed.value(it.key())}});
    QJsonObject o{{QStringLiteral("correctionMs"), correctionMs()},
                  {QStringLiteral("stratum"), m_decision.stratum},
                  {QStringLiteral("source"), m_decision.source},
                  {QStringLiteral("skewed"), isSkewed()},
                  {QStringLiteral("maxSkewMs"), m_maxSkewMs},
                  {QStringLiteral("agreedTime"), nowIso()},
                  {QStringLiteral("ownClock"), Clock::msToIso(physicalMs())},
                  {QStringLiteral("peers"), peers}};
    if (m_cloud)
        o.insert(QStringLiteral("cloud"),
                 QJsonObject{{QStringLiteral("offsetMs"), m_cloud->anchorMs - own},
                             {QStringLiteral("sampledAt"), m_cloud->sampledAt}});
    return o;
}

void StoreClock::load(const QJsonObject &state)
{
    const qint64 own = ownAnchorMs();
    const QJsonObject peers = state.value(QLatin1String("peers")).toObject();
    for (auto it = peers.constBegin(); it != peers.constEnd(); ++it) {
        const QJsonObject p = it.value().toObject();
        if (!p.value(QLatin1String("offsetMs")).isDouble())
            continue;
        Vote v;
        v.anchorMs = own + p.value(QLatin1String("offsetMs")).toInteger();
        v.agreedAnchorMs = own + p.value(QLatin1String("agreedOffsetMs")).toInteger();
        v.stratum = std::clamp(int(p.value(QLatin1String("stratum")).toInt()), 0, 16);
        v.sampledAt = p.value(QLatin1String("sampledAt")).toString();
        v.via = p.value(QLatin1String("via")).toString();
        m_peers.insert(it.key(), v);
    }
    const QJsonObject cloud = state.value(QLatin1String("cloud")).toObject();
    if (cloud.value(QLatin1String("offsetMs")).isDouble()) {
        Vote v;
        v.anchorMs = own + cloud.value(QLatin1String("offsetMs")).toInteger();
        v.agreedAnchorMs = v.anchorMs;
        v.sampledAt = cloud.value(QLatin1String("sampledAt")).toString();
        m_cloud = v;
    }
    recompute();
}
