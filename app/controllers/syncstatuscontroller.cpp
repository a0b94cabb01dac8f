#include "syncstatuscontroller.h"

#include "clock.h"
#include "lane.h"

#include <QJSEngine>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
SyncStatusController *s_instance = nullptr;
// A clock skew event this recent is shown as a warning (as in --health).
constexpr qint64 kRecentSkewMs = 600 * 1000;
} // namespace

SyncStatusController::SyncStatusController(Lane &lane, QObject *parent)
    : QObject(parent)
    , m_lane(lane)
    , m_coalesce(lane.clock())
{
    // Commits come in bursts (a sale, a batch of received messages): one read per burst.
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(250);
    connect(&m_coalesce, &ClockTimer::timeout, this, &SyncStatusController::refresh);
    m_lane.database().addCommitHook(this, [this] { scheduleRefresh(); });
    refresh();
}

SyncStatusController::~SyncStatusController()
{
    m_lane.database().removeCommitHooks(this);
}

void SyncStatusController::setInstance(SyncStatusController *instance)
{
    s_instance = instance;
}

SyncStatusController *SyncStatusController::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT(s_instance);
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void SyncStatusController::attach()
{
    if (PeerSync *peers = m_lane.peerSync())
        connect(peers, &PeerSync::healthChanged, this, &SyncStatusController::scheduleRefresh,
                Qt::UniqueConnection);
    if (CloudSync *cloud = m_lane.cloudSync())
        connect(cloud, &CloudSync::healthChanged, this, &SyncStatusController::scheduleRefresh,
                Qt::UniqueConnection);
    connect(&m_lane.reconciler(), &Reconciler::statusChanged, this,
            &SyncStatusController::scheduleRefresh, Qt::UniqueConnection);
    refresh();
}

void SyncStatusController::scheduleRefresh()
{
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

int SyncStatusController::configuredPeers() const
{
    return int(m_lane.config().peerTerminals.size());
}

int SyncStatusController::connectedPeers() const
{
    int n = 0;
    for (const PeerStatusModel::Peer &p : m_peers.peers())
        n += p.connected() ? 1 : 0;
    return n;
}

bool SyncStatusController::peerSyncRunning() const
{
    return m_sample || m_lane.peerSync() != nullptr;
}

QString SyncStatusController::peerSyncProblem() const
{
    return m_lane.peerSyncProblem();
}

bool SyncStatusController::cloudEnabled() const
{
    return m_lane.config().cloudEnabled();
}

qint64 SyncStatusController::waiting() const
{
    // Without a cloud, a message has arrived once a peer has it.
    return m_pending + (cloudEnabled() ? m_peerAcked + m_failed : 0);
}

QString SyncStatusController::indicator() const
{
    const bool peerLinks = configuredPeers() > 0;
    const bool peerUp = connectedPeers() > 0;
    if (!peerLinks && !peerUp && !cloudEnabled())
        return QStringLiteral("local"); // nowhere to sync to: a single lane without a cloud
    const bool cloudUp = cloudEnabled() && m_cloud.value(QStringLiteral("reachable")).toBool();
    if ((peerLinks || cloudEnabled()) && !peerUp && !cloudUp)
        return QStringLiteral("offline");
    return waiting() > 0 ? QStringLiteral("waiting") : QStringLiteral("synced");
}

void SyncStatusController::showSamplePeers(const QList<PeerStatusModel::Peer> &peers)
{
    m_sample = true;
    m_peers.setPeers(peers);
    Q_EMIT changed();
}

void SyncStatusController::clearSamplePeers()
{
    m_sample = false;
    refresh();
}

void SyncStatusController::refresh()
{
    Database &db = m_lane.database();
    if (!m_sample)
        m_peers.reload(db);
    if (auto counts = m_lane.outbox().store().countByStatus(); counts) {
        m_pending = counts->value(QStringLiteral("pending"));
        m_peerAcked = counts->value(QStringLiteral("peer_ack"));
        m_cloudAcked = counts->value(QStringLiteral("cloud_ack"));
        m_failed = counts->value(QStringLiteral("failed"));
    }
    if (CloudSync *cloud = m_lane.cloudSync())
        m_cloud = cloud->health().toJson().toVariantMap();
    else
        m_cloud = {{QStringLiteral("enabled"), false}};
    m_reconciliation = m_lane.reconciler().status();
    const Hlc::Skew &skew = m_lane.hlc().skew();
    m_clockWarning.clear();
    const QDateTime at = Clock::fromIso(skew.lastAt);
    if (skew.events > 0 && at.isValid() && at.msecsTo(m_lane.clock().nowUtc()) < kRecentSkewMs)
        m_clockWarning = tr("Lane %1's clock was %2 s ahead of this lane's at %3")
                             .arg(skew.lastFrom)
                             .arg(skew.lastAheadMs / 1000)
                             .arg(at.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
    Q_EMIT changed();
}

bool SyncStatusController::managerPresent()
{
    const auto &e = m_lane.session().current();
    if (e && e->isManager())
        return true;
    m_message = tr("Only a manager can do this.");
    Q_EMIT changed();
    return false;
}

bool SyncStatusController::retryFailedUploads()
{
    if (!managerPresent())
        return false;
    CloudSync *cloud = m_lane.cloudSync();
    if (!cloud) {
        m_message = tr("Cloud sync is off on this lane.");
        Q_EMIT changed();
        return false;
    }
    auto reset = cloud->retryFailed();
    m_message = reset ? tr("Failed messages queued for upload again: %n.", "", *reset)
                      : tr("Retry failed: %1").arg(reset.error());
    refresh();
    return bool(reset);
}

bool SyncStatusController::reconcileNow()
{
    if (!managerPresent())
        return false;
    const bool started = m_lane.reconciler().reconcileNow(QStringLiteral("manager"));
    m_message =
        started ? tr("Reconciliation started.") : tr("A reconciliation is already running.");
    refresh();
    return started;
}
