#pragma once

#include "inventorysnapshot.h"
#include "messagelog.h"
#include "reconcilerule.h"
#include "reconciliationstore.h"
#include "result.h"
#include "stockledger.h"

#include "clocktimer.h"
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QSet>

#include <QTimer>
#include <QVariantMap>

#include <functional>

class Clock;
class Database;
class Hlc;
class IdGenerator;
class Outbox;

struct ReconcilerConfig
{
    int firstRunMs = 30 * 1000;
    int intervalMs = 10 * 60 * 1000; // 0: on demand only
    int answerTimeoutMs = 10 * 1000; // per round, for peers' inventory answers
    int catchUpTimeoutMs = 10 * 1000;
    int catchUpPollMs = 100;
    int maxRounds = 3; // request, catch up, request again...
};

// What reconciliation needs from peer sync; PeerSync in the lane, a simulated network in tests.
struct ReconcilerLinks
{
    std::function<QStringList()> connectedPeers;
    std::function<void(const QString &peer, const QByteArray &frame)> send;
    // Ask the peer for every message this lane lacks (sync_request with our vector).
    std::function<void(const QString &peer)> catchUp;
};

// The seed's inventory reconciliation on top of the exact stock ledger: checksum, snapshots from
// every connected peer, catch-up of missing messages first, then last write wins on the
// baseline's HLC time for what still differs, with conflicts and runs recorded. Never two runs at
// once; scheduled (first run, then every interval) and on demand.
class Reconciler : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool running READ isRunning NOTIFY statusChanged)
    Q_PROPERTY(QVariantMap status READ status NOTIFY statusChanged)

public:
    // Baseline messages awaited per round, and named per peer in the summary, at most.
    static constexpr int MaxFetchedPerRound = 100;
    static constexpr int MaxReportedMissing = 10;

    Reconciler(Database &db, Outbox &outbox, Hlc &hlc, Clock &clock, IdGenerator &ids,
               QString terminalId, ReconcilerConfig config, ReconcilerLinks links,
               QObject *parent = nullptr);

    // Starts the schedule (first run after firstRunMs).
    void start();
    // Starts a run now; false (and nothing happens) while one is running.
    Q_INVOKABLE bool reconcileNow(const QString &trigger = QStringLiteral("manual"));
    bool isRunning() const { return m_run.active; }

    // Last run's summary and the schedule, for health and the admin screen.
    QVariantMap status() const;

    // The most recent conflicts reconciliation resolved, newest first, for the admin screen:
    // product, peer, both values and times, the chosen value and whose it was.
    Q_INVOKABLE QVariantList conflicts(int limit = 100);

    // A manager's choice for a conflict: the product's stock becomes quantity (a stock take
    // stamped now, published to every lane) and the conflict records who chose what, when.
    [[nodiscard]] Status overrideConflict(qint64 conflictId, qint64 quantity,
                                          const QString &employeeId);

    // A peer's inventory_response frame (from PeerSync::inventoryResponse).
    void onInventoryResponse(const QString &peer, const QJsonObject &frame);

signals:
    void statusChanged();
    void finished(const QVariantMap &summary);

private:
    struct PeerAnswer
    {
        bool complete = false;
        QSet<int> parts; // part numbers received

        InventorySnapshot::Response response; // records of every part
    };
    struct Run
    {
        bool active = false;
        QString id;
        QString trigger;
        QString startedAt;
        QString checksumBefore;
        QByteArray bucketsBefore;
        QString requestChecksum; // this lane's checksum when the current round's request went
        // What this lane held when the run began: peers are compared against it, so the run's
        // own messages (and sales rung meanwhile) do not count as missing on their side.
        PeerProtocol::VersionVector before;
        qint64 startChange = 0; // inventory_changes after this id: changed during the run
        qint64 changedDuringRun = 0;
        int round = 0;
        QString requestId;
        QStringList asked;
        QSet<QString> everAnswered;
        QHash<QString, PeerAnswer> answers;
        QStringList unanswered;
        QStringList notCaughtUp;
        // This lane's vector when the current round's request went: a peer's answer is compared
        // with it (the peer answers as of the request).
        PeerProtocol::VersionVector requestVector;
        // Peers whose figures could not be compared: no vector, other messages than this lane.
        QStringList notComparable;
        // Per peer: figures no message backs, and the baseline messages named but not held.
        struct Unbacked
        {
            qint64 figures = 0;
            QStringList missing;
        };
        QMap<QString, Unbacked> unbacked;
        // Baseline messages peers named that this lane lacked: asked for, then awaited.
        QSet<QString> fetching;
        qint64 productsCompared = 0;
        qint64 differences = 0;
        qint64 resolved = 0;
        QStringList notes;
    };

    void requestRound(const QStringList &peers);
    void roundDone();
    void waitForCatchUp(const QStringList &peers, qint64 deadlineMs);
    void resolve(const QStringList &peers);
    void finish(const QString &result);
    bool coversVector(const PeerProtocol::VersionVector &theirs);
    // The peer holds the same messages as this lane did when it asked: its vector equals that
    // one, except that of this lane's own messages it needs only those from before the run.
    bool sameMessages(const InventorySnapshot::Response &r) const;
    // The baseline messages that the peer's differing records name and this lane does not hold.
    [[nodiscard]] Result<QStringList> missingBaselines(const InventorySnapshot::Response &r);
    [[nodiscard]] Result<bool> holdsAll(const QSet<QString> &messageIds);
    // What the peer's record rests on, checked against this lane's copy of the named message.
    [[nodiscard]] Result<ReconcileRule::Backing> backingOf(const InventoryRecord &remote,
                                                           const InventoryRecord *local);
    void noteNotComparable(const QString &peer, const QString &why);
    Status recordRunStart();
    Status publishEvent(const QString &topic, const QJsonObject &payload);
    void recordNextRun();

    Database &m_db;
    Outbox &m_outbox;
    Hlc &m_hlc;
    Clock &m_clock;
    IdGenerator &m_ids;
    QString m_terminal;
    ReconcilerConfig m_config;
    ReconcilerLinks m_links;
    MessageLog m_log;
    StockLedger m_ledger;
    ReconciliationStore m_store;
    ClockTimer m_schedule;
    ClockTimer m_answerTimer;
    Run m_run;
    QVariantMap m_last;
    QString m_nextRunAt;
    bool m_started = false;
};
