#pragma once

#include "clocktimer.h"

#include "peerstatusmodel.h"

#include <QObject>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class Lane;
class QJSEngine;
class QQmlEngine;

// The sync status panel (seed "Monitoring") and the checkout's sync indicator: peers, outbox
// counts, cloud, last reconciliation and clock skew. Updated when the peer server, the cloud
// pusher or the reconciler report a change, or a commit changes the outbox (coalesced), never by
// polling.
class SyncStatusController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(PeerStatusModel *peers READ peers CONSTANT)
    Q_PROPERTY(int configuredPeers READ configuredPeers CONSTANT)
    Q_PROPERTY(int connectedPeers READ connectedPeers NOTIFY changed)
    Q_PROPERTY(bool peerSyncRunning READ peerSyncRunning NOTIFY changed)
    Q_PROPERTY(QString peerSyncProblem READ peerSyncProblem NOTIFY changed)
    Q_PROPERTY(qint64 pending READ pending NOTIFY changed)
    Q_PROPERTY(qint64 peerAcked READ peerAcked NOTIFY changed)
    Q_PROPERTY(qint64 cloudAcked READ cloudAcked NOTIFY changed)
    Q_PROPERTY(qint64 failed READ failed NOTIFY changed)
    Q_PROPERTY(bool cloudEnabled READ cloudEnabled CONSTANT)
    Q_PROPERTY(QVariantMap cloud READ cloud NOTIFY changed)
    Q_PROPERTY(QVariantMap reconciliation READ reconciliation NOTIFY changed)
    // The store's time: this lane's clock off it (ownClockWarning, also shown on the checkout
    // screen), other lanes' clocks off it, and messages held for a time too far ahead.
    Q_PROPERTY(QString ownClockWarning READ ownClockWarning NOTIFY changed)
    Q_PROPERTY(QString clockWarning READ clockWarning NOTIFY changed)
    Q_PROPERTY(int heldMessages READ heldMessages NOTIFY changed)
    // The indicator: "synced", "waiting" (count messages on their way), "offline", or "local"
    // (no peers and no cloud configured).
    Q_PROPERTY(QString indicator READ indicator NOTIFY changed)
    Q_PROPERTY(qint64 waiting READ waiting NOTIFY changed)
    Q_PROPERTY(QString message READ message NOTIFY changed)
    // The receipt printer: "Printer offline – 3 receipts waiting"; empty when there is none.
    Q_PROPERTY(QString printerLine READ printerLine NOTIFY changed)
    // The printer cannot print now (offline, out of paper, an error).
    Q_PROPERTY(bool printerProblem READ printerProblem NOTIFY changed)
public:
    explicit SyncStatusController(Lane &lane, QObject *parent = nullptr);
    ~SyncStatusController() override;

    static void setInstance(SyncStatusController *instance);
    static SyncStatusController *create(QQmlEngine *, QJSEngine *);

    PeerStatusModel *peers() { return &m_peers; }
    int configuredPeers() const;
    int connectedPeers() const;
    bool peerSyncRunning() const;
    QString peerSyncProblem() const;
    qint64 pending() const { return m_pending; }
    qint64 peerAcked() const { return m_peerAcked; }
    qint64 cloudAcked() const { return m_cloudAcked; }
    qint64 failed() const { return m_failed; }
    bool cloudEnabled() const;
    QVariantMap cloud() const { return m_cloud; }
    QVariantMap reconciliation() const { return m_reconciliation; }
    QString ownClockWarning() const { return m_ownClockWarning; }
    QString clockWarning() const { return m_clockWarning; }
    int heldMessages() const { return m_held; }
    // "3 days", "2 h", "10 min", "45 s", in the UI's language.
    static QString span(qint64 ms);
    QString message() const { return m_message; }
    QString indicator() const;
    qint64 waiting() const;
    QString printerLine() const;
    bool printerProblem() const;

    // Reads everything again now.
    Q_INVOKABLE void refresh();
    // Manager actions (refused for anyone else): failed cloud messages get their retries back;
    // an inventory reconciliation starts now. The outcome is in message().
    Q_INVOKABLE bool retryFailedUploads();
    Q_INVOKABLE bool reconcileNow();
    // Connects to the lane's peer server, cloud pusher and reconciler (call after they started).
    void attach();
    // For the screenshot tour: peers in the states the panel must show well.
    void showSamplePeers(const QList<PeerStatusModel::Peer> &peers);
    void clearSamplePeers(); // and the sample clock
    // What the clock warnings are made of (own offset: own clock - store's time).
    struct ClockView
    {
        bool ownSkewed = false;
        qint64 ownOffsetMs = 0;
        bool byCloud = false;
        QList<std::pair<QString, qint64>> skewedPeers; // offset from the store's time
        int held = 0;
    };
    // The screenshot tour's clock warnings (its lane has no peers to disagree with).
    void showSampleClock(const ClockView &view);

Q_SIGNALS:
    void changed();

private:
    void scheduleRefresh();
    bool managerPresent();

    Lane &m_lane;
    PeerStatusModel m_peers;
    ClockTimer m_coalesce; // on the lane's clock
    qint64 m_pending = 0;
    qint64 m_peerAcked = 0;
    qint64 m_cloudAcked = 0;
    qint64 m_failed = 0;
    QVariantMap m_cloud;
    QVariantMap m_reconciliation;
    void setClock(const ClockView &view);
    bool m_sampleClock = false;
    QString m_ownClockWarning;
    QString m_clockWarning;
    int m_held = 0;
    QString m_message;
    bool m_sample = false;
};
