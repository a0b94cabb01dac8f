#pragma once

#include "backoff.h"
#include "cloudclient.h"
#include "cloudqueuestore.h"
#include "cloudreply.h"
#include "result.h"

#include "clocktimer.h"
#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

class Clock;
class Database;
class QNetworkAccessManager;

struct CloudSyncConfig
{
    QString supabaseUrl; // the project URL; the function is at /functions/v1/sync-pos-message
    CloudAuth::Mode auth = CloudAuth::Mode::LaneCredential;
    QByteArray secret; // the lane's credential (or the service key): sent as Bearer, never logged
    QString storeId = QStringLiteral("store-1");
    QString terminalId;
    int intervalMs = 30000;        // a run every 30 s (seed)
    int batchSize = 200;           // messages per request (the function takes up to 500)
    int timeoutMs = 20000;         // transfer timeout of one request
    int maxRetries = 3;            // rejections before a message is marked failed (seed)
    int retryBaseMs = 60000;       // a rejected message waits this, doubling per rejection
    int pendingAfterMs = 60000;    // pending (not peer-acked) messages this old go too
    bool hasPeers = true;          // without peers, pending messages go at once
    qint64 relayAfterMs = 3600000; // origin lane quiet this long: upload its messages here too
    int parallelRequests = 4;      // requests in flight at once, each with its own messages
    int offlineInitialMs = 5000;   // whole-queue backoff when the cloud cannot be reached
    int offlineMaxMs = 300000;
};

// The lane's cloud pusher (seed "Cloud Sync"): uploads outbox messages in batches to the
// sync-pos-message Edge Function and marks each stored or duplicate one cloud_ack, all marks of
// one reply in one SQLite transaction. Transactions go first, then by age. A message the function
// rejects is retried with exponential backoff and marked failed after maxRetries; when the cloud
// cannot be reached at all, the whole queue backs off without spending any message's retries.
// It keeps the schedule (timers on the lane's clock, backoff, batch sizes) and the health; the
// queue's SQL is CloudQueueStore's, the HTTP CloudClient's, what a reply means CloudReply's.
class CloudSync : public QObject
{
    Q_OBJECT
public:
    struct Health
    {
        bool enabled = false;
        bool reachable = false; // the last request got an answer from the function
        bool ok = false;        // ... and it was a success
        QString lastSuccessAt;  // ISO 8601 UTC
        QString lastAttemptAt;
        QString lastError;        // why the last attempt failed; empty after a success
        QString backoffUntil;     // the queue waits until then (cloud unreachable)
        qint64 uploaded = 0;      // messages acked by the cloud since start
        qint64 rejected = 0;      // rejections since start
        qint64 failed = 0;        // outbox messages marked failed (now, from the database)
        qint64 relayedFailed = 0; // relayed messages past maxRetries
        QJsonObject toJson() const;
    };

    // Requests go through nam, which must outlive this; without one, CloudSync makes its own.
    CloudSync(Database &db, Clock &clock, CloudSyncConfig config,
              QNetworkAccessManager *nam = nullptr, QObject *parent = nullptr);
    ~CloudSync() override;

    static QUrl functionUrl(const QString &supabaseUrl)
    {
        return CloudClient::functionUrl(supabaseUrl);
    }

    // Starts the schedule; the first run follows at once.
    void start();
    void stop();
    // A run now (after the current request, if one is in flight).
    void syncNow();
    // The admin screen's "retry": failed messages (outbox and relayed) get their retries back
    // and go with the next run, which starts now. Returns how many were reset.
    [[nodiscard]] Result<int> retryFailed();
    // n messages were added to or acked in the outbox; past a batch size a run starts early.
    void noteQueued(int n);
    // Lanes the peer server sees now: their messages are not uploaded here.
    void setConnectedOrigins(std::function<QStringList()> origins)
    {
        m_connectedOrigins = std::move(origins);
    }

    const Health &health() const { return m_health; }
    bool busy() const { return m_client.inFlight() > 0; }
    // What the uploads cost in bytes: JSON, and gzip on the wire.
    const CloudClient::Traffic &traffic() const { return m_client.traffic(); }
    const CloudSyncConfig &config() const { return m_config; }

signals:
    void healthChanged();
    // One reply handled: how many of the batch were stored or duplicate, and rejected.
    void batchDone(int acked, int rejected);
    // The queue has nothing left that is due (a run found no message to send).
    void idle();
    // A reply carried the server's Date (whole seconds), rttMs after its request was sent: a
    // sample of the cloud's clock for the store's time (StoreClock::noteCloud).
    void serverDate(qint64 dateMs, qint64 rttMs);

private:
    struct Item
    {
        QString id;
        QString origin; // terminal id; == config.terminalId for the outbox
        bool relayed = false;
        int priority = 1;
        QString createdAt;
        int retryCount = 0;
    };

    void run();
    // run() once the commits it would read are on disk.
    void upload();
    [[nodiscard]] Result<QList<Item>> select(QByteArray &body);
    [[nodiscard]] Result<QStringList> quietOrigins();
    void post(const QByteArray &body, const QList<Item> &items);
    void onReply(const QList<Item> &items, const CloudReply::Outcome &reply, qint64 rttMs);
    void handleResults(const QList<Item> &items, const QList<CloudReply::Message> &results);
    void queueBackoff(const QString &why, bool reachable);
    void finishRun(bool continueNow);
    // Writes the health to lane_meta (for --health); publishHealth also tells the UI.
    [[nodiscard]] Status recordHealth();
    void publishHealth();
    void refreshFailedCounts();

    Database &m_db;
    bool m_waitingDurable = false; // run() waits for the lane's commits to be on disk
    Clock &m_clock;
    CloudSyncConfig m_config;
    CloudQueueStore m_queue;
    CloudClient m_client;
    ClockTimer m_timer;
    ClockTimer m_backoffTimer;
    Backoff m_backoff;
    QSet<QString> m_inFlightIds;
    int m_limit;          // batch size now: halves while the function refuses whole bodies
    int m_queued = 0;     // messages noted since the last run
    bool m_again = false; // syncNow() during a request
    bool m_started = false;
    std::function<QStringList()> m_connectedOrigins;
    Health m_health;
};
