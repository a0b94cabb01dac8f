#include "syncstatuscontroller.h"

#include "clock.h"
#include "lane.h"

#include <QJSEngine>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace {
SyncStatusController *s_instance = nullptr;
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
    if (PrintQueue *printer = m_lane.printer())
        connect(printer, &PrintQueue::changed, this, &SyncStatusController::changed,
                Qt::UniqueConnection);
    if (PeerSync *peers = m_lane.peerSync())
        connect(peers, &PeerSync::healthChanged, this, &SyncStatusController::scheduleRefresh,
                Qt::UniqueConnection);
    if (CloudSync *cloud = m_lane.cloudSync())
        connect(cloud, &CloudSync::healthChanged, this, &SyncStatusController::scheduleRefresh,
                Qt::UniqueConnection);
    connect(&m_lane.reconciler(), &Reconciler::statusChanged, this,
            &SyncStatusController::scheduleRefresh, Qt::UniqueConnection);
    connect(&m_lane.storeClock(), &StoreClock::changed, this,
            &SyncStatusController::scheduleRefresh, Qt::UniqueConnection);
    connect(&m_lane.heldMessages(), &HeldMessages::changed, this,
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
    m_sampleClock = false;
    refresh();
}

QString SyncStatusController::printerLine() const
{
    const PrintQueue *printer = m_lane.printer();
    if (!printer)
        return {};
    const int waiting = int(printer->queued());
    if (waiting == 0)
        return printer->message();
    // Two strings rather than %n: English has no translation file to supply the plural, and
    // here the count is never 0, where French and English differ.
    return printer->message() + QStringLiteral(" \u2013 ") +
           (waiting == 1 ? tr("1 receipt waiting") : tr("%1 receipts waiting").arg(waiting));
}

bool SyncStatusController::printerProblem() const
{
    const PrintQueue *printer = m_lane.printer();
    return printer && printer->state() != PrintQueue::State::Ready &&
           printer->state() != PrintQueue::State::Printing;
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
    if (!m_sampleClock) {
        const StoreClock &clock = m_lane.storeClock();
        ClockView view;
        view.ownSkewed = clock.isSkewed();
        view.ownOffsetMs = -clock.correctionMs(); // own clock - store's time
        view.byCloud = clock.stratum() > 0;
        const QJsonObject peers = clock.state().value(QLatin1String("peers")).toObject();
        for (auto it = peers.constBegin(); it != peers.constEnd(); ++it) {
            const QJsonObject p = it.value().toObject();
            if (p.value(QLatin1String("skewed")).toBool())
                view.skewedPeers.append({it.key(), p.value(QLatin1String("offsetMs")).toInteger() -
                                                       clock.correctionMs()});
        }
        view.held = 0;
        if (auto held = m_lane.heldMessages().waiting(); held)
            view.held = int(held->size());
        setClock(view);
    }
    Q_EMIT changed();
}

void SyncStatusController::setClock(const ClockView &view)
{
    const QString by = view.byCloud ? tr("the cloud's time") : tr("the other lanes' clocks");
    m_ownClockWarning.clear();
    if (view.ownSkewed)
        m_ownClockWarning =
            (view.ownOffsetMs > 0 ? tr("This lane's clock is %1 ahead of the store's time (by %2).")
                                  : tr("This lane's clock is %1 behind the store's time (by %2)."))
                .arg(span(view.ownOffsetMs), by) +
            QLatin1Char(' ') +
            tr("Sales carry the store's time; have this lane's clock set right.");
    QStringList warnings;
    if (!m_ownClockWarning.isEmpty())
        warnings.append(m_ownClockWarning);
    for (const auto &[terminal, off] : view.skewedPeers)
        warnings.append((off > 0 ? tr("Lane %1's clock is %2 ahead of the store's time.")
                                 : tr("Lane %1's clock is %2 behind the store's time."))
                            .arg(terminal, span(off)));
    m_held = view.held;
    if (m_held > 0)
        warnings.append(tr("Messages from other lanes held: %n, stamped too far ahead of the "
                           "store's time. A manager can accept them on the admin screen.",
                           nullptr, m_held));
    m_clockWarning = warnings.join(QLatin1Char('\n'));
}

void SyncStatusController::showSampleClock(const ClockView &view)
{
    m_sampleClock = true;
    setClock(view);
    Q_EMIT changed();
}

QString SyncStatusController::span(qint64 ms)
{
    const qint64 s = std::llabs(ms) / 1000;
    // Whole units where they are whole ("1 h", "3 days"), else one decimal ("1.5 h").
    auto units = [](qint64 seconds, qint64 unit) {
        return QLocale().toString(double(seconds) / double(unit), 'f', seconds % unit ? 1 : 0);
    };
    if (s >= 2 * 86400)
        return tr("%1 days").arg(units(s, 86400));
    if (s >= 3600)
        return tr("%1 h").arg(units(s, 3600));
    if (s >= 2 * 60)
        return tr("%1 min").arg(s / 60);
    return tr("%1 s").arg(s);
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
    auto reset = m_lane.retryFailed();
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
